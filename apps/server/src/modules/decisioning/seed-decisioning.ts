import { eq, schema, type Database } from '@autofin/db';
import { readMarketRecord } from '@autofin/simulator';
import { DEMO_CHAMPION_MODEL, DEMO_TIER_SHARES, calibrateTierCutoffs, defaultDecisionStrategy, evaluateScorecard, readTarget, scoreApplicants, stratifiedFolds, trainScorecard, withTierCutoffs, type DataRow, type TierMinScores } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { promoteChampion, registerModel } from './model.repository.ts';
import { insertStrategy, listStrategyVersions } from './strategy.repository.ts';
import { DEMO_BAD_VALUE, DEMO_MIN_INSTALMENTS_DUE, DEMO_TARGET, demoTrainingRows } from './demo-history.ts';
import { dropDecisionSetup } from './decision-setup.service.ts';

const SEED_LOCK = 7_236_005;
/** Fewer bads than this and a scorecard means nothing (a tiny demo market): no demo model. */
const MIN_BADS = 20;

export interface DecisioningSeed {
  model: { id: string; auc: number; cvAuc: number; rows: number; bads: number; ms: number; cutoffs: TierMinScores } | null;
  strategy: { id: string; version: number } | null;
}

/**
 * The default strategy (the domain's demo retail strategy) as published version 1 when no
 * strategy exists yet. Runs with or without the demo market: the engine needs a strategy.
 * When the demo champion was just trained, the scorecard stage's tier cut-offs are set from the
 * champion's scores on its own book (DEMO_TIER_SHARES: best 20 % A … worst 15 % E): the
 * domain default's prime-book cut-offs (A ≥ 660) sit above every score a model of the simulated
 * book (8 % bad) gives, and would decline every applicant.
 */
async function seedDefaultStrategy(database: Database, cutoffs: TierMinScores | null): Promise<DecisioningSeed['strategy']> {
  if ((await listStrategyVersions(database.db)).length > 0) return null;
  const shares = `A ${DEMO_TIER_SHARES.A * 100} %, B ${DEMO_TIER_SHARES.B * 100} %, C ${DEMO_TIER_SHARES.C * 100} %, D ${DEMO_TIER_SHARES.D * 100} %`;
  const definition = cutoffs
    ? withTierCutoffs(defaultDecisionStrategy, cutoffs, `Tier cut-offs set at first start from the demo champion's scores on its training book (${shares}, E the rest): A ≥ ${cutoffs.A}, B ≥ ${cutoffs.B}, C ≥ ${cutoffs.C}, D ≥ ${cutoffs.D}.`)
    : defaultDecisionStrategy;
  const note = cutoffs
    ? `The default demo strategy (演示数据), published at first start; tier cut-offs from the demo champion's book: A ≥ ${cutoffs.A}, B ≥ ${cutoffs.B}, C ≥ ${cutoffs.C}, D ≥ ${cutoffs.D}.`
    : 'The default demo strategy (演示数据), published at first start.';
  return database.db.transaction(async (tx) => {
    const stored = await insertStrategy(tx, { definition, status: 'published', basedOnVersion: null, note, by: null });
    await recordAudit(tx, {
      actor: { type: 'system', label: 'start-up' },
      action: 'decision_strategy.seeded',
      entityType: 'decision_strategy',
      entityId: `${stored.strategyId}@${stored.version}`,
      after: stored.definition,
    });
    return { id: stored.strategyId, version: stored.version };
  });
}

/** The decisioning seed: the default strategy, then the demo champion. Idempotent. */
export async function seedDemoDecisioning(database: Database): Promise<DecisioningSeed> {
  return database.withLock(SEED_LOCK, async () => {
    // The model first: the strategy's demo cut-offs are set from its scores.
    const model = await seedDemoModel(database);
    const strategy = await seedDefaultStrategy(database, model?.cutoffs ?? null);
    if (strategy || model) dropDecisionSetup();
    return { model, strategy };
  });
}

