import { describe, expect, it } from 'vitest';
import { parseDate } from '../dates.ts';
import { irrApr } from './irr.ts';
import { expandSeries } from './payment-series.ts';
import { solveRate } from './solve-rate.ts';

const d = (s: string) => parseDate(s);

/**
 * PBoC announcement 〔2021〕 No. 3 asks for the annualised rate by IRR on the borrower's actual
 * cash flows. Expected values below were computed independently of this code, by 200-step
 * bisection of Σ CF_t / (1 + i)^t in Python's 50-digit decimal arithmetic.
 */
describe('PBoC annualised rate (IRR)', () => {
  it('flat-fee 12000 over 12 months at 0.6%/month: 1072 a month is 13.03% simple, 13.84% compound (not the 7.2% "rate")', () => {
    const r = irrApr({ advances: [{ date: d('2026-01-15'), amount: 12000_00 }], payments: expandSeries(d('2026-02-15'), 1072_00, 12, 'month') });
    expect(r.aprSimple * 100).toBeCloseTo(13.03422428, 7);
    expect(r.aprCompound * 100).toBeCloseTo(13.84178507, 7);
  });

  it('a 2000 cash fee on 100000 at 4.5% over 36 months lifts the rate to 5.85%', () => {
    const payments = [...expandSeries(d('2026-02-15'), 2974_69, 35, 'month'), { date: d('2029-01-15'), amount: 2974_78 }];
    const r = irrApr({ advances: [{ date: d('2026-01-15'), amount: 98000_00 }], payments });
    expect(r.aprSimple * 100).toBeCloseTo(5.84996556, 7);
    const plain = irrApr({ advances: [{ date: d('2026-01-15'), amount: 100000_00 }], payments });
    expect(plain.aprSimple * 100).toBeCloseTo(4.49999758, 7);
  });

  it('is zero for an interest-free, fee-free loan', () => {
    expect(irrApr({ advances: [{ date: d('2026-01-15'), amount: 1200_00 }], payments: expandSeries(d('2026-02-15'), 100_00, 12, 'month') }).aprSimple).toBe(0);
  });

  it('converges to 1e-10 on irregular flows and balloons (residual of the equation at the root)', () => {
    const flows = {
      amounts: Float64Array.from([100000_00, -500_00, -20000_00, -1000_00, -90000_00]),
      t: Float64Array.from([0, 1, 2, 7, 24]),
      f: Float64Array.from([0, 0, 0, 0.5, 0]),
    };
    const i = solveRate(flows, 'compound');
    const npv = (x: number) => [...flows.amounts].reduce((s, a, k) => s + a / (1 + x) ** ((flows.t[k] ?? 0) + (flows.f[k] ?? 0)), 0);
    expect(Math.sign(npv(i - 1e-10))).not.toBe(Math.sign(npv(i + 1e-10)));
  });

  it('finds negative rates when less comes back than was lent', () => {
    const r = irrApr({ advances: [{ date: d('2026-01-15'), amount: 1200_00 }], payments: expandSeries(d('2026-02-15'), 90_00, 12, 'month') });
    expect(r.aprSimple).toBeLessThan(0);
  });
});
