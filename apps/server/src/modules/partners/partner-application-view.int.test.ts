import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationDetailSchema, type ApplicationCreated, type Problem } from '@autofin/contracts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { addDemoBureauCustomer, prepareDecisioning } from '../applications/applications.fixture.ts';

/**
 * GET /v1/applications/{id} pinned byte for byte. The expected body of every application is built
 * here from direct SQL over the raw tables (amounts and times formatted by PostgreSQL, the latest
 * decision picked by ORDER BY … DESC LIMIT 1) and from the personal data the test itself submitted,
 * masked by hand (张三 → 张*, 13812345678 → 138****5678, region code + ******** + last four of the
 * ID); the wire order of the keys is the contract's (the expectation goes through the contract
 * schema, which strips nothing the SQL did not put there). So the endpoint may read its data any way it
 * likes, but must answer exactly these bytes: the applications cover an automatic decision, a
 * referral decided by a reviewer (two decisions: the latest wins), stipulations (one satisfied by
 * a reviewer, with who and when), an uploaded document, a withdrawal, a joint application with a
 * co-applicant, and an applicant with e-mail, address, employer and debts (all masked or withheld).
 */

const NOBODY = '00000000-0000-4000-8000-00000000dead';
const partnerSchema = applicationDetailSchema.pick({ application: true, decision: true, stipulations: true, timeline: true });

/** GB 11643 check digit: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, Σ mod 11 → "10X98765432". */
function withCheckDigit(d17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...d17].reduce((acc, c, i) => acc + Number(c) * w[i]!, 0);
  return d17 + '10X98765432'[sum % 11]!;
}
let serial = 500;
function freshPerson(birth = '19850620'): { id: string; phone: string } {
  serial++;
  return { id: withCheckDigit(`320502${birth}${String(serial).padStart(3, '0')}`), phone: `1361234${String(1000 + serial)}` };
}

let t: TestApp;
let ops: string;
let risk: string;
let dealerA: string;
let dealerB: string;
let group: string;
let keyA: string;
let keyB: string;
let keyG: string;

interface Person {
  name: string;
  idNumber: string;
  phone: string;
  monthlyIncome: string;
  employment: string;
  email?: string;
  address?: { province: string; city: string; line?: string };
  housing?: string;
  monthlyDebtPayments?: string;
  yearsEmployed?: number;
  employer?: string;
  relation?: string;
}

/** What the test submitted for each application, to mask by hand. */
const submitted = new Map<string, { applicant: Person; coApplicant: Person | null; vehicle: Record<string, unknown> }>();

