import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/domain-error.ts';
import { leastSquares } from './least-squares.ts';

describe('leastSquares', () => {
  it('a straight line through four points, against the textbook formulas', () => {
    // x = 0,1,2,3; y = 1,3,4,6. x̄ = 1.5, ȳ = 3.5
    // Sxy = (−1.5)(−2.5) + (−0.5)(−0.5) + (0.5)(0.5) + (1.5)(2.5) = 3.75 + 0.25 + 0.25 + 3.75 = 8
    // Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5 → slope 8/5 = 1.6; intercept 3.5 − 1.6 × 1.5 = 1.1
    // fitted 1.1, 2.7, 4.3, 5.9 → residuals −0.1, 0.3, −0.3, 0.1 → RSS 0.01 + 0.09 + 0.09 + 0.01 = 0.2
    const r = leastSquares([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 4, 6]);
    expect(r.coefficients[0]).toBeCloseTo(1.1, 12);
    expect(r.coefficients[1]).toBeCloseTo(1.6, 12);
    expect(r.residualSumOfSquares).toBeCloseTo(0.2, 12);
  });

  it('two regressors by the normal equations', () => {
    // Through the origin, columns a = (1,0,1,1), b = (0,1,1,2), y = (1,2,2,4).
    // XᵀX = [[aa, ab], [ab, bb]] = [[3, 3], [3, 6]]; Xᵀy = [a·y, b·y] = [1+2+4, 2+2+8] = [7, 12]
    // det = 18 − 9 = 9; β = (1/9)[[6, −3], [−3, 3]] [7, 12] = (1/9)[42 − 36, −21 + 36] = [2/3, 5/3]
    // fitted: 2/3, 5/3, 7/3, 4 → residuals 1/3, 1/3, −1/3, 0 → RSS 3/9 = 1/3
    const r = leastSquares([[1, 0], [0, 1], [1, 1], [1, 2]], [1, 2, 2, 4]);
    expect(r.coefficients[0]).toBeCloseTo(2 / 3, 12);
    expect(r.coefficients[1]).toBeCloseTo(5 / 3, 12);
    expect(r.residualSumOfSquares).toBeCloseTo(1 / 3, 12);
  });

  it('recovers an exact linear relation', () => {
    // y = 2 + 3·u − v exactly
    const rows = [[1, 0, 0], [1, 1, 0], [1, 0, 1], [1, 2, 5], [1, -1, 3], [1, 4, -2]];
    const y = rows.map(([, u, v]) => 2 + 3 * u! - v!);
    const r = leastSquares(rows, y);
    expect(r.coefficients.map((c) => Number(c.toFixed(10)))).toEqual([2, 3, -1]);
    expect(r.residualSumOfSquares).toBeLessThan(1e-20);
  });

  it('names a column that is a combination of earlier ones', () => {
    // doors = 4 − 2 × coupe: collinear with intercept and coupe
    const rows = [[1, 0, 4], [1, 1, 2], [1, 0, 4], [1, 1, 2], [1, 0, 4]];
    try {
      leastSquares(rows, [1, 2, 3, 4, 5], ['intercept', 'coupe', 'doors']);
      expect.unreachable();
    } catch (err) {
      expect(isDomainError(err) && err.code).toBe('VALUATION_FIT_FAILED');
      if (isDomainError(err)) expect(err.errors[0]!.field).toBe('doors');
    }
  });

  it('refuses fewer rows than coefficients', () => {
    expect(() => leastSquares([[1, 2, 3]], [1])).toThrow(/cannot fit 3/);
  });
});
