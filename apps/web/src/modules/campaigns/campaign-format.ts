import dayjs, { type Dayjs } from 'dayjs';
import type { CampaignListItem, CampaignStatus } from './campaigns.api.ts';

export const statusColor: Record<CampaignStatus, string> = { draft: 'default', scheduled: 'blue', running: 'green', paused: 'orange', finished: 'default' };

/**
 * The days a campaign occupies on the calendar: from its start (the set time or the launch; today for
 * one still waiting to be launched) to its end date (else the start day).
 */
export function campaignWindow(c: Pick<CampaignListItem, 'startsAt' | 'endsAt'>, today: Dayjs = dayjs()): { start: Dayjs; end: Dayjs } {
  const start = c.startsAt ? dayjs(c.startsAt) : today;
  const end = c.endsAt ? dayjs(c.endsAt) : start;
  return { start, end: end.isBefore(start) ? start : end };
}

/** A 0..1 share as a percentage with one place, for conversion rates. */
export function percent(value: number | null | undefined, places = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${(value * 100).toFixed(places)}%`;
}

/** A p-value the way analysts read it: < 0.001 below that, otherwise three places. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/**
 * A user the server names by id (creator, approver): "you" for the signed-in user, otherwise a short
 * id, since the console has no directory of other users' names.
 */
export function who(id: string | null | undefined, me: { id: string }, labels: { you: string; colleague: string }): string {
  if (!id) return '–';
  return id === me.id ? labels.you : `${labels.colleague} ${id.slice(0, 8)}`;
}
