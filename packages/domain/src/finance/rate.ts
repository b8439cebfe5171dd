import Decimal from 'decimal.js';
import { DomainError } from '../shared/domain-error.ts';

/**
 * An annual rate as an exact fraction of one: `num / den` (4.5% is 45 / 1000). Interest is then
 * balance × num × period / den, an exact rational that is rounded once, to the fen.
 */
export interface Rate {
  readonly num: number;
  readonly den: number;
}

const RATE_PATTERN = /^(\d{1,3})(?:\.(\d{1,8}))?$/;

/** Parses a percent string ("4.5" for 4.5% a year) into an exact rate. */
export function parsePercentRate(value: string, field = 'annualRate'): Rate {
  const match = RATE_PATTERN.exec(value.trim());
  if (!match) {
    throw new DomainError('FINANCE_INVALID_INPUT', `${field} must be a non-negative percent with at most 8 decimals`, [
      { field, message: 'must be a non-negative percent, e.g. "4.5" for 4.5% a year' },
    ]);
  }
  const [, whole = '0', frac = ''] = match;
  const num = Number(whole + frac);
  const den = 100 * 10 ** frac.length;
  return { num, den };
}

export const ZERO_RATE: Rate = { num: 0, den: 1 };

export function rateToDecimal(rate: Rate): Decimal {
  return new Decimal(rate.num).div(rate.den);
}

export function isZeroRate(rate: Rate): boolean {
  return rate.num === 0;
}
