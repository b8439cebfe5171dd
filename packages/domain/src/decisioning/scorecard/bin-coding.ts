import type { DataRow } from './data.ts';
import { binOfValue, mergeRangeBins, variableValue } from './binning.ts';
import type { BinnedVariable } from './binning.ts';
import { fitLogistic } from './logistic.ts';

/**
 * The second way to turn bins into points ("bins" coding): one indicator per bin, so each bin's
 * effect is estimated beside the other characteristics rather than taken from its own WOE.
 * Where a numeric characteristic's fitted effects run against its trend, the two adjacent bins
 * with its largest reversal are merged (every such characteristic at once) and the model refitted, until every monotone
 * characteristic has monotone points again.
 */
export interface BinCodedFit {
  selected: BinnedVariable[];
  intercept: number;
  /** Log-odds of good contributed by each bin of each selected characteristic. */
  contributions: number[][];
  /** How many bin merges the monotone repair needed. */
  merges: number;
}

export function binIndexColumn(v: BinnedVariable, rows: readonly DataRow[]): Int32Array {
  return Int32Array.from(rows, (r) => binOfValue(v, variableValue(v, r)));
}

export function fitBinCoded(
  kept: readonly BinnedVariable[],
  binColumns: ReadonlyMap<string, Int32Array>,
  bad: ArrayLike<number>,
  l2: number,
  smoothing: number,
  tolerance?: number,
): BinCodedFit {
  const n = bad.length;
  const good = Float64Array.from({ length: n }, (_, i) => 1 - (bad[i] as number));
  let vars = [...kept];
  let cols = vars.map((v) => binColumns.get(v.name) as Int32Array);
  let merges = 0;
  for (;;) {
    // One column per bin that has training rows; L2 keeps the full dummy set identifiable.
    const offsets: number[][] = [];
    let p = 0;
    for (const v of vars) offsets.push(v.bins.map((b) => (b.count > 0 ? p++ : -1)));
    const values = new Float64Array(n * p);
    vars.forEach((_, j) => {
      const col = cols[j] as Int32Array;
      const off = offsets[j] as number[];
      for (let i = 0; i < n; i++) {
        const c = off[col[i] as number] as number;
        if (c >= 0) values[i * p + c] = 1;
      }
    });
    const fit = fitLogistic({ rows: n, columns: p, values }, good, { l2, ...(tolerance ? { tolerance } : {}) });
    const contributions = vars.map((v, j) => {
      const off = offsets[j] as number[];
      const fitted = v.bins.map((_, i) => ((off[i] as number) >= 0 ? (fit.coefficients[off[i] as number] as number) : Number.NaN));
      // A bin with no training rows (e.g. missing never seen) gets the characteristic's average.
      let sum = 0;
      let count = 0;
      v.bins.forEach((b, i) => {
        if (b.count > 0) {
          sum += b.count * (fitted[i] as number);
          count += b.count;
        }
      });
      return fitted.map((c) => (Number.isNaN(c) ? sum / count : c));
    });
    // The largest reversal in each characteristic is repaired in the same round.
    const repairs: Array<{ j: number; i: number }> = [];
    vars.forEach((v, j) => {
      if (v.type !== 'numeric' || (v.trend !== 'increasing' && v.trend !== 'decreasing')) return;
      const c = contributions[j] as number[];
      let worst: { i: number; by: number } | null = null;
      for (let i = 0; i + 1 < v.bins.length; i++) {
        if (v.bins[i]?.kind !== 'range' || v.bins[i + 1]?.kind !== 'range') continue;
        // Bad rate rising with the value: the log-odds of good must not rise.
        const step = (c[i + 1] as number) - (c[i] as number);
        const by = v.trend === 'increasing' ? step : -step;
        if (by > 1e-9 && (!worst || by > worst.by)) worst = { i, by };
      }
      if (worst) repairs.push({ j, i: worst.i });
    });
    if (repairs.length === 0) return { selected: vars, intercept: fit.intercept, contributions, merges };
    for (const { j, i } of repairs) {
      const merged = mergeRangeBins(vars[j] as BinnedVariable, i, smoothing);
      const col = Int32Array.from(cols[j] as Int32Array, (b) => (b > i ? b - 1 : b));
      vars = vars.map((v, k) => (k === j ? merged : v));
      cols = cols.map((c, k) => (k === j ? col : c));
      merges++;
    }
  }
}
