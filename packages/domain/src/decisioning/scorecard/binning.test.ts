import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binCategorical, binNumeric, binOfValue, fineCuts, roundCut, shapeOf } from './binning.ts';
import type { BinningOptions } from './binning.ts';
import { optimalMerge } from './optimal-merge.ts';

const options: BinningOptions = { fineBins: 20, maxBins: 6, minBinShare: 0.05, woeSmoothing: 0.005, rareCategoryShare: 0.01, turnGain: null };
const numeric = { name: 'Income', type: 'numeric' as const };

function rangeRates(bins: ReadonlyArray<{ kind: string; goods: number; bads: number }>): number[] {
  return bins.filter((b) => b.kind === 'range').map((b) => b.bads / (b.goods + b.bads));
}

describe('optimal merging', () => {
  it('merges a hand example to the IV-best monotone grouping', () => {
    // Bad rates .10 .30 .20 .60 (25 rows each): increasing order forces .30 and .20 together.
    const fine = [
      { goods: 45, bads: 5 },
      { goods: 35, bads: 15 },
      { goods: 40, bads: 10 },
      { goods: 20, bads: 30 },
    ];
    const r = optimalMerge(fine, { maxBins: 4, minCount: 1, direction: 'increasing', totalGoods: 140, totalBads: 60, smoothing: 0 });
    expect(r.groups).toEqual([
      [0, 1],
      [1, 3],
      [3, 4],
    ]);
    // Hand IV: %g/%b per group .3214/.0833, .5357/.4167, .1429/.5
    const iv = (g: number, b: number): number => (g / 140 - b / 60) * Math.log(g / 140 / (b / 60));
    expect(r.iv).toBeCloseTo(iv(45, 5) + iv(75, 25) + iv(20, 30), 10);
  });

  it('honours the minimum count and the bin limit', () => {
    const fine = Array.from({ length: 10 }, (_, i) => ({ goods: 10 - i, bads: i }));
    const r = optimalMerge(fine, { maxBins: 3, minCount: 25, direction: 'increasing', totalGoods: 55, totalBads: 45, smoothing: 0.5 });
    expect(r.groups.length).toBeLessThanOrEqual(3);
    for (const [i, j] of r.groups) expect((j - i) * 10).toBeGreaterThanOrEqual(25);
  });

  it('a valley shape turns once', () => {
    const fine = [
      { goods: 20, bads: 30 },
      { goods: 40, bads: 10 },
      { goods: 45, bads: 5 },
      { goods: 30, bads: 20 },
    ];
    const r = optimalMerge(fine, { maxBins: 4, minCount: 1, direction: 'valley', totalGoods: 135, totalBads: 65, smoothing: 0 });
    expect(r.groups.length).toBe(4);
    expect(shapeOf(r.groups.map(([i]) => fine[i] as { goods: number; bads: number }))).toBe('valley');
  });
});

