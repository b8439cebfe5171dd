/**
 * Local wall-clock time in a customer's IANA time zone, without a date library: the runtime's
 * Intl.DateTimeFormat knows the zone rules (DST included), the rest is integer arithmetic.
 *
 * formatToParts costs microseconds, far too much for a million contact-policy evaluations with their
 * send histories, so offsets are memoised per zone and 15-minute bucket of UTC. That is exact because
 * every offset change in the current tz database happens on a quarter hour of UTC (zones whose offset
 * is not a whole hour, e.g. Asia/Kathmandu +05:45 or Pacific/Chatham +12:45/+13:45, still change on
 * quarter hours). The memo is an implementation detail: results are a pure function of (zone, instant).
 */

const MINUTE = 60_000;
export const DAY_MS = 86_400_000;
const BUCKET_MS = 15 * MINUTE;
const MAX_MEMO_PER_ZONE = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const memo = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: callers check with isTimeZone first.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  if (formatters.has(timeZone)) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC (local − UTC, ms) at an instant, straight from the zone database. */
export function zoneOffsetExact(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      default:
        break;
    }
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const wholeSecond = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return wall - wholeSecond;
}

/** The zone's offset at an instant (memoised; see the file comment for why that is exact). */
export function zoneOffset(timeZone: string, instantMs: number): number {
  let zoneMemo = memo.get(timeZone);
  if (!zoneMemo) {
    zoneMemo = new Map();
    memo.set(timeZone, zoneMemo);
  }
  const bucket = Math.floor(instantMs / BUCKET_MS);
  let offset = zoneMemo.get(bucket);
  if (offset === undefined) {
    offset = zoneOffsetExact(timeZone, bucket * BUCKET_MS);
    if (zoneMemo.size >= MAX_MEMO_PER_ZONE) zoneMemo.clear();
    zoneMemo.set(bucket, offset);
  }
  return offset;
}

/** Local calendar position of an instant: day number since 1970-01-01 (local) and minute of that day. */
export interface LocalTime {
  /** Local days since 1970-01-01. */
  day: number;
  /** 0 … 1439. */
  minuteOfDay: number;
}

export function localTime(timeZone: string, instantMs: number): LocalTime {
  const local = instantMs + zoneOffset(timeZone, instantMs);
  const day = Math.floor(local / DAY_MS);
  return { day, minuteOfDay: Math.floor((local - day * DAY_MS) / MINUTE) };
}

/** Local day number of an instant. */
export function localDay(timeZone: string, instantMs: number): number {
  return Math.floor((instantMs + zoneOffset(timeZone, instantMs)) / DAY_MS);
}

/** ISO week (Monday to Sunday) number of a local day: 1970-01-01 was a Thursday, so day 4 is the first Monday. */
export function isoWeekOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** year × 12 + month − 1 of a local day (civil-from-days, H. Hinnant's algorithm: exact, no Date object). */
export function monthOfDay(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/**
 * The instant the local wall clock first reads `minuteOfDay` on local `day`, or — when that wall time
 * does not exist (the clock jumps over it when DST starts) — the instant of the jump, the first moment
 * the clock reads a later time. When the wall time occurs twice (DST ends) the earlier one wins.
 */
export function firstInstantAtOrAfterWallTime(timeZone: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE;
  // Within ±1 day of the wall time lies at most one transition: the offsets before and after it.
  const before = zoneOffsetExact(timeZone, wall - DAY_MS);
  const after = zoneOffsetExact(timeZone, wall + DAY_MS);
  const candidates = before === after ? [wall - before] : [wall - before, wall - after];
  let best = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (zoneOffsetExact(timeZone, c) === wall - c && c < best) best = c;
  }
  if (best !== Number.POSITIVE_INFINITY) return best;
  // A gap: the transition lies between the two candidates; find its minute by bisection.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  // invariant: the offset at lo is the old one, at hi the new one
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / (2 * MINUTE)) * MINUTE;
    if (mid === lo) break;
    if (zoneOffsetExact(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Local days since 1970-01-01 of a civil date (H. Hinnant's days-from-civil; month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The local days [start, end) of the calendar month and the ISO week that contain `day`. */
export function calendarWindowsOfDay(day: number): { weekStart: number; weekEnd: number; monthStart: number; monthEnd: number } {
  const weekStart = 7 * isoWeekOfDay(day) - 3;
  const m = monthOfDay(day);
  const year = Math.floor(m / 12);
  const month = (m % 12) + 1;
  return {
    weekStart,
    weekEnd: weekStart + 7,
    monthStart: daysFromCivil(year, month, 1),
    monthEnd: month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1),
  };
}
