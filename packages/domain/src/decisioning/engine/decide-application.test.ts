import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import type { DecisionResult, DecisionStrategyInput, RuleResult } from '@autofin/contracts';
import { decisionResultSchema } from '@autofin/contracts';
import { DomainError } from '../../shared/domain-error.ts';
import { applicationCharacteristics } from './characteristics.ts';
import { chooseModel } from './choose-model.ts';
import { decideApplication } from './decide-application.ts';
import { application, context, defaultDecisionStrategy, handModel, idFor, MODELS, PRODUCTS, strategyWith } from './decision-fixtures.test-support.ts';
import { priceRequest } from './price-request.ts';
import { demoProducts } from '../../products/demo-catalogue.ts';

const decide = (...args: Partial<Parameters<typeof decideApplication>>): DecisionResult =>
  decideApplication(args[0] ?? application(), args[1] ?? context(), args[2] ?? defaultDecisionStrategy, args[3] ?? MODELS, args[4]);

const rule = (r: DecisionResult, code: string): RuleResult => {
  const found = r.rules.find((x) => x.code === code);
  if (!found) throw new Error(`no rule ${code}`);
  return found;
};

/** The textbook annuity, rounded half-up to the fen: L · i / (1 − (1 + i)^−n), i = rate / 1200. */
function annuity(loanFen: number, ratePercent: string, n: number): number {
  const i = new Decimal(ratePercent).div(1200);
  return new Decimal(loanFen).mul(i).div(new Decimal(1).minus(i.plus(1).pow(-n))).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}
const yuan = (fen: number) => new Decimal(fen).div(100).toFixed(2);

function setStage(s: DecisionStrategyInput, stage: string, edit: (st: Record<string, unknown>) => void) {
  const st = s.stages.find((x) => x.stage === stage);
  if (!st) throw new Error(stage);
  edit(st as unknown as Record<string, unknown>);
}
function setRule(s: DecisionStrategyInput, code: string, edit: (r: Record<string, unknown>) => void) {
  for (const st of s.stages) {
    const items = ('rules' in st ? st.rules : 'conditions' in st ? st.conditions : []) as Array<{ code: string }>;
    const r = items.find((x) => x.code === code);
    if (r) return edit(r as unknown as Record<string, unknown>);
  }
  throw new Error(code);
}

/**
 * The default strategy with tier A from 640 points: bureau 760 stays tier A whatever its PTI bin,
 * so the price the PTI is measured at (tier A, from the bureau score) is also the offer's.
 */
const tierA = strategyWith((x) => setStage(x, 'scorecard', (st) => (st.tierMinScores = { A: 640, B: 630, C: 600, D: 580 })));

describe('an application that passes every rule', () => {
  const r = decide();

  it('is approved with the quote engine\u2019s offer at the scored tier, and the versions that decided it', () => {
    expect(decisionResultSchema.parse(r)).toEqual(r);
    expect(r.status).toBe('approved');
    expect(r.reasons).toEqual([{ code: 'APPROVED', stage: 'scorecard', zh: '申请已通过全部审批规则', en: 'The application passed every rule of the strategy' }]);
    // Loan = 250,000 − 75,000 = 175,000 yuan; LTV = 175,000 ÷ 250,000 = 70.00 %.
    expect(r.measures.loanAmount).toBe('175000.00');
    expect(r.measures.ltv).toBe('70.00');
    // Score by hand: 560 base + 80 (bureau 760 ≥ 700) + 40 (PTI < 30) = 680 ≥ 660 → tier A → approve.
    expect(r.score).toMatchObject({ points: 680, tier: 'A', action: 'approve', role: 'champion', modelId: 'demo-application-scorecard' });
    const offer = r.offer!;
    expect(offer).toMatchObject({ productCode: 'PLAIN_LOAN', productVersion: 1, term: 36, riskTier: 'A', principal: '175000.00', totalFees: '0.00' });
    // The payment is the textbook annuity of 175,000 yuan at the offer's rate over 36 months.
    expect(offer.monthlyPayment).toBe(yuan(annuity(17_500_000, offer.annualRate, 36)));
    // A plain annuity without fees: the simple APR is the nominal rate.
    expect(offer.aprSimple).toBeCloseTo(Number(offer.annualRate), 4);
    expect(r.versions).toEqual({
      strategy: { id: 'cn-retail-demo', version: 1 },
      model: { id: 'demo-application-scorecard', version: '1' },
      grid: { id: 'cn-default', version: 1 },
      rulebook: 'CN-AUTO-2024.04',
      products: [
        { code: 'PLAIN_LOAN', version: 1 },
        { code: 'USED_CAR_LOAN', version: 1 },
      ],
    });
  });

  it('measures PTI and DTI from the instalment (bureau 760 prices at tier A before scoring, the same tier as the offer)', () => {
    const p = annuity(17_500_000, r.offer!.annualRate, 36);
    expect(r.measures.instalment).toBe(yuan(p));
    // PTI = P ÷ 20,000; DTI = (2,000 + P) ÷ 20,000.
    expect(r.measures.pti).toBe(new Decimal(p).div(2_000_000).mul(100).toFixed(2));
    expect(r.measures.dti).toBe(new Decimal(p + 200_000).div(2_000_000).mul(100).toFixed(2));
    expect(rule(r, 'POLICY_MAX_PTI')).toMatchObject({ outcome: 'pass', value: r.measures.pti, threshold: '50', unit: 'percent' });
  });

  it('records every rule of the strategy, in stage order', () => {
    const codes = defaultDecisionStrategy.stages.flatMap((s) => (s.stage === 'scorecard' ? ['SCORECARD'] : 'rules' in s ? s.rules.map((x) => x.code) : s.conditions.map((x) => x.code)));
    expect(r.rules.map((x) => x.code)).toEqual(codes);
    expect(r.rules.map((x) => x.stage)).toEqual([...r.rules.map((x) => x.stage)].sort((a, b) => ['data_checks', 'policy', 'fraud', 'scorecard', 'conditions'].indexOf(a) - ['data_checks', 'policy', 'fraud', 'scorecard', 'conditions'].indexOf(b)));
  });

  it('times each stage with the clock it is given', () => {
    let t = 0;
    const timed = decide(undefined, undefined, undefined, undefined, { clock: () => (t += 1) });
    expect(Object.keys(timed.timings)).toEqual(['measure', 'data_checks', 'policy', 'fraud', 'scorecard', 'conditions', 'offer', 'total']);
    expect(timed.timings.policy).toBe(1);
  });
});

