import { describe, expect, it } from 'vitest';
import { fenText, groupSummary } from './summary-groups.ts';
import type { SummaryRow } from './campaigns.api.ts';

const row = (channel: string, segmentId: string, targeted: number, cost: string): SummaryRow => ({
  channel,
  segmentId,
  segmentName: `seg ${segmentId}`,
  campaigns: 1,
  targeted,
  holdout: targeted / 10,
  sent: targeted / 2,
  delivered: 0,
  clicked: 0,
  suppressed: (targeted * 4) / 10,
  cost,
});

describe('groupSummary', () => {
  const rows = [row('sms', 's1', 1000, '22.50'), row('sms', 's2', 200, '4.51'), row('email', 's1', 100, '0.25')];

  it('adds the per channel and segment rows up per channel, money exactly in fen', () => {
    const groups = groupSummary(rows, 'channel', (c) => c.toUpperCase());
    // sms: 1000 + 200 targeted; cost 22.50 + 4.51 = 27.01 (a float sum would give 27.009999…)
    expect(groups.map((g) => [g.label, g.campaigns, g.targeted, fenText(g.costFen)])).toEqual([
      ['SMS', 2, 1200, '27.01'],
      ['EMAIL', 1, 100, '0.25'],
    ]);
  });

  it('adds them up per segment across channels', () => {
    const groups = groupSummary(rows, 'segment', (c) => c);
    expect(groups.map((g) => [g.key, g.targeted, g.holdout, fenText(g.costFen)])).toEqual([
      ['s1', 1100, 110, '22.75'],
      ['s2', 200, 20, '4.51'],
    ]);
  });
});

describe('fenText', () => {
  it('writes fen as yuan with two places', () => {
    expect([fenText(0n), fenText(5n), fenText(123456n), fenText(-250n)]).toEqual(['0.00', '0.05', '1234.56', '-2.50']);
  });
});
