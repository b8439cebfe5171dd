import { createHash } from 'node:crypto';
import type { ChannelAdapter, ChannelCode, OutgoingMessage, ScheduledReceipt, SendResult } from './channel-adapter.ts';
import { simulatedRates } from './simulated-rates.ts';

/** A uniform number in [0, 1) from the seed and a label: the same message always has the same fate. */
export function seededUniform(seed: number, label: string): number {
  const h = createHash('sha256').update(`${seed}:${label}`).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000;
}

/** Why a channel cannot reach this customer at all (no address), or null. */
function unreachable(m: OutgoingMessage): string | null {
  const r = m.recipient;
  switch (m.channel) {
    case 'sms':
    case 'call_task':
      return r.phone ? null : 'no_phone';
    case 'email':
      return r.email ? null : 'no_email';
    case 'push':
      return r.appUser ? null : 'no_app';
    case 'wechat':
      return r.wechatLinked ? null : 'no_wechat';
    case 'dealer_task':
      return r.dealerId ? null : 'no_dealer';
  }
}

/**
 * The embedded default provider for every channel (演示数据): accepts the message, and decides from
 * the simulator's seed and the message id whether it will be delivered, fail or be clicked, and when
 * (delivery 2–40 s after sending, a click 1 min – 6 h after delivery). Those receipts are returned
 * to the dispatcher, which stores them due at their time; the receipt worker applies them when they
 * "arrive", exactly as it would a real provider's callback. Rates: simulated-rates.ts.
 */
export class SimulatedProvider implements ChannelAdapter {
  readonly provider: string;

  constructor(
    readonly channel: ChannelCode,
    private readonly seed: number,
  ) {
    this.provider = `simulated-${channel}`;
  }

  async send(m: OutgoingMessage, now: Date): Promise<SendResult> {
    const missing = unreachable(m);
    if (missing) return { ok: false, provider: this.provider, error: missing, retryable: false };
    const u = (label: string) => seededUniform(this.seed, `${m.messageId}:${label}`);
    const rates = simulatedRates(m.channel, m.recipient.profile);
    const receipts: ScheduledReceipt[] = [];
    const deliveredAt = new Date(now.getTime() + 2_000 + Math.floor(u('delay') * 38_000));
    if (u('deliver') < rates.deliver) {
      receipts.push({ kind: 'delivered', at: deliveredAt });
      if (u('click') < rates.click) receipts.push({ kind: 'clicked', at: new Date(deliveredAt.getTime() + 60_000 + Math.floor(u('click-delay') * 6 * 3_600_000)) });
    } else {
      receipts.push({ kind: 'failed', at: deliveredAt, detail: m.channel === 'call_task' ? 'no_answer' : 'undeliverable' });
    }
    return { ok: true, provider: this.provider, providerMessageId: `sim-${m.messageId}`, receipts };
  }
}
