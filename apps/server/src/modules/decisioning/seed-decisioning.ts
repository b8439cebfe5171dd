import { eq, schema, type Database } from '@autofin/db';
import { readMarketRecord } from '@autofin/simulator';
import { evaluateScorecard, readTarget, stratifiedFolds, trainScorecard, type DataRow } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { promoteChampion, registerModel } from './model.repository.ts';
import { DEMO_BAD_VALUE, DEMO_MIN_INSTALMENTS_DUE, DEMO_TARGET, demoTrainingRows } from './demo-history.ts';
import { dropDecisionSetup } from './decision-setup.service.ts';

const SEED_LOCK = 7_236_005;
export const DEMO_MODEL_ID = 'demo-application';
/** Fewer bads than this and a scorecard means nothing (a tiny demo market): no demo model. */
const MIN_BADS = 20;

export interface DecisioningSeed {
  model: { id: string; auc: number; holdoutAuc: number | null; rows: number; bads: number; ms: number } | null;
}

/**
 * After the demo market: trains the demo champion scorecard on its funded loans (演示数据) and
 * registers it. Idempotent: does nothing when a demo model is already registered or no market
 * exists. Trained with fixed settings (no inner tuning: 0.4 s instead of 3–4 s on the 20k
 * market, where the tuned model was no better on its own CV); the holdout figures are those of
 * the same recipe trained on a stratified 75 % and scored on the other 25 %.
 */
export async function seedDemoDecisioning(database: Database): Promise<DecisioningSeed> {
  return database.withLock(SEED_LOCK, async () => {
    const market = await readMarketRecord(database);
    if (!market) return { model: null };
    const existing = await database.db.select({ id: schema.scorecardModels.id }).from(schema.scorecardModels).where(eq(schema.scorecardModels.demo, true)).limit(1);
    if (existing.length > 0) return { model: null };

    const t0 = performance.now();
    const rows = await demoTrainingRows(database.db, market.asOf);
    if (rows.length === 0) return { model: null };
    const bad = readTarget(rows, DEMO_TARGET, DEMO_BAD_VALUE);
    const bads = bad.reduce((a, b) => a + b, 0);
    if (bads < MIN_BADS || rows.length - bads < MIN_BADS) return { model: null };

    const version = `${market.asOf}.s${market.seed}`;
    const trainedAt = new Date(`${market.asOf}T00:00:00Z`).toISOString();
    const options = { tune: false, seed: market.seed };
    const folds = stratifiedFolds(bad, 4, market.seed);
    const fit: DataRow[] = [];
    const held: DataRow[] = [];
    rows.forEach((r, i) => (folds[i] === 0 ? held : fit).push(r));
    const probe = trainScorecard({ rows: fit, target: DEMO_TARGET, badValue: DEMO_BAD_VALUE, id: DEMO_MODEL_ID, version, trainedAt, options });
    const holdout = evaluateScorecard(probe, held).performance;
    const model = trainScorecard({ rows, target: DEMO_TARGET, badValue: DEMO_BAD_VALUE, id: DEMO_MODEL_ID, version, trainedAt, options });
    const ms = performance.now() - t0;

    const summary = await database.db.transaction(async (tx) => {
      const registered = await registerModel(tx, {
        artefact: model,
        name: '演示申请评分卡 Demo application scorecard',
        dataSource: `demo market (simulated, 演示数据): seed ${market.seed}, ${market.customers} customers, as of ${market.asOf}; funded loans with ≥ ${DEMO_MIN_INSTALMENTS_DUE} instalments due; bad = charged off or ever 60+ days late`,
        demo: true,
        notes: 'Trained at start-up on the simulator’s history so the console has a champion to show. Demo data: replace it with a model trained on your own book.',
        holdout: holdout ? { auc: holdout.auc, ks: holdout.ks } : null,
        createdBy: null,
      });
      const change = await promoteChampion(tx, registered.id, 'system');
      await recordAudit(tx, {
        actor: { type: 'system', label: 'start-up' },
        action: 'scorecard_model.seeded',
        entityType: 'scorecard_model',
        entityId: registered.id,
        after: { model: `${model.id}@${model.version}`, status: change.after.status, rows: rows.length, bads, auc: model.report.training.auc, holdoutAuc: holdout?.auc ?? null },
      });
      return registered;
    });
    dropDecisionSetup();
    return { model: { id: summary.id, auc: model.report.training.auc, holdoutAuc: holdout?.auc ?? null, rows: rows.length, bads, ms } };
  });
}
