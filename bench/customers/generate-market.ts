/**
 * Builds the large market the customer-data benchmark measures on (issue 7 §8), on PostgreSQL:
 *
 *   BENCH_PG_URL=postgres://autofin:autofin@127.0.0.1:5432/autofin \
 *     npx tsx bench/customers/generate-market.ts [customers=1000000] [totalEvents=20000000] [db=autofin_bench_customers_1m]
 *
 * 1. a fresh database (dropped first), migrated;
 * 2. the simulator's market of `customers` (its own events: ≈ 3.5 per customer, as of its as-of date);
 * 3. bulk events up to `totalEvents`, streamed by COPY through `psql` (the fastest way in: no
 *    parse/validate/resolve — this is the market's history, not a measurement of ingest). They are
 *    spread over the 365 days before now, skewed towards active customers (a customer index drawn as
 *    N·u^1.6), typed like a lender's digital funnel (page views, ad clicks, quotes, applications …),
 *    labelled source 'bench-bulk' (演示数据). The events table's two indexes are dropped for the load
 *    and built again after it (same names and definitions as the migration's);
 * 4. traits for every profile and the built-in segments (the server's start-up seeding).
 *
 * The measurements themselves are customers.bench.ts with BENCH_DB=<db> (it then keeps the database).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { createDatabase, migrate } from '@autofin/db';
import { simulateMarket } from '@autofin/simulator';
import { seedCustomerData } from '../../apps/server/src/modules/customers/seed-customer-data.ts';

const serverUrl = process.env.BENCH_PG_URL ?? 'postgres://autofin:autofin@127.0.0.1:5432/autofin';
const customers = Number(process.argv[2] ?? 1_000_000);
const totalEvents = Number(process.argv[3] ?? 20_000_000);
const dbName = process.argv[4] ?? 'autofin_bench_customers_1m';
if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error(`database name ${dbName}: use a-z, 0-9 and _`);
const secs = (t0: number) => (performance.now() - t0) / 1000;
const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)} load ${loadavg().map((x) => x.toFixed(2)).join(' ')}] ${s}\n`);

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const database = await createDatabase({ url: url.toString(), poolSize: 6 });
await migrate(database);

let t0 = performance.now();
let lastLog = 0;
const summary = await simulateMarket(database, {
  customers,
  seed: 20261122,
  onProgress: (p) => {
    if (p.phase === 'customers' && performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      log(`simulating: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} customers`);
    }
  },
});
log(`simulated market: ${customers.toLocaleString('en-US')} customers, ${summary.events.toLocaleString('en-US')} events in ${secs(t0).toFixed(1)} s`);

const ids = (await database.query<{ id: string }>(`SELECT id FROM customers ORDER BY created_at, id`)).map((r) => r.id);
const bulk = Math.max(0, totalEvents - summary.events);

// Type mix of a lender's digital funnel (shares sum to 1); channel per type.
const MIX: Array<[string, number, readonly string[]]> = [
  ['page_view', 0.3, ['web', 'app']],
  ['ad_click', 0.2, ['douyin', 'wechat', 'baidu', 'autohome', 'dongchedi', 'xiaohongshu']],
  ['app_open', 0.1, ['app']],
  ['message_delivered', 0.1, ['sms', 'wechat', 'app_push']],
  ['calculator_used', 0.08, ['web', 'app']],
  ['quote_viewed', 0.08, ['web', 'app', 'dealer']],
  ['message_clicked', 0.04, ['sms', 'wechat', 'app_push']],
  ['dealer_visit', 0.03, ['dealer']],
  ['test_drive', 0.015, ['dealer']],
  ['application_started', 0.015, ['web', 'app', 'dealer']],
  ['application_submitted', 0.01, ['web', 'app', 'dealer']],
  ['repayment', 0.02, ['app']],
];
const cumulative: number[] = [];
MIX.reduce((acc, [, share]) => (cumulative.push(acc + share), acc + share), 0);
const payloadOf = (type: string, r: number): string =>
  type === 'page_view'
    ? `{"url": "https://example.com/p/${r % 50}"}`
    : type === 'calculator_used' || type === 'quote_viewed'
      ? `{"term": 36, "nev": ${r % 3 === 0}}`
      : type === 'message_delivered' || type === 'message_clicked'
        ? `{"message_id": "m${r}"}`
        : type === 'repayment'
          ? `{"amount": "3120.00"}`
          : '{}';

/** A tiny deterministic generator (xorshift32) so a run is repeatable and cheap. */
let state = 20261122;
const rand = (): number => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4_294_967_296;
};

