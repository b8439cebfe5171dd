import type { CivilDate } from './dates.ts';
import { daysBetween } from './dates.ts';

/**
 * Day-count conventions. `30/360` is the default of Chinese consumer lending: a month's interest
 * is balance × annual rate / 12 whatever the month's length; odd days count as 30/360 days.
 */
export type DayCount = '30/360' | 'ACT/365' | 'ACT/360';
export const DAY_COUNTS: readonly DayCount[] = ['30/360', 'ACT/365', 'ACT/360'];

/** A year fraction as an exact ratio of integers: days / daysInYear. */
export interface YearFraction {
  readonly days: number;
  readonly basis: number;
}

/** 30/360 (US/NASD) day count between two dates: months of 30 days, 31st treated as 30th. */
export function days30360(from: CivilDate, to: CivilDate): number {
  const d1 = from.day === 31 ? 30 : from.day;
  const d2 = to.day === 31 && d1 >= 30 ? 30 : to.day;
  return (to.year - from.year) * 360 + (to.month - from.month) * 30 + (d2 - d1);
}

/** The fraction of a year from `from` to `to` under the convention (negative if `to` is earlier). */
export function yearFraction(dayCount: DayCount, from: CivilDate, to: CivilDate): YearFraction {
  switch (dayCount) {
    case '30/360':
      return { days: days30360(from, to), basis: 360 };
    case 'ACT/365':
      return { days: daysBetween(from, to), basis: 365 };
    case 'ACT/360':
      return { days: daysBetween(from, to), basis: 360 };
  }
}

/**
 * The year fraction of one scheduled period of `months` months between two due dates. Under
 * 30/360 it is exactly months/12 (so February earns a full month's interest); under the actual
 * conventions it is the actual days.
 */
export function regularPeriodFraction(dayCount: DayCount, from: CivilDate, to: CivilDate, months: number): YearFraction {
  if (dayCount === '30/360') return { days: months * 30, basis: 360 };
  return yearFraction(dayCount, from, to);
}
