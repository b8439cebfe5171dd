import type { ParsedQuoteRequest, QuoteResponse } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import { irrApr } from './apr/irr.ts';
import { regzApr } from './apr/regz.ts';
import { scheduleCashFlows } from './apr/schedule-flows.ts';
import { addMonths, formatDate, parseDate } from './dates.ts';
import type { Fen } from './money.ts';
import { formatMoney, mulDivRound, parseMoney } from './money.ts';
import { toPercent } from './percent.ts';
import { parsePercentRate } from './rate.ts';
import { buildSchedule } from './schedule/build-schedule.ts';
import type { Fee, LoanTerms, Schedule } from './schedule/types.ts';

/** Wire request (already schema-checked) → domain terms; every bad value names its field. */
export function toLoanTerms(request: ParsedQuoteRequest): LoanTerms {
  const every = request.every ?? (request.method === 'seasonal' ? 3 : 1);
  const disbursementDate = parseDate(request.disbursementDate, 'disbursementDate');
  const firstPaymentDate = request.firstPaymentDate
    ? parseDate(request.firstPaymentDate, 'firstPaymentDate')
    : addMonths(disbursementDate, every);
  const fees: Fee[] = [];
  if (request.upfrontFee) fees.push({ name: 'upfront fee', amount: parseMoney(request.upfrontFee, 'upfrontFee'), timing: 'upfront', financeCharge: true });
  if (request.financedFees) fees.push({ name: 'financed fees', amount: parseMoney(request.financedFees, 'financedFees'), timing: 'financed', financeCharge: true });
  if (request.periodicFee) fees.push({ name: 'periodic fee', amount: parseMoney(request.periodicFee, 'periodicFee'), timing: 'periodic', financeCharge: true });
  (request.fees ?? []).forEach((fee, i) => {
    fees.push({ name: fee.name, amount: parseMoney(fee.amount, `fees[${i}].amount`), timing: fee.timing, financeCharge: fee.financeCharge });
  });
  let balloonAmount: Fen | undefined = request.balloonAmount ? parseMoney(request.balloonAmount, 'balloonAmount') : undefined;
  if (balloonAmount === undefined && request.balloonPercent !== undefined) {
    if (!request.vehiclePrice) {
      throw new DomainError('FINANCE_INVALID_INPUT', 'vehiclePrice is required with balloonPercent', [
        { field: 'vehiclePrice', message: 'is required when the balloon is a percent of the vehicle price' },
      ]);
    }
    const pct = parsePercentRate(request.balloonPercent, 'balloonPercent');
    balloonAmount = mulDivRound(parseMoney(request.vehiclePrice, 'vehiclePrice'), pct.num, pct.den);
  }
  const terms: LoanTerms = {
    principal: parseMoney(request.principal, 'principal'),
    annualRate: parsePercentRate(request.annualRate, 'annualRate'),
    term: request.term,
    method: request.method,
    dayCount: request.dayCount,
    disbursementDate,
    firstPaymentDate,
    every,
    graceMonths: request.graceMonths,
    fees,
    ...(request.monthlyFeeRate !== undefined ? { monthlyFeeRate: parsePercentRate(request.monthlyFeeRate, 'monthlyFeeRate') } : {}),
    ...(balloonAmount !== undefined ? { balloonAmount } : {}),
    ...(request.residualAmount ? { residualAmount: parseMoney(request.residualAmount, 'residualAmount') } : {}),
    ...(request.deposit ? { deposit: parseMoney(request.deposit, 'deposit') } : {}),
    ...(request.steps ? { steps: request.steps } : {}),
    ...(request.customerRate !== undefined ? { customerRate: parsePercentRate(request.customerRate, 'customerRate') } : {}),
  };
  return terms;
}

/** Both APRs of a schedule, as fractions. */
export function scheduleAprs(schedule: Schedule): { aprSimple: number; aprCompound: number; aprRegZ: number } {
  if (schedule.amountFinanced <= 0) {
    throw new DomainError('FINANCE_INVALID_INPUT', 'the fees paid at signing leave nothing financed', [
      { field: 'upfrontFee', message: 'leaves no amount financed' },
    ]);
  }
  const flows = scheduleCashFlows(schedule);
  const irr = irrApr(flows);
  const regz = regzApr(flows);
  return { aprSimple: irr.aprSimple, aprCompound: irr.aprCompound, aprRegZ: regz.apr };
}

/** Schedule → wire response. */
export function toQuoteResponse(schedule: Schedule): QuoteResponse {
  const aprs = scheduleAprs(schedule);
  return {
    installments: schedule.installments.map((i) => ({
      n: i.n,
      date: formatDate(i.date),
      payment: formatMoney(i.payment),
      principal: formatMoney(i.principal),
      interest: formatMoney(i.interest),
      fee: formatMoney(i.fee),
      balance: formatMoney(i.balance),
    })),
    totalInterest: formatMoney(schedule.totalInterest),
    totalFees: formatMoney(schedule.totalFees),
    totalCost: formatMoney(schedule.totalInterest + schedule.totalFees),
    aprSimple: toPercent(aprs.aprSimple),
    aprCompound: toPercent(aprs.aprCompound),
    aprRegZ: toPercent(aprs.aprRegZ),
    noteAmount: formatMoney(schedule.noteAmount),
    amountFinanced: formatMoney(schedule.amountFinanced),
    financeCharge: formatMoney(schedule.financeCharge),
    totalOfPayments: formatMoney(schedule.totalOfPayments),
    upfrontCash: formatMoney(schedule.upfrontCash),
    subsidy: formatMoney(schedule.subsidy),
    depositRefund: formatMoney(schedule.depositRefund),
  };
}

/** The quote the CLI and the server show: terms → schedule → totals and APRs. */
export function quoteLoan(request: ParsedQuoteRequest): QuoteResponse {
  return toQuoteResponse(buildSchedule(toLoanTerms(request)));
}
