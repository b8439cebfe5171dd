import { DomainError } from '../shared/domain-error.ts';
import { addMonths } from './dates.ts';
import type { Fen } from './money.ts';
import { annuityPayment } from './schedule/annuity.ts';
import { buildSchedule, customerRateOf, periodicRate } from './schedule/build-schedule.ts';
import type { Installment, Schedule } from './schedule/types.ts';
import type { PrepaymentRule } from './early-payoff.ts';
import { prepaymentPenalty } from './early-payoff.ts';

export type ReamortiseMode = 'shorter-term' | 'lower-payment';

export interface PartialPrepayment {
  /** The installments paid before the prepayment (unchanged). */
  readonly paid: readonly Installment[];
  readonly prepaid: Fen;
  readonly penalty: Fen;
  /** The new schedule of the remaining balance, from the prepayment date. */
  readonly schedule: Schedule;
}

/**
 * A partial prepayment made with installment `afterInstallment` (on its due date), and the
 * re-amortised rest: `lower-payment` keeps the term and lowers the payment; `shorter-term` keeps
 * the payment (at most) and shortens the term to the fewest installments that repay the balance.
 * For equal-installment and equal-principal loans, as Chinese lenders offer it.
 */
export function partialPrepayment(
  schedule: Schedule,
  afterInstallment: number,
  amount: Fen,
  mode: ReamortiseMode,
  rule: PrepaymentRule = { type: 'none' },
): PartialPrepayment {
  const terms = schedule.terms;
  if (terms.method !== 'equal-installment' && terms.method !== 'equal-principal') {
    throw new DomainError('FINANCE_INVALID_INPUT', 'partial prepayment is offered on equal-installment and equal-principal loans', [
      { field: 'method', message: 'must be equal-installment or equal-principal for a partial prepayment' },
    ]);
  }
  const n = schedule.installments.length;
  const at = schedule.installments[afterInstallment - 1];
  if (!at || afterInstallment >= n || afterInstallment <= terms.graceMonths / terms.every) {
    throw new DomainError('FINANCE_INVALID_INPUT', 'prepay after an amortising installment before the last', [
      { field: 'afterInstallment', message: `must be between ${terms.graceMonths / terms.every + 1} and ${n - 1}` },
    ]);
  }
  if (!(amount > 0) || amount >= at.balance) {
    throw new DomainError('FINANCE_INVALID_INPUT', 'a partial prepayment must be less than the balance', [
      { field: 'amount', message: 'must be greater than zero and less than the outstanding principal' },
    ]);
  }
  const remainingBalance = at.balance - amount;
  const remaining = n - afterInstallment;
  const rate = customerRateOf(terms);
  let count = remaining;
  if (mode === 'shorter-term') {
    const current = schedule.installments[afterInstallment];
    if (terms.method === 'equal-installment') {
      const payment = (current?.principal ?? 0) + (current?.interest ?? 0);
      const pr = periodicRate(rate, terms.every);
      count = 1;
      while (count < remaining && annuityPayment(remainingBalance, 0, pr, count) > payment) count += 1;
    } else {
      const each = current?.principal ?? 1;
      count = Math.min(remaining, Math.ceil(remainingBalance / Math.max(1, each)));
    }
  }
  const next = addMonths(at.date, terms.every, terms.disbursementDate.day);
  const rest = buildSchedule({
    ...terms,
    principal: remainingBalance,
    term: count * terms.every,
    graceMonths: 0,
    fees: terms.fees.filter((f) => f.timing === 'periodic'),
    disbursementDate: at.date,
    firstPaymentDate: schedule.installments[afterInstallment]?.date ?? next,
  });
  return { paid: schedule.installments.slice(0, afterInstallment), prepaid: amount, penalty: prepaymentPenalty(amount, rate, rule), schedule: rest };
}
