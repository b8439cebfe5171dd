import { and, desc, eq, ne, schema, sql, type DbOrTx } from '@autofin/db';
import type { ModelDetail, ModelStatus, ModelSummary, ScorecardModel } from '@autofin/contracts';
import { MAX_CHALLENGER_SHARE } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { conflictOnUnique } from '../products/unique-violation.ts';

type Row = typeof schema.scorecardModels.$inferSelect;

export interface RegisterModel {
  artefact: ScorecardModel;
  name: string;
  dataSource: string;
  demo: boolean;
  notes: string | null;
  holdout?: { auc: number; ks: number } | null;
  /** Cross-validated AUC measured by the registrar (else the inner-CV AUC of the chosen options, when the trainer tuned). */
  cvAuc?: number | null;
  createdBy: string | null;
}

function toSummary(row: Row): ModelSummary {
  const artefact = row.artefact as ScorecardModel;
  return {
    id: row.id,
    modelId: row.modelId,
    modelVersion: row.modelVersion,
    name: row.name,
    status: row.status as ModelStatus,
    trafficShare: row.trafficShare,
    dataSource: row.dataSource,
    demo: row.demo,
    trainingRows: row.trainingRows,
    badRate: row.badRate,
    auc: row.trainingAuc,
    ks: row.trainingKs,
    gini: row.trainingGini,
    cvAuc: row.cvAuc,
    holdoutAuc: row.holdoutAuc,
    holdoutKs: row.holdoutKs,
    characteristics: row.characteristics,
    notes: row.notes,
    trainedAt: artefact.trainedAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    statusChangedBy: row.statusChangedBy,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
  };
}

export function toDetail(row: Row): ModelDetail {
  const a = row.artefact as ScorecardModel;
  return {
    ...toSummary(row),
    target: a.target,
    badValue: a.badValue,
    basePoints: a.basePoints,
    scaling: a.scaling,
    scorecard: a.characteristics,
    scoreDistribution: a.scoreDistribution,
    training: a.report.training,
    variables: a.report.variables,
    tuning: a.report.tuning ? { folds: a.report.tuning.folds, chosen: a.report.tuning.chosen } : null,
  };
}

/** The inner-CV AUC of the chosen options, when the trainer tuned. */
function chosenCvAuc(a: ScorecardModel): number | null {
  const t = a.report.tuning;
  if (!t) return null;
  const c = t.candidates.find((x) => x.coding === t.chosen.coding && x.minBinShare === t.chosen.minBinShare && x.minIv === t.chosen.minIv && x.l2 === t.chosen.l2);
  return c ? c.auc : null;
}

export async function listModels(db: DbOrTx): Promise<ModelSummary[]> {
  const rows = await db.select().from(schema.scorecardModels).orderBy(desc(schema.scorecardModels.createdAt), desc(schema.scorecardModels.modelVersion));
  // Champion first, then challengers, candidates, retired; newest first within each.
  const order: Record<string, number> = { champion: 0, challenger: 1, candidate: 2, retired: 3 };
  return rows.map(toSummary).sort((x, y) => (order[x.status] ?? 9) - (order[y.status] ?? 9));
}

export async function findModelRow(db: DbOrTx, id: string): Promise<Row | null> {
  const rows = await db.select().from(schema.scorecardModels).where(eq(schema.scorecardModels.id, id));
  return rows[0] ?? null;
}

export async function getModelRow(db: DbOrTx, id: string): Promise<Row> {
  const row = await findModelRow(db, id);
  if (!row) throw new DomainError('NOT_FOUND', `no scorecard model ${id}`);
  return row;
}

export async function getModelSummary(db: DbOrTx, id: string): Promise<ModelSummary> {
  return toSummary(await getModelRow(db, id));
}

export async function registerModel(db: DbOrTx, m: RegisterModel): Promise<ModelSummary> {
  const a = m.artefact;
  const t = a.report.training;
  return conflictOnUnique(`a model ${a.id} version ${a.version} is already registered; train with another --model-version`, async () => {
    const rows = await db
      .insert(schema.scorecardModels)
      .values({
        modelId: a.id,
        modelVersion: a.version,
        name: m.name,
        artefact: a,
        dataSource: m.dataSource,
        demo: m.demo,
        trainingRows: t.rows,
        badRate: t.badRate,
        trainingAuc: t.auc,
        trainingKs: t.ks,
        trainingGini: t.gini,
        cvAuc: m.cvAuc ?? chosenCvAuc(a),
        holdoutAuc: m.holdout?.auc ?? null,
        holdoutKs: m.holdout?.ks ?? null,
        characteristics: a.characteristics.map((c) => c.name),
        status: 'candidate',
        notes: m.notes,
        createdBy: m.createdBy,
      })
      .returning();
    return toSummary(rows[0] as Row);
  });
}

/** Serialises registry status changes (champion swap, challenger shares) across instances. */
async function lockRegistry(db: DbOrTx): Promise<void> {
  await db.execute(sql`LOCK TABLE scorecard_models IN SHARE ROW EXCLUSIVE MODE`);
}