describe('data checks', () => {
  it('declines a wrong check digit without scoring: every later stage is skipped', () => {
    const good = idFor('1990-05-15');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = decide(application({ applicant: { idNumber: bad } }));
    expect(r.status).toBe('declined');
    expect(rule(r, 'DATA_ID_INVALID').outcome).toBe('decline');
    expect(rule(r, 'DATA_ID_INVALID').note).toMatch(/applicant.idNumber: check digit/);
    expect(r.score).toBeNull();
    expect(r.offer).toBeNull();
    const later = r.rules.filter((x) => x.stage !== 'data_checks');
    expect(later.length).toBeGreaterThan(20);
    expect(later.every((x) => x.outcome === 'skipped' && x.note === 'not run: the decision stopped after data_checks')).toBe(true);
    expect(r.reasons.map((x) => x.code)).toEqual(['DATA_ID_INVALID']);
  });

  it('takes 18 on the 18th birthday: 2008-11-22 passes on 2026-11-22, 2008-11-23 is declined', () => {
    const at18 = decide(application({ applicant: { birthDate: '2008-11-22', idNumber: idFor('2008-11-22') } }));
    expect(rule(at18, 'DATA_AGE_UNDER_18')).toMatchObject({ outcome: 'pass', value: '18', threshold: '18' });
    const at17 = decide(application({ applicant: { birthDate: '2008-11-23', idNumber: idFor('2008-11-23') } }));
    expect(rule(at17, 'DATA_AGE_UNDER_18')).toMatchObject({ outcome: 'decline', value: '17' });
    expect(at17.status).toBe('declined');
    expect(at17.score).toBeNull();
  });

  it('limits the age at maturity to 65: 36 months from 2026-11-22 ends 2029-11-22', () => {
    const ok = decide(application({ applicant: { birthDate: '1963-11-23', idNumber: idFor('1963-11-23') } }));
    // PLAIN_LOAN sets no age limit of its own: the strategy's 65 applies and the audit says so.
    expect(rule(ok, 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'pass', value: '65', threshold: '65', note: 'strategy: 65' });
    const old = decide(application({ applicant: { birthDate: '1963-11-22', idNumber: idFor('1963-11-22') } }));
    expect(rule(old, 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'decline', value: '66', threshold: '65', note: 'strategy: 65' });
  });

  describe("the product's own age limit at maturity", () => {
    // PLAIN_LOAN republished as v2 with a borrower age limit; the deal asks for it over 36 months,
    // so the loan matures on 2029-11-22 (decision date 2026-11-22 + 36 months).
    const withLimit = (years: number) => context({ products: [{ version: 2, definition: { ...PRODUCTS[0]!.definition, maxBorrowerAgeAtMaturity: years } }, ...PRODUCTS.slice(1)] });
    const born = (birthDate: string) => application({ applicant: { birthDate, idNumber: idFor(birthDate) } });

    it('declines an applicant within the strategy\'s 65 but over the product\'s 60, naming the product', () => {
      // Born 1966-11-23: on 2029-11-22 one day short of the 63rd birthday → 62 at maturity (≤ 65, > 60).
      const passesStrategy = decide(born('1966-11-23'));
      expect(rule(passesStrategy, 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'pass', value: '62', threshold: '65', note: 'strategy: 65' });
      const r = decide(born('1966-11-23'), withLimit(60));
      expect(rule(r, 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'decline', value: '62', threshold: '60', note: 'product PLAIN_LOAN v2: 60' });
      expect(r.status).toBe('declined');
      expect(r.reasons.map((x) => x.code)).toEqual(['DATA_AGE_AT_MATURITY']);
      expect(r.score).toBeNull();
    });

    it('takes exactly 60 at maturity and declines 61 under the product\'s 60', () => {
      // Born 1969-11-22: 60th birthday on 2029-11-22, the maturity date → 60. Born 1968-11-22 → 61.
      expect(rule(decide(born('1969-11-22'), withLimit(60)), 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'pass', value: '60', threshold: '60' });
      expect(rule(decide(born('1968-11-22'), withLimit(60)), 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'decline', value: '61', threshold: '60' });
    });

    it('keeps the stricter limit: a product allowing 70 does not loosen the strategy\'s 65; equal limits name both', () => {
      // Born 1963-11-22: 66 on 2029-11-22, within the product's 70 but over the strategy's 65.
      expect(rule(decide(born('1963-11-22'), withLimit(70)), 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'decline', value: '66', threshold: '65', note: 'strategy: 65' });
      expect(rule(decide(born('1963-11-23'), withLimit(65)), 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'pass', value: '65', threshold: '65', note: 'product PLAIN_LOAN v2 and strategy: 65' });
    });

    it('holds a co-applicant to the product limit too', () => {
      // Applicant born 1990-05-15 → 39 at maturity; co-applicant born 1967-11-22 → 62 on 2029-11-22.
      const co = { ...application().applicant, idNumber: idFor('1967-11-22', '246'), idNumberHash: 'h-co', birthDate: '1967-11-22', gender: 'F' as const };
      const r = decide(application({ type: 'joint', coApplicant: co }), withLimit(60));
      expect(rule(r, 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'decline', value: '62', threshold: '60', note: 'product PLAIN_LOAN v2: 60; oldest borrower at maturity: coApplicant' });
    });
  });

  it('holds a co-applicant to the same ages, and pools the incomes of a joint application', () => {
    const co = (birthDate: string) => ({ ...application().applicant, idNumber: idFor(birthDate, '246'), idNumberHash: 'h-co', birthDate, gender: 'F' as const, monthlyIncomeFen: 800_000, monthlyDebtPaymentsFen: 100_000 });
    const young = decide(application({ type: 'joint', coApplicant: co('2009-01-01') }));
    expect(rule(young, 'DATA_AGE_UNDER_18')).toMatchObject({ outcome: 'decline', value: '17', note: 'youngest borrower: coApplicant' });
    const old = decide(application({ type: 'joint', coApplicant: co('1963-11-22') }));
    expect(rule(old, 'DATA_AGE_AT_MATURITY')).toMatchObject({ outcome: 'decline', value: '66', note: 'strategy: 65; oldest borrower at maturity: coApplicant' });
    const ok = decide(application({ type: 'joint', coApplicant: co('1992-03-08') }));
    // Income 20,000 + 8,000 = 28,000; debts 2,000 + 1,000 = 3,000.
    expect(ok.measures.monthlyIncome).toBe('28000.00');
    expect(rule(ok, 'POLICY_MAX_DTI').note).toMatch(/^\(debts 3000\.00 \+ instalment [\d.]+\) ÷ income 28000\.00/);
    expect(applicationCharacteristics(application({ type: 'joint', coApplicant: co('1992-03-08') }), context()).has_co_applicant).toBe('yes');
  });

  it('checks the phone, and the company code only for corporate applications', () => {
    expect(rule(decide(application({ applicant: { phone: '1381234567' } })), 'DATA_PHONE_INVALID').outcome).toBe('decline');
    expect(rule(decide(), 'DATA_COMPANY_CODE_INVALID').outcome).toBe('skipped');
    const corp = (creditCode: string) => decide(application({ type: 'corporate', company: { name: '深圳某科技有限公司', creditCode } }));
    const good = corp('914403001922038216');
    expect(rule(good, 'DATA_COMPANY_CODE_INVALID').outcome).toBe('pass');
    expect(good.stipulations.map((s) => s.type)).toContain('business_licence');
    expect(rule(corp('914403001922038217'), 'DATA_COMPANY_CODE_INVALID')).toMatchObject({ outcome: 'decline', note: 'company.creditCode: check character is 7, but the first 17 give 6' });
  });
});

