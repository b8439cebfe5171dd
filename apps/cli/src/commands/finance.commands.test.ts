import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The CLI contract of issue 3, exercised as users run it: `autofin apr|quote` with JSON on stdin.
const bin = fileURLToPath(new URL('../../bin/autofin.js', import.meta.url));

function run(args: string[], input: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const appendixJ = {
  advances: [{ date: '1978-01-10', amount: '5000.00' }],
  payments: [{ date: '1978-02-10', amount: '230.00', count: 24, every: 'month' }],
};

describe('autofin apr', () => {
  it('--method regz prints the Appendix J APR in percent (example (c)(1)(i): 9.69%)', () => {
    const r = run(['apr', '--method', 'regz'], JSON.stringify(appendixJ));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { apr: number };
    expect(Math.round(out.apr * 100) / 100).toBe(9.69);
  });

  it('--method irr prints the simple and compound annualised rates', () => {
    const r = run(['apr', '--method', 'irr'], JSON.stringify(appendixJ));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { aprSimple: number; aprCompound: number };
    expect(out.aprSimple).toBeCloseTo(9.6857, 3);
    // (1 + 0.096857/12)^12 − 1
    expect(out.aprCompound).toBeCloseTo(10.1275, 3);
  });

  it('a series of half-month payments (Appendix J (c)(1)(iii): 10.34%)', () => {
    const r = run(
      ['apr', '--method', 'regz'],
      JSON.stringify({ advances: [{ date: '1978-02-23', amount: '5000.00' }], payments: [{ date: '1978-03-01', amount: '219.17', count: 24, every: 'half-month' }] }),
    );
    expect(Math.round((JSON.parse(r.stdout) as { apr: number }).apr * 100) / 100).toBe(10.34);
  });

  it.each([
    ['malformed JSON', '{"advances":', /not valid JSON/],
    ['a payment before the advance', JSON.stringify({ ...appendixJ, payments: [{ date: '1977-12-10', amount: '230.00' }] }), /payments\[0\]\.date/],
    ['a bad date', JSON.stringify({ ...appendixJ, payments: [{ date: '1978-2-10', amount: '230.00' }] }), /payments\[0\]\.date/],
    ['no advances', JSON.stringify({ advances: [], payments: appendixJ.payments }), /advances/],
  ])('rejects %s with a clear error and a non-zero exit', (_name, input, message) => {
    const r = run(['apr', '--method', 'regz'], input);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^error: /m);
    expect(r.stderr).toMatch(message);
  });

  it('rejects an unknown method', () => {
    const r = run(['apr', '--method', 'actuarial'], JSON.stringify(appendixJ));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--method/);
  });
});

describe('autofin quote', () => {
  const request = {
    principal: '100000.00',
    annualRate: '4.5',
    term: 36,
    method: 'equal-installment',
    dayCount: '30/360',
    disbursementDate: '2026-01-15',
    firstPaymentDate: '2026-02-15',
  };

  it('prints the schedule, totals and both APRs', () => {
    const r = run(['quote'], JSON.stringify(request));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      installments: Array<Record<string, unknown>>;
      totalInterest: string;
      totalFees: string;
      totalCost: string;
      aprSimple: number;
      aprCompound: number;
    };
    expect(out.installments).toHaveLength(36);
    // hand: 100000 × 0.00375 / (1 − 1.00375^−36) = 2974.69; first interest 100000 × 0.00375 = 375.00
    expect(out.installments[0]).toEqual({ n: 1, date: '2026-02-15', payment: '2974.69', principal: '2599.69', interest: '375.00', fee: '0.00', balance: '97400.31' });
    expect(out.installments[35]?.balance).toBe('0.00');
    expect(out.totalFees).toBe('0.00');
    expect(out.totalCost).toBe(out.totalInterest);
    expect(out.aprSimple).toBeCloseTo(4.5, 3);
    expect(out.aprCompound).toBeCloseTo(4.594, 3);
  });

  it('flat-fee: the fee shows in each installment and the APR shows the true cost', () => {
    const r = run(['quote'], JSON.stringify({ ...request, principal: '12000.00', annualRate: '0', term: 12, method: 'flat-fee', monthlyFeeRate: '0.6', firstPaymentDate: undefined }));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { installments: Array<{ fee: string; payment: string }>; totalFees: string; aprSimple: number };
    expect(out.installments[0]).toMatchObject({ fee: '72.00', payment: '1072.00' });
    expect(out.totalFees).toBe('864.00');
    expect(out.aprSimple).toBeCloseTo(13.0342, 3);
  });

  it.each([
    ['zero principal', { principal: '0.00' }, /principal/],
    ['negative principal', { principal: '-100.00' }, /principal/],
    ['term 0', { term: 0 }, /term/],
    ['an unknown method', { method: 'rent-to-own' }, /method/],
    ['a first payment before disbursement', { firstPaymentDate: '2026-01-01' }, /firstPaymentDate/],
    ['a balloon larger than the principal', { method: 'balloon', balloonAmount: '150000.00' }, /balloonAmount/],
  ])('rejects %s naming the field', (_name, change, message) => {
    const r = run(['quote'], JSON.stringify({ ...request, ...change }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^error: /m);
    expect(r.stderr).toMatch(message);
  });

  it('rejects malformed JSON', () => {
    const r = run(['quote'], 'principal=100000');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not valid JSON/);
  });
});
