import type { FieldError } from '@autofin/contracts';

/**
 * GB 32100-2015 统一社会信用代码: 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O,
 * S, V, Z); position 1 registering authority, 2 entity type, 3–8 region code, 9–17 the
 * organisation code, 18 a check character: 31 − (Σ value·weight mod 31), 31 read as 0.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function socialCreditCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(body17[i] ?? '');
    if (v < 0) throw new RangeError(`"${body17[i]}" is not a character of a social credit code`);
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function checkSocialCreditCode(value: string, field = 'creditCode'): readonly FieldError[] {
  const code = value.trim().toUpperCase();
  if (!/^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/.test(code)) {
    return [{ field, message: 'must be 18 characters of 0–9 and A–Y without I, O, S, V, Z' }];
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return [{ field, message: 'characters 3–8 must be the six-digit region code' }];
  const expected = socialCreditCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return [{ field, message: `check character is ${code[17]}, but the first 17 give ${expected}` }];
  return [];
}
