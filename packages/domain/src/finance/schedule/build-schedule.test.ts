import { describe, expect, it } from 'vitest';
import { formatDate, parseDate } from '../dates.ts';
import { parsePercentRate } from '../rate.ts';
import { buildSchedule } from './build-schedule.ts';
import { testTerms } from './test-terms.ts';

const d = (s: string) => parseDate(s);

describe('equal-installment (等额本息) against published bank examples', () => {
  // Each row: principal (yuan), annual %, months, monthly payment (yuan), source.
  it.each([
    [1_000_000, '4.9', 360, 5307.27, 'qiuxuequan.com/kao-shi/432722.html: 100万, 30年, 4.9% → 月供 5307.27'],
    [1_000_000, '4.9', 240, 6544.44, '372181.com/wenda/229816.html: 100万, 20年, 4.9% → 6544.44'],
    [300_000, '4.9', 360, 1592.18, '13l.net/index.php/l/1771868819402209700.html: 30万, 30年, 4.9% → 1592.18'],
    [630_000, '4.9', 360, 3343.58, 'vdgb.cn/wenda/220578.html: 63万, 30年, 4.9% → 3343.58'],
    [100_000, '4.5', 36, 2974.69, 'hand: 100000 × 0.00375 / (1 − 1.00375^−36) = 2974.694…'],
  ])('%s yuan at %s percent over %s months pays %s (%s)', (yuan, rate, term, payment) => {
    const s = buildSchedule(testTerms({ principal: yuan * 100, rate, term }));
    expect(s.installments[0]?.payment).toBe(Math.round(payment * 100));
    expect(s.installments[1]?.payment).toBe(Math.round(payment * 100));
  });

  it('splits the first installment as the bank does: 100万/20年/4.9% → interest 4083.33, principal 2461.11 (372181.com)', () => {
    const s = buildSchedule(testTerms({ principal: 1_000_000_00, rate: '4.9', term: 240 }));
    expect(s.installments[0]).toMatchObject({ interest: 4083_33, principal: 2461_11 });
  });

  it('the last installment absorbs the rounding residue and the balance ends at zero', () => {
    const s = buildSchedule(testTerms());
    const last = s.installments.at(-1);
    expect(last?.balance).toBe(0);
    expect(s.installments.reduce((sum, i) => sum + i.principal, 0)).toBe(100000_00);
    // 35 × 2974.69 + last = total of payments; the last differs from the level payment by cents only
    expect(Math.abs((last?.payment ?? 0) - 2974_69)).toBeLessThan(100);
  });
});

describe('equal-principal (等额本金)', () => {
  it('63万/30年/4.9%: first 4322.50, then 4315.35 (vdgb.cn/wenda/220578.html: 首期 4322.50, 每期递减 7.15)', () => {
    const s = buildSchedule(testTerms({ principal: 630_000_00, rate: '4.9', term: 360, method: 'equal-principal' }));
    expect(s.installments[0]?.payment).toBe(4322_50);
    expect(s.installments[1]?.payment).toBe(4315_35);
    expect(s.installments[0]?.principal).toBe(1750_00);
    // published total interest 464336.25 = 630000 × 0.049/12 × 361/2; per-period rounding moves it by cents only
    expect(Math.abs(s.totalInterest - 464336_25)).toBeLessThanOrEqual(180);
  });
});

describe('dates, odd periods and day counts', () => {
  it('a loan drawn on 31 January pays on 28 February, then 31 March', () => {
    const s = buildSchedule(testTerms({ disbursementDate: d('2026-01-31'), firstPaymentDate: d('2026-02-28'), term: 4 }));
    expect(s.installments.map((i) => formatDate(i.date))).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    // 30/360: February earns a whole month's interest: 100000 × 4.5% / 12
    expect(s.installments[0]?.interest).toBe(375_00);
  });

  it('adds the odd days of a long first period to the first installment (hand: 100000 × 4.5% × 46/360 = 575.00)', () => {
    const s = buildSchedule(testTerms({ firstPaymentDate: d('2026-03-01') }));
    expect(s.installments[0]).toMatchObject({ interest: 575_00, principal: 2599_69, payment: 3174_69 });
    expect(formatDate(s.installments[1]?.date ?? d('2000-01-01'))).toBe('2026-04-01');
  });

  it('ACT/365 charges actual days (hand: 100000 × 3.65% × 31/365 = 310.00; February 28 days = 280.00 on 100000)', () => {
    const s = buildSchedule(testTerms({ rate: '3.65', dayCount: 'ACT/365', method: 'interest-only', term: 3 }));
    expect(s.installments.map((i) => i.interest)).toEqual([310_00, 280_00, 310_00]);
  });
});

