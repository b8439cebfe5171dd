import { DomainError } from '../../shared/domain-error.ts';
import type { CivilDate } from '../dates.ts';
import { compareDates, daysBetween, daysInMonth } from '../dates.ts';
import type { CashFlows, TimedFlows } from './cash-flow.ts';
import { solveRate } from './solve-rate.ts';
import type { UnitPeriod } from './unit-period.ts';
import { describeUnitPeriod, periodsPerYear, unitPeriodOf, unitPeriodsBetween } from './unit-period.ts';

export interface RegZResult {
  /** The annual percentage rate as a fraction (0.0969 for 9.69%). */
  readonly apr: number;
  readonly unitRate: number;
  readonly unitPeriod: string;
  readonly periodsPerYear: number;
}

/**
 * Monthly time of `date` from `start` (the hot path: every PBoC IRR is monthly): whole months
 * counted back from the date and the days left / 30, written into t[j], f[j] without allocating.
 * Equal to unitPeriodsBetween(start, date, month) (a property test checks it).
 */
function putMonthly(start: CivilDate, startDim: number, nextDim: number, date: CivilDate, t: Float64Array, f: Float64Array, j: number): void {
  const toDim = daysInMonth(date.year, date.month);
  const anchor = date.day === toDim ? 31 : date.day;
  const months = (date.year - start.year) * 12 + (date.month - start.month);
  const day = anchor < startDim ? anchor : startDim;
  if (day >= start.day) {
    t[j] = months;
    f[j] = (day - start.day) / 30;
  } else if (months >= 1) {
    t[j] = months - 1;
    f[j] = (startDim - start.day + Math.min(anchor, nextDim)) / 30;
  } else {
    t[j] = 0;
    f[j] = daysBetween(start, date) / 30;
  }
}

/** Times flows from the start of the term in the given unit period, sorted by time. */
export function timeFlows(flows: CashFlows, unit: UnitPeriod, start: CivilDate): TimedFlows {
  const { advances, payments } = flows;
  const count = advances.length + payments.length;
  const amounts = new Float64Array(count);
  const t = new Float64Array(count);
  const f = new Float64Array(count);
  const monthly = unit.kind === 'months' && unit.months === 1;
  const startDim = daysInMonth(start.year, start.month);
  const nextDim = start.month === 12 ? 31 : daysInMonth(start.year, start.month + 1);
  for (let j = 0; j < count; j++) {
    const flow = j < advances.length ? advances[j] : payments[j - advances.length];
    if (!flow) continue;
    amounts[j] = j < advances.length ? flow.amount : -flow.amount;
    if (monthly) putMonthly(start, startDim, nextDim, flow.date, t, f, j);
    else {
      const at = unitPeriodsBetween(start, flow.date, unit);
      t[j] = at.t;
      f[j] = at.f;
    }
  }
  let sorted = true;
  for (let j = 1; j < count && sorted; j++) if ((t[j] as number) + (f[j] as number) < (t[j - 1] as number) + (f[j - 1] as number)) sorted = false;
  if (sorted) return { amounts, t, f };
  const order = Array.from({ length: count }, (_, k) => k).sort(
    (x, y) => (t[x] as number) + (f[x] as number) - ((t[y] as number) + (f[y] as number)) || (t[x] as number) - (t[y] as number),
  );
  return {
    amounts: Float64Array.from(order, (k) => amounts[k] as number),
    t: Float64Array.from(order, (k) => t[k] as number),
    f: Float64Array.from(order, (k) => f[k] as number),
  };
}

export function termStart(flows: CashFlows): CivilDate {
  let first = flows.advances[0];
  for (const a of flows.advances) if (first && compareDates(a.date, first.date) < 0) first = a;
  if (!first) {
    throw new DomainError('FINANCE_INVALID_INPUT', 'at least one advance is needed', [{ field: 'advances', message: 'must have at least one advance' }]);
  }
  return first.date;
}

/**
 * The Regulation Z APR by the actuarial method of Appendix J: the unit period is the most common
 * payment interval; each advance and payment is discounted over its whole unit periods
 * compounded and its odd fraction with simple interest, and the general equation (b)(8)
 * Σ A/((1+f·i)(1+i)^t) = Σ P/((1+f·i)(1+i)^t) is solved for i; APR = i × unit periods per year.
 */
export function regzApr(flows: CashFlows): RegZResult {
  const start = termStart(flows);
  const unit = unitPeriodOf(start, flows.payments.map((p) => p.date));
  const unitRate = solveRate(timeFlows(flows, unit, start), 'simple');
  const perYear = periodsPerYear(unit);
  return { apr: unitRate * perYear, unitRate, unitPeriod: describeUnitPeriod(unit), periodsPerYear: perYear };
}
