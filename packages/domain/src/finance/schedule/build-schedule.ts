import { regularPeriodFraction, yearFraction } from '../day-count.ts';
import { compareDates } from '../dates.ts';
import type { Fen } from '../money.ts';
import { mulDivRound } from '../money.ts';
import type { Rate } from '../rate.ts';
import { ZERO_RATE } from '../rate.ts';
import type { PeriodicRate } from './annuity.ts';
import { equalInstallmentPlan } from './equal-installment.ts';
import { equalPrincipalPlan } from './equal-principal.ts';
import { flatMonthlyFee } from './flat-fee.ts';
import { interestOnlyPlan } from './interest-only.ts';
import { paymentCalendar } from './payment-dates.ts';
import type { PlanContext, PrincipalRule } from './plan.ts';
import { steppedPlan } from './stepped.ts';
import { subsidyAmount } from './subsidy.ts';
import type { Installment, LoanTerms, Schedule } from './types.ts';
import { validateTerms } from './validate-terms.ts';

/** The rate the customer's schedule runs at: the customer rate for subsidised loans. */
export function customerRateOf(terms: LoanTerms): Rate {
  if (terms.method === 'interest-free') return ZERO_RATE;
  if (terms.method === 'subsidised') return terms.customerRate ?? terms.annualRate;
  return terms.annualRate;
}

/** The periodic rate of one installment period: annual × every / 12 (exact). */
export function periodicRate(rate: Rate, every: number): PeriodicRate {
  return { a: rate.num * every, b: rate.den * 12 };
}

function principalRule(ctx: PlanContext): PrincipalRule {
  switch (ctx.terms.method) {
    case 'equal-principal':
    case 'flat-fee':
      return equalPrincipalPlan(ctx);
    case 'interest-only':
      return interestOnlyPlan();
    case 'stepped':
      return steppedPlan(ctx).rule;
    default:
      // equal-installment, seasonal, balloon, lease, subsidised, interest-free
      return equalInstallmentPlan(ctx).rule;
  }
}

/**
 * The repayment schedule of a loan or lease. Interest of each period is balance × rate × period
 * rounded half-up to the fen; the odd days of an irregular first period are added to the first
 * installment's interest (one rounding); the last installment clears the balance, so principal
 * parts always add up to the amount lent exactly.
 */
export function buildSchedule(terms: LoanTerms): Schedule {
  validateTerms(terms);
  const every = terms.every;
  const n = terms.term / every;
  const grace = terms.graceMonths / every;
  const m = n - grace;
  let financedFees = 0;
  let upfrontFees = 0;
  let upfrontFinanceCharge = 0;
  let financedFinanceCharge = 0;
  let financedOther = 0;
  let periodicCharge = 0;
  let periodicOther = 0;
  for (const fee of terms.fees) {
    if (fee.timing === 'financed') {
      financedFees += fee.amount;
      if (fee.financeCharge) financedFinanceCharge += fee.amount;
      else financedOther += fee.amount;
    } else if (fee.timing === 'upfront') {
      upfrontFees += fee.amount;
      if (fee.financeCharge) upfrontFinanceCharge += fee.amount;
    } else if (fee.financeCharge) periodicCharge += fee.amount;
    else periodicOther += fee.amount;
  }
  const noteAmount = terms.principal + financedFees;
  const rate = customerRateOf(terms);
  const fv = terms.method === 'balloon' ? (terms.balloonAmount ?? 0) : terms.method === 'lease' ? (terms.residualAmount ?? 0) : 0;
  const rule = principalRule({ terms, amortised: noteAmount, fv, rate: periodicRate(rate, every), m });
  periodicCharge += flatMonthlyFee(terms, noteAmount);
  const fee = periodicCharge + periodicOther;

  const calendar = paymentCalendar(terms.disbursementDate, terms.firstPaymentDate, every, n);
  const odd = compareDates(calendar.periodStart, terms.disbursementDate) === 0 ? 0 : yearFraction(terms.dayCount, terms.disbursementDate, calendar.periodStart).days;

  const installments: Installment[] = [];
  let balance = noteAmount;
  let from = calendar.periodStart;
  let totalInterest = 0;
  let totalOfPayments = 0;
  for (let k = 1; k <= n; k++) {
    const to = calendar.dates[k - 1] ?? from;
    const period = regularPeriodFraction(terms.dayCount, from, to, every);
    const regularInterest = mulDivRound(balance, rate.num * period.days, rate.den * period.basis);
    const interest = k === 1 && odd !== 0 ? mulDivRound(balance, rate.num * (period.days + odd), rate.den * period.basis) : regularInterest;
    let principal: Fen;
    if (k === n) principal = balance;
    else if (k <= grace) principal = 0;
    else principal = Math.min(balance, Math.max(0, rule(k - grace, balance, regularInterest)));
    balance -= principal;
    const payment = principal + interest + fee;
    installments.push({ n: k, date: to, payment, principal, interest, fee, financeChargeFee: periodicCharge, balance });
    totalInterest += interest;
    totalOfPayments += payment;
    from = to;
  }

  const periodicTotal = fee * n;
  const financeCharge = totalInterest + upfrontFinanceCharge + financedFinanceCharge + periodicCharge * n;
  const deposit = terms.method === 'lease' ? (terms.deposit ?? 0) : 0;
  let subsidy = 0;
  if (terms.method === 'subsidised' || terms.method === 'interest-free') {
    subsidy = subsidyAmount(
      noteAmount,
      installments.map((i) => i.principal + i.interest),
      periodicRate(terms.annualRate, every),
    );
  }
  return {
    terms,
    installments,
    noteAmount,
    amountFinanced: terms.principal + financedOther - upfrontFinanceCharge - deposit,
    totalInterest,
    totalFees: upfrontFees + financedFees + periodicTotal,
    financeCharge,
    totalOfPayments,
    upfrontCash: upfrontFees + deposit,
    subsidy: Math.max(0, subsidy),
    depositRefund: deposit,
  };
}
