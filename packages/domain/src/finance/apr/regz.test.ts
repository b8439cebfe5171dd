import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, fromDayNumber, parseDate, toDayNumber } from '../dates.ts';
import type { CashFlow } from './cash-flow.ts';
import { expandSeries } from './payment-series.ts';
import { regzApr, timeFlows } from './regz.ts';
import { unitPeriodsBetween } from './unit-period.ts';

const d = (s: string) => parseDate(s);
const every = (start: string, amount: number, count: number, step: (k: number) => ReturnType<typeof parseDate>): CashFlow[] =>
  Array.from({ length: count }, (_, k) => ({ date: step(k), amount })).map((f, k) => (k === 0 ? { ...f, date: d(start) } : f));

/**
 * 12 CFR 1026 Appendix J (c), "Examples for the actuarial method"
 * (https://www.consumerfinance.gov/rules-policy/regulations/1026/j/): the transaction data and
 * the APR each example states, to two decimals. The example data were cross-read from the test
 * suite of simontreanor/FSharp.Finance.Personal (tests/AprUsActuarialTests.fs), which encodes
 * the same examples.
 */
const examples: Array<{ name: string; advance: [string, number]; payments: CashFlow[]; apr: number; unit: string }> = [
  { name: '(c)(1)(i) monthly, regular first period', advance: ['1978-01-10', 5000_00], payments: expandSeries(d('1978-02-10'), 230_00, 24, 'month'), apr: 9.69, unit: 'month' },
  { name: '(c)(1)(ii) monthly, long first period', advance: ['1978-02-10', 6000_00], payments: expandSeries(d('1978-04-01'), 200_00, 36, 'month'), apr: 11.82, unit: 'month' },
  { name: '(c)(1)(iii) semimonthly, short first period', advance: ['1978-02-23', 5000_00], payments: expandSeries(d('1978-03-01'), 219_17, 24, 'half-month'), apr: 10.34, unit: 'half-month' },
  { name: '(c)(1)(iv) quarterly, long first period', advance: ['1978-05-23', 10000_00], payments: expandSeries(d('1978-10-01'), 385_00, 40, 'quarter'), apr: 8.97, unit: 'quarter' },
  { name: '(c)(1)(v) weekly, long first period', advance: ['1978-03-20', 500_00], payments: expandSeries(d('1978-04-21'), 17_60, 30, 'week'), apr: 14.96, unit: 'week' },
  {
    name: '(c)(2)(i) monthly, irregular first payment',
    advance: ['1978-01-10', 5000_00],
    payments: [{ date: d('1978-02-10'), amount: 250_00 }, ...expandSeries(d('1978-03-10'), 230_00, 23, 'month')],
    apr: 10.08,
    unit: 'month',
  },
  {
    name: '(c)(2)(ii) every 4 weeks, long first period, irregular first payment',
    advance: ['1978-03-18', 400_00],
    payments: [{ date: d('1978-04-20'), amount: 39_50 }, ...every('1978-05-18', 38_31, 11, (k) => addDays(d('1978-05-18'), 28 * k))],
    apr: 28.5,
    unit: '4 weeks',
  },
  {
    name: '(c)(3)(i) monthly, irregular final payment',
    advance: ['1978-01-10', 5000_00],
    payments: [...expandSeries(d('1978-02-10'), 230_00, 23, 'month'), { date: addMonths(d('1978-02-10'), 23), amount: 280_00 }],
    apr: 10.5,
    unit: 'month',
  },
  {
    name: '(c)(3)(ii) every 2 weeks, short first period, irregular final payment',
    advance: ['1978-04-03', 200_00],
    payments: [...every('1978-04-11', 9_50, 19, (k) => addDays(d('1978-04-11'), 14 * k)), { date: addDays(d('1978-04-11'), 14 * 19), amount: 30_00 }],
    apr: 12.22,
    unit: '2 weeks',
  },
  {
    name: '(c)(4)(i) monthly, irregular first and final payments',
    advance: ['1978-01-10', 5000_00],
    payments: [
      { date: d('1978-02-10'), amount: 250_00 },
      ...expandSeries(d('1978-03-10'), 230_00, 22, 'month'),
      { date: addMonths(d('1978-03-10'), 22), amount: 280_00 },
    ],
    apr: 10.9,
    unit: 'month',
  },
  {
    name: '(c)(4)(ii) every 2 months, short first period, irregular first and final payments',
    advance: ['1978-01-10', 8000_00],
    payments: [
      { date: d('1978-03-01'), amount: 449_36 },
      ...every('1978-05-01', 465_00, 18, (k) => addMonths(d('1978-05-01'), 2 * k)),
      { date: addMonths(d('1978-05-01'), 36), amount: 200_00 },
    ],
    apr: 7.3,
    unit: '2 months',
  },
  {
    name: '(c)(5)(i) single advance, single payment, term in days',
    advance: ['1978-01-03', 1000_00],
    payments: [{ date: d('1978-09-15'), amount: 1080_00 }],
    apr: 11.45,
    unit: '255 days',
  },
];