describe('policy rules at their thresholds', () => {
  const base = decide();
  const p = annuity(17_500_000, base.offer!.annualRate, 36);

  it('PTI: an income of exactly twice the instalment is 50.00 % and passes; one fen less declines', () => {
    const at = decide(application({ applicant: { monthlyIncomeFen: 2 * p, monthlyDebtPaymentsFen: 0 } }), undefined, tierA);
    expect(rule(at, 'POLICY_MAX_PTI')).toMatchObject({ outcome: 'pass', value: '50.00', threshold: '50' });
    const over = decide(application({ applicant: { monthlyIncomeFen: 2 * p - 1, monthlyDebtPaymentsFen: 0 } }), undefined, tierA);
    expect(rule(over, 'POLICY_MAX_PTI').outcome).toBe('decline');
    expect(over.status).toBe('declined');
    expect(over.reasons[0]).toEqual({ code: 'POLICY_MAX_PTI', stage: 'policy', zh: '月供超过月收入的50%', en: 'The monthly payment is more than 50% of monthly income' });
  });

  it('DTI counts the new instalment: debts of 14,000 yuan − P on 20,000 income is exactly 70 %', () => {
    // (14,000 − P + P) ÷ 20,000 = 70 %.
    const at = decide(application({ applicant: { monthlyDebtPaymentsFen: 1_400_000 - p } }));
    expect(rule(at, 'POLICY_MAX_DTI')).toMatchObject({ outcome: 'pass', value: '70.00', threshold: '70' });
    const over = decide(application({ applicant: { monthlyDebtPaymentsFen: 1_400_000 - p + 1 } }));
    expect(rule(over, 'POLICY_MAX_DTI').outcome).toBe('decline');
  });

  it('LTV: 200,000 on a 250,000 car is 80.00 %, the product\u2019s limit (the 2024 rulebook leaves self-use cars to the lender)', () => {
    const at = decide(application({ deal: { downPaymentFen: 5_000_000 } }));
    expect(rule(at, 'POLICY_MAX_LTV')).toMatchObject({ outcome: 'pass', value: '80.00', threshold: '80.00' });
    expect(rule(at, 'POLICY_MAX_LTV').note).toMatch(/limit from product PLAIN_LOAN v1/);
    const over = decide(application({ deal: { downPaymentFen: 5_000_000 - 1 } }));
    expect(rule(over, 'POLICY_MAX_LTV')).toMatchObject({ outcome: 'decline', value: '80.00' });
    expect(rule(over, 'POLICY_MAX_LTV').note).toMatch(/0\.01 more down payment would pass/);
  });

  it('LTV of a used car is held to the rulebook\u2019s 70 % of min(price, valuation)', () => {
    // Price 100,000, valuation 90,000: value 90,000; 70 % = 63,000, so 37,000 down passes and 36,999.99 does not.
    const used = (down: number) =>
      decide(application({ vehicle: { category: 'used', priceFen: 10_000_000, valuationFen: 9_000_000, ageMonths: 36, mileageKm: 60_000 }, deal: { downPaymentFen: down, productCode: 'USED_CAR_LOAN' } }));
    const at = used(3_700_000);
    expect(rule(at, 'POLICY_MAX_LTV')).toMatchObject({ outcome: 'pass', value: '70.00', threshold: '70.00' });
    expect(rule(at, 'POLICY_MAX_LTV').note).toMatch(/rulebook CN-AUTO-2024.04/);
    expect(rule(used(3_699_999), 'POLICY_MAX_LTV').outcome).toBe('decline');
  });

  it('terms: 36 months is the most for a used car, 60 for a new one', () => {
    const used = (term: number) =>
      decide(application({ vehicle: { category: 'used', priceFen: 10_000_000, valuationFen: 10_000_000, ageMonths: 36, mileageKm: 60_000 }, deal: { downPaymentFen: 4_000_000, productCode: 'USED_CAR_LOAN', termMonths: term } }));
    expect(rule(used(36), 'POLICY_TERM_LIMIT')).toMatchObject({ outcome: 'pass', value: '36', threshold: '36' });
    expect(rule(used(48), 'POLICY_TERM_LIMIT')).toMatchObject({ outcome: 'decline', value: '48', threshold: '36' });
    expect(rule(decide(application({ deal: { termMonths: 60 } })), 'POLICY_TERM_LIMIT')).toMatchObject({ outcome: 'pass', threshold: '60' });
  });

  it('minimum income: exactly the minimum passes, a fen less declines', () => {
    const s = strategyWith((x) => setRule(x, 'POLICY_MIN_INCOME', (r) => (r.minMonthlyIncomeFen = 2_000_000)));
    expect(rule(decide(undefined, undefined, s), 'POLICY_MIN_INCOME')).toMatchObject({ outcome: 'pass', value: '20000.00', threshold: '20000.00' });
    expect(rule(decide(application({ applicant: { monthlyIncomeFen: 1_999_999 } }), undefined, s), 'POLICY_MIN_INCOME').outcome).toBe('decline');
  });

  it('blacklist hits decline, naming the list', () => {
    const r = decide(undefined, context({ blacklistHits: [{ list: 'phone', reason: 'confirmed fraud 2025-03' }] }));
    expect(rule(r, 'POLICY_BLACKLIST')).toMatchObject({ outcome: 'decline', value: '1', note: 'phone: confirmed fraud 2025-03' });
    expect(r.status).toBe('declined');
  });

  it('bureau score floor 540: 540 passes, 539 declines', () => {
    expect(rule(decide(undefined, context({ bureau: { status: 'scored', score: 540 } })), 'POLICY_MIN_BUREAU_SCORE').outcome).toBe('pass');
    expect(rule(decide(undefined, context({ bureau: { status: 'scored', score: 539 } })), 'POLICY_MIN_BUREAU_SCORE').outcome).toBe('decline');
  });
});

