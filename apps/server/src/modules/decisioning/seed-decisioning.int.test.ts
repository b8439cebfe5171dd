import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autofin/db';
import { simulateMarket } from '@autofin/simulator';
import { APPLICATION_CHARACTERISTIC_NAMES, DEMO_CHAMPION_MODEL, defaultDecisionStrategy, parseScorecardModel, scoreApplicants } from '@autofin/domain';
import { demoTrainingRows } from './demo-history.ts';
import { seedDemoDecisioning } from './seed-decisioning.ts';
import { getDecisionSetup } from './decision-setup.service.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await simulateMarket(db, { customers: 6_000, seed: 20261122 });
}, 120_000);
afterAll(async () => db.destroy());

describe('seedDemoDecisioning', () => {
  it('trains the demo champion on the seasoned demo loans, with the documented bad definition, once', async () => {
    const first = await seedDemoDecisioning(db);
    expect(first.strategy).toEqual({ id: 'cn-retail-demo', version: 1 });
    expect(first.model).not.toBeNull();

    // Independent count of the training sample: loans with ≥ 6 instalments due by the as-of date;
    // bad = charged off, or any instalment 60+ days late, or 60+ days past due now.
    const [counts] = await db.query<{ rows: number; bads: number }>(`
      WITH asof AS (SELECT (value->>'asOf')::date AS d FROM app_meta WHERE key = 'demo_market'),
      p AS (SELECT loan_id, count(*) FILTER (WHERE due_date <= (SELECT d FROM asof)) AS due, max(days_late) AS late FROM loan_repayments GROUP BY loan_id)
      SELECT count(*)::int AS rows,
             count(*) FILTER (WHERE l.status = 'charged_off' OR p.late >= 60 OR l.days_past_due >= 60)::int AS bads
        FROM loans l JOIN p ON p.loan_id = l.id WHERE p.due >= 6`);
    expect(first.model).toMatchObject({ rows: counts!.rows, bads: counts!.bads });

    const [row] = await db.query<{ artefact: unknown; status: string; demo: boolean; training_rows: number; cv_auc: number }>(
      `SELECT artefact, status, demo, training_rows, cv_auc FROM scorecard_models`,
    );
    expect(row).toMatchObject({ status: 'champion', demo: true, training_rows: counts!.rows });
    const model = parseScorecardModel(row!.artefact);
    expect({ id: model.id, version: model.version }).toEqual({ id: DEMO_CHAMPION_MODEL.modelId, version: DEMO_CHAMPION_MODEL.modelVersion });
    expect(model.report.training.bads).toBe(counts!.bads);
    // Only the application characteristics the engine computes, by their documented names.
    for (const c of model.characteristics) expect(APPLICATION_CHARACTERISTIC_NAMES).toContain(c.name);
    expect(model.characteristics.map((c) => c.name)).toContain('bureau_score');
    // Better than chance on folds it did not train on.
    expect(row!.cv_auc).toBeGreaterThan(0.55);

    const setup = await getDecisionSetup(db.db);
    expect(setup.champion?.id).toBe(DEMO_CHAMPION_MODEL.modelId);

    // The published strategy's tier cut-offs come from the champion's scores on its own book: the
    // best 20 % at or above A's minimum, 45 % at or above B's, 70 % C's, 85 % D's (at most one
    // point's worth of tied scores more, since the cut-offs are whole points).
    const [strategyRow] = await db.query<{ definition: { stages: Array<{ stage: string; tierMinScores?: Record<'A' | 'B' | 'C' | 'D', number> }> } }>(
      `SELECT definition FROM decision_strategies WHERE status = 'published'`,
    );
    const cut = strategyRow!.definition.stages.find((s) => s.stage === 'scorecard')!.tierMinScores!;
    const prime = defaultDecisionStrategy.stages.find((s) => s.stage === 'scorecard');
    expect(cut).not.toEqual(prime && 'tierMinScores' in prime ? prime.tierMinScores : null);
    const asOf = (await db.query<{ d: string }>(`SELECT value->>'asOf' AS d FROM app_meta WHERE key = 'demo_market'`))[0]!.d;
    const scores = scoreApplicants(model, await demoTrainingRows(db.db, asOf), 0).map((r) => r.score);
    const share = (min: number) => scores.filter((x) => x >= min).length / scores.length;
    for (const [tier, cumulative] of [['A', 0.2], ['B', 0.45], ['C', 0.7], ['D', 0.85]] as const) {
      expect(share(cut[tier]), `share at or above ${tier}`).toBeGreaterThanOrEqual(cumulative);
      expect(share(cut[tier] + 1), `share above ${tier}`).toBeLessThan(cumulative);
    }

    // Idempotent: a second start adds nothing.
    expect(await seedDemoDecisioning(db)).toEqual({ model: null, strategy: null });
    expect(await db.query(`SELECT 1 FROM scorecard_models`)).toHaveLength(1);
    expect(await db.query(`SELECT 1 FROM decision_strategies`)).toHaveLength(1);
  }, 60_000);
});
