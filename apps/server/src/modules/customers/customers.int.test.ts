import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerProfile } from '@autofin/contracts';
import { simulateMarket } from '@autofin/simulator';
import { createTestApp, TEST_MASTER_KEY, type TestApp } from '../../../test/test-app.ts';
import { createPersonalDataProtector, parseMasterKey } from '../../security/personal-data.ts';
import { seedCustomerData } from './seed-customer-data.ts';
import { checkConsent } from './consent.repository.ts';
import { runnerOf } from './sql-runner.ts';
import { drainRefreshQueue } from './refresh-queue.ts';
import { createApiKey } from '../partners/api-key.repository.ts';

let t: TestApp;
let marketing: string;
let compliance: string;
let risk: string;
let viewer: string;

// Two made-up resident ID numbers (valid shape; 110105 = Beijing Chaoyang).
const ID_X = '11010519880412301X';
const ID_Y = '110105199203150027';
const PHONE_X = '13912345678';

beforeAll(async () => {
  t = await createTestApp({ AUTOFIN_BODY_LIMIT: '1048576' });
  await simulateMarket(t.database, { customers: 400, seed: 11 });
  await seedCustomerData(t.database);
  [marketing, compliance, risk, viewer] = await Promise.all([
    t.login('marketing@autofin.local'),
    t.login('compliance@autofin.local'),
    t.login('risk@autofin.local'),
    t.login('viewer@autofin.local'),
  ]);
}, 120_000);
afterAll(async () => t.close());

const post = (url: string, cookie: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as Record<string, unknown> });
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const ownerOfCookie = async (cookie: string) => {
  const protector = createPersonalDataProtector(parseMasterKey(TEST_MASTER_KEY));
  const rows = await q<{ customer_id: string }>(`SELECT customer_id FROM customer_identities WHERE type = 'cookie' AND value_hash = $1`, [protector.keyedHash('cookie', cookie)]);
  return rows[0]?.customer_id;
};

