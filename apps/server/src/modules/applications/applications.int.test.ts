import { createDecipheriv, hkdfSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationCreated, ApplicationDetail, ApplicationPage, Problem } from '@autofin/contracts';
import { createTestApp, TEST_MASTER_KEY, type TestApp } from '../../../test/test-app.ts';
import { addDemoBureauCustomer, prepareDecisioning } from './applications.fixture.ts';
import { expireStaleApplications } from './application.service.ts';

// Resident ID numbers with their GB 11643 check digits worked by hand (weights 7 9 10 5 8 4 2 1
// 6 3 7 9 10 5 8 4 2, remainder of the sum mod 11 → "10X98765432"):
//   11010519900307123 → Σ 190, 190 mod 11 = 3 → '9'  → 110105199003071239 (born 1990-03-07)
//   44030119880815456 → Σ 337, mod 11 = 7 → '5'      → 440301198808154565 (1988-08-15)
//   31011519950101234 → Σ 193, mod 11 = 6 → '6'      → 310115199501012346 (1995-01-01)
//   32050219850620789 → Σ 326, mod 11 = 7 → '5'      → 320502198506207895 (1985-06-20)
//   51010719921111321 → Σ 213, mod 11 = 4 → '8'      → 510107199211113218 (1992-11-11)
//   11010519900307555 → Σ 238, mod 11 = 7 → '5'      → 110105199003075555
//   11010519900307777 → Σ 266, mod 11 = 2 → 'X'      → 11010519900307777X
//   11010520100101123 → Σ 87,  mod 11 = 10 → '2'     → 110105201001011232 (born 2010)
const ID_APPROVED = '110105199003071239';
const ID_MINIMAL = '440301198808154565';
const ID_VELOCITY = '310115199501012346';
const ID_CONDITIONAL = '320502198506207895';
const ID_CO = '510107199211113218';
const ID_CORP = '110105199003075555';
const ID_LIST = '11010519900307777X';

/** The GB 11643 check character of 17 digits, by the rule worked above (weights, sum mod 11 → "10X98765432"). */
function withCheckChar(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}
/**
 * A minor's ID number: born on 1 January sixteen years before the current (UTC) year, so aged 16 — or
 * 17 on China's 1 January while UTC's year is still the old one. A fixed "born 2010" would have been
 * an adult from 2028-01-01 on.
 */
const minorBirthYear = () => new Date().getUTCFullYear() - 16;
const minorId = () => withCheckChar(`110105${minorBirthYear()}0101123`);
// 统一社会信用代码 91110108MA01ABCD1?: Σ value·weight = 1815, 1815 mod 31 = 17, 31 − 17 = 14 → 'E'.
const USCC = '91110108MA01ABCD1E';

let t: TestApp;
let dealer: string;
let risk: string;
let viewer: string;
let compliance: string;
let marketing: string;
let dealerId: string;

beforeAll(async () => {
  t = await createTestApp();
  await prepareDecisioning(t.database);
  // Simulated-market customers (演示数据) the demo bureau knows, with their bureau scores.
  await addDemoBureauCustomer(t.database, ID_APPROVED, 800);
  await addDemoBureauCustomer(t.database, ID_CONDITIONAL, 720);
  await addDemoBureauCustomer(t.database, ID_CO, 800);
  dealerId = (await q<{ id: string }>(`SELECT id FROM partners WHERE type = 'dealer' ORDER BY id LIMIT 1`))[0]!.id;
  [dealer, risk, viewer, compliance, marketing] = (await Promise.all(
    ['dealer_ops', 'risk', 'viewer', 'compliance', 'marketing'].map((r) => t.login(`${r}@autofin.local`)),
  )) as [string, string, string, string, string];
}, 300_000);
afterAll(async () => t.close());

async function q<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return t.database.query<T>(text, params);
}

const minimal = (idNumber = ID_MINIMAL, phone = '13812345678') => ({
  applicant: { name: '张三', idNumber, phone, monthlyIncome: '25000.00', employment: 'salaried' },
  vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '250000.00' },
  deal: { downPayment: '50000.00', term: 36 },
  consents: { creditCheck: true },
});

