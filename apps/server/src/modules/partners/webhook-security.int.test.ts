import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '@autofin/contracts';
import { createTestApp, TEST_MASTER_KEY, type TestApp } from '../../../test/test-app.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createPersonalDataProtector, parseMasterKey } from '../../security/personal-data.ts';
import { enqueuePartnerEvent } from './partner-event.ts';
import { forbiddenAddress } from './webhook-url-guard.ts';

// Two installations: production-like (the default: https to public addresses only) and one set up
// for local development (AUTOFIN_WEBHOOK_ALLOW_PRIVATE=1) whose receivers listen on loopback.
let prod: TestApp;
let dev: TestApp;
let receiver: Server;
let port = 0;
const hits: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];

async function partnerWithKey(t: TestApp, name: string): Promise<{ id: string; key: string }> {
  const cookie = await t.login('dealer_ops@autofin.local');
  const p = await t.app.inject({ method: 'POST', url: '/api/partners', headers: { cookie }, payload: { name, type: 'dealer' } });
  const id = p.json<{ id: string }>().id;
  const k = await t.app.inject({ method: 'POST', url: `/api/partners/${id}/api-keys`, headers: { cookie }, payload: {} });
  return { id, key: k.json<{ key: string }>().key };
}
const subscribe = (t: TestApp, key: string, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/v1/webhooks', headers: { authorization: `Bearer ${key}`, ...headers }, payload: { url, events: ['application.decided'] } });

/** Runs the delivery worker until `n` requests arrived (or ~2 s passed). */
async function deliver(t: TestApp, n: number): Promise<void> {
  for (let i = 0; i < 60 && hits.length < n; i++) {
    await t.app.webhookWorker.runOnce();
    await new Promise((r) => setTimeout(r, 30));
  }
}
/** Standard Webhooks, recomputed here: base64 HMAC-SHA256 over `id.timestamp.body` keyed with the secret's base64 part. */
function signatureOk(secret: string, h: (typeof hits)[number]): boolean {
  const mac = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${String(h.headers['webhook-id'])}.${String(h.headers['webhook-timestamp'])}.${h.body}`)
    .digest('base64');
  return h.headers['webhook-signature'] === `v1,${mac}`;
}
async function event(t: TestApp, partnerId: string, ref: string): Promise<string> {
  const id = await enqueuePartnerEvent(t.database.db, { partnerId, type: 'application.decided', applicationId: '00000000-0000-4000-8000-0000000000aa', status: 'approved', previousStatus: null, at: new Date(), sourceRef: ref });
  expect(id).toMatch(/^msg_/);
  return id!;
}

beforeAll(async () => {
  [prod, dev] = await Promise.all([createTestApp(), createTestApp({ AUTOFIN_WEBHOOK_ALLOW_PRIVATE: '1' })]);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as AddressInfo).port;
}, 300_000);
afterAll(async () => {
  receiver?.close();
  await Promise.all([prod?.close(), dev?.close()]);
});

describe('SSRF guard: subscription time', () => {
  // Each URL with the words its reason must contain. Literal addresses need no DNS; `localhost`
  // resolves through /etc/hosts.
  const refused: Array<[string, string]> = [
    ['http://93.184.215.14/hook', 'https://'],
    ['ftp://93.184.215.14/hook', 'ftp://'],
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://0x7f.1/hook', 'loopback'], // WHATWG URL reads 0x7f.1 as 127.0.0.1
    ['https://localhost:8443/hook', 'loopback'],
    ['https://10.20.30.40/hook', 'RFC 1918'],
    ['https://172.16.5.4/hook', 'RFC 1918'],
    ['https://192.168.1.1/hook', 'RFC 1918'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://[::ffff:a9fe:a9fe]/', 'link-local'], // 169.254.169.254 as an IPv4-mapped IPv6 address
    ['https://[::1]/hook', 'loopback'],
    ['https://[fd12:3456::1]/hook', 'unique-local'],
    ['https://[fe80::1]/hook', 'link-local'],
    ['https://224.0.0.1/hook', 'multicast'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://user:pw@93.184.215.14/hook', 'password'],
  ];

  it('answers 422 naming url and the reason, and stores nothing', async () => {
    const p = await partnerWithKey(prod, 'SSRF 测试经销商');
    for (const [url, words] of refused) {
      const res = await subscribe(prod, p.key, url);
      expect(res.statusCode, url).toBe(422);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      const problem = res.json<Problem>();
      expect(problem.code).toBe('WEBHOOK_URL_FORBIDDEN');
      expect(problem.errors?.[0]?.field).toBe('url');
      expect(problem.errors?.[0]?.message, url).toContain(words);
    }
    const rows = await prod.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_subscriptions WHERE partner_id = $1`, [p.id]);
    expect(rows[0]!.n).toBe(0);
    // A public address over https is accepted.
    expect((await subscribe(prod, p.key, 'https://93.184.215.14/hooks/autofin')).statusCode).toBe(201);
  });

  it('a development installation admits loopback over http, never link-local', async () => {
    const p = await partnerWithKey(dev, 'SSRF 开发环境');
    expect((await subscribe(dev, p.key, `http://127.0.0.1:${port}/hook`)).statusCode).toBe(201);
    expect((await subscribe(dev, p.key, 'http://169.254.169.254/latest/meta-data/')).statusCode).toBe(422);
    expect((await subscribe(dev, p.key, 'http://[fe80::1]/')).statusCode).toBe(422);
  });

  it('classifies addresses by range (allow-list of global unicast)', () => {
    const strict = { allowPrivate: false };
    expect(forbiddenAddress('8.8.8.8', strict)).toBeNull();
    expect(forbiddenAddress('2606:4700:4700::1111', strict)).toBeNull();
    expect(forbiddenAddress('100.64.0.1', strict)).toContain('carrier-grade NAT');
    expect(forbiddenAddress('64:ff9b::a00:1', strict)).not.toBeNull(); // NAT64 to 10.0.0.1
    expect(forbiddenAddress('2001:db8::1', strict)).not.toBeNull(); // documentation range
    expect(forbiddenAddress('10.0.0.1', { allowPrivate: true })).toBeNull();
    expect(forbiddenAddress('169.254.169.254', { allowPrivate: true })).toContain('link-local');
  });
});

