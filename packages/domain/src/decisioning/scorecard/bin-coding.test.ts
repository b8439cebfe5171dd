import { describe, expect, it } from 'vitest';
import { binNumeric } from './binning.ts';
import type { BinnedVariable } from './binning.ts';
import { fitBinCoded } from './bin-coding.ts';

const options = { fineBins: 20, maxBins: 6, minBinShare: 0.05, woeSmoothing: 0, rareCategoryShare: 0.01, turnGain: null };

/** Rows of (value, bad) in groups. */
function groups(spec: Array<{ x: number; bads: number; n: number }>): { x: number[]; bad: number[] } {
  const x: number[] = [];
  const bad: number[] = [];
  for (const g of spec) for (let i = 0; i < g.n; i++) {
    x.push(g.x);
    bad.push(i < g.bads ? 1 : 0);
  }
  return { x, bad };
}

describe('bins coding', () => {
  it('one characteristic, tiny penalty: bin effects differ by the log odds ratio', () => {
    // x = 1: 20 bad of 100 → good odds 4; x = 2: 60 bad of 100 → good odds 2/3; ratio 6.
    const { x, bad } = groups([
      { x: 1, bads: 20, n: 100 },
      { x: 2, bads: 60, n: 100 },
    ]);
    const v = binNumeric({ name: 'x', type: 'numeric' }, x, bad, options);
    const col = Int32Array.from(x, (value) => (value < 2 ? 0 : 1));
    const fit = fitBinCoded([v], new Map([['x', col]]), bad, 1e-7, 0.5);
    const c = fit.contributions[0] as number[];
    expect((c[0] as number) - (c[1] as number)).toBeCloseTo(Math.log(6), 5);
    // intercept + bin effect reproduces each bin's log odds: ln 4 and ln(2/3)
    expect(fit.intercept + (c[0] as number)).toBeCloseTo(Math.log(4), 5);
    expect(fit.intercept + (c[1] as number)).toBeCloseTo(Math.log(2 / 3), 5);
    expect(fit.merges).toBe(0);
  });

  it('merges adjacent bins whose effect runs against the trend, beside another characteristic', () => {
    // x = 2 is riskier than x = 3 within each z (30% vs 20% at z = 0, 60% vs 50% at z = 1), but
    // x = 3 is mostly z = 1, so marginally x rises 10%, 36%, 44%, 70%. Once z is in the model
    // the fitted effects of x = 2 and x = 3 invert, and the two bins must be merged.
    const rows: Array<{ x: number; z: number; bad: number }> = [];
    const add = (x: number, z: number, n: number, bads: number): void => {
      for (let i = 0; i < n; i++) rows.push({ x, z, bad: i < bads ? 1 : 0 });
    };
    add(1, 0, 100, 10);
    add(2, 0, 80, 24);
    add(2, 1, 20, 12);
    add(3, 0, 20, 4);
    add(3, 1, 80, 40);
    add(4, 1, 100, 70);
    const bad = rows.map((r) => r.bad);
    const xv = binNumeric({ name: 'x', type: 'numeric' }, rows.map((r) => r.x), bad, options);
    const zv = binNumeric({ name: 'z', type: 'numeric' }, rows.map((r) => r.z), bad, options);
    expect(xv.trend).toBe('increasing');
    expect(xv.bins.filter((b) => b.kind === 'range')).toHaveLength(4);
    const xCol = Int32Array.from(rows, (r) => xv.bins.findIndex((b) => b.kind === 'range' && (b.lower === null || r.x >= b.lower) && (b.upper === null || r.x < b.upper)));
    const zCol = Int32Array.from(rows, (r) => zv.bins.findIndex((b) => b.kind === 'range' && (b.lower === null || r.z >= b.lower) && (b.upper === null || r.z < b.upper)));
    const fit = fitBinCoded([xv, zv], new Map([['x', xCol], ['z', zCol]]), bad, 0.1, 0.5);
    expect(fit.merges).toBeGreaterThan(0);
    const x = fit.selected[0] as BinnedVariable;
    const c = (fit.contributions[0] as number[]).filter((_, i) => x.bins[i]?.kind === 'range');
    expect(c).toHaveLength(3);
    for (let i = 1; i < c.length; i++) expect(c[i] as number).toBeLessThanOrEqual(c[i - 1] as number);
    expect(x.bins[1]).toMatchObject({ lower: 2, upper: 4, count: 200, bads: 80 });
    expect(x.bins.filter((b) => b.kind === 'range').reduce((s, b) => s + b.count, 0)).toBe(rows.length);
  });
});
