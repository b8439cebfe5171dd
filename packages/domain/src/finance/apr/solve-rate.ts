import { DomainError } from '../../shared/domain-error.ts';
import type { TimedFlows } from './cash-flow.ts';

/** How a rate is discounted over the fractional part `f` of an odd period. */
export type FractionRule = 'simple' | 'compound';

/**
 * Newton stops when its step is below this (relative to max(1, |i|)). Convergence is quadratic,
 * so the error after that step is about (g''/2g')·step² ≈ mean term × 1e-18: far below the
 * 1e-10 the solver promises.
 */
const STEP_TOLERANCE = 1e-9;
const MAX_NEWTON = 50;

type Evaluator = (flows: TimedFlows, i: number, out: Float64Array) => void;

/**
 * Regular flows (t = 0, 1, 2, … and no odd fraction): g, g' and g'' by Horner's rule in
 * v = 1/(1+i), split into even and odd powers (two independent chains in w = v², which the CPU
 * overlaps). With g = E(w) + v·O(w): g_v = 2v·E' + O + 2w·O', g_vv = 2E' + 4w·E'' + 6v·O' + 4vw·O''.
 */
function evaluateRegular(a: Float64Array, i: number, out: Float64Array): void {
  const v = 1 / (1 + i);
  const w = v * v;
  const n = a.length;
  let e = 0;
  let e1 = 0;
  let e2 = 0; // E''/2
  let o = 0;
  let o1 = 0;
  let o2 = 0; // O''/2
  const lastEven = (n - 1) % 2 === 0 ? n - 1 : n - 2;
  for (let j = lastEven; j >= 0; j -= 2) {
    e2 = e2 * w + e1;
    e1 = e1 * w + e;
    e = e * w + (a[j] as number);
    o2 = o2 * w + o1;
    o1 = o1 * w + o;
    o = o * w + (j + 1 < n ? (a[j + 1] as number) : 0);
  }
  const gv = 2 * v * e1 + o + 2 * w * o1;
  const gvv = 2 * e1 + 8 * w * e2 + 6 * v * o1 + 8 * v * w * o2;
  const v2 = w;
  out[0] = e + v * o;
  out[1] = -gv * v2; // dv/di = −v²
  out[2] = gvv * v2 * v2 + 2 * gv * v2 * v; // d²v/di² = 2v³
}

/**
 * Halley's method for regular flows: cubic convergence, so from the simple-interest start two or
 * three evaluations reach the root; a step below 1e-7 leaves an error of order K·step³ < 1e-15.
 */
function solveRegular(flows: TimedFlows, start: number): number | undefined {
  const out = new Float64Array(3);
  let i = start;
  for (let iter = 0; iter < MAX_NEWTON; iter++) {
    evaluateRegular(flows.amounts, i, out);
    const g = out[0] as number;
    const g1 = out[1] as number;
    const g2 = out[2] as number;
    if (g === 0) return i;
    const denominator = 2 * g1 * g1 - g * g2;
    if (!Number.isFinite(g) || !Number.isFinite(denominator) || denominator === 0) return undefined;
    const step = (2 * g * g1) / denominator;
    const next = i - step;
    if (!(next > -1)) return undefined;
    i = next;
    if (Math.abs(step) <= 1e-7 * Math.max(1, Math.abs(i))) return i;
  }
  return undefined;
}

/**
 * g(i) = Σ a_j (1 + i)^−(t_j + f_j) and its derivative. Consecutive whole periods are discounted
 * by one multiplication instead of a power.
 */
const evaluateCompound: Evaluator = (flows, i, out) => {
  const { amounts, t, f } = flows;
  const v = 1 / (1 + i);
  let value = 0;
  let slope = 0;
  let prev = Number.NaN;
  let pw = 1;
  for (let j = 0; j < amounts.length; j++) {
    const e = (t[j] as number) + (f[j] as number);
    if (e === prev + 1) pw *= v;
    else if (e !== prev) pw = Math.pow(v, e);
    prev = e;
    const term = (amounts[j] as number) * pw;
    value += term;
    slope -= term * e * v;
  }
  out[0] = value;
  out[1] = slope;
};

