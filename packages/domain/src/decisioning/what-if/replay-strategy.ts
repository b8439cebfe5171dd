import type { DecisionInput, DecisionResult, DecisionStatus, DecisionStrategy, RiskTier, ScorecardModel, WhatIfResult, WhatIfStrategySummary } from '@autofin/contracts';
import { decisionStatuses, riskTiers } from '@autofin/contracts';
import { formatMoney, parseMoney } from '../../finance/money.ts';
import type { DecisionContext } from '../engine/decision-context.ts';
import type { StoredScore } from '../engine/decide-application.ts';
import { decideApplication } from '../engine/decide-application.ts';

/** One past application as stored with its decision: the input, the data used, and its score. */
export interface ReplayRecord {
  readonly input: DecisionInput;
  readonly context: DecisionContext;
  /** The score the decision stored; null when it never reached the scorecard. */
  readonly score: StoredScore | null;
}

const APPROVED: ReadonlySet<DecisionStatus> = new Set(['approved', 'conditionally_approved']);

/** Replays one strategy over the records on their stored scores: no re-scoring, no offer pricing. */
export function replayDecisions(records: readonly ReplayRecord[], strategy: DecisionStrategy, models: readonly ScorecardModel[] = []): DecisionResult[] {
  return records.map((r) => decideApplication(r.input, r.context, strategy, models, { storedScore: r.score, priceOffer: false, counterOffer: false }));
}

export function summariseDecisions(strategy: DecisionStrategy, results: readonly DecisionResult[]): WhatIfStrategySummary {
  const byStatus = Object.fromEntries(decisionStatuses.map((s) => [s, 0])) as Record<DecisionStatus, number>;
  const tiers = new Map<RiskTier, { count: number; approved: number; pdSum: number; pdN: number; loan: number }>(riskTiers.map((t) => [t, { count: 0, approved: 0, pdSum: 0, pdN: 0, loan: 0 }]));
  let approved = 0;
  let pdSum = 0;
  let pdN = 0;
  let loan = 0;
  let unscored = 0;
  for (const r of results) {
    byStatus[r.status] += 1;
    const ok = APPROVED.has(r.status);
    const amount = parseMoney(r.measures.loanAmount);
    if (ok) {
      approved += 1;
      loan += amount;
      if (r.score) {
        pdSum += r.score.pd;
        pdN += 1;
      }
    }
    if (!r.score) {
      if (r.rules.some((x) => x.code === 'SCORECARD' && x.outcome !== 'skipped')) unscored += 1;
      continue;
    }
    const t = tiers.get(r.score.tier)!;
    t.count += 1;
    if (ok) {
      t.approved += 1;
      t.pdSum += r.score.pd;
      t.pdN += 1;
      t.loan += amount;
    }
  }
  return {
    strategy: { id: strategy.id, version: strategy.version },
    total: results.length,
    byStatus,
    approved,
    approvalRate: results.length ? approved / results.length : null,
    expectedBadRate: pdN ? pdSum / pdN : null,
    approvedLoanAmount: formatMoney(loan),
    byTier: riskTiers.map((tier) => {
      const t = tiers.get(tier)!;
      return { tier, count: t.count, approved: t.approved, approvalRate: t.count ? t.approved / t.count : null, meanPd: t.pdN ? t.pdSum / t.pdN : null, approvedLoanAmount: formatMoney(t.loan) };
    }),
    unscored,
  };
}

const decidingCodes = (r: DecisionResult): string[] => (r.status === 'approved' ? ['APPROVED'] : r.reasons.map((x) => x.code));

/**
 * What-if: the baseline and the candidate strategy replayed over the same past applications,
 * on the scores stored with them: approval rate, expected bad rate (mean PD of the approved),
 * volume and approvals per tier, and the applications whose outcome changes (from → to).
 * Pure; the caller loads the records.
 */
export function replayStrategy(records: readonly ReplayRecord[], baseline: DecisionStrategy, candidate: DecisionStrategy, models: readonly ScorecardModel[] = []): WhatIfResult {
  const before = replayDecisions(records, baseline, models);
  const after = replayDecisions(records, candidate, models);
  const moves = new Map<string, { from: DecisionStatus; to: DecisionStatus; count: number }>();
  const changed: WhatIfResult['changed'] = [];
  before.forEach((b, i) => {
    const a = after[i]!;
    if (a.status === b.status) return;
    const key = `${b.status}>${a.status}`;
    const m = moves.get(key) ?? { from: b.status, to: a.status, count: 0 };
    m.count += 1;
    moves.set(key, m);
    changed.push({ applicationId: b.applicationId, from: b.status, to: a.status, fromReasons: decidingCodes(b), toReasons: decidingCodes(a) });
  });
  return {
    baseline: summariseDecisions(baseline, before),
    candidate: summariseDecisions(candidate, after),
    transitions: [...moves.values()].sort((x, y) => y.count - x.count || (x.from + x.to < y.from + y.to ? -1 : 1)),
    changed,
  };
}
