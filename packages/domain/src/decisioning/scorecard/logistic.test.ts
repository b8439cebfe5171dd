import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choleskySolve, fitLogistic, matrixFromRows } from './logistic.ts';

function binaryDesign(groups: Array<{ x: number; events: number; n: number }>): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.n; i++) {
      x.push([g.x]);
      y.push(i < g.events ? 1 : 0);
    }
  }
  return { x, y };
}

describe('logistic regression', () => {
  it('single binary feature, no penalty: the coefficient is the log odds ratio', () => {
    // x = 0: 20 events of 100 → intercept ln(20/80) = ln 0.25 = −1.3862944
    // x = 1: 60 events of 100 → odds 1.5, odds ratio 1.5 / 0.25 = 6 → β = ln 6 = 1.7917595
    const { x, y } = binaryDesign([
      { x: 0, events: 20, n: 100 },
      { x: 1, events: 60, n: 100 },
    ]);
    const fit = fitLogistic(matrixFromRows(x, 1), y, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(0.25), 7);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(6), 7);
  });

  it('intercept only: the log odds of the event rate', () => {
    const fit = fitLogistic(matrixFromRows(Array.from({ length: 10 }, () => []), 0), [1, 1, 1, 0, 0, 0, 0, 0, 0, 0], { l2: 0 });
    expect(fit.intercept).toBeCloseTo(Math.log(3 / 7), 8);
  });

  it('the L2 penalty shrinks the coefficient toward 0 and leaves the stationarity condition', () => {
    const { x, y } = binaryDesign([
      { x: 0, events: 20, n: 100 },
      { x: 1, events: 60, n: 100 },
    ]);
    const free = fitLogistic(matrixFromRows(x, 1), y, { l2: 0 });
    const ridge = fitLogistic(matrixFromRows(x, 1), y, { l2: 10 });
    expect(ridge.coefficients[0] as number).toBeLessThan(free.coefficients[0] as number);
    expect(ridge.coefficients[0] as number).toBeGreaterThan(0);
    // At the optimum Σ (y − μ)·x = λβ and Σ (y − μ) = 0 (the intercept is not penalised).
    let g0 = 0;
    let g1 = 0;
    x.forEach((row, i) => {
      const mu = 1 / (1 + Math.exp(-(ridge.intercept + (ridge.coefficients[0] as number) * (row[0] as number))));
      g0 += (y[i] as number) - mu;
      g1 += ((y[i] as number) - mu) * (row[0] as number);
    });
    expect(g0).toBeCloseTo(0, 6);
    expect(g1).toBeCloseTo(10 * (ridge.coefficients[0] as number), 6);
  });

  it('separable data stays finite with a penalty', () => {
    const { x, y } = binaryDesign([
      { x: 0, events: 0, n: 50 },
      { x: 1, events: 50, n: 50 },
    ]);
    const fit = fitLogistic(matrixFromRows(x, 1), y, { l2: 1 });
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0] as number).toBeGreaterThan(2);
  });

  it('sparse indicator designs: one indicator per group, penalised, meets the score equations', () => {
    // Four groups of 50 with 5, 10, 20, 30 events; one indicator column per group (and the
    // intercept), so every row has two non-zero entries and the sparse Newton step is used.
    const events = [5, 10, 20, 30];
    const x: number[][] = [];
    const y: number[] = [];
    events.forEach((e, g) => {
      for (let i = 0; i < 50; i++) {
        x.push([0, 1, 2, 3].map((k) => (k === g ? 1 : 0)));
        y.push(i < e ? 1 : 0);
      }
    });
    const lambda = 0.5;
    const fit = fitLogistic(matrixFromRows(x, 4), y, { l2: lambda });
    // Per group: events − Σ μ = λ·β_g; overall: events − Σ μ = 0.
    let total = 0;
    events.forEach((e, g) => {
      const mu = 1 / (1 + Math.exp(-(fit.intercept + (fit.coefficients[g] as number))));
      const residual = e - 50 * mu;
      total += residual;
      expect(residual).toBeCloseTo(lambda * (fit.coefficients[g] as number), 6);
    });
    expect(total).toBeCloseTo(0, 6);
    // Ordered like the event rates.
    expect(fit.coefficients[0] as number).toBeLessThan(fit.coefficients[1] as number);
    expect(fit.coefficients[2] as number).toBeLessThan(fit.coefficients[3] as number);
  });

  it('Cholesky solves a 2 × 2 system by hand: [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0]', () => {
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it('property: fitted probabilities average to the event rate (intercept score equation)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.boolean()), { minLength: 20, maxLength: 60 }), (data) => {
        const events = data.filter(([, e]) => e).length;
        fc.pre(events > 2 && events < data.length - 2);
        const fit = fitLogistic(
          matrixFromRows(
            data.map(([v]) => [v]),
            1,
          ),
          data.map(([, e]) => (e ? 1 : 0)),
          { l2: 1 },
        );
        const mean = data.reduce((s, [v]) => s + 1 / (1 + Math.exp(-(fit.intercept + (fit.coefficients[0] as number) * v))), 0) / data.length;
        expect(mean).toBeCloseTo(events / data.length, 6);
      }),
      { numRuns: 50 },
    );
  });
});