/** Appendix J (b)(8): g(i) = Σ a_j / ((1 + f_j·i)(1 + i)^t_j) and its derivative. */
const evaluateSimple: Evaluator = (flows, i, out) => {
  const { amounts, t, f } = flows;
  const v = 1 / (1 + i);
  let value = 0;
  let slope = 0;
  let prev = Number.NaN;
  let pw = 1;
  for (let j = 0; j < amounts.length; j++) {
    const tj = t[j] as number;
    if (tj === prev + 1) pw *= v;
    else if (tj !== prev) pw = Math.pow(v, tj);
    prev = tj;
    const fj = f[j] as number;
    const s = 1 / (1 + fj * i);
    const term = (amounts[j] as number) * pw * s;
    value += term;
    slope -= term * (tj * v + fj * s);
  }
  out[0] = value;
  out[1] = slope;
};

function isRegular(flows: TimedFlows): boolean {
  const { t, f } = flows;
  for (let j = 0; j < t.length; j++) if (t[j] !== j || f[j] !== 0) return false;
  return true;
}

/** A simple-interest estimate of the periodic rate: the cost over the mean time money is out. */
function startValue(flows: TimedFlows): number {
  let advanced = 0;
  let paid = 0;
  let advancedTime = 0;
  let paidTime = 0;
  for (let j = 0; j < flows.amounts.length; j++) {
    const a = flows.amounts[j] as number;
    const time = (flows.t[j] as number) + (flows.f[j] as number);
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
  return Math.max(-0.5, Math.min((paid - advanced) / advanced / span, 10));
}

/**
 * Solves g(i) = 0 for the periodic rate i: Newton's method with the exact derivative from a
 * simple-interest start; if Newton leaves the domain or stalls, bisection on a bracket found by
 * scanning from −99.9% to 100 000%. Throws FINANCE_NO_RATE when no rate exists.
 */
export function solveRate(flows: TimedFlows, rule: FractionRule): number {
  if (flows.amounts.length < 2) throw noRate('at least one advance and one payment are needed');
  const start = startValue(flows);
  if (isRegular(flows)) {
    const root = solveRegular(flows, start);
    if (root !== undefined) return root;
  }
  const evaluate = rule === 'simple' ? evaluateSimple : evaluateCompound;
  const out = new Float64Array(2);
  let i = start;
  for (let iter = 0; iter < MAX_NEWTON; iter++) {
    evaluate(flows, i, out);
    const value = out[0] as number;
    const slope = out[1] as number;
    if (value === 0) return i;
    if (!Number.isFinite(value) || !Number.isFinite(slope) || slope === 0) break;
    const step = value / slope;
    const next = i - step;
    if (!(next > -1)) break;
    i = next;
    if (Math.abs(step) <= STEP_TOLERANCE * Math.max(1, Math.abs(i))) return i;
  }
  return bisect(flows, evaluate, out);
}

function bisect(flows: TimedFlows, evaluate: Evaluator, out: Float64Array): number {
  const valueAt = (x: number) => {
    evaluate(flows, x, out);
    return out[0] as number;
  };
  const search = (points: readonly number[]): [number, number] | undefined => {
    let prev = points[0] ?? 0;
    let prevValue = valueAt(prev);
    if (prevValue === 0) return [prev, prev];
    for (const x of points.slice(1)) {
      const value = valueAt(x);
      if (value === 0) return [x, x];
      if (Number.isFinite(value) && Number.isFinite(prevValue) && Math.sign(value) !== Math.sign(prevValue)) return prev < x ? [prev, x] : [x, prev];
      prev = x;
      prevValue = value;
    }
    return undefined;
  };
  const found =
    search([0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000]) ??
    search([0, -0.001, -0.01, -0.05, -0.1, -0.25, -0.5, -0.9, -0.99, -0.999]);
  if (!found) throw noRate('the payments never equal the advances at any rate above −100%');
  let [lo, hi] = found;
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
