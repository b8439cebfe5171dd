import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { armShares, assignArm, campaignHashPoint } from './assign-arm.ts';
import { sampleRatioCheck } from './sample-ratio-check.ts';
import { chiSquareSurvival } from './chi-square.ts';

describe('arm assignment: deterministic', () => {
  // Expected points from an independent Python implementation of FNV-1a 32 (offset basis 2166136261,
  // prime 16777619) followed by MurmurHash3's fmix32, divided by 2^32. They pin the split: if the hash
  // ever changed, every running campaign would silently reshuffle its holdout.
  it.each([
    ['camp-1', 'cust-1', 0.603361482731998],
    ['camp-1', 'cust-2', 0.10499568749219179],
    ['7a1c2f3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f', '0b6d1c6e-3f53-4a9e-9c1f-2b8a4d7e9f10', 0.4590413011610508],
  ])('point of (%s, %s) = %s', (campaign, customer, u) => expect(campaignHashPoint(campaign, customer)).toBe(u));

  it('the holdout takes [0, h): 0.10500 is outside a 10% holdout and inside an 11% one', () => {
    expect(assignArm('cust-2', 'camp-1', 10)).toEqual({ arm: 'main', kind: 'treatment' });
    expect(assignArm('cust-2', 'camp-1', 11)).toEqual({ arm: 'holdout', kind: 'holdout' });
    expect(assignArm('cust-2', 'camp-1', 0)).toEqual({ arm: 'main', kind: 'treatment' });
  });

  it('variants cut the rescaled rest in order: (0.60336 − 0.1)/0.9 = 0.5593 → b of 50/50; (0.45904 − 0.1)/0.9 = 0.3989 → b of 30/30/40', () => {
    expect(assignArm('cust-1', 'camp-1', 10, [{ key: 'a', share: 50 }, { key: 'b', share: 50 }]).arm).toBe('b');
    expect(assignArm('cust-2', 'camp-1', 10, [{ key: 'a', share: 50 }, { key: 'b', share: 50 }]).arm).toBe('a');
    expect(assignArm('0b6d1c6e-3f53-4a9e-9c1f-2b8a4d7e9f10', '7a1c2f3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f', 10, [{ key: 'x', share: 30 }, { key: 'y', share: 30 }, { key: 'z', share: 40 }]).arm).toBe('y');
  });

  it('the same customer and campaign always get the same arm', () => {
    const variants = [{ key: 'a', share: 25 }, { key: 'b', share: 25 }, { key: 'c', share: 50 }];
    for (let i = 0; i < 1000; i++) {
      const first = assignArm(`c-${i}`, 'camp-x', 10, variants);
      expect(assignArm(`c-${i}`, 'camp-x', 10, [...variants])).toEqual(first);
    }
  });
});

describe('arm assignment: uniform and independent (100,000 sequential ids, the hardest realistic input)', () => {
  const ids = Array.from({ length: 100_000 }, (_, i) => `cust-${String(i).padStart(8, '0')}`);

  it('points spread evenly over 100 buckets: χ²(99) below the 0.001 critical value 148.23 (NIST table)', () => {
    const buckets = new Array<number>(100).fill(0);
    for (const id of ids) buckets[Math.floor(campaignHashPoint('campaign-2026-11', id) * 100)]! += 1;
    const expected = ids.length / 100;
    const chi = buckets.reduce((s, o) => s + ((o - expected) * (o - expected)) / expected, 0);
    expect(chi).toBeLessThan(148.23);
    expect(chiSquareSurvival(chi, 99)).toBeGreaterThan(0.001);
  });

  it('arms match their shares (10% holdout, variants 50/30/20 → 10/45/27/18): no sample-ratio mismatch', () => {
    const variants = [{ key: 'a', share: 50 }, { key: 'b', share: 30 }, { key: 'c', share: 20 }];
    const counts: Record<string, number> = {};
    for (const id of ids) {
      const { arm } = assignArm(id, 'campaign-2026-11', 10, variants);
      counts[arm] = (counts[arm] ?? 0) + 1;
    }
    const shares = Object.fromEntries(armShares(10, variants).map((a) => [a.key, a.share]));
    expect(shares).toEqual({ holdout: 10, a: 45, b: 27, c: 18 });
    const srm = sampleRatioCheck(counts, shares);
    expect(srm?.mismatch).toBe(false);
    // and within 4 binomial standard deviations of 10,000: σ = √(100000 · 0.1 · 0.9) = 94.9
    expect(Math.abs((counts.holdout ?? 0) - 10_000)).toBeLessThan(4 * 94.9);
  });

  it('two campaigns split the same customers independently: about 1% are in both 10% holdouts', () => {
    let both = 0;
    for (const id of ids) if (assignArm(id, 'campaign-A', 10).kind === 'holdout' && assignArm(id, 'campaign-B', 10).kind === 'holdout') both++;
    // expected 1,000, σ = √(100000 · 0.01 · 0.99) = 31.5
    expect(Math.abs(both - 1000)).toBeLessThan(4 * 31.5);
  });
});

describe('arm assignment: properties', () => {
  const shares = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }).map((w) => {
    // integer shares summing to exactly 100
    const total = w.reduce((a, b) => a + b, 0);
    const raw = w.map((x) => Math.floor((x * 100) / total));
    raw[0]! += 100 - raw.reduce((a, b) => a + b, 0);
    return raw.map((share, i) => ({ key: `v${i}`, share })).filter((v) => v.share > 0);
  });

  it('always one of the declared arms; a larger holdout only moves customers INTO the holdout', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), shares, (customer, campaign, h1, h2, variants) => {
        const [small, large] = h1 <= h2 ? [h1, h2] : [h2, h1];
        const a = assignArm(customer, campaign, small, variants);
        const b = assignArm(customer, campaign, large, variants);
        expect(['holdout', ...variants.map((v) => v.key)]).toContain(a.arm);
        if (a.kind === 'holdout') expect(b.kind).toBe('holdout');
      }),
      { numRuns: 500, seed: 8 },
    );
  });
});