describe('SSRF guard: delivery time', () => {
  it('refuses a destination that now resolves to a private address, and logs why', async () => {
    // A subscription accepted earlier whose host name now resolves to loopback (DNS changed): the
    // row is written directly, as the subscription check would have passed for it back then.
    const p = await partnerWithKey(prod, 'DNS 变更经销商');
    const sub = await prod.database.query<{ id: string }>(
      `INSERT INTO webhook_subscriptions (partner_id, url, events, secret_enc) VALUES ($1, $2, '["application.decided"]'::jsonb, 'placeholder') RETURNING id`,
      [p.id, `https://localhost:${port}/hook`],
    );
    const protector = createPersonalDataProtector(parseMasterKey(TEST_MASTER_KEY));
    await prod.database.query(`UPDATE webhook_subscriptions SET secret_enc = $2 WHERE id = $1`, [sub[0]!.id, protector.encrypt('whsec_dGVzdCBzZWNyZXQgb2YgMjQgYnl0ZXMh', `webhook_subscription:${sub[0]!.id}`)]);
    const before = hits.length;
    await event(prod, p.id, 'ssrf-delivery-1');
    await prod.app.webhookWorker.runOnce();
    expect(hits.length).toBe(before);
    const attempts = await prod.database.query<{ error: string | null; response_status: number | null }>(
      `SELECT a.error, a.response_status FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = $1`,
      [sub[0]!.id],
    );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.response_status).toBeNull();
    expect(attempts[0]!.error).toContain('resolves to 127.0.0.1');
    expect(attempts[0]!.error).toContain('loopback');
  });

  it('a development installation delivers through a host name (the guarded lookup hands the address on)', async () => {
    const p = await partnerWithKey(dev, 'localhost 接收方');
    const res = await subscribe(dev, p.key, `http://localhost:${port}/hook`);
    expect(res.statusCode, res.body).toBe(201);
    const before = hits.length;
    await event(dev, p.id, 'localhost-1');
    await deliver(dev, before + 1);
    expect(hits.length).toBe(before + 1);
    expect(signatureOk(res.json<{ secret: string }>().secret, hits[before]!)).toBe(true);
  });
});

