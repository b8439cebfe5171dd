/**
 * Customer data foundation at scale (issue 7 §8), on PostgreSQL.
 *
 *   BENCH_PG_URL=postgres://autofin:autofin@127.0.0.1:5432/autofin npx tsx bench/customers/customers.bench.ts \
 *     [customers=100000] [importEvents=1000000] [apiEvents=50000]
 *   BENCH_STEPS=import stops after the import command and its peer (the bare insert of the same rows).
 *   BENCH_STEPS=membership measures only the membership latency: idle (the peer), then while the import
 *   command loads importEvents events (ADR 0020: live events are refreshed before imported ones).
 *
 * Steps, each timed: a fresh database (autofin_bench_customers, dropped first) → simulated market →
 * traits for every profile and the built-in segments → `autofin import events FILE.ndjson` (the real
 * command in a child process) → POST /api/events over HTTP (batches of 1,000, 4 in flight) → segment
 * counts of typical rules (server-side time of POST /api/segments/preview, median of 5) → membership
 * latency: one event posted, then GET /api/segments/{id}/changes polled until the customer shows.
 * Targets: import ≥ 20,000 events/s; a typical segment count < 1 s; membership < 5 s after the event.
 *
 * With BENCH_DB=<name> it measures on an existing database instead (e.g. the 1 M customers / 20 M
 * events market of generate-market.ts): no drop, no market, no traits backfill; the migrations still
 * run first (timed). Segment counts alone, median of 3 without the import: segment-counts.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, createWriteStream } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { bulkInsert, createDatabase, migrate } from '@autofin/db';
import { simulateMarket } from '@autofin/simulator';
import type { RuleGroup } from '@autofin/contracts';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { ensureInitialUsers } from '../../apps/server/src/modules/auth/initial-users.ts';
import { seedCustomerData } from '../../apps/server/src/modules/customers/seed-customer-data.ts';
import { AD_CLICKS_OR_INCOME_RULE, ATTRIBUTES_RULE, FLEET_RULE, ISSUE_RULE, PRICE_SENSITIVE_RULE } from './typical-rules.ts';

const run = promisify(execFile);
const serverUrl = process.env.BENCH_PG_URL ?? 'postgres://autofin:autofin@127.0.0.1:5432/autofin';
const customers = Number(process.argv[2] ?? 100_000);
const importEvents = Number(process.argv[3] ?? 1_000_000);
const apiEvents = Number(process.argv[4] ?? 50_000);
const MASTER_KEY = '62656e6368206b6579206f66206175746f66696e3a206e6f7420736563726574';
const existingDb = process.env.BENCH_DB;
const dbName = existingDb ?? 'autofin_bench_customers';
if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error(`database name ${dbName}: use a-z, 0-9 and _`);
const figures: Array<[string, string]> = [];
const load = () => `load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
const note = (label: string, value: string) => {
  figures.push([label, `${value} (${load()})`]);
  process.stderr.write(`${label}: ${value} (${load()})\n`);
};
const secs = (t0: number) => (performance.now() - t0) / 1000;

process.stderr.write(`machine: ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
if (!existingDb) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
}
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const database = await createDatabase({ url: url.toString(), poolSize: 8 });
let t0 = performance.now();
await migrate(database);
if (existingDb) {
  const [r] = await database.query<{ events: string; eventBytes: string }>(
    `SELECT (SELECT reltuples::bigint FROM pg_class WHERE relname = 'customer_events')::text AS events, pg_size_pretty(pg_total_relation_size('customer_events')) AS "eventBytes"`,
  );
  note('migrations on the existing market', `${secs(t0).toFixed(1)} s; customer_events ≈ ${Number(r!.events).toLocaleString('en-US')} rows, ${r!.eventBytes} with indexes`);
} else {
  // 1. market
  t0 = performance.now();
  const summary = await simulateMarket(database, { customers, seed: 20261122 });
  note('simulated market', `${customers.toLocaleString('en-US')} customers, ${summary.events.toLocaleString('en-US')} events in ${secs(t0).toFixed(1)} s`);

  // 2. traits + built-in segments
  t0 = performance.now();
  const seeded = await seedCustomerData(database);
  note('traits backfill', `${seeded.traitsComputed.toLocaleString('en-US')} profiles in ${secs(t0).toFixed(1)} s (${Math.round(seeded.traitsComputed / secs(t0)).toLocaleString('en-US')}/s), ${seeded.segmentsCreated} built-in segments evaluated`);
}

const ids = (await database.query<{ id: string }>(`SELECT id FROM customers ORDER BY id`)).map((r) => r.id);
// BENCH_IMPORT_CUSTOMERS: the imported and posted events name only this many customers (the import
// then refreshes the traits of fewer profiles afterwards; the event rate is the same).
const pool = Math.min(ids.length, Number(process.env.BENCH_IMPORT_CUSTOMERS ?? ids.length));
const TYPES = ['page_view', 'calculator_used', 'quote_viewed', 'ad_click', 'app_open', 'dealer_visit', 'message_delivered'] as const;
const payloadOf = (type: string, i: number): Record<string, unknown> =>
  type === 'page_view' ? { url: `https://example.com/p/${i % 50}` } : type === 'calculator_used' ? { price_yuan: 100_000 + (i % 200) * 1_000, term: 36 } : type === 'quote_viewed' ? { term: 36 } : type === 'message_delivered' ? { message_id: `m${i}` } : {};
const eventFor = (i: number, at: Date) => {
  const type = TYPES[i % TYPES.length]!;
  const withIds = i % 5 === 0; // a fifth arrive with identifiers only (resolved, some create anonymous profiles)
  return {
    type,
    occurredAt: new Date(at.getTime() - (i % 86_400) * 1000).toISOString(),
    channel: type === 'dealer_visit' ? 'dealer' : type === 'message_delivered' ? 'sms' : 'web',
    ...(withIds ? { identifiers: { cookie: `bench-${i % 50_000}`, ...(i % 10 === 0 ? { deviceId: `dev-${i % 20_000}` } : {}) } } : { customerId: ids[(i * 7919) % pool]! }),
    payload: payloadOf(type, i),
  };
};

const STEPS = process.env.BENCH_STEPS ?? 'all';
const dir = mkdtempSync(join(tmpdir(), 'autofin-bench-'));
/** An NDJSON file of n bench events, the i-th as eventFor(i). */
const writeEventsFile = (name: string, n: number) =>
  new Promise<string>((resolve, reject) => {
    const file = join(dir, name);
    const out = createWriteStream(file);
    const now = new Date();
    let i = 0;
    const write = () => {
      let ok = true;
      while (i < n && ok) ok = out.write(`${JSON.stringify(eventFor(i++, now))}\n`);
      if (i < n) out.once('drain', write);
      else out.end(() => resolve(file));
    };
    out.on('error', reject);
    write();
  });
