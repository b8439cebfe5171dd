import type { FieldError } from '@autofin/contracts';
import { DomainError } from '../../shared/domain-error.ts';
import { addMonths, compareDates } from '../dates.ts';
import type { LoanTerms } from './types.ts';

/** The business rules of loan terms; every violation names its field. */
export function validateTerms(terms: LoanTerms): void {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const note = terms.principal + terms.fees.filter((f) => f.timing === 'financed').reduce((s, f) => s + f.amount, 0);

  if (!(terms.principal > 0)) add('principal', 'must be greater than zero');
  if (!Number.isInteger(terms.term) || terms.term < 1) add('term', 'must be a whole number of months, at least 1');
  if (!Number.isInteger(terms.every) || terms.every < 1 || terms.every > 12) add('every', 'must be 1 to 12 months');
  else if (terms.term % terms.every !== 0) add('term', `must be a multiple of every (${terms.every} months)`);
  if (!Number.isInteger(terms.graceMonths) || terms.graceMonths < 0 || terms.graceMonths >= terms.term) {
    add('graceMonths', 'must be a whole number of months below the term');
  } else if (terms.graceMonths % terms.every !== 0) add('graceMonths', 'must be a multiple of every');
  if (compareDates(terms.firstPaymentDate, terms.disbursementDate) <= 0) {
    add('firstPaymentDate', 'must be after the disbursement date');
  } else if (compareDates(terms.firstPaymentDate, addMonths(terms.disbursementDate, 2 * terms.every)) > 0) {
    add('firstPaymentDate', 'must be within two payment periods of the disbursement date');
  }
  terms.fees.forEach((fee, i) => {
    if (!(fee.amount >= 0)) add(`fees[${i}].amount`, 'must not be negative');
  });

  switch (terms.method) {
    case 'balloon':
      if (terms.balloonAmount === undefined) add('balloonAmount', 'is required for a balloon loan (or balloonPercent with vehiclePrice)');
      else if (!(terms.balloonAmount > 0)) add('balloonAmount', 'must be greater than zero');
      else if (terms.balloonAmount >= note) add('balloonAmount', 'must be less than the principal');
      break;
    case 'lease':
      if (terms.residualAmount !== undefined && terms.residualAmount < 0) add('residualAmount', 'must not be negative');
      else if ((terms.residualAmount ?? 0) >= note) add('residualAmount', 'must be less than the amount financed');
      if ((terms.deposit ?? 0) < 0) add('deposit', 'must not be negative');
      else if ((terms.deposit ?? 0) >= terms.principal) add('deposit', 'must be less than the principal');
      break;
    case 'stepped': {
      const steps = terms.steps ?? [];
      const installments = (terms.term - terms.graceMonths) / terms.every;
      if (steps.length === 0) add('steps', 'are required for a stepped loan');
      steps.forEach((s, i) => {
        if (!Number.isInteger(s.count) || s.count < 1) add(`steps[${i}].count`, 'must be a whole number, at least 1');
      });
      const total = steps.reduce((s, step) => s + step.count, 0);
      if (steps.length > 0 && total !== installments) add('steps', `counts must add up to the ${installments} amortising installments`);
      break;
    }
    case 'flat-fee':
      if (!terms.monthlyFeeRate) add('monthlyFeeRate', 'is required for a flat-fee loan');
      break;
    case 'subsidised':
      if (!terms.customerRate) add('customerRate', 'is required for a subsidised loan');
      else if (terms.customerRate.num * terms.annualRate.den > terms.annualRate.num * terms.customerRate.den) {
        add('customerRate', 'must not exceed the annual rate');
      }
      break;
    default:
      break;
  }
  if (errors.length > 0) {
    throw new DomainError('FINANCE_INVALID_INPUT', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  }
}
