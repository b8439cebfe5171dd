import type { Schedule } from '../schedule/types.ts';
import type { CashFlows } from './cash-flow.ts';

/**
 * The borrower's cash flows of a schedule, as both APRs see them: the amount actually in hand at
 * disbursement (principal + financed fees that are not finance charges − finance-charge fees paid
 * in cash − any lease deposit), then each installment less the fees that are not finance
 * charges, the last one less the deposit returned.
 */
export function scheduleCashFlows(schedule: Schedule): CashFlows {
  const last = schedule.installments.length - 1;
  return {
    advances: [{ date: schedule.terms.disbursementDate, amount: schedule.amountFinanced }],
    payments: schedule.installments.map((i, k) => ({
      date: i.date,
      amount: i.payment - (i.fee - i.financeChargeFee) - (k === last ? schedule.depositRefund : 0),
    })),
  };
}
