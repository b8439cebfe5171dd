import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationCreated, ApplicationPage, Problem } from '@autofin/contracts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { addDemoBureauCustomer, prepareDecisioning } from '../applications/applications.fixture.ts';

// Resident ID numbers with their GB 11643 check digits (worked by hand in applications.int.test.ts).
const ID_APPROVED = '110105199003071239';
const ID_MINIMAL = '440301198808154565';
const ID_CONDITIONAL = '320502198506207895';
const NOBODY = '00000000-0000-4000-8000-00000000dead';

/** GB 11643 check digit, computed here independently: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, Σ mod 11 → "10X98765432". */
function withCheckDigit(d17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...d17].reduce((acc, c, i) => acc + Number(c) * w[i]!, 0);
  return d17 + '10X98765432'[sum % 11]!;
}
let serial = 100;
/** A fresh applicant born 1985-06-20 (so no velocity rule sees them twice) and a phone of their own. */
function freshApplicant(): { id: string; phone: string } {
  serial++;
  return { id: withCheckDigit(`32050219850620${String(serial).padStart(3, '0')}`), phone: `1371234${String(1000 + serial)}` };
}

let t: TestApp;
let ops: string;
let riskCookie: string;
let groupId: string;
let dealerA: string;
let dealerB: string;
let keyA: string;
let keyB: string;
let keyG: string;

const body = (idNumber = ID_MINIMAL, phone = '13812345678', extra: Record<string, unknown> = {}) => ({
  applicant: { name: '张三', idNumber, phone, monthlyIncome: '25000.00', employment: 'salaried' },
  vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '250000.00' },
  deal: { downPayment: '50000.00', term: 36 },
  consents: { creditCheck: true },
  ...extra,
});

const v1 = (method: 'GET' | 'POST' | 'DELETE', url: string, key: string | null, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers }, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

