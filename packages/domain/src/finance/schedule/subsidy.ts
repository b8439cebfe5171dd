import { divRoundHalfUp } from '../money.ts';
import type { Fen } from '../money.ts';
import type { PeriodicRate } from './annuity.ts';

/**
 * 贴息: the customer pays a reduced rate, so the lender's yield is made up by the OEM/dealer at
 * disbursement: subsidy = amount lent − PV of the customer's installments (fees excluded) at the
 * lender's periodic rate, in exact rationals, half-up to the fen. The PV counts installment k at
 * k periods (an odd first period is not discounted separately).
 */
export function subsidyAmount(lent: Fen, customerInstallments: readonly Fen[], lenderRate: PeriodicRate): Fen {
  const a = BigInt(lenderRate.a);
  const b = BigInt(lenderRate.b);
  const n = customerInstallments.length;
  // PV = Σ P_k b^k (b+a)^(n−k) / (b+a)^n
  let numerator = 0n;
  let bPow = 1n;
  const powers: bigint[] = [1n];
  for (let k = 1; k <= n; k++) powers.push((powers[k - 1] ?? 1n) * (b + a));
  for (let k = 1; k <= n; k++) {
    bPow *= b;
    numerator += BigInt(customerInstallments[k - 1] ?? 0) * bPow * (powers[n - k] ?? 1n);
  }
  const denominator = powers[n] ?? 1n;
  return Number(divRoundHalfUp(BigInt(lent) * denominator - numerator, denominator));
}
