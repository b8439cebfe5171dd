import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotesResponseSchema, type Problem } from '@autofin/contracts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedDemoCatalogue } from '../products/seed-catalogue.ts';
import { enqueuePartnerEvent } from './partner-event.ts';

let t: TestApp;
let admin: string;
let dealerA: { id: string; key: string; keyId: string };
let dealerB: { id: string; key: string; keyId: string };
let group: { id: string; key: string };

async function partner(name: string, type: string, parentId?: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/partners', headers: { cookie: admin }, payload: { name, type, ...(parentId ? { parentId } : {}) } });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}
async function key(partnerId: string, body?: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: `/api/partners/${partnerId}/api-keys`, headers: { cookie: admin }, ...(body ? { payload: body } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; key: string }>();
}
const v1 = (method: 'GET' | 'POST' | 'DELETE', url: string, k: string | null, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...(k ? { authorization: `Bearer ${k}` } : {}), ...headers }, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

const quoteBody = { vehicle: { category: 'new-ice', make: 'Toyota', price: '200000.00' }, downPayment: '61200.00', term: 36, productCode: 'NEW_CAR_LOAN', customer: { riskTier: 'A', cityTier: 2 } };

beforeAll(async () => {
  t = await createTestApp({ AUTOFIN_WEBHOOK_ALLOW_PRIVATE: '1' });
  await seedDemoCatalogue(t.database);
  admin = await t.login('dealer_ops@autofin.local');
  const g = await partner('华东汽车集团', 'dealer_group');
  const a = await partner('上海浦东4S店', 'dealer', g);
  const b = await partner('北京朝阳二手车', 'dealer');
  const ka = await key(a);
  const kb = await key(b);
  const kg = await key(g);
  dealerA = { id: a, key: ka.key, keyId: ka.id };
  dealerB = { id: b, key: kb.key, keyId: kb.id };
  group = { id: g, key: kg.key };
});
afterAll(async () => t?.close());

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const p = res.json() as Problem;
  expect(p.code).toBe(code);
  expect(p.type).toMatch(/^https:\/\//);
  return p;
}

describe('console: partners and keys', () => {
  it('shows the secret once and stores only its SHA-256', async () => {
    const k = await key(dealerA.id);
    expect(k.key).toMatch(/^afk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const rows = await t.database.query<{ secret_hash: string; prefix: string }>('SELECT secret_hash, prefix FROM partner_api_keys WHERE id = $1', [k.id]);
    expect(rows[0]!.secret_hash).toBe(createHash('sha256').update(k.key).digest('hex'));
    expect(k.key).toContain(rows[0]!.prefix);
    const list = await t.app.inject({ method: 'GET', url: `/api/partners/${dealerA.id}/api-keys`, headers: { cookie: admin } });
    expect(list.body).not.toContain(k.key.slice(18));
  });

  it('lists partners with their group and active keys and webhooks counted', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/partners?q=${encodeURIComponent('上海浦东4S店')}`, headers: { cookie: admin } });
    const item = res.json<{ items: Array<{ id: string; parentName: string | null; activeKeys: number; webhooks: number }> }>().items.find((i) => i.id === dealerA.id)!;
    const direct = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM partner_api_keys WHERE partner_id = $1 AND status = 'active' AND (expires_at IS NULL OR expires_at > now())`, [dealerA.id]);
    expect(item.parentName).toBe('华东汽车集团');
    expect(item.activeKeys).toBe(direct[0]!.n);
    expect(item.activeKeys).toBeGreaterThan(0);
  });

  it('lets only admin and dealer_ops manage partners', async () => {
    const marketing = await t.login('marketing@autofin.local');
    const res = await t.app.inject({ method: 'POST', url: '/api/partners', headers: { cookie: marketing }, payload: { name: 'x', type: 'dealer' } });
    expectProblem(res, 403, 'FORBIDDEN');
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/partners', payload: { name: 'x', type: 'dealer' } }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a dealer group that is not one, naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/partners', headers: { cookie: admin }, payload: { name: 'x', type: 'dealer', parentId: dealerB.id } });
    const p = expectProblem(res, 422, 'PARTNER_INVALID');
    expect(p.errors?.[0]?.field).toBe('parentId');
  });
});