describe('numeric binning', () => {
  it('fine cuts at quantiles, or at every distinct value when few', () => {
    expect(fineCuts([1, 1, 2, 3, 3, 3], 20)).toEqual([2, 3]);
    expect(fineCuts(Array.from({ length: 100 }, (_, i) => i), 4)).toEqual([25, 50, 75]);
    // quantile cut at 0.498008 with 0.4975 just below it → 0.498 splits the same rows
    expect(fineCuts([0.1, 0.2, 0.3, 0.4975, 0.498008, 0.6, 0.7, 0.8], 2)).toEqual([0.498]);
  });

  it('rounds a cut to the largest number with the fewest significant digits between its neighbours', () => {
    expect(roundCut(859, 860)).toBe(860);
    expect(roundCut(0.4975, 0.498008)).toBe(0.498);
    expect(roundCut(81.2, 87.5)).toBe(87);
    expect(roundCut(1234, 1990)).toBe(1900);
    expect(roundCut(0.91, 0.996678)).toBe(0.99);
    expect(roundCut(-5.5, -1.25)).toBe(-2);
    expect(roundCut(3, 3)).toBe(3);
  });

  it('finds an increasing risk, keeps each bin above the minimum share, and bins missing apart', () => {
    // 200 rows: value v = 0…199; bad when (v · 7) mod 10 < v / 25 (risk rising with v); 20 missing.
    const values: Array<number | null> = [];
    const bad: number[] = [];
    for (let v = 0; v < 200; v++) {
      values.push(v);
      bad.push((v * 7) % 10 < v / 25 ? 1 : 0);
    }
    for (let i = 0; i < 20; i++) {
      values.push(null);
      bad.push(i % 2);
    }
    const r = binNumeric(numeric, values, bad, options);
    expect(r.trend).toBe('increasing');
    const rates = rangeRates(r.bins);
    for (let i = 1; i < rates.length; i++) expect(rates[i] as number).toBeGreaterThan(rates[i - 1] as number);
    const ranges = r.bins.filter((b) => b.kind === 'range');
    for (const b of ranges) expect(b.count).toBeGreaterThanOrEqual(Math.ceil(0.05 * 220));
    expect(ranges.length).toBeLessThanOrEqual(6);
    const missing = r.bins.at(-1);
    expect(missing?.kind).toBe('missing');
    expect(missing?.count).toBe(20);
    expect(missing?.bads).toBe(10);
    // WOE falls as the risk rises (WOE is ln %good / %bad).
    const woes = ranges.map((b) => b.woe);
    for (let i = 1; i < woes.length; i++) expect(woes[i] as number).toBeLessThan(woes[i - 1] as number);
    // Bins tile the line: open ends, each upper = next lower.
    expect(ranges[0]?.lower).toBeNull();
    expect(ranges.at(-1)?.upper).toBeNull();
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.lower).toBe(ranges[i - 1]?.upper);
    // Every value lands in the bin whose range holds it; missing in the missing bin.
    expect(binOfValue(r, null)).toBe(r.bins.length - 1);
    expect(binOfValue(r, -1e9)).toBe(0);
    expect(binOfValue(r, 1e9)).toBe(ranges.length - 1);
  });

  it('property: range bins are monotone in bad rate and meet the minimum share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 50 }), { freq: 10 }), fc.boolean()), { minLength: 40, maxLength: 300 }),
        fc.constantFrom(0.05, 0.1, 0.2),
        (data, minBinShare) => {
          const bad = data.map(([, b]) => (b ? 1 : 0));
          fc.pre(bad.some((b) => b === 1) && bad.some((b) => b === 0));
          const r = binNumeric(
            numeric,
            data.map(([v]) => v),
            bad,
            { ...options, minBinShare },
          );
          const ranges = r.bins.filter((b) => b.kind === 'range');
          const rates = rangeRates(r.bins);
          const up = rates.every((x, i) => i === 0 || x > (rates[i - 1] as number));
          const down = rates.every((x, i) => i === 0 || x < (rates[i - 1] as number));
          expect(up || down).toBe(true);
          if (ranges.length > 1) for (const b of ranges) expect(b.count).toBeGreaterThanOrEqual(Math.ceil(minBinShare * data.length));
          expect(r.bins.reduce((s, b) => s + b.count, 0)).toBe(data.length);
          expect(r.bins.at(-1)?.count).toBe(data.filter(([v]) => v === null).length);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('categorical binning', () => {
  it('orders categories by bad rate, pools rare ones and sends unseen text there', () => {
    // rent 100 rows 40 bad, owner 100 rows 10 bad, parents 100 rows 25 bad, other 2 rows 1 bad:
    // 2 of 305 rows is under the 2% rare share, so `other` is pooled.
    const values: Array<string | null> = [];
    const bad: number[] = [];
    const add = (v: string | null, n: number, bads: number): void => {
      for (let i = 0; i < n; i++) {
        values.push(v);
        bad.push(i < bads ? 1 : 0);
      }
    };
    add('rent', 100, 40);
    add('owner', 100, 10);
    add('parents', 100, 25);
    add('other', 2, 1);
    add(null, 3, 1);
    const r = binCategorical({ name: 'Home', type: 'categorical' }, values, bad, { ...options, rareCategoryShare: 0.02, minBinShare: 0.01 });
    const cats = r.bins.filter((b) => b.kind === 'categories').map((b) => b.categories);
    expect(cats[0]).toEqual(['owner']);
    expect(cats.flat()).toContain('other');
    expect(r.bins.at(-1)?.kind).toBe('missing');
    expect(r.bins.at(-1)?.count).toBe(3);
    const pooled = r.bins.findIndex((b) => b.categories.includes('other'));
    expect(r.unseenBin).toBe(pooled);
    expect(binOfValue(r, 'caravan')).toBe(pooled);
    expect(binOfValue(r, 'owner')).toBe(0);
    expect(binOfValue(r, null)).toBe(r.bins.length - 1);
    // owner best → highest WOE
    expect(r.bins[0]?.woe).toBe(Math.max(...r.bins.filter((b) => b.kind !== 'missing').map((b) => b.woe)));
  });

  it('without rare categories unseen text scores as missing', () => {
    const r = binCategorical({ name: 'Job', type: 'categorical' }, ['a', 'a', 'b', 'b', 'a', 'b'], [1, 0, 0, 0, 1, 0], { ...options, minBinShare: 0.1 });
    expect(r.unseenBin).toBe(r.bins.length - 1);
    expect(r.bins.at(-1)?.woe).toBeCloseTo(0, 12);
  });
});
