const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The last answer, by UTC minute: China's offset is whole hours, so the date can only change at a
 * minute boundary, and every quote asks (Intl formatting was ~1 % of a repeated quote's CPU).
 */
let lastMinute = Number.NaN;
let lastDate = '';

/** Today in China (UTC+8) as YYYY-MM-DD: the date products, promotions and rulebooks are effective on. */
export function businessDate(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = format.format(now);
    lastMinute = minute;
  }
  return lastDate;
}