describe('consent: bureau data only with the credit-check authorisation', () => {
  it('ignores bureau data a caller passed without consent, and refers the application', () => {
    const input = application({ consents: { creditCheck: false } });
    const ctx = context({ bureau: { status: 'scored', score: 800 } });
    expect(applicationCharacteristics(input, ctx).bureau_score).toBeNull();
    const r = decide(input, ctx);
    expect(rule(r, 'POLICY_NO_BUREAU')).toMatchObject({ outcome: 'refer', value: 'no consent' });
    expect(rule(r, 'POLICY_MIN_BUREAU_SCORE').outcome).toBe('skipped');
    // The scorecard sees the missing bin: 560 + 20 + 40 = 620 (not the 80 points an 800 would earn).
    expect(r.score?.points).toBe(620);
    expect(r.status).toBe('referred');
  });

  it('uses the score with consent, and scores a thin file through the missing bin', () => {
    expect(applicationCharacteristics(application(), context()).bureau_score).toBe(760);
    const thin = decide(undefined, context({ bureau: { status: 'thin_file' } }));
    expect(rule(thin, 'POLICY_NO_BUREAU')).toMatchObject({ outcome: 'pass', value: 'thin file' });
    expect(thin.score?.points).toBe(620);
  });
});

describe('fraud rules at their thresholds', () => {
  it('velocity: one earlier application with the ID in 24 h passes, two refer', () => {
    const v = (count: number) => decide(undefined, context({ velocity: [{ key: 'id_number', window: '24h', count }] }));
    expect(rule(v(1), 'FRAUD_ID_VELOCITY_24H')).toMatchObject({ outcome: 'pass', value: '1', threshold: '1' });
    const two = v(2);
    expect(rule(two, 'FRAUD_ID_VELOCITY_24H').outcome).toBe('refer');
    expect(two.status).toBe('referred');
    expect(rule(decide(undefined, context({ velocity: [{ key: 'phone', window: '24h', count: 3 }] })), 'FRAUD_PHONE_VELOCITY_24H').outcome).toBe('refer');
    expect(rule(decide(undefined, context({ velocity: [{ key: 'id_number', window: '7d', count: 4 }] })), 'FRAUD_ID_VELOCITY_7D').outcome).toBe('refer');
  });

  it('device velocity is skipped without a device id', () => {
    const ctx = context({ velocity: [{ key: 'device', window: '24h', count: 9 }] });
    expect(rule(decide(undefined, ctx), 'FRAUD_DEVICE_VELOCITY_24H').outcome).toBe('refer');
    expect(rule(decide(application({ deviceId: null }), ctx), 'FRAUD_DEVICE_VELOCITY_24H').outcome).toBe('skipped');
  });

  it('a phone used by one other identity passes, by two refers', () => {
    expect(rule(decide(undefined, context({ phoneIdentities: 1 })), 'FRAUD_PHONE_SHARED').outcome).toBe('pass');
    expect(rule(decide(undefined, context({ phoneIdentities: 2 })), 'FRAUD_PHONE_SHARED').outcome).toBe('refer');
  });

  it('refers a declared birth date or gender that differs from the ID number', () => {
    const r = decide(application({ applicant: { birthDate: '1990-05-16' } }));
    expect(rule(r, 'FRAUD_IDENTITY_MISMATCH')).toMatchObject({ outcome: 'refer', note: 'applicant.birthDate 1990-05-16 ≠ 1990-05-15 in the ID number' });
    // The 17th digit 3 of the sequence 123 is odd: a man.
    expect(rule(decide(application({ applicant: { gender: 'F' } })), 'FRAUD_IDENTITY_MISMATCH').note).toBe('applicant.gender F ≠ M in the ID number');
  });

  it('dealer surge: 15 this week on an average of 5 is 3.00 and passes, 16 (3.20) refers, an average below 5 is too little history', () => {
    const d = (weekCount: number, trailingWeeklyAverage: number) => rule(decide(undefined, context({ dealer: { weekCount, trailingWeeklyAverage, priceToValuation: null } })), 'FRAUD_DEALER_SURGE');
    expect(d(15, 5)).toMatchObject({ outcome: 'pass', value: '3.00', threshold: '3' });
    expect(d(16, 5)).toMatchObject({ outcome: 'refer', value: '3.20' });
    expect(d(40, 4).outcome).toBe('skipped');
  });

  it('price above valuation: 120,000 on a 100,000 valuation is 1.20 and passes; on 99,000 (1.21) it refers', () => {
    const used = (valuationFen: number) =>
      decide(application({ vehicle: { category: 'used', priceFen: 12_000_000, valuationFen, ageMonths: 36, mileageKm: 60_000 }, deal: { downPaymentFen: 6_000_000, productCode: 'USED_CAR_LOAN' } }));
    expect(rule(used(10_000_000), 'FRAUD_PRICE_ABOVE_VALUATION')).toMatchObject({ outcome: 'pass', value: '1.20', threshold: '1.2' });
    expect(rule(used(9_900_000), 'FRAUD_PRICE_ABOVE_VALUATION')).toMatchObject({ outcome: 'refer', value: '1.21' });
    const dealer = decide(undefined, context({ dealer: { weekCount: 5, trailingWeeklyAverage: 5, priceToValuation: 1.25 } }));
    expect(rule(dealer, 'FRAUD_PRICE_ABOVE_VALUATION')).toMatchObject({ outcome: 'refer', value: '1.25' });
  });
});

