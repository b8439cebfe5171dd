import type { ScorecardScaling } from '@autofin/contracts';
import { DomainError } from '../../shared/domain-error.ts';

/**
 * Score scaling: score = offset + factor · ln(good:bad odds), with factor = PDO / ln 2 (so the
 * odds double every PDO points) and offset = base − factor · ln(base odds) (so the base score
 * sits at the base odds). 600 at 50:1 with PDO 20: factor 28.8539, offset 487.123.
 */
export function makeScaling(baseScore = 600, baseOdds = 50, pdo = 20): ScorecardScaling {
  if (!(baseOdds > 0) || !(pdo > 0) || !Number.isFinite(baseScore)) {
    throw new DomainError('SCORECARD_INVALID_DATA', 'scaling needs a finite base score, base odds > 0 and PDO > 0', [
      { field: 'scaling', message: 'base odds and PDO must be positive' },
    ]);
  }
  const factor = pdo / Math.LN2;
  return { baseScore, baseOdds, pdo, factor, offset: baseScore - factor * Math.log(baseOdds) };
}

/** Points for a good:bad log-odds. */
export function scoreFromLogOdds(scaling: ScorecardScaling, logOdds: number): number {
  return scaling.offset + scaling.factor * logOdds;
}

/** Probability of the bad outcome at a score: 1 / (1 + odds), odds = e^((score − offset)/factor). */
export function pdFromScore(scaling: ScorecardScaling, score: number): number {
  const logOdds = (score - scaling.offset) / scaling.factor;
  return logOdds >= 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * Integer points per bin from the regression: raw points factor·β·WOE rounded half away from
 * zero, then shifted so that each characteristic's worst bin earns 0; the shifts and the
 * intercept's points go into the base points. The total is unchanged by the shift.
 */
export function binPoints(
  scaling: ScorecardScaling,
  intercept: number,
  characteristics: ReadonlyArray<{ coefficient: number; woe: readonly number[] }>,
): { basePoints: number; points: number[][] } {
  return pointsFromLogOdds(
    scaling,
    intercept,
    characteristics.map(({ coefficient, woe }) => woe.map((w) => coefficient * w)),
  );
}

/** The same from each bin's contribution to the log-odds of good (β·WOE, or a bin's own effect). */
export function pointsFromLogOdds(scaling: ScorecardScaling, intercept: number, contributions: ReadonlyArray<readonly number[]>): { basePoints: number; points: number[][] } {
  const round = (v: number): number => Math.sign(v) * Math.round(Math.abs(v));
  let basePoints = round(scaling.offset + scaling.factor * intercept);
  const points = contributions.map((logOdds) => {
    const raw = logOdds.map((c) => round(scaling.factor * c));
    const min = Math.min(...raw);
    basePoints += min;
    return raw.map((r) => r - min);
  });
  return { basePoints, points };
}
