/**
 * Trains the churn-risk model (packages/domain/src/customers/churn-model.ts) on the simulator's history
 * and writes its coefficients and held-out AUC to churn-model.data.ts.
 *
 *   npx tsx bench/customers/train-churn-model.ts [customers=20000] [seed=20261122]
 *
 * A simulated market is written to an in-memory database; features are taken as of a cut-off 90 days
 * before the market's as-of date (only events, applications and loans up to then), the label is 1 when
 * the customer has no event at all in the 90 days after it. Customers first seen within 30 days of the
 * cut-off are left out (no history to judge). Rows are split 70/30 by a hash of the id.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createDatabase, migrate } from '@autofin/db';
import { simulateMarket, readMarketRecord } from '@autofin/simulator';
import { churnFeatures, trainChurnModel, type ChurnFeatures } from '@autofin/domain';
import { loadTraitInputs } from '../../apps/server/src/modules/customers/trait.repository.ts';

const customers = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 20261122);
const database = await createDatabase({});
await migrate(database);
const t0 = performance.now();
await simulateMarket(database, { customers, seed });
const market = await readMarketRecord(database);
const asOf = new Date(`${market!.asOf}T23:59:59+08:00`);
const cutoff = new Date(asOf.getTime() - 90 * 86_400_000);
process.stderr.write(`simulated ${customers} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s; cut-off ${cutoff.toISOString()}\n`);

const ids = (
  await database.query<{ id: string; silent: boolean }>(
    `SELECT c.id, NOT EXISTS (SELECT 1 FROM customer_events e WHERE e.customer_id = c.id AND e.occurred_at > $1 AND e.occurred_at <= $2) AS silent
       FROM customers c WHERE c.first_seen_at <= $1::timestamptz - interval '30 days' ORDER BY c.id`,
    [cutoff.toISOString(), asOf.toISOString()],
  )
).map((r) => ({ id: r.id, silent: r.silent ? 1 : 0 }) as const);

const rows: Array<{ id: string; features: ChurnFeatures; silent: 0 | 1 }> = [];
for (let i = 0; i < ids.length; i += 2_000) {
  const chunk = ids.slice(i, i + 2_000);
  const inputs = await loadTraitInputs(database, chunk.map((c) => c.id), cutoff);
  for (const c of chunk) rows.push({ id: c.id, features: churnFeatures(inputs.get(c.id)!, cutoff.getTime()), silent: c.silent });
}
// Simulator ids are sequential, so split on a hash of the id rather than on its digits.
const isTest = (id: string) => createHash('md5').update(id).digest()[0]! < 77; // ≈ 30 %
const train = rows.filter((r) => !isTest(r.id));
const test = rows.filter((r) => isTest(r.id));
const model = trainChurnModel(train, test, `simulator seed ${seed}, ${customers} customers, as of ${market!.asOf}`);
const silentShare = rows.filter((r) => r.silent === 1).length / rows.length;
process.stderr.write(`rows ${rows.length} (silent ${(silentShare * 100).toFixed(1)} %), train ${train.length}, test ${test.length}, held-out AUC ${model.heldOutAuc.toFixed(4)}\n`);

const file = new URL('../../packages/domain/src/customers/churn-model.data.ts', import.meta.url);
writeFileSync(
  file,
  `import type { ChurnModel } from './churn-model.ts';

// Written by bench/customers/train-churn-model.ts — do not edit by hand; re-run the script to retrain.
// ${rows.length} customers, ${(silentShare * 100).toFixed(1)} % went silent after the cut-off; held-out AUC ${model.heldOutAuc.toFixed(4)} on ${test.length} rows.
export const CHURN_MODEL: ChurnModel = ${JSON.stringify(model, null, 2)};
`,
);
await database.close();
