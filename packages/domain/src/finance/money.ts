import { DomainError } from '../shared/domain-error.ts';

/** An amount of money in integer fen (1/100 yuan). Never a fraction: see DESIGN.md rule 2. */
export type Fen = number;

const MONEY_PATTERN = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses a decimal money string ("12345.67", "100", "0.5") into integer fen, without floats. */
export function parseMoney(value: string, field = 'amount'): Fen {
  const match = MONEY_PATTERN.exec(value.trim());
  if (!match) {
    throw new DomainError('FINANCE_INVALID_INPUT', `${field} must be a decimal amount with at most two places`, [
      { field, message: 'must be a decimal amount with at most two places, e.g. "12345.67"' },
    ]);
  }
  const [, sign = '', whole = '0', frac = ''] = match;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return sign === '-' ? -fen : fen;
}

/** Formats integer fen as the wire form: a decimal string with exactly two places. */
export function formatMoney(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Rounds num/den to the nearest integer, halves away from zero (ROUND_HALF_UP). den > 0.
 * Exact: bigint arithmetic.
 */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = abs / den;
  const r = abs - q * den;
  const rounded = r * 2n >= den ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/**
 * a × b / c rounded half-up, exactly. The product of two safe integers is exact in a double
 * only while it stays below 2^53, so that case takes the fast path and the rest goes to bigint.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(c)) {
    const abs = Math.abs(product);
    let q = Math.floor(abs / c);
    let r = abs - q * c;
    // The double quotient can land one off when abs / c is within an ulp of an integer.
    if (r < 0) {
      q -= 1;
      r += c;
    } else if (r >= c) {
      q += 1;
      r -= c;
    }
    // q * c is exact because it is at most abs; 2r < 2c stays safe for any safe c below 2^52.
    const rounded = r * 2 >= c ? q + 1 : q;
    return product < 0 ? -rounded : rounded;
  }
  return Number(divRoundHalfUp(BigInt(a) * BigInt(b), BigInt(c)));
}

export function sumFen(values: readonly Fen[]): Fen {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
