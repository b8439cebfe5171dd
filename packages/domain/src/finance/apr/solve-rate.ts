import { DomainError } from '../../shared/domain-error.ts';
import type { TimedFlows } from './cash-flow.ts';

/** How a rate is discounted over the fractional part `f` of an odd period. */
export type FractionRule = 'simple' | 'compound';

const TOLERANCE = 1e-13;
const MAX_NEWTON = 60;

/**
 * g(i) = Σ a_j / ((1 + f_j·i)·(1 + i)^t_j) (simple) or Σ a_j (1 + i)^−(t_j + f_j) (compound) and
 * its derivative. Consecutive whole periods are discounted by one multiplication instead of a
 * power: that and a good start value are where the speed comes from.
 */
function evaluate(flows: TimedFlows, i: number, rule: FractionRule): [number, number] {
  const { amounts, t, f } = flows;
  const v = 1 / (1 + i);
  let value = 0;
  let slope = 0;
  let prevT = Number.NaN;
  let pw = 1;
  for (let j = 0; j < amounts.length; j++) {
    const tj = rule === 'simple' ? (t[j] ?? 0) : (t[j] ?? 0) + (f[j] ?? 0);
    if (tj === prevT) {
      // same discount factor
    } else if (tj === prevT + 1) pw *= v;
    else pw = Math.pow(v, tj);
    prevT = tj;
    const a = amounts[j] ?? 0;
    if (rule === 'simple') {
      const fj = f[j] ?? 0;
      const s = 1 / (1 + fj * i);
      const term = a * pw * s;
      value += term;
      slope += term * (-tj * v - fj * s);
    } else {
      const term = a * pw;
      value += term;
      slope -= term * tj * v;
    }
  }
  return [value, slope];
}

function startValue(flows: TimedFlows): number {
  let advanced = 0;
  let paid = 0;
  let advancedTime = 0;
  let paidTime = 0;
  for (let j = 0; j < flows.amounts.length; j++) {
    const a = flows.amounts[j] ?? 0;
    const time = (flows.t[j] ?? 0) + (flows.f[j] ?? 0);
    if (a > 0) {
      advanced += a;
      advancedTime += a * time;
    } else {
      paid -= a;
      paidTime -= a * time;
    }
  }
  if (advanced === 0 || paid === 0) return 0;
  const span = paidTime / paid - advancedTime / advanced;
  if (!(span > 0)) return 0;
  // Treat the cost as simple interest over the mean time to repayment, then halve-ish for the
  // amortisation: close enough for Newton to converge in a handful of steps.
  const guess = (paid - advanced) / advanced / span;
  return Math.max(-0.5, Math.min(guess, 10));
}

function bracketed(flows: TimedFlows, rule: FractionRule, root: number): boolean {
  const eps = Math.max(1e-12, Math.abs(root) * 1e-12);
  const [lo] = evaluate(flows, root - eps, rule);
  const [hi] = evaluate(flows, root + eps, rule);
  return lo === 0 || hi === 0 || Math.sign(lo) !== Math.sign(hi);
}

/**
 * Solves g(i) = 0 for the periodic rate i: Newton's method from a simple-interest estimate,
 * certified by a sign change within ±1e-12 around the root; when Newton fails or cannot be
 * certified, bisection on a bracket found by scanning. Throws FINANCE_NO_RATE if no rate exists.
 */
export function solveRate(flows: TimedFlows, rule: FractionRule): number {
  if (flows.amounts.length < 2) throw noRate('at least one advance and one payment are needed');
  let i = startValue(flows);
  for (let iter = 0; iter < MAX_NEWTON; iter++) {
    const [value, slope] = evaluate(flows, i, rule);
    if (value === 0) return i;
    if (!Number.isFinite(value) || !Number.isFinite(slope) || slope === 0) break;
    const step = value / slope;
    const next = i - step;
    if (!(next > -1)) break;
    i = next;
    if (Math.abs(step) <= TOLERANCE * Math.max(1, Math.abs(i))) {
      if (bracketed(flows, rule, i)) return i;
      break;
    }
  }
  return bisect(flows, rule);
}

function bisect(flows: TimedFlows, rule: FractionRule): number {
  const valueAt = (x: number) => evaluate(flows, x, rule)[0];
  // Scan outward from zero for a sign change: rates below −100% do not exist.
  const grid = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000];
  const negatives = [-0.001, -0.01, -0.05, -0.1, -0.25, -0.5, -0.9, -0.99, -0.999];
  let lo = Number.NaN;
  let hi = Number.NaN;
  const search = (points: number[]) => {
    let prev = points[0] ?? 0;
    let prevValue = valueAt(prev);
    if (prevValue === 0) return [prev, prev];
    for (let k = 1; k < points.length; k++) {
      const x = points[k] ?? 0;
      const value = valueAt(x);
      if (value === 0) return [x, x];
      if (Number.isFinite(value) && Number.isFinite(prevValue) && Math.sign(value) !== Math.sign(prevValue)) return [prev, x];
      prev = x;
      prevValue = value;
    }
    return undefined;
  };
  const found = search(grid) ?? search([0, ...negatives]);
  if (!found) throw noRate('the payments never equal the advances at any rate above −100%');
  [lo, hi] = found[0]! < found[1]! ? [found[0]!, found[1]!] : [found[1]!, found[0]!];
  let loValue = valueAt(lo);
  for (let iter = 0; iter < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); iter++) {
    const mid = (lo + hi) / 2;
    const value = valueAt(mid);
    if (value === 0) return mid;
    if (Math.sign(value) === Math.sign(loValue)) {
      lo = mid;
      loValue = value;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

function noRate(why: string): DomainError {
  return new DomainError('FINANCE_NO_RATE', `no rate solves these cash flows: ${why}`, [{ field: 'payments', message: why }]);
}
