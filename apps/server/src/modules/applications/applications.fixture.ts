import { createHmac } from 'node:crypto';
import { sql, type Database } from '@autofin/db';
import { simulateMarket } from '@autofin/simulator';
import { trainScorecard, type DataRow } from '@autofin/domain';
import { seedDemoCatalogue } from '../products/seed-catalogue.ts';
import { seedDemoDecisioning } from '../decisioning/seed-decisioning.ts';
import { promoteChampion, registerModel } from '../decisioning/model.repository.ts';
import { dropDecisionSetup } from '../decisioning/decision-setup.service.ts';

/**
 * Shared set-up of the applications integration tests and benchmark (not used by the server): a
 * small simulated market (dealers, the demo bureau's customers), the demo catalogue and grid, the
 * default strategy, and as champion a scorecard trained on a synthetic, bureau-only sample whose
 * bad rates fall by bureau band — so a test can pick the outcome through the bureau score
 * without depending on how the demo champion happens to be trained:
 *
 *   bureau score  none   ~550   ~625   ~675   ~725   ~800
 *   bad rate      15 %   12 %    4 %    2 %   0.7 %  0.2 %
 *
 * With the trainer's scaling (600 points at 50:1, 20 points to double the odds) those odds land
 * near the strategy's tier cut-offs (A ≥ 660, B ≥ 630, C ≥ 600, D ≥ 580).
 */
export const FIXTURE_MARKET = { customers: 400, seed: 11 } as const;
export const FIXTURE_MODEL = { id: 'fixture-bureau-scorecard', version: '1' } as const;

const BANDS: ReadonlyArray<{ centre: number | null; badsPerMille: number }> = [
  { centre: null, badsPerMille: 150 },
  { centre: 550, badsPerMille: 120 },
  { centre: 625, badsPerMille: 40 },
  { centre: 675, badsPerMille: 20 },
  { centre: 725, badsPerMille: 7 },
  { centre: 800, badsPerMille: 2 },
];

/** 2 000 rows per band, scores spread evenly ±24 around the centre, the first badsPerMille × 2 of them bad. */
export function bureauTrainingRows(): DataRow[] {
  const rows: DataRow[] = [];
  for (const band of BANDS) {
    for (let i = 0; i < 2000; i++) {
      rows.push({ bureau_score: band.centre === null ? null : band.centre - 24 + (i % 49), bad: i < band.badsPerMille * 2 ? '1' : '0' });
    }
  }
  return rows;
}

export async function prepareDecisioning(database: Database): Promise<void> {
  await simulateMarket(database, FIXTURE_MARKET);
  await seedDemoCatalogue(database);
  await seedDemoDecisioning(database);
  const artefact = trainScorecard({
    rows: bureauTrainingRows(),
    target: 'bad',
    badValue: '1',
    id: FIXTURE_MODEL.id,
    version: FIXTURE_MODEL.version,
    trainedAt: '2026-11-01T00:00:00.000Z',
    options: { tune: false, seed: 1 },
  });
  const registered = await registerModel(database.db, { artefact, name: 'Fixture bureau scorecard', dataSource: 'synthetic (tests)', demo: false, notes: null, createdBy: null });
  await database.db.transaction(async (tx) => promoteChampion(tx, registered.id, 'fixture'));
  dropDecisionSetup();
}

/**
 * Makes `idNumber` a customer of the simulated market (演示数据) with a bureau score, the way
 * the simulator writes them: the customer row under the simulator's own ID hash, and one
 * simulated application carrying the score. The demo bureau answers with that score.
 */
export async function addDemoBureauCustomer(database: Database, idNumber: string, bureauScore: number): Promise<string> {
  const hash = createHmac('sha256', `autofin-simulator-id-number-key-${FIXTURE_MARKET.seed}`).update(idNumber).digest('hex');
  const rows = (await database.db.execute(sql`
    INSERT INTO customers (name, phone, id_number_hash, gender, birth_date, occupation, income_band, source)
    VALUES ('演示客户', '13900000000', ${hash}, 'M', '1990-03-07', 'salaried', '20k_50k', 'simulator') RETURNING id`)) as unknown as { rows: Array<{ id: string }> };
  const customerId = rows.rows[0]!.id;
  await database.db.execute(sql`
    INSERT INTO applications (customer_id, channel, vehicle_condition, vehicle_price_fen, down_payment_fen, requested_amount_fen, term_months, status, submitted_at, bureau_score, source)
    VALUES (${customerId}, 'dealer', 'new', 20000000, 6000000, 14000000, 36, 'funded', now() - interval '400 days', ${bureauScore}, 'simulator')`);
  return customerId;
}
