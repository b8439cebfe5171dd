import type {
  DecisionInput,
  DecisionReason,
  DecisionResult,
  DecisionScore,
  DecisionStage,
  DecisionStatus,
  DecisionStipulation,
  DecisionStrategy,
  RiskTier,
  RuleResult,
  ScorecardModel,
  ScorecardStage,
  StipulationType,
  TierAction,
} from '@autofin/contracts';
import { rulebookOn } from '../../compliance/check-auto-loan.ts';
import { formatMoney } from '../../finance/money.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { binLabel } from '../scorecard/labels.ts';
import { scoreApplicant } from '../scorecard/score.ts';
import { APPLICATION_CHARACTERISTICS, applicationCharacteristics } from './characteristics.ts';
import { chooseModel } from './choose-model.ts';
import { findCounterOffer } from './counter-offer.ts';
import type { DecisionContext } from './decision-context.ts';
import { decisionDate } from './decision-context.ts';
import { evaluateCondition } from './evaluate-condition.ts';
import type { RuleVerdict } from './evaluate-rule.ts';
import { evaluateRule, pct2 } from './evaluate-rule.ts';
import type { ApplicationMeasures } from './measure-application.ts';
import { measureApplication } from './measure-application.ts';
import { decisionOfferOf, priceRequest } from './price-request.ts';

/** A score as the decision stored it: replays (what-if) reuse it instead of running the model again. */
export type StoredScore = Omit<DecisionScore, 'tier' | 'action'>;

export interface DecideOptions {
  /** A monotonic clock in ms (e.g. performance.now) to time the stages; without it timings are empty. */
  readonly clock?: () => number;
  /**
   * Use this score instead of running a model (what-if replays a strategy over stored scores).
   * null: no score was stored, so none is available: the scorecard stage refers the application.
   */
  readonly storedScore?: StoredScore | null;
  /** Price the approved offer (default true; a what-if replay turns it off). */
  readonly priceOffer?: boolean;
  /** Look for a counter-offer when affordability or LTV fails (default: the strategy's setting). */
  readonly counterOffer?: boolean;
}

const SEVERITY: Record<RuleResult['outcome'], number> = { skipped: 0, pass: 0, condition: 1, refer: 2, decline: 3 };

/** The kinds a counter-offer can fix by lending less or longer. */
export const AFFORDABILITY_KINDS = new Set(['max_pti', 'max_dti', 'max_ltv']);

interface Failure {
  readonly code: string;
  readonly kind: string;
  readonly stage: DecisionStage;
  readonly outcome: 'decline' | 'refer' | 'condition';
  readonly reason: { zh: string; en: string };
}

function tierOf(points: number, stage: ScorecardStage): RiskTier {
  const m = stage.tierMinScores;
  return points >= m.A ? 'A' : points >= m.B ? 'B' : points >= m.C ? 'C' : points >= m.D ? 'D' : 'E';
}

const ACTION_OUTCOME: Record<TierAction, RuleResult['outcome']> = { approve: 'pass', conditional: 'condition', refer: 'refer', decline: 'decline' };

/** Score reasons in words: the characteristic's label and the applicant's bin, e.g. "Payment-to-income %: 40 or more". */
function scoreReasonCodes(model: ScorecardModel, reasons: ReturnType<typeof scoreApplicant>['reasons']): DecisionScore['reasonCodes'] {
  return reasons.map((r) => {
    const spec = APPLICATION_CHARACTERISTICS.find((c) => c.name === r.characteristic);
    const bin = model.characteristics.find((c) => c.name === r.characteristic)?.bins[r.bin];
    const label = bin ? binLabel(bin) : r.text;
    return {
      code: `SCORE_${r.characteristic.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`,
      zh: spec ? `${spec.label.zh}：${label.zh}` : r.text.zh,
      en: spec ? `${spec.label.en}: ${label.en}` : r.text.en,
      pointsLost: r.pointsLost,
    };
  });
}

function findModel(models: readonly ScorecardModel[], modelId: string, modelVersion: string): ScorecardModel {
  const model = models.find((m) => m.id === modelId && m.version === modelVersion);
  if (!model) {
    throw new DomainError('DECISION_MODEL_MISSING', `the strategy needs scorecard ${modelId} v${modelVersion}, which is not loaded`, [{ field: 'strategy.scorecard', message: `model ${modelId} v${modelVersion} is not in the registry` }]);
  }
  return model;
}