/** The real `autofin import events FILE` in a child process. */
const importCommand = (file: string) =>
  run(process.execPath, [join(process.cwd(), 'apps/cli/bin/autofin.js'), 'import', 'events', file, '--batch', '5000'], {
    env: { ...process.env, DATABASE_URL: url.toString(), AUTOFIN_MASTER_KEY: MASTER_KEY, LOG_LEVEL: 'warn' },
    maxBuffer: 64 * 1024 * 1024,
    cwd: process.cwd(),
  });

// 3. import command
if (STEPS !== 'membership') {
  const file = await writeEventsFile('events.ndjson', importEvents);
  t0 = performance.now();
  const cli = await importCommand(file);
  note('import command', `${cli.stdout.trim()} (wall ${secs(t0).toFixed(1)} s incl. start-up)`);

  // 3b. the peer: the same rows through bulkInsert alone (no parsing, validation, identity resolution,
  // refresh queue or traits) — what the database itself takes. Same customers as the import (the
  // cookie-only fifth goes to the customer the row number names), same columns, same 5,000 a statement.
  {
    const n = importEvents;
    const at = new Date();
    const now = at.toISOString();
    t0 = performance.now();
    for (let start = 0; start < n; start += 5_000) {
      const rows = Array.from({ length: Math.min(5_000, n - start) }, (_, k) => eventFor(start + k, at));
      await bulkInsert(
        database,
        'customer_events',
        [
          { name: 'customer_id', type: 'uuid', values: rows.map((e, k) => ('customerId' in e ? e.customerId! : ids[((start + k) * 7919) % pool]!)) },
          { name: 'id', type: 'uuid', values: rows.map(() => randomUUID()) },
          { name: 'type', type: 'text', values: rows.map((e) => e.type) },
          { name: 'channel', type: 'text', values: rows.map((e) => e.channel) },
          { name: 'occurred_at', type: 'timestamptz', values: rows.map((e) => e.occurredAt) },
          { name: 'payload', type: 'jsonb', values: rows.map((e) => JSON.stringify(e.payload)) },
        ],
        { constants: [{ name: 'received_at', type: 'timestamptz', value: now }, { name: 'source', type: 'text', value: 'bench-raw' }] },
      );
    }
    note('peer: raw bulkInsert of the same event rows', `${n.toLocaleString('en-US')} rows in ${secs(t0).toFixed(1)} s = ${Math.round(n / secs(t0)).toLocaleString('en-US')} rows/s`);
  }
}
if (process.env.BENCH_STEPS === 'import') {
  // BENCH_STEPS=import: only the import command and its peer (minutes less at 1 M customers).
  await database.close();
  process.stdout.write(`\n| step | figure |\n| --- | --- |\n${figures.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}\n`);
  process.exit(0);
}

