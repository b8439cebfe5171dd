import type { CalibrationBand, ScorecardModel, ScorecardPerformance, ScoreDistribution } from '@autofin/contracts';
import type { DataRow } from './data.ts';
import { cellText } from './data.ts';
import { auc, ks } from './metrics.ts';
import { bandCounts, bandOf, populationStabilityIndex } from './psi.ts';
import { binsOfRow, scoreApplicant } from './score.ts';
import { pdFromScore } from './scaling.ts';
import type { ScorecardScaling } from '@autofin/contracts';

/**
 * AUC, KS and Gini of scores against outcomes (1 = bad), and calibration by score band: per
 * band the rows, bads, observed bad rate and mean PD the scores stand for.
 */
export function scorePerformance(scores: readonly number[], bad: ArrayLike<number>, scaling: ScorecardScaling, edges: readonly number[]): ScorecardPerformance {
  const risk = scores.map((s) => -s);
  let bads = 0;
  for (let i = 0; i < bad.length; i++) if (bad[i] === 1) bads++;
  const a = auc(risk, bad);
  const bands: Array<{ count: number; bads: number; pdSum: number }> = Array.from({ length: edges.length + 1 }, () => ({ count: 0, bads: 0, pdSum: 0 }));
  scores.forEach((s, i) => {
    const b = bands[bandOf(edges, s)] as { count: number; bads: number; pdSum: number };
    b.count++;
    if (bad[i] === 1) b.bads++;
    b.pdSum += pdFromScore(scaling, s);
  });
  const calibration: CalibrationBand[] = bands.map((b, k) => ({
    from: k === 0 ? null : (edges[k - 1] as number),
    to: k === edges.length ? null : (edges[k] as number),
    count: b.count,
    bads: b.bads,
    observedBadRate: b.count > 0 ? b.bads / b.count : null,
    meanPd: b.count > 0 ? b.pdSum / b.count : null,
  }));
  return {
    rows: scores.length,
    bads,
    badRate: scores.length > 0 ? bads / scores.length : 0,
    auc: a,
    ks: ks(risk, bad),
    gini: 2 * a - 1,
    calibration,
  };
}

export function scoreDistribution(scores: readonly number[], edges: readonly number[]): ScoreDistribution {
  const counts = bandCounts(edges, scores);
  return { edges: [...edges], shares: counts.map((c) => (scores.length > 0 ? c / scores.length : 0)) };
}

export interface StabilityReport {
  /** PSI of the score bands against the training score distribution. */
  score: number;
  /** The new rows per score band (the bands of the model's scoreDistribution), for charts. */
  scoreCounts: number[];
  characteristics: Array<{ name: string; psi: number; expected: number[]; actual: number[] }>;
}

/** PSI of each characteristic's bin shares and of the score, new rows against training. */
export function stability(model: ScorecardModel, rows: readonly DataRow[]): StabilityReport {
  const actual = model.characteristics.map((c) => new Array<number>(c.bins.length).fill(0));
  const scores: number[] = [];
  for (const row of rows) {
    const bins = binsOfRow(model, row);
    bins.forEach((b, k) => {
      const a = actual[k] as number[];
      a[b] = (a[b] as number) + 1;
    });
    scores.push(scoreApplicant(model, row, 0).score);
  }
  const scoreCounts = bandCounts(model.scoreDistribution.edges, scores);
  return {
    score: populationStabilityIndex(model.scoreDistribution.shares, scoreCounts),
    scoreCounts,
    characteristics: model.characteristics.map((c, k) => {
      const expected = c.bins.map((b) => b.count);
      return { name: c.name, psi: populationStabilityIndex(expected, actual[k] as number[]), expected, actual: actual[k] as number[] };
    }),
  };
}

export interface Evaluation {
  rows: number;
  /** Present when the rows carry the model's target column. */
  performance: ScorecardPerformance | null;
  stability: StabilityReport;
}

/**
 * The model on new data: discrimination and calibration when every row carries the target
 * (AUC, KS and Gini are NaN when the sample holds only one outcome), and PSI.
 */
export function evaluateScorecard(model: ScorecardModel, rows: readonly DataRow[]): Evaluation {
  const hasTarget = rows.length > 0 && rows.every((r) => Object.hasOwn(r, model.target));
  let performance: ScorecardPerformance | null = null;
  if (hasTarget) {
    const bad = Uint8Array.from(rows, (r) => (cellText(r[model.target]) === model.badValue ? 1 : 0));
    const scores = rows.map((r) => scoreApplicant(model, r, 0).score);
    performance = scorePerformance(scores, bad, model.scaling, model.scoreDistribution.edges);
  }
  return { rows: rows.length, performance, stability: stability(model, rows) };
}
