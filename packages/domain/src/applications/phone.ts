import type { FieldError } from '@autofin/contracts';

/**
 * A mainland China mobile number: 11 digits starting 13–19 (MIIT numbering plan), optionally
 * written with +86 / 86 in front and spaces or hyphens between groups.
 */
export function normaliseCnMobile(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function checkCnMobile(value: string, field = 'phone'): readonly FieldError[] {
  return normaliseCnMobile(value) === null ? [{ field, message: 'must be a mainland mobile number: 11 digits starting 13–19' }] : [];
}
