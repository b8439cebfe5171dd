import type { ScorecardBin, ScorecardCharacteristic } from '@autofin/contracts';
import { cellNumber, cellText, oneHotValue } from './data.ts';
import type { DataRow, ColumnType } from './data.ts';
import { optimalMerge } from './optimal-merge.ts';
import type { Direction } from './optimal-merge.ts';
import { woeIv } from './woe.ts';
import { binLabel } from './labels.ts';

/** Where a characteristic's value comes from: one column, or a group of one-hot columns. */
export interface VariableSource {
  name: string;
  type: ColumnType;
  oneHotColumns?: Array<{ column: string; category: string }>;
  /** A derived ratio, e.g. loan-to-value = Amount / Price. */
  ratio?: { numerator: string; denominator: string };
}

export interface BinningOptions {
  /** Quantile fine classes before merging. */
  fineBins: number;
  /** Most coarse bins, not counting the missing bin. */
  maxBins: number;
  /** Smallest share of rows in a coarse bin (the missing bin is exempt). */
  minBinShare: number;
  /** WOE smoothing, in pseudo-rows per row of training data (at least 0.5 pseudo-rows). */
  woeSmoothing: number;
  /** Categories rarer than this share are pooled before sorting. */
  rareCategoryShare: number;
  /**
   * Numeric bins may have one turn in their bad rate (∪ or ∩) when that raises the IV by more
   * than this fraction over the best monotone binning; null = always monotone.
   */
  turnGain: number | null;
}

/** A binned variable: the characteristic without its regression coefficient and points. */
export type BinnedVariable = Omit<ScorecardCharacteristic, 'coefficient' | 'bins'> & {
  bins: Array<Omit<ScorecardBin, 'points'>>;
};

type Cell = number | string | null;

/** The raw value of a variable in one row: a number, a category, or null when missing. */
export function variableValue(source: Pick<VariableSource, 'name' | 'type' | 'oneHotColumns' | 'ratio'>, row: DataRow): Cell {
  if (source.oneHotColumns) return oneHotValue(row, source.oneHotColumns);
  if (source.ratio) {
    // Missing when either side is missing or the denominator is zero.
    const num = cellNumber(row[source.ratio.numerator]);
    const den = cellNumber(row[source.ratio.denominator]);
    return num === null || den === null || den === 0 ? null : num / den;
  }
  const v = row[source.name];
  return source.type === 'numeric' ? cellNumber(v) : cellText(v);
}

export function smoothingRows(options: Pick<BinningOptions, 'woeSmoothing'>, rows: number): number {
  return Math.max(0.5, options.woeSmoothing * rows);
}

interface Counted {
  goods: number;
  bads: number;
}

/**
 * The largest number x with the fewest significant digits such that below < x ≤ at: a cut there splits the data exactly as a cut at
 * `at` does (no value lies between), but reads as "below 0.5" rather than "below 0.498008".
 */
export function roundCut(below: number, at: number): number {
  if (!(below < at)) return at;
  for (let digits = 1; digits <= 17; digits++) {
    const magnitude = Math.floor(Math.log10(Math.max(Math.abs(at), Math.abs(below), Number.MIN_VALUE)));
    const scale = 10 ** (magnitude - digits + 1);
    for (const x of [Math.floor(at / scale) * scale, Math.ceil(below / scale) * scale]) {
      const nice = Number(x.toPrecision(Math.max(1, Math.min(17, digits + 1))));
      if (nice > below && nice <= at) return nice;
    }
  }
  return at;
}

/** Fine cut points at the quantiles of the present values (every distinct value when few). */
export function fineCuts(sorted: readonly number[], fineBins: number): number[] {
  const distinct: number[] = [];
  for (const v of sorted) if (distinct.length === 0 || distinct.at(-1) !== v) distinct.push(v);
  const raw: number[] = [];
  if (distinct.length <= fineBins) raw.push(...distinct.slice(1));
  else {
    const min = sorted[0] as number;
    for (let q = 1; q < fineBins; q++) {
      const c = sorted[Math.floor((q * sorted.length) / fineBins)] as number;
      if (c > min && (raw.length === 0 || c > (raw.at(-1) as number))) raw.push(c);
    }
  }
  // Move each cut down to the roundest number above the distinct value just below it.
  return raw.map((c) => {
    let lo = 0;
    let hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((distinct[mid] as number) < c) lo = mid;
      else hi = mid - 1;
    }
    return roundCut(distinct[lo] as number, c);
  });
}

function missingBin(goods: number, bads: number): Omit<ScorecardBin, 'points' | 'woe' | 'iv' | 'label'> {
  return { kind: 'missing', lower: null, upper: null, categories: [], count: goods + bads, goods, bads };
}

