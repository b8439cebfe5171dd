import { mulDivRound } from '../money.ts';
import type { Fen } from '../money.ts';
import type { LoanTerms } from './types.ts';

/**
 * 手续费分期: the fee of each installment is monthlyFeeRate × the original principal (× months per
 * installment), fixed for the whole term although the balance falls: which is why its APR is
 * nearly twice the quoted "rate" and why the APR disclosure exists.
 */
export function flatMonthlyFee(terms: LoanTerms, noteAmount: Fen): Fen {
  const rate = terms.monthlyFeeRate;
  if (!rate) return 0;
  return mulDivRound(noteAmount, rate.num * terms.every, rate.den);
}
