import type { FieldError } from '@autofin/contracts';
import type { CivilDate } from '../finance/dates.ts';
import { compareDates, daysInMonth, formatDate, parseDate } from '../finance/dates.ts';

/** GB 11643-1999: the weights of the 17 body digits (2^(17−i) mod 11) and the check characters by remainder. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (the first two digits of every resident ID): 11–15 north,
 * 21–23 north-east, 31–37 east, 41–46 south-central, 50–54 south-west, 61–65 north-west,
 * 71 Taiwan, 81 Hong Kong, 82 Macao (residence permits), 83 Taiwan residents' permits.
 */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function residentIdCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('the body of a resident ID number is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export interface ResidentIdInfo {
  /** The six-digit administrative division code of the place of first registration. */
  readonly regionCode: string;
  readonly provinceCode: number;
  readonly birthDate: string;
  /** 17th digit: odd for men, even for women. */
  readonly gender: 'M' | 'F';
}

export type ResidentIdCheck = { readonly ok: true; readonly info: ResidentIdInfo } | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Validates an 18-character resident ID number (GB 11643-1999): 17 digits and a check
 * character (0–9 or X, a lower-case x is accepted as people type it), a known province code, a
 * real birth date from 1800 on and not after `today`, and the MOD 11-2 check character.
 * Every problem is reported under `field` (e.g. `applicant.idNumber`).
 */
export function checkResidentId(value: string, today: string | CivilDate, field = 'idNumber'): ResidentIdCheck {
  const id = value.trim().toUpperCase();
  const errors: FieldError[] = [];
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, errors: [{ field, message: 'must be 18 characters: 17 digits and a check digit 0–9 or X' }] };
  }
  const provinceCode = Number(id.slice(0, 2));
  if (!PROVINCES.has(provinceCode)) errors.push({ field, message: `region code ${id.slice(0, 6)} does not start with a province code` });
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  let birth: CivilDate | null = null;
  if (month < 1 || month > 12 || day < 1 || year < 1800 || day > daysInMonth(year, month)) {
    errors.push({ field, message: `encodes ${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}, which is not a calendar date` });
  } else {
    birth = { year, month, day };
    const t = typeof today === 'string' ? parseDate(today, 'today') : today;
    if (compareDates(birth, t) > 0) errors.push({ field, message: `encodes a birth date ${formatDate(birth)} in the future` });
  }
  const expected = residentIdCheckChar(id.slice(0, 17));
  if (id[17] !== expected) errors.push({ field, message: `check digit is ${id[17]}, but the first 17 digits give ${expected}` });
  if (errors.length > 0 || !birth) return { ok: false, errors };
  return {
    ok: true,
    info: { regionCode: id.slice(0, 6), provinceCode, birthDate: formatDate(birth), gender: Number(id[16]) % 2 === 1 ? 'M' : 'F' },
  };
}
