import { describe, expect, it } from 'vitest';
import { calibrateTierCutoffs, withTierCutoffs } from './calibrate-tier-cutoffs.ts';
import { defaultDecisionStrategy } from './default-strategy.ts';
import { parseDecisionStrategy } from './parse-strategy.ts';

describe('calibrateTierCutoffs', () => {
  it('splits 100 distinct scores 501..600 into 20/25/25/15/15', () => {
    const scores = Array.from({ length: 100 }, (_, i) => 501 + i);
    // Sorted best first: 600, 599, … The 20th best is 581, the 45th 556, the 70th 531, the 85th 516.
    expect(calibrateTierCutoffs(scores)).toEqual({ A: 581, B: 556, C: 531, D: 516 });
  });

  it('keeps the cut-offs strictly falling when the scores tie', () => {
    const scores = [...Array(50).fill(560), ...Array(50).fill(540)];
    // A: 20th best = 560; B: 45th best = 560 → 559; C: 70th best = 540; D: 85th best = 540 → 539.
    expect(calibrateTierCutoffs(scores)).toEqual({ A: 560, B: 559, C: 540, D: 539 });
  });

  it('rounds fractional scores up to whole points', () => {
    expect(calibrateTierCutoffs([600.2, 590.5, 580.1, 570.9, 560], { A: 0.2, B: 0.2, C: 0.2, D: 0.2 })).toEqual({ A: 601, B: 591, C: 581, D: 571 });
  });

  it('gives a strategy that still passes the schema, with only the cut-offs changed', () => {
    const s = withTierCutoffs(defaultDecisionStrategy, { A: 590, B: 575, C: 560, D: 545 }, 'calibrated');
    expect(() => parseDecisionStrategy(s)).not.toThrow();
    const stage = s.stages.find((x) => x.stage === 'scorecard');
    expect(stage && 'tierMinScores' in stage ? stage.tierMinScores : null).toEqual({ A: 590, B: 575, C: 560, D: 545 });
    expect(s.stages.length).toBe(defaultDecisionStrategy.stages.length);
  });
});
