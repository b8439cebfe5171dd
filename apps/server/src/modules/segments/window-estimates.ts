import type { SqlRunner } from '@autofin/db';
import type { RuleGroup } from '@autofin/contracts';
import { combinedSetCandidates, eventWindow, windowKey, type WindowEstimates } from './segment-sql.ts';

/** The planner's row estimate of a statement's top node (EXPLAIN's JSON comes back parsed from pg, maybe as text elsewhere). */
async function plannedRows(db: SqlRunner, sql: string, params: unknown[]): Promise<number> {
  const [row] = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const plan = row?.['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as Array<{ Plan: { 'Plan Rows': number } }>;
  return Number(parsed[0]!.Plan['Plan Rows']);
}

/**
 * Asks PostgreSQL, right before a whole-market count, how many events each window that could drive a combined
 * event set holds, and how many profiles there are (`segment-sql.ts` eventSet decides the form with them;
 * ADR 0021, revised). An estimate, not a count: planning only, ≈ 1 ms a window, never cached — the windows move
 * with `now`. The range estimate of customer_events_type_time_customer_idx comes from occurred_at's histogram
 * and type's most common values; at 1 M / 20 M it was within −26 % … +35 % of the real counts for 7–365-day
 * windows (bench/customers/README.md). Undefined when the rule has no candidate: nothing to decide.
 */
export async function estimateWindows(db: SqlRunner, rule: RuleGroup, now: Date): Promise<WindowEstimates | undefined> {
  const candidates = combinedSetCandidates(rule);
  if (candidates.length === 0) return undefined;
  const events = new Map<string, number>();
  for (const c of candidates) {
    const key = windowKey(c);
    if (events.has(key)) continue;
    const params: unknown[] = [now.toISOString()];
    const window = eventWindow(c, 1, (v, cast) => {
      params.push(v);
      return `$${params.length}::${cast}`;
    });
    events.set(key, await plannedRows(db, `SELECT 1 FROM customer_events e WHERE ${window}`, params));
  }
  // every row of customers: the separate joins' alternative is one scan of them all
  return { events, profiles: await plannedRows(db, `SELECT 1 FROM customers c`, []) };
}