describe('other methods', () => {
  it('interest-only (先息后本) pays interest monthly and the principal with the last', () => {
    const s = buildSchedule(testTerms({ rate: '6', term: 12, method: 'interest-only' }));
    expect(s.installments.slice(0, 11).every((i) => i.payment === 500_00)).toBe(true);
    expect(s.installments[11]?.payment).toBe(100500_00);
  });

  it('balloon (尾款贷): 100000 at 4.5% over 36 months with a 30000 balloon pays 2194.78 (exact rational: (L·x − B)·i/(x − 1))', () => {
    const s = buildSchedule(testTerms({ method: 'balloon', balloonAmount: 30000_00 }));
    expect(s.installments[0]?.payment).toBe(2194_78);
    const last = s.installments.at(-1);
    expect(last?.principal).toBeGreaterThan(30000_00);
    expect(last?.balance).toBe(0);
  });

  it('seasonal (按季): 90000 at 6% over 12 months, quarterly, pays 23350.03 (90000 × 0.015 / (1 − 1.015^−4))', () => {
    const s = buildSchedule(testTerms({ principal: 90000_00, rate: '6', term: 12, method: 'seasonal', every: 3, firstPaymentDate: d('2026-04-15') }));
    expect(s.installments).toHaveLength(4);
    expect(s.installments[0]).toMatchObject({ payment: 23350_03, interest: 1350_00 });
    expect(s.installments.map((i) => formatDate(i.date))).toEqual(['2026-04-15', '2026-07-15', '2026-10-15', '2027-01-15']);
  });

  it('stepped (阶梯还款): the second stage pays 1.2 × the first, to the fen, and the loan amortises', () => {
    const s = buildSchedule(testTerms({ method: 'stepped', steps: [{ count: 12, ratio: '1' }, { count: 24, ratio: '1.2' }] }));
    const first = s.installments[0]?.payment ?? 0;
    const second = s.installments[12]?.payment ?? 0;
    expect(Math.abs(second - Math.round(first * 1.2))).toBeLessThanOrEqual(1);
    expect(first).toBeLessThan(2974_69);
    expect(s.installments.at(-1)?.balance).toBe(0);
  });

  it('flat-fee (手续费分期): 12000 over 12 months at 0.6% a month pays 1000 principal + 72 fee', () => {
    const s = buildSchedule(testTerms({ principal: 12000_00, rate: '0', term: 12, method: 'flat-fee', monthlyFeeRate: parsePercentRate('0.6') }));
    expect(s.installments.every((i) => i.principal === 1000_00 && i.fee === 72_00 && i.interest === 0)).toBe(true);
    expect(s.totalFees).toBe(864_00);
    expect(s.financeCharge).toBe(864_00);
  });

  it('interest-free (0 息) with the lender at 4.5%: the customer repays the principal only; the subsidy is 100000 − PV at 4.5% = 6619.66', () => {
    const s = buildSchedule(testTerms({ method: 'interest-free' }));
    expect(s.installments[0]?.payment).toBe(2777_78);
    expect(s.installments.at(-1)?.payment).toBe(2777_70);
    expect(s.totalInterest).toBe(0);
    // Expected value from an independent 50-digit Decimal computation: Σ P_k / 1.00375^k.
    expect(s.subsidy).toBe(6619_66);
  });

  it('subsidised (贴息): the customer pays the customer rate; the subsidy shrinks as that rate rises', () => {
    const low = buildSchedule(testTerms({ method: 'subsidised', customerRate: parsePercentRate('1.5') }));
    const high = buildSchedule(testTerms({ method: 'subsidised', customerRate: parsePercentRate('3') }));
    const none = buildSchedule(testTerms({ method: 'subsidised', customerRate: parsePercentRate('4.5') }));
    expect(low.subsidy).toBeGreaterThan(high.subsidy);
    expect(none.subsidy).toBeLessThanOrEqual(1);
  });

  it('lease (融资租赁): rentals to a 1000 buy-out price pay 3016.77 at 6% (exact annuity with FV), deposit returned at the end', () => {
    const s = buildSchedule(testTerms({ rate: '6', method: 'lease', residualAmount: 1000_00, deposit: 10000_00 }));
    expect(s.installments[0]?.payment).toBe(3016_77);
    expect(s.installments.at(-1)?.principal).toBeGreaterThan(1000_00);
    expect(s.depositRefund).toBe(10000_00);
    expect(s.amountFinanced).toBe(90000_00);
  });

  it('principal grace: interest only for the grace months, then amortise over the rest', () => {
    const s = buildSchedule(testTerms({ graceMonths: 6 }));
    expect(s.installments.slice(0, 6).every((i) => i.principal === 0 && i.interest === 375_00)).toBe(true);
    // then 30 installments of 100000 at 4.5%: 100000 × 0.00375 / (1 − 1.00375^−30)
    expect(s.installments[6]?.payment).toBe(3530_59); // = 3530.5877… (50-digit Decimal)
  });
});

describe('fees', () => {
  it('separates finance-charge fees from the others and reduces the amount financed by cash fees', () => {
    const s = buildSchedule(
      testTerms({
        fees: [
          { name: 'service fee', amount: 2000_00, timing: 'upfront', financeCharge: true },
          { name: 'GPS', amount: 1200_00, timing: 'financed', financeCharge: true },
          { name: 'insurance', amount: 3000_00, timing: 'financed', financeCharge: false },
          { name: 'account fee', amount: 10_00, timing: 'periodic', financeCharge: true },
        ],
      }),
    );
    expect(s.noteAmount).toBe(104200_00);
    expect(s.amountFinanced).toBe(100000_00 + 3000_00 - 2000_00);
    expect(s.installments[0]?.fee).toBe(10_00);
    expect(s.totalFees).toBe(2000_00 + 1200_00 + 3000_00 + 36 * 10_00);
    expect(s.financeCharge).toBe(s.totalInterest + 2000_00 + 1200_00 + 360_00);
  });
});

describe('validation names the field', () => {
  it.each([
    [{ principal: 0 }, 'principal'],
    [{ principal: -5 }, 'principal'],
    [{ term: 0 }, 'term'],
    [{ firstPaymentDate: d('2026-01-10') }, 'firstPaymentDate'],
    [{ method: 'balloon' as const, balloonAmount: 200000_00 }, 'balloonAmount'],
    [{ method: 'balloon' as const }, 'balloonAmount'],
    [{ method: 'stepped' as const, steps: [{ count: 10, ratio: '1' }] }, 'steps'],
    [{ method: 'flat-fee' as const }, 'monthlyFeeRate'],
    [{ term: 10, every: 3 }, 'term'],
  ])('%o → %s', (overrides, field) => {
    try {
      buildSchedule(testTerms(overrides));
      expect.unreachable();
    } catch (err) {
      expect((err as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
  });
});
