import type { DbOrTx, SqlRunner } from '@autofin/db';
import { ruleGroupSchema, type RuleGroup, type Segment } from '@autofin/contracts';
import { BUILTIN_SEGMENTS, DomainError } from '@autofin/domain';
import { compileRule } from './segment-sql.ts';
import { rebuildSegment, withCountSettings } from './membership.repository.ts';
import { runnerOf } from '../customers/sql-runner.ts';

interface SegmentRow {
  id: string;
  code: string | null;
  name: string;
  name_en: string | null;
  description: string | null;
  rule: RuleGroup | string;
  builtin: boolean;
  member_count: number;
  evaluated_at: string | Date | null;
  created_at: string | Date;
}

function iso(v: string | Date): string {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

function toSegment(r: SegmentRow): Segment {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    description: r.description,
    builtin: r.builtin,
    count: Number(r.member_count),
    evaluatedAt: r.evaluated_at === null ? null : iso(r.evaluated_at),
    rule: typeof r.rule === 'string' ? (JSON.parse(r.rule) as RuleGroup) : r.rule,
    createdAt: iso(r.created_at),
  };
}

export async function listSegments(db: SqlRunner): Promise<Segment[]> {
  const rows = await db.query<SegmentRow>(`SELECT * FROM segments ORDER BY builtin DESC, created_at, name`);
  return rows.map(toSegment);
}

export async function getSegment(db: SqlRunner, id: string): Promise<Segment> {
  const [row] = await db.query<SegmentRow>(`SELECT * FROM segments WHERE id = $1::uuid`, [id]);
  if (!row) throw new DomainError('NOT_FOUND', `no segment ${id}`);
  return toSegment(row);
}

/** Checks a rule compiles (operators fit their fields) before anything is stored or counted. */
export function checkRule(rule: RuleGroup): RuleGroup {
  const parsed = ruleGroupSchema.parse(rule);
  compileRule(parsed);
  return parsed;
}

export async function createSegment(db: SqlRunner, input: { name: string; description?: string | undefined; rule: RuleGroup }, createdBy: string | null, now: Date): Promise<Segment> {
  checkRule(input.rule);
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO segments (name, description, rule, builtin, created_by, created_at) VALUES ($1, $2, $3::jsonb, false, $4, $5) RETURNING id`,
    [input.name, input.description ?? null, JSON.stringify(input.rule), createdBy, now.toISOString()],
  );
  await rebuildSegment(db, row!.id, input.rule, now);
  return getSegment(db, row!.id);
}

/**
 * Creates the built-in segments that are missing and evaluates them (idempotent; runs at start-up and
 * after a market is simulated or imported). Returns how many were created.
 */
export async function ensureBuiltinSegments(db: SqlRunner, now: Date): Promise<number> {
  const existing = new Set((await db.query<{ code: string }>(`SELECT code FROM segments WHERE builtin AND code IS NOT NULL`)).map((r) => r.code));
  let created = 0;
  for (const b of BUILTIN_SEGMENTS) {
    if (existing.has(b.code)) continue;
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO segments (code, name, name_en, description, rule, builtin, created_by, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, true, 'system', $6)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [b.code, b.name, b.nameEn, b.description, JSON.stringify(b.rule), now.toISOString()],
    );
    if (row) {
      await rebuildSegment(db, row.id, b.rule, now);
      created++;
    }
  }
  return created;
}

/**
 * Re-evaluates every segment over the whole market (windows move with time even when nobody acts),
 * each in a transaction of its own with the count settings (no JIT, work_mem for the window counts).
 */
export async function rebuildAllSegments(db: DbOrTx, now: Date): Promise<void> {
  for (const s of await listSegments(runnerOf(db))) await withCountSettings(db, (run) => rebuildSegment(run, s.id, s.rule, now));
}
