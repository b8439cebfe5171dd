import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, daysBetween, formatDate, fromDayNumber, monthsAndDaysBack, parseDate, toDayNumber, wholeMonthsBack } from './dates.ts';

const d = (s: string) => parseDate(s);

describe('dates', () => {
  it('counts days from the Unix epoch like the proleptic Gregorian calendar', () => {
    expect(toDayNumber(d('1970-01-01'))).toBe(0);
    expect(toDayNumber(d('2000-01-01'))).toBe(10957); // 30 years incl. 7 leap days: 30×365+7
    expect(daysBetween(d('2024-02-28'), d('2024-03-01'))).toBe(2); // 2024 is a leap year
    expect(daysBetween(d('2100-02-28'), d('2100-03-01'))).toBe(1); // 2100 is not
    expect(daysBetween(d('1978-01-03'), d('1978-09-15'))).toBe(255); // Reg Z Appendix J (c)(5)(i)
  });

  it('rejects impossible dates naming the field', () => {
    expect(() => parseDate('2026-02-29', 'disbursementDate')).toThrowError(/disbursementDate/);
    expect(() => parseDate('2026-13-01')).toThrow();
    expect(() => parseDate('26-1-1')).toThrow();
  });

  it('keeps the anchor day across month ends: 31 Jan → 28/29 Feb → 31 Mar', () => {
    const jan31 = d('2026-01-31');
    expect(formatDate(addMonths(jan31, 1))).toBe('2026-02-28');
    expect(formatDate(addMonths(jan31, 2))).toBe('2026-03-31');
    expect(formatDate(addMonths(jan31, 3))).toBe('2026-04-30');
    expect(formatDate(addMonths(d('2028-01-31'), 1))).toBe('2028-02-29');
    expect(formatDate(addMonths(d('2026-03-31'), -1))).toBe('2026-02-28');
    expect(formatDate(addMonths(d('2026-11-15'), 3))).toBe('2027-02-15');
  });

  it('counts whole months back from the later date (Appendix J (b)(5))', () => {
    expect(wholeMonthsBack(d('1978-02-10'), d('1978-04-01'))).toMatchObject({ months: 1, start: { year: 1978, month: 3, day: 1 } });
    expect(wholeMonthsBack(d('2026-01-31'), d('2026-02-28')).months).toBe(1);
    expect(wholeMonthsBack(d('2026-01-15'), d('2026-01-20')).months).toBe(0);
  });

  it('day numbers round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => toDayNumber(fromDayNumber(n)) === n));
  });
});

describe('monthsAndDaysBack', () => {
  it('agrees with wholeMonthsBack on every pair of dates', () => {
    const dayArb = fc.integer({ min: 0, max: 4000 }).map((k) => fromDayNumber(toDayNumber(parseDate('2024-01-01')) + k));
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        const [from, to] = toDayNumber(a) <= toDayNumber(b) ? [a, b] : [b, a];
        const slow = wholeMonthsBack(from, to);
        expect(monthsAndDaysBack(from, to)).toEqual({ months: slow.months, days: daysBetween(from, slow.start) });
      }),
      { numRuns: 2000 },
    );
  });
});
