import type { BinCounts } from './woe.ts';

/**
 * The shape the bad rate must follow across groups: monotone, or one turn (peak: up then down;
 * valley: down then up). Each step between neighbouring groups is strict.
 */
export type Direction = 'increasing' | 'decreasing' | 'peak' | 'valley';

export interface MergeOptions {
  /** Most groups allowed. */
  maxBins: number;
  /** Fewest rows a group may hold. */
  minCount: number;
  /** How the bad rate must move from one group to the next (strictly). */
  direction: Direction;
  /** Totals the IV is measured against (all rows of the variable, missing included). */
  totalGoods: number;
  totalBads: number;
  /** Pseudo-rows pulling each group toward the overall bad rate (keeps IV finite). */
  smoothing: number;
}

export interface MergeResult {
  /** Group boundaries as [start, end) indices into the fine bins. */
  groups: Array<[number, number]>;
  iv: number;
}

/**
 * Merges adjacent fine bins into at most `maxBins` groups, each with at least `minCount` rows
 * and bad rates following the `direction` shape, so as to maximise the information value.
 * Exact dynamic programme over (groups used, start of last group, end): O(n³·maxBins), which
 * for the 20 fine bins used in practice is a few tens of thousands of steps. When no grouping
 * meets the share constraint the whole range is one group.
 */
export function optimalMerge(fine: readonly BinCounts[], options: MergeOptions): MergeResult {
  const n = fine.length;
  if (n === 0) return { groups: [], iv: 0 };
  const G = options.totalGoods;
  const B = options.totalBads;
  const p = B / (G + B);
  const m = options.smoothing;
  const cumG = [0];
  const cumB = [0];
  for (const f of fine) {
    cumG.push((cumG.at(-1) as number) + f.goods);
    cumB.push((cumB.at(-1) as number) + f.bads);
  }
  const goods = (i: number, j: number): number => (cumG[j] as number) - (cumG[i] as number);
  const bads = (i: number, j: number): number => (cumB[j] as number) - (cumB[i] as number);
  const rate = (i: number, j: number): number => bads(i, j) / (goods(i, j) + bads(i, j));
  const iv = (i: number, j: number): number => {
    const g = goods(i, j);
    const b = bads(i, j);
    const woe = Math.log(((g + m * (1 - p)) / G) / ((b + m * p) / B));
    return (g / G - b / B) * woe;
  };
  const valid = (i: number, j: number): boolean => goods(i, j) + bads(i, j) >= options.minCount;
  const up = (a: number, b: number): boolean => a < b;
  const down = (a: number, b: number): boolean => a > b;
  // Phase 0 steps, and phase 1 steps (after the turn) for the one-turn shapes.
  const first = options.direction === 'increasing' || options.direction === 'peak' ? up : down;
  const second = options.direction === 'peak' ? down : options.direction === 'valley' ? up : null;
  const phases = second ? 2 : 1;

  const K = Math.max(1, options.maxBins);
  // score[k][ph][i][j]: best IV covering [0, j) with k+1 groups, the last being [i, j), in phase ph.
  const size = (n + 1) * (n + 1);
  const score: Float64Array[][] = [];
  const prev: Int32Array[][] = [];
  const prevPhase: Int8Array[][] = [];
  for (let k = 0; k < K; k++) {
    score.push(Array.from({ length: phases }, () => new Float64Array(size).fill(Number.NEGATIVE_INFINITY)));
    prev.push(Array.from({ length: phases }, () => new Int32Array(size).fill(-1)));
    prevPhase.push(Array.from({ length: phases }, () => new Int8Array(size)));
  }
  const at = (i: number, j: number): number => i * (n + 1) + j;
  for (let j = 1; j <= n; j++) if (valid(0, j)) (score[0]?.[0] as Float64Array)[at(0, j)] = iv(0, j);
  for (let k = 1; k < K; k++) {
    for (let i = 1; i < n; i++) {
      for (let j = i + 1; j <= n; j++) {
        if (!valid(i, j)) continue;
        const r = rate(i, j);
        const gain = iv(i, j);
        for (let h = 0; h < i; h++) {
          const rPrev = rate(h, i);
          for (let from = 0; from < phases; from++) {
            const base = (score[k - 1]?.[from] as Float64Array)[at(h, i)] as number;
            if (base === Number.NEGATIVE_INFINITY) continue;
            // From phase 0: continue the first trend, or turn (phase 1); phase 1 must keep the second.
            let to = -1;
            if (from === 0 && first(rPrev, r)) to = 0;
            else if (second && second(rPrev, r)) to = 1;
            if (to < 0) continue;
            const s = score[k]?.[to] as Float64Array;
            if (base + gain > (s[at(i, j)] as number)) {
              s[at(i, j)] = base + gain;
              (prev[k]?.[to] as Int32Array)[at(i, j)] = h;
              (prevPhase[k]?.[to] as Int8Array)[at(i, j)] = from;
            }
          }
        }
      }
    }
  }
  let bestK = -1;
  let bestI = -1;
  let bestPh = 0;
  let best = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < K; k++) {
    for (let ph = 0; ph < phases; ph++) {
      for (let i = 0; i < n; i++) {
        const v = (score[k]?.[ph] as Float64Array)[at(i, n)] as number;
        // Strictly better only (with a little tolerance): fewer groups win ties.
        if (v > best + 1e-12) {
          best = v;
          bestK = k;
          bestI = i;
          bestPh = ph;
        }
      }
    }
  }
  if (bestK < 0) return { groups: [[0, n]], iv: iv(0, n) };
  const groups: Array<[number, number]> = [];
  let j = n;
  let i = bestI;
  let ph = bestPh;
  for (let k = bestK; k >= 0; k--) {
    groups.unshift([i, j]);
    const h = (prev[k]?.[ph] as Int32Array)[at(i, j)] as number;
    ph = (prevPhase[k]?.[ph] as Int8Array)[at(i, j)] as number;
    j = i;
    i = h;
  }
  return { groups, iv: best };
}
