import { describe, expect, it } from 'vitest';
import type { DecisionStrategyInput } from '@autofin/contracts';
import type { ReplayRecord } from './replay-strategy.ts';
import { replayStrategy } from './replay-strategy.ts';
import { application, context, defaultDecisionStrategy, strategyWith } from '../engine/decision-fixtures.test-support.ts';

/** A stored score: the points decide the tier under each strategy's cut-offs; the PD is what it was. */
const scored = (points: number, pd: number) => ({ modelId: 'demo-application-scorecard', modelVersion: '1', role: 'champion' as const, points, pd, reasonCodes: [] });

// Five past applications, each 175,000 yuan, passing every rule but the score:
//   a1 680 (A) · a2 645 (B) · a3 610 (C) · a4 590 (D) · a5 560 (E)
// Default cut-offs A ≥ 660, B ≥ 630, C ≥ 600, D ≥ 580; actions A/B approve, C conditional, D refer, E decline.
const records: ReplayRecord[] = [
  ['a1', 680, 0.002],
  ['a2', 645, 0.006],
  ['a3', 610, 0.015],
  ['a4', 590, 0.03],
  ['a5', 560, 0.08],
].map(([id, points, pd]) => ({ input: application({ applicationId: id as string }), context: context(), score: scored(points as number, pd as number) }));

describe('replayStrategy (what-if)', () => {
  // The candidate lowers the D cut-off to 600 → 570 and approves D: a4 (590) moves from refer to approve,
  // a5 (560) stays E → decline.
  const candidate = strategyWith((s: DecisionStrategyInput) => {
    const sc = s.stages.find((x) => x.stage === 'scorecard') as { tierMinScores: Record<string, number>; tierActions: Record<string, string> };
    sc.tierMinScores = { A: 660, B: 630, C: 600, D: 570 };
    sc.tierActions = { ...sc.tierActions, D: 'approve' };
    (s as { version: number }).version = 2;
  });
  const r = replayStrategy(records, defaultDecisionStrategy, candidate);

  it('counts statuses, approval rate and the expected bad rate of the approved by hand', () => {
    // Baseline: a1, a2 approved; a3 conditional; a4 referred; a5 declined → 3 of 5 approved = 0.6.
    expect(r.baseline.byStatus).toEqual({ approved: 2, conditionally_approved: 1, referred: 1, declined: 1 });
    expect(r.baseline.approvalRate).toBeCloseTo(0.6, 12);
    // Mean PD of a1, a2, a3 = (0.002 + 0.006 + 0.015) / 3 = 0.0076667.
    expect(r.baseline.expectedBadRate).toBeCloseTo(0.023 / 3, 12);
    expect(r.baseline.approvedLoanAmount).toBe('525000.00');
    // Candidate: a4 approved too → 4 of 5 = 0.8; mean PD (0.002 + 0.006 + 0.015 + 0.03) / 4 = 0.01325.
    expect(r.candidate.byStatus).toEqual({ approved: 3, conditionally_approved: 1, referred: 0, declined: 1 });
    expect(r.candidate.approvalRate).toBeCloseTo(0.8, 12);
    expect(r.candidate.expectedBadRate).toBeCloseTo(0.01325, 12);
    expect(r.candidate.strategy).toEqual({ id: 'cn-retail-demo', version: 2 });
  });

  it('reports volume and approvals per tier', () => {
    const d = r.candidate.byTier.find((t) => t.tier === 'D')!;
    expect(d).toEqual({ tier: 'D', count: 1, approved: 1, approvalRate: 1, meanPd: 0.03, approvedLoanAmount: '175000.00' });
    expect(r.baseline.byTier.find((t) => t.tier === 'D')).toMatchObject({ count: 1, approved: 0, approvalRate: 0, meanPd: null });
    expect(r.baseline.byTier.map((t) => t.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it('lists the applications whose outcome changes, and counts the moves', () => {
    expect(r.transitions).toEqual([{ from: 'referred', to: 'approved', count: 1 }]);
    expect(r.changed).toEqual([{ applicationId: 'a4', from: 'referred', to: 'approved', fromReasons: ['SCORE_REFER'], toReasons: ['APPROVED'] }]);
  });

  it('refers an application replayed without a stored score instead of inventing one', () => {
    const none = replayStrategy([{ ...records[0]!, score: null }], defaultDecisionStrategy, defaultDecisionStrategy);
    expect(none.baseline.byStatus.referred).toBe(1);
    expect(none.baseline.unscored).toBe(1);
    expect(none.changed).toEqual([]);
  });
});
