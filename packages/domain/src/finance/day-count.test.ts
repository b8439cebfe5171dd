import { describe, expect, it } from 'vitest';
import { parseDate } from './dates.ts';
import { days30360, regularPeriodFraction, yearFraction } from './day-count.ts';

const d = (s: string) => parseDate(s);

describe('day counts', () => {
  // 30/360 rule as stated in the TI BA II Plus guidebook (after SIA Standard Securities
  // Calculation Methods, 1986): D1 = 31 → 30; D2 = 31 and D1 ≥ 30 → 30.
  it.each([
    ['2026-01-15', '2026-02-01', 16],
    ['2026-01-31', '2026-03-31', 60],
    ['2026-01-30', '2026-03-31', 60],
    ['2026-01-29', '2026-03-31', 62],
    ['2026-02-28', '2026-03-31', 33],
    ['2025-12-15', '2026-01-15', 30],
  ])('30/360 days from %s to %s = %i', (a, b, days) => {
    expect(days30360(d(a), d(b))).toBe(days);
  });

  it('ACT/365 and ACT/360 use actual days', () => {
    expect(yearFraction('ACT/365', d('2026-01-15'), d('2026-02-15'))).toEqual({ days: 31, basis: 365 });
    expect(yearFraction('ACT/360', d('2026-02-15'), d('2026-03-15'))).toEqual({ days: 28, basis: 360 });
  });

  it('a regular 30/360 month is always a twelfth of a year, even February', () => {
    expect(regularPeriodFraction('30/360', d('2026-01-31'), d('2026-02-28'), 1)).toEqual({ days: 30, basis: 360 });
    expect(regularPeriodFraction('30/360', d('2026-01-15'), d('2026-04-15'), 3)).toEqual({ days: 90, basis: 360 });
    expect(regularPeriodFraction('ACT/365', d('2026-01-31'), d('2026-02-28'), 1)).toEqual({ days: 28, basis: 365 });
  });
});