async function q<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return t.database.query<T>(text, params);
}
async function appCount(partnerId: string): Promise<number> {
  return (await q<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE partner_id = $1 AND source <> 'simulator'`, [partnerId]))[0]!.n;
}
async function consoleCall(method: 'POST' | 'PATCH' | 'GET', url: string, payload?: unknown, cookie = ops) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
}
async function newPartner(name: string, type: string, parentId?: string): Promise<string> {
  const res = await consoleCall('POST', '/api/partners', { name, type, ...(parentId ? { parentId } : {}) });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}
async function newKey(partnerId: string, payload?: unknown): Promise<string> {
  const res = await consoleCall('POST', `/api/partners/${partnerId}/api-keys`, payload ?? {});
  expect(res.statusCode).toBe(201);
  return res.json<{ key: string }>().key;
}

/**
 * An application of `key`'s dealer that carries an open stipulation: a demo-bureau customer with a
 * score of 800 at 80 % LTV is referred by the demo strategy; a risk reviewer then approves it on
 * condition of proof of income (the review queue of the applications module).
 */
async function conditionalApplication(key: string): Promise<{ id: string; stipulationId: string; referred: boolean }> {
  const who = freshApplicant();
  await addDemoBureauCustomer(t.database, who.id, 800);
  const res = await v1('POST', '/v1/applications', key, body(who.id, who.phone));
  expect(res.statusCode).toBe(201);
  const created = res.json<ApplicationCreated>();
  // The demo strategy either approves this 80 % LTV loan on condition of a larger down payment, or
  // refers it (depending on the scorecard trained on the fixture market); a referral is then
  // approved by a risk reviewer on condition of proof of income.
  expect(['conditionally_approved', 'referred'], JSON.stringify(created.decision?.reasons.map((r) => r.code))).toContain(created.status);
  if (created.status === 'referred') {
    expect((await consoleCall('POST', `/api/review-queue/${created.id}/claim`, {}, riskCookie)).statusCode).toBe(200);
    const decided = await consoleCall('POST', `/api/review-queue/${created.id}/decision`, { decision: 'conditionally_approved', note: 'stable income, wants proof', stipulations: [{ type: 'proof_of_income' }] }, riskCookie);
    expect(decided.statusCode, decided.body).toBe(200);
  }
  const stip = await q<{ id: string }>(`SELECT id FROM application_stipulations WHERE application_id = $1 AND status = 'open' ORDER BY created_at LIMIT 1`, [created.id]);
  return { id: created.id, stipulationId: stip[0]!.id, referred: created.status === 'referred' };
}

let receiver: Server;
let receiverUrl = '';
const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];

beforeAll(async () => {
  t = await createTestApp({ AUTOFIN_WEBHOOK_ALLOW_PRIVATE: '1' });
  await prepareDecisioning(t.database);
  await addDemoBureauCustomer(t.database, ID_APPROVED, 800);
  await addDemoBureauCustomer(t.database, ID_CONDITIONAL, 720);
  ops = await t.login('dealer_ops@autofin.local');
  riskCookie = await t.login('risk@autofin.local');
  groupId = await newPartner('华南汽车集团', 'dealer_group');
  dealerA = await newPartner('广州天河比亚迪4S店', 'dealer', groupId);
  dealerB = await newPartner('深圳南山二手车', 'dealer');
  [keyA, keyB, keyG] = await Promise.all([newKey(dealerA), newKey(dealerB), newKey(groupId)]);
  receiver = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: b });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
}, 300_000);
afterAll(async () => {
  receiver?.close();
  await t?.close();
});

function problem(res: { statusCode: number; json: () => unknown }, status: number, code: string): Problem {
  expect(res.statusCode).toBe(status);
  const p = res.json() as Problem;
  expect(p.code).toBe(code);
  return p;
}

describe('POST /v1/applications', () => {
  let created: ApplicationCreated;

  it('takes the issue’s minimal body, decides it and files it under the calling dealer', async () => {
    const before = await appCount(dealerA);
    const res = await v1('POST', '/v1/applications', keyA, body(ID_APPROVED, '13912345678'));
    expect(res.statusCode, res.body).toBe(201);
    created = res.json<ApplicationCreated>();
    expect(res.headers.location).toBe(`/v1/applications/${created.id}`);
    expect(created.decision).not.toBeNull();
    expect(['approved', 'conditionally_approved', 'referred', 'declined']).toContain(created.status);
    expect(created.decision!.status).toBe(created.status);
    expect(created.decision!.reasons.length).toBeGreaterThan(0);
    expect(await appCount(dealerA)).toBe(before + 1);
    const row = await q<{ partner_id: string; channel: string }>(`SELECT partner_id, channel FROM applications WHERE id = $1`, [created.id]);
    expect(row[0]!.partner_id).toBe(dealerA);
  });

  it('names an unknown field and stores nothing', async () => {
    const before = await appCount(dealerA);
    const res = await v1('POST', '/v1/applications', keyA, { ...body(), applicant: { ...body().applicant, nickname: '小张' } });
    const p = problem(res, 400, 'VALIDATION_FAILED');
    expect(p.errors?.map((e) => e.field)).toContain('applicant.nickname');
    expect(await appCount(dealerA)).toBe(before);
  });

  it('refuses a bad ID number and a missing consent, naming the field', async () => {
    const p = problem(await v1('POST', '/v1/applications', keyA, body('110105199003071230')), 400, problemCodeOfBadId);
    expect(JSON.stringify(p.errors)).toContain('applicant.idNumber');
    const res = await v1('POST', '/v1/applications', keyA, { ...body(), consents: { creditCheck: false } });
    expect(res.statusCode).toBe(422);
  });

  it('needs the applications:write scope', async () => {
    const readOnly = await newKey(dealerA, { scopes: ['applications:read'] });
    problem(await v1('POST', '/v1/applications', readOnly, body()), 403, 'API_KEY_SCOPE_MISSING');
    expect((await v1('GET', `/v1/applications/${created.id}`, readOnly)).statusCode).toBe(200);
  });
});

// The ID check digit of 110105199003071230 is wrong (the right one is 9): the service says so.
const problemCodeOfBadId = 'APPLICATION_INVALID';

describe('isolation: another partner’s application answers exactly like a missing one', () => {
  let appId: string;
  let stipId: string;
  beforeAll(async () => {
    ({ id: appId, stipulationId: stipId } = await conditionalApplication(keyA));
  });

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
  const endpoints = (id: string) => [
    { method: 'GET' as const, url: `/v1/applications/${id}` },
    { method: 'GET' as const, url: `/v1/applications/${id}/documents` },
    { method: 'POST' as const, url: `/v1/applications/${id}/withdraw`, payload: {} },
    { method: 'POST' as const, url: `/v1/applications/${id}/documents`, payload: { stipulationId: stipId, fileName: 'a.pdf', mediaType: 'application/pdf', contentBase64: pdf } },
  ];

  it('for every endpoint', async () => {
    const theirs = endpoints(appId);
    const missing = endpoints(NOBODY);
    for (let i = 0; i < theirs.length; i++) {
      const a = await v1(theirs[i]!.method, theirs[i]!.url, keyB, theirs[i]!.payload);
      const b = await v1(missing[i]!.method, missing[i]!.url, keyB, missing[i]!.payload);
      expect(a.statusCode, theirs[i]!.url).toBe(404);
      expect(b.statusCode).toBe(404);
      const pa = a.json<Problem>();
      const pb = b.json<Problem>();
      expect({ ...pa, requestId: '', detail: pa.detail?.replaceAll(appId, 'ID') }).toEqual({ ...pb, requestId: '', detail: pb.detail?.replaceAll(NOBODY, 'ID') });
    }
    // The list does not show it either, even filtered by the other dealer.
    const list = await v1('GET', '/v1/applications?limit=100', keyB);
    expect(list.json<ApplicationPage>().items.map((x) => x.id)).not.toContain(appId);
    const filtered = await v1('GET', `/v1/applications?dealerId=${dealerA}`, keyB);
    expect(filtered.statusCode === 200 ? filtered.json<ApplicationPage>().items.length : 0).toBe(0);
    // Still there and unchanged for its owner.
    const own = await v1('GET', `/v1/applications/${appId}`, keyA);
    expect(own.statusCode).toBe(200);
    expect(own.json<{ application: { status: string } }>().application.status).not.toBe('withdrawn');
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM partner_documents WHERE application_id = $1`, [appId]))[0]!.n).toBe(0);
  });

  it('a dealer group sees its dealers’ applications; a dealer cannot submit for another', async () => {
    expect((await v1('GET', `/v1/applications/${appId}`, keyG)).statusCode).toBe(200);
    const list = await v1('GET', '/v1/applications?limit=100', keyG);
    expect(list.json<ApplicationPage>().items.map((x) => x.id)).toContain(appId);
    const before = await appCount(dealerA);
    const res = await v1('POST', '/v1/applications', keyB, body(ID_MINIMAL, '13612345678', { dealerId: dealerA }));
    const p = problem(res, 400, 'APPLICATION_INVALID');
    expect(p.errors?.[0]?.field).toBe('dealerId');
    expect(await appCount(dealerA)).toBe(before);
  });

  it('401 without a key on every endpoint', async () => {
    for (const e of [...endpoints(appId), { method: 'POST' as const, url: '/v1/applications', payload: body() }, { method: 'GET' as const, url: '/v1/applications' }]) {
      problem(await v1(e.method, e.url, null, e.payload), 401, 'API_KEY_INVALID');
    }
  });

  it('documents: the stipulation’s proof, checked for type and size', async () => {
    const bytes = Buffer.from(pdf, 'base64');
    const ok = await v1('POST', `/v1/applications/${appId}/documents`, keyA, { stipulationId: stipId, fileName: 'payslip.pdf', mediaType: 'application/pdf', contentBase64: pdf });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ sha256: string; sizeBytes: number }>()).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length });
    const stored = await q<{ n: number; size: number }>(`SELECT count(*)::int AS n, max(octet_length(content))::int AS size FROM partner_documents WHERE application_id = $1`, [appId]);
    expect(stored[0]).toEqual({ n: 1, size: bytes.length });
    const png = problem(await v1('POST', `/v1/applications/${appId}/documents`, keyA, { stipulationId: stipId, fileName: 'x.png', mediaType: 'image/png', contentBase64: pdf }), 422, 'DOCUMENT_INVALID');
    expect(png.errors?.[0]?.field).toBe('mediaType');
    problem(await v1('POST', `/v1/applications/${appId}/documents`, keyA, { stipulationId: NOBODY, fileName: 'x.pdf', mediaType: 'application/pdf', contentBase64: pdf }), 422, 'DOCUMENT_INVALID');
    problem(await v1('POST', `/v1/applications/${appId}/documents`, keyA, { stipulationId: stipId, fileName: 'x.exe', mediaType: 'application/x-msdownload', contentBase64: pdf }), 400, 'VALIDATION_FAILED');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-');
    const tooBig = problem(await v1('POST', `/v1/applications/${appId}/documents`, keyA, { stipulationId: stipId, fileName: 'big.pdf', mediaType: 'application/pdf', contentBase64: big.toString('base64') }), 422, 'DOCUMENT_INVALID');
    expect(tooBig.errors?.[0]?.field).toBe('contentBase64');
    // Over the 7 MiB body limit of this endpoint: 413 before any parsing.
    const huge = JSON.stringify({ stipulationId: stipId, fileName: 'huge.pdf', mediaType: 'application/pdf', contentBase64: 'A'.repeat(7 * 1024 * 1024 + 16) });
    problem(await v1('POST', `/v1/applications/${appId}/documents`, keyA, huge, { 'content-type': 'application/json' }), 413, 'PAYLOAD_TOO_LARGE');
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM partner_documents WHERE application_id = $1`, [appId]))[0]!.n).toBe(1);
  });
});

describe('idempotency', () => {
  it('same key and body: the first response again, no second application; another body: 422', async () => {
    const dealer = await newPartner('幂等测试经销商', 'dealer');
    const key = await newKey(dealer);
    const first = await v1('POST', '/v1/applications', key, body(ID_MINIMAL, '13512345678'), { 'idempotency-key': 'app-0001' });
    const again = await v1('POST', '/v1/applications', key, body(ID_MINIMAL, '13512345678'), { 'idempotency-key': 'app-0001' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await appCount(dealer)).toBe(1);
    problem(await v1('POST', '/v1/applications', key, body(ID_MINIMAL, '13512345679'), { 'idempotency-key': 'app-0001' }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await appCount(dealer)).toBe(1);
  });

  it('20 concurrent requests with one key create exactly one application', async () => {
    const dealer = await newPartner('并发测试经销商', 'dealer');
    const key = await newKey(dealer);
    const responses = await Promise.all(Array.from({ length: 20 }, () => v1('POST', '/v1/applications', key, body(ID_MINIMAL, '13412345678'), { 'idempotency-key': 'concurrent-1' })));
    expect(await appCount(dealer)).toBe(1);
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
  }, 120_000);
});

describe('GET /v1/applications', () => {
  it('pages with a cursor through exactly the partner’s applications', async () => {
    const dealer = await newPartner('分页测试经销商', 'dealer');
    const key = await newKey(dealer);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await v1('POST', '/v1/applications', key, body(ID_MINIMAL, `1331234567${i}`));
      expect(res.statusCode).toBe(201);
      ids.push(res.json<ApplicationCreated>().id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await v1('GET', `/v1/applications?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, key);
      expect(res.statusCode).toBe(200);
      const page = res.json<ApplicationPage>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...ids].sort());
    const sql = await q<{ id: string }>(`SELECT id FROM applications WHERE partner_id = $1`, [dealer]);
    expect(sql.map((r) => r.id).sort()).toEqual([...ids].sort());
    const future = await v1('GET', `/v1/applications?updatedSince=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`, key);
    expect(future.json<ApplicationPage>().items).toEqual([]);
  });

  it('rejects bad filters naming them', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['status=bogus', 'status'],
      ['updatedSince=yesterday', 'updatedSince'],
      ['colour=red', 'colour'],
    ] as const) {
      const p = problem(await v1('GET', `/v1/applications?${query}`, keyA), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(p.errors ?? p.detail), query).toContain(field);
    }
    const badCursor = await v1('GET', '/v1/applications?cursor=not-a-cursor', keyA);
    expect(badCursor.statusCode).toBe(400);
  });
});

