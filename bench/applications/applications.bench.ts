// An automatic credit decision end to end, measured two ways in the same run:
//   1. the domain alone: decideApplication on the same application, strategy, models and outside
//      data (the peer: what the decision itself costs);
//   2. POST /api/applications: the app started in-process on 127.0.0.1 (random port), a signed-in
//      dealer session, closed-loop clients (--connections) for a bounded time. Every request is a
//      new applicant (a fresh, valid resident ID) whom the demo bureau knows with a good score,
//      so each one runs the whole path: validate, match the customer, velocity, blacklist, dealer
//      statistics, bureau, score, price the offer with the quote engine, and store the
//      application, its encrypted details, events and decision audit in one transaction.
//      Client latency from the loop, server-side latency from Fastify's reply.elapsedTime.
// It prints decisions per second, p50/p99 latencies, the outcome mix and the ratio of the paths.
//
//   npx tsx bench/applications/applications.bench.ts [--seconds 8] [--connections 1]
//   DATABASE_URL=postgres://…/empty_db npx tsx bench/applications/applications.bench.ts
import { createHmac } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { applicationCreateBodySchema, type ApplicationCreated, type ScorecardModel } from '@autofin/contracts';
import { sql } from '@autofin/db';
import { decideApplication, residentIdCheckChar, valuationModelV1, type DecisionContext } from '@autofin/domain';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { ensureInitialUsers } from '../../apps/server/src/modules/auth/initial-users.ts';
import { FIXTURE_MARKET, prepareDecisioning } from '../../apps/server/src/modules/applications/applications.fixture.ts';
import { toDecisionInput, validateApplication } from '../../apps/server/src/modules/applications/application-input.ts';
import { getDecisionSetup } from '../../apps/server/src/modules/decisioning/decision-setup.service.ts';
import { getActiveGrid } from '../../apps/server/src/modules/pricing/pricing.repository.ts';
import { sellableProducts } from '../../apps/server/src/modules/products/product.repository.ts';
import { businessDate } from '../../apps/server/src/modules/quotes/business-date.ts';
import { migratedBenchDatabase } from '../bench-database.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 8);
const CONNECTIONS = arg('connections', 1);
/** Applicants prepared for the HTTP run: more than it can use at ~200 decisions/s. */
const POOL = arg('pool', 4000);
/** A fixed bench key (the server would generate one into its data directory). */
const MASTER_KEY = '62656e6368206b6579206f66206175746f66696e202d206e6f74207365637265';

/** The n-th applicant: a Beijing (110105) resident born 1980–1999, a valid GB 11643 number. */
function idNumber(n: number): string {
  const year = 1980 + (n % 20);
  const day = 1 + (Math.floor(n / 20) % 28);
  const month = 1 + (Math.floor(n / 560) % 12);
  const seq = String(Math.floor(n / 6720) % 1000).padStart(3, '0');
  const body = `110105${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`;
  return body + residentIdCheckChar(body);
}

