import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrequalificationResponse, Problem } from '@autofin/contracts';
import { trainScorecard, type DataRow } from '@autofin/domain';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { prepareDecisioning } from '../applications/applications.fixture.ts';
import { dropDecisionSetup } from '../decisioning/decision-setup.service.ts';
import { promoteChampion, registerModel } from '../decisioning/model.repository.ts';

/**
 * POST /v1/prequalifications through the decision engine: the published (default) strategy and a
 * champion scorecard on declared data only. The champion here is trained on a synthetic sample
 * whose bad rate is set by hand from employment, payment-to-income, LTV and the bureau score, so
 * the tiers of a prime-looking and a sub-prime-looking request differ for reasons the test can name.
 */
let t: TestApp;
let key: string;
let dealerId: string;

// Bad rate per cell = 0.5 % × employment × PTI × LTV × bureau factors (a sample of 200 rows per cell).
const EMPLOYMENT = { civil_servant: 0.5, salaried: 1, gig_worker: 3 } as const;
const PTI = { 8: 0.5, 30: 1, 45: 2.5 } as const;
const LTV = { 50: 0.6, 70: 0.8, 85: 2 } as const;
const BUREAU: Array<[number | null, number]> = [
  [null, 2],
  [560, 3],
  [650, 1],
  [750, 0.3],
];
function syntheticRows(): DataRow[] {
  const rows: DataRow[] = [];
  for (const [employment, fe] of Object.entries(EMPLOYMENT)) {
    for (const [pti, fp] of Object.entries(PTI)) {
      for (const [ltv, fl] of Object.entries(LTV)) {
        for (const [bureau, fb] of BUREAU) {
          const bads = Math.round(200 * 0.005 * fe * fp * fl * fb);
          for (let i = 0; i < 200; i++) rows.push({ employment, pti: Number(pti), ltv: Number(ltv), bureau_score: bureau, bad: i < bads ? '1' : '0' });
        }
      }
    }
  }
  return rows;
}