describe('conditions and stipulations', () => {
  it('asks for the down payment that brings LTV to 75 %: 200,000 − 75 % × 250,000 = 12,500 yuan, and prices the offer with it', () => {
    const r = decide(application({ deal: { downPaymentFen: 5_000_000 } }));
    expect(r.status).toBe('conditionally_approved');
    expect(r.stipulations).toEqual([{ type: 'larger_down_payment', code: 'COND_LTV_DOWN_PAYMENT', zh: '需提高首付，使贷款价值比不超过75%', en: 'A larger down payment is needed to bring the loan to 75% of the vehicle\u2019s value', amount: '12500.00' }]);
    expect(r.offer).toMatchObject({ downPayment: '62500.00', principal: '187500.00', ltv: '75.00' });
    // At exactly 75 % (187,500) nothing is asked.
    expect(rule(decide(application({ deal: { downPaymentFen: 6_250_000 } })), 'COND_LTV_DOWN_PAYMENT').outcome).toBe('pass');
  });

  it('asks for a co-signer when PTI is in (40 %, 50 %], GPS above 300,000 yuan, income proof for the self-employed', () => {
    const p = annuity(17_500_000, decide().offer!.annualRate, 36);
    // Income 2.2 × P: PTI = 1 ÷ 2.2 = 45.45 %.
    const grey = decide(application({ applicant: { monthlyIncomeFen: Math.round(2.2 * p), monthlyDebtPaymentsFen: 0 } }), undefined, tierA);
    expect(rule(grey, 'COND_PTI_CO_SIGNER')).toMatchObject({ outcome: 'condition', value: '45.45', threshold: '40–50' });
    expect(grey.stipulations.map((s) => s.type)).toEqual(['co_signer']);
    const big = decide(application({ vehicle: { priceFen: 50_000_000 }, deal: { downPaymentFen: 15_000_000 }, applicant: { monthlyIncomeFen: 5_000_000 } }));
    expect(rule(big, 'COND_GPS_LARGE_LOAN')).toMatchObject({ outcome: 'condition', value: '350000.00', threshold: '300000.00' });
    expect(big.stipulations.map((s) => s.type)).toEqual(['gps_installation']);
    const self = decide(application({ applicant: { employment: 'self_employed' } }));
    expect(self.stipulations.map((s) => s.type)).toEqual(['proof_of_income']);
    expect(self.status).toBe('conditionally_approved');
  });
});

