import { describe, expect, it } from 'vitest';
import { binPoints, makeScaling, pdFromScore, scoreFromLogOdds } from './scaling.ts';

describe('score scaling', () => {
  const s = makeScaling(600, 50, 20);

  it('factor = PDO / ln 2 and offset = base − factor · ln(base odds)', () => {
    // 20 / 0.69314718 = 28.85390082; ln 50 = 3.91202301; 28.85390082 × 3.91202301 = 112.87712380
    expect(s.factor).toBeCloseTo(28.85390082, 7);
    expect(s.offset).toBeCloseTo(600 - 112.8771238, 6);
  });

  it('600 at 50:1, 620 at 100:1, 580 at 25:1; PD 1/51 at 600', () => {
    expect(scoreFromLogOdds(s, Math.log(50))).toBeCloseTo(600, 9);
    expect(scoreFromLogOdds(s, Math.log(100))).toBeCloseTo(620, 9);
    expect(scoreFromLogOdds(s, Math.log(25))).toBeCloseTo(580, 9);
    expect(pdFromScore(s, 600)).toBeCloseTo(1 / 51, 12);
    expect(pdFromScore(s, 620)).toBeCloseTo(1 / 101, 12);
  });

  it('points per bin for a hand example, worst bin 0, total unchanged', () => {
    // intercept 2 → 487.1228762 + 28.8539008 × 2 = 544.8306778 → 545
    // c1: β 0.8 → 23.0831207 × WOE [−0.5, 0.2, 0.9] = [−11.54, 4.62, 20.77] → [−12, 5, 21] → +12 → [0, 17, 33]
    // c2: β 1.2 → 34.6246810 × WOE [0.3, −0.4] = [10.39, −13.85] → [10, −14] → +14 → [24, 0]
    // base points 545 − 12 − 14 = 519
    const r = binPoints(s, 2, [
      { coefficient: 0.8, woe: [-0.5, 0.2, 0.9] },
      { coefficient: 1.2, woe: [0.3, -0.4] },
    ]);
    expect(r.points).toEqual([
      [0, 17, 33],
      [24, 0],
    ]);
    expect(r.basePoints).toBe(519);
    // An applicant in c1 bin 3 and c2 bin 1: 545 + 21 + 10 = 576 before the shift.
    expect(r.basePoints + 33 + 24).toBe(576);
  });

  it('rejects non-positive odds or PDO', () => {
    expect(() => makeScaling(600, 0, 20)).toThrow(/base odds/);
    expect(() => makeScaling(600, 50, -1)).toThrow();
  });
});
