import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autofin/db';
import { simulateMarket } from '@autofin/simulator';
import { APPLICATION_CHARACTERISTIC_NAMES, DEMO_CHAMPION_MODEL, parseScorecardModel } from '@autofin/domain';
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

    // Idempotent: a second start adds nothing.
    expect(await seedDemoDecisioning(db)).toEqual({ model: null, strategy: null });
    expect(await db.query(`SELECT 1 FROM scorecard_models`)).toHaveLength(1);
    expect(await db.query(`SELECT 1 FROM decision_strategies`)).toHaveLength(1);
  }, 60_000);
});
