import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { irrApr } from './apr/irr.ts';
import { regzApr } from './apr/regz.ts';
import { scheduleCashFlows } from './apr/schedule-flows.ts';
import { solveRate } from './apr/solve-rate.ts';
import { addDays, addMonths, parseDate } from './dates.ts';
import { payoffQuote } from './early-payoff.ts';
import type { PrepaymentRule } from './early-payoff.ts';
import { parsePercentRate } from './rate.ts';
import { buildSchedule } from './schedule/build-schedule.ts';
import { testTerms } from './schedule/test-terms.ts';
import type { Fee, LoanTerms } from './schedule/types.ts';

const rateArb = fc.integer({ min: 0, max: 2400 }).map((bp) => (bp / 100).toFixed(2)); // 0%–24%
const principalArb = fc.integer({ min: 1000_00, max: 2_000_000_00 });
const dateArb = fc.integer({ min: 0, max: 3650 }).map((k) => addDays(parseDate('2024-01-01'), k));

/** Random valid terms across every method, day count, odd first period and grace. */
const termsArb: fc.Arbitrary<LoanTerms> = fc
  .record({
    principal: principalArb,
    rate: rateArb,
    months: fc.integer({ min: 1, max: 60 }),
    method: fc.constantFrom(
      'equal-installment',
      'equal-principal',
      'interest-only',
      'balloon',
      'stepped',
      'seasonal',
      'flat-fee',
      'subsidised',
      'interest-free',
      'lease',
    ) as fc.Arbitrary<LoanTerms['method']>,
    dayCount: fc.constantFrom('30/360', 'ACT/365', 'ACT/360') as fc.Arbitrary<LoanTerms['dayCount']>,
    disbursementDate: dateArb,
    oddDays: fc.integer({ min: -20, max: 20 }),
    balloonShare: fc.integer({ min: 1, max: 60 }),
    graceShare: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ principal, rate, months, method, dayCount, disbursementDate, oddDays, balloonShare, graceShare }) => {
    const every = method === 'seasonal' ? 3 : 1;
    const term = Math.max(every, months - (months % every));
    const n = term / every;
    const graceMonths = n > 2 && (method === 'equal-installment' || method === 'equal-principal') ? Math.min(graceShare, n - 2) * every : 0;
    const base = testTerms({ principal, rate, term, method, dayCount, disbursementDate, every, graceMonths });
    const first = addDays(addMonths(disbursementDate, every), oddDays);
    const m = n - graceMonths / every;
    const half = Math.floor(m / 2);
    return {
      ...base,
      firstPaymentDate: first,
      ...(method === 'balloon' ? { balloonAmount: Math.floor((principal * balloonShare) / 100) } : {}),
      ...(method === 'lease' ? { residualAmount: Math.floor((principal * balloonShare) / 200), deposit: Math.floor(principal / 10) } : {}),
      ...(method === 'stepped' ? { steps: half > 0 ? [{ count: half, ratio: '0.8' }, { count: m - half, ratio: '1.25' }] : [{ count: m, ratio: '1' }] } : {}),
      ...(method === 'flat-fee' ? { monthlyFeeRate: parsePercentRate('0.35') } : {}),
      ...(method === 'subsidised' ? { customerRate: parsePercentRate((Number(rate) / 2).toFixed(3)) } : {}),
    } satisfies LoanTerms;
  });

const feeArb: fc.Arbitrary<Fee> = fc.record({
  name: fc.constant('fee'),
  amount: fc.integer({ min: 1, max: 5000_00 }),
  timing: fc.constantFrom('upfront', 'financed', 'periodic') as fc.Arbitrary<Fee['timing']>,
  financeCharge: fc.constant(true),
});

