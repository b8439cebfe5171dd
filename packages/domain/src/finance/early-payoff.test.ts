import { describe, expect, it } from 'vitest';
import { parseDate } from './dates.ts';
import { payoffQuote } from './early-payoff.ts';
import { partialPrepayment } from './prepayment.ts';
import { parsePercentRate } from './rate.ts';
import { annuityPayment } from './schedule/annuity.ts';
import { buildSchedule } from './schedule/build-schedule.ts';
import { testTerms } from './schedule/test-terms.ts';

const d = (s: string) => parseDate(s);

describe('early payoff (提前还款)', () => {
  const schedule = buildSchedule(testTerms());

  it('on a due date: the remaining principal, no accrued interest, plus the penalty', () => {
    const balance = schedule.installments[11]?.balance ?? 0;
    expect(payoffQuote(schedule, d('2027-01-15'), { type: 'none' })).toMatchObject({ installmentsPaid: 12, accruedInterest: 0, penalty: 0, payoffAmount: balance });
    // 2% of the outstanding principal, half-up to the fen
    const pct = payoffQuote(schedule, d('2027-01-15'), { type: 'percent-of-principal', percent: parsePercentRate('2') });
    expect(pct.penalty).toBe(Math.round(balance * 0.02));
    // 3 months of interest at 4.5%: balance × 0.045 × 3 / 12
    const months = payoffQuote(schedule, d('2027-01-15'), { type: 'months-of-interest', months: 3 });
    expect(months.penalty).toBe(Math.round((balance * 45 * 3) / 12000));
    expect(payoffQuote(schedule, d('2027-01-15'), { type: 'trade-in' }).penalty).toBe(0);
  });

  it('between due dates: interest accrues for the days since the last due date (30/360: 10 days)', () => {
    const q = payoffQuote(schedule, d('2026-03-25'), { type: 'none' });
    const balance = schedule.installments[1]?.balance ?? 0;
    expect(q.installmentsPaid).toBe(2);
    expect(q.accruedInterest).toBe(Math.round((balance * 0.045 * 10) / 360));
  });

  it('before the first installment: from disbursement', () => {
    const q = payoffQuote(schedule, d('2026-01-25'), { type: 'none' });
    expect(q).toMatchObject({ installmentsPaid: 0, outstandingPrincipal: 100000_00, accruedInterest: 125_00 }); // 100000 × 4.5% × 10/360
  });

  it('rejects dates outside the loan', () => {
    expect(() => payoffQuote(schedule, d('2025-12-31'), { type: 'none' })).toThrowError(/before/);
    expect(() => payoffQuote(schedule, d('2029-02-01'), { type: 'none' })).toThrowError(/repaid/);
  });
});

describe('partial prepayment and re-amortisation', () => {
  const schedule = buildSchedule(testTerms());
  const after = 12;
  const balance = schedule.installments[after - 1]?.balance ?? 0;

  it('lower-payment keeps the 24 remaining installments and lowers the payment to the annuity of the new balance', () => {
    const r = partialPrepayment(schedule, after, 20000_00, 'lower-payment');
    expect(r.schedule.installments).toHaveLength(24);
    expect(r.schedule.installments[0]?.payment).toBe(annuityPayment(balance - 20000_00, 0, { a: 45, b: 12000 }, 24));
    expect(r.schedule.installments[0]?.date).toEqual(schedule.installments[after]?.date);
    expect(r.schedule.installments.reduce((s, i) => s + i.principal, 0)).toBe(balance - 20000_00);
  });

  it('shorter-term keeps the payment (at most) and ends sooner', () => {
    const r = partialPrepayment(schedule, after, 20000_00, 'shorter-term');
    expect(r.schedule.installments.length).toBeLessThan(24);
    expect(r.schedule.installments[0]?.payment ?? Infinity).toBeLessThanOrEqual(2974_69);
    // one installment fewer would need more than the old payment
    const fewer = annuityPayment(balance - 20000_00, 0, { a: 45, b: 12000 }, r.schedule.installments.length - 1);
    expect(fewer).toBeGreaterThan(2974_69);
  });

  it('charges the rule on the amount prepaid', () => {
    const r = partialPrepayment(schedule, after, 20000_00, 'lower-payment', { type: 'percent-of-principal', percent: parsePercentRate('1') });
    expect(r.penalty).toBe(200_00);
  });

  it('rejects a prepayment as large as the balance', () => {
    expect(() => partialPrepayment(schedule, after, balance, 'lower-payment')).toThrowError(/less than the balance/);
  });
});