describe('withdraw and webhooks from real changes', () => {
  it('signs application.decided and status_changed, then a withdrawal and a stipulation update', async () => {
    const dealer = await newPartner('Webhook 测试经销商', 'dealer');
    const key = await newKey(dealer);
    const sub = await v1('POST', '/v1/webhooks', key, { url: receiverUrl, events: ['application.decided', 'application.status_changed', 'application.stipulation_updated'] });
    expect(sub.statusCode).toBe(201);
    const secret = sub.json<{ secret: string }>().secret;
    received.length = 0;
    const { id: appId, stipulationId, referred } = await conditionalApplication(key);
    // Written in the transactions of the changes: the submission (status and decision) and, after a referral, the manual decision.
    const expectedCount = referred ? 4 : 2;
    const outbox = await q<{ type: string }>(`SELECT type FROM webhook_events WHERE application_id = $1`, [appId]);
    expect(outbox.map((e) => e.type).sort()).toEqual(referred ? ['application.decided', 'application.decided', 'application.status_changed', 'application.status_changed'] : ['application.decided', 'application.status_changed']);
    const deliver = async (n: number) => {
      for (let i = 0; i < 100 && received.length < n; i++) {
        await t.app.webhookWorker.runOnce();
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await deliver(expectedCount);
    expect(received).toHaveLength(expectedCount);
    for (const r of received) {
      const sig = createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update(`${String(r.headers['webhook-id'])}.${String(r.headers['webhook-timestamp'])}.${r.body}`).digest('base64');
      expect(r.headers['webhook-signature']).toBe(`v1,${sig}`);
    }
    const events = received.map((r) => JSON.parse(r.body) as { type: string; data: { applicationId: string; status: string; previousStatus: string | null } });
    expect(events.filter((e) => e.type === 'application.decided').map((e) => e.data.status).sort()).toEqual(referred ? ['conditionally_approved', 'referred'] : ['conditionally_approved']);
    expect(events.filter((e) => e.type === 'application.status_changed').map((e) => `${e.data.previousStatus}→${e.data.status}`).sort()).toEqual(referred ? ['null→referred', 'referred→conditionally_approved'] : ['null→conditionally_approved']);
    // Every event has its own id.
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(expectedCount);

    const settle = await consoleCall('PATCH', `/api/applications/${appId}/stipulations/${stipulationId}`, { status: 'satisfied', note: 'payslip seen' }, riskCookie);
    expect(settle.statusCode, settle.body).toBe(200);
    await deliver(expectedCount + 1);
    const e = JSON.parse(received[expectedCount]!.body) as { type: string; data: { status: string; stipulation: { id: string; type: string; status: string } } };
    expect(e.type).toBe('application.stipulation_updated');
    expect(e.data).toMatchObject({ status: 'conditionally_approved', stipulation: { id: stipulationId, status: 'satisfied' } });
    const n = received.length;
    const w = await v1('POST', `/v1/applications/${appId}/withdraw`, key, { note: 'customer bought cash' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json<{ application: { status: string } }>().application.status).toBe('withdrawn');
    await deliver(n + 1);
    expect(JSON.parse(received[n]!.body)).toMatchObject({ type: 'application.status_changed', data: { applicationId: appId, status: 'withdrawn', previousStatus: 'conditionally_approved' } });
    problem(await v1('POST', `/v1/applications/${appId}/withdraw`, key, {}), 409, 'APPLICATION_INVALID_TRANSITION');
  });
});

describe('uploaded documents: listed for the partner and in the console, downloaded by staff', () => {
  const pdfBytes = Buffer.from('%PDF-1.4\n% payslip of October\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  // A partner-chosen name with CJK characters, a space and quotes: the header must carry it intact.
  const fileName = '工资单 "10月".pdf';
  let appId: string;
  let stipId: string;
  let docId: string;

  beforeAll(async () => {
    ({ id: appId, stipulationId: stipId } = await conditionalApplication(keyA));
    const up = await v1('POST', `/v1/applications/${appId}/documents`, keyA, { stipulationId: stipId, fileName, mediaType: 'application/pdf', contentBase64: pdfBytes.toString('base64') });
    expect(up.statusCode, up.body).toBe(201);
    docId = up.json<{ id: string }>().id;
  });

  it('GET /v1/applications/{id}/documents lists them with their stipulation; another partner gets 404', async () => {
    const res = await v1('GET', `/v1/applications/${appId}/documents`, keyA);
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json<{ data: Array<{ id: string; fileName: string; sizeBytes: number; partnerId: string; stipulation: { id: string; type: string; status: string } | null }> }>().data;
    const stip = await q<{ type: string; status: string }>(`SELECT type, status FROM application_stipulations WHERE id = $1`, [stipId]);
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ id: docId, fileName, sizeBytes: pdfBytes.length, partnerId: dealerA, stipulation: { id: stipId, type: stip[0]!.type, status: 'open' } });
    // The dealer group sees its dealer's documents.
    expect((await v1('GET', `/v1/applications/${appId}/documents`, keyG)).statusCode).toBe(200);
    // Another dealer: 404, identical to a missing application.
    const theirs = await v1('GET', `/v1/applications/${appId}/documents`, keyB);
    const missing = await v1('GET', `/v1/applications/${NOBODY}/documents`, keyB);
    expect(theirs.statusCode).toBe(404);
    const pa = theirs.json<Problem>();
    const pb = missing.json<Problem>();
    expect({ ...pa, requestId: '', detail: pa.detail?.replaceAll(appId, 'ID') }).toEqual({ ...pb, requestId: '', detail: pb.detail?.replaceAll(NOBODY, 'ID') });
  });

  it('the console lists them for the roles that read applications, and shows the stipulation once it is settled', async () => {
    const viewer = await t.login('viewer@autofin.local');
    const list = await consoleCall('GET', `/api/applications/${appId}/documents`, undefined, viewer);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ data: Array<{ id: string }> }>().data.map((d) => d.id)).toEqual([docId]);
    const marketing = await t.login('marketing@autofin.local');
    problem(await consoleCall('GET', `/api/applications/${appId}/documents`, undefined, marketing), 403, 'FORBIDDEN');
    problem(await consoleCall('GET', `/api/applications/${NOBODY}/documents`, undefined, riskCookie), 404, 'NOT_FOUND');

    const settled = await consoleCall('PATCH', `/api/applications/${appId}/stipulations/${stipId}`, { status: 'satisfied', note: 'payslip matches the declared income' }, riskCookie);
    expect(settled.statusCode, settled.body).toBe(200);
    const after = await consoleCall('GET', `/api/applications/${appId}/documents`, undefined, riskCookie);
    const s = after.json<{ data: Array<{ stipulation: { status: string; verifiedAt: string | null } }> }>().data[0]!.stipulation;
    expect(s.status).toBe('satisfied');
    expect(s.verifiedAt).not.toBeNull();
  });

  it('downloads the exact bytes with the media type and the file name, audited; under another application it is 404', async () => {
    const before = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.document.downloaded' AND entity_id = $1`, [docId]);
    const res = await consoleCall('GET', `/api/applications/${appId}/documents/${docId}`, undefined, riskCookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    // RFC 8187: 工 E5 B7 A5, 资 E8 B5 84, 单 E5 8D 95, space %20, " %22, 月 E6 9C 88; the ASCII fallback replaces each non-ASCII character and quote by _.
    expect(res.headers['content-disposition']).toBe(`attachment; filename="___ _10__.pdf"; filename*=UTF-8''%E5%B7%A5%E8%B5%84%E5%8D%95%20%2210%E6%9C%88%22.pdf`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(Buffer.compare(res.rawPayload, pdfBytes)).toBe(0);
    const audited = await q<{ n: number; actor: string }>(`SELECT count(*)::int AS n, max(actor_label) AS actor FROM audit_log WHERE action = 'application.document.downloaded' AND entity_id = $1`, [docId]);
    expect(audited[0]!.n).toBe(before[0]!.n + 1);
    expect(audited[0]!.actor).toContain('risk');

    // The same document id under another application (one the user may see) finds nothing.
    const other = await v1('POST', '/v1/applications', keyA, body(ID_MINIMAL, '13712345670'));
    expect(other.statusCode).toBe(201);
    problem(await consoleCall('GET', `/api/applications/${other.json<ApplicationCreated>().id}/documents/${docId}`, undefined, riskCookie), 404, 'NOT_FOUND');
    problem(await consoleCall('GET', `/api/applications/${appId}/documents/${NOBODY}`, undefined, riskCookie), 404, 'NOT_FOUND');
    const marketing = await t.login('marketing@autofin.local');
    problem(await consoleCall('GET', `/api/applications/${appId}/documents/${docId}`, undefined, marketing), 403, 'FORBIDDEN');
    // A viewer may see that a document exists (the list above) but not open it: it is sensitive personal data.
    const viewer = await t.login('viewer@autofin.local');
    problem(await consoleCall('GET', `/api/applications/${appId}/documents/${docId}`, undefined, viewer), 403, 'FORBIDDEN');
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.document.downloaded' AND entity_id = $1`, [docId]))[0]!.n).toBe(before[0]!.n + 1);
  });
});
