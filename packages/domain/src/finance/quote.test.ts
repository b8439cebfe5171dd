import { describe, expect, it } from 'vitest';
import { quoteRequestSchema } from '@autofin/contracts';
import { regzApr } from './apr/regz.ts';
import { parseDate } from './dates.ts';
import { quoteLoan } from './quote.ts';

const request = (extra: Record<string, unknown> = {}) =>
  quoteRequestSchema.parse({ principal: '100000.00', annualRate: '4.5', term: 36, method: 'equal-installment', disbursementDate: '2026-01-15', ...extra });

describe('quoteLoan (the wire-level quote the CLI and server share)', () => {
  it('defaults: 30/360, first payment one period after disbursement', () => {
    const q = quoteLoan(request());
    expect(q.installments[0]).toMatchObject({ date: '2026-02-15', payment: '2974.69', interest: '375.00' });
    expect(q.installments).toHaveLength(36);
  });

  it('a balloon as a percent of the vehicle price: 30% of 150000 = 45000 (hand)', () => {
    const q = quoteLoan(request({ method: 'balloon', balloonPercent: '30', vehiclePrice: '150000.00' }));
    const last = q.installments.at(-1);
    // the last installment repays the balloon plus the last regular principal
    expect(Number(last?.principal)).toBeGreaterThan(45000);
    expect(Number(last?.principal)).toBeLessThan(45000 + 2000);
  });

  it('names vehiclePrice when a balloon percent has no price', () => {
    expect(() => quoteLoan(request({ method: 'balloon', balloonPercent: '30' }))).toThrowError(/vehiclePrice/);
  });

  it('maps the fee shorthands: an upfront fee raises both APRs; a financed fee raises the note amount', () => {
    const plain = quoteLoan(request());
    const fees = quoteLoan(request({ upfrontFee: '2000.00', financedFees: '1000.00', periodicFee: '10.00' }));
    expect(fees.noteAmount).toBe('101000.00');
    expect(fees.amountFinanced).toBe('98000.00');
    expect(fees.totalFees).toBe('3360.00');
    expect(fees.aprSimple).toBeGreaterThan(plain.aprSimple);
    expect(fees.aprRegZ).toBeGreaterThan(plain.aprRegZ);
    expect(fees.installments[0]?.fee).toBe('10.00');
  });

  it('seasonal defaults to quarterly payments', () => {
    const q = quoteLoan(request({ method: 'seasonal', term: 12 }));
    expect(q.installments.map((i) => i.date)).toEqual(['2026-04-15', '2026-07-15', '2026-10-15', '2027-01-15']);
    expect(q.aprRegZ).toBeCloseTo(4.5, 4); // quarterly unit period: 4 × the quarterly rate
  });
});

describe('Reg Z with more than one advance', () => {
  it('two advances and twelve payments built at 1% a month give 12% (hand: A1 + A2/1.01 = PV of payments at 1%)', () => {
    const d = (s: string) => parseDate(s);
    // PV at 1%/month of the advances: 1000 + 1010/1.01 = 2000; payments from month 2 to 13 with
    // PV 2000 at 1%: P = 2000 × 1.01 × 0.01 / (1 − 1.01^−12) = 179.4746… → 179.47;
    // rounding the payment down a fraction of a cent gives 11.99553180% (50-digit Decimal bisection)
    const payments = Array.from({ length: 12 }, (_, k) => ({ date: { ...d('2026-03-15'), month: ((2 + k) % 12) + 1, year: 2026 + Math.floor((2 + k) / 12) }, amount: 179_47 }));
    const r = regzApr({ advances: [{ date: d('2026-01-15'), amount: 1000_00 }, { date: d('2026-02-15'), amount: 1010_00 }], payments });
    expect(Math.abs(r.apr - 0.12)).toBeLessThan(1e-4);
    expect(r.apr * 100).toBeCloseTo(11.9955317961, 8);
  });
});
