import { describe, expect, it } from 'vitest';
import { DEMO_BUREAU_IMPAIRED_SHARE, DEMO_BUREAU_THIN_SHARE, demoBureauRecord } from './demo-bureau.ts';

describe('demoBureauRecord', () => {
  it('answers the same record for the same person and different records across people', () => {
    expect(demoBureauRecord('person-a')).toEqual(demoBureauRecord('person-a'));
    const distinct = new Set(Array.from({ length: 200 }, (_, i) => JSON.stringify(demoBureauRecord(`p${i}`))));
    expect(distinct.size).toBeGreaterThan(100);
  });

  it('draws from the simulator’s scored-file distribution with a thin-file share', () => {
    const n = 20_000;
    const scores: number[] = [];
    let thin = 0;
    for (let i = 0; i < n; i++) {
      const r = demoBureauRecord(`key-${i}`);
      if (r.status === 'thin_file') thin++;
      else scores.push(r.score);
    }
    // Thin share 15 %: binomial sd = sqrt(0.15·0.85/20000) ≈ 0.25 %, so ±1 % is 4 sd.
    expect(Math.abs(thin / n - DEMO_BUREAU_THIN_SHARE)).toBeLessThan(0.01);
    // Mean of 690 − 75z − 60·impaired = 690 − 60·0.05 = 687; sd of the mean ≈ 75/√17000 ≈ 0.6.
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(Math.abs(mean - (690 - 60 * DEMO_BUREAU_IMPAIRED_SHARE))).toBeLessThan(3);
    // sd ≈ 75 (the impaired shift adds √(0.05·0.95)·60 ≈ 13 in quadrature: √(75² + 13²) ≈ 76).
    const sd = Math.sqrt(scores.reduce((a, s) => a + (s - mean) ** 2, 0) / scores.length);
    expect(sd).toBeGreaterThan(72);
    expect(sd).toBeLessThan(80);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(350);
    expect(Math.max(...scores)).toBeLessThanOrEqual(950);
  });
});