describe('POST /api/events and identity resolution', () => {
  it('weak identifiers attach to an anonymous profile; a strong one promotes it and folds in another anonymous profile', async () => {
    const r1 = await post('/api/events', marketing, {
      events: [
        { type: 'page_view', occurredAt: at(60), channel: 'web', identifiers: { cookie: 'ck-1' }, payload: { url: 'https://example.com/nev' } },
        { type: 'calculator_used', occurredAt: at(59), channel: 'web', identifiers: { cookie: 'ck-1', deviceId: 'dev-1' }, payload: { price_yuan: 200000, term: 36, nev: true } },
        { type: 'page_view', occurredAt: at(58), channel: 'app', identifiers: { deviceId: 'dev-2' }, payload: { url: 'https://example.com/app' } },
      ],
    });
    expect(r1.statusCode, r1.body).toBe(202);
    expect(r1.json()).toMatchObject({ accepted: 3, customersCreated: 2, profilesMerged: 0 });
    const anonA = await ownerOfCookie('ck-1');
    const [a] = await q<{ anonymous: boolean }>(`SELECT anonymous FROM customers WHERE id = $1`, [anonA]);
    expect(a!.anonymous).toBe(true);

    // The ID number is new: A (found by dev-1) becomes this person. Then the verified phone (now A's) arrives
    // with dev-2, whose anonymous profile is merged into A.
    const r2 = await post('/api/events', marketing, {
      events: [
        {
          type: 'application_started',
          occurredAt: at(30),
          channel: 'app',
          identifiers: { idNumber: ID_X, phone: PHONE_X, phoneVerified: true, deviceId: 'dev-1', cookie: 'ck-9' },
          payload: { product_code: 'NEW-LOAN' },
        },
        { type: 'quote_viewed', occurredAt: at(29), channel: 'app', identifiers: { phone: PHONE_X, phoneVerified: true, deviceId: 'dev-2' }, payload: { term: 36 } },
      ],
    });
    expect(r2.statusCode, r2.body).toBe(202);
    expect(r2.json()).toMatchObject({ accepted: 2, customersCreated: 0, profilesMerged: 1 });
    const [person] = await q<{ id: string; anonymous: boolean; id_number_hash: string; phone: string }>(`SELECT id, anonymous, id_number_hash, phone FROM customers WHERE id = $1`, [anonA]);
    expect(person!.anonymous).toBe(false);
    const merges = await q<{ survivor_id: string; kind: string; reason: string }>(`SELECT survivor_id, kind, reason FROM customer_merges`);
    expect(merges).toEqual([{ survivor_id: anonA, kind: 'auto', reason: 'strong identifier phone arrived' }]);
    expect(person!.phone).toBe(PHONE_X);

    // Traits follow through the refresh queue (the worker runs within a second; drained here to be exact).
    await drainRefreshQueue(t.database);
    const profile = (await get(`/api/customers/${anonA}`, marketing)).json() as CustomerProfile;
    expect(profile.mergedProfiles).toHaveLength(1);
    expect(profile.eventCount).toBe(5); // 2 + 1 (merged dev-2 profile) + 2
    expect(profile.traits?.lifecycleStage).toBe('applicant'); // application_started, no loan
  });

  it('never merges two identified people on a weak key: a shared device stays with its owner', async () => {
    const res = await post('/api/events', marketing, {
      events: [{ type: 'dealer_visit', occurredAt: at(10), channel: 'dealer', identifiers: { idNumber: ID_Y, deviceId: 'dev-1' }, payload: {} }],
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ customersCreated: 1, profilesMerged: 0 });
    const protector = createPersonalDataProtector(parseMasterKey(TEST_MASTER_KEY));
    const [dev] = await q<{ customer_id: string }>(`SELECT customer_id FROM customer_identities WHERE type = 'device_id' AND value_hash = $1`, [protector.keyedHash('device_id', 'dev-1')]);
    expect(dev!.customer_id).toBe(await ownerOfCookie('ck-1'));
    const [y] = await q<{ id: string }>(`SELECT id FROM customers WHERE id_number_hash = $1`, [protector.keyedHash('id_number', ID_Y)]);
    expect(y!.id).not.toBe(dev!.customer_id);
    expect(await q(`SELECT 1 FROM customer_merges`)).toHaveLength(1);
  });

  it('finds a demo-market customer by a real ID number although the simulator hashed it under its own key', async () => {
    // The simulator (seed 11 here) stores HMAC-SHA256(key "autofin-simulator-id-number-key-11", ID number).
    const simHash = createHmac('sha256', 'autofin-simulator-id-number-key-11').update('320102198001011234').digest('hex');
    const [sim] = await q<{ id: string }>(`SELECT id FROM customers WHERE source = 'simulator' ORDER BY id LIMIT 1`);
    await q(`UPDATE customers SET id_number_hash = $1 WHERE id = $2`, [simHash, sim!.id]);
    const res = await post('/api/events', marketing, { events: [{ type: 'test_drive', occurredAt: at(3), channel: 'dealer', identifiers: { idNumber: '320102198001011234' }, payload: {} }] });
    expect(res.json()).toMatchObject({ accepted: 1, customersCreated: 0 });
    const [ev] = await q<{ customer_id: string }>(`SELECT customer_id FROM customer_events WHERE type = 'test_drive' AND source = 'api'`);
    expect(ev!.customer_id).toBe(sim!.id);
  });

  it('a bad batch is refused whole with index, field and reason; nothing is stored', async () => {
    const [before] = await q<{ n: string }>(`SELECT count(*)::text AS n FROM customer_events`);
    const res = await post('/api/events', marketing, {
      events: [
        { type: 'page_view', occurredAt: at(5), channel: 'web', identifiers: { cookie: 'ck-new' }, payload: { url: 'https://example.com/' } },
        { type: 'repayment', occurredAt: at(5), channel: 'app', identifiers: { cookie: 'ck-new' }, payload: { amount: '12.5' } },
        { type: 'page_view', occurredAt: 'yesterday', channel: 'web', payload: { url: 'https://example.com/' } },
      ],
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['events[1].payload.amount', 'events[2].occurredAt']));
    const [after] = await q<{ n: string }>(`SELECT count(*)::text AS n FROM customer_events`);
    expect(after!.n).toBe(before!.n);
    expect(await ownerOfCookie('ck-new')).toBeUndefined();
  });

  it('refuses more than 1,000 events per batch', async () => {
    const events = Array.from({ length: 1_001 }, () => ({ type: 'app_open', occurredAt: at(1), channel: 'app', identifiers: { cookie: 'x' }, payload: {} }));
    const res = await post('/api/events', marketing, { events });
    expect(res.statusCode).toBe(400);
  });

  it('events are append-only: the database refuses UPDATE and DELETE', async () => {
    await expect(q(`UPDATE customer_events SET channel = 'web'`)).rejects.toThrow(/append-only/);
    await expect(q(`DELETE FROM customer_events`)).rejects.toThrow(/append-only/);
  });
});