describe('stage order and stopping', () => {
  it('with policy stopOn never, fraud rules still run after a policy decline; with stopOn decline they are skipped', () => {
    const ctx = context({ blacklistHits: [{ list: 'id_number', reason: 'fraud' }], velocity: [{ key: 'id_number', window: '24h', count: 5 }] });
    const all = decide(undefined, ctx);
    expect(rule(all, 'FRAUD_ID_VELOCITY_24H').outcome).toBe('refer');
    expect(all.reasons.map((x) => x.code).slice(0, 2)).toEqual(['POLICY_BLACKLIST', 'FRAUD_ID_VELOCITY_24H']);
    const stopping = strategyWith((s) => setStage(s, 'policy', (st) => (st.stopOn = 'decline')));
    const stopped = decide(undefined, ctx, stopping);
    expect(rule(stopped, 'FRAUD_ID_VELOCITY_24H')).toMatchObject({ outcome: 'skipped', note: 'not run: the decision stopped after policy' });
    expect(stopped.score).toBeNull();
  });

  it('a tier-E score declines and skips the conditions; the reasons name the characteristics that cost points', () => {
    // Bureau 560 (< 600: 0 points), PTI ≥ 45 (0 points): 560 < 580 → E → decline.
    // Income 2.2 × the tier-A instalment: PTI 45.45 % at tier A, more at tier E's higher rate, still under 50 %.
    const p = annuity(17_500_000, decide().offer!.annualRate, 36);
    const r = decide(application({ applicant: { monthlyIncomeFen: Math.round(2.2 * p), monthlyDebtPaymentsFen: 0 } }), context({ bureau: { status: 'scored', score: 560 } }));
    expect(rule(r, 'POLICY_MAX_PTI').outcome).toBe('pass');
    expect(r.score).toMatchObject({ points: 560, tier: 'E', action: 'decline' });
    expect(r.status).toBe('declined');
    expect(r.rules.filter((x) => x.stage === 'conditions').every((x) => x.outcome === 'skipped')).toBe(true);
    expect(r.reasons.map((x) => x.code)).toEqual(['SCORE_DECLINE', 'SCORE_BUREAU_SCORE', 'SCORE_PTI']);
    expect(r.reasons[1]!.en).toBe('Credit bureau score: below 600');
  });

  it('a conditional tier with no condition attached asks for the tier\u2019s stipulation', () => {
    // Bureau 650 → 40, PTI < 30 → 40: 640 → tier B; make B conditional.
    const s = strategyWith((x) => setStage(x, 'scorecard', (st) => ((st.tierActions as Record<string, string>).B = 'conditional')));
    const r = decide(undefined, context({ bureau: { status: 'scored', score: 650 } }), s);
    expect(r.status).toBe('conditionally_approved');
    expect(r.stipulations).toMatchObject([{ type: 'proof_of_income', code: 'SCORE_CONDITIONAL' }]);
  });
});