async function post(body: unknown, cookie = dealer) {
  return t.app.inject({ method: 'POST', url: '/api/applications', headers: { cookie }, payload: body as Record<string, unknown> });
}

async function get(id: string, cookie = risk, query = '') {
  return t.app.inject({ method: 'GET', url: `/api/applications/${id}${query}`, headers: { cookie } });
}

async function counts() {
  const [row] = await q<{ apps: number; details: number; decisions: number; events: number; customers: number; stips: number }>(`
    SELECT (SELECT count(*)::int FROM applications WHERE source <> 'simulator') AS apps,
           (SELECT count(*)::int FROM application_details) AS details,
           (SELECT count(*)::int FROM application_decisions) AS decisions,
           (SELECT count(*)::int FROM application_events) AS events,
           (SELECT count(*)::int FROM customers) AS customers,
           (SELECT count(*)::int FROM application_stipulations) AS stips`);
  return row!;
}

describe('POST /api/applications', () => {
  it('decides the issue-6 minimal body: 201 with id, status and the decision, stored once', async () => {
    const before = await counts();
    const res = await post(minimal());
    expect(res.statusCode).toBe(201);
    const created = res.json<ApplicationCreated>();
    expect(res.headers.location).toBe(`/api/applications/${created.id}`);
    expect(['approved', 'conditionally_approved', 'referred', 'declined']).toContain(created.status);
    expect(created.decision?.status).toBe(created.status);
    expect(created.decision?.reasons.length).toBeGreaterThan(0);
    expect(created.decision?.versions.strategy).toEqual({ id: 'cn-retail-demo', version: 1 });
    const after = await counts();
    // one application, its details, one decision, three events (received → in_review → decision), one new customer
    expect(after).toMatchObject({ apps: before.apps + 1, details: before.details + 1, decisions: before.decisions + 1, events: before.events + 3, customers: before.customers + 1 });
  });

  it('approves a known bureau customer with a priced offer and APR, with the timeline and audit', async () => {
    // 250 000 price, 70 000 down: LTV 180 000 / 250 000 = 72 % ≤ the strategy's 75 % condition,
    // so the bureau-800 applicant (fixture scorecard tier A) is approved without stipulations.
    const res = await post({ ...minimal(ID_APPROVED, '13812340001'), deal: { downPayment: '70000.00', term: 36, productCode: 'NEV_LOAN' }, dealerId });
    expect(res.statusCode).toBe(201);
    const created = res.json<ApplicationCreated>();
    expect(created.status).toBe('approved');
    const offer = created.decision!.offer!;
    expect(offer.productCode).toBe('NEV_LOAN');
    expect(offer.principal).toBe('180000.00');
    expect(offer.downPayment).toBe('70000.00');
    expect(offer.term).toBe(36);
    expect(offer.aprSimple).toBeGreaterThan(0);
    expect(created.decision!.score).toMatchObject({ modelId: 'fixture-bureau-scorecard', tier: 'A' });

    const detail = (await get(created.id)).json<ApplicationDetail>();
    expect(detail.timeline.map((e) => [e.from, e.to])).toEqual([
      [null, 'received'],
      ['received', 'in_review'],
      ['in_review', 'approved'],
    ]);
    expect(detail.timeline[0]!.actor).toMatchObject({ type: 'user', label: 'dealer_ops@autofin.local' });
    expect(detail.application.dealerId).toBe(dealerId);
    expect(detail.audit!.rules.length).toBeGreaterThan(10);
    expect(detail.audit!.data!.bureau).toEqual({ status: 'scored', score: 800 });
    expect(detail.audit!.dataUsed.find((d) => d.source === 'bureau')).toMatchObject({ used: true });
    // the audit's input carries no plaintext identity
    expect(JSON.stringify(detail.audit!.input)).not.toContain(ID_APPROVED);
    expect(detail.audit!.timings.loadMs).toBeGreaterThan(0);
    const [row] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM application_decisions WHERE application_id = $1 AND model_id = 'fixture-bureau-scorecard' AND strategy_version = 1`, [created.id]);
    expect(row!.n).toBe(1);
  });

  it('takes joint and corporate applications', async () => {
    const joint = await post({
      ...minimal(ID_CO, '13812340002'),
      type: 'joint',
      coApplicant: { name: '李四', idNumber: '440301198808154565', phone: '13912340002', monthlyIncome: '9000.00', employment: 'civil_servant', relation: 'spouse' },
    });
    expect(joint.statusCode).toBe(201);
    const jd = (await get(joint.json<ApplicationCreated>().id, viewer)).json<ApplicationDetail>();
    expect(jd.application.type).toBe('joint');
    expect(jd.application.coApplicant).toMatchObject({ name: '李*', phone: '139****0002', idNumber: '440301********4565', relation: 'spouse', monthlyIncome: null });
    const [co] = await q<{ h: string | null }>(`SELECT co_id_number_hash AS h FROM application_details WHERE application_id = $1`, [jd.application.id]);
    expect(co!.h).toMatch(/^[0-9a-f]{64}$/);

    const corp = await post({
      ...minimal(ID_CORP, '13812340003'),
      type: 'corporate',
      company: { name: '北京示例科技有限公司', creditCode: USCC, yearsInBusiness: 6, monthlyNetProfit: '80000.00' },
    });
    expect(corp.statusCode).toBe(201);
    const cd = (await get(corp.json<ApplicationCreated>().id)).json<ApplicationDetail>();
    expect(cd.application.company).toMatchObject({ creditCode: USCC, monthlyNetProfit: '80000.00' });
  });
});

describe('bad input: 4xx naming the field, nothing stored', () => {
  const cases: Array<[string, () => unknown, number, string]> = [
    ['invalid ID check digit (…1239 → …1238)', () => ({ ...minimal(), applicant: { ...minimal().applicant, idNumber: '440301198808154564' } }), 400, 'applicant.idNumber'],
    ['birth date not the one the ID encodes', () => ({ ...minimal(), applicant: { ...minimal().applicant, birthDate: '1988-08-16' } }), 400, 'applicant.birthDate'],
    ['credit-check consent not given', () => ({ ...minimal(), consents: { creditCheck: false } }), 422, 'consents.creditCheck'],
    ['consents missing', () => ({ ...minimal(), consents: undefined }), 400, 'consents'],
    ['negative income', () => ({ ...minimal(), applicant: { ...minimal().applicant, monthlyIncome: '-100.00' } }), 400, 'applicant.monthlyIncome'],
    ['down payment above the price', () => ({ ...minimal(), deal: { downPayment: '260000.00', term: 36 } }), 400, 'deal.downPayment'],
    ['unknown product', () => ({ ...minimal(), deal: { downPayment: '50000.00', term: 36, productCode: 'NO_SUCH_LOAN' } }), 400, 'deal.productCode'],
    ['unknown field', () => ({ ...minimal(), applicant: { ...minimal().applicant, nickname: '三哥' } }), 400, 'applicant.nickname'],
    ['unknown top-level field', () => ({ ...minimal(), coupon: 'X' }), 400, 'coupon'],
    ['joint without a co-applicant', () => ({ ...minimal(), type: 'joint' }), 400, 'coApplicant'],
    ['corporate with a wrong credit code check character', () => ({ ...minimal(), type: 'corporate', company: { name: '示例公司', creditCode: '91110108MA01ABCD1F' } }), 400, 'company.creditCode'],
    ['a minor (born sixteen years before this year)', () => minimal(minorId()), 400, 'applicant.idNumber'],
    ['used car without its age', () => ({ ...minimal(), vehicle: { category: 'used', price: '80000.00', listPrice: '150000.00' } }), 400, 'vehicle.ageMonths'],
  ];

  it.each(cases)('%s', async (_name, body, status, field) => {
    const before = await counts();
    const res = await post(body());
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<Problem>();
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(problem.detail).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses the minor for their age alone: the ID number built for them is otherwise valid', async () => {
    // The check-character rule reproduces every number worked by hand at the top of this file.
    for (const id of [ID_APPROVED, ID_MINIMAL, ID_VELOCITY, ID_CONDITIONAL, ID_CO, ID_CORP, ID_LIST, '110105201001011232']) expect(withCheckChar(id.slice(0, 17))).toBe(id);
    const res = await post(minimal(minorId()));
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toEqual([
      { field: 'applicant.idNumber', message: expect.stringMatching(new RegExp(`^belongs to someone aged 1[67] \\(born ${minorBirthYear()}-01-01\\): a borrower must be at least 18$`)) },
    ]);
  });

  it('marketing may not submit (403), and nothing is stored', async () => {
    const before = await counts();
    expect((await post(minimal(), marketing)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('fraud velocity', () => {
  it('refers the third application with the same ID number within 24 h (the strategy allows 1 earlier one)', async () => {
    const codes: string[][] = [];
    let last = '';
    for (let i = 0; i < 3; i++) {
      const res = await post(minimal(ID_VELOCITY, `1370000000${i}`));
      expect(res.statusCode).toBe(201);
      codes.push(res.json<ApplicationCreated>().decision!.reasons.map((r) => r.code));
      last = res.json<ApplicationCreated>().id;
    }
    expect(codes[0]).not.toContain('FRAUD_ID_VELOCITY_24H');
    expect(codes[1]).not.toContain('FRAUD_ID_VELOCITY_24H');
    expect(codes[2]).toContain('FRAUD_ID_VELOCITY_24H');
    // counted on the keyed hash: three rows share it, none holds the number
    const [row] = await q<{ n: number; phones: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT phone_hash)::int AS phones FROM application_details
        WHERE id_number_hash = (SELECT id_number_hash FROM application_details WHERE application_id = $1)`,
      [last],
    );
    expect(row).toEqual({ n: 3, phones: 3 });
    const [audit] = await q<{ velocity: Array<{ key: string; window: string; count: number }> }>(`SELECT data->'velocity' AS velocity FROM application_decisions WHERE application_id = $1`, [last]);
    expect(audit!.velocity).toContainEqual({ key: 'id_number', window: '24h', count: 2 });
  });
});

