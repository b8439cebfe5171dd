import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from './chi-square.ts';
import { liftOverHoldout } from './lift-over-holdout.ts';
import { erfc, normalCdf, twoSidedPValue } from './normal-distribution.ts';
import { sampleRatioCheck } from './sample-ratio-check.ts';
import { twoProportionTest } from './two-proportion-test.ts';
import { wilsonInterval } from './wilson-interval.ts';

const rel = (actual: number, expected: number, tol: number) => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tol);

describe('normal distribution against published tables', () => {
  // Abramowitz & Stegun (1964) table 26.1 and the usual z-table.
  it.each([
    [0, 0.5],
    [1, 0.841344746],
    [1.644853627, 0.95],
    [1.959963985, 0.975],
    [2.575829304, 0.995],
    [-1, 0.158655254],
    [-3, 0.001349898],
  ])('Φ(%s) = %s', (x, p) => rel(normalCdf(x), p, 2e-7));

  it('keeps relative accuracy far in the tail (A&S 26.2: Q(5) = 2.866516e-7, Q(6) = 9.865876e-10)', () => {
    rel(normalCdf(-5), 2.866516e-7, 2e-6);
    rel(normalCdf(-6), 9.865876e-10, 2e-6);
  });

  it('erfc(0) = 1, erfc(−x) = 2 − erfc(x), and the two-sided p of z = 1.96 is 0.05', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(-0.7) + erfc(0.7)).toBeCloseTo(2, 12);
    rel(twoSidedPValue(1.959963985), 0.05, 1e-6);
    rel(twoSidedPValue(-2.575829304), 0.01, 1e-6);
  });
});

describe('chi-square survival against the NIST/SEMATECH e-Handbook table 1.3.6.7.4 (upper critical values)', () => {
  it.each([
    [3.841459, 1, 0.05],
    [10.827566, 1, 0.001],
    [5.991465, 2, 0.05],
    [13.815511, 2, 0.001],
    [7.814728, 3, 0.05],
    [16.266236, 3, 0.001],
    [9.487729, 4, 0.05],
    [18.466827, 4, 0.001],
    [11.070498, 5, 0.05],
    [124.342113, 100, 0.05],
  ])('P(χ² ≥ %s; df %s) = %s', (x, df, p) => rel(chiSquareSurvival(x, df), p, 1e-5));

  it('at 0 the survival is 1; df must be a positive integer', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow();
  });
});

describe('Wilson score interval: Newcombe (1998) Stat Med 17:857, table I, method 3', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%s/%s → %s to %s', (x, n, low, high) => {
    const w = wilsonInterval(x, n);
    expect(w).not.toBeNull();
    expect(w?.low).toBeCloseTo(low, 4);
    expect(w?.high).toBeCloseTo(high, 4);
  });

  it('hand computation for 5/10: centre (0.5 + 0.192073)/(1 + 0.384146) = 0.5, half-width (1.959964/1.384146) × √(0.025 + 3.841459/400) = 1.416010 × 0.186021 = 0.263407', () => {
    const w = wilsonInterval(5, 10);
    expect(w?.low).toBeCloseTo(0.5 - 0.263407, 5);
    expect(w?.high).toBeCloseTo(0.5 + 0.263407, 5);
  });

  it('no interval without a denominator; x = n ends at 1', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(29, 29)?.high).toBe(1);
  });
});

describe('two-proportion z test', () => {
  // Newcombe (1998) Stat Med 17:873, table II, method 1 (simple asymptotic, unpooled) intervals of p1 − p2.
  it.each([
    [56, 70, 48, 80, 0.0575, 0.3425],
    [9, 10, 3, 10, 0.2605, 0.9395],
    [6, 7, 2, 7, 0.1481, 0.9947],
    [5, 56, 0, 29, 0.0146, 0.164],
  ])('%s/%s − %s/%s: 95%% interval %s to %s', (x1, n1, x2, n2, low, high) => {
    const t = twoProportionTest(x1, n1, x2, n2);
    expect(t.low).toBeCloseTo(low, 4);
    expect(t.high).toBeCloseTo(high, 4);
  });

  it('pooled z by hand for 56/70 vs 48/80', () => {
    // p̂ = 104/150 = 0.693333; SE = √(0.693333 × 0.306667 × (1/70 + 1/80)) = √(0.212622 × 0.0267857) = 0.0754668
    // z = (0.8 − 0.6)/0.0754668 = 2.65017; two-sided p = 2 × (1 − Φ(2.65017)) = 2 × 0.0040225 = 0.008045
    const t = twoProportionTest(56, 70, 48, 80);
    expect(t.difference).toBeCloseTo(0.2, 12);
    expect(t.z).toBeCloseTo(2.65017, 4);
    expect(t.pValue).toBeCloseTo(0.008045, 5);
  });

  it('no test when both groups have rate 0 (the pooled SE is 0)', () => {
    const t = twoProportionTest(0, 100, 0, 50);
    expect(t.z).toBeNull();
    expect(t.pValue).toBeNull();
    expect(t.difference).toBe(0);
  });
});

