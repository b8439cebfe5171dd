/**
 * Campaign launch at scale (issue 8 §8), on PostgreSQL.
 *
 *   BENCH_PG_URL=postgres://autofin:autofin@127.0.0.1:5432/autofin npm run bench:campaigns -- [audience=1000000] [dispatchSeconds=20]
 *
 * 1. A database of its own, autofin_bench_campaigns (dropped first). The market is the one the
 *    customer-data benchmark generates (bench/customers/generate-market.ts, the simulator's 1 M
 *    customers): when BENCH_SOURCE_DB (default autofin_bench_customers_1m) exists and nobody is
 *    connected to it, the new database is a copy of it (CREATE DATABASE … TEMPLATE); otherwise the
 *    simulator generates a market of `audience` customers (≈ 8 min per million).
 * 2. Migrated; a segment holding `audience` customers (set-based INSERT … SELECT); a campaign for it
 *    (SMS, 10 % holdout, two variants) created, approved by a second person and launched through
 *    the API (app.inject), at 10:00 Shanghai time so quiet hours do not hold the messages.
 * 3. Measured: launch → every targeted customer queued or suppressed (the audience build: keyset
 *    chunks, contact facts, the domain's contact policy per customer, bulk inserts). Target < 60 s.
 * 4. The dispatcher for `dispatchSeconds`: messages/s handed to the simulated SMS provider, each
 *    re-evaluated against the contact policy, rendered, costed and recorded.
 * 5. Peer: the same outbox rows (one per targeted customer, the holdout's as 'holdout') bulk-inserted with no policy, no facts, no hashing
 *    (bulkInsert into a copy of the outbox table), so the ratio says what the policy work costs.
 * The machine's cores and load average are printed with the figures (2 cores shared with others).
 */
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { bulkInsert, createDatabase, migrate } from '@autofin/db';
import { simulateMarket } from '@autofin/simulator';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { ensureInitialUsers } from '../../apps/server/src/modules/auth/initial-users.ts';
import { buildAudience, LAUNCH_WRITERS } from '../../apps/server/src/modules/campaigns/launch.service.ts';
import { uuidV7 } from '../../apps/server/src/modules/campaigns/outbox.repository.ts';

const serverUrl = process.env.BENCH_PG_URL ?? 'postgres://autofin:autofin@127.0.0.1:5432/autofin';
const source = process.env.BENCH_SOURCE_DB ?? 'autofin_bench_customers_1m';
const audienceSize = Number(process.argv[2] ?? 1_000_000);
const dispatchSeconds = Number(process.argv[3] ?? 20);
const dbName = 'autofin_bench_campaigns';
const MASTER_KEY = '62656e6368206b6579206f66206175746f66696e3a206e6f7420736563726574';
const secs = (t0: number) => (performance.now() - t0) / 1000;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const figures: Array<[string, string]> = [];
const note = (label: string, value: string) => {
  figures.push([label, value]);
  process.stderr.write(`[load ${load()}] ${label}: ${value}\n`);
};
if (!/^[a-z0-9_]+$/.test(source)) throw new Error(`BENCH_SOURCE_DB ${source}: use a-z, 0-9 and _`);

process.stderr.write(`machine: ${cpus().length} cores, load ${load()}\n`);
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
let copied = false;
let t0 = performance.now();
const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [source]);
if (exists.rowCount) {
  try {
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${source}`);
    copied = true;
    note('market', `copied from ${source} (a generated 1 M-customer simulator market) in ${secs(t0).toFixed(1)} s`);
  } catch (err) {
    process.stderr.write(`could not copy ${source} (${err instanceof Error ? err.message : String(err)}); generating a market instead\n`);
  }
}
if (!copied) await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const database = await createDatabase({ url: url.toString(), poolSize: 6 });
t0 = performance.now();
await migrate(database);
note('migrations', `${secs(t0).toFixed(1)} s`);
if (!copied) {
  t0 = performance.now();
  const s = await simulateMarket(database, { customers: audienceSize, seed: 20261122 });
  note('market', `simulated ${fmt(audienceSize)} customers, ${fmt(s.events)} events in ${secs(t0).toFixed(1)} s`);
}

// The audience: a segment of `audienceSize` customers, entered yesterday.
t0 = performance.now();
const [seg] = await database.query<{ id: string }>(`INSERT INTO segments (name, rule) VALUES ('bench: campaign audience', '{"op":"and","rules":[]}'::jsonb) RETURNING id`);
await database.query(
  `INSERT INTO segment_memberships (segment_id, customer_id, entered_at)
   SELECT $1::uuid, id, now() - interval '1 day' FROM customers WHERE merged_into IS NULL ORDER BY id LIMIT $2`,
  [seg!.id, audienceSize],
);
await database.query(`ANALYZE segment_memberships`);
const [{ n: members } = { n: 0 }] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM segment_memberships WHERE segment_id = $1::uuid`, [seg!.id]);
note('audience segment', `${fmt(members)} members written in ${secs(t0).toFixed(1)} s`);

const config = loadConfig({ DATABASE_URL: url.toString(), AUTOFIN_MASTER_KEY: MASTER_KEY, AUTOFIN_CAMPAIGN_JOBS: 'false' });
await ensureInitialUsers(database, { adminEmail: config.adminEmail, adminPassword: config.adminPassword });
const app = await buildApp({ config, database });
const clock = new Date(Date.UTC(2026, 10, 23, 2, 0, 0)); // 10:00 in Shanghai
app.setCampaignClock(() => clock);
const login = async (email: string) => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'autofin-demo' } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.body}`);
  return `autofin_session=${res.cookies.find((c) => c.name === 'autofin_session')!.value}`;
};
const marketing = await login('marketing@autofin.local');
const compliance = await login('compliance@autofin.local');
const created = await app.inject({
  method: 'POST',
  url: '/api/campaigns',
  headers: { cookie: marketing },
  payload: {
    name: '新能源限时优惠（基准测试）',
    segmentId: seg!.id,
    channel: 'sms',
    template: { zh: '{{name|您好}}，新能源车贷限时优惠，详询经销商。' },
    schedule: { type: 'now' },
    holdoutPercent: 10,
    variants: [
      { key: 'a', name: '利率', share: 50, template: { zh: '{{name|您好}}，新能源车贷利率低至2.99%，限时优惠。' } },
      { key: 'b', name: '月供', share: 50 },
    ],
  },
});
if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
const campaignId = created.json<{ id: string }>().id;
const approved = await app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/approve`, headers: { cookie: compliance } });
if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);

