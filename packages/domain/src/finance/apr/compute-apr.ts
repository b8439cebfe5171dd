import type { IrrAprResponse, ParsedAprRequest, RegzAprResponse } from '@autofin/contracts';
import { DomainError } from '../../shared/domain-error.ts';
import { compareDates, parseDate } from '../dates.ts';
import { formatMoney, parseMoney } from '../money.ts';
import { toPercent } from '../percent.ts';
import type { CashFlow, CashFlows } from './cash-flow.ts';
import { irrApr } from './irr.ts';
import { expandSeries } from './payment-series.ts';
import { regzApr } from './regz.ts';

/** Wire APR request → cash flows, checking that no payment precedes the first advance. */
export function toCashFlows(request: ParsedAprRequest): CashFlows {
  const advances: CashFlow[] = request.advances.map((a, i) => {
    const amount = parseMoney(a.amount, `advances[${i}].amount`);
    if (amount <= 0) {
      throw new DomainError('FINANCE_INVALID_INPUT', `advances[${i}].amount must be greater than zero`, [
        { field: `advances[${i}].amount`, message: 'must be greater than zero' },
      ]);
    }
    return { date: parseDate(a.date, `advances[${i}].date`), amount };
  });
  const first = [...advances].sort((x, y) => compareDates(x.date, y.date))[0];
  const payments: CashFlow[] = [];
  request.payments.forEach((p, i) => {
    const date = parseDate(p.date, `payments[${i}].date`);
    if (first && compareDates(date, first.date) < 0) {
      throw new DomainError('FINANCE_INVALID_INPUT', `payments[${i}].date is before the first advance`, [
        { field: `payments[${i}].date`, message: 'must not be before the first advance' },
      ]);
    }
    const amount = parseMoney(p.amount, `payments[${i}].amount`);
    payments.push(...(p.every ? expandSeries(date, amount, p.count ?? 1, p.every) : [{ date, amount }]));
  });
  return { advances, payments };
}

function totals(flows: CashFlows) {
  const amountFinanced = flows.advances.reduce((s, a) => s + a.amount, 0);
  const totalOfPayments = flows.payments.reduce((s, p) => s + p.amount, 0);
  return {
    amountFinanced: formatMoney(amountFinanced),
    financeCharge: formatMoney(totalOfPayments - amountFinanced),
    totalOfPayments: formatMoney(totalOfPayments),
  };
}

export function computeRegzApr(request: ParsedAprRequest): RegzAprResponse {
  const flows = toCashFlows(request);
  const result = regzApr(flows);
  return { apr: toPercent(result.apr), unitPeriod: result.unitPeriod, periodsPerYear: result.periodsPerYear, ...totals(flows) };
}

export function computeIrrApr(request: ParsedAprRequest): IrrAprResponse {
  const flows = toCashFlows(request);
  const result = irrApr(flows);
  return {
    aprSimple: toPercent(result.aprSimple),
    aprCompound: toPercent(result.aprCompound),
    monthlyRate: toPercent(result.monthlyRate),
    ...totals(flows),
  };
}
