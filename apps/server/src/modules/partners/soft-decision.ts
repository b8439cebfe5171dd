import type { DecisionInput, DecisionResult, DecisionScore, DecisionStrategy, RiskTier, ScorecardModel, ScorecardStage, StrategyRule } from '@autofin/contracts';
import {
  APPLICATION_CHARACTERISTICS,
  applicationCharacteristics,
  binLabel,
  binsOfRow,
  decideApplication,
  measureApplication,
  pdFromScore,
  type DecisionContext,
  type StoredScore,
} from '@autofin/domain';

/**
 * The soft check's use of the decision engine (pure: no I/O). The published strategy is run on
 * the declared data with the rules that need what a soft check does not have switched off, and the
 * champion scorecard scored with the characteristics it does not know at their population average.
 */

/** Rule kinds a soft check cannot run, and why (the response lists them as not checked). */
const UNCHECKABLE: Partial<Record<StrategyRule['kind'], string>> = {
  id_valid: 'needs the resident ID number, which a soft check does not take',
  phone_valid: 'needs the mobile number, which a soft check does not take',
  company_code_valid: 'corporate applications are not pre-qualified',
  identity_mismatch: 'needs the ID number to compare the declared birth date and gender with',
  blacklist: 'needs the ID number, phone and device to look up',
  bureau_required: 'needs the credit bureau, which a soft check never queries',
  min_bureau_score: 'needs the credit bureau, which a soft check never queries',
  velocity: 'needs the ID number, phone or device to count earlier applications',
  phone_shared: 'needs the phone number',
  dealer_surge: 'runs on the dealer’s submitted applications, not on a soft check',
};
const AGE_KINDS = new Set<StrategyRule['kind']>(['min_age', 'max_age_at_maturity']);

export interface SoftStrategy {
  strategy: DecisionStrategy;
  notChecked: Array<{ code: string; kind: string; why: string }>;
  /** The scorecard stage kept (champion only), or null when the tier comes from policy only. */
  scorecard: ScorecardStage | null;
}

/**
 * The published strategy for a soft check: rules needing the bureau, the identity or the
 * application history are disabled (and listed), the age rules too without a birth date; the
 * scorecard keeps only its champion (a challenger split is for real applications), or goes when
 * no champion model is loaded.
 */
export function softStrategy(published: DecisionStrategy, opts: { hasBirthDate: boolean; champion: ScorecardModel | null }): SoftStrategy {
  const notChecked: SoftStrategy['notChecked'] = [];
  let scorecard: ScorecardStage | null = null;
  const stages: DecisionStrategy['stages'] = [];
  for (const stage of published.stages) {
    if (stage.stage === 'scorecard') {
      if (!opts.champion || stage.champion.modelId !== opts.champion.id || stage.champion.modelVersion !== opts.champion.version) {
        notChecked.push({ code: 'SCORECARD', kind: 'scorecard', why: 'no champion scorecard is loaded: the tier is the engine’s pre-score pricing tier' });
        continue;
      }
      scorecard = { ...stage, challengers: [] };
      stages.push(scorecard);
    } else if (stage.stage === 'conditions') {
      stages.push(stage);
    } else {
      stages.push({
        ...stage,
        rules: stage.rules.map((r) => {
          if (!r.enabled) return r;
          const why = UNCHECKABLE[r.kind] ?? (AGE_KINDS.has(r.kind) && !opts.hasBirthDate ? 'needs the applicant’s birth date (send applicant.birthDate)' : null);
          if (!why) return r;
          notChecked.push({ code: r.code, kind: r.kind, why });
          return { ...r, enabled: false };
        }),
      } as typeof stage);
    }
  }
  return { strategy: { ...published, stages }, notChecked, scorecard };
}

export interface SoftScore {
  stored: StoredScore;
  tier: RiskTier;
  unknown: string[];
  range: { worstPoints: number; bestPoints: number; worstTier: RiskTier; bestTier: RiskTier };
}

export function tierOfPoints(points: number, stage: ScorecardStage): RiskTier {
  const m = stage.tierMinScores;
  return points >= m.A ? 'A' : points >= m.B ? 'B' : points >= m.C ? 'C' : points >= m.D ? 'D' : 'E';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The champion's score on the declared data, measured as the engine measures an application
 * without a bureau score (the deal priced at the pre-score tier). Each characteristic in
 * `unknown` (the bureau score always; age and housing when not declared) counts at its
 * count-weighted average over the model's training bins — what a typical applicant with this
 * income, deal and vehicle scores — and at its worst and best bins for the range.
 */
export function softScore(model: ScorecardModel, stage: ScorecardStage, input: DecisionInput, ctx: DecisionContext, unknownNames: ReadonlySet<string>): SoftScore {
  const m = measureApplication(input, ctx);
  const row = applicationCharacteristics(input, ctx, m);
  const bins = binsOfRow(model, row);
  let known = model.basePoints;
  let expected = 0;
  let worst = 0;
  let best = 0;
  const unknown: string[] = [];
  const reasonCodes: DecisionScore['reasonCodes'] = [];
  model.characteristics.forEach((c, k) => {
    if (unknownNames.has(c.name) && (row[c.name] === null || row[c.name] === undefined)) {
      unknown.push(c.name);
      const total = c.bins.reduce((n, b) => n + b.count, 0);
      expected += total > 0 ? c.bins.reduce((s, b) => s + b.count * b.points, 0) / total : c.bins.reduce((s, b) => s + b.points, 0) / c.bins.length;
      worst += Math.min(...c.bins.map((b) => b.points));
      best += Math.max(...c.bins.map((b) => b.points));
      return;
    }
    const bin = c.bins[bins[k]!];
    if (!bin) return;
    known += bin.points;
    const lost = Math.max(...c.bins.map((b) => b.points)) - bin.points;
    if (lost > 0) {
      const spec = APPLICATION_CHARACTERISTICS.find((x) => x.name === c.name);
      const label = binLabel(bin);
      reasonCodes.push({
        code: `SCORE_${c.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`,
        zh: spec ? `${spec.label.zh}：${label.zh}` : `${c.name}: ${label.zh}`,
        en: spec ? `${spec.label.en}: ${label.en}` : `${c.name}: ${label.en}`,
        pointsLost: round2(lost),
      });
    }
  });
  reasonCodes.sort((a, b) => b.pointsLost - a.pointsLost);
  const points = round2(known + expected);
  const worstPoints = round2(known + worst);
  const bestPoints = round2(known + best);
  return {
    stored: { modelId: model.id, modelVersion: model.version, role: 'champion', points, pd: pdFromScore(model.scaling, points), reasonCodes: reasonCodes.slice(0, 4) },
    tier: tierOfPoints(points, stage),
    unknown,
    range: { worstPoints, bestPoints, worstTier: tierOfPoints(worstPoints, stage), bestTier: tierOfPoints(bestPoints, stage) },
  };
}

/** One soft decision of `input`: the engine with the soft strategy and, when there is one, the soft score in place of a model run. */
export function decideSoftly(input: DecisionInput, ctx: DecisionContext, soft: SoftStrategy, model: ScorecardModel | null, unknownNames: ReadonlySet<string>, counterOffer: boolean): { result: DecisionResult; score: SoftScore | null } {
  const score = soft.scorecard && model ? softScore(model, soft.scorecard, input, ctx, unknownNames) : null;
  const result = decideApplication(input, ctx, soft.strategy, model ? [model] : [], { counterOffer, ...(score ? { storedScore: score.stored } : {}) });
  return { result, score };
}
