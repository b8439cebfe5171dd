import { and, desc, eq, schema, sql, type DbOrTx } from '@autofin/db';
import type { DecisionStrategy, StoredStrategy, StrategyStatus, StrategyVersionSummary } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { conflictOnUnique } from '../products/unique-violation.ts';

type Row = typeof schema.decisionStrategies.$inferSelect;

function toSummary(row: Row): StrategyVersionSummary {
  return {
    strategyId: row.strategyId,
    version: row.version,
    status: row.status as StrategyStatus,
    basedOnVersion: row.basedOnVersion,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    whatIfRunId: row.whatIfRunId,
  };
}

function toStored(row: Row): StoredStrategy {
  return { ...toSummary(row), definition: row.definition as DecisionStrategy };
}

export async function listStrategyVersions(db: DbOrTx): Promise<StrategyVersionSummary[]> {
  const rows = await db.select().from(schema.decisionStrategies).orderBy(schema.decisionStrategies.strategyId, desc(schema.decisionStrategies.version));
  return rows.map(toSummary);
}

export async function findStrategy(db: DbOrTx, strategyId: string, version: number): Promise<StoredStrategy | null> {
  const rows = await db
    .select()
    .from(schema.decisionStrategies)
    .where(and(eq(schema.decisionStrategies.strategyId, strategyId), eq(schema.decisionStrategies.version, version)));
  return rows[0] ? toStored(rows[0]) : null;
}

export async function getStrategy(db: DbOrTx, strategyId: string, version: number): Promise<StoredStrategy> {
  const found = await findStrategy(db, strategyId, version);
  if (!found) throw new DomainError('NOT_FOUND', `no decision strategy ${strategyId} v${version}`);
  return found;
}

export async function findPublishedStrategy(db: DbOrTx): Promise<StoredStrategy | null> {
  const rows = await db.select().from(schema.decisionStrategies).where(eq(schema.decisionStrategies.status, 'published'));
  return rows[0] ? toStored(rows[0]) : null;
}

export async function getPublishedStrategy(db: DbOrTx): Promise<StoredStrategy> {
  const found = await findPublishedStrategy(db);
  if (!found) throw new DomainError('NOT_READY', 'No decision strategy has been published yet.');
  return found;
}

export async function nextStrategyVersion(db: DbOrTx, strategyId: string): Promise<number> {
  const rows = await db
    .select({ v: sql<number>`coalesce(max(${schema.decisionStrategies.version}), 0)::int` })
    .from(schema.decisionStrategies)
    .where(eq(schema.decisionStrategies.strategyId, strategyId));
  return Number(rows[0]?.v ?? 0) + 1;
}

export interface NewStrategyVersion {
  definition: DecisionStrategy;
  status: 'draft' | 'published';
  basedOnVersion: number | null;
  note: string | null;
  by: string | null;
}

export async function insertStrategy(db: DbOrTx, v: NewStrategyVersion): Promise<StoredStrategy> {
  const now = new Date();
  return conflictOnUnique(`decision strategy ${v.definition.id} v${v.definition.version} was just created by someone else`, async () => {
    const rows = await db
      .insert(schema.decisionStrategies)
      .values({
        strategyId: v.definition.id,
        version: v.definition.version,
        status: v.status,
        definition: v.definition,
        basedOnVersion: v.basedOnVersion,
        note: v.note,
        createdBy: v.by,
        createdAt: now,
        updatedAt: now,
        publishedBy: v.status === 'published' ? v.by : null,
        publishedAt: v.status === 'published' ? now : null,
      })
      .returning();
    return toStored(rows[0] as Row);
  });
}

export async function updateDraftStrategy(db: DbOrTx, strategyId: string, version: number, definition: DecisionStrategy, note: string | null): Promise<StoredStrategy> {
  const rows = await db
    .update(schema.decisionStrategies)
    .set({ definition, note, updatedAt: new Date() })
    .where(and(eq(schema.decisionStrategies.strategyId, strategyId), eq(schema.decisionStrategies.version, version), eq(schema.decisionStrategies.status, 'draft')))
    .returning();
  if (!rows[0]) {
    const existing = await getStrategy(db, strategyId, version);
    throw new DomainError('DECISIONING_STRATEGY_NOT_DRAFT', `${strategyId} v${version} is ${existing.status}; start a new draft to change it`);
  }
  return toStored(rows[0]);
}

/** Publishes a draft: the published version becomes superseded in the same transaction (one published at every commit). */
export async function publishStrategy(tx: DbOrTx, strategyId: string, version: number, by: string, whatIfRunId: string | null): Promise<{ published: StoredStrategy; previous: StoredStrategy | null }> {
  await tx.execute(sql`LOCK TABLE decision_strategies IN SHARE ROW EXCLUSIVE MODE`);
  const draft = await getStrategy(tx, strategyId, version);
  if (draft.status !== 'draft') throw new DomainError('DECISIONING_STRATEGY_NOT_DRAFT', `${strategyId} v${version} is ${draft.status}, not a draft`);
  const previous = await findPublishedStrategy(tx);
  const now = new Date();
  if (previous) {
    await tx
      .update(schema.decisionStrategies)
      .set({ status: 'superseded' })
      .where(and(eq(schema.decisionStrategies.strategyId, previous.strategyId), eq(schema.decisionStrategies.version, previous.version)));
  }
  const rows = await tx
    .update(schema.decisionStrategies)
    .set({ status: 'published', publishedBy: by, publishedAt: now, whatIfRunId })
    .where(and(eq(schema.decisionStrategies.strategyId, strategyId), eq(schema.decisionStrategies.version, version)))
    .returning();
  return { published: toStored(rows[0] as Row), previous };
}
