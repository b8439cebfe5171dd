import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_COSTS, campaignReportSchema, type ChannelCosts } from '@autofin/contracts';
import { buildCampaignReport, type ArmCounts, type CampaignReportInput } from './build-campaign-report.ts';

const costs: ChannelCosts = { version: 'costs-t', perChannel: { ...DEFAULT_CHANNEL_COSTS.perChannel, sms: '0.045' } };
const zero = { sent: 0, delivered: 0, clicked: 0, quotes: 0, applications: 0, approved: 0, funded: 0, fundedAmountFen: 0, revenueFen: 0, billableUnits: 0 };

/**
 * A hand-worked campaign: 10,000 targeted, 10% holdout.
 * main (9,000): 8,000 sent (2 SMS segments each), 1,000 suppressed (600 no consent, 250 capped, 100 still waiting for
 * quiet hours, 50 delinquent); 270 funded at 120,000 yuan each, 8,000 yuan revenue each.
 * holdout (1,000): 20 funded, same amounts.
 */
const main: ArmCounts = {
  key: 'main', name: '主方案', kind: 'treatment', expectedShare: 90, customers: 9000,
  sent: 8000, delivered: 7600, clicked: 400, quotes: 300, applications: 450, approved: 300, funded: 270,
  fundedAmountFen: 270 * 12_000_000, revenueFen: 270 * 800_000, billableUnits: 16_000,
};
const holdout: ArmCounts = { ...zero, key: 'holdout', name: '对照组', kind: 'holdout', expectedShare: 10, customers: 1000, applications: 30, approved: 22, funded: 20, fundedAmountFen: 20 * 12_000_000, revenueFen: 20 * 800_000 };
const input: CampaignReportInput = {
  campaignId: '7a1c2f3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f',
  status: 'running',
  asOf: new Date('2026-11-23T02:00:00Z'),
  channel: 'sms',
  costs,
  arms: [holdout, main],
  suppressed: { no_consent: 600, frequency_cap: 250, quiet_hours_deferred: 100, suppressed_delinquent: 50 },
  deferredReleased: 40,
  queued: 120,
  failed: 300,
  contactPolicyVersion: 'default-2026.11',
};

describe('campaign report arithmetic', () => {
  const r = buildCampaignReport(input);

  it('is a valid report (the wire schema)', () => {
    expect(campaignReportSchema.safeParse(r).success).toBe(true);
  });

  it('targeted = holdout + sent + Σ suppressed: 10,000 = 1,000 + 8,000 + (600 + 250 + 100 + 50)', () => {
    expect([r.targeted, r.holdout, r.sent, r.suppressedTotal]).toEqual([10_000, 1000, 8000, 1000]);
    expect(r.targeted).toBe(r.holdout + r.sent + Object.values(r.suppressed).reduce((s, n) => s + (n ?? 0), 0));
    expect(r.suppressed.no_consent).toBe(600);
    expect(r.suppressed.suppressed_opted_out).toBe(0);
    expect(r.deferred).toEqual({ waiting: 100, released: 40 });
  });

  it('cost: 16,000 segments × 0.045 = 720.00; per funded 720 / 270 = 2.666… → 2.67', () => {
    expect(r.cost).toBe('720.00');
    expect(r.costPerFunded).toBe('2.67');
  });

  it('incremental funded: (270/9,000 − 20/1,000) × 9,000 = (0.03 − 0.02) × 9,000 = 90, interval 9,000 × (0.000634 … 0.019366)', () => {
    expect(r.incrementalFunded).toBeCloseTo(90, 4);
    expect(r.incrementalFundedLow).toBeCloseTo(5.7102, 3);
    expect(r.incrementalFundedHigh).toBeCloseTo(174.2898, 3);
    expect(r.costPerIncrementalFunded).toBe('8.00');
  });

  it('ROI: incremental revenue 2,160,000 − 160,000 × 9 = 720,000.00; (720,000 − 720) / 720 = 999', () => {
    expect(r.revenue).toBe('2160000.00');
    expect(r.incrementalRevenue).toBe('720000.00');
    expect(r.roi).toBe(999);
  });

  it('funnel totals are the treated arms’; the holdout’s stay in its arm', () => {
    expect(r.funded).toBe(270);
    expect(r.fundedAmount).toBe('32400000.00');
    const h = r.arms.find((a) => a.key === 'holdout');
    expect(h?.funded).toBe(20);
    expect(h?.lift).toBeNull();
    expect(h?.revenuePerCustomer).toBe('160.00');
  });

  it('per arm: rates per assigned customer and the lift over the holdout', () => {
    const m = r.arms.find((a) => a.key === 'main');
    expect(m?.rates.funding.rate).toBeCloseTo(0.03, 12);
    expect(m?.rates.application).toMatchObject({ count: 450, total: 9000 });
    expect(m?.revenuePerCustomer).toBe('240.00');
    expect(m?.lift?.funding?.absolute).toBeCloseTo(0.01, 12);
    expect(m?.lift?.funding?.pValue).toBeCloseTo(0.07381, 4);
    // applications 450/9,000 = 5% vs 30/1,000 = 3%
    expect(m?.lift?.application?.relative).toBeCloseTo(2 / 3, 10);
    expect(m?.cost).toBe('720.00');
  });

  it('sample ratio: exactly 1,000/9,000 on a 10/90 split → χ² 0, no mismatch', () => {
    expect(r.sampleRatio).toMatchObject({ chiSquare: 0, df: 1, mismatch: false });
  });

  it('records the versions it used', () => {
    expect([r.contactPolicyVersion, r.channelCostsVersion]).toEqual(['default-2026.11', 'costs-t']);
  });

  it('a report that does not add up is refused, never shown', () => {
    expect(() => buildCampaignReport({ ...input, suppressed: { ...input.suppressed, no_consent: 599 } })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('without a holdout: no lift, no incremental figures, no ROI', () => {
    const noHoldout = buildCampaignReport({ ...input, arms: [{ ...main, expectedShare: 100 }] });
    expect([noHoldout.incrementalFunded, noHoldout.roi, noHoldout.incrementalRevenue, noHoldout.sampleRatio]).toEqual([null, null, null, null]);
    expect(noHoldout.arms[0]?.lift).toBeNull();
  });

  it('cost is rounded once: two arms of one SMS segment each cost 0.045 + 0.045 = 0.09 in total (each arm shows 0.05)', () => {
    const tiny = buildCampaignReport({
      ...input,
      arms: [
        { ...zero, key: 'a', name: 'A', kind: 'treatment', expectedShare: 50, customers: 1, sent: 1, billableUnits: 1 },
        { ...zero, key: 'b', name: 'B', kind: 'treatment', expectedShare: 50, customers: 1, sent: 1, billableUnits: 1 },
      ],
      suppressed: {},
    });
    expect(tiny.cost).toBe('0.09');
    expect(tiny.arms.map((a) => a.cost)).toEqual(['0.05', '0.05']);
    expect(tiny.costPerFunded).toBeNull();
  });
});
