import { chiSquareSurvival } from './chi-square.ts';

export interface SampleRatioResult {
  observed: Record<string, number>;
  expected: Record<string, number>;
  chiSquare: number;
  df: number;
  pValue: number;
  /** p < 0.001: the arms' sizes are not what the shares promise — the split (or the counting) is broken. */
  mismatch: boolean;
}

/** The usual threshold for a sample-ratio mismatch alarm (Fabijan et al., KDD 2019). */
export const SRM_ALPHA = 0.001;

/**
 * Sample-ratio check: Pearson's χ² of the arms' observed sizes against their set shares (any
 * positive weights; they are normalised). A mismatch means something dropped or double-counted
 * customers in one arm, and the arm comparison cannot be trusted. null with fewer than two arms or
 * no customers.
 */
export function sampleRatioCheck(observedCounts: Readonly<Record<string, number>>, expectedShares: Readonly<Record<string, number>>): SampleRatioResult | null {
  const keys = Object.keys(expectedShares).filter((k) => (expectedShares[k] ?? 0) > 0);
  if (keys.length < 2) return null;
  const total = keys.reduce((s, k) => s + (observedCounts[k] ?? 0), 0);
  if (total === 0) return null;
  const shareSum = keys.reduce((s, k) => s + (expectedShares[k] ?? 0), 0);
  const observed: Record<string, number> = {};
  const expected: Record<string, number> = {};
  let chiSquare = 0;
  for (const k of keys) {
    const o = observedCounts[k] ?? 0;
    const e = (total * (expectedShares[k] ?? 0)) / shareSum;
    observed[k] = o;
    expected[k] = e;
    chiSquare += ((o - e) * (o - e)) / e;
  }
  const df = keys.length - 1;
  const pValue = chiSquareSurvival(chiSquare, df);
  return { observed, expected, chiSquare, df, pValue, mismatch: pValue < SRM_ALPHA };
}
