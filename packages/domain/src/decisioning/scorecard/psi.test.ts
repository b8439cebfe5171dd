import { describe, expect, it } from 'vitest';
import { bandCounts, bandOf, populationStabilityIndex, PSI_EMPTY_SHARE, quantileEdges } from './psi.ts';

describe('population stability index', () => {
  it('matches a hand computation', () => {
    // expected .20/.30/.50, actual .25/.25/.50:
    // (.05) ln 1.25 + (−.05) ln(.25/.30) + 0 = .05 × .2231436 + .05 × .1823216 = .0202733
    expect(populationStabilityIndex([0.2, 0.3, 0.5], [0.25, 0.25, 0.5])).toBeCloseTo(0.0202733, 6);
    // counts work as well as shares
    expect(populationStabilityIndex([20, 30, 50], [50, 50, 100])).toBeCloseTo(0.0202733, 6);
  });

  it('is 0 for identical distributions and finite with an empty bin', () => {
    expect(populationStabilityIndex([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 12);
    // expected .5/.5/0, actual .5/.4/.1: 0 + (−.1) ln(.8) + (.1 − 1e−4) ln(.1 / 1e−4)
    const want = -0.1 * Math.log(0.8) + (0.1 - PSI_EMPTY_SHARE) * Math.log(0.1 / PSI_EMPTY_SHARE);
    expect(populationStabilityIndex([5, 5, 0], [5, 4, 1])).toBeCloseTo(want, 10);
  });

  it('bands: [e(k−1), e(k)) with open ends', () => {
    expect(bandOf([10, 20], 5)).toBe(0);
    expect(bandOf([10, 20], 10)).toBe(1);
    expect(bandOf([10, 20], 19.9)).toBe(1);
    expect(bandOf([10, 20], 20)).toBe(2);
    expect(bandCounts([10, 20], [1, 10, 15, 20, 30])).toEqual([1, 2, 2]);
    expect(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([3, 5, 7, 9]);
  });
});