/**
 * After the demo market: trains the demo champion scorecard on its funded loans (演示数据) and
 * registers it. Idempotent: does nothing when a demo model is already registered or no market
 * exists. Trained with fixed settings instead of the inner tuning (about 0.2 s a fit instead of
 * 3–4 s on the 20k market), and its quality measured honestly: the stratified 5-fold
 * cross-validated AUC of the same recipe is stored as cv_auc.
 */
async function seedDemoModel(database: Database): Promise<DecisioningSeed['model']> {
  const market = await readMarketRecord(database);
  if (!market) return null;
  const existing = await database.db.select({ id: schema.scorecardModels.id }).from(schema.scorecardModels).where(eq(schema.scorecardModels.demo, true)).limit(1);
  if (existing.length > 0) return null;

  const t0 = performance.now();
  const rows = await demoTrainingRows(database.db, market.asOf);
  if (rows.length === 0) return null;
  const bad = readTarget(rows, DEMO_TARGET, DEMO_BAD_VALUE);
  const bads = bad.reduce((a, b) => a + b, 0);
  if (bads < MIN_BADS || rows.length - bads < MIN_BADS) return null;

  // The id and version the default strategy names, so strategy and registry agree from the start.
  const { modelId: id, modelVersion: version } = DEMO_CHAMPION_MODEL;
  const trainedAt = new Date(`${market.asOf}T00:00:00Z`).toISOString();
  // λ = 30, WOE coding: the best 5-fold CV AUC of λ ∈ {1, 3, 10, 30, 100} on the 20k demo market
  // (0.658 against 0.633 at λ = 1): with ~100 bads a strong penalty is what generalises.
  const options = { tune: false, seed: market.seed, l2: 30 };
  const k = 5;
  const folds = stratifiedFolds(bad, k, market.seed);
  let aucSum = 0;
  for (let f = 0; f < k; f++) {
    const fit: DataRow[] = [];
    const held: DataRow[] = [];
    rows.forEach((r, i) => (folds[i] === f ? held : fit).push(r));
    const probe = trainScorecard({ rows: fit, target: DEMO_TARGET, badValue: DEMO_BAD_VALUE, id, version, trainedAt, options });
    aucSum += evaluateScorecard(probe, held).performance?.auc ?? Number.NaN;
  }
  const cvAuc = aucSum / k;
  const model = trainScorecard({ rows, target: DEMO_TARGET, badValue: DEMO_BAD_VALUE, id, version, trainedAt, options });
  const cutoffs = calibrateTierCutoffs(scoreApplicants(model, rows, 0).map((r) => r.score));
  const ms = performance.now() - t0;

  const summary = await database.db.transaction(async (tx) => {
    const registered = await registerModel(tx, {
      artefact: model,
      name: '演示申请评分卡 Demo application scorecard',
      dataSource: `演示数据 · demo market (simulated): seed ${market.seed}, ${market.customers} customers, as of ${market.asOf}; funded loans with ≥ ${DEMO_MIN_INSTALMENTS_DUE} instalments due; bad = charged off or ever 60+ days late`,
      demo: true,
      notes: '启动时用模拟市场的历史数据训练，供演示使用；请换成用自己贷款数据训练的模型。Trained at start-up on the simulator’s history so the console has a champion to show: replace it with a model trained on your own book.',
      cvAuc: Number.isFinite(cvAuc) ? cvAuc : null,
      createdBy: null,
    });
    const change = await promoteChampion(tx, registered.id, 'system');
    await recordAudit(tx, {
      actor: { type: 'system', label: 'start-up' },
      action: 'scorecard_model.seeded',
      entityType: 'scorecard_model',
      entityId: registered.id,
      after: { model: `${model.id}@${model.version}`, status: change.after.status, rows: rows.length, bads, auc: model.report.training.auc, cvAuc },
    });
    return registered;
  });
  return { id: summary.id, auc: model.report.training.auc, cvAuc, rows: rows.length, bads, ms, cutoffs };
}
