import type { Fen } from '../money.ts';
import type { PeriodicRate } from './annuity.ts';
import type { LoanTerms } from './types.ts';

/** What a repayment method needs to decide its principal parts. */
export interface PlanContext {
  readonly terms: LoanTerms;
  /** The balance when amortisation starts (after any principal grace). */
  readonly amortised: Fen;
  /** What must remain before the last installment clears it (balloon, residual), else 0. */
  readonly fv: Fen;
  readonly rate: PeriodicRate;
  /** Number of amortising installments. */
  readonly m: number;
}

/**
 * A repayment method's principal rule: the principal part of amortising installment j (1-based),
 * given the balance before it and the interest of a regular period. The engine clamps the result
 * to [0, balance] and lets the last installment take whatever remains.
 */
export type PrincipalRule = (j: number, balance: Fen, regularInterest: Fen) => Fen;
