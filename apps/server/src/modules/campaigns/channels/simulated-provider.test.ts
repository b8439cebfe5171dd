import { describe, expect, it } from 'vitest';
import type { OutgoingMessage, Recipient } from './channel-adapter.ts';
import { SimulatedProvider } from './simulated-provider.ts';
import { SIMULATED_BASE_RATES } from './simulated-rates.ts';

const recipient = (profile: Partial<Recipient['profile']> = {}): Recipient => ({
  customerId: 'c',
  phone: '13800138000',
  email: null,
  wechatLinked: false,
  appUser: false,
  dealerId: null,
  profile: { digitalScore: 50, preferredChannel: null, cityTier: 3, ageYears: 45, ...profile },
});
const sms = (i: number, r = recipient()): OutgoingMessage => ({ messageId: `m-${i}`, campaignId: null, journeyId: null, channel: 'sms', purpose: 'marketing', recipient: r, subject: null, text: 'x' });
const now = new Date('2026-11-23T02:00:00Z');

describe('SimulatedProvider', () => {
  it('is deterministic: the same seed and message give the same receipts', async () => {
    const a = await new SimulatedProvider('sms', 7).send(sms(1), now);
    const b = await new SimulatedProvider('sms', 7).send(sms(1), now);
    expect(a).toEqual(b);
  });

  it('delivers and clicks at the documented rates (digital score 50, not preferred: factor 1.0), within 4 standard errors', async () => {
    const p = new SimulatedProvider('sms', 11);
    const n = 20_000;
    let delivered = 0;
    let clicked = 0;
    for (let i = 0; i < n; i++) {
      const r = await p.send(sms(i), now);
      if (!r.ok) throw new Error('unexpected failure');
      if (r.receipts.some((x) => x.kind === 'delivered')) delivered++;
      if (r.receipts.some((x) => x.kind === 'clicked')) clicked++;
      for (const x of r.receipts) expect(x.at.getTime()).toBeGreaterThan(now.getTime());
    }
    const { deliver, click } = SIMULATED_BASE_RATES.sms; // 0.96, 0.012
    const se = (p0: number, m: number) => Math.sqrt((p0 * (1 - p0)) / m);
    expect(Math.abs(delivered / n - deliver)).toBeLessThan(4 * se(deliver, n));
    expect(Math.abs(clicked / delivered - click)).toBeLessThan(4 * se(click, delivered));
  });

  it('cannot reach a customer without the channel address', async () => {
    const r = await new SimulatedProvider('sms', 1).send(sms(1, { ...recipient(), phone: null }), now);
    expect(r).toEqual({ ok: false, provider: 'simulated-sms', error: 'no_phone', retryable: false });
  });
});
