/**
 * Weight of evidence and information value of a set of bins, from good and bad counts.
 *
 * WOE_i = ln((g_i / G) / (b_i / B)), higher = better; IV = Σ (g_i/G − b_i/B) · WOE_i.
 * With `smoothing` m > 0 each bin's counts are pulled toward the overall bad rate p by m
 * pseudo-rows (g_i + m(1−p), b_i + m·p), so an empty or tiny bin has a finite WOE near 0.
 */
export interface BinCounts {
  goods: number;
  bads: number;
}

export interface WoeIv {
  woe: number[];
  iv: number[];
  totalIv: number;
}

export function woeIv(bins: readonly BinCounts[], smoothing = 0): WoeIv {
  let G = 0;
  let B = 0;
  for (const b of bins) {
    G += b.goods;
    B += b.bads;
  }
  const p = B / (G + B);
  const woe: number[] = [];
  const iv: number[] = [];
  let totalIv = 0;
  for (const b of bins) {
    const g = b.goods + smoothing * (1 - p);
    const d = b.bads + smoothing * p;
    // Shares of the smoothed totals, so that bins with no rows get WOE exactly 0.
    const gs = g / (G + smoothing * (1 - p) * bins.length);
    const bs = d / (B + smoothing * p * bins.length);
    const w = g === 0 && d === 0 ? 0 : Math.log(gs / bs);
    woe.push(w);
    const contribution = Number.isFinite(w) ? (b.goods / G - b.bads / B) * w : Number.POSITIVE_INFINITY;
    iv.push(contribution);
    totalIv += contribution;
  }
  return { woe, iv, totalIv };
}
