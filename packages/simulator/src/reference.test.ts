import { describe, expect, it } from 'vitest';
import { buildReference } from './reference.ts';
import { defaultDealerCount } from './defaults.ts';

describe('buildReference', () => {
  it('creates exactly the requested number of dealers, with at least one franchised store', () => {
    for (const n of [1, 2, 3, 8, 40, 2_000]) {
      const { market } = buildReference(5, n, 20_000);
      expect(market.dealers).toHaveLength(n);
      expect(market.dealers.some((d) => d.format === '4s')).toBe(true);
    }
  });

  it('mixes formats about 60/15/25 and covers the popular brands first', () => {
    const { market } = buildReference(5, 40, 20_000);
    const count = (f: string) => market.dealers.filter((d) => d.format === f).length;
    expect([count('4s'), count('nev_direct'), count('used')]).toEqual([24, 6, 10]);
    // BYD (the best seller) and Tesla (the best-selling direct brand) each have a store
    expect(market.dealersByMake.has(1)).toBe(true);
    expect(market.dealersByMake.has(2)).toBe(true);
  });

  it('scales the default dealer count with the market', () => {
    expect(defaultDealerCount(20_000)).toBe(40);
    expect(defaultDealerCount(100)).toBe(8);
    expect(defaultDealerCount(1_000_000)).toBe(2_000);
  });
});