/**
 * Decides one application: the strategy's stages in order (data checks, policy, fraud, the
 * scorecard, conditions), each rule's outcome recorded; a stage stops the decision when its
 * `stopOn` matches the decision so far (e.g. a data-check failure declines without scoring).
 * The status is the worst outcome: any decline → declined; else any referral → referred; else
 * stipulations → conditionally_approved; else approved. An approval carries the offer priced by
 * the quote engine at the scored tier; a decline or referral caused only by affordability or LTV
 * carries a counter-offer that the same strategy approves.
 *
 * Pure: everything comes in through the arguments (the clock only times stages).
 */
export function decideApplication(input: DecisionInput, ctx: DecisionContext, strategy: DecisionStrategy, models: readonly ScorecardModel[], options: DecideOptions = {}): DecisionResult {
  const clock = options.clock;
  const timings: Record<string, number> = {};
  const t0 = clock?.();
  let mark = t0;
  const lap = (name: string) => {
    if (!clock || mark === undefined) return;
    const now = clock();
    timings[name] = Math.round((now - mark) * 1000) / 1000;
    mark = now;
  };

  let m = measureApplication(input, ctx);
  lap('measure');
  const rules: RuleResult[] = [];
  let failures: Failure[] = [];
  const stipulations = new Map<StipulationType, DecisionStipulation & { amountFen: number | null }>();
  let score: DecisionScore | null = null;
  let scoreAction: TierAction | null = null;
  let scorecardStage: ScorecardStage | null = null;
  let stoppedAfter: DecisionStage | null = null;
  let modelRef: { id: string; version: string } | null = null;

  const addStipulation = (type: StipulationType, code: string, reason: { zh: string; en: string }, amountFen: number | null) => {
    const prev = stipulations.get(type);
    if (prev && (prev.amountFen ?? 0) >= (amountFen ?? 0)) return;
    stipulations.set(type, { type, code, zh: reason.zh, en: reason.en, amount: amountFen === null ? null : formatMoney(amountFen), amountFen });
  };
  const worst = (): number => Math.max(0, ...failures.map((f) => SEVERITY[f.outcome]));
  const record = (stage: DecisionStage, code: string, kind: string, v: RuleVerdict, reason: { zh: string; en: string }) => {
    rules.push({ code, stage, kind, outcome: v.outcome, value: v.value, threshold: v.threshold, unit: v.unit, note: v.note });
    if (v.outcome === 'decline' || v.outcome === 'refer' || v.outcome === 'condition') failures.push({ code, kind, stage, outcome: v.outcome, reason });
    if (v.outcome === 'condition' && v.stipulation) addStipulation(v.stipulation.type, code, reason, v.stipulation.amountFen);
  };

  for (const stage of strategy.stages) {
    if (stoppedAfter !== null) {
      const note = `not run: the decision stopped after ${stoppedAfter}`;
      if (stage.stage === 'scorecard') rules.push({ code: 'SCORECARD', stage: 'scorecard', kind: 'scorecard', outcome: 'skipped', value: null, threshold: null, unit: 'score', note });
      else if (stage.stage === 'conditions') for (const c of stage.conditions) rules.push({ code: c.code, stage: 'conditions', kind: c.kind, outcome: 'skipped', value: null, threshold: null, unit: null, note });
      else for (const r of stage.rules) rules.push({ code: r.code, stage: stage.stage, kind: r.kind, outcome: 'skipped', value: null, threshold: null, unit: null, note });
      continue;
    }
    if (stage.stage === 'scorecard') {
      scorecardStage = stage;
      let points: number;
      let pd: number;
      let reasonCodes: DecisionScore['reasonCodes'];
      let role: 'champion' | 'challenger';
      let ref: { modelId: string; modelVersion: string };
      if (options.storedScore === null) {
        rules.push({ code: 'SCORECARD', stage: 'scorecard', kind: 'scorecard', outcome: 'refer', value: null, threshold: null, unit: 'score', note: 'no stored score for this application' });
        failures.push({ code: 'SCORE_UNAVAILABLE', kind: 'scorecard', stage: 'scorecard', outcome: 'refer', reason: { zh: '无可用评分，需人工审核', en: 'No score is available: manual review needed' } });
        lap(stage.stage);
        continue;
      }
      if (options.storedScore) {
        ({ points, pd, reasonCodes, role } = options.storedScore);
        ref = { modelId: options.storedScore.modelId, modelVersion: options.storedScore.modelVersion };
      } else {
        const chosen = chooseModel(stage, input.applicationId);
        const model = findModel(models, chosen.ref.modelId, chosen.ref.modelVersion);
        const result = scoreApplicant(model, applicationCharacteristics(input, ctx, m));
        points = result.score;
        pd = result.pd;
        reasonCodes = scoreReasonCodes(model, result.reasons);
        role = chosen.role;
        ref = chosen.ref;
      }
      modelRef = { id: ref.modelId, version: ref.modelVersion };
      const tier = tierOf(points, stage);
      const action = stage.tierActions[tier];
      scoreAction = action;
      score = { modelId: ref.modelId, modelVersion: ref.modelVersion, role, points, pd, tier, action, reasonCodes };
      const threshold = tier === 'E' ? null : String(stage.tierMinScores[tier]);
      const v: RuleVerdict = { outcome: ACTION_OUTCOME[action], value: String(points), threshold, unit: 'score', note: `tier ${tier} (PD ${(pd * 100).toFixed(2)}%) → ${action}` };
      const reason = action === 'approve' ? { zh: '', en: '' } : stage.reasons[action];
      rules.push({ code: 'SCORECARD', stage: 'scorecard', kind: 'scorecard', outcome: v.outcome, value: v.value, threshold: v.threshold, unit: v.unit, note: v.note });
      if (action !== 'approve') failures.push({ code: `SCORE_${action.toUpperCase()}`, kind: 'scorecard', stage: 'scorecard', outcome: ACTION_OUTCOME[action] as Failure['outcome'], reason });
      // Affordability is held to the price the customer will actually be offered: when the score
      // moves the tier, re-price and re-check the PTI/DTI rules already recorded.
      if (tier !== m.pricingTier) {
        m = measureApplication(input, ctx, tier);
        remeasureAffordability(strategy, input, ctx, m, rules, (code, next) => {
          failures = failures.filter((f) => f.code !== code);
          if (next) failures.push(next);
        });
      }
    } else if (stage.stage === 'conditions') {
      if (worst() >= SEVERITY.decline) {
        for (const c of stage.conditions) rules.push({ code: c.code, stage: 'conditions', kind: c.kind, outcome: 'skipped', value: null, threshold: null, unit: null, note: 'not needed: the application is declined' });
      } else {
        for (const c of stage.conditions) record('conditions', c.code, c.kind, evaluateCondition(c, input, m, score?.tier ?? null), c.reason);
      }
    } else {
      for (const r of stage.rules) record(stage.stage, r.code, r.kind, evaluateRule(r, input, ctx, m), r.reason);
    }
    lap(stage.stage);
    const w = worst();
    if ((stage.stopOn === 'decline' && w >= SEVERITY.decline) || (stage.stopOn === 'decline_or_refer' && w >= SEVERITY.refer)) stoppedAfter = stage.stage;
  }

  // A conditional tier with no condition attached still needs something to verify.
  if (scoreAction === 'conditional' && stipulations.size === 0 && scorecardStage) {
    for (const type of scorecardStage.conditionalStipulations) addStipulation(type, 'SCORE_CONDITIONAL', scorecardStage.reasons.conditional, null);
  }

  const w = worst();
  let status: DecisionStatus = w >= SEVERITY.decline ? 'declined' : w >= SEVERITY.refer ? 'referred' : stipulations.size > 0 || w >= SEVERITY.condition ? 'conditionally_approved' : 'approved';

  // ---- the offer: the quote engine's price at the scored tier (with the larger down payment a condition asks for) ----
  let offer: DecisionResult['offer'] = null;
  const extraReasons: DecisionReason[] = [];
  if ((status === 'approved' || status === 'conditionally_approved') && options.priceOffer !== false) {
    const extraDown = stipulations.get('larger_down_payment')?.amountFen ?? 0;
    const tier = score?.tier ?? m.pricingTier;
    // The request as measured is already priced at this tier unless a condition raised the down payment.
    const priced = extraDown === 0 && tier === m.pricingTier ? m.priced : priceRequest(input, ctx, { tier, downPaymentFen: input.deal.downPaymentFen + extraDown });
    if (priced.offer) offer = decisionOfferOf(priced.offer);
    else {
      status = 'referred';
      extraReasons.push({
        code: 'OFFER_NOT_PRICED',
        stage: 'scorecard',
        zh: '无法按评分等级为该申请定价，需人工审核',
        en: 'The application cannot be priced at its risk tier: manual review needed',
      });
    }
    lap('offer');
  }

  // ---- the counter-offer: only when every failure is one a smaller loan or a longer term fixes ----
  let counterOffer: DecisionResult['counterOffer'] = null;
  const blocking = failures.filter((f) => f.outcome === 'decline' || f.outcome === 'refer');
  const wantCounter = options.counterOffer ?? strategy.counterOffer.enabled;
  // The product refusing only for the down payment (its LTV or minimum down) is the same failure seen by the product.
  const downPaymentOnly = m.priced.ineligible.length > 0 && m.priced.ineligible.every((r) => r.field === 'downPayment');
  const fixable = (f: Failure) => AFFORDABILITY_KINDS.has(f.kind) || (f.kind === 'product_eligible' && downPaymentOnly);
  if (wantCounter && (status === 'declined' || status === 'referred') && blocking.length > 0 && blocking.every(fixable) && extraReasons.length === 0) {
    counterOffer = findCounterOffer(input, ctx, strategy, m, blocking.map((f) => ({ code: f.code, kind: f.kind })), (candidate) =>
      decideApplication(candidate, ctx, strategy, models, { counterOffer: false, ...(options.storedScore !== undefined ? { storedScore: options.storedScore } : {}) }),
    );
    lap('counter_offer');
  }

  // ---- reasons: declines, then referrals, then conditions; an approval says so ----
  const reasons: DecisionReason[] = [...failures]
    .sort((a, b) => SEVERITY[b.outcome] - SEVERITY[a.outcome])
    .filter((f) => f.reason.zh !== '' || f.reason.en !== '')
    .map((f) => ({ code: f.code, stage: f.stage, zh: f.reason.zh, en: f.reason.en }));
  reasons.push(...extraReasons);
  const scoreCodes = score as DecisionScore | null;
  if (scoreCodes && (scoreAction === 'decline' || scoreAction === 'refer')) {
    for (const r of scoreCodes.reasonCodes.slice(0, 3)) reasons.push({ code: r.code, stage: 'scorecard', zh: r.zh, en: r.en });
  }
  if (status === 'conditionally_approved' && reasons.length === 0) {
    for (const s of stipulations.values()) reasons.push({ code: s.code, stage: 'conditions', zh: s.zh, en: s.en });
  }
  if (status === 'approved') reasons.push({ code: 'APPROVED', stage: 'scorecard', zh: '申请已通过全部审批规则', en: 'The application passed every rule of the strategy' });

  if (clock && t0 !== undefined) timings.total = Math.round((clock() - t0) * 1000) / 1000;
  let rulebook: string | null = null;
  try {
    rulebook = rulebookOn(decisionDate(ctx)).version;
  } catch {
    rulebook = null;
  }
  return {
    applicationId: input.applicationId,
    decidedAt: ctx.now,
    status,
    reasons,
    rules,
    score,
    stipulations: [...stipulations.values()].map(({ amountFen: _amountFen, ...s }) => s),
    offer,
    counterOffer,
    measures: measuresOf(m),
    versions: {
      strategy: { id: strategy.id, version: strategy.version },
      model: modelRef,
      grid: { id: ctx.grid.id, version: ctx.grid.version },
      rulebook,
      products: ctx.products.map((p) => ({ code: p.definition.code, version: p.version })),
    },
    timings,
  };
}