function finish(
  source: VariableSource,
  trend: BinnedVariable['trend'],
  bins: Array<Omit<ScorecardBin, 'points' | 'woe' | 'iv' | 'label'>>,
  unseenBin: number,
  smoothing: number,
): BinnedVariable {
  const { woe, iv, totalIv } = woeIv(bins, smoothing);
  const withLabels = bins.map((b, i) => ({ ...b, woe: woe[i] as number, iv: iv[i] as number, label: binLabel(b) }));
  return {
    name: source.name,
    type: source.type,
    ...(source.oneHotColumns ? { oneHotColumns: source.oneHotColumns } : {}),
    ...(source.ratio ? { ratio: source.ratio } : {}),
    trend,
    iv: Math.max(0, totalIv),
    bins: withLabels,
    unseenBin,
  };
}

/**
 * Merges range bins `i` and `i + 1` of a numeric variable (WOE and IV recomputed with the same
 * smoothing); used when a fitted effect runs against the variable's trend.
 */
export function mergeRangeBins(v: BinnedVariable, i: number, smoothing: number): BinnedVariable {
  const a = v.bins[i];
  const b = v.bins[i + 1];
  if (!a || !b || a.kind !== 'range' || b.kind !== 'range') throw new RangeError('only adjacent range bins merge');
  const strip = ({ woe: _w, iv: _i, label: _l, ...rest }: BinnedVariable['bins'][number]): Omit<ScorecardBin, 'points' | 'woe' | 'iv' | 'label'> => rest;
  const merged = { ...strip(a), upper: b.upper, count: a.count + b.count, goods: a.goods + b.goods, bads: a.bads + b.bads };
  const bins = [...v.bins.slice(0, i).map(strip), merged, ...v.bins.slice(i + 2).map(strip)];
  const unseenBin = v.unseenBin > i ? v.unseenBin - 1 : v.unseenBin;
  return finish(v, shapeOf(bins.filter((x) => x.kind === 'range')), bins, unseenBin, smoothing);
}

/**
 * Bins a numeric variable: quantile fine classes, then the IV-maximising merge with a monotone
 * bad rate (increasing or decreasing, whichever carries more information), each bin holding at
 * least `minBinShare` of the rows; missing values get their own bin.
 */
export function binNumeric(source: VariableSource, values: readonly Cell[], bad: ArrayLike<number>, options: BinningOptions): BinnedVariable {
  const present: Array<{ v: number; bad: number }> = [];
  let missGoods = 0;
  let missBads = 0;
  let G = 0;
  let B = 0;
  values.forEach((v, i) => {
    const y = bad[i] as number;
    if (y === 1) B++;
    else G++;
    if (typeof v === 'number') present.push({ v, bad: y });
    else if (y === 1) missBads++;
    else missGoods++;
  });
  present.sort((a, b) => a.v - b.v);
  const smoothing = smoothingRows(options, values.length);
  const cuts = fineCuts(
    present.map((p) => p.v),
    options.fineBins,
  );
  const fine: Counted[] = Array.from({ length: cuts.length + 1 }, () => ({ goods: 0, bads: 0 }));
  let k = 0;
  for (const p of present) {
    while (k < cuts.length && p.v >= (cuts[k] as number)) k++;
    const f = fine[k] as Counted;
    if (p.bad === 1) f.bads++;
    else f.goods++;
  }
  const mergeBase = {
    maxBins: options.maxBins,
    minCount: Math.ceil(options.minBinShare * values.length),
    totalGoods: G,
    totalBads: B,
    smoothing,
  };
  let best = { direction: 'increasing' as Direction, result: optimalMerge(fine, { ...mergeBase, direction: 'increasing' }) };
  const down = optimalMerge(fine, { ...mergeBase, direction: 'decreasing' });
  if (down.iv > best.result.iv + 1e-12) best = { direction: 'decreasing', result: down };
  if (options.turnGain !== null) {
    // A U-shaped (or ∩-shaped) bad rate only when it carries clearly more information.
    const monotoneIv = best.result.iv;
    for (const direction of ['peak', 'valley'] as const) {
      const turned = optimalMerge(fine, { ...mergeBase, direction });
      if (turned.iv > monotoneIv * (1 + options.turnGain) && turned.iv > best.result.iv) best = { direction, result: turned };
    }
  }
  const bins: Array<Omit<ScorecardBin, 'points' | 'woe' | 'iv' | 'label'>> = best.result.groups.map(([i, j], gi, all) => {
    let goods = 0;
    let bads = 0;
    for (let f = i; f < j; f++) {
      goods += (fine[f] as Counted).goods;
      bads += (fine[f] as Counted).bads;
    }
    return {
      kind: 'range',
      lower: gi === 0 ? null : (cuts[i - 1] as number),
      upper: gi === all.length - 1 ? null : (cuts[j - 1] as number),
      categories: [],
      count: goods + bads,
      goods,
      bads,
    };
  });
  if (bins.length === 0) bins.push({ kind: 'range', lower: null, upper: null, categories: [], count: 0, goods: 0, bads: 0 });
  bins.push(missingBin(missGoods, missBads));
  const trend = shapeOf(bins.slice(0, -1));
  return finish(source, trend, bins, bins.length - 1, smoothing);
}

