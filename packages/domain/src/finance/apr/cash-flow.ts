import type { CivilDate } from '../dates.ts';
import type { Fen } from '../money.ts';

/** Money the borrower receives (advance) or pays (payment) on a date, in fen (positive). */
export interface CashFlow {
  readonly date: CivilDate;
  readonly amount: Fen;
}

export interface CashFlows {
  readonly advances: readonly CashFlow[];
  readonly payments: readonly CashFlow[];
}

/**
 * Flows prepared for a rate solver: amount (advances +, payments −), the whole unit periods `t`
 * from the start of the term and the fraction `f` of an odd period. Sorted by t + f.
 */
export interface TimedFlows {
  readonly amounts: Float64Array;
  readonly t: Float64Array;
  readonly f: Float64Array;
}
