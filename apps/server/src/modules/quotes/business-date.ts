const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in China (UTC+8) as YYYY-MM-DD: the date products, promotions and rulebooks are effective on. */
export function businessDate(now: Date = new Date()): string {
  return format.format(now);
}