/** The shape the bad rate actually takes across ordered bins. */
export function shapeOf(bins: ReadonlyArray<{ goods: number; bads: number }>): BinnedVariable['trend'] {
  const rates = bins.map((b) => b.bads / Math.max(1, b.goods + b.bads));
  if (rates.length < 2) return 'none';
  const steps = rates.slice(1).map((r, i) => Math.sign(r - (rates[i] as number)));
  const turns = steps.slice(1).filter((s, i) => s !== steps[i]).length;
  if (turns === 0) return (steps[0] as number) > 0 ? 'increasing' : 'decreasing';
  if (turns === 1) return (steps[0] as number) > 0 ? 'peak' : 'valley';
  return 'none';
}

/**
 * Bins a categorical variable: categories rarer than `rareCategoryShare` are pooled, the rest
 * are ordered by their (smoothed) bad rate and adjacent ones merged to maximise the IV under the
 * same share constraint. Text never seen in training scores in the pooled bin if there is one,
 * otherwise in the missing bin.
 */
export function binCategorical(source: VariableSource, values: readonly Cell[], bad: ArrayLike<number>, options: BinningOptions): BinnedVariable {
  const counts = new Map<string, Counted>();
  let missGoods = 0;
  let missBads = 0;
  let G = 0;
  let B = 0;
  values.forEach((v, i) => {
    const y = bad[i] as number;
    if (y === 1) B++;
    else G++;
    if (v === null) {
      if (y === 1) missBads++;
      else missGoods++;
      return;
    }
    const key = String(v);
    const c = counts.get(key) ?? { goods: 0, bads: 0 };
    if (y === 1) c.bads++;
    else c.goods++;
    counts.set(key, c);
  });
  const smoothing = smoothingRows(options, values.length);
  const p = B / (G + B);
  const rare = options.rareCategoryShare * values.length;
  const fine: Array<Counted & { categories: string[]; pooled: boolean }> = [];
  const pool = { goods: 0, bads: 0, categories: [] as string[], pooled: true };
  for (const [category, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (c.goods + c.bads < rare) {
      pool.goods += c.goods;
      pool.bads += c.bads;
      pool.categories.push(category);
    } else fine.push({ ...c, categories: [category], pooled: false });
  }
  if (pool.categories.length > 0) fine.push(pool);
  const smoothedRate = (c: Counted): number => (c.bads + smoothing * p) / (c.goods + c.bads + smoothing);
  fine.sort((a, b) => smoothedRate(a) - smoothedRate(b) || ((a.categories[0] ?? '') < (b.categories[0] ?? '') ? -1 : 1));
  const merged = optimalMerge(fine, {
    maxBins: options.maxBins,
    minCount: Math.ceil(options.minBinShare * values.length),
    direction: 'increasing',
    totalGoods: G,
    totalBads: B,
    smoothing,
  });
  let unseenBin = -1;
  const bins: Array<Omit<ScorecardBin, 'points' | 'woe' | 'iv' | 'label'>> = merged.groups.map(([i, j], gi) => {
    let goods = 0;
    let bads = 0;
    const categories: string[] = [];
    for (let f = i; f < j; f++) {
      const fb = fine[f] as (typeof fine)[number];
      goods += fb.goods;
      bads += fb.bads;
      categories.push(...fb.categories);
      if (fb.pooled) unseenBin = gi;
    }
    return { kind: 'categories', lower: null, upper: null, categories, count: goods + bads, goods, bads };
  });
  bins.push(missingBin(missGoods, missBads));
  if (unseenBin < 0) unseenBin = bins.length - 1;
  return finish(source, 'none', bins, unseenBin, smoothing);
}

/** Index of the bin a row falls in. */
type BinBounds = Pick<ScorecardBin, 'kind' | 'lower' | 'upper' | 'categories'>;
interface Binned {
  type: ColumnType;
  bins: readonly BinBounds[];
  unseenBin: number;
}

export function binIndex(characteristic: Binned & Pick<VariableSource, 'name' | 'oneHotColumns' | 'ratio'>, row: DataRow): number {
  return binOfValue(characteristic, variableValue(characteristic, row));
}

export function binOfValue(characteristic: Binned, value: Cell): number {
  const bins = characteristic.bins;
  const missing = bins.findIndex((b) => b.kind === 'missing');
  if (value === null) return missing >= 0 ? missing : characteristic.unseenBin;
  if (characteristic.type === 'numeric') {
    if (typeof value !== 'number') return missing >= 0 ? missing : characteristic.unseenBin;
    for (let i = 0; i < bins.length; i++) {
      const b = bins[i] as BinBounds;
      if (b.kind !== 'range') continue;
      if ((b.lower === null || value >= b.lower) && (b.upper === null || value < b.upper)) return i;
    }
    return characteristic.unseenBin;
  }
  const text = String(value);
  for (let i = 0; i < bins.length; i++) if ((bins[i] as BinBounds).categories.includes(text)) return i;
  return characteristic.unseenBin;
}