const v1 = (payload: unknown, k = key) => t.app.inject({ method: 'POST', url: '/v1/prequalifications', headers: { authorization: `Bearer ${k}` }, payload: payload as Record<string, unknown> });
async function count(table: string): Promise<number> {
  return (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
}
const TABLES = ['applications', 'application_details', 'application_events', 'application_decisions', 'application_stipulations', 'customers', 'quotes', 'webhook_events'];

// docs/pricing.md's worked example: a new ICE car of 200 000 with 61 200 down (140 000 financed incl. fees), 36 months, city tier 2.
const prime = {
  applicant: { monthlyIncome: '60000.00', monthlyDebtPayments: '0.00', employment: 'civil_servant', birthDate: '1985-06-20', cityTier: 2 },
  vehicle: { category: 'new-ice', make: 'Toyota', price: '200000.00' },
  downPayment: '61200.00',
  term: 36,
  consents: { softCheck: true },
};
const subprime = {
  applicant: { monthlyIncome: '20000.00', monthlyDebtPayments: '1000.00', employment: 'salaried', birthDate: '1985-06-20', cityTier: 2 },
  vehicle: { category: 'new-ice', make: 'Toyota', price: '200000.00' },
  downPayment: '30000.00',
  term: 36,
  consents: { softCheck: true },
};

beforeAll(async () => {
  t = await createTestApp();
  await prepareDecisioning(t.database);
  const artefact = trainScorecard({ rows: syntheticRows(), target: 'bad', badValue: '1', id: 'prequal-test-scorecard', version: '1', trainedAt: '2026-11-01T00:00:00.000Z', options: { tune: false, seed: 1 } });
  const registered = await registerModel(t.database.db, { artefact, name: 'Prequalification test scorecard', dataSource: 'synthetic (tests)', demo: false, notes: null, createdBy: null });
  await t.database.db.transaction(async (tx) => promoteChampion(tx, registered.id, 'prequalification test'));
  dropDecisionSetup();
  const ops = await t.login('dealer_ops@autofin.local');
  const p = await t.app.inject({ method: 'POST', url: '/api/partners', headers: { cookie: ops }, payload: { name: '预审测试经销商', type: 'dealer' } });
  dealerId = p.json<{ id: string }>().id;
  key = (await t.app.inject({ method: 'POST', url: `/api/partners/${dealerId}/api-keys`, headers: { cookie: ops }, payload: {} })).json<{ key: string }>().key;
}, 300_000);
afterAll(async () => t?.close());

const TIER_ORDER = ['A', 'B', 'C', 'D', 'E'];

describe('POST /v1/prequalifications (soft check through the decision engine)', () => {
  it('a prime-looking and a sub-prime-looking request get different tiers and offers, writing no application', async () => {
    const before = await Promise.all(TABLES.map(count));
    const a = await v1(prime);
    const b = await v1(subprime);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    const p = a.json<PrequalificationResponse>();
    const s = b.json<PrequalificationResponse>();
    expect(p.tierBasis).toBe('scorecard');
    expect(p.score).toMatchObject({ modelId: 'prequal-test-scorecard', unknown: ['bureau_score'] });
    // The prime applicant's known characteristics (civil servant, PTI under 10 %, LTV 69.4 %) score better.
    // Hand estimate from the sample's factors: bad rate ≈ 0.5 % × 0.5 × 0.5 × 0.8 × 1.6 (the bureau
    // factors' average) ≈ 0.16 % → odds ≈ 620:1 → 600 + 20/ln 2 · ln(620/50) ≈ 673 points ≥ 660 → tier A.
    expect(p.indicativeTier).toBe('A');
    expect(TIER_ORDER.indexOf(p.indicativeTier)).toBeLessThan(TIER_ORDER.indexOf(s.indicativeTier));
    expect(p.score!.points).toBeGreaterThan(s.score!.points);
    // The bureau can move the score either way: the range brackets the indicative points.
    expect(p.score!.range.worstPoints).toBeLessThan(p.score!.points);
    expect(p.score!.range.bestPoints).toBeGreaterThan(p.score!.points);
    expect(p.outcome).toBe('likely');
    expect(p.offers.length).toBeGreaterThan(0);
    // Each offer is priced at the indicative tier; the same product costs the sub-prime applicant more (or is not offered).
    const pOffer = p.offers.find((o) => o.productCode === 'NEW_CAR_LOAN')!;
    expect(pOffer.riskTier).toBe(p.indicativeTier);
    const sOffer = s.offers.find((o) => o.productCode === 'NEW_CAR_LOAN');
    if (sOffer) expect(Number(sOffer.annualRate)).toBeGreaterThan(Number(pOffer.annualRate));
    // docs/pricing.md: tier A, 70 % LTV, city tier 2, dealer channel, 36 months → 4.23 %; 140 000 financed → 4 147.70 a month.
    expect(pOffer).toMatchObject({ annualRate: '4.23', monthlyPayment: '4147.70', decision: 'approved' });
    // PTI by hand: 4 147.70 ÷ 60 000 = 6.91 %.
    expect(pOffer.paymentToIncomePercent).toBe('6.91');
    // The sub-prime deal lends 170 000 on a 200 000 car (85 %): the strategy's 75 % LTV condition
    // asks for 200 000 × 75 % = 150 000 at most, i.e. 20 000 more down payment.
    expect(s.conditions.find((c) => c.type === 'larger_down_payment')).toMatchObject({ amount: '20000.00' });
    expect(s.decision).not.toBe('approved');
    // What a soft check cannot see is said, not guessed.
    expect(p.notChecked.map((n) => n.kind)).toEqual(expect.arrayContaining(['id_valid', 'blacklist', 'bureau_required', 'min_bureau_score', 'velocity']));
    expect(p.versions.strategy.id).toBeTruthy();
    expect(p.versions.model).toEqual({ id: 'prequal-test-scorecard', version: '1' });
    // Nothing written but the audit record: direct counts of every table an application or quote touches.
    expect(await Promise.all(TABLES.map(count))).toEqual(before);
    const audit = await t.database.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE action = 'partner.prequalification' AND entity_id = $1`, [p.id]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('60000');
  });

  it('an affordability breach names the rule, the measured value, the limit and the reason', async () => {
    // 5 000 a month against an instalment of about 4 150: PTI over 80 %.
    const res = await v1({ ...prime, applicant: { ...prime.applicant, monthlyIncome: '5000.00', monthlyDebtPayments: '500.00' } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<PrequalificationResponse>();
    expect(r.outcome).toBe('unlikely');
    expect(r.decision).toBe('declined');
    expect(r.offers).toEqual([]);
    const pti = r.blocking.find((x) => x.kind === 'max_pti')!;
    const dti = r.blocking.find((x) => x.kind === 'max_dti')!;
    expect(pti).toMatchObject({ code: 'POLICY_MAX_PTI', outcome: 'decline', threshold: '50', unit: 'percent' });
    expect(pti.reason.en).toContain('50% of monthly income');
    expect(Number(pti.value)).toBeGreaterThan(80);
    // DTI − PTI = existing debts ÷ income = 500 ÷ 5 000 = 10 percentage points (each rounded to 0.01).
    expect(Math.abs(Number(dti.value) - Number(pti.value) - 10)).toBeLessThanOrEqual(0.01);
    expect(r.reasons.map((x) => x.code)).toContain('POLICY_MAX_PTI');
    // A smaller loan or a longer term would pass: the engine's counter-offer.
    if (r.counterOffer) expect(r.counterOffer.resolves).toContain('POLICY_MAX_PTI');

    const low = (await v1({ ...prime, applicant: { ...prime.applicant, monthlyIncome: '2500.00' } })).json<PrequalificationResponse>();
    expect(low.blocking.find((x) => x.kind === 'min_income')).toMatchObject({ value: '2500.00', threshold: '3000.00', unit: 'yuan' });
  });

  it('an LTV or term outside the policy blocks with its reason', async () => {
    const res = (await v1({ ...prime, downPayment: '1000.00', term: 72 })).json<PrequalificationResponse>();
    const kinds = res.blocking.map((b) => b.kind);
    expect(kinds).toContain('term_limit');
    expect(res.blocking.find((b) => b.kind === 'term_limit')).toMatchObject({ value: '72', threshold: '60' });
    expect(res.outcome).toBe('unlikely');
  });

  it('names the bad field and does nothing', async () => {
    const before = await count('audit_log');
    const cases: Array<[unknown, string]> = [
      [{ ...prime, applicant: { ...prime.applicant, employment: 'astronaut' } }, 'applicant.employment'],
      [{ ...prime, applicant: { ...prime.applicant, monthlyIncome: '25,000' } }, 'applicant.monthlyIncome'],
      [{ ...prime, applicant: { ...prime.applicant, selfReportedCredit: 'excellent' } }, 'applicant.selfReportedCredit'],
      [{ ...prime, term: undefined }, 'term'],
      [{ ...prime, consents: { softCheck: false } }, 'consents.softCheck'],
      [{ ...prime, downPayment: '200000.00' }, 'downPayment'],
      // a child of ten (or eleven): a fixed 2015-01-01 would come of age on 2033-01-01 and be accepted
      [{ ...prime, applicant: { ...prime.applicant, birthDate: `${new Date().getUTCFullYear() - 10}-01-01` } }, 'applicant.birthDate'],
      [{ ...prime, productCode: 'NO_SUCH_PRODUCT' }, 'productCode'],
      [{ ...prime, vehicle: { category: 'used', price: '80000.00' } }, 'vehicle.ageMonths'],
    ];
    for (const [body, field] of cases) {
      const res = await v1(body);
      expect(res.statusCode, field).toBe(400);
      const p = res.json<Problem>();
      expect(p.code).toBe('VALIDATION_FAILED');
      expect(p.errors?.map((e) => e.field), field).toContain(field);
    }
    expect(await count('audit_log')).toBe(before);
  });

  it('without a birth date the age rules are listed as not checked', async () => {
    const { birthDate: _b, ...applicant } = prime.applicant;
    const r = (await v1({ ...prime, applicant })).json<PrequalificationResponse>();
    expect(r.notChecked.map((n) => n.kind)).toEqual(expect.arrayContaining(['min_age', 'max_age_at_maturity']));
    expect(r.score?.unknown).toEqual(['bureau_score']);
  });
});
