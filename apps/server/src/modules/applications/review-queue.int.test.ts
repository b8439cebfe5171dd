import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationCreated, ApplicationDetail, Problem, ReviewQueuePage, SimilarApplications } from '@autofin/contracts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { addDemoBureauCustomer, prepareDecisioning } from './applications.fixture.ts';
import { REVIEW_SLA_HOURS } from './application.service.ts';

// Resident IDs with hand-worked GB 11643 check digits (see applications.int.test.ts for the method):
//   13010219870412345 → Σ 233, 233 mod 11 = 2 → 'X' → 13010219870412345X
//   37020219830909876 → Σ 400, 400 mod 11 = 4 → '8' → 370202198309098768
//   42010619910521111 → Σ 227, 227 mod 11 = 7 → '5' → 420106199105211115
const ID_REFER_A = '13010219870412345X';
const ID_REFER_B = '370202198309098768';
const ID_REFER_C = '420106199105211115';

let t: TestApp;
let dealer: string;
let risk: string;
let admin: string;
let viewer: string;

beforeAll(async () => {
  t = await createTestApp();
  await prepareDecisioning(t.database);
  // bureau 675 falls in the fixture scorecard's D band → the strategy refers it to manual review
  for (const id of [ID_REFER_A, ID_REFER_B, ID_REFER_C]) await addDemoBureauCustomer(t.database, id, 675);
  [dealer, risk, admin, viewer] = (await Promise.all(['dealer_ops', 'risk', 'admin', 'viewer'].map((r) => t.login(`${r}@autofin.local`)))) as [string, string, string, string];
}, 300_000);
afterAll(async () => t.close());

async function submit(idNumber: string, phone: string): Promise<ApplicationCreated> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/applications',
    headers: { cookie: dealer },
    payload: {
      applicant: { name: '赵六', idNumber, phone, monthlyIncome: '25000.00', employment: 'salaried' },
      vehicle: { category: 'new-ice', make: 'Toyota', model: 'Camry', price: '200000.00' },
      deal: { downPayment: '60000.00', term: 36, productCode: 'NEW_CAR_LOAN' },
      consents: { creditCheck: true },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json<ApplicationCreated>();
}