// 4. HTTP ingest
const config = loadConfig({ AUTOFIN_MASTER_KEY: MASTER_KEY, AUTOFIN_BODY_LIMIT: String(8 * 1024 * 1024), LOG_LEVEL: 'warn' });
await ensureInitialUsers(database, { adminEmail: config.adminEmail, adminPassword: config.adminPassword });
const app = await buildApp({ config, database });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'marketing@autofin.local', password: 'autofin-demo' }) });
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
const batches = STEPS === 'membership' ? 0 : Math.ceil(apiEvents / 1_000);
let next = 0;
const latencies: number[] = [];
t0 = performance.now();
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < batches) {
      const b = next++;
      const now = new Date();
      const events = Array.from({ length: 1_000 }, (_, k) => eventFor(importEvents + b * 1_000 + k, now));
      const s = performance.now();
      const res = await post('/api/events', { events });
      latencies.push(performance.now() - s);
      if (res.status !== 202) throw new Error(`POST /api/events ${res.status}: ${await res.text()}`);
    }
  }),
);
latencies.sort((a, b) => a - b);
if (batches > 0) note('POST /api/events', `${(batches * 1_000).toLocaleString('en-US')} events in ${secs(t0).toFixed(1)} s = ${Math.round((batches * 1_000) / secs(t0)).toLocaleString('en-US')} events/s (batches of 1,000, 4 in flight; batch p50 ${latencies[Math.floor(latencies.length / 2)]!.toFixed(0)} ms, p95 ${latencies[Math.floor(latencies.length * 0.95)]!.toFixed(0)} ms)`);

// 5. segment counts
const rules: Array<[string, RuleGroup]> = [ISSUE_RULE, ATTRIBUTES_RULE, AD_CLICKS_OR_INCOME_RULE, PRICE_SENSITIVE_RULE, FLEET_RULE];
for (const [name, rule] of STEPS === 'membership' ? [] : rules) {
  const times: number[] = [];
  let count = 0;
  for (let k = 0; k < 5; k++) {
    const res = await post('/api/segments/preview', { rule, sampleSize: 10 });
    const body = (await res.json()) as { count: number; elapsedMs: number };
    times.push(body.elapsedMs);
    count = body.count;
  }
  times.sort((a, b) => a - b);
  note(`segment count: ${name}`, `${count.toLocaleString('en-US')} customers, median ${times[2]} ms (min ${times[0]}, max ${times[4]})`);
}

