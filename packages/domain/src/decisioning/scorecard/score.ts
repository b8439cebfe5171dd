import type { ScorecardCharacteristic, ScorecardModel, ScorecardReason, ScorecardResult } from '@autofin/contracts';
import { scorecardModelSchema } from '@autofin/contracts';
import { DomainError } from '../../shared/domain-error.ts';
import type { DataRow } from './data.ts';
import { binIndex } from './binning.ts';
import { reasonText } from './labels.ts';
import { pdFromScore } from './scaling.ts';

export const DEFAULT_MAX_REASONS = 4;

/** Validates an unknown value (e.g. parsed JSON) as a scorecard model. */
export function parseScorecardModel(value: unknown): ScorecardModel {
  const parsed = scorecardModelSchema.safeParse(value);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
    const first = errors[0];
    throw new DomainError('SCORECARD_INVALID_MODEL', `not a scorecard model: ${first ? `${first.field}: ${first.message}` : 'invalid'}`, errors);
  }
  return parsed.data;
}

function bestPoints(characteristic: ScorecardCharacteristic): number {
  return Math.max(...characteristic.bins.map((b) => b.points));
}

/** The bin each characteristic puts the row in. */
export function binsOfRow(model: ScorecardModel, row: DataRow): number[] {
  return model.characteristics.map((c) => binIndex(c, row));
}

/**
 * Scores one applicant: the base points plus each characteristic's bin points, the PD the
 * score stands for, and the reasons: characteristics whose bin earns fewer points than their
 * best bin, most points lost first (ties in model order), at most `maxReasons`.
 */
export function scoreApplicant(model: ScorecardModel, row: DataRow, maxReasons = DEFAULT_MAX_REASONS): ScorecardResult {
  const bins = binsOfRow(model, row);
  let score = model.basePoints;
  const lost: Array<ScorecardReason & { order: number }> = [];
  model.characteristics.forEach((c, k) => {
    const bin = c.bins[bins[k] as number];
    if (!bin) return;
    score += bin.points;
    const pointsLost = bestPoints(c) - bin.points;
    if (pointsLost > 0) lost.push({ characteristic: c.name, bin: bins[k] as number, pointsLost, text: reasonText(c.name, bin), order: k });
  });
  lost.sort((a, b) => b.pointsLost - a.pointsLost || a.order - b.order);
  const reasons = lost.slice(0, maxReasons).map(({ order: _order, ...r }) => r);
  return { score, pd: pdFromScore(model.scaling, score), reasons, modelId: model.id, modelVersion: model.version };
}

export function scoreApplicants(model: ScorecardModel, rows: readonly DataRow[], maxReasons = DEFAULT_MAX_REASONS): ScorecardResult[] {
  return rows.map((r) => scoreApplicant(model, r, maxReasons));
}