export interface StatusChange {
  before: ModelSummary;
  after: ModelSummary;
  /** The champion this promotion replaced (now a candidate). */
  replaced: ModelSummary | null;
}

/**
 * Makes a model the champion: the current champion steps back to candidate in the same
 * transaction, so the registry has exactly one champion at every commit. A retired model must be
 * re-registered; it is not brought back silently.
 */
export async function promoteChampion(tx: DbOrTx, id: string, by: string): Promise<StatusChange> {
  await lockRegistry(tx);
  const row = await getModelRow(tx, id);
  if (row.status === 'champion') throw new DomainError('DECISIONING_MODEL_WRONG_STATE', `${row.modelId} ${row.modelVersion} is already the champion`);
  if (row.status === 'retired') throw new DomainError('DECISIONING_MODEL_WRONG_STATE', `${row.modelId} ${row.modelVersion} is retired; register it again to use it`);
  const now = new Date();
  const old = await tx.select().from(schema.scorecardModels).where(eq(schema.scorecardModels.status, 'champion'));
  let replaced: ModelSummary | null = null;
  if (old[0]) {
    const demoted = await tx
      .update(schema.scorecardModels)
      .set({ status: 'candidate', trafficShare: null, statusChangedBy: by, statusChangedAt: now })
      .where(eq(schema.scorecardModels.id, old[0].id))
      .returning();
    replaced = toSummary(demoted[0] as Row);
  }
  const rows = await tx
    .update(schema.scorecardModels)
    .set({ status: 'champion', trafficShare: null, statusChangedBy: by, statusChangedAt: now })
    .where(eq(schema.scorecardModels.id, id))
    .returning();
  return { before: toSummary(row), after: toSummary(rows[0] as Row), replaced };
}

/** Runs a candidate (or re-shares a challenger) on `share` of traffic; all challengers together stay ≤ MAX_CHALLENGER_SHARE. */
export async function setChallenger(tx: DbOrTx, id: string, share: number, by: string): Promise<StatusChange> {
  await lockRegistry(tx);
  const row = await getModelRow(tx, id);
  if (row.status === 'champion') throw new DomainError('DECISIONING_MODEL_WRONG_STATE', `${row.modelId} ${row.modelVersion} is the champion; promote another model first`);
  if (row.status === 'retired') throw new DomainError('DECISIONING_MODEL_WRONG_STATE', `${row.modelId} ${row.modelVersion} is retired; register it again to use it`);
  const others = await tx
    .select({ total: sql<number>`coalesce(sum(${schema.scorecardModels.trafficShare}), 0)::float8` })
    .from(schema.scorecardModels)
    .where(and(eq(schema.scorecardModels.status, 'challenger'), ne(schema.scorecardModels.id, id)));
  const taken = Number(others[0]?.total ?? 0);
  // Shares are compared in basis points so 0.3 + 0.2 is exactly 0.5.
  if (Math.round(taken * 10_000) + Math.round(share * 10_000) > Math.round(MAX_CHALLENGER_SHARE * 10_000)) {
    throw new DomainError('DECISIONING_CHALLENGER_SHARE', `other challengers already take ${(taken * 100).toFixed(1)} % of traffic; at most ${((MAX_CHALLENGER_SHARE - taken) * 100).toFixed(1)} % is left`, [
      { field: 'share', message: `at most ${Math.max(0, MAX_CHALLENGER_SHARE - taken).toFixed(4)} (challengers together ≤ ${MAX_CHALLENGER_SHARE})` },
    ]);
  }
  const rows = await tx
    .update(schema.scorecardModels)
    .set({ status: 'challenger', trafficShare: share, statusChangedBy: by, statusChangedAt: new Date() })
    .where(eq(schema.scorecardModels.id, id))
    .returning();
  return { before: toSummary(row), after: toSummary(rows[0] as Row), replaced: null };
}

/** Retires a candidate or challenger. The champion cannot be retired: promote its successor first. */
export async function retireModel(tx: DbOrTx, id: string, by: string): Promise<StatusChange> {
  await lockRegistry(tx);
  const row = await getModelRow(tx, id);
  if (row.status === 'champion') throw new DomainError('DECISIONING_MODEL_WRONG_STATE', `${row.modelId} ${row.modelVersion} is the champion; promote another model before retiring it`);
  if (row.status === 'retired') throw new DomainError('DECISIONING_MODEL_WRONG_STATE', `${row.modelId} ${row.modelVersion} is already retired`);
  const rows = await tx
    .update(schema.scorecardModels)
    .set({ status: 'retired', trafficShare: null, statusChangedBy: by, statusChangedAt: new Date() })
    .where(eq(schema.scorecardModels.id, id))
    .returning();
  return { before: toSummary(row), after: toSummary(rows[0] as Row), replaced: null };
}

/** The champion and challengers with their artefacts (what decisions score with). */
export async function activeModels(db: DbOrTx): Promise<Row[]> {
  return db
    .select()
    .from(schema.scorecardModels)
    .where(sql`${schema.scorecardModels.status} IN ('champion', 'challenger')`)
    .orderBy(schema.scorecardModels.status, schema.scorecardModels.createdAt);
}

export type ModelRow = Row;