const queue = (cookie: string, query = '') => t.app.inject({ method: 'GET', url: `/api/review-queue${query}`, headers: { cookie } });
const claim = (id: string, cookie: string) => t.app.inject({ method: 'POST', url: `/api/review-queue/${id}/claim`, headers: { cookie } });
const decide = (id: string, cookie: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/review-queue/${id}/decision`, headers: { cookie }, payload });

describe('review queue', () => {
  let a: ApplicationCreated;
  let b: ApplicationCreated;
  let c: ApplicationCreated;

  beforeAll(async () => {
    a = await submit(ID_REFER_A, '13600000001');
    b = await submit(ID_REFER_B, '13600000002');
    c = await submit(ID_REFER_C, '13600000003');
  });

  it('lists referred applications with their SLA, reasons and claim state (risk only)', async () => {
    for (const x of [a, b, c]) {
      expect(x.status).toBe('referred');
      expect(x.decision!.reasons.map((r) => r.code)).toContain('SCORE_REFER');
    }
    expect((await queue(viewer)).statusCode).toBe(403);
    expect((await queue(dealer)).statusCode).toBe(403);
    const page = (await queue(risk)).json<ReviewQueuePage>();
    expect(page.slaHours).toBe(REVIEW_SLA_HOURS);
    expect(page.items.map((i) => i.id)).toEqual([a.id, b.id, c.id]); // oldest SLA first
    const first = page.items[0]!;
    // SLA = referral time + 4 h, to the millisecond
    expect(new Date(first.review.slaDueAt).getTime() - new Date(a.submittedAt).getTime()).toBe(REVIEW_SLA_HOURS * 3_600_000);
    expect(first.review).toMatchObject({ claimedBy: null, overdue: false });
    expect(first.applicantName).toBe('赵*');
    expect(first.reasons.map((r) => r.code)).toContain('SCORE_REFER');
    expect(page.overdueCount).toBe(0);
    const paged = (await queue(risk, '?limit=2')).json<ReviewQueuePage>();
    expect(paged.items).toHaveLength(2);
    const rest = (await queue(risk, `?limit=2&cursor=${paged.nextCursor}`)).json<ReviewQueuePage>();
    expect(rest.items.map((i) => i.id)).toEqual([c.id]);
    expect(rest.nextCursor).toBeNull();
  });

  it('one reviewer at a time: 409 for the second, 403 for a dealer', async () => {
    expect((await claim(a.id, dealer)).statusCode).toBe(403);
    const mine = await claim(a.id, risk);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ review: { claimedBy: { label: string } } }>().review.claimedBy.label).toBe('risk@autofin.local');
    expect((await claim(a.id, risk)).statusCode).toBe(200); // claiming again is harmless
    const other = await claim(a.id, admin);
    expect(other.statusCode).toBe(409);
    expect(other.json<Problem>()).toMatchObject({ code: 'REVIEW_CLAIMED' });
    expect(other.json<Problem>().detail).toContain('risk@autofin.local');
    // the other reviewer cannot decide it either
    const blocked = await decide(a.id, admin, { decision: 'approved', note: 'looks fine to me' });
    expect(blocked.statusCode).toBe(409);
    const claimedOnly = (await queue(risk, '?claim=mine')).json<ReviewQueuePage>();
    expect(claimedOnly.items.map((i) => i.id)).toEqual([a.id]);
    const unclaimed = (await queue(risk, '?claim=unclaimed')).json<ReviewQueuePage>();
    expect(unclaimed.items.map((i) => i.id)).toEqual([b.id, c.id]);
  });

  it('a conditional approval through the same lifecycle, priced, audited, with a manual decision row', async () => {
    expect((await decide(a.id, risk, { decision: 'conditionally_approved', note: 'income ok' })).statusCode).toBe(400); // needs stipulations
    const res = await decide(a.id, risk, {
      decision: 'conditionally_approved',
      note: 'stable employer; verify the income',
      stipulations: [{ type: 'proof_of_income', note: 'last 6 months' }],
    });
    expect(res.statusCode).toBe(200);
    const d = res.json<ApplicationDetail>();
    expect(d.application.status).toBe('conditionally_approved');
    expect(d.decisions.map((x) => [x.kind, x.status])).toEqual([
      ['automatic', 'referred'],
      ['manual', 'conditionally_approved'],
    ]);
    const manual = d.decision!;
    expect(manual).toMatchObject({ kind: 'manual', note: 'stable employer; verify the income', decidedBy: { type: 'user', label: 'risk@autofin.local' } });
    expect(manual.reasons[0]).toMatchObject({ code: 'MANUAL_CONDITIONALLY_APPROVED', stage: 'manual_review' });
    // priced at the scorecard's tier (D) by the quote engine: 200 000 − 60 000 = 140 000 borrowed
    expect(manual.offer).toMatchObject({ productCode: 'NEW_CAR_LOAN', principal: '140000.00', riskTier: 'D', term: 36 });
    expect(manual.offer!.aprSimple).toBeGreaterThan(0);
    expect(d.stipulations).toHaveLength(1);
    expect(d.stipulations[0]).toMatchObject({ type: 'proof_of_income', status: 'open' });
    expect(d.timeline.at(-1)).toMatchObject({ from: 'referred', to: 'conditionally_approved', actor: { label: 'risk@autofin.local' } });
    expect(d.review).toMatchObject({ claimedBy: { label: 'risk@autofin.local' } });
    const audit = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.manual_decision' AND entity_id = $1`, [a.id]);
    expect(audit[0]!.n).toBe(1);
    const rows = await t.database.query<{ kind: string; decided_by_label: string }>(`SELECT kind, decided_by_label FROM application_decisions WHERE application_id = $1 ORDER BY decided_at`, [a.id]);
    expect(rows).toEqual([
      { kind: 'automatic', decided_by_label: 'decision engine' },
      { kind: 'manual', decided_by_label: 'risk@autofin.local' },
    ]);
    // decided: out of the queue, and cannot be decided twice
    expect((await queue(risk)).json<ReviewQueuePage>().items.map((i) => i.id)).toEqual([b.id, c.id]);
    const again = await decide(a.id, risk, { decision: 'declined', note: 'changed my mind' });
    expect(again.statusCode).toBe(409);
  });

  it('declines an unclaimed referral (claimed on the way) and rejects unknown fields', async () => {
    const unknown = await decide(b.id, risk, { decision: 'declined', note: 'x'.repeat(10), score: 700 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors?.map((e) => e.field)).toEqual(['score']);
    const res = await decide(b.id, risk, { decision: 'declined', note: 'income cannot be verified' });
    expect(res.statusCode).toBe(200);
    const d = res.json<ApplicationDetail>();
    expect(d.application.status).toBe('declined');
    expect(d.decision).toMatchObject({ kind: 'manual', status: 'declined', offer: null });
    expect(d.stipulations).toEqual([]);
  });

  it('shows similar past applications with their outcomes', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/applications/${c.id}/similar`, headers: { cookie: risk } });
    expect(res.statusCode).toBe(200);
    const s = res.json<SimilarApplications>();
    expect(s.items.length).toBeGreaterThan(0);
    expect(s.items.every((i) => i.vehicleCondition === 'new' && i.id !== c.id)).toBe(true);
    // the two just decided share amount, LTV, term and bureau score exactly: distance 0, similarity 1
    // (so do the fixture's simulated bureau records: 140 000 of 200 000 over 36 months, bureau 675)
    const identical = s.items.filter((i) => i.similarity === 1).map((i) => i.id);
    expect(identical).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(s.items.find((i) => i.id === b.id)).toMatchObject({ status: 'declined', requestedAmount: '140000.00', ltv: '70.00', term: 36, bureauScore: 675, demo: false });
    expect(s.items.map((i) => i.similarity)).toEqual([...s.items.map((i) => i.similarity)].sort((x, y) => y - x));
    const total = Object.values(s.outcomes).reduce((x, y) => x + y, 0);
    expect(total).toBe(s.items.length);
    expect((await t.app.inject({ method: 'GET', url: `/api/applications/${c.id}/similar`, headers: { cookie: dealer } })).statusCode).toBe(403);
  });

  it('flags an overdue referral', async () => {
    await t.database.query(`UPDATE application_reviews SET sla_due_at = now() - interval '1 minute' WHERE application_id = $1`, [c.id]);
    const page = (await queue(risk)).json<ReviewQueuePage>();
    expect(page.overdueCount).toBe(1);
    expect(page.items.find((i) => i.id === c.id)!.review.overdue).toBe(true);
    expect((await queue(risk, '?overdue=true')).json<ReviewQueuePage>().items.map((i) => i.id)).toEqual([c.id]);
  });
});
