import { parseDate } from '../dates.ts';
import { parsePercentRate } from '../rate.ts';
import type { LoanTerms } from './types.ts';

/** Terms for tests: 30/360 monthly equal installments drawn 2026-01-15, overridable field by field. */
export function testTerms(overrides: Partial<LoanTerms> & { rate?: string } = {}): LoanTerms {
  const { rate, ...rest } = overrides;
  return {
    principal: 100000_00,
    annualRate: parsePercentRate(rate ?? '4.5'),
    term: 36,
    method: 'equal-installment',
    dayCount: '30/360',
    disbursementDate: parseDate('2026-01-15'),
    firstPaymentDate: parseDate('2026-02-15'),
    every: 1,
    graceMonths: 0,
    fees: [],
    ...rest,
  };
}
