/** Share given to an empty bin so that PSI stays finite (a common convention: 0.01%). */
export const PSI_EMPTY_SHARE = 1e-4;

/**
 * Population stability index between an expected (training) and an actual (new) distribution
 * over the same bins, each given as counts or shares: Σ (a_i − e_i) · ln(a_i / e_i) over shares,
 * empty bins counting PSI_EMPTY_SHARE. Rule of thumb: < 0.1 stable, 0.1–0.25 watch, > 0.25 shifted.
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length !== actual.length) throw new RangeError('PSI needs the same bins on both sides');
  const te = expected.reduce((s, v) => s + v, 0);
  const ta = actual.reduce((s, v) => s + v, 0);
  if (te <= 0 || ta <= 0) return Number.NaN;
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max((expected[i] as number) / te, PSI_EMPTY_SHARE);
    const a = Math.max((actual[i] as number) / ta, PSI_EMPTY_SHARE);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/** Inner band edges at the deciles (or `bands` quantiles) of a score sample, distinct. */
export function quantileEdges(values: readonly number[], bands = 10): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  if (sorted.length === 0) return edges;
  for (let q = 1; q < bands; q++) {
    const v = sorted[Math.floor((q * sorted.length) / bands)] as number;
    if (v > (sorted[0] as number) && (edges.length === 0 || v > (edges.at(-1) as number))) edges.push(v);
  }
  return edges;
}

/** Band of a value given inner edges: band k holds [edges[k−1], edges[k]). */
export function bandOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value >= (edges[mid] as number)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function bandCounts(edges: readonly number[], values: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) counts[bandOf(edges, v)] = (counts[bandOf(edges, v)] as number) + 1;
  return counts;
}