describe('lift over the holdout', () => {
  it('a campaign: 270 of 9,000 treated funded (3%), 20 of 1,000 held out (2%) — by hand', () => {
    // absolute 0.01; unpooled SE = √(0.03·0.97/9000 + 0.02·0.98/1000) = √(3.2333e-6 + 1.96e-5) = 0.00477842
    //   → 0.01 ± 1.959964 × 0.00477842 = 0.000634 … 0.019366
    // pooled p̂ = 290/10000 = 0.029, SE = √(0.029·0.971·(1/9000 + 1/1000)) = 0.00559363, z = 1.78777, p = 0.07381
    // relative 0.03/0.02 − 1 = 0.5; ln RR = 0.405465, SE = √(0.97/270 + 0.98/20) = 0.22933
    //   → exp(0.405465 ± 1.959964 × 0.22933) − 1 = −0.04306 … 1.35125
    const l = liftOverHoldout(270, 9000, 20, 1000);
    expect(l?.absolute).toBeCloseTo(0.01, 12);
    expect(l?.low).toBeCloseTo(0.000634, 6);
    expect(l?.high).toBeCloseTo(0.019366, 6);
    expect(l?.z).toBeCloseTo(1.78777, 4);
    expect(l?.pValue).toBeCloseTo(0.07381, 4);
    expect(l?.relative).toBeCloseTo(0.5, 12);
    expect(l?.relativeLow).toBeCloseTo(-0.04306, 4);
    expect(l?.relativeHigh).toBeCloseTo(1.35125, 4);
  });

  it('the Physicians’ Health Study table (Agresti, Categorical Data Analysis, §2.2): MI 189/11,034 on placebo vs 104/11,037 on aspirin', () => {
    // Agresti: difference 0.0077, SE 0.0015, 95% interval (0.005, 0.011); relative risk 1.82.
    // Hand: ln RR = ln 1.8178 = 0.59762, SE = √(0.982871/189 + 0.990577/104) = 0.121348
    //   → exp(0.59762 ± 1.959964 × 0.121348) = 1.4330 … 2.3059, i.e. a relative lift of 0.433 … 1.306.
    // Pooled p̂ = 293/22,071 = 0.013275; SE = √(0.013275 · 0.986725 · (1/11034 + 1/11037)) = 0.0015408; z = 5.0014.
    const l = liftOverHoldout(189, 11034, 104, 11037);
    expect(l?.absolute).toBeCloseTo(0.0077, 4);
    expect(l?.low).toBeCloseTo(0.005, 3);
    expect(l?.high).toBeCloseTo(0.011, 3);
    expect((l?.relative ?? 0) + 1).toBeCloseTo(1.82, 2);
    expect(l?.relativeLow).toBeCloseTo(0.433, 3);
    expect(l?.relativeHigh).toBeCloseTo(1.3059, 3);
    expect(l?.z).toBeCloseTo(5.0014, 3);
  });

  it('no relative lift when the holdout rate is 0; none at all without a holdout', () => {
    const l = liftOverHoldout(5, 100, 0, 100);
    expect(l?.relative).toBeNull();
    expect(l?.relativeLow).toBeNull();
    expect(liftOverHoldout(5, 100, 0, 0)).toBeNull();
  });
});

describe('sample-ratio check', () => {
  it('10/90 split observed 1,050/8,950: χ² = 50²/1000 + 50²/9000 = 2.7778, p = 2(1 − Φ(1.6667)) = 0.0956 → fine', () => {
    const s = sampleRatioCheck({ holdout: 1050, main: 8950 }, { holdout: 10, main: 90 });
    expect(s?.chiSquare).toBeCloseTo(2.777778, 5);
    expect(s?.df).toBe(1);
    expect(s?.pValue).toBeCloseTo(0.09558, 4);
    expect(s?.mismatch).toBe(false);
  });

  it('observed 1,150/8,850: χ² = 22.5 + 2.5 = 25, p = 2(1 − Φ(5)) = 5.733e-7 → mismatch', () => {
    const s = sampleRatioCheck({ holdout: 1150, main: 8850 }, { holdout: 10, main: 90 });
    expect(s?.chiSquare).toBeCloseTo(25, 10);
    rel(s?.pValue ?? 0, 5.733031e-7, 1e-5);
    expect(s?.mismatch).toBe(true);
  });

  it('three arms, df 2: χ² = 0 + 100²/4500 × 2 = 4.4444, p = e^(−2.2222) = 0.10837', () => {
    const s = sampleRatioCheck({ holdout: 1000, a: 4600, b: 4400 }, { holdout: 10, a: 45, b: 45 });
    expect(s?.df).toBe(2);
    expect(s?.pValue).toBeCloseTo(Math.exp(-40 / 18), 6);
  });

  it('nothing to check with one arm or no customers', () => {
    expect(sampleRatioCheck({ main: 10 }, { main: 100 })).toBeNull();
    expect(sampleRatioCheck({}, { holdout: 10, main: 90 })).toBeNull();
  });
});
