import { Z_95 } from './normal-distribution.ts';
import { twoProportionTest } from './two-proportion-test.ts';

export interface LiftResult {
  /** treated rate − holdout rate */
  absolute: number;
  /** 95% interval of the absolute lift (unpooled). */
  low: number;
  high: number;
  /** absolute ÷ holdout rate; null when the holdout rate is 0. */
  relative: number | null;
  /** 95% interval of the relative lift from the log of the rate ratio (Katz et al. 1978); null when either count is 0. */
  relativeLow: number | null;
  relativeHigh: number | null;
  z: number | null;
  pValue: number | null;
}

/**
 * How much a treated arm's rate beats the holdout's, with its uncertainty. The relative interval is
 * not the absolute one divided by the holdout rate (that would ignore the holdout's own noise): it is
 * exp(ln RR ± z·√((1−p₁)/x₁ + (1−p₂)/x₂)) − 1, the usual interval of a risk ratio.
 */
export function liftOverHoldout(treatedCount: number, treatedTotal: number, holdoutCount: number, holdoutTotal: number, z = Z_95): LiftResult | null {
  if (treatedTotal <= 0 || holdoutTotal <= 0) return null;
  const t = twoProportionTest(treatedCount, treatedTotal, holdoutCount, holdoutTotal, z);
  const p1 = treatedCount / treatedTotal;
  const p2 = holdoutCount / holdoutTotal;
  const relative = p2 > 0 ? p1 / p2 - 1 : null;
  let relativeLow: number | null = null;
  let relativeHigh: number | null = null;
  if (treatedCount > 0 && holdoutCount > 0) {
    const lnRr = Math.log(p1 / p2);
    const se = Math.sqrt((1 - p1) / treatedCount + (1 - p2) / holdoutCount);
    relativeLow = Math.exp(lnRr - z * se) - 1;
    relativeHigh = Math.exp(lnRr + z * se) - 1;
  }
  return { absolute: t.difference, low: t.low, high: t.high, relative, relativeLow, relativeHigh, z: t.z, pValue: t.pValue };
}
