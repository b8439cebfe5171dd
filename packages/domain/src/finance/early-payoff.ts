import { DomainError } from '../shared/domain-error.ts';
import type { CivilDate } from './dates.ts';
import { compareDates } from './dates.ts';
import { yearFraction } from './day-count.ts';
import type { Fen } from './money.ts';
import { mulDivRound } from './money.ts';
import type { Rate } from './rate.ts';
import { customerRateOf } from './schedule/build-schedule.ts';
import type { Schedule } from './schedule/types.ts';

/** A product's prepayment (提前还款) rule. */
export type PrepaymentRule =
  | { readonly type: 'none' }
  /** A penalty of `percent` of the principal repaid early (违约金 as % of outstanding). */
  | { readonly type: 'percent-of-principal'; readonly percent: Rate }
  /** A penalty of `months` months of interest on the principal repaid early. */
  | { readonly type: 'months-of-interest'; readonly months: number }
  /** No penalty: repaid within the OEM's trade-in (置换) programme. */
  | { readonly type: 'trade-in' };

export interface PayoffQuote {
  readonly date: CivilDate;
  /** Installments due on or before the date (assumed paid). */
  readonly installmentsPaid: number;
  readonly outstandingPrincipal: Fen;
  /** Interest from the last due date (or disbursement) to the payoff date, under the day count. */
  readonly accruedInterest: Fen;
  readonly penalty: Fen;
  readonly payoffAmount: Fen;
}

/** The penalty of a prepayment rule on `principal` repaid early. */
export function prepaymentPenalty(principal: Fen, rate: Rate, rule: PrepaymentRule): Fen {
  switch (rule.type) {
    case 'none':
    case 'trade-in':
      return 0;
    case 'percent-of-principal':
      return mulDivRound(principal, rule.percent.num, rule.percent.den);
    case 'months-of-interest':
      return mulDivRound(principal, rate.num * rule.months, rate.den * 12);
  }
}

/**
 * What the borrower pays to close the loan on `date`: the principal outstanding after the
 * installments due by then, the interest accrued since the last of them, and the rule's penalty.
 * On a due date the accrued interest is zero, so the payoff is the remaining principal plus the
 * penalty.
 */
export function payoffQuote(schedule: Schedule, date: CivilDate, rule: PrepaymentRule): PayoffQuote {
  const terms = schedule.terms;
  if (compareDates(date, terms.disbursementDate) < 0) {
    throw new DomainError('FINANCE_INVALID_INPUT', 'the payoff date is before the disbursement', [{ field: 'date', message: 'must not be before the disbursement date' }]);
  }
  let paid = 0;
  while (paid < schedule.installments.length && compareDates(schedule.installments[paid]?.date ?? date, date) <= 0) paid += 1;
  if (paid === schedule.installments.length) {
    throw new DomainError('FINANCE_INVALID_INPUT', 'the loan is already repaid by that date', [{ field: 'date', message: 'is on or after the last installment' }]);
  }
  const last = paid > 0 ? schedule.installments[paid - 1] : undefined;
  const outstanding = last ? last.balance : schedule.noteAmount;
  const from = last ? last.date : terms.disbursementDate;
  const rate = customerRateOf(terms);
  const fraction = yearFraction(terms.dayCount, from, date);
  const accrued = mulDivRound(outstanding, rate.num * fraction.days, rate.den * fraction.basis);
  const penalty = prepaymentPenalty(outstanding, rate, rule);
  return { date, installmentsPaid: paid, outstandingPrincipal: outstanding, accruedInterest: accrued, penalty, payoffAmount: outstanding + accrued + penalty };
}
