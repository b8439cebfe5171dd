import { Z_95, twoSidedPValue } from './normal-distribution.ts';

export interface TwoProportionResult {
  /** p1 − p2 */
  difference: number;
  /** 95% interval of the difference with the UNPOOLED standard error (Newcombe 1998b, method 1). */
  low: number;
  high: number;
  /** z statistic with the POOLED standard error (the test assumes p1 = p2 under the null); null when undefined. */
  z: number | null;
  /** Two-sided p-value of the pooled z test; null when the pooled rate is 0 or 1 (nothing to test). */
  pValue: number | null;
}

/**
 * Two-proportion z test of x1/n1 against x2/n2. The test uses the pooled standard error because
 * under its null hypothesis both groups share one rate; the interval for the difference does not
 * assume that, so it uses the unpooled one (the textbook pairing, e.g. Agresti, Categorical Data
 * Analysis §2.2 / §3.1).
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, z = Z_95): TwoProportionResult {
  if (n1 <= 0 || n2 <= 0) throw new RangeError('both groups need at least one member');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const pooled = (x1 + x2) / (n1 + n2);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const zStat = sePooled > 0 ? difference / sePooled : null;
  return { difference, low: difference - z * se, high: difference + z * se, z: zStat, pValue: zStat === null ? null : twoSidedPValue(zStat) };
}