describe('Regulation Z Appendix J actuarial APR', () => {
  it.each(examples)('$name → $apr%', ({ advance, payments, apr, unit }) => {
    const result = regzApr({ advances: [{ date: d(advance[0]), amount: advance[1] }], payments });
    expect(Math.round(result.apr * 10000) / 100).toBe(apr);
    expect(result.unitPeriod).toBe(unit);
  });

  it('reports periods per year as (b)(4) lists them', () => {
    const pay = (every: 'month' | 'half-month' | 'quarter' | 'week' | 'year') =>
      regzApr({ advances: [{ date: d('2026-01-01'), amount: 1000_00 }], payments: expandSeries(d('2026-02-01'), 300_00, 4, every) }).periodsPerYear;
    expect([pay('month'), pay('half-month'), pay('quarter'), pay('week'), pay('year')]).toEqual([12, 24, 4, 52, 1]);
  });

  it('a single payment after more than a year uses a one-year unit period (hand: (1 + 0.5i)(1 + i) = 1.1 → i = 6.5248%)', () => {
    const r = regzApr({ advances: [{ date: d('2026-01-01'), amount: 1000_00 }], payments: [{ date: d('2027-07-01'), amount: 1100_00 }] });
    expect(r.unitPeriod).toBe('year');
    expect(r.apr).toBeCloseTo(-1.5 + Math.sqrt(2.45), 10);
  });

  it('is exactly zero for a zero-cost loan', () => {
    const r = regzApr({ advances: [{ date: d('2026-01-15'), amount: 1200_00 }], payments: expandSeries(d('2026-02-15'), 100_00, 12, 'month') });
    expect(r.apr).toBe(0);
  });

  it('reports that no rate exists when nothing is repaid', () => {
    expect(() => regzApr({ advances: [{ date: d('2026-01-15'), amount: 1200_00 }], payments: [{ date: d('2026-02-15'), amount: 0 }] })).toThrowError(
      /no rate/,
    );
  });
});

describe('timeFlows', () => {
  it('the monthly fast path counts exactly as unitPeriodsBetween', () => {
    const base = toDayNumber(d('2024-01-01'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 20 }), (s, offsets) => {
        const start = fromDayNumber(base + s);
        const dates = [...offsets].sort((x, y) => x - y).map((o) => fromDayNumber(base + s + o));
        const timed = timeFlows({ advances: [{ date: start, amount: 1 }], payments: dates.map((date) => ({ date, amount: 1 })) }, { kind: 'months', months: 1 }, start);
        dates.forEach((date, k) => {
          const slow = unitPeriodsBetween(start, date, { kind: 'months', months: 1 });
          expect(timed.t[k + 1]).toBe(slow.t);
          expect(timed.f[k + 1]).toBeCloseTo(slow.f, 12);
        });
      }),
      { numRuns: 500 },
    );
  });
});
