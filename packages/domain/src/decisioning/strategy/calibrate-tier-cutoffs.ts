import type { DecisionStrategy } from '@autofin/contracts';

/** Tier minimum scores, A highest: a score at or above a tier's minimum is in that tier or better. */
export interface TierMinScores {
  A: number;
  B: number;
  C: number;
  D: number;
}

/**
 * The share of a reference population each tier should hold, best first; E takes the rest.
 * The demo's split: A 20 %, B 25 %, C 25 %, D 15 %, E 15 % of the funded book.
 */
export const DEMO_TIER_SHARES = { A: 0.2, B: 0.25, C: 0.25, D: 0.15 } as const;

/**
 * Cut-offs that split `scores` (a reference population, e.g. the book a scorecard was trained
 * on) into tiers of the given shares: A's minimum is the score with `A` of the population at or
 * above it, B's the one with `A + B` at or above it, and so on. Whole points, strictly falling
 * from A to D (ties in a discrete score distribution would otherwise give two tiers one cut-off).
 *
 * Why: cut-offs in points only mean something against the scale of the model in use; a demo
 * model trained on a simulated book whose bad rate is 8 % scores far below a prime book's cut-offs,
 * and would decline everyone. Anchoring the demo's cut-offs on the model's own book keeps the
 * tiers' meaning (best fifth, …) until a risk analyst sets them from a what-if.
 */
export function calibrateTierCutoffs(scores: readonly number[], shares: { A: number; B: number; C: number; D: number } = DEMO_TIER_SHARES): TierMinScores {
  if (scores.length === 0) throw new RangeError('calibrateTierCutoffs needs at least one score');
  const sorted = [...scores].sort((a, b) => b - a);
  // The score at the boundary of the best `share` of the population (nearest rank, rounded up to
  // whole points; the epsilon keeps 0.2 + 0.2 + 0.2 = 0.6000000000000001 from skipping a rank).
  const at = (share: number) => Math.ceil(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length - 1e-9) - 1))]!);
  const a = at(shares.A);
  const b = Math.min(a - 1, at(shares.A + shares.B));
  const c = Math.min(b - 1, at(shares.A + shares.B + shares.C));
  const d = Math.min(c - 1, at(shares.A + shares.B + shares.C + shares.D));
  return { A: a, B: b, C: c, D: d };
}

/** The strategy with its scorecard stage's tier cut-offs replaced (everything else unchanged). */
export function withTierCutoffs(strategy: DecisionStrategy, cutoffs: TierMinScores, note: string): DecisionStrategy {
  return {
    ...strategy,
    description: `${strategy.description} ${note}`,
    stages: strategy.stages.map((s) => (s.stage === 'scorecard' ? { ...s, tierMinScores: { ...cutoffs } } : s)),
  };
}
