import { describe, expect, it } from 'vitest';
import { levelInstallmentFen, schedule } from './amortization.ts';

describe('amortization', () => {
  // Hand computation: 100,000.00 yuan at 6% for 12 months → r = 0.005,
  // payment = 100000 × 0.005 × 1.005^12 / (1.005^12 − 1) = 8606.6433… → 8606.64 yuan.
  it('matches the textbook annuity payment', () => {
    expect(levelInstallmentFen(10_000_000, 600, 12)).toBe(860_664);
    // 200,000 at 4.8% over 36: r = 0.004, PMT(0.004, 36, -200000) = 5976.2368… → 5976.24 yuan.
    expect(levelInstallmentFen(20_000_000, 480, 36)).toBe(597_624);
  });

  it('principal sums to the amount financed and the balance ends at zero', () => {
    for (const [p, bp, n] of [
      [10_000_000, 600, 12],
      [12_345_678, 399, 60],
      [9_999, 1_200, 24],
    ] as const) {
      const s = schedule(p, bp, n);
      expect(s).toHaveLength(n);
      expect(s.reduce((a, i) => a + i.principalFen, 0)).toBe(p);
      expect(s.at(-1)!.balanceFen).toBe(0);
      // first month's interest = balance × r, half-up
      expect(s[0]!.interestFen).toBe(Math.round((p * bp) / 120_000));
    }
  });
});
