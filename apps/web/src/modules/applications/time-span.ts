// SLA timers: how long until (or since) a referral's due time, in words of the user's language.

/** "3 h 5 min" / "3小时05分": a span of time for SLA timers (the sign is ignored; the caller says left or overdue). */
export function formatSpan(ms: number, zh: boolean): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (zh) return `${days > 0 ? `${days}天` : ''}${hours > 0 || days > 0 ? `${hours}小时` : ''}${String(mins).padStart(days + hours > 0 ? 2 : 1, '0')}分`;
  return `${days > 0 ? `${days} d ` : ''}${hours > 0 || days > 0 ? `${hours} h ` : ''}${mins} min`;
}

