import { describe, expect, it } from 'vitest';
import { auc, gini, ks } from './metrics.ts';

describe('AUC, Gini and KS', () => {
  it('counts ties as one half (hand count over the 3 × 3 bad–good pairs)', () => {
    // bads at risk 0.9, 0.8, 0.3; goods at 0.8, 0.3, 0.1.
    // 0.9 beats all three goods: 3; 0.8 ties 0.8 (½) and beats 0.3, 0.1: 2.5; 0.3 loses to 0.8,
    // ties 0.3 (½), beats 0.1: 1.5. U = 7 of 9 pairs.
    const risk = [0.9, 0.8, 0.8, 0.3, 0.3, 0.1];
    const bad = [1, 0, 1, 0, 1, 0];
    expect(auc(risk, bad)).toBeCloseTo(7 / 9, 12);
    expect(gini(risk, bad)).toBeCloseTo(2 * (7 / 9) - 1, 12);
    // Cumulative shares from the safest end, cutting only between distinct values:
    // ≤0.1: goods 1/3, bads 0 → 1/3; ≤0.3: 2/3 vs 1/3 → 1/3; ≤0.8: 1 vs 2/3 → 1/3; all: 0.
    expect(ks(risk, bad)).toBeCloseTo(1 / 3, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, ½ when everything ties', () => {
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(ks([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(auc([5, 5, 5, 5], [0, 1, 0, 1])).toBe(0.5);
    expect(ks([5, 5, 5, 5], [0, 1, 0, 1])).toBe(0);
  });

  it('KS of a hand example: cut after the second row', () => {
    // sorted risk 1..5 with outcomes g g b g b: after row 2 goods 2/3, bads 0 → 2/3.
    expect(ks([1, 2, 3, 4, 5], [0, 0, 1, 0, 1])).toBeCloseTo(2 / 3, 12);
    // AUC: bad@3 beats 2 goods, bad@5 beats 3: 5 of 6 pairs.
    expect(auc([1, 2, 3, 4, 5], [0, 0, 1, 0, 1])).toBeCloseTo(5 / 6, 12);
  });

  it('is NaN with a single class', () => {
    expect(auc([1, 2], [0, 0])).toBeNaN();
    expect(ks([1, 2], [1, 1])).toBeNaN();
  });
});