describe('counter-offer', () => {
  it('offers the largest amount (in 1,000 yuan) whose annuity stays within 50 % of a 10,000 income', () => {
    // Asked: 175,000 over 36 months; the payment ≈ 5,200 > 5,000 = 50 % of 10,000 → PTI declines.
    const r = decide(application({ applicant: { monthlyIncomeFen: 1_000_000, monthlyDebtPaymentsFen: 0 } }));
    expect(r.status).toBe('declined');
    expect(r.reasons[0]!.code).toBe('POLICY_MAX_PTI');
    const c = r.counterOffer!;
    expect(c).toMatchObject({ kind: 'amount', termMonths: 36, resolves: ['POLICY_MAX_PTI'] });
    // By hand: L = 5,000 × (1 − (1 + i)^−36) ÷ i at the counter-offer's rate, rounded down to 1,000 yuan.
    const i = new Decimal(c.offer!.annualRate).div(1200);
    const pv = new Decimal(500_000).mul(new Decimal(1).minus(i.plus(1).pow(-36))).div(i);
    const expected = pv.div(100_000).floor().mul(100_000).toNumber();
    expect(c.loanAmount).toBe(yuan(expected));
    expect(c.downPayment).toBe(yuan(25_000_000 - expected));
    // It is the largest: its payment is within 5,000 and 1,000 yuan more would not be.
    expect(annuity(expected, c.offer!.annualRate, 36)).toBeLessThanOrEqual(500_000);
    expect(annuity(expected + 100_000, c.offer!.annualRate, 36)).toBeGreaterThan(500_000);
    expect(c.offer!.monthlyPayment).toBe(yuan(annuity(expected, c.offer!.annualRate, 36)));
  });

  it('re-checks affordability at the scored tier’s price: the offer never breaks the PTI limit', () => {
    // Bureau 760 prices at tier A before scoring; PTI just under 50 % there scores 0 for PTI → 640 → tier B,
    // whose higher rate pushes the payment over 50 %: the decision declines on the price it would offer.
    const pA = annuity(17_500_000, decide().offer!.annualRate, 36);
    const r = decide(application({ applicant: { monthlyIncomeFen: 2 * pA, monthlyDebtPaymentsFen: 0 } }));
    expect(r.score).toMatchObject({ points: 640, tier: 'B' });
    expect(rule(r, 'POLICY_MAX_PTI').outcome).toBe('decline');
    expect(rule(r, 'POLICY_MAX_PTI').note).toMatch(/at the tier-B price/);
    expect(r.counterOffer).not.toBeNull();
    expect(new Decimal(r.counterOffer!.offer!.monthlyPayment).mul(100).lte(pA)).toBe(true);
  });

  it('offers a longer term when no amount in the strategy’s steps would do and only affordability failed', () => {
    // Steps of 200,000 yuan leave no amount between 10,000 and the 175,000 asked, so the term is tried.
    const s = strategyWith((x) => (x.counterOffer = { enabled: true, roundToFen: 20_000_000 }));
    const r = decide(application({ applicant: { monthlyIncomeFen: 900_000, monthlyDebtPaymentsFen: 0 } }), undefined, s);
    expect(r.status).toBe('declined');
    const c = r.counterOffer!;
    expect(c).toMatchObject({ kind: 'term', loanAmount: '175000.00', downPayment: '75000.00', resolves: ['POLICY_MAX_PTI'] });
    // By hand: 50 % of 9,000 = 4,500 a month; the annuity of 175,000 over the offered term fits it, over the
    // next shorter term of the product it does not.
    const terms = [12, 24, 36, 48, 60];
    const shorter = terms[terms.indexOf(c.termMonths) - 1]!;
    expect(annuity(17_500_000, c.offer!.annualRate, c.termMonths)).toBeLessThanOrEqual(450_000);
    expect(annuity(17_500_000, c.offer!.annualRate, shorter)).toBeGreaterThan(450_000);
    expect(c.offer!.term).toBe(c.termMonths);
  });

  it('offers the loan the LTV limit allows when only the LTV fails, and none when another rule fails too', () => {
    const r = decide(application({ deal: { downPaymentFen: 4_000_000 } })); // 210,000 of 250,000 = 84 %
    expect(r.status).toBe('declined');
    // 80 % of 250,000 = 200,000 yuan passes the LTV rule; the re-run then asks for the 75 % condition's
    // 12,500 more down (200,000 − 187,500), so what the counter-offer finances is 187,500 with 62,500 down.
    expect(r.counterOffer).toMatchObject({ kind: 'amount', loanAmount: '187500.00', downPayment: '62500.00' });
    expect(r.counterOffer!.offer).toMatchObject({ principal: '187500.00', downPayment: '62500.00' });
    const noCondition = strategyWith((x) => setRule(x, 'COND_LTV_DOWN_PAYMENT', (c) => (c.enabled = false)));
    expect(decide(application({ deal: { downPaymentFen: 4_000_000 } }), undefined, noCondition).counterOffer).toMatchObject({ loanAmount: '200000.00', downPayment: '50000.00' });
    const blacklisted = decide(application({ deal: { downPaymentFen: 4_000_000 } }), context({ blacklistHits: [{ list: 'id_number', reason: 'fraud' }] }));
    expect(blacklisted.counterOffer).toBeNull();
  });
});