describe('schedule invariants (fast-check)', () => {
  it('principal parts add up to the amount lent to the fen, the balance ends at zero, nothing is negative', () => {
    fc.assert(
      fc.property(termsArb, (terms) => {
        const s = buildSchedule(terms);
        const principal = s.installments.reduce((sum, i) => sum + i.principal, 0);
        expect(principal).toBe(s.noteAmount);
        expect(s.installments.at(-1)?.balance).toBe(0);
        for (const i of s.installments) {
          expect(i.payment).toBeGreaterThanOrEqual(0);
          expect(i.principal).toBeGreaterThanOrEqual(0);
          expect(i.interest).toBeGreaterThanOrEqual(0);
          expect(i.fee).toBeGreaterThanOrEqual(0);
          expect(i.balance).toBeGreaterThanOrEqual(0);
          expect(i.payment).toBe(i.principal + i.interest + i.fee);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the APR of a fee-free annuity equals its nominal rate (exact flows: to 1e-10)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 120 }), (bp, n) => {
        const i = bp / 10000 / 12;
        const payment = (10000 * i) / (1 - (1 + i) ** -n);
        const amounts = Float64Array.from([10000, ...Array.from({ length: n }, () => -payment)]);
        const t = Float64Array.from({ length: n + 1 }, (_, k) => k);
        const f = new Float64Array(n + 1);
        expect(Math.abs(solveRate({ amounts, t, f }, 'compound') - i)).toBeLessThan(1e-10);
        expect(Math.abs(solveRate({ amounts, t, f }, 'simple') - i)).toBeLessThan(1e-10);
      }),
    );
  });

  it('the APR of a fee-free equal-installment schedule is its nominal rate up to the fen rounding of the payment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10000_00, max: 2_000_000_00 }), rateArb, fc.integer({ min: 6, max: 60 }), (principal, rate, term) => {
        const s = buildSchedule(testTerms({ principal, rate, term }));
        const flows = scheduleCashFlows(s);
        const nominal = Number(rate) / 100;
        expect(Math.abs(irrApr(flows).aprSimple - nominal)).toBeLessThan(2e-5);
        expect(Math.abs(regzApr(flows).apr - nominal)).toBeLessThan(2e-5);
      }),
    );
  });

  it('adding any finance-charge fee never lowers the APR', () => {
    fc.assert(
      fc.property(principalArb, rateArb, fc.integer({ min: 3, max: 60 }), feeArb, (principal, rate, term, fee) => {
        const plain = buildSchedule(testTerms({ principal, rate, term }));
        const withFee = buildSchedule(testTerms({ principal, rate, term, fees: [{ ...fee, amount: Math.min(fee.amount, Math.floor(principal / 2)) }] }));
        expect(irrApr(scheduleCashFlows(withFee)).aprSimple).toBeGreaterThanOrEqual(irrApr(scheduleCashFlows(plain)).aprSimple - 1e-12);
        expect(regzApr(scheduleCashFlows(withFee)).apr).toBeGreaterThanOrEqual(regzApr(scheduleCashFlows(plain)).apr - 1e-12);
      }),
    );
  });

  it('early payoff on a due date equals the remaining principal plus the rule’s penalty', () => {
    const ruleArb: fc.Arbitrary<PrepaymentRule> = fc.oneof(
      fc.constant({ type: 'none' } as const),
      fc.constant({ type: 'trade-in' } as const),
      fc.integer({ min: 0, max: 500 }).map((bp) => ({ type: 'percent-of-principal', percent: parsePercentRate((bp / 100).toFixed(2)) }) as const),
      fc.integer({ min: 0, max: 6 }).map((months) => ({ type: 'months-of-interest', months }) as const),
    );
    fc.assert(
      fc.property(principalArb, rateArb, fc.integer({ min: 2, max: 60 }), fc.nat(), ruleArb, (principal, rate, term, pick, rule) => {
        const s = buildSchedule(testTerms({ principal, rate, term }));
        const k = pick % (term - 1);
        const due = s.installments[k];
        if (!due) return;
        const q = payoffQuote(s, due.date, rule);
        const r = parsePercentRate(rate);
        const penalty =
          rule.type === 'percent-of-principal'
            ? Math.round((due.balance * rule.percent.num) / rule.percent.den)
            : rule.type === 'months-of-interest'
              ? Math.round((due.balance * r.num * rule.months) / (r.den * 12))
              : 0;
        expect(q.accruedInterest).toBe(0);
        expect(q.payoffAmount).toBe(due.balance + penalty);
      }),
    );
  });
});
