import { DomainError } from '../shared/domain-error.ts';

/** A calendar date with no time zone, as on the wire: "YYYY-MM-DD". */
export type IsoDate = string;

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses and validates "YYYY-MM-DD" (rejects 2026-02-30 and the like). */
export function parseDate(value: string, field = 'date'): CivilDate {
  const match = DATE_PATTERN.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DomainError('FINANCE_INVALID_INPUT', `${field} must be a calendar date YYYY-MM-DD`, [
      { field, message: 'must be a calendar date YYYY-MM-DD' },
    ]);
  }
  return { year, month, day };
}

export function formatDate(date: CivilDate): IsoDate {
  const y = String(date.year).padStart(4, '0');
  const m = String(date.month).padStart(2, '0');
  const d = String(date.day).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Days since 1970-01-01 (proleptic Gregorian), by Howard Hinnant's days_from_civil. */
export function toDayNumber(date: CivilDate): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Actual days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function isLastDayOfMonth(date: CivilDate): boolean {
  return date.day === daysInMonth(date.year, date.month);
}

/**
 * Adds whole months, keeping the `anchorDay` (default: the date's own day) and clamping to the
 * month's end: a loan drawn on 31 January pays on 28/29 February and then on 31 March, because
 * every date is derived from the anchor, never from the previous (already clamped) date.
 */
export function addMonths(date: CivilDate, months: number, anchorDay = date.day): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(anchorDay, daysInMonth(year, month)) };
}

/** Whole calendar months from `from` to `to` counted back from `to` (Appendix J (b)(5) style). */
export function wholeMonthsBack(from: CivilDate, to: CivilDate): { months: number; start: CivilDate } {
  // Counting back from a month's last day lands on the earlier month's last day.
  const anchor = isLastDayOfMonth(to) ? 31 : to.day;
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  let start = addMonths(to, -months, anchor);
  while (months > 0 && compareDates(start, from) < 0) {
    months -= 1;
    start = addMonths(to, -months, anchor);
  }
  return { months, start };
}

/**
 * The same count as wholeMonthsBack without building dates: whole months counted back from `to`
 * and the days left between `from` and where the count stops. Hot path of the APR solvers.
 * Requires from ≤ to.
 */
export function monthsAndDaysBack(from: CivilDate, to: CivilDate): { months: number; days: number } {
  const toDim = daysInMonth(to.year, to.month);
  const anchor = to.day === toDim ? 31 : to.day;
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  const fromDim = daysInMonth(from.year, from.month);
  const day = Math.min(anchor, fromDim);
  if (day >= from.day) return { months, days: day - from.day };
  // The count stops in the month after `from`'s month.
  months -= 1;
  if (months < 0) return { months: 0, days: daysBetween(from, to) };
  const nextYear = from.month === 12 ? from.year + 1 : from.year;
  const nextMonth = from.month === 12 ? 1 : from.month + 1;
  return { months, days: fromDim - from.day + Math.min(anchor, daysInMonth(nextYear, nextMonth)) };
}
