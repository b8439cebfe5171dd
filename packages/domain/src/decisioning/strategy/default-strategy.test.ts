import { describe, expect, it } from 'vitest';
import type { DecisionStrategyInput } from '@autofin/contracts';
import { DomainError } from '../../shared/domain-error.ts';
import { defaultDecisionStrategy } from './default-strategy.ts';
import { parseDecisionStrategy } from './parse-strategy.ts';

const copy = () => structuredClone(defaultDecisionStrategy) as DecisionStrategyInput;

function fields(value: unknown): string[] {
  try {
    parseDecisionStrategy(value);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('DECISION_STRATEGY_INVALID');
    return (err as DomainError).errors.map((e) => e.field);
  }
}

describe('the decision strategy schema', () => {
  it('validates the default demo strategy, whose every rule has a code, both texts and a rationale', () => {
    expect(parseDecisionStrategy(copy())).toEqual(defaultDecisionStrategy);
    expect(defaultDecisionStrategy.stages.map((s) => s.stage)).toEqual(['data_checks', 'policy', 'fraud', 'scorecard', 'conditions']);
    type Item = { code: string; reason: { zh: string; en: string }; rationale: string };
    const items = defaultDecisionStrategy.stages.flatMap((s): Item[] => (s.stage === 'scorecard' ? [] : s.stage === 'conditions' ? s.conditions : s.rules));
    expect(items.length).toBe(27);
    for (const r of items) {
      expect(r.reason.zh.length, r.code).toBeGreaterThan(0);
      expect(r.reason.en.length, r.code).toBeGreaterThan(0);
      expect(r.rationale.length, r.code).toBeGreaterThan(20);
    }
  });

  it('names the field of each mistake: a duplicate code, a stage twice, no scorecard, tiers out of order, too much challenger traffic', () => {
    const dup = copy();
    (dup.stages[1] as { rules: Array<{ code: string }> }).rules[1]!.code = 'POLICY_MAX_PTI';
    // Rule 1 now takes POLICY_MAX_PTI first, so the original at rule 3 is the second use.
    expect(fields(dup)).toContain('stages.1.rules.3.code');

    const twice = copy();
    twice.stages.push(structuredClone(twice.stages[0]!));
    expect(fields(twice)).toContain('stages.5.stage');

    const noScore = copy();
    noScore.stages = noScore.stages.filter((s) => s.stage !== 'scorecard');
    expect(fields(noScore)).toContain('stages');

    const tiers = copy();
    const sc = tiers.stages.find((s) => s.stage === 'scorecard') as { tierMinScores: Record<string, number>; challengers: unknown[] };
    sc.tierMinScores = { A: 600, B: 630, C: 600, D: 580 };
    sc.challengers = [
      { modelId: 'x', modelVersion: '1', share: 0.6 },
      { modelId: 'y', modelVersion: '1', share: 0.6 },
    ];
    expect(fields(tiers)).toEqual(expect.arrayContaining(['stages.3.tierMinScores', 'stages.3.challengers']));

    const condition = copy();
    (condition.stages[1] as { rules: Array<{ outcome: string }> }).rules[3]!.outcome = 'condition';
    expect(fields(condition)).toEqual(['stages.1.rules.3.stipulation']);

    const badCode = copy();
    (badCode.stages[0] as { rules: Array<{ code: string }> }).rules[0]!.code = 'lower-case';
    expect(fields(badCode)).toContain('stages.0.rules.0.code');
  });
});