describe('/v1 authentication', () => {
  it('answers 401 without a key, with a malformed one, an unknown one and a revoked one', async () => {
    expectProblem(await v1('GET', '/v1/products', null), 401, 'API_KEY_INVALID');
    expectProblem(await v1('GET', '/v1/products', 'not-a-key'), 401, 'API_KEY_INVALID');
    const wrongSecret = dealerA.key.slice(0, -4) + 'AAAA';
    expectProblem(await v1('GET', '/v1/products', wrongSecret === dealerA.key ? dealerA.key.slice(0, -4) + 'BBBB' : wrongSecret), 401, 'API_KEY_INVALID');
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/products', headers: { authorization: `Basic ${dealerA.key}` } }), 401, 'API_KEY_INVALID');
    const k = await key(dealerB.id);
    expect((await v1('GET', '/v1/products', k.key)).statusCode).toBe(200);
    const revoke = await t.app.inject({ method: 'POST', url: `/api/partners/${dealerB.id}/api-keys/${k.id}/revoke`, headers: { cookie: admin } });
    expect(revoke.statusCode).toBe(200);
    const res = await v1('GET', '/v1/products', k.key);
    expectProblem(res, 401, 'API_KEY_INVALID');
    expect(res.headers['www-authenticate']).toContain('Bearer');
  });

  it('a cached key: another secret under its prefix is refused; a revocation elsewhere is honoured after the 2 s cache, here at once', async () => {
    const k = await key(dealerB.id);
    expect((await v1('GET', '/v1/products', k.key)).statusCode).toBe(200);
    // Verified once and cached: the same prefix with any other secret is still refused.
    const other = k.key.slice(0, -1) + (k.key.endsWith('A') ? 'B' : 'A');
    expectProblem(await v1('GET', '/v1/products', other), 401, 'API_KEY_INVALID');
    expectProblem(await v1('GET', '/v1/products', k.key.slice(0, -1)), 401, 'API_KEY_INVALID');
    expect((await v1('GET', '/v1/products', k.key)).statusCode).toBe(200);
    // Revoked by another instance (here: in SQL, without this instance's forget()): the entry
    // cached at most 2 s ago is trusted until it is 2 s old, then the database says revoked.
    await t.database.query(`UPDATE partner_api_keys SET status = 'revoked', revoked_at = now() WHERE id = $1`, [k.id]);
    const access = t.app.partnerAccess;
    await expect(access.resolve(`Bearer ${k.key}`, Date.now())).resolves.toMatchObject({ key: { id: k.id } });
    await expect(access.resolve(`Bearer ${k.key}`, Date.now() + 2_001)).rejects.toMatchObject({ code: 'API_KEY_INVALID' });
    expectProblem(await v1('GET', '/v1/products', k.key), 401, 'API_KEY_INVALID');
    // Revoked through the console of this instance: refused on the very next request.
    const k2 = await key(dealerB.id);
    expect((await v1('POST', '/v1/quotes', k2.key, quoteBody)).statusCode).toBe(200);
    const revoke = await t.app.inject({ method: 'POST', url: `/api/partners/${dealerB.id}/api-keys/${k2.id}/revoke`, headers: { cookie: admin } });
    expect(revoke.statusCode).toBe(200);
    expectProblem(await v1('POST', '/v1/quotes', k2.key, quoteBody), 401, 'API_KEY_INVALID');
  });

  it('keeps a rotated key working during the overlap, and not after', async () => {
    const old = await key(dealerB.id);
    const rot = await t.app.inject({ method: 'POST', url: `/api/partners/${dealerB.id}/api-keys/${old.id}/rotate`, headers: { cookie: admin }, payload: { overlapHours: 1 } });
    expect(rot.statusCode).toBe(201);
    const fresh = rot.json<{ key: string; previousKeyExpiresAt: string }>();
    expect((await v1('GET', '/v1/products', old.key)).statusCode).toBe(200);
    expect((await v1('GET', '/v1/products', fresh.key)).statusCode).toBe(200);
    // The overlap ends: move the expiry into the past, as an hour later would.
    await t.database.query(`UPDATE partner_api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [old.id]);
    t.app.partnerAccess.forget(old.key.slice(4, 16));
    expectProblem(await v1('GET', '/v1/products', old.key), 401, 'API_KEY_INVALID');
    expect((await v1('GET', '/v1/products', fresh.key)).statusCode).toBe(200);
  });

  it('answers 403 when the key lacks the scope', async () => {
    const k = await key(dealerA.id, { scopes: ['products:read'] });
    expect((await v1('GET', '/v1/products', k.key)).statusCode).toBe(200);
    const p = expectProblem(await v1('POST', '/v1/quotes', k.key, quoteBody), 403, 'API_KEY_SCOPE_MISSING');
    expect(p.detail).toContain('quotes:write');
    expectProblem(await v1('GET', '/v1/webhooks', k.key), 403, 'API_KEY_SCOPE_MISSING');
  });

  it('rate-limits per key with 429, Retry-After and RateLimit headers', async () => {
    const k = await key(dealerA.id, { rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await v1('GET', '/v1/products', k.key);
      statuses.push(last.statusCode);
    }
    // Unless the minute turned over during the four requests, the fourth is refused.
    if (statuses[3] === 429) {
      expect(statuses).toEqual([200, 200, 200, 429]);
      expectProblem(last!, 429, 'RATE_LIMITED');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(last!.headers['ratelimit-limit']).toBe('3');
      expect(last!.headers['ratelimit-remaining']).toBe('0');
    } else {
      expect(statuses.filter((s) => s === 429).length).toBe(0);
    }
  });

  it('links every problem to what it means (Link rel="help" → /v1/problems/{slug})', async () => {
    const res = await v1('GET', '/v1/products', null);
    const p = expectProblem(res, 401, 'API_KEY_INVALID');
    expect(res.headers.link).toBe('</v1/problems/api-key-invalid>; rel="help"');
    const doc = await t.app.inject({ method: 'GET', url: '/v1/problems/api-key-invalid' });
    expect(doc.statusCode).toBe(200);
    const d = doc.json<{ type: string; code: string; status: number; description: { en: string; zh: string } }>();
    // The page is the problem's own: same type, code and status as the answer that linked to it.
    expect(d).toMatchObject({ type: p.type, code: 'API_KEY_INVALID', status: 401 });
    expect(d.description.en).toContain('Bearer');
    const scope = await v1('GET', '/v1/webhooks', (await key(dealerA.id, { scopes: ['products:read'] })).key);
    expect(scope.headers.link).toBe('</v1/problems/api-key-scope-missing>; rel="help"');
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/problems/no-such-code' }), 404, 'NOT_FOUND');
  });

  it('echoes X-Request-Id', async () => {
    const res = await v1('GET', '/v1/products', dealerA.key, undefined, { 'x-request-id': 'dms-req-42' });
    expect(res.headers['x-request-id']).toBe('dms-req-42');
  });
});

describe('/v1/products and /v1/quotes', () => {
  it('lists the sellable products', async () => {
    const res = await v1('GET', '/v1/products', dealerA.key);
    expect(res.statusCode).toBe(200);
    const codes = res.json<{ data: Array<{ code: string }> }>().data.map((p) => p.code);
    expect(codes).toContain('NEW_CAR_LOAN');
  });

  it('quotes with the console quote’s body and response', async () => {
    const res = await v1('POST', '/v1/quotes', dealerA.key, quoteBody);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(JSON.stringify(quotesResponseSchema.parse(JSON.parse(res.body))));
    const q = res.json<{ quoteId: string; offers: Array<{ annualRate: string; monthlyPayment: string }> }>();
    // docs/pricing.md: tier A, 70 % LTV, city tier 2, dealer channel, 36 months → 4.23 %; 140 000 financed → 4 147.70 a month.
    expect(q.offers[0]!.annualRate).toBe('4.23');
    expect(q.offers[0]!.monthlyPayment).toBe('4147.70');
    const stored = await t.database.query<{ channel: string; dealer_id: string }>('SELECT channel, dealer_id FROM quotes WHERE id = $1', [q.quoteId]);
    expect(stored[0]).toEqual({ channel: 'partner', dealer_id: dealerA.id });
  });

  it('rejects an unknown field by name, and bad money', async () => {
    const p = expectProblem(await v1('POST', '/v1/quotes', dealerA.key, { ...quoteBody, vehicle: { ...quoteBody.vehicle, colour: 'red' } }), 400, 'VALIDATION_FAILED');
    expect(p.errors?.map((e) => e.field)).toEqual(['vehicle.colour']);
    const p2 = expectProblem(await v1('POST', '/v1/quotes', dealerA.key, { ...quoteBody, downPayment: '61,200' }), 400, 'VALIDATION_FAILED');
    expect(p2.errors?.[0]?.field).toBe('downPayment');
  });

  it('the same bytes again: parsed and validated once, quoted and stored as a quote of its own every time; a bad body after a good one is still refused', async () => {
    const text = JSON.stringify({ ...quoteBody, term: 48 });
    const send = (payload: string) => v1('POST', '/v1/quotes', dealerA.key, payload, { 'content-type': 'application/json' });
    const [a, b] = [await send(text), await send(text)];
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const [qa, qb] = [a.json<{ quoteId: string; quotedAt: string }>(), b.json<{ quoteId: string; quotedAt: string }>()];
    expect(qa.quoteId).not.toBe(qb.quoteId);
    // Everything after the head ({"quoteId":…,"quotedAt":…,) is the same content.
    const tail = (body: string, q: { quoteId: string; quotedAt: string }) => body.slice(`{"quoteId":"${q.quoteId}","quotedAt":"${q.quotedAt}",`.length);
    expect(tail(b.body, qb)).toBe(tail(a.body, qa));
    const rows = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM quotes WHERE id = ANY($1::uuid[]) AND request->>'term' = '48'`, [`{${qa.quoteId},${qb.quoteId}}`]);
    expect(rows[0]!.n).toBe(2);
    // The same prefix with an unknown field, a bad amount, malformed JSON and a poisoned prototype:
    // refused each time, naming the field, however often the good body came before.
    for (let i = 0; i < 2; i++) {
      const unknown = expectProblem(await send(text.replace('"term":48', '"term":48,"colour":"red"')), 400, 'VALIDATION_FAILED');
      expect(unknown.errors?.map((e) => e.field)).toEqual(['colour']);
      const money = expectProblem(await send(text.replace('"downPayment":"61200.00"', '"downPayment":"61,200"')), 400, 'VALIDATION_FAILED');
      expect(money.errors?.[0]?.field).toBe('downPayment');
      expectProblem(await send(text.slice(0, -1)), 400, 'MALFORMED_JSON');
      expect((await send(text.replace('{', '{"__proto__":{"x":1},'))).statusCode).toBe(400);
    }
    expect((await send(text)).statusCode).toBe(200);
  });

  it('answers 404 for another partner’s dealer id', async () => {
    expectProblem(await v1('POST', '/v1/quotes', dealerA.key, { ...quoteBody, dealerId: dealerB.id }), 404, 'NOT_FOUND');
    // A group may quote for its own dealer.
    expect((await v1('POST', '/v1/quotes', group.key, { ...quoteBody, dealerId: dealerA.id })).statusCode).toBe(200);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await v1('POST', '/v1/quotes', dealerA.key, JSON.stringify({ ...quoteBody, pad: 'x'.repeat(70_000) }), { 'content-type': 'application/json' });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('replays the same Idempotency-Key with the same body and refuses a different body', async () => {
    const before = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM quotes WHERE dealer_id = $1`, [dealerA.id]);
    const first = await v1('POST', '/v1/quotes', dealerA.key, quoteBody, { 'idempotency-key': 'quote-1' });
    const again = await v1('POST', '/v1/quotes', dealerA.key, { ...quoteBody }, { 'idempotency-key': 'quote-1' });
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const after = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM quotes WHERE dealer_id = $1`, [dealerA.id]);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    expectProblem(await v1('POST', '/v1/quotes', dealerA.key, { ...quoteBody, term: 24 }, { 'idempotency-key': 'quote-1' }), 422, 'IDEMPOTENCY_KEY_REUSED');
    // Keys are per partner: another partner's same key is a new request.
    expect((await v1('POST', '/v1/quotes', dealerB.key, quoteBody, { 'idempotency-key': 'quote-1' })).headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('/v1/prequalifications without a scorecard (policy only)', () => {
  // This file's database has the catalogue but no champion model: the default strategy runs without its scorecard stage.
  const body = {
    applicant: { monthlyIncome: '25000.00', monthlyDebtPayments: '2000.00', employment: 'salaried', cityTier: 2 },
    vehicle: { category: 'new-ice', make: 'Toyota', price: '200000.00' },
    downPayment: '61200.00',
    term: 36,
    consents: { softCheck: true },
  };
  it('says the tier is indicative from policy only and checks affordability on each offer', async () => {
    const res = await v1('POST', '/v1/prequalifications', dealerA.key, body);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{ outcome: string; tierBasis: string; score: unknown; indicativeTier: string; offers: Array<{ productCode: string; term: number; monthlyPayment: string; debtToIncomePercent: string }>; softCheck: boolean; reasons: Array<{ code: string }> }>();
    expect(r.tierBasis).toBe('policy_only');
    expect(r.score).toBeNull();
    expect(r.reasons.map((x) => x.code)).toContain('TIER_FROM_POLICY_ONLY');
    // The engine's pre-score pricing tier without a bureau score is C (DEFAULT_RISK_TIER).
    expect(r.indicativeTier).toBe('C');
    expect(r.softCheck).toBe(true);
    const o = r.offers.find((x) => x.productCode === 'NEW_CAR_LOAN' && x.term === 36)!;
    // DTI by hand: (instalment + 2 000) ÷ 25 000, to 0.01 %.
    expect(o.debtToIncomePercent).toBe((((Number(o.monthlyPayment) + 2000) / 25000) * 100).toFixed(2));
    expect(r.outcome).toBe('likely');
  });
  it('says unlikely when the income carries no instalment, and needs the consent', async () => {
    const res = await v1('POST', '/v1/prequalifications', dealerA.key, { ...body, applicant: { ...body.applicant, monthlyIncome: '4000.00' } });
    expect(res.json<{ outcome: string; offers: unknown[] }>()).toMatchObject({ outcome: 'unlikely', offers: [] });
    const p = expectProblem(await v1('POST', '/v1/prequalifications', dealerA.key, { ...body, consents: { softCheck: false } }), 400, 'VALIDATION_FAILED');
    expect(p.errors?.[0]?.field).toBe('consents.softCheck');
  });
});

describe('/v1/webhooks and delivery', () => {
  it('signs deliveries by Standard Webhooks and retries a failing receiver with the same id and signature', async () => {
    const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        // Fails twice, then succeeds.
        res.statusCode = received.length <= 2 ? 503 : 200;
        res.end(received.length <= 2 ? 'busy, try later' : 'ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const sub = await v1('POST', '/v1/webhooks', dealerA.key, { url, events: ['application.decided'] });
      expect(sub.statusCode).toBe(201);
      const { id: subId, secret } = sub.json<{ id: string; secret: string }>();
      expect(secret).toMatch(/^whsec_/);
      const list = await v1('GET', '/v1/webhooks', dealerA.key);
      expect(list.json<{ data: Array<{ id: string }> }>().data.map((w) => w.id)).toContain(subId);
      // Another partner cannot see or delete it.
      expect(JSON.stringify((await v1('GET', '/v1/webhooks', dealerB.key)).json())).not.toContain(subId);
      expectProblem(await v1('DELETE', `/v1/webhooks/${subId}`, dealerB.key), 404, 'NOT_FOUND');

      const appId = '00000000-0000-4000-8000-000000000001';
      const eventId = await enqueuePartnerEvent(t.database.db, { partnerId: dealerA.id, type: 'application.decided', applicationId: appId, status: 'approved', previousStatus: 'received', at: new Date('2026-11-22T10:00:00Z'), sourceRef: 'test-1' });
      expect(eventId).toMatch(/^msg_/);
      t.app.webhookWorker.baseDelayMs = 20;
      for (let i = 0; i < 100 && received.length < 3; i++) {
        await t.app.webhookWorker.runOnce();
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(received).toHaveLength(3);
      for (const r of received) {
        expect(r.headers['webhook-id']).toBe(eventId);
        // Recompute the signature independently: HMAC-SHA256 over id.timestamp.body with the base64-decoded secret.
        const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${String(r.headers['webhook-id'])}.${String(r.headers['webhook-timestamp'])}.${r.body}`).digest('base64');
        expect(r.headers['webhook-signature']).toBe(`v1,${expected}`);
        expect(JSON.parse(r.body)).toMatchObject({ type: 'application.decided', data: { applicationId: appId, status: 'approved', previousStatus: 'received' } });
      }
      expect(new Set(received.map((r) => r.headers['webhook-signature'])).size).toBe(1);
      const log = await t.app.inject({ method: 'GET', url: `/api/partners/${dealerA.id}/webhook-deliveries`, headers: { cookie: admin } });
      const d = log.json<{ items: Array<{ id: string; status: string; attempts: number; attemptLog: Array<{ responseStatus: number; responseExcerpt: string }> }> }>().items[0]!;
      expect(d.status).toBe('succeeded');
      expect(d.attemptLog.map((a) => a.responseStatus)).toEqual([503, 503, 200]);
      expect(d.attemptLog[0]!.responseExcerpt).toBe('busy, try later');
      // Manual replay: the same id and signature again.
      const replay = await t.app.inject({ method: 'POST', url: `/api/partners/${dealerA.id}/webhook-deliveries/${d.id}/replay`, headers: { cookie: admin } });
      expect(replay.statusCode).toBe(201);
      for (let i = 0; i < 50 && received.length < 4; i++) {
        await t.app.webhookWorker.runOnce();
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(received).toHaveLength(4);
      expect(received[3]!.headers['webhook-signature']).toBe(received[0]!.headers['webhook-signature']);
      expect((await v1('DELETE', `/v1/webhooks/${subId}`, dealerA.key)).statusCode).toBe(204);
    } finally {
      server.close();
    }
  });

  it('delivers a dealer’s event to its group’s subscription too', async () => {
    const sub = await v1('POST', '/v1/webhooks', group.key, { url: 'http://127.0.0.1:9/unused', events: ['application.status_changed'] });
    expect(sub.statusCode).toBe(201);
    await enqueuePartnerEvent(t.database.db, { partnerId: dealerA.id, type: 'application.status_changed', applicationId: '00000000-0000-4000-8000-000000000002', status: 'withdrawn', previousStatus: 'approved', at: new Date(), sourceRef: 'test-2' });
    const rows = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1`, [sub.json<{ id: string }>().id]);
    expect(rows[0]!.n).toBe(1);
  });

  it('rejects a webhook without events or with a bad URL, naming the field', async () => {
    const p = expectProblem(await v1('POST', '/v1/webhooks', dealerA.key, { url: 'not a url', events: [] }), 400, 'VALIDATION_FAILED');
    const fields = (p.errors ?? []).map((e) => e.field);
    expect(fields).toContain('url');
    expect(fields).toContain('events');
    // A well-formed URL of another scheme is understood but refused (webhook-security.int.test.ts covers the addresses).
    const ftp = expectProblem(await v1('POST', '/v1/webhooks', dealerA.key, { url: 'ftp://files.example-dealer.cn/hook', events: ['application.decided'] }), 422, 'WEBHOOK_URL_FORBIDDEN');
    expect(ftp.errors?.[0]?.field).toBe('url');
  });
});

describe('usage', () => {
  it('counts requests, errors and latency per partner per minute', async () => {
    const k = await key(dealerB.id);
    await v1('GET', '/v1/products', k.key);
    await v1('GET', '/v1/products', k.key);
    await v1('POST', '/v1/quotes', k.key, { bad: true });
    const res = await t.app.inject({ method: 'GET', url: `/api/partners/usage?partnerId=${dealerB.id}&hours=1`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    const points = res.json<{ points: Array<{ requests: number; errors: number; latencyMeanMs: number }> }>().points;
    const sum = points.reduce((s, p) => ({ requests: s.requests + p.requests, errors: s.errors + p.errors }), { requests: 0, errors: 0 });
    const direct = await t.database.query<{ r: number; e: number }>(`SELECT sum(requests)::int AS r, sum(errors)::int AS e FROM partner_api_usage WHERE partner_id = $1`, [dealerB.id]);
    expect(sum).toEqual({ requests: direct[0]!.r, errors: direct[0]!.e });
    expect(sum.errors).toBeGreaterThanOrEqual(1);
    expect(sum.requests).toBeGreaterThanOrEqual(3);
  });
});

describe('OpenAPI', () => {
  it('documents every /v1 endpoint with its security, errors and examples; /docs serves the reference', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown; examples?: unknown }> }; responses: Record<string, unknown> }>> }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of [
      ['/v1/products', 'get'],
      ['/v1/quotes', 'post'],
      ['/v1/prequalifications', 'post'],
      ['/v1/webhooks', 'post'],
      ['/v1/webhooks', 'get'],
      ['/v1/webhooks/{webhookId}', 'delete'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
    }
    const components = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    for (const path of ['/v1/quotes', '/v1/prequalifications', '/v1/webhooks']) {
      const body = JSON.stringify(doc.paths[path]!.post!.requestBody);
      const ref = /#\/components\/schemas\/([\w-]+)/.exec(body)?.[1];
      expect(ref ? JSON.stringify(components[ref]) : body, path).toContain('"examples"');
    }
    // Every operation shows an example: of its body, its parameters or its answer (followed through component refs).
    const hasExample = (x: unknown, depth = 0): boolean => {
      const text = JSON.stringify(x ?? null);
      // A parameter's is `example` (OpenAPI 3.1 parameter object), a schema's `examples`.
      if (text.includes('"examples"') || text.includes('"example"')) return true;
      return depth < 3 && [...text.matchAll(/#\/components\/schemas\/([\w-]+)/g)].some((m) => hasExample(components[m[1]!], depth + 1));
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      // /v1/events is the customers module's event intake, documented by that module.
      if (path.startsWith('/v1/events')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const o = op as { requestBody?: unknown; parameters?: unknown; responses: Record<string, unknown> };
        const ok = hasExample(o.requestBody) || hasExample(o.parameters) || hasExample(o.responses['200'] ?? o.responses['201']);
        expect(ok, `${method.toUpperCase()} ${path} has an example`).toBe(true);
      }
    }
    expect(JSON.stringify(doc)).not.toContain('/api/partners');
    expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
