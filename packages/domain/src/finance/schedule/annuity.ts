import type { Fen } from '../money.ts';
import { divRoundHalfUp } from '../money.ts';

/** A periodic rate as an exact fraction a / b. */
export interface PeriodicRate {
  readonly a: number;
  readonly b: number;
}

/**
 * The level payment that takes `pv` to `fv` in `m` end-of-period payments at periodic rate a/b:
 * P = (pv·(1+i)^m − fv)·i / ((1+i)^m − 1), rounded half-up to the fen.
 *
 * A double evaluates it to ~1e-13 relative, so unless the result is within 1e-6 fen of a half
 * fen the double's rounding is the exact rounding; otherwise the exact rational decides.
 */
export function annuityPayment(pv: Fen, fv: Fen, rate: PeriodicRate, m: number): Fen {
  if (m <= 0) throw new RangeError('an annuity needs at least one payment');
  if (rate.a === 0) return Number(divRoundHalfUp(BigInt(pv - fv), BigInt(m)));
  const i = rate.a / rate.b;
  const x = Math.pow(1 + i, m);
  const p = ((pv * x - fv) * i) / (x - 1);
  const frac = p - Math.floor(p);
  if (Math.abs(frac - 0.5) > 1e-6 && Number.isFinite(p) && Math.abs(p) < 2 ** 50) return Math.round(p);
  return exactAnnuityPayment(pv, fv, rate, m);
}

export function exactAnnuityPayment(pv: Fen, fv: Fen, rate: PeriodicRate, m: number): Fen {
  const a = BigInt(rate.a);
  const b = BigInt(rate.b);
  const up = (b + a) ** BigInt(m);
  const down = b ** BigInt(m);
  return Number(divRoundHalfUp((BigInt(pv) * up - BigInt(fv) * down) * a, b * (up - down)));
}

/**
 * Stepped (阶梯) payments: stage j pays ratio_j × X, where X makes the payments amortise `pv` to
 * `fv` at rate a/b. Exact: with ratios rn_j / rd,
 * P_j = (pv·(b+a)^m − fv·b^m) · rn_j / Σ_k rn_k · b^k · (b+a)^(m−k), rounded half-up.
 */
export function steppedPayments(pv: Fen, fv: Fen, rate: PeriodicRate, ratioNumerators: readonly bigint[]): Fen[] {
  const m = ratioNumerators.length;
  const a = BigInt(rate.a);
  const b = BigInt(rate.b);
  const numerator = BigInt(pv) * (b + a) ** BigInt(m) - BigInt(fv) * b ** BigInt(m);
  let denominator = 0n;
  let bPow = b; // b^k for k = 1..m
  for (let k = 1; k <= m; k++) {
    denominator += (ratioNumerators[k - 1] ?? 0n) * bPow * (b + a) ** BigInt(m - k);
    bPow *= b;
  }
  return ratioNumerators.map((rn) => Number(divRoundHalfUp(numerator * rn, denominator)));
}
