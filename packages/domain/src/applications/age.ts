import type { CivilDate } from '../finance/dates.ts';
import { addMonths, compareDates, parseDate } from '../finance/dates.ts';

/**
 * Age in whole years on a date, as the law counts it (周岁): the birthday must have come. A
 * 29 February birthday is reached on 1 March in common years (the day after 28 February),
 * which is how Chinese civil registries count it.
 */
export function ageOn(birthDate: string | CivilDate, on: string | CivilDate): number {
  const b = typeof birthDate === 'string' ? parseDate(birthDate, 'birthDate') : birthDate;
  const d = typeof on === 'string' ? parseDate(on, 'date') : on;
  let age = d.year - b.year;
  const beforeBirthday = d.month < b.month || (d.month === b.month && d.day < b.day);
  if (beforeBirthday) age -= 1;
  return age;
}

/**
 * Age when the last instalment falls due: a loan disbursed on `start` with `termMonths` monthly
 * instalments, the first one month later, ends `termMonths` months after `start`.
 */
export function ageAtMaturity(birthDate: string | CivilDate, start: string | CivilDate, termMonths: number): number {
  const s = typeof start === 'string' ? parseDate(start, 'date') : start;
  return ageOn(birthDate, addMonths(s, termMonths));
}

/** True when `date` lies after `today`. */
export function isAfter(date: CivilDate, today: CivilDate): boolean {
  return compareDates(date, today) > 0;
}
