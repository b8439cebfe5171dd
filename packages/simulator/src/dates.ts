/** Calendar arithmetic on UTC day numbers (days since 1970-01-01): no time zones, no Date.now(). */
const DAY_MS = 86_400_000;

export function dayOf(isoDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`not a date (YYYY-MM-DD): ${isoDate}`);
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) throw new Error(`not a valid date: ${isoDate}`);
  return ms / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** An ISO timestamp (UTC) for a day number and a second within that day. */
export function isoTimestamp(day: number, secondOfDay: number): string {
  return new Date(day * DAY_MS + Math.floor(secondOfDay) * 1000).toISOString();
}

export function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** Day number of year/month(1-12)/day, with month overflow carried (month 13 = January next year). */
export function dayFromYmd(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The date `months` after `day`, on `dueDay` of that month (dueDay ≤ 28 so it always exists). */
export function addMonthsOnDay(day: number, months: number, dueDay: number): number {
  const { y, m } = ymd(day);
  return dayFromYmd(y, m + months, dueDay);
}
