import { DomainError } from '../../shared/domain-error.ts';
import type { CivilDate } from '../dates.ts';
import { compareDates } from '../dates.ts';
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

/** Sorts and times flows from the first advance in the given unit period. */
export function timeFlows(flows: CashFlows, unit: UnitPeriod, start: CivilDate): TimedFlows {
  const all = [
    ...flows.advances.map((a) => ({ ...a, sign: 1 })),
    ...flows.payments.map((p) => ({ ...p, sign: -1 })),
  ].map((flow) => ({ flow, ...unitPeriodsBetween(start, flow.date, unit) }));
  all.sort((x, y) => x.t + x.f - (y.t + y.f) || x.t - y.t);
  return {
    amounts: Float64Array.from(all, (x) => x.flow.sign * x.flow.amount),
    t: Float64Array.from(all, (x) => x.t),
    f: Float64Array.from(all, (x) => x.f),
  };
}

export function termStart(flows: CashFlows): CivilDate {
  const first = [...flows.advances].sort((a, b) => compareDates(a.date, b.date))[0];
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
