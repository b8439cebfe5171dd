import { describe, expect, it } from 'vitest';
import { calendarWindowsOfDay, daysFromCivil, firstInstantAtOrAfterWallTime, localTime, monthOfDay, zoneOffset } from './zoned-time.ts';

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('zoned time', () => {
  it.each([
    ['1970-01-01', 0],
    ['2000-02-29', 11_016],
    ['2024-02-29', 19_782],
    ['2026-11-23', 20_780], // 2026-01-01 is day 20,454; 23 Nov is the 327th day of the year → 20,454 + 326
  ])('days from civil %s = %s (Date.UTC agrees)', (iso, days) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    expect(daysFromCivil(y, m, d)).toBe(days);
    expect(dayOf(iso)).toBe(days);
    expect(monthOfDay(days)).toBe(y * 12 + m - 1);
  });

  it('windows of Sunday 2026-11-22: ISO week Mon 16 – Sun 22 Nov, month 1 – 30 Nov', () => {
    expect(calendarWindowsOfDay(dayOf('2026-11-22'))).toEqual({ weekStart: dayOf('2026-11-16'), weekEnd: dayOf('2026-11-23'), monthStart: dayOf('2026-11-01'), monthEnd: dayOf('2026-12-01') });
    expect(calendarWindowsOfDay(dayOf('2026-12-31'))).toMatchObject({ monthStart: dayOf('2026-12-01'), monthEnd: dayOf('2027-01-01') });
    expect(calendarWindowsOfDay(dayOf('2028-02-10'))).toMatchObject({ monthStart: dayOf('2028-02-01'), monthEnd: dayOf('2028-03-01') });
  });

  it('offsets: Shanghai +8 h, Kolkata +5:30, Kathmandu +5:45, Berlin +1 h in winter and +2 h in summer', () => {
    const jan = Date.parse('2026-01-15T12:00:00Z');
    const jul = Date.parse('2026-07-15T12:00:00Z');
    expect(zoneOffset('Asia/Shanghai', jan) / 60_000).toBe(480);
    expect(zoneOffset('Asia/Kolkata', jul) / 60_000).toBe(330);
    expect(zoneOffset('Asia/Kathmandu', jul) / 60_000).toBe(345);
    expect(zoneOffset('Europe/Berlin', jan) / 60_000).toBe(60);
    expect(zoneOffset('Europe/Berlin', jul) / 60_000).toBe(120);
  });

  it('the memoised offset flips exactly at the DST instant (Berlin 2026-03-29 01:00Z)', () => {
    const t = Date.parse('2026-03-29T01:00:00Z');
    expect(zoneOffset('Europe/Berlin', t - 1) / 60_000).toBe(60);
    expect(zoneOffset('Europe/Berlin', t) / 60_000).toBe(120);
    expect(localTime('Europe/Berlin', t)).toEqual({ day: dayOf('2026-03-29'), minuteOfDay: 180 });
  });

  it('wall time to instant: ordinary, skipped (gap) and repeated (overlap) wall times', () => {
    expect(new Date(firstInstantAtOrAfterWallTime('Asia/Shanghai', dayOf('2026-11-24'), 8 * 60)).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(new Date(firstInstantAtOrAfterWallTime('Europe/Berlin', dayOf('2026-03-29'), 150)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(firstInstantAtOrAfterWallTime('Europe/Berlin', dayOf('2026-10-25'), 150)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
