import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createDatabase } from '@autofin/db';
import { createPersonalDataProtector, parseMasterKey } from '@autofin/server/security/personal-data';

// `autofin import events|customers`, run as users run it, against an embedded database in a temp
// directory: good batches are written, a batch with a bad line is reported and NOT written.
const bin = fileURLToPath(new URL('../../bin/autofin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'autofin-import-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MASTER_KEY = '74657374206b6579206f66206175746f66696e202d206e6f7420612073656372';
const envFor = (data: string) => ({ ...process.env, AUTOFIN_DATA_DIR: join(dir, data), AUTOFIN_MASTER_KEY: MASTER_KEY, DATABASE_URL: '' });
const protector = createPersonalDataProtector(parseMasterKey(MASTER_KEY));

function run(args: string[], data = 'data'): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: envFor(data) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const ndjson = (events: unknown[], tail = '') => events.map((e) => JSON.stringify(e)).join('\n') + '\n' + tail;

it('imports events in all-or-nothing batches and reports bad lines by line, field and reason', async () => {
  const file = join(dir, 'events.ndjson');
  const at = '2026-11-20T10:00:00+08:00';
  writeFileSync(
    file,
    ndjson(
      [
        { type: 'page_view', occurredAt: at, channel: 'web', identifiers: { cookie: 'c1' }, payload: { url: 'https://example.com/a' } },
        { type: 'calculator_used', occurredAt: at, channel: 'web', identifiers: { cookie: 'c1' }, payload: { price_yuan: 180000, term: 36 } },
        // batch 2: line 3 is bad, so line 4 is not written either
        { type: 'repayment', occurredAt: at, channel: 'app', identifiers: { cookie: 'c2' }, payload: { amount: '12' } },
        { type: 'page_view', occurredAt: at, channel: 'web', identifiers: { cookie: 'c3' }, payload: { url: 'https://example.com/c' } },
      ],
      'not json\n',
    ),
  );
  const r = await run(['import', 'events', file, '--batch', '2']);
  expect(r.status).toBe(2);
  expect(r.stdout).toContain('2 events written');
  expect(r.stdout).toContain('3,payload.amount,');
  expect(r.stdout).toContain('5,(line),"is not valid JSON"');
  const db = await createDatabase({ dataDir: join(dir, 'data', 'pgdata') });
  const rows = await db.query<{ type: string }>(`SELECT type FROM customer_events ORDER BY occurred_at, type`);
  expect(rows.map((x) => x.type).sort()).toEqual(['calculator_used', 'page_view']);
  const traits = await db.query<{ lifecycle_stage: string }>(`SELECT lifecycle_stage FROM customer_traits`);
  expect(traits).toHaveLength(1); // the one anonymous profile of cookie c1, refreshed after the load
  expect(await db.query(`SELECT 1 FROM customer_refresh_queue`)).toHaveLength(0); // the command drained what its batches queued
  await db.close();
}, 120_000);

it('resolves identities within one batch as across batches; an unknown customer id or a bad CSV cell rejects exactly its batch', async () => {
  const ID = '11010519880412301X'; // made up, valid shape
  const at = (m: number) => new Date(Date.UTC(2026, 10, 20, 2, m)).toISOString();
  const file = join(dir, 'people.ndjson');
  writeFileSync(
    file,
    ndjson([
      // batch 1 (lines 1–4): two weak keys make two anonymous profiles; the ID number arrives with both
      // keys — the cookie's profile becomes the person and the device's (created in this same batch)
      // is folded into it before it is ever written; then a weak-key event finds the person.
      { type: 'page_view', occurredAt: at(1), channel: 'web', identifiers: { cookie: 'ck-a' }, payload: { url: 'https://example.com/a' } },
      { type: 'page_view', occurredAt: at(2), channel: 'app', identifiers: { deviceId: 'dv-b' }, payload: { url: 'https://example.com/b' } },
      { type: 'application_started', occurredAt: at(3), channel: 'app', identifiers: { idNumber: ID, cookie: 'ck-a', deviceId: 'dv-b' }, payload: { product_code: 'NEW-LOAN' } },
      { type: 'quote_viewed', occurredAt: at(4), channel: 'app', identifiers: { deviceId: 'dv-b' }, payload: { term: 36 } },
      // batch 2 (lines 5–8): another anonymous visitor, then an event naming a customer who does not exist
      { type: 'page_view', occurredAt: at(5), channel: 'web', identifiers: { cookie: 'ck-z' }, payload: { url: 'https://example.com/z' } },
      { type: 'page_view', occurredAt: at(6), channel: 'web', identifiers: { cookie: 'ck-z' }, payload: { url: 'https://example.com/z' } },
      { type: 'page_view', occurredAt: at(7), channel: 'web', customerId: '00000000-0000-4000-8000-000000000001', payload: { url: 'https://example.com/x' } },
      { type: 'page_view', occurredAt: at(8), channel: 'web', identifiers: { cookie: 'ck-z' }, payload: { url: 'https://example.com/z' } },
      // batch 3 (line 9): a cookie nobody knows — a new anonymous profile
      { type: 'ad_click', occurredAt: at(9), channel: 'web', identifiers: { cookie: 'ck-c' }, payload: { utm_source: 'baidu' } },
    ]),
  );
  const r = await run(['import', 'events', file, '--batch', '4', '--refresh', 'live'], 'people');
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toContain('5 events written');
  expect(r.stdout).toContain('4 rows in 1 batch(es) were NOT written');
  expect(r.stdout).toContain('7,customerId,"no customer with this id"');

  const db = await createDatabase({ dataDir: join(dir, 'people', 'pgdata') });
  const owner = async (type: string, value: string) =>
    (await db.query<{ customer_id: string }>(`SELECT customer_id FROM customer_identities WHERE type = $1 AND value_hash = $2`, [type, protector.keyedHash(type, value)]))[0]?.customer_id;
  const person = await owner('id_number', ID);
  expect(person).toBeDefined();
  expect(await owner('cookie', 'ck-a')).toBe(person);
  expect(await owner('device_id', 'dv-b')).toBe(person);
  expect(await owner('cookie', 'ck-z')).toBeUndefined(); // batch 2 wrote nothing, not even its identities
  // Two profiles in all: the person (no longer anonymous) and ck-c's anonymous one; dv-b's never existed.
  const profiles = await db.query<{ id: string; anonymous: boolean; events: number }>(
    `SELECT c.id, c.anonymous, (SELECT count(*)::int FROM customer_events e WHERE e.customer_id = c.id) AS events FROM customers c ORDER BY c.anonymous`,
  );
  expect(profiles).toEqual([
    { id: person, anonymous: false, events: 4 },
    { id: await owner('cookie', 'ck-c'), anonymous: true, events: 1 },
  ]);
  expect(await db.query(`SELECT 1 FROM customer_merges`)).toHaveLength(0); // folded before it was written: nothing to record
  // Events keep when they happened and when they arrived.
  const [times] = await db.query<{ occurred: string; received_after: boolean }>(
    `SELECT min(occurred_at)::text AS occurred, bool_and(received_at > occurred_at) AS received_after FROM customer_events`,
  );
  expect(new Date(times!.occurred).toISOString()).toBe(at(1));
  expect(times!.received_after).toBe(true);
  // Traits of both profiles are current (the command's own refresh worker, then the drain at the end).
  const traits = await db.query<{ customer_id: string; lifecycle_stage: string }>(`SELECT customer_id, lifecycle_stage FROM customer_traits ORDER BY lifecycle_stage`);
  expect(traits).toEqual([
    { customer_id: person, lifecycle_stage: 'applicant' },
    { customer_id: await owner('cookie', 'ck-c'), lifecycle_stage: 'prospect' },
  ]);
  expect(await db.query(`SELECT 1 FROM customer_refresh_queue`)).toHaveLength(0);
  await db.close();

  const csv = join(dir, 'bad.csv');
  writeFileSync(csv, `type,occurred_at,channel,cookie,payload\npage_view,${at(10)},web,ck-d,"{""url"":""https://example.com/d""}"\npage_view,${at(11)},web,ck-d,{not json\n`);
  const c = await run(['import', 'events', csv], 'people');
  expect(c.status).toBe(2);
  expect(c.stdout).toContain('0 events written');
  expect(c.stdout).toContain('3,payload,"is not valid JSON"');
  const again = await createDatabase({ dataDir: join(dir, 'people', 'pgdata') });
  expect(await again.query(`SELECT 1 FROM customer_events`)).toHaveLength(5);
  await again.close();

  const bad = await run(['import', 'events', file, '--refresh', 'sometimes'], 'people');
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toContain('--refresh must be live or after');
}, 180_000);
