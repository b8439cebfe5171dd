import type { CivilDate } from '../dates.ts';
import { addDays, addMonths, daysInMonth } from '../dates.ts';
import type { Fen } from '../money.ts';
import type { CashFlow } from './cash-flow.ts';

export type SeriesInterval = 'month' | 'half-month' | 'quarter' | 'week' | 'year';
export const SERIES_INTERVALS: readonly SeriesInterval[] = ['month', 'half-month', 'quarter', 'week', 'year'];

/**
 * The k-th date (0-based) of a series starting on `start`. Months keep the start's day (clamped
 * to month ends); half-months alternate between the start's day and 15 days later (1st/16th,
 * 15th/30th), as semimonthly schedules do.
 */
export function seriesDate(start: CivilDate, every: SeriesInterval, k: number): CivilDate {
  switch (every) {
    case 'month':
      return addMonths(start, k);
    case 'quarter':
      return addMonths(start, 3 * k);
    case 'year':
      return addMonths(start, 12 * k);
    case 'week':
      return addDays(start, 7 * k);
    case 'half-month': {
      const whole = Math.floor(k / 2);
      if (k % 2 === 0) return addMonths(start, whole);
      if (start.day <= 15) {
        const month = addMonths(start, whole);
        return { ...month, day: Math.min(start.day + 15, daysInMonth(month.year, month.month)) };
      }
      const next = addMonths(start, whole + 1, 1);
      return { ...next, day: Math.min(start.day - 15, daysInMonth(next.year, next.month)) };
    }
  }
}

export function expandSeries(start: CivilDate, amount: Fen, count: number, every: SeriesInterval): CashFlow[] {
  const flows: CashFlow[] = [];
  for (let k = 0; k < count; k++) flows.push({ date: seriesDate(start, every, k), amount });
  return flows;
}
