import type { CampaignChannel, ChannelCosts } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';

/**
 * A channel's unit cost in ten-thousandths of a yuan (1/100 fen): unit costs carry up to four
 * places ("0.045" per SMS segment), so a million messages are priced exactly and rounded to the fen
 * only once, at the end (costFen).
 */
export function unitCostMicro(costs: ChannelCosts, channel: CampaignChannel): bigint {
  const text = costs.perChannel[channel];
  const m = /^(\d{1,7})(?:\.(\d{1,4}))?$/.exec(text ?? '');
  if (!m) throw new DomainError('CAMPAIGN_INVALID', `no valid unit cost for ${channel}`, [{ field: `channelCosts.perChannel.${channel}`, message: 'must be a decimal with at most four places' }]);
  return BigInt(m[1] as string) * 10_000n + BigInt((m[2] ?? '').padEnd(4, '0'));
}

/** What `units` billable units (SMS segments; messages or tasks for the other channels) cost, exact, in 1/100 fen. */
export function exactCost(costs: ChannelCosts, channel: CampaignChannel, units: number): bigint {
  if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`units must be a non-negative integer, got ${units}`);
  return unitCostMicro(costs, channel) * BigInt(units);
}

/** An exact cost (1/100 fen) rounded half-up to whole fen. */
export function costFen(exact: bigint): number {
  return Number((exact + 50n) / 100n);
}