const REPRICED_KINDS = new Set(['max_pti', 'max_dti']);

/** Re-evaluates the recorded PTI/DTI rules on measures priced at the scored tier, replacing their results. */
function remeasureAffordability(
  strategy: DecisionStrategy,
  input: DecisionInput,
  ctx: DecisionContext,
  m: ApplicationMeasures,
  rules: RuleResult[],
  replace: (code: string, failure: Failure | null) => void,
): void {
  for (const stage of strategy.stages) {
    if (!('rules' in stage)) continue;
    for (const r of stage.rules) {
      if (!REPRICED_KINDS.has(r.kind)) continue;
      const k = rules.findIndex((x) => x.code === r.code);
      if (k < 0 || rules[k]!.outcome === 'skipped') continue;
      const v = evaluateRule(r, input, ctx, m);
      const note = `${v.note ?? ''} (at the tier-${m.pricingTier} price)`.trim();
      rules[k] = { code: r.code, stage: stage.stage, kind: r.kind, outcome: v.outcome, value: v.value, threshold: v.threshold, unit: v.unit, note };
      replace(r.code, v.outcome === 'decline' || v.outcome === 'refer' || v.outcome === 'condition' ? { code: r.code, kind: r.kind, stage: stage.stage, outcome: v.outcome, reason: r.reason } : null);
    }
  }
}

export function measuresOf(m: ApplicationMeasures): DecisionResult['measures'] {
  return {
    loanAmount: formatMoney(m.loanFen),
    vehicleValue: formatMoney(m.valueFen),
    monthlyIncome: formatMoney(m.incomeFen),
    instalment: m.instalmentFen === null ? null : formatMoney(m.instalmentFen),
    pti: pct2(m.pti),
    dti: pct2(m.dti),
    ltv: pct2(m.ltv),
    ageYears: m.ageYears,
    ageAtMaturityYears: m.ageAtMaturityYears,
  };
}
