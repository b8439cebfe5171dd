/**
 * The standard normal distribution, for p-values and intervals of the campaign statistics.
 *
 * erfc uses the Chebyshev fit of Numerical Recipes (Press et al., 2nd ed. 1992, §6.2 `erfcc`):
 * FRACTIONAL error below 1.2e-7 everywhere, so even the tiny p-values of a large campaign keep
 * about seven significant digits (an absolute-error approximation such as Abramowitz & Stegun
 * 7.1.26 would turn p = 1e-9 into noise).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** P(|Z| ≥ |z|): the two-sided p-value of a z statistic. */
export function twoSidedPValue(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** z of a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;