describe('lifecycle', () => {
  let approvedId: string;
  let conditionalId: string;

  beforeAll(async () => {
    approvedId = (await post({ ...minimal(ID_APPROVED, '13812349991'), deal: { downPayment: '70000.00', term: 36 } })).json<ApplicationCreated>().id;
    // bureau 720 scores tier A in the fixture scorecard, but LTV 200 000 / 250 000 = 80 % > 75 %: approved on condition of a larger down payment
    const cond = (await post(minimal(ID_CONDITIONAL, '13812349992'))).json<ApplicationCreated>();
    expect(cond.status).toBe('conditionally_approved');
    conditionalId = cond.id;
  });

  const act = (id: string, step: string, cookie: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/applications/${id}/${step}`, headers: { cookie }, payload });

  it('approved → contracted (dealer) → funded (risk); each step on the timeline; no way back', async () => {
    expect((await act(approvedId, 'fund', risk)).statusCode).toBe(409); // not contracted yet
    expect((await act(approvedId, 'contract', risk)).statusCode).toBe(403); // the dealer signs
    const contracted = await act(approvedId, 'contract', dealer, { note: 'contract HT-001 signed' });
    expect(contracted.statusCode).toBe(200);
    expect(contracted.json<ApplicationDetail>().application.status).toBe('contracted');
    const funded = await act(approvedId, 'fund', risk);
    expect(funded.json<ApplicationDetail>().application.status).toBe('funded');
    const withdraw = await act(approvedId, 'withdraw', dealer);
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json<Problem>().code).toBe('APPLICATION_INVALID_TRANSITION');
    const tl = funded.json<ApplicationDetail>().timeline.slice(-2);
    expect(tl.map((e) => [e.from, e.to, e.actor.label, e.reason])).toEqual([
      ['approved', 'contracted', 'dealer_ops@autofin.local', 'contract HT-001 signed'],
      ['contracted', 'funded', 'risk@autofin.local', null],
    ]);
    const [audit] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action IN ('application.contracted', 'application.funded')`, [approvedId]);
    expect(audit!.n).toBe(2);
  });

  it('a conditional approval contracts only after every stipulation is satisfied or waived', async () => {
    const detail = (await get(conditionalId)).json<ApplicationDetail>();
    expect(detail.stipulations.length).toBeGreaterThan(0);
    expect(detail.stipulations.every((s) => s.status === 'open')).toBe(true);
    const blocked = await act(conditionalId, 'contract', dealer);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<Problem>().code).toBe('APPLICATION_STIPULATIONS_OPEN');

    const patch = (stipId: string, cookie: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/applications/${conditionalId}/stipulations/${stipId}`, headers: { cookie }, payload });
    const [first, ...rest] = detail.stipulations;
    expect((await patch(first!.id, dealer, { status: 'satisfied', note: 'payslips' })).statusCode).toBe(403);
    const ok = await patch(first!.id, risk, { status: 'satisfied', note: '6 months of bank statements seen' });
    expect(ok.statusCode).toBe(200);
    const settled = ok.json<ApplicationDetail>().stipulations.find((s) => s.id === first!.id)!;
    expect(settled).toMatchObject({ status: 'satisfied', note: '6 months of bank statements seen', verifiedBy: { label: 'risk@autofin.local' } });
    expect((await patch(first!.id, risk, { status: 'waived', note: 'again' })).statusCode).toBe(409);
    for (const s of rest) expect((await patch(s.id, risk, { status: 'waived', note: 'down payment raised at the dealer, receipt seen' })).statusCode).toBe(200);

    const contracted = await act(conditionalId, 'contract', dealer);
    expect(contracted.statusCode).toBe(200);
    expect(contracted.json<ApplicationDetail>().application.status).toBe('contracted');
  });

  it('withdraws an open application and expires stale ones (the periodic job)', async () => {
    const a = (await post(minimal('440301198808154565', '13812349993'))).json<ApplicationCreated>();
    const b = (await post(minimal('440301198808154565', '13812349994'))).json<ApplicationCreated>();
    const w = await act(a.id, 'withdraw', dealer, { note: 'customer bought elsewhere' });
    if (a.status === 'declined') expect(w.statusCode).toBe(409);
    else expect(w.json<ApplicationDetail>().application.status).toBe('withdrawn');
    // 31 days on, the job expires what is still open (declined is final and stays)
    const expired = await expireStaleApplications(t.database, new Date(Date.now() + 31 * 86_400_000));
    expect(expired).toBeGreaterThan(0);
    const bd = (await get(b.id)).json<ApplicationDetail>();
    if (b.status === 'declined') expect(bd.application.status).toBe('declined');
    else expect(bd.timeline.at(-1)).toMatchObject({ from: b.status, to: 'expired', actor: { type: 'system', label: 'expiry job' } });
    const [open] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM applications WHERE source <> 'simulator' AND status IN ('received','in_review','referred','approved','conditionally_approved')`,
    );
    expect(open!.n).toBe(0);
  });
});