const v1 = (method: 'GET' | 'POST', url: string, key: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
const consoleCall = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

async function submit(key: string, applicant: Person, extra: { coApplicant?: Person; vehicle?: Record<string, unknown> } = {}): Promise<ApplicationCreated> {
  const vehicle = extra.vehicle ?? { category: 'new-nev', make: 'BYD', model: 'Han', price: '250000.00' };
  const res = await v1('POST', '/v1/applications', key, {
    ...(extra.coApplicant ? { type: 'joint', coApplicant: extra.coApplicant } : {}),
    applicant,
    vehicle,
    deal: { downPayment: '50000.00', term: 36 },
    consents: { creditCheck: true },
  });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json<ApplicationCreated>();
  submitted.set(created.id, { applicant, coApplicant: extra.coApplicant ?? null, vehicle });
  return created;
}

// ---------------------------------------------------------------- the independent expectation

const maskedPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`;
const maskedId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4).toUpperCase()}`;
/** First character kept, every other non-space character a star (张三 → 张*). */
const maskedName = (n: string) => [...n][0]! + [...n].slice(1).map((c) => (c === ' ' ? c : '*')).join('');

/** Whole years between the birth date in the ID number and the submission date (UTC). */
function ageAt(idNumber: string, submittedAt: string): number {
  const [y, m, d] = [Number(idNumber.slice(6, 10)), Number(idNumber.slice(10, 12)), Number(idNumber.slice(12, 14))];
  const s = new Date(submittedAt);
  const beforeBirthday = s.getUTCMonth() + 1 < m || (s.getUTCMonth() + 1 === m && s.getUTCDate() < d);
  return s.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

function personView(p: Person, age: number) {
  return {
    name: maskedName(p.name),
    idNumber: maskedId(p.idNumber),
    phone: maskedPhone(p.phone),
    email: p.email === undefined ? null : `${p.email[0]}***@${p.email.split('@')[1]}`,
    age,
    // L3 amounts are withheld in a masked view.
    monthlyIncome: null,
    monthlyDebtPayments: null,
    employment: p.employment,
    yearsEmployed: p.yearsEmployed ?? null,
    employer: p.employer === undefined ? null : maskedName(p.employer),
    housing: p.housing ?? null,
    address: p.address ? { province: p.address.province, city: p.address.city, line: p.address.line === undefined ? null : '***' } : null,
    relation: p.relation ?? null,
  };
}

/** PostgreSQL formats every time (UTC, milliseconds) and every amount (fen ÷ 100, two places) itself. */
const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const yuan = (col: string) => `(${col} / 100.0)::numeric(20,2)::text`;

async function q<T>(text: string, params: unknown[]): Promise<T[]> {
  return t.database.query<T>(text, params);
}

async function expectedBody(id: string): Promise<string> {
  const input = submitted.get(id)!;
  const [a] = await q<Record<string, unknown>>(
    `SELECT a.id, a.type, a.status, a.channel, a.partner_id, a.customer_id, ${yuan('a.vehicle_price_fen')} AS price, ${yuan('a.down_payment_fen')} AS down,
            ${yuan('a.requested_amount_fen')} AS requested, ${ts('a.submitted_at')} AS submitted_at, ${ts('a.decided_at')} AS decided_at,
            ${ts('coalesce(a.updated_at, a.submitted_at)')} AS updated_at, ${ts('a.expires_at')} AS expires_at,
            d.applicant_age, d.deal->>'productCode' AS product_code, d.deal->>'method' AS method, (d.deal->>'term')::int AS term,
            (d.consents->>'creditCheck')::boolean AS credit_check, coalesce((d.consents->>'dataSharing')::boolean, false) AS data_sharing, d.quote_id
       FROM applications a JOIN application_details d ON d.application_id = a.id WHERE a.id = $1`,
    [id],
  );
  const [decision] = await q<Record<string, unknown>>(
    `SELECT id, kind, status, reasons, score, offer, counter_offer, stipulations, versions, decided_by_type, decided_by_id, decided_by_label, note,
            ${ts('decided_at')} AS decided_at, duration_ms::float8 AS duration_ms
       FROM application_decisions WHERE application_id = $1 ORDER BY decided_at DESC, id DESC LIMIT 1`,
    [id],
  );
  const events = await q<Record<string, unknown>>(
    `SELECT id::text AS id, ${ts('at')} AS at, from_status, to_status, actor_type, actor_id, actor_label, reason FROM application_events WHERE application_id = $1 ORDER BY at, id`,
    [id],
  );
  const stips = await q<Record<string, unknown>>(
    `SELECT id, type, status, CASE WHEN amount_fen IS NULL THEN NULL ELSE ${yuan('amount_fen')} END AS amount, message, ${ts('created_at')} AS created_at,
            verified_by_id, verified_by_label, ${ts('verified_at')} AS verified_at, note
       FROM application_stipulations WHERE application_id = $1 ORDER BY created_at, type`,
    [id],
  );
  const submittedAt = a!.submitted_at as string;
  const v = input.vehicle;
  const expected = {
    application: {
      id: a!.id,
      type: a!.type,
      status: a!.status,
      channel: a!.channel,
      dealerId: a!.partner_id,
      customerId: a!.customer_id,
      applicant: personView(input.applicant, Number(a!.applicant_age)),
      coApplicant: input.coApplicant ? personView(input.coApplicant, ageAt(input.coApplicant.idNumber, submittedAt)) : null,
      company: null,
      vehicle: { category: v.category, make: v.make ?? null, model: v.model ?? null, price: a!.price, listPrice: null, ageMonths: null, mileageKm: null, vin: v.vin ?? null },
      deal: { downPayment: a!.down, term: a!.term, productCode: a!.product_code, method: a!.method, tradeIn: null },
      requestedAmount: a!.requested,
      consents: { creditCheck: a!.credit_check, dataSharing: a!.data_sharing },
      quoteId: a!.quote_id,
      submittedAt,
      decidedAt: a!.decided_at,
      updatedAt: a!.updated_at,
      expiresAt: a!.expires_at,
      masked: true,
    },
    decision: decision
      ? {
          id: decision.id,
          kind: decision.kind,
          status: decision.status,
          reasons: decision.reasons,
          score: decision.score,
          offer: decision.offer,
          counterOffer: decision.counter_offer,
          stipulations: decision.stipulations,
          versions: decision.versions,
          decidedBy: { type: decision.decided_by_type, id: decision.decided_by_id, label: decision.decided_by_label },
          note: decision.note,
          decidedAt: decision.decided_at,
          durationMs: decision.duration_ms,
        }
      : null,
    stipulations: stips.map((s) => ({
      id: s.id,
      type: s.type,
      status: s.status,
      amount: s.amount,
      message: s.message,
      createdAt: s.created_at,
      verifiedBy: s.verified_at ? { id: s.verified_by_id, label: s.verified_by_label } : null,
      verifiedAt: s.verified_at,
      note: s.note,
    })),
    timeline: events.map((e) => ({ id: e.id, at: e.at, from: e.from_status, to: e.to_status, actor: { type: e.actor_type, id: e.actor_id, label: e.actor_label }, reason: e.reason })),
  };
  // The contract fixes the wire order of the keys (application, decision, stipulations, timeline and
  // inside each); strict parse first so a field the SQL above invented would fail rather than be dropped.
  const parsed = partnerSchema.parse(expected);
  expect(parsed.application).toEqual(expected.application);
  return JSON.stringify(parsed);
}

// ---------------------------------------------------------------- set-up

const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await prepareDecisioning(t.database);
  ops = await t.login('dealer_ops@autofin.local');
  risk = await t.login('risk@autofin.local');
  const partner = async (name: string, type: string, parentId?: string) => {
    const res = await consoleCall('POST', '/api/partners', ops, { name, type, ...(parentId ? { parentId } : {}) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const key = async (partnerId: string) => {
    const res = await consoleCall('POST', `/api/partners/${partnerId}/api-keys`, ops, {});
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ key: string }>().key;
  };
  group = await partner('视图测试集团', 'dealer_group');
  dealerA = await partner('视图测试经销商 A', 'dealer', group);
  dealerB = await partner('视图测试经销商 B', 'dealer');
  [keyA, keyB, keyG] = await Promise.all([key(dealerA), key(dealerB), key(group)]);

  // 1. The minimal body, decided automatically.
  const plain = freshPerson();
  await addDemoBureauCustomer(t.database, plain.id, 800);
  ids.automatic = (await submit(keyA, { name: '张三', idNumber: plain.id, phone: plain.phone, monthlyIncome: '25000.00', employment: 'salaried' })).id;

  // 2. Everything a person can carry; referred (the identity's third application within 24 hours:
  //    FRAUD_ID_VELOCITY_24H allows one earlier), then conditionally approved by a reviewer with two
  //    stipulations (two decisions: the reviewer's is the latest); a document uploaded for one
  //    stipulation, which the reviewer then satisfies.
  const rich = freshPerson();
  await addDemoBureauCustomer(t.database, rich.id, 800);
  const richPerson: Person = {
    name: '欧阳娜娜',
    idNumber: rich.id,
    phone: rich.phone,
    monthlyIncome: '25000.00',
    employment: 'salaried',
    email: 'nana.ouyang@example.com',
    address: { province: '广东省', city: '广州市', line: '天河区天河路 385 号' },
    housing: 'rent',
    monthlyDebtPayments: '1234.56',
    yearsEmployed: 6,
    employer: '广州汽车集团',
  };
  await submit(keyB, richPerson);
  await submit(keyB, richPerson);
  const richApp = await submit(keyA, richPerson, { vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '250000.00', vin: 'LGXCE4CB5N0123456' } });
  expect(richApp.status, JSON.stringify(richApp.decision?.reasons.map((r) => r.code))).toBe('referred');
  ids.reviewed = richApp.id;
  expect((await consoleCall('POST', `/api/review-queue/${richApp.id}/claim`, risk, {})).statusCode).toBe(200);
  const decided = await consoleCall('POST', `/api/review-queue/${richApp.id}/decision`, risk, {
    decision: 'conditionally_approved',
    note: 'stable income, wants proof',
    stipulations: [{ type: 'proof_of_income' }, { type: 'gps_installation' }],
  });
  expect(decided.statusCode, decided.body).toBe(200);
  const open = await q<{ id: string }>(`SELECT id FROM application_stipulations WHERE application_id = $1 AND status = 'open' ORDER BY created_at, type`, [richApp.id]);
  expect(open.length).toBe(2);
  const pdf = Buffer.from('%PDF-1.4\n% payslip\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
  const up = await v1('POST', `/v1/applications/${richApp.id}/documents`, keyA, { stipulationId: open[0]!.id, fileName: 'payslip.pdf', mediaType: 'application/pdf', contentBase64: pdf });
  expect(up.statusCode, up.body).toBe(201);
  const settled = await consoleCall('PATCH', `/api/applications/${richApp.id}/stipulations/${open[0]!.id}`, risk, { status: 'satisfied', note: 'payslip matches' });
  expect(settled.statusCode, settled.body).toBe(200);

  // 3. A referral still waiting for a reviewer (the partner sees no review state).
  const again = freshPerson();
  await addDemoBureauCustomer(t.database, again.id, 800);
  const againPerson: Person = { name: '赵六', idNumber: again.id, phone: again.phone, monthlyIncome: '30000.00', employment: 'self_employed' };
  await submit(keyB, againPerson);
  await submit(keyB, againPerson);
  const waiting = await submit(keyA, againPerson);
  expect(waiting.status).toBe('referred');
  ids.referred = waiting.id;

  // 4. A joint application (the co-applicant masked as well), withdrawn by the partner.
  const main = freshPerson('19850620');
  const spouse = freshPerson('19870315');
  await addDemoBureauCustomer(t.database, main.id, 760);
  const joint = await submit(keyA, { name: '李四', idNumber: main.id, phone: main.phone, monthlyIncome: '18000.00', employment: 'civil_servant' }, {
    coApplicant: { name: '王五', idNumber: spouse.id, phone: spouse.phone, monthlyIncome: '12000.00', employment: 'professional', relation: 'spouse' },
  });
  ids.joint = joint.id;
  if (['received', 'in_review', 'referred', 'approved', 'conditionally_approved'].includes(joint.status)) {
    const w = await v1('POST', `/v1/applications/${joint.id}/withdraw`, keyA, { note: 'bought with cash' });
    expect(w.statusCode, w.body).toBe(200);
  }
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /v1/applications/{id}: exactly the partner view, read from the tables', () => {
  it('covers what it should: two decisions, stipulations (one satisfied), a document, an open referral, a co-applicant', async () => {
    const stip = await q<{ n: number; verified: number }>(`SELECT count(*)::int AS n, count(verified_at)::int AS verified FROM application_stipulations WHERE application_id = $1`, [ids.reviewed]);
    expect(stip[0]).toEqual({ n: 2, verified: 1 });
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM application_decisions WHERE application_id = $1`, [ids.reviewed]))[0]!.n).toBe(2);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM partner_documents WHERE application_id = $1`, [ids.reviewed]))[0]!.n).toBe(1);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM application_reviews WHERE application_id = $1 AND decided_at IS NULL`, [ids.referred]))[0]!.n).toBe(1);
    expect(submitted.get(ids.joint!)!.coApplicant).not.toBeNull();
  });

  for (const which of ['automatic', 'reviewed', 'referred', 'joint'] as const) {
    it(`${which}: the bytes the tables say, for the dealer and for its group`, async () => {
      const id = ids[which]!;
      const want = await expectedBody(id);
      const res = await v1('GET', `/v1/applications/${id}`, keyA);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toBe(want);
      const viaGroup = await v1('GET', `/v1/applications/${id}`, keyG);
      expect(viaGroup.body).toBe(want);
      // The console's full detail (its own code path) agrees on every field the partner sees.
      const full = await consoleCall('GET', `/api/applications/${id}`, risk);
      expect(full.statusCode).toBe(200);
      const d = full.json<Record<string, unknown>>();
      expect(res.json()).toEqual({ application: d.application, decision: d.decision, stipulations: d.stipulations, timeline: d.timeline });
    });
  }

  it('the latest of two decisions is the one shown (the reviewer’s after the referral)', async () => {
    const shown = (await v1('GET', `/v1/applications/${ids.reviewed}`, keyA)).json<{ decision: { kind: string; status: string; note: string } }>();
    expect(shown.decision).toMatchObject({ kind: 'manual', status: 'conditionally_approved', note: 'stable income, wants proof' });
  });

  it('no audit, no review state, no personal data in clear', async () => {
    const res = await v1('GET', `/v1/applications/${ids.reviewed}`, keyA);
    expect(Object.keys(res.json<object>())).toEqual(['application', 'decision', 'stipulations', 'timeline']);
    const person = submitted.get(ids.reviewed!)!.applicant;
    for (const secret of [person.idNumber, person.phone, person.name, person.email!, person.address!.line!, person.employer!, '25000.00', '1234.56']) expect(res.body).not.toContain(secret);
  });

  it('another partner’s application answers exactly like a missing one', async () => {
    for (const id of Object.values(ids)) {
      const theirs = await v1('GET', `/v1/applications/${id}`, keyB);
      const missing = await v1('GET', `/v1/applications/${NOBODY}`, keyB);
      expect(theirs.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      const pa = theirs.json<Problem>();
      const pb = missing.json<Problem>();
      expect({ ...pa, requestId: '', detail: pa.detail?.replaceAll(id, 'ID') }).toEqual({ ...pb, requestId: '', detail: pb.detail?.replaceAll(NOBODY, 'ID') });
    }
    // A simulated-market application (no details row) is not an API application: 404 for everyone.
    const sim = await q<{ id: string }>(`SELECT id FROM applications WHERE source = 'simulator' LIMIT 1`, []);
    expect((await v1('GET', `/v1/applications/${sim[0]!.id}`, keyG)).statusCode).toBe(404);
  });
});
