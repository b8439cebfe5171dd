// Discrimination measures. Every function takes a risk value per row (higher = riskier, e.g. a
// PD or a negated score) and the outcome (1 = bad, 0 = good).

function check(risk: ArrayLike<number>, bad: ArrayLike<number>): { bads: number; goods: number } {
  if (risk.length !== bad.length) throw new RangeError('risk and outcome lengths differ');
  let bads = 0;
  for (let i = 0; i < bad.length; i++) if (bad[i] === 1) bads++;
  return { bads, goods: bad.length - bads };
}

function order(risk: ArrayLike<number>): number[] {
  const idx = Array.from({ length: risk.length }, (_, i) => i);
  idx.sort((a, b) => (risk[a] as number) - (risk[b] as number));
  return idx;
}

/**
 * Area under the ROC curve: the probability that a random bad is riskier than a random good,
 * ties counting one half (the Mann–Whitney U statistic over bads × goods). NaN with one class.
 */
export function auc(risk: ArrayLike<number>, bad: ArrayLike<number>): number {
  const { bads, goods } = check(risk, bad);
  if (bads === 0 || goods === 0) return Number.NaN;
  const idx = order(risk);
  let goodsBelow = 0;
  let u = 0;
  for (let start = 0; start < idx.length; ) {
    let end = start;
    const v = risk[idx[start] as number] as number;
    let tieBads = 0;
    let tieGoods = 0;
    while (end < idx.length && risk[idx[end] as number] === v) {
      if (bad[idx[end] as number] === 1) tieBads++;
      else tieGoods++;
      end++;
    }
    u += tieBads * (goodsBelow + tieGoods / 2);
    goodsBelow += tieGoods;
    start = end;
  }
  return u / (bads * goods);
}

/** Gini coefficient (accuracy ratio) = 2·AUC − 1. */
export function gini(risk: ArrayLike<number>, bad: ArrayLike<number>): number {
  return 2 * auc(risk, bad) - 1;
}

/**
 * Kolmogorov–Smirnov statistic: the largest gap between the cumulative shares of bads and of
 * goods, cutting only between distinct risk values (tied rows are never split).
 */
export function ks(risk: ArrayLike<number>, bad: ArrayLike<number>): number {
  const { bads, goods } = check(risk, bad);
  if (bads === 0 || goods === 0) return Number.NaN;
  const idx = order(risk);
  let cumBad = 0;
  let cumGood = 0;
  let best = 0;
  for (let start = 0; start < idx.length; ) {
    let end = start;
    const v = risk[idx[start] as number] as number;
    while (end < idx.length && risk[idx[end] as number] === v) {
      if (bad[idx[end] as number] === 1) cumBad++;
      else cumGood++;
      end++;
    }
    best = Math.max(best, Math.abs(cumGood / goods - cumBad / bads));
    start = end;
  }
  return best;
}
