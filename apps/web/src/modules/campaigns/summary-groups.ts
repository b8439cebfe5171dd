import { toFen } from '../../ui/format.ts';
import type { SummaryRow } from './campaigns.api.ts';

export interface SummaryGroup {
  key: string;
  label: string;
  campaigns: number;
  targeted: number;
  holdout: number;
  sent: number;
  delivered: number;
  clicked: number;
  suppressed: number;
  /** Exact: money is added in fen, never as floats. */
  costFen: bigint;
}

/** Integer fen as a decimal yuan string with two places ("1234" → "12.34"). */
export function fenText(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * The server's summary comes per (channel, segment); the console adds the rows up per channel or per
 * segment. A campaign appears in exactly one row (it has one channel and one segment), so the
 * campaign counts add up too.
 */
export function groupSummary(rows: SummaryRow[], by: 'channel' | 'segment', labelOf: (key: string) => string): SummaryGroup[] {
  const groups = new Map<string, SummaryGroup>();
  for (const r of rows) {
    const key = by === 'channel' ? r.channel : (r.segmentId ?? '-');
    const label = by === 'channel' ? labelOf(r.channel) : (r.segmentName ?? '–');
    const g = groups.get(key) ?? { key, label, campaigns: 0, targeted: 0, holdout: 0, sent: 0, delivered: 0, clicked: 0, suppressed: 0, costFen: 0n };
    g.campaigns += r.campaigns;
    g.targeted += r.targeted;
    g.holdout += r.holdout;
    g.sent += r.sent;
    g.delivered += r.delivered;
    g.clicked += r.clicked;
    g.suppressed += r.suppressed;
    g.costFen += toFen(r.cost) ?? 0n;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.targeted - a.targeted);
}