// 6. membership latency: one event posted, then GET /api/segments/{id}/changes polled until the customer shows.
const seg = (await (await post('/api/segments', { name: 'bench: survey today', rule: { op: 'and', rules: [{ kind: 'event', eventType: 'survey_response', op: 'gte', count: 1, withinDays: 1 }] } })).json()) as { id: string };
const membershipLatency = async (customerId: string): Promise<number> => {
  const since = new Date(Date.now() - 1).toISOString();
  const s = performance.now();
  const res = await post('/api/events', { events: [{ type: 'survey_response', occurredAt: new Date().toISOString(), channel: 'app', customerId, payload: { survey_id: 'bench', nps: 9 } }] });
  if (res.status !== 202) throw new Error(await res.text());
  for (;;) {
    const ch = (await (await fetch(`${base}/api/segments/${seg.id}/changes?since=${encodeURIComponent(since)}`, { headers: { cookie } })).json()) as { items: Array<{ customerId: string }> };
    if (ch.items.some((i) => i.customerId === customerId)) return performance.now() - s;
    if (performance.now() - s > 120_000) throw new Error('membership did not change within 120 s');
    await new Promise((r) => setTimeout(r, 20));
  }
};
// Customers with no survey in the last two days: each event makes them enter the segment (a re-run on
// the same database must not pick last run's members, whose event changes nothing).
const fresh = (
  await database.query<{ id: string }>(
    `SELECT c.id FROM customers c WHERE c.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM customer_events e WHERE e.customer_id = c.id AND e.type = 'survey_response' AND e.occurred_at > now() - interval '2 days')
      ORDER BY md5(c.id::text || now()::text) LIMIT 500`,
  )
).map((r) => r.id);
const lat: number[] = [];
for (let k = 0; k < 5; k++) lat.push(await membershipLatency(fresh[k]!));
lat.sort((a, b) => a - b);
note('membership after an event', `median ${lat[2]!.toFixed(0)} ms, max ${lat[4]!.toFixed(0)} ms (event POST → visible in GET /changes)`);

// 6b. the same while the import command loads importEvents events (its profiles queued in the bulk
// lane): a live event every second until the command has finished, loading and refreshing.
if (STEPS === 'membership' || STEPS === 'all') {
  const file = await writeEventsFile('during.ndjson', importEvents);
  const queued = async () => Number((await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM customer_refresh_queue`))[0]!.n);
  t0 = performance.now();
  let done = false;
  const cli = importCommand(file).finally(() => (done = true));
  while (!done && (await queued()) === 0) await new Promise((r) => setTimeout(r, 100));
  const during: number[] = [];
  let deepest = 0;
  for (let k = 5; !done; k++) {
    deepest = Math.max(deepest, await queued());
    const started = performance.now();
    during.push(await membershipLatency(fresh[k]!));
    process.stderr.write(`[${secs(t0).toFixed(1)} s] live event ${during.length}: ${during.at(-1)!.toFixed(0)} ms; ${deepest.toLocaleString('en-US')} profiles queued at most so far\n`);
    await new Promise((r) => setTimeout(r, Math.max(0, 1_000 - (performance.now() - started))));
  }
  const out = await cli;
  during.sort((a, b) => a - b);
  note(
    'membership after an event, during the import command',
    during.length === 0
      ? 'no event measured (the import finished first)'
      : `${during.length} events: median ${during[Math.floor(during.length / 2)]!.toFixed(0)} ms, max ${during.at(-1)!.toFixed(0)} ms; up to ${deepest.toLocaleString('en-US')} profiles in the refresh queue; the import: ${out.stdout.trim()} (wall ${secs(t0).toFixed(1)} s)`,
  );
}

const [size] = await database.query<{ customers: string; events: string; identities: string }>(
  `SELECT (SELECT count(*) FROM customers)::text AS customers, (SELECT count(*) FROM customer_events)::text AS events, (SELECT count(*) FROM customer_identities)::text AS identities`,
);
note('final size', `${Number(size!.customers).toLocaleString('en-US')} customers, ${Number(size!.events).toLocaleString('en-US')} events, ${Number(size!.identities).toLocaleString('en-US')} identities`);
await app.close();
await database.close();
process.stdout.write(`\n| step | figure |\n| --- | --- |\n${figures.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}\n`);