describe('webhook secrets at rest', () => {
  it('a database dump holds no signing secret, even of a subscription made with an Idempotency-Key; deliveries still verify', async () => {
    const p = await partnerWithKey(dev, '密钥加密经销商');
    const res = await subscribe(dev, p.key, `http://127.0.0.1:${port}/hook`, { 'idempotency-key': 'sub-1' });
    expect(res.statusCode).toBe(201);
    const { id, secret } = res.json<{ id: string; secret: string }>();
    // The retry answers the same secret (the stored answer is decrypted for it).
    const again = await subscribe(dev, p.key, `http://127.0.0.1:${port}/hook`, { 'idempotency-key': 'sub-1' });
    expect(again.json<{ secret: string }>().secret).toBe(secret);

    // Every row of every table as text: what a pg_dump would print.
    const tables = await dev.database.query<{ t: string }>(`SELECT quote_ident(table_name) AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    let dump = '';
    for (const { t } of tables) {
      const rows = await dev.database.query<{ d: string | null }>(`SELECT string_agg(x::text, E'\\n') AS d FROM ${t} x`);
      dump += rows[0]!.d ?? '';
    }
    expect(dump.length).toBeGreaterThan(1000);
    const secretBody = secret.slice('whsec_'.length);
    expect(dump).not.toContain(secretBody);
    expect(dump).not.toContain(Buffer.from(secretBody, 'base64').toString('hex'));
    const row = await dev.database.query<{ secret: string | null; secret_enc: string }>(`SELECT secret, secret_enc FROM webhook_subscriptions WHERE id = $1`, [id]);
    expect(row[0]!.secret).toBeNull();
    // Decrypted independently with the tests' master key, bound to this subscription.
    const protector = createPersonalDataProtector(parseMasterKey(TEST_MASTER_KEY));
    expect(protector.decrypt(row[0]!.secret_enc, `webhook_subscription:${id}`)).toBe(secret);
    expect(() => protector.decrypt(row[0]!.secret_enc, 'webhook_subscription:00000000-0000-4000-8000-000000000000')).toThrow();

    const before = hits.length;
    await event(dev, p.id, 'enc-1');
    await deliver(dev, before + 1);
    expect(hits.length).toBe(before + 1);
    expect(signatureOk(secret, hits[before]!)).toBe(true);
  });

  it('a start-up encrypts secrets stored in clear by the first release, and signing goes on with the same secret', async () => {
    const p = await partnerWithKey(dev, '旧版明文密钥经销商');
    const legacySecret = `whsec_${Buffer.from('legacy secret stored in clear!!').toString('base64')}`;
    const rows = await dev.database.query<{ id: string }>(
      `INSERT INTO webhook_subscriptions (partner_id, url, events, secret) VALUES ($1, $2, '["application.decided"]'::jsonb, $3) RETURNING id`,
      [p.id, `http://127.0.0.1:${port}/legacy`, legacySecret],
    );
    // Another server start on the same database: its onReady hook converts the row.
    const config = loadConfig({ AUTOFIN_BODY_LIMIT: '65536', AUTOFIN_MASTER_KEY: TEST_MASTER_KEY, AUTOFIN_WEBHOOK_ALLOW_PRIVATE: '1' });
    const restarted = await buildApp({ config, database: dev.database });
    await restarted.ready();
    await restarted.close();
    const after = await dev.database.query<{ secret: string | null; secret_enc: string | null }>(`SELECT secret, secret_enc FROM webhook_subscriptions WHERE id = $1`, [rows[0]!.id]);
    expect(after[0]!.secret).toBeNull();
    expect(after[0]!.secret_enc).not.toContain(legacySecret.slice(6));
    expect(createPersonalDataProtector(parseMasterKey(TEST_MASTER_KEY)).decrypt(after[0]!.secret_enc!, `webhook_subscription:${rows[0]!.id}`)).toBe(legacySecret);

    const before = hits.length;
    await event(dev, p.id, 'legacy-1');
    await deliver(dev, before + 1);
    expect(hits.length).toBe(before + 1);
    expect(signatureOk(legacySecret, hits[before]!)).toBe(true);
  });
});

describe('retry window', () => {
  it('a delivery still failing 24 hours after its event is marked failed, with every attempt logged', async () => {
    const failing = createServer((_req, res) => {
      res.statusCode = 500;
      res.end('receiver broken');
    });
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    try {
      const p = await partnerWithKey(dev, '一直失败的接收方');
      const sub = await subscribe(dev, p.key, `http://127.0.0.1:${(failing.address() as AddressInfo).port}/hook`);
      expect(sub.statusCode).toBe(201);
      const subId = sub.json<{ id: string }>().id;
      await event(dev, p.id, 'window-1');
      await dev.app.webhookWorker.runOnce();
      const first = await dev.database.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM webhook_deliveries WHERE subscription_id = $1`, [subId]);
      // Inside the window a failure is retried later.
      expect(first).toEqual([{ status: 'pending', attempts: 1 }]);
      // A day has passed since the event (ADR 0007: retried for 24 hours, then failed).
      await dev.database.query(`UPDATE webhook_deliveries SET created_at = now() - interval '24 hours 1 minute', next_attempt_at = now() WHERE subscription_id = $1`, [subId]);
      await dev.app.webhookWorker.runOnce();
      const last = await dev.database.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM webhook_deliveries WHERE subscription_id = $1`, [subId]);
      expect(last).toEqual([{ status: 'failed', attempts: 2 }]);
      const log = await dev.database.query<{ response_status: number; response_excerpt: string }>(
        `SELECT a.response_status, a.response_excerpt FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = $1 ORDER BY a.attempted_at`,
        [subId],
      );
      expect(log).toEqual([
        { response_status: 500, response_excerpt: 'receiver broken' },
        { response_status: 500, response_excerpt: 'receiver broken' },
      ]);
      // Failed deliveries are not picked up again.
      await dev.app.webhookWorker.runOnce();
      expect((await dev.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = $1`, [subId]))[0]!.n).toBe(2);
    } finally {
      failing.close();
    }
  });
});