if (bulk > 0) {
  t0 = performance.now();
  log(`dropping the events indexes for the bulk load of ${bulk.toLocaleString('en-US')} events`);
  await database.query(`ALTER TABLE customer_events DROP CONSTRAINT customer_events_customer_id_id_pk`);
  await database.query(`DROP INDEX customer_events_type_time_customer_idx`);
  const psql = spawn('psql', [url.toString(), '-v', 'ON_ERROR_STOP=1', '-c', `\\copy customer_events (customer_id, id, type, channel, campaign, partner_id, occurred_at, received_at, payload, source) FROM STDIN`], {
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) => psql.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}`)))));
  const now = Date.now();
  const YEAR_MS = 365 * 86_400_000;
  let written = 0;
  const writeSome = (): void => {
    let ok = true;
    while (written < bulk && ok) {
      const lines: string[] = [];
      for (let k = 0; k < 2_000 && written < bulk; k++, written++) {
        const customer = ids[Math.floor(ids.length * Math.pow(rand(), 1.6))]!;
        const u = rand();
        let t = 0;
        while (t < MIX.length - 1 && u > cumulative[t]!) t++;
        const [type, , channels] = MIX[t]!;
        const channel = channels[Math.floor(rand() * channels.length)]!;
        const occurred = now - Math.floor(rand() * YEAR_MS);
        const r = Math.floor(rand() * 1_000_000);
        const campaign = type === 'ad_click' ? `${channel}-bench-${r % 12}` : '\\N';
        lines.push(`${customer}\t${randomUUID()}\t${type}\t${channel}\t${campaign}\t\\N\t${new Date(occurred).toISOString()}\t${new Date(occurred + 30_000).toISOString()}\t${payloadOf(type, r)}\tbench-bulk\n`);
      }
      ok = psql.stdin.write(lines.join(''));
      if (written % 1_000_000 < 2_000) log(`bulk events: ${written.toLocaleString('en-US')} / ${bulk.toLocaleString('en-US')}`);
    }
    if (written < bulk) psql.stdin.once('drain', writeSome);
    else psql.stdin.end();
  };
  writeSome();
  await done;
  log(`bulk events copied in ${secs(t0).toFixed(1)} s (${Math.round(bulk / secs(t0)).toLocaleString('en-US')}/s); building the indexes again`);
  const t1 = performance.now();
  await database.query(`ALTER TABLE customer_events ADD CONSTRAINT customer_events_customer_id_id_pk PRIMARY KEY (customer_id, id)`);
  await database.query(`CREATE INDEX customer_events_type_time_customer_idx ON customer_events USING btree (type, occurred_at, customer_id)`);
  // VACUUM sets the visibility map, so segment windows are index-only scans from the start (ADR 0018)
  await database.query(`VACUUM (ANALYZE) customer_events`);
  log(`indexes built in ${secs(t1).toFixed(1)} s`);
}

t0 = performance.now();
lastLog = 0;
const seeded = await seedCustomerData(database, new Date(), (d, total) => {
  if (performance.now() - lastLog > 30_000) {
    lastLog = performance.now();
    log(`traits: ${d.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
  }
});
log(`traits of ${seeded.traitsComputed.toLocaleString('en-US')} profiles and ${seeded.segmentsCreated} built-in segments in ${secs(t0).toFixed(1)} s`);
const [size] = await database.query<{ customers: string; events: string; bytes: string }>(
  `SELECT (SELECT count(*) FROM customers)::text AS customers, (SELECT count(*) FROM customer_events)::text AS events, pg_size_pretty(pg_database_size(current_database())) AS bytes`,
);
log(`market ready in ${dbName}: ${Number(size!.customers).toLocaleString('en-US')} customers, ${Number(size!.events).toLocaleString('en-US')} events, ${size!.bytes}`);
await database.close();