// 3. launch → all queued or suppressed
process.stderr.write(`launching to ${fmt(members)} customers …\n`);
const tLaunch = performance.now();
const launched = await app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/launch`, headers: { cookie: marketing } });
if (launched.statusCode !== 200) throw new Error(`launch: ${launched.body}`);
const built = await buildAudience(database, campaignId, () => clock);
const launchSeconds = secs(tLaunch);
if (!built?.completed) throw new Error('the audience build did not complete');
const [check] = await database.query<{ audience: number; holdout: number }>(
  `SELECT count(*)::int AS audience, count(*) FILTER (WHERE status = 'holdout')::int AS holdout FROM campaign_messages WHERE campaign_id = $1::uuid`,
  [campaignId],
);
note(
  'launch → all queued or suppressed',
  `${launchSeconds.toFixed(1)} s for ${fmt(check!.audience)} targeted (${fmt(check!.holdout)} holdout, ${fmt(built.queued)} queued, ${fmt(built.deferred)} deferred, ` +
    `${fmt(Object.values(built.suppressed).reduce((s, v) => s + v, 0))} suppressed: ${Object.entries(built.suppressed).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}) = ${fmt(check!.audience / launchSeconds)} customers/s; time in members ${(built.timings.members / 1000).toFixed(1)} s, facts ${(built.timings.facts / 1000).toFixed(1)} s, decide ${(built.timings.decide / 1000).toFixed(1)} s, write ${(built.timings.write / 1000).toFixed(1)} s (summed over ${LAUNCH_WRITERS} writers) — target < 60 s: ${launchSeconds < 60 ? 'met' : 'NOT met'}`,
);

// 4. dispatcher throughput
const dispatcher = app.campaignJobs.dispatcher;
dispatcher.batchSize = 2_000;
const tDispatch = performance.now();
let sent = 0;
let decided = 0;
while (secs(tDispatch) < dispatchSeconds) {
  const r = await dispatcher.runOnce();
  sent += r.sent;
  decided += r.claimed;
  if (r.claimed === 0) break;
}
const dispatchElapsed = secs(tDispatch);
note('dispatcher', `${fmt(sent)} messages handed to the simulated SMS provider (${fmt(decided)} decided) in ${dispatchElapsed.toFixed(1)} s = ${fmt(sent / dispatchElapsed)} messages/s (one instance, batches of 2,000)`);

// 5. peer: the same rows, no policy — one outbox row per targeted customer (the holdout's as
// 'holdout'), every index and constraint of the real table, the same bulk statement.
await database.query(`CREATE TABLE bench_peer_messages (LIKE campaign_messages INCLUDING ALL)`);
const audience = await database.query<{ customer_id: string; arm: string }>(`SELECT customer_id, arm FROM campaign_messages WHERE campaign_id = $1::uuid ORDER BY customer_id`, [campaignId]);
const treated = audience.filter((a) => a.arm !== 'holdout');
const nowIso = clock.toISOString();
const tPeer = performance.now();
for (let i = 0; i < audience.length; i += 10_000) {
  const part = audience.slice(i, i + 10_000);
  await bulkInsert(
    database,
    'bench_peer_messages',
    [
      { name: 'id', type: 'uuid', values: part.map(() => uuidV7()) },
      { name: 'customer_id', type: 'uuid', values: part.map((a) => a.customer_id) },
      { name: 'arm', type: 'text', values: part.map((a) => a.arm) },
      { name: 'status', type: 'text', values: part.map((a) => (a.arm === 'holdout' ? 'holdout' : 'queued')) },
      { name: 'not_before', type: 'timestamptz', values: part.map(() => nowIso) },
    ],
    {
      chunkSize: 10_000,
      constants: [
        { name: 'campaign_id', type: 'uuid', value: campaignId },
        { name: 'channel', type: 'text', value: 'sms' },
        { name: 'purpose', type: 'text', value: 'marketing' },
        { name: 'policy_version', type: 'int4', value: 1 },
        { name: 'created_at', type: 'timestamptz', value: nowIso },
        { name: 'decided_at', type: 'timestamptz', value: nowIso },
      ],
    },
  );
}
const peerSeconds = secs(tPeer);
note(
  'peer: bare bulk insert of the same rows',
  `${fmt(audience.length)} outbox rows (${fmt(treated.length)} treated, the rest holdout) in ${peerSeconds.toFixed(1)} s = ${fmt(audience.length / peerSeconds)} customers/s; launch / peer = ${(launchSeconds / peerSeconds).toFixed(2)}×`,
);

await app.close();
await database.close();
process.stdout.write(`\ncampaigns benchmark (PostgreSQL, ${cpus().length} cores shared, load ${load()} at the end)\n`);
for (const [k, v] of figures) process.stdout.write(`  ${k}: ${v}\n`);
