import { and, desc, eq, schema, type DbOrTx } from '@autofin/db';
import type { WhatIfRun } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';

type Row = typeof schema.decisionWhatIfRuns.$inferSelect;

export interface NewWhatIfRun {
  strategyId: string;
  version: number | null;
  baselineVersion: number;
  candidate: unknown;
  days: number;
  applications: number;
  result: Omit<WhatIfRun, 'runId' | 'runBy' | 'runAt'>;
  runBy: string | null;
}

export function toWhatIfRun(row: Row): WhatIfRun {
  return { ...(row.result as Omit<WhatIfRun, 'runId' | 'runBy' | 'runAt'>), runId: row.id, runBy: row.runBy, runAt: row.runAt.toISOString() };
}

export async function insertWhatIfRun(db: DbOrTx, run: NewWhatIfRun): Promise<WhatIfRun> {
  const rows = await db
    .insert(schema.decisionWhatIfRuns)
    .values({
      strategyId: run.strategyId,
      version: run.version,
      baselineVersion: run.baselineVersion,
      candidate: run.candidate,
      days: run.days,
      applications: run.applications,
      result: run.result,
      runBy: run.runBy,
    })
    .returning();
  return toWhatIfRun(rows[0] as Row);
}

export async function findWhatIfRun(db: DbOrTx, id: string): Promise<Row | null> {
  const rows = await db.select().from(schema.decisionWhatIfRuns).where(eq(schema.decisionWhatIfRuns.id, id));
  return rows[0] ?? null;
}

export async function getWhatIfRun(db: DbOrTx, id: string): Promise<WhatIfRun> {
  const row = await findWhatIfRun(db, id);
  if (!row) throw new DomainError('NOT_FOUND', `no what-if run ${id}`);
  return toWhatIfRun(row);
}

/** The newest replay of a stored draft. */
export async function latestWhatIfRun(db: DbOrTx, strategyId: string, version: number): Promise<Row | null> {
  const rows = await db
    .select()
    .from(schema.decisionWhatIfRuns)
    .where(and(eq(schema.decisionWhatIfRuns.strategyId, strategyId), eq(schema.decisionWhatIfRuns.version, version)))
    .orderBy(desc(schema.decisionWhatIfRuns.runAt))
    .limit(1);
  return rows[0] ?? null;
}