describe('champion and challengers', () => {
  it('sends the configured share to the challenger over 10,000 applications, always the same one per id', () => {
    const stage = { champion: { modelId: 'champ', modelVersion: '1' }, challengers: [{ modelId: 'chall', modelVersion: '1', share: 0.2 }] };
    let challenger = 0;
    for (let k = 0; k < 10_000; k++) if (chooseModel(stage, `5e0b7a2c-0000-4000-8000-${String(k).padStart(12, '0')}`).role === 'challenger') challenger++;
    // Binomial(10,000, 0.2): sd = √(10,000 × 0.2 × 0.8) = 40; allow 5 sd.
    expect(Math.abs(challenger - 2_000)).toBeLessThanOrEqual(200);
    expect(chooseModel(stage, 'app-42')).toEqual(chooseModel(stage, 'app-42'));
  });

  it('scores with the model the split picks and records its role and version', () => {
    const s = strategyWith((x) => setStage(x, 'scorecard', (st) => (st.challengers = [{ modelId: 'demo-application-scorecard', modelVersion: '2', share: 0.5 }])));
    const models = [handModel(), handModel('demo-application-scorecard', '2')];
    const roles = new Set<string>();
    for (let k = 0; k < 20; k++) {
      const r = decide(application({ applicationId: `app-${k}` }), undefined, s, models);
      roles.add(`${r.score!.role}:${r.score!.modelVersion}`);
      expect(r.versions.model?.version).toBe(r.score!.modelVersion);
    }
    expect([...roles].sort()).toEqual(['challenger:2', 'champion:1']);
  });

  it('refuses to decide when the strategy\u2019s model is not loaded', () => {
    expect(() => decide(undefined, undefined, undefined, [])).toThrow(DomainError);
    try {
      decide(undefined, undefined, undefined, []);
    } catch (err) {
      expect((err as DomainError).code).toBe('DECISION_MODEL_MISSING');
    }
  });
});

describe('the automatic product choice (no productCode)', () => {
  it('finances the car as asked: not the battery-rental product that lends half, nor a bundle', () => {
    // The full demo catalogue: NEV_BATTERY_RENTAL's offer is the cheapest in total cost because the
    // battery is leased apart, so it finances far less than the 250 000 − 75 000 = 175 000 asked.
    const products = demoProducts.map((definition) => ({ version: 1, definition }));
    const input = application({ vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', priceFen: 25_000_000 }, deal: { productCode: null } });
    const priced = priceRequest(input, context({ products }), { tier: 'A' });
    expect(priced.quote!.offers[0]!.batteryRental).not.toBeNull();
    expect(priced.offer!.batteryRental).toBeNull();
    expect(priced.offer!.bundle).toBeNull();
    expect(priced.offer!.principal).toBe('175000.00');
    // Asked for by code, the battery-rental product is what is priced.
    const asked = priceRequest(application({ ...input, vehicle: input.vehicle, deal: { productCode: 'NEV_BATTERY_RENTAL' } }), context({ products }), { tier: 'A' });
    expect(asked.offer!.productCode).toBe('NEV_BATTERY_RENTAL');
  });
});
