import type { CivilDate } from '../dates.ts';
import { addMonths, compareDates } from '../dates.ts';

export interface PaymentCalendar {
  readonly dates: CivilDate[];
  /** Where the first period would start if it were a whole period: odd days run from disbursement to here. */
  readonly periodStart: CivilDate;
}

/**
 * Due dates every `every` months from the first payment date. When the first date is exactly one
 * period after disbursement, the disbursement day is the anchor, so 31 January pays on 28/29
 * February and then on 31 March; otherwise the first payment's own day is the anchor.
 */
export function paymentCalendar(disbursement: CivilDate, firstPayment: CivilDate, every: number, count: number): PaymentCalendar {
  const regular = compareDates(addMonths(disbursement, every), firstPayment) === 0;
  const anchor = regular ? disbursement.day : firstPayment.day;
  const dates: CivilDate[] = [];
  for (let k = 0; k < count; k++) dates.push(addMonths(firstPayment, k * every, anchor));
  const periodStart = regular ? disbursement : addMonths(firstPayment, -every, anchor);
  return { dates, periodStart };
}