const bodyFor = (n: number) => ({
  applicant: { name: '张三', idNumber: idNumber(n), phone: `139${String(n).padStart(8, '0')}`, monthlyIncome: '25000.00', employment: 'salaried' },
  vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '250000.00' },
  deal: { downPayment: '70000.00', term: 36, productCode: 'NEV_LOAN' },
  consents: { creditCheck: true },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

async function main(): Promise<void> {
  const database = await migratedBenchDatabase('memory://');
  const users = await ensureInitialUsers(database, { adminEmail: 'admin@autofin.local', adminPassword: undefined });
  if (users.kind !== 'demo') throw new Error('expected demo users');
  await prepareDecisioning(database);

  // The demo bureau (演示数据) knows every applicant of the pool with a score of 800: customers of
  // the simulated market under the simulator's own ID hash, one simulated application each.
  const simKey = `autofin-simulator-id-number-key-${FIXTURE_MARKET.seed}`;
  const hashes = Array.from({ length: POOL }, (_, n) => createHmac('sha256', simKey).update(idNumber(n)).digest('hex'));
  const arr = (v: string[]) => `{${v.join(',')}}`;
  await database.db.execute(sql`
    WITH c AS (
      INSERT INTO customers (name, phone, id_number_hash, gender, birth_date, occupation, income_band, source)
      SELECT '演示客户', '13900000000', h, 'M', '1990-01-01', 'salaried', '20k_50k', 'simulator' FROM unnest(${arr(hashes)}::text[]) AS h
      RETURNING id)
    INSERT INTO applications (customer_id, channel, vehicle_condition, vehicle_price_fen, down_payment_fen, requested_amount_fen, term_months, status, submitted_at, bureau_score, source)
    SELECT id, 'dealer', 'new', 20000000, 6000000, 14000000, 36, 'funded', now() - interval '400 days', 800, 'simulator' FROM c`);

  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTOFIN_MASTER_KEY: MASTER_KEY });
  const app = await buildApp({ config, database });

  // ---- 1. the domain alone: the same application, with the outside data the server loads for a new applicant ----
  const now = new Date();
  const today = businessDate(now);
  const [products, grid, setup] = await Promise.all([sellableProducts(database.db, today), getActiveGrid(database.db), getDecisionSetup(database.db)]);
  const models: ScorecardModel[] = [...(setup.champion ? [setup.champion.model] : []), ...setup.challengers.map((c) => c.model)];
  const validated = validateApplication(applicationCreateBodySchema.parse(bodyFor(POOL + 1)), today, products);
  const input = toDecisionInput(validated, { applicationId: 'bench', submittedAt: now.toISOString(), idNumberHash: 'h', coIdNumberHash: null, deviceHash: null });
  const ctx: DecisionContext = {
    bureau: { status: 'scored', score: 800 },
    velocity: [
      { key: 'id_number', window: '24h', count: 0 },
      { key: 'id_number', window: '7d', count: 0 },
      { key: 'phone', window: '24h', count: 0 },
      { key: 'phone', window: '7d', count: 0 },
      { key: 'device', window: '24h', count: 0 },
      { key: 'device', window: '7d', count: 0 },
    ],
    phoneIdentities: 0,
    blacklistHits: [],
    dealer: null,
    cityTier: 2,
    now: now.toISOString(),
    products,
    grid,
    valuationModel: valuationModelV1,
  };
  const sample = decideApplication(input, ctx, setup.strategy.definition, models);
  const domainTimes: number[] = [];
  const warmEnd = performance.now() + 1000;
  while (performance.now() < warmEnd) decideApplication(input, ctx, setup.strategy.definition, models);
  const domainEnd = performance.now() + Math.min(SECONDS, 5) * 1000;
  const d0 = performance.now();
  while (performance.now() < domainEnd) {
    const s = performance.now();
    decideApplication(input, ctx, setup.strategy.definition, models);
    domainTimes.push(performance.now() - s);
  }
  const domainRate = domainTimes.length / ((performance.now() - d0) / 1000);
  domainTimes.sort((a, b) => a - b);

  // ---- 2. POST /api/applications through the running app ----
  const serverTimes: number[] = [];
  app.addHook('onResponse', async (request, reply) => {
    if (request.url === '/api/applications' && request.method === 'POST') serverTimes.push(reply.elapsedTime);
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'dealer_ops@autofin.local', password: users.password }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  let next = 0;
  const statuses: Record<string, number> = {};
  const clientTimes: number[] = [];
  let failures = 0;
  const post = async (): Promise<void> => {
    const n = next++;
    if (n >= POOL) throw new Error(`the pool of ${POOL} applicants is used up: raise --pool`);
    const s = performance.now();
    const res = await fetch(`${address}/api/applications`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(bodyFor(n)) });
    const json = (await res.json()) as ApplicationCreated;
    clientTimes.push(performance.now() - s);
    if (res.status !== 201) failures++;
    else statuses[json.status] = (statuses[json.status] ?? 0) + 1;
  };
  // warm-up: 2 s
  const warm = performance.now() + 2000;
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < warm) await post();
  }));
  serverTimes.length = 0;
  clientTimes.length = 0;
  for (const k of Object.keys(statuses)) delete statuses[k];
  failures = 0;
  const end = performance.now() + SECONDS * 1000;
  const h0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < end) await post();
  }));
  const httpRate = clientTimes.length / ((performance.now() - h0) / 1000);
  await app.close();
  const [stored] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM application_decisions`);
  // Where the server's time goes: the service records its load (validation, hashing, the one
  // data statement) and decide phases in every decision audit; the rest is auth, storing and HTTP.
  const [steps] = await database.query<{ load: number; decide: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (timings->>'loadMs')::float8) AS load,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY (timings->>'decideMs')::float8) AS decide
       FROM (SELECT timings FROM application_decisions ORDER BY decided_at DESC LIMIT ${clientTimes.length}) t`,
  );
  await database.close();
  serverTimes.sort((a, b) => a - b);
  clientTimes.sort((a, b) => a - b);

  const serverP99 = percentile(serverTimes, 99);
  const lines = [
    `machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the box inflates every figure); database: ${database.description}`,
    `decision: new applicant, bureau 800 (demo), 250 000 NEV, 70 000 down, 36 months, NEV_LOAN → ${sample.status} (tier ${sample.score?.tier ?? '-'}, APR ${sample.offer?.aprSimple.toFixed(2) ?? '-'} %), ${sample.rules.length} rules`,
    `domain  decideApplication:     ${fmt(domainRate)} decisions/s   p50 ${fmt(percentile(domainTimes, 50), 3)} ms   p99 ${fmt(percentile(domainTimes, 99), 3)} ms   (${fmt(domainTimes.length)} decisions)`,
    `HTTP    POST /api/applications: ${fmt(httpRate)} decisions/s   client p50 ${fmt(percentile(clientTimes, 50), 1)} ms   p99 ${fmt(percentile(clientTimes, 99), 1)} ms   (${fmt(clientTimes.length)} requests, ${CONNECTIONS} connection(s), ${failures} failed; outcomes ${JSON.stringify(statuses)})`,
    `        server-side (Fastify reply.elapsedTime): p50 ${fmt(percentile(serverTimes, 50), 2)} ms   p99 ${fmt(serverP99, 2)} ms   target p99 < 50 ms: ${serverP99 < 50 ? 'met' : 'NOT met'}`,
    `steps   (p50 from the stored audits): load ${fmt(Number(steps!.load), 2)} ms (validate, hash, one statement for customer, velocity, blacklist, dealer, city, bureau), decide ${fmt(Number(steps!.decide), 2)} ms; the rest of the server-side time is session, storing (one statement) and HTTP`,
    `ratio   domain / HTTP:          ${fmt(domainRate / httpRate, 1)}× the throughput; HTTP p50 is ${fmt(percentile(serverTimes, 50) / percentile(domainTimes, 50), 1)}× the domain's (${fmt(stored!.n)} decision audits stored)`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

await main();
