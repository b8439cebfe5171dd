import { describe, expect, it } from 'vitest';
import { simulateCampaignResponse, windowBaseline, memberUplift, type ResponseMember } from './campaign-response.ts';

const member = (i: number, arm: string, message: ResponseMember['message'], segment: ResponseMember['truth'] = { baseApplyPropensity: 0.12, segment: 'mainstream' }): ResponseMember => ({
  customerId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  arm,
  truth: segment,
  message,
});

describe('campaign response (simulated truth)', () => {
  it('baseline within the window: base × (1 − e^(−W/40))', () => {
    // 0.12 × (1 − e^(−0.35)) = 0.12 × 0.295312 = 0.0354374
    expect(windowBaseline(0.12, 14)).toBeCloseTo(0.0354374, 6);
    // 30 days: 0.2 × (1 − e^(−0.75)) = 0.2 × 0.527633 = 0.1055267
    expect(windowBaseline(0.2, 30)).toBeCloseTo(0.1055267, 6);
  });

  it('uplift only for a delivered message to a treated member, per channel, click, segment and offer', () => {
    const wechat = { channel: 'wechat' as const, delivered: true, clicked: true };
    // (0.015 + 0.15) × 1.1 (family) × 1.5 (offer) = 0.27225
    expect(memberUplift(member(1, 'A', wechat, { baseApplyPropensity: 0.1, segment: 'family' }), true)).toBeCloseTo(0.27225, 10);
    // delivered, no click, premium (0.6), no offer: 0.01 × 0.6 = 0.006
    expect(memberUplift(member(2, 'A', { channel: 'sms', delivered: true, clicked: false }, { baseApplyPropensity: 0.1, segment: 'premium' }), false)).toBeCloseTo(0.006, 10);
    expect(memberUplift(member(3, 'holdout', null), true)).toBe(0);
    expect(memberUplift(member(4, 'A', null), true)).toBe(0); // suppressed: nothing sent
    expect(memberUplift(member(5, 'A', { channel: 'sms', delivered: false, clicked: false }), true)).toBe(0); // failed
  });

  it('the true effect is the mean uplift over the treated arm (suppressed members count with 0)', () => {
    // 3 treated: wechat delivered (0.015), wechat delivered + clicked (0.165), suppressed (0) → mean 0.06
    const members = [
      member(1, 'A', { channel: 'wechat', delivered: true, clicked: false }),
      member(2, 'A', { channel: 'wechat', delivered: true, clicked: true }),
      member(3, 'A', null),
      member(4, 'holdout', null),
    ];
    const { trueEffect } = simulateCampaignResponse(members, { seed: 1, campaignKey: 'c', windowDays: 14, hasOffer: false });
    expect(trueEffect.treated).toBe(3);
    expect(trueEffect.holdout).toBe(1);
    expect(trueEffect.expectedIncrementalRate).toBeCloseTo(0.06, 12);
    expect(trueEffect.expectedIncrementalApplications).toBeCloseTo(0.18, 12);
    expect(trueEffect.expectedHoldoutRate).toBeCloseTo(0.0354374, 6);
  });

  it('draws are per customer: the same answer whatever the order, a different one for another campaign', () => {
    const members = Array.from({ length: 200 }, (_, i) => member(i, i % 5 === 0 ? 'holdout' : 'A', { channel: 'wechat', delivered: true, clicked: i % 7 === 0 }));
    const a = simulateCampaignResponse(members, { seed: 7, campaignKey: 'c1', windowDays: 14, hasOffer: true }).responses;
    const b = simulateCampaignResponse([...members].reverse(), { seed: 7, campaignKey: 'c1', windowDays: 14, hasOffer: true }).responses;
    const byId = new Map(b.map((r) => [r.customerId, r]));
    for (const r of a) expect(byId.get(r.customerId)).toEqual(r);
    const c = simulateCampaignResponse(members, { seed: 7, campaignKey: 'c2', windowDays: 14, hasOffer: true }).responses;
    expect(c.map((r) => r.conditionsMetDraw)).not.toEqual(a.map((r) => r.conditionsMetDraw));
  });

  it('realised rates match the probabilities (law of large numbers, 40 000 members)', () => {
    // Treated: wechat delivered, not clicked, mainstream, offer → p = 0.0354374 + 0.015 × 1.5 = 0.0579374
    // Holdout: p = 0.0354374. Each rate's SE over 20 000: sqrt(p(1−p)/n) ≈ 0.00165 and 0.00131; allow 4 SE.
    const members = Array.from({ length: 40_000 }, (_, i) => member(i, i % 2 === 0 ? 'holdout' : 'A', i % 2 === 0 ? null : { channel: 'wechat', delivered: true, clicked: false }));
    const { responses } = simulateCampaignResponse(members, { seed: 3, campaignKey: 'lln', windowDays: 14, hasOffer: true });
    const rate = (arm: string) => responses.filter((r) => r.arm === arm && r.applies).length / 20_000;
    expect(Math.abs(rate('A') - 0.0579374)).toBeLessThan(4 * 0.00165);
    expect(Math.abs(rate('holdout') - 0.0354374)).toBeLessThan(4 * 0.00131);
    // Every application falls inside the window, the campaign's ones early.
    const days = responses.filter((r) => r.applies).map((r) => r.day!);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...days)).toBeLessThanOrEqual(13);
    const campaignDays = responses.filter((r) => r.cause === 'campaign').map((r) => r.day!);
    // Exponential, mean 2 days, floored: P(day ≤ 2) = 1 − e^(−1.5) = 0.777
    expect(campaignDays.filter((d) => d <= 2).length / campaignDays.length).toBeGreaterThan(0.7);
    expect(responses.filter((r) => r.arm === 'holdout').every((r) => r.cause !== 'campaign')).toBe(true);
  });
});
