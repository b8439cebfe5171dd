import type { DbOrTx, SqlRunner } from '@autofin/db';
import type { RuleGroup } from '@autofin/contracts';
import { runnerOf } from '../customers/sql-runner.ts';
import { compileRule, matchingProfiles, PROFILE_ACTIVE, PROFILE_FROM } from './segment-sql.ts';
import { estimateWindows } from './window-estimates.ts';

/**
 * For the transaction a whole-market count runs in (set_config(…, true) ends with it). JIT: the count's
 * cost estimate passes PostgreSQL's JIT threshold, and compiling took 0.1–2.9 s of a sub-second query
 * at 1 M customers. work_mem: the window's per-customer counts (46,000 groups of 337,000 events) spilled
 * to disk at the default 4 MB. PGlite accepts both settings.
 */
export const COUNT_SETTINGS = `SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`;

/** Runs `fn` in a transaction of its own with the count settings. */
export async function withCountSettings<T>(db: DbOrTx, fn: (run: SqlRunner) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const run = runnerOf(tx);
    await run.query(COUNT_SETTINGS);
    return fn(run);
  });
}

/** countRule with the count settings: what POST /api/segments/preview runs. */
export async function previewRule(db: DbOrTx, rule: RuleGroup, now: Date, sampleSize: number): Promise<{ count: number; sampleIds: string[] }> {
  return withCountSettings(db, (run) => countRule(run, rule, now, sampleSize));
}

/**
 * Customers matching a rule now: the count, and a sample (newest first) for the preview. One pass:
 * the count is a window over every match, computed before the sample's LIMIT. The planner's estimates of the
 * rule's event windows are asked first: they decide whether an AND's event conditions form one set (ADR 0021).
 */
export async function countRule(db: SqlRunner, rule: RuleGroup, now: Date, sampleSize: number): Promise<{ count: number; sampleIds: string[] }> {
  const { sql, params } = matchingProfiles(rule, await estimateWindows(db, rule, now));
  if (sampleSize <= 0) {
    const [counted] = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM (${sql}) m`, [now.toISOString(), ...params]);
    return { count: Number(counted?.n ?? 0), sampleIds: [] };
  }
  const rows = await db.query<{ id: string; n: number | string }>(
    `SELECT m.id, count(*) OVER () AS n FROM (${sql}) m ORDER BY m.created_at DESC, m.id LIMIT ${Math.floor(sampleSize)}`,
    [now.toISOString(), ...params],
  );
  return { count: Number(rows[0]?.n ?? 0), sampleIds: rows.map((r) => r.id) };
}

/**
 * Re-evaluates a whole segment set-based: members who no longer match get left_at, new matches get a
 * row with entered_at, and member_count is set. Used when a segment is saved and by the periodic
 * refresh (time windows move even when nobody acts).
 */
export async function rebuildSegment(db: SqlRunner, segmentId: string, rule: RuleGroup, now: Date): Promise<{ count: number; entered: number; left: number }> {
  const { sql, params } = matchingProfiles(rule, await estimateWindows(db, rule, now));
  const seg = `$${params.length + 2}::uuid`;
  const rows = await db.query<{ count: number | string; entered: number | string; exited: number | string }>(
    `WITH m AS (SELECT id FROM (${sql}) matching),
     gone AS (
       UPDATE segment_memberships sm SET left_at = $1::timestamptz
        WHERE sm.segment_id = ${seg} AND sm.left_at IS NULL AND NOT EXISTS (SELECT 1 FROM m WHERE m.id = sm.customer_id)
        RETURNING 1),
     came AS (
       INSERT INTO segment_memberships (segment_id, customer_id, entered_at)
       SELECT ${seg}, m.id, $1::timestamptz FROM m
        WHERE NOT EXISTS (SELECT 1 FROM segment_memberships x WHERE x.segment_id = ${seg} AND x.customer_id = m.id AND x.left_at IS NULL)
       RETURNING 1),
     upd AS (UPDATE segments SET member_count = (SELECT count(*) FROM m), evaluated_at = $1::timestamptz WHERE id = ${seg} RETURNING 1)
     SELECT (SELECT count(*) FROM m) AS count, (SELECT count(*) FROM came) AS entered, (SELECT count(*) FROM gone) AS exited, (SELECT count(*) FROM upd) AS u`,
    [now.toISOString(), ...params, segmentId],
  );
  const r = rows[0]!;
  return { count: Number(r.count), entered: Number(r.entered), left: Number(r.exited) };
}

export interface SavedRule {
  id: string;
  rule: RuleGroup;
}

/**
 * Incremental membership: re-evaluates only these customers against every saved segment (their events or
 * traits just changed) and records entries and exits. Runs in the ingest transaction, so a campaign
 * reading "entered since" sees the change as soon as the batch commits.
 */
export async function refreshMemberships(db: SqlRunner, customerIds: readonly string[], segments: readonly SavedRule[], now: Date): Promise<{ entered: number; left: number }> {
  if (customerIds.length === 0 || segments.length === 0) return { entered: 0, left: 0 };
  const ids = `{${customerIds.join(',')}}`;
  let entered = 0;
  let left = 0;
  for (const s of segments) {
    const { where, params } = compileRule(s.rule, 1, 'rows');
    const idsParam = `$${params.length + 2}::uuid[]`;
    const seg = `$${params.length + 3}::uuid`;
    const rows = await db.query<{ entered: number | string; exited: number | string }>(
      `WITH m AS (SELECT c.id FROM ${PROFILE_FROM} WHERE c.id = ANY(${idsParam}) AND ${PROFILE_ACTIVE} AND ${where}),
       gone AS (
         UPDATE segment_memberships sm SET left_at = $1::timestamptz
          WHERE sm.segment_id = ${seg} AND sm.customer_id = ANY(${idsParam}) AND sm.left_at IS NULL AND NOT EXISTS (SELECT 1 FROM m WHERE m.id = sm.customer_id)
          RETURNING 1),
       came AS (
         INSERT INTO segment_memberships (segment_id, customer_id, entered_at)
         SELECT ${seg}, m.id, $1::timestamptz FROM m
          WHERE NOT EXISTS (SELECT 1 FROM segment_memberships x WHERE x.segment_id = ${seg} AND x.customer_id = m.id AND x.left_at IS NULL)
         RETURNING 1),
       counts AS (SELECT (SELECT count(*) FROM came) AS entered, (SELECT count(*) FROM gone) AS exited),
       upd AS (UPDATE segments SET member_count = member_count + (SELECT entered - exited FROM counts) WHERE id = ${seg} AND (SELECT entered + exited FROM counts) > 0 RETURNING 1)
       SELECT entered, exited, (SELECT count(*) FROM upd) AS u FROM counts`,
      [now.toISOString(), ...params, ids, s.id],
    );
    entered += Number(rows[0]?.entered ?? 0);
    left += Number(rows[0]?.exited ?? 0);
  }
  return { entered, left };
}

export async function loadSavedRules(db: SqlRunner): Promise<SavedRule[]> {
  const rows = await db.query<{ id: string; rule: RuleGroup | string }>(`SELECT id, rule FROM segments ORDER BY created_at, id`);
  return rows.map((r) => ({ id: r.id, rule: typeof r.rule === 'string' ? (JSON.parse(r.rule) as RuleGroup) : r.rule }));
}
