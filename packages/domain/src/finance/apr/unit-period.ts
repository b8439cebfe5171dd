import type { CivilDate } from '../dates.ts';
import { compareDates, daysBetween, monthsAndDaysBack, wholeMonthsBack } from '../dates.ts';

/**
 * A Regulation Z unit period (Appendix J (b)(3)): some months, some days (a week, two weeks, or
 * the whole term of a single-payment transaction), or a half month.
 */
export type UnitPeriod =
  | { readonly kind: 'months'; readonly months: number }
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'half-month' };

/** Unit periods in a year (Appendix J (b)(4)): month 12, half-month 24, quarter 4, week 52, year 1. */
export function periodsPerYear(unit: UnitPeriod): number {
  switch (unit.kind) {
    case 'months':
      return 12 / unit.months;
    case 'half-month':
      return 24;
    case 'days':
      return unit.days % 7 === 0 ? 52 / (unit.days / 7) : 365 / unit.days;
  }
}

export function describeUnitPeriod(unit: UnitPeriod): string {
  switch (unit.kind) {
    case 'months':
      return unit.months === 1 ? 'month' : unit.months === 3 ? 'quarter' : unit.months === 12 ? 'year' : `${unit.months} months`;
    case 'half-month':
      return 'half-month';
    case 'days':
      return unit.days === 7 ? 'week' : unit.days % 7 === 0 ? `${unit.days / 7} weeks` : `${unit.days} days`;
  }
}

/** The interval between two dates as a candidate unit period. */
export function classifyInterval(from: CivilDate, to: CivilDate): UnitPeriod {
  const { months, start } = wholeMonthsBack(from, to);
  const rest = daysBetween(from, start);
  if (months >= 1 && rest === 0) return { kind: 'months', months };
  const days = daysBetween(from, to);
  if (days % 7 === 0) return { kind: 'days', days };
  if (days >= 13 && days <= 16) return { kind: 'half-month' };
  if (months >= 1) return { kind: 'months', months: rest >= 15 ? months + 1 : months };
  return { kind: 'days', days: Math.max(1, days) };
}

function key(unit: UnitPeriod): string {
  return unit.kind === 'months' ? `m${unit.months}` : unit.kind === 'days' ? `d${unit.days}` : 'h';
}

/**
 * The unit period is the most common interval between payments (Appendix J (b)(3)); a
 * single-payment transaction uses its whole term (from the first advance), as (b)(3) and the
 * single-advance single-payment example (c)(5) do.
 */
export function unitPeriodOf(start: CivilDate, paymentDates: readonly CivilDate[]): UnitPeriod {
  const sorted = [...paymentDates].sort(compareDates);
  if (sorted.length === 1) {
    // Under a year: the term itself, in whole months if it is whole months, else in days
    // (example (c)(5)); a year or more: the unit period is a year.
    const only = sorted[0] ?? start;
    const { months, start: back } = wholeMonthsBack(start, only);
    if (months >= 12) return { kind: 'months', months: 12 };
    if (months >= 1 && daysBetween(start, back) === 0) return { kind: 'months', months };
    return { kind: 'days', days: Math.max(1, daysBetween(start, only)) };
  }
  const counts = new Map<string, { unit: UnitPeriod; count: number }>();
  for (let k = 1; k < sorted.length; k++) {
    const unit = classifyInterval(sorted[k - 1] ?? start, sorted[k] ?? start);
    const entry = counts.get(key(unit));
    if (entry) entry.count += 1;
    else counts.set(key(unit), { unit, count: 1 });
  }
  let best: { unit: UnitPeriod; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.unit ?? { kind: 'months', months: 1 };
}

/**
 * Whole unit periods `t` and the fraction `f` from the start of the term to `date`
 * (Appendix J (b)(5)): whole periods are counted back from the later date; the odd days left
 * over are a fraction of the unit period: days / 30 per month (so /30·k for k-month periods),
 * / 15 for a half month, / the period's days for weeks and day-count periods.
 */
export function unitPeriodsBetween(start: CivilDate, date: CivilDate, unit: UnitPeriod): { t: number; f: number } {
  switch (unit.kind) {
    case 'months': {
      const { months, days: rest } = monthsAndDaysBack(start, date);
      const t = Math.floor(months / unit.months);
      const f = ((months - t * unit.months) * 30 + rest) / (30 * unit.months);
      return { t, f };
    }
    case 'half-month': {
      const { months, days: rest } = monthsAndDaysBack(start, date);
      return rest >= 15 ? { t: 2 * months + 1, f: (rest - 15) / 15 } : { t: 2 * months, f: rest / 15 };
    }
    case 'days': {
      const days = daysBetween(start, date);
      const t = Math.floor(days / unit.days);
      return { t, f: (days - t * unit.days) / unit.days };
    }
  }
}