describe('classified personal data', () => {
  it('no plaintext ID number anywhere in the customer tables; the encrypted copy decrypts with the configured key', async () => {
    const dump = await q<{ t: string }>(
      `SELECT string_agg(x::text, '|') AS t FROM (SELECT row_to_json(c)::text AS x FROM customers c UNION ALL SELECT row_to_json(k)::text FROM customer_identities k UNION ALL SELECT row_to_json(e)::text FROM customer_events e) s`,
    );
    expect(dump[0]!.t).not.toContain(ID_X);
    expect(dump[0]!.t).not.toContain(ID_Y);
    const protector = createPersonalDataProtector(parseMasterKey(TEST_MASTER_KEY));
    const [row] = await q<{ id_number_enc: string }>(`SELECT id_number_enc FROM customers WHERE id_number_hash = $1`, [protector.keyedHash('id_number', ID_X)]);
    expect(row!.id_number_enc).toMatch(/^v1\./);
    expect(protector.decrypt(row!.id_number_enc)).toBe(ID_X);
  });

  it('lists and profiles are masked for every role by default', async () => {
    for (const cookie of [marketing, compliance, risk, viewer]) {
      const list = (await get('/api/customers?limit=20', cookie)).json() as { items: Array<{ name: string; phone: string; anonymous: boolean }> };
      expect(list.items.length).toBeGreaterThan(0);
      for (const c of list.items.filter((i) => !i.anonymous && i.phone)) {
        expect(c.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
        expect(c.name).toMatch(/^.\**$/u);
      }
    }
    const id = await ownerOfCookie('ck-1');
    const p = (await get(`/api/customers/${id}`, risk)).json() as CustomerProfile;
    expect(p.contact.phone).toBe('139****5678');
    expect(p.identity.idNumber).toBe('110105********301X');
  });

  it('unmasking: refused for marketing, needs a reason, is audited; the ID number only for risk/compliance', async () => {
    const id = await ownerOfCookie('ck-1');
    expect((await get(`/api/customers/${id}?unmask=true&reason=customer%20called`, marketing)).statusCode).toBe(403);
    expect((await get(`/api/customers/${id}?unmask=true`, compliance)).statusCode).toBe(400);
    const res = await get(`/api/customers/${id}?unmask=true&reason=verifying%20a%20complaint`, compliance);
    expect(res.statusCode).toBe(200);
    const p = res.json() as CustomerProfile;
    expect(p.contact.phone).toBe(PHONE_X);
    expect(p.identity.idNumber).toBe(ID_X);
    const audit = await q<{ actor_label: string; after: { reason: string; levels: string[] } }>(`SELECT actor_label, after FROM audit_log WHERE action = 'customer.unmasked' AND entity_id = $1`, [id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toBe('compliance@autofin.local');
    expect(audit[0]!.after).toMatchObject({ reason: 'verifying a complaint', levels: ['L1', 'L3'] });
  });
});

describe('consent', () => {
  it('grant and withdrawal are recorded with source and text version, and checkConsent follows them at the time of use', async () => {
    const id = (await ownerOfCookie('ck-1'))!;
    const run = runnerOf(t.database.db);
    expect((await checkConsent(run, id, 'marketing', 'wechat', new Date())).reason).toBe('CONSENT_NOT_GIVEN');
    const g = await post(`/api/customers/${id}/consents`, marketing, { purpose: 'marketing', channel: 'wechat', action: 'granted', capturedVia: 'app', textVersion: 'mkt-2026.03' });
    expect(g.statusCode, g.body).toBe(200);
    expect((g.json() as CustomerProfile).consents).toEqual([expect.objectContaining({ purpose: 'marketing', channel: 'wechat', status: 'granted', textVersion: 'mkt-2026.03' })]);
    const grantedAt = new Date();
    expect((await checkConsent(run, id, 'marketing', 'wechat', grantedAt)).allowed).toBe(true);
    expect((await checkConsent(run, id, 'marketing', 'sms', grantedAt)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    const w = await post(`/api/customers/${id}/consents`, compliance, { purpose: 'marketing', channel: 'wechat', action: 'withdrawn', capturedVia: 'call_centre', textVersion: 'mkt-2026.03' });
    expect(w.statusCode).toBe(200);
    expect((await checkConsent(run, id, 'marketing', 'wechat', new Date())).reason).toBe('CONSENT_WITHDRAWN');
    expect((await checkConsent(run, id, 'marketing', 'wechat', grantedAt)).allowed).toBe(true); // at the time it was given
    const history = await q<{ action: string; captured_via: string }>(`SELECT action, captured_via FROM customer_consent_events WHERE customer_id = $1 ORDER BY id`, [id]);
    expect(history).toEqual([
      { action: 'granted', captured_via: 'app' },
      { action: 'withdrawn', captured_via: 'call_centre' },
    ]);
  });

  it('a customer who refused personalisation gets non-personal traits (no next-best product, prior NEV affinity)', async () => {
    const id = (await ownerOfCookie('ck-1'))!;
    await post(`/api/customers/${id}/consents`, marketing, { purpose: 'profiling', channel: 'any', action: 'granted', capturedVia: 'app', textVersion: 'prof-1' });
    const personal = (await get(`/api/customers/${id}`, marketing)).json() as CustomerProfile;
    expect(personal.traits!.personalised).toBe(true);
    expect(personal.traits!.nextBestProduct).not.toBeNull();
    await post(`/api/customers/${id}/consents`, marketing, { purpose: 'profiling', channel: 'any', action: 'withdrawn', capturedVia: 'app', textVersion: 'prof-1' });
    const plain = (await get(`/api/customers/${id}`, marketing)).json() as CustomerProfile;
    expect(plain.traits!.personalised).toBe(false);
    expect(plain.traits!.nextBestProduct).toBeNull();
    // No city known for this profile: the unknown-tier prior 0.45 (traits.ts NEV_PRIOR_UNKNOWN), not moved by its NEV calculator use.
    expect(plain.traits!.nevAffinity).toBe(0.45);
  });
});

describe('manual merge and split', () => {
  it('merges two identified people with who and why, and the split gives back exactly what the merged profile brought', async () => {
    const protector = createPersonalDataProtector(parseMasterKey(TEST_MASTER_KEY));
    const [x] = await q<{ id: string }>(`SELECT id FROM customers WHERE id_number_hash = $1`, [protector.keyedHash('id_number', ID_X)]);
    const [y] = await q<{ id: string }>(`SELECT id FROM customers WHERE id_number_hash = $1`, [protector.keyedHash('id_number', ID_Y)]);
    const yIdentities = await q<{ type: string }>(`SELECT type FROM customer_identities WHERE customer_id = $1 ORDER BY type`, [y!.id]);
    expect((await post('/api/customers/merges', viewer, { survivorId: x!.id, mergedId: y!.id, reason: 'same person, confirmed by phone' })).statusCode).toBe(403);
    const m = await post('/api/customers/merges', compliance, { survivorId: x!.id, mergedId: y!.id, reason: 'same person, confirmed by phone' });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json()).toMatchObject({ kind: 'manual', actorLabel: 'compliance@autofin.local', reason: 'same person, confirmed by phone' });
    expect(await q(`SELECT 1 FROM customer_identities WHERE customer_id = $1`, [y!.id])).toHaveLength(0);
    const s = await post(`/api/customers/merges/${(m.json() as { id: string }).id}/split`, compliance, { reason: 'two different people after all' });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ revertedBy: 'compliance@autofin.local', revertReason: 'two different people after all' });
    expect(await q(`SELECT type FROM customer_identities WHERE customer_id = $1 ORDER BY type`, [y!.id])).toEqual(yIdentities);
    const [yRow] = await q<{ merged_into: string | null }>(`SELECT merged_into FROM customers WHERE id = $1`, [y!.id]);
    expect(yRow!.merged_into).toBeNull();
  });
});

describe('POST /v1/events (dealer systems)', () => {
  it('takes events by identifiers with the partner key, stamps the partner, refuses our customer ids and keys without the scope', async () => {
    const [dealer] = await q<{ id: string }>(`SELECT id FROM partners ORDER BY id LIMIT 1`);
    const key = await createApiKey(t.database.db, dealer!.id, { scopes: ['events:write'], createdBy: 'test' });
    const other = await createApiKey(t.database.db, dealer!.id, { scopes: ['quotes:write'], createdBy: 'test' });
    const send = (k: string, events: unknown[]) => t.app.inject({ method: 'POST', url: '/v1/events', headers: { authorization: `Bearer ${k}` }, payload: { events } });
    const ok = await send(key.key, [{ type: 'dealer_visit', occurredAt: at(2), channel: 'dealer', identifiers: { dealerCrmId: 'CRM-77' }, payload: { purpose: 'test_drive' } }]);
    expect(ok.statusCode, ok.body).toBe(202);
    const [ev] = await q<{ partner_id: string; source: string }>(`SELECT partner_id, source FROM customer_events WHERE type = 'dealer_visit' AND source LIKE 'partner:%'`);
    expect(ev).toEqual({ partner_id: dealer!.id, source: `partner:${dealer!.id}` });
    const byId = await send(key.key, [{ type: 'dealer_visit', occurredAt: at(2), channel: 'dealer', customerId: dealer!.id, payload: {} }]);
    expect(byId.statusCode).toBe(400);
    expect((await send(other.key, [{ type: 'dealer_visit', occurredAt: at(2), channel: 'dealer', identifiers: { dealerCrmId: 'CRM-77' }, payload: {} }])).statusCode).toBe(403);
  });
});