describe('personal data', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await post({
        ...minimal(ID_LIST, '13812345670'),
        applicant: { ...minimal(ID_LIST, '13812345670').applicant, name: '王小明', email: 'wang.xm@example.com', address: { province: '北京', city: '北京', line: '朝阳区建国路88号' } },
      })
    ).json<ApplicationCreated>().id;
  });

  it('masks by default for every role', async () => {
    for (const cookie of [viewer, dealer, risk]) {
      const a = (await get(id, cookie)).json<ApplicationDetail>().application;
      expect(a.masked).toBe(true);
      expect(a.applicant).toMatchObject({ name: '王**', phone: '138****5670', idNumber: '110105********777X', email: 'w***@example.com', monthlyIncome: null, address: { province: '北京', city: '北京', line: '***' } });
    }
  });

  it('unmasks only for risk/compliance with a reason, and audits it', async () => {
    expect((await get(id, viewer, '?unmask=true&reason=checking')).statusCode).toBe(403);
    expect((await get(id, dealer, '?unmask=true&reason=checking')).statusCode).toBe(403);
    const noReason = await get(id, risk, '?unmask=true');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().errors?.[0]?.field).toBe('reason');
    const clear = await get(id, compliance, '?unmask=true&reason=customer%20complaint%20C-17');
    expect(clear.statusCode).toBe(200);
    expect(clear.json<ApplicationDetail>().application.applicant).toMatchObject({ name: '王小明', idNumber: ID_LIST, phone: '13812345670', monthlyIncome: '25000.00', address: { line: '朝阳区建国路88号' } });
    const rows = await q<{ actor_label: string; reason: string }>(
      `SELECT actor_label, after->>'reason' AS reason FROM audit_log WHERE action = 'application.unmasked' AND entity_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ actor_label: 'compliance@autofin.local', reason: 'customer complaint C-17' }]);
  });

  it('withholds income from the decision audit unless unmasked (the audit is read by dealers too)', async () => {
    const masked = (await get(id, dealer)).json<ApplicationDetail>().audit!;
    // The income was 25 000.00 yuan = 2 500 000 fen: neither figure may appear anywhere in the audit.
    const text = JSON.stringify(masked);
    expect(text).not.toMatch(/\b25000\.00\b/);
    expect(text).not.toMatch(/:2500000[,}]/);
    expect((masked.measures as Record<string, unknown>).monthlyIncome).toBeNull();
    // The ratios a reader needs stay.
    expect((masked.measures as Record<string, unknown>).pti).not.toBeNull();
    const clear = (await get(id, compliance, '?unmask=true&reason=audit%20review')).json<ApplicationDetail>().audit!;
    expect((clear.measures as Record<string, unknown>).monthlyIncome).toBe('25000.00');
  });

  it('stores no plaintext ID number anywhere: every row of every table, read raw', async () => {
    const tables = await q<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const leaks: string[] = [];
    for (const { table_name } of tables) {
      for (const id of [ID_LIST, ID_APPROVED, ID_CO]) {
        const [hit] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}" r WHERE r::text LIKE $1`, [`%${id}%`]);
        if (hit!.n > 0) leaks.push(`${table_name}: ${id}`);
      }
    }
    expect(leaks).toEqual([]);
    // …yet it is there, encrypted: decrypt personal_enc independently (HKDF-SHA256 → AES-256-GCM, AAD = application id)
    const [row] = await q<{ personal_enc: string; id_number_hash: string }>(`SELECT personal_enc, id_number_hash FROM application_details WHERE application_id = $1`, [id]);
    const raw = Buffer.from(row!.personal_enc.slice(3), 'base64url');
    const key = Buffer.from(hkdfSync('sha256', Buffer.from(TEST_MASTER_KEY, 'hex'), Buffer.alloc(0), 'autofin personal data aes-256-gcm v1', 32));
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    d.setAAD(Buffer.from(id, 'utf8'));
    const plain = JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')) as { applicant: { idNumber: string; monthlyIncome: string } };
    expect(plain.applicant).toMatchObject({ idNumber: ID_LIST, monthlyIncome: '25000.00' });
    expect(row!.id_number_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('GET /api/applications', () => {
  it('filters, searches by ID number without plaintext, and pages with a cursor', async () => {
    const page = async (query: string, cookie = viewer) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/applications?${query}`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      return res.json<ApplicationPage>();
    };
    const [total] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM application_details`);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: ApplicationPage = await page(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      for (const item of p.items) seen.add(item.id);
      cursor = p.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen.size).toBe(total!.n);
    expect(pages).toBe(Math.ceil(total!.n / 3));

    const byId = await page(`q=${ID_LIST}`);
    expect(byId.items).toHaveLength(1);
    expect(byId.items[0]!.applicantName).toBe('王**');
    const funded = await page('status=funded,contracted');
    expect(funded.items.length).toBeGreaterThan(0);
    expect(funded.items.every((i) => i.status === 'funded' || i.status === 'contracted')).toBe(true);
    const mine = await page(`dealerId=${dealerId}`);
    expect(mine.items.every((i) => i.dealerId === dealerId)).toBe(true);
    expect(mine.items.length).toBeGreaterThan(0);
    // (the expiry test above moved some applications 31 days ahead)
    const later = await page(`updatedSince=${encodeURIComponent(new Date(Date.now() + 60 * 86_400_000).toISOString())}`);
    expect(later.items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/applications?status=nonsense', headers: { cookie: viewer } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/applications', headers: { cookie: marketing } })).statusCode).toBe(403);
  });

  it('answers 404 for an unknown application', async () => {
    expect((await get('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
