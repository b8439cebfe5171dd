import { describe, expect, it } from 'vitest';
import { checkAutoLoan, rulebookOn } from './check-auto-loan.ts';

// Limits from 银发〔2017〕234号 (LTV from 2018), the 2024 PBoC/NFRA notice (self-use ratios left
// to institutions) and 《汽车贷款管理办法》 (2017 令第2号: terms 5 years, used 3 years).
describe('auto-loan rulebook', () => {
  it('picks the rulebook in force on the date', () => {
    expect(rulebookOn('2020-06-01').version).toBe('CN-AUTO-2018.01');
    expect(rulebookOn('2026-01-15').version).toBe('CN-AUTO-2024.04');
    expect(() => rulebookOn('2010-01-01')).toThrow();
  });

  it.each([
    ['2020-06-01', 'self-use-conventional', 80_00, true],
    ['2020-06-01', 'self-use-conventional', 80_01, false],
    ['2020-06-01', 'self-use-new-energy', 85_00, true],
    ['2026-01-15', 'commercial-conventional', 70_00, true],
    ['2026-01-15', 'commercial-conventional', 70_01, false],
    ['2026-01-15', 'commercial-new-energy', 75_01, false],
    ['2026-01-15', 'used', 70_01, false],
  ] as const)('%s %s: loan of %i fen on a 100-yuan car → ok %s', (date, category, loanAmount, ok) => {
    expect(checkAutoLoan({ category, vehiclePrice: 100_00, loanAmount, termMonths: 36, date }).ok).toBe(ok);
  });

  it('leaves self-use ratios to the institution since 2024', () => {
    expect(checkAutoLoan({ category: 'self-use-conventional', vehiclePrice: 100_00, loanAmount: 100_00, termMonths: 36, date: '2026-01-15' }).ok).toBe(true);
    const v = checkAutoLoan({ category: 'self-use-conventional', vehiclePrice: 100_00, loanAmount: 91_00, termMonths: 36, date: '2026-01-15', institutionMaxPercent: 90 });
    expect(v.ok).toBe(false);
    expect(v.violations[0]?.source.title).toBe('institution policy');
  });

  it('limits terms: new cars 60 months, used cars 36', () => {
    expect(checkAutoLoan({ category: 'self-use-new-energy', vehiclePrice: 100_00, loanAmount: 50_00, termMonths: 60, date: '2026-01-15' }).ok).toBe(true);
    const newCar = checkAutoLoan({ category: 'self-use-new-energy', vehiclePrice: 100_00, loanAmount: 50_00, termMonths: 61, date: '2026-01-15' });
    expect(newCar.violations.map((x) => x.field)).toEqual(['termMonths']);
    expect(checkAutoLoan({ category: 'used', vehiclePrice: 100_00, loanAmount: 50_00, termMonths: 37, date: '2026-01-15' }).ok).toBe(false);
  });

  it('every rule cites its source', () => {
    for (const book of [rulebookOn('2020-01-01'), rulebookOn('2026-01-01')]) {
      for (const rule of [...book.ltv, ...book.terms]) expect(rule.source.title.length).toBeGreaterThan(0);
    }
  });
});
