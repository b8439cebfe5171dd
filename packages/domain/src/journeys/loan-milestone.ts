/**
 * When a loan funded on `fundedOn` (YYYY-MM-DD) reaches `months` months on book: the same day of
 * the month `months` later, or that month's last day when it is shorter (funded 31 Jan + 1 month
 * → 28/29 Feb), at 00:00 UTC. The runner enrols a loan when this date passes.
 */
export function loanMilestoneDate(fundedOn: string, months: number): string {
  const [y, m, d] = fundedOn.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
