import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PricingGrid, RiskTier } from '@autofin/contracts';
import { isDomainError } from '../shared/domain-error.ts';
import { defaultPricingGrid } from './default-grid.ts';
import { expectedLoss } from './expected-loss.ts';
import type { PriceRateInput } from './price-rate.ts';
import { priceRate, priceRateRequest } from './price-rate.ts';
import { previewGrid } from './preview-grid.ts';

const grid = defaultPricingGrid;
const tiers: RiskTier[] = ['A', 'B', 'C', 'D', 'E'];

/** A prime new ICE car, 70 % LTV, tier-2 city, graded-B dealer, first loan. */
const newCar: PriceRateInput = {
  productCode: 'NEW_CAR_LOAN',
  riskTier: 'A',
  termMonths: 36,
  amountFinancedFen: 7_000_000, // 70 000.00 yuan
  vehicleValueFen: 10_000_000, // 100 000.00 yuan → LTV 70 %
  cityTier: 2,
  vehicle: { condition: 'new', fuel: 'ICE', ageMonths: 0 },
  channel: 'dealer',
  dealerGrade: 'B',
  priorLoans: 0,
};

function line(result: ReturnType<typeof priceRate>, code: string): string {
  const found = result.lines.find((l) => l.code === code);
  if (!found) throw new Error(`no line ${code}`);
  return found.rate;
}

function withProduct(code: string, patch: Partial<PricingGrid['products'][number]>): PricingGrid {
  const copy = structuredClone(grid);
  copy.products = copy.products.map((p) => (p.code === code ? { ...p, ...patch } : p));
  return copy;
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('expectedLoss', () => {
  it('36 months, PD 0.40 %, LGD 30 %', () => {
    // lifetime PD = 1 − 0.996³ = 1 − 0.988047936 = 0.011952064
    // lifetime loss = 0.011952064 × 0.30 = 0.0035856192
    // balance-years = (36 + 1)/(2 × 36) × 36/12 = 37/72 × 3 = 37/24 = 1.541666…
    // annual rate = 0.0035856192 × 24/37 = 0.0023258070… → 0.2326 %
    const el = expectedLoss({ pd12mPercent: '0.40', lgdPercent: '30', termMonths: 36 });
    expect(el.lifetimePd.toString()).toBe('0.011952064');
    expect(el.lifetimeLoss.toString()).toBe('0.0035856192');
    expect(el.balanceYears.toFixed(10)).toBe('1.5416666667');
    expect(el.annualRatePercent.toFixed(4)).toBe('0.2326');
  });

  it('24 months, PD 2 %, LGD 45 %', () => {
    // lifetime PD = 1 − 0.98² = 0.0396; × 0.45 = 0.01782
    // balance-years = 25/48 × 2 = 25/24; 0.01782 × 24/25 = 0.0171072 → 1.7107 %
    const el = expectedLoss({ pd12mPercent: '2.00', lgdPercent: '45', termMonths: 24 });
    expect(el.lifetimePd.toString()).toBe('0.0396');
    expect(el.annualRatePercent.toFixed(4)).toBe('1.7107');
  });

  it('18 months compounds the PD over a fractional number of years', () => {
    // lifetime PD = 1 − 0.99^1.5 = 1 − 0.99 × √0.99 = 1 − 0.99 × 0.9949874371 = 0.0149624373
    // × LGD 0.40 = 0.0059849749; balance-years = 19/36 × 1.5 = 19/24
    // 0.0059849749 × 24/19 = 0.0075599683 → 0.7560 %
    const el = expectedLoss({ pd12mPercent: '1', lgdPercent: '40', termMonths: 18 });
    expect(el.lifetimePd.toFixed(10)).toBe('0.0149624373');
    expect(el.annualRatePercent.toFixed(4)).toBe('0.7560');
  });

  it('12 months: one year of PD over an average balance of 13/24', () => {
    // 0.004 × 0.28 = 0.00112; ÷ (13/24 × 1) = 0.00112 × 24/13 = 0.0020676923 → 0.2068 %
    const el = expectedLoss({ pd12mPercent: '0.40', lgdPercent: '28', termMonths: 12 });
    expect(el.annualRatePercent.toFixed(4)).toBe('0.2068');
  });
});

describe('priceRate build-up', () => {
  it('prime new car: cost of funds + expected loss + operating cost + margin', () => {
    // 2.60 (CoF 36m) + 0.2326 (EL, above) + 0.60 (opex) + 0.80 (margin) + 0 adjustments = 4.2326 → 4.23
    const r = priceRate(newCar, grid);
    expect(line(r, 'COST_OF_FUNDS')).toBe('2.6000');
    expect(line(r, 'EXPECTED_LOSS')).toBe('0.2326');
    expect(line(r, 'OPERATING_COST')).toBe('0.6000');
    expect(line(r, 'TARGET_MARGIN')).toBe('0.8000');
    for (const code of ['ADJ_LTV', 'ADJ_REGION', 'ADJ_FUEL', 'ADJ_USED_AGE', 'ADJ_CHANNEL', 'ADJ_DEALER', 'ADJ_LOYALTY']) {
      expect(line(r, code)).toBe('0.0000');
    }
    expect(r.unroundedRate).toBe('4.2326');
    expect(line(r, 'ROUNDING')).toBe('-0.0026');
    expect(r.rate).toBe('4.23');
    expect(r.bound).toBeNull();
    expect(r.grid).toEqual({ id: 'cn-default', version: 1 });
    expect(r.lines.find((l) => l.code === 'EXPECTED_LOSS')!.label).toEqual({ zh: '预期损失', en: 'Expected loss' });
  });

  it('sub-prime new car: tier E', () => {
    // EL: 1 − 0.92³ = 0.221312; × 0.30 = 0.0663936; × 24/37 = 0.0430661… → 4.3066
    // 2.60 + 4.3066 + 0.60 + 0.80 = 8.3066 → 8.31
    const r = priceRate({ ...newCar, riskTier: 'E' }, grid);
    expect(line(r, 'EXPECTED_LOSS')).toBe('4.3066');
    expect(r.rate).toBe('8.31');
  });

  it('used car with every adjustment in play', () => {
    // USED_CAR_LOAN, tier C, 24 months, 60 000 of 80 000 → LTV 75 % → band LTV80 (LGD used 45 %, +0.15)
    // CoF 24m 2.50
    // EL 1.7107 (PD 2 %, LGD 45 %, 24 months: see expectedLoss above)
    // opex 1.10, margin 1.30
    // LTV80 +0.15, city tier 4 +0.30, BEV −0.15, age 50 m (≤ 60) +0.60, dealer 0, grade C +0.15, 3 prior loans −0.35
    // 2.50 + 1.7107 + 1.10 + 1.30 + 0.15 + 0.30 − 0.15 + 0.60 + 0 + 0.15 − 0.35 = 7.3107 → 7.31
    const r = priceRate(
      {
        productCode: 'USED_CAR_LOAN',
        riskTier: 'C',
        termMonths: 24,
        amountFinancedFen: 6_000_000,
        vehicleValueFen: 8_000_000,
        cityTier: 4,
        vehicle: { condition: 'used', fuel: 'BEV', ageMonths: 50 },
        channel: 'dealer',
        dealerGrade: 'C',
        priorLoans: 3,
      },
      grid,
    );
    expect(r.lines.map((l) => [l.code, l.rate])).toEqual([
      ['COST_OF_FUNDS', '2.5000'],
      ['EXPECTED_LOSS', '1.7107'],
      ['OPERATING_COST', '1.1000'],
      ['TARGET_MARGIN', '1.3000'],
      ['ADJ_LTV', '0.1500'],
      ['ADJ_REGION', '0.3000'],
      ['ADJ_FUEL', '-0.1500'],
      ['ADJ_USED_AGE', '0.6000'],
      ['ADJ_CHANNEL', '0.0000'],
      ['ADJ_DEALER', '0.1500'],
      ['ADJ_LOYALTY', '-0.3500'],
      ['ROUNDING', '-0.0007'],
    ]);
    expect(r.unroundedRate).toBe('7.3107');
    expect(r.rate).toBe('7.31');
  });

  it('an LTV exactly on a band edge falls in that band (upper bounds are inclusive)', () => {
    // 80 000 of 100 000 = 80 % → LTV80: LGD new_ice 35 %, +0.15
    // EL = 0.011952064 × 0.35 × 24/37 = 0.0027134… → 0.2713
    const r = priceRate({ ...newCar, amountFinancedFen: 8_000_000 }, grid);
    expect(line(r, 'ADJ_LTV')).toBe('0.1500');
    expect(line(r, 'EXPECTED_LOSS')).toBe('0.2713');
    // 2.60 + 0.2713 + 0.60 + 0.80 + 0.15 = 4.4213 → 4.42
    expect(r.rate).toBe('4.42');
  });

  it('a dealer grade only counts on the dealer channel; loyalty takes the highest band reached', () => {
    // online −0.05; grade D ignored off the dealer channel; 2 prior loans → band ≥ 1: −0.20
    // 4.2326 − 0.05 − 0.20 = 3.9826 → 3.98
    const r = priceRate({ ...newCar, channel: 'online', dealerGrade: 'D', priorLoans: 2 }, grid);
    expect(line(r, 'ADJ_DEALER')).toBe('0.0000');
    expect(line(r, 'ADJ_CHANNEL')).toBe('-0.0500');
    expect(line(r, 'ADJ_LOYALTY')).toBe('-0.2000');
    expect(r.rate).toBe('3.98');
  });

  it('rounds half-up at the step', () => {
    // Operating cost 0.6024: 2.60 + 0.2326 + 0.6024 + 0.80 = 4.2350 → half-up 4.24; 0.6023 gives 4.2349 → 4.23.
    expect(priceRate(newCar, withProduct('NEW_CAR_LOAN', { operatingCostPercent: '0.6024' })).rate).toBe('4.24');
    expect(priceRate(newCar, withProduct('NEW_CAR_LOAN', { operatingCostPercent: '0.6023' })).rate).toBe('4.23');
  });

  it('accepts the wire request with money as decimal strings', () => {
    const r = priceRateRequest(
      {
        productCode: 'NEW_CAR_LOAN',
        riskTier: 'A',
        termMonths: 36,
        amountFinanced: '70000.00',
        vehicleValue: '100000.00',
        cityTier: 2,
        vehicle: { condition: 'new', fuel: 'ICE', ageMonths: 0 },
        channel: 'dealer',
        dealerGrade: 'B',
        priorLoans: 0,
      },
      grid,
    );
    expect(r.rate).toBe('4.23');
  });
});

describe('floors and ceilings', () => {
  // NEW_CAR_LEASE, tier A, 24 months, LTV 50 %, BEV, tier-1 city, direct, 3 prior loans:
  // EL: 1 − 0.996² = 0.007984; × LGD new_nev 28 % = 0.00223552; × 24/25 = 0.0021460992 → 0.2146
  // 2.50 + 0.2146 + 0.80 + 1.20 − 0.20 (LTV50) − 0.10 (tier 1) − 0.15 (BEV) − 0.10 (direct) − 0.35 (loyalty) = 3.8146 → 3.81
  const lease: PriceRateInput = {
    productCode: 'NEW_CAR_LEASE',
    riskTier: 'A',
    termMonths: 24,
    amountFinancedFen: 5_000_000,
    vehicleValueFen: 10_000_000,
    cityTier: 1,
    vehicle: { condition: 'new', fuel: 'BEV', ageMonths: 0 },
    channel: 'direct',
    priorLoans: 3,
  };

  it('between the bounds nothing is held', () => {
    const r = priceRate(lease, grid);
    expect(r.rate).toBe('3.81');
    expect(r.bound).toBeNull();
  });

  it('a floor raises the rate and says by how much', () => {
    // floor 4.00: 4.00 − 3.81 = +0.19
    const r = priceRate(lease, withProduct('NEW_CAR_LEASE', { floorPercent: '4.00' }));
    expect(r.rate).toBe('4.00');
    expect(r.bound).toBe('floor');
    expect(line(r, 'FLOOR')).toBe('0.1900');
  });

  it('a ceiling caps the rate', () => {
    // USED_CAR_LOAN tier E, 36 months, LTV 80 %, 110-month-old ICE, tier-4 city, partner channel:
    // EL: 0.221312 × 0.45 = 0.0995904; × 24/37 = 0.0645991… → 6.4599
    // 2.60 + 6.4599 + 1.10 + 1.30 + 0.15 + 0.30 + 0 + 1.60 + 0.10 + 0 + 0 = 13.6099 → 13.61; ceiling 12.00 → −1.61
    const input: PriceRateInput = {
      productCode: 'USED_CAR_LOAN',
      riskTier: 'E',
      termMonths: 36,
      amountFinancedFen: 4_000_000,
      vehicleValueFen: 5_000_000,
      cityTier: 4,
      vehicle: { condition: 'used', fuel: 'ICE', ageMonths: 110 },
      channel: 'partner',
      priorLoans: 0,
    };
    expect(priceRate(input, grid).rate).toBe('13.61');
    const r = priceRate(input, withProduct('USED_CAR_LOAN', { ceilingPercent: '12.00' }));
    expect(r.rate).toBe('12.00');
    expect(r.bound).toBe('ceiling');
    expect(line(r, 'CEILING')).toBe('-1.6100');
    expect(r.unroundedRate).toBe('13.6099');
  });
});

describe('what the grid does not price', () => {
  const cases: Array<[string, PriceRateInput, string, string]> = [
    ['a term the product does not offer', { ...newCar, termMonths: 30 }, 'PRICING_NOT_ELIGIBLE', 'termMonths'],
    ['LTV above the product maximum', { ...newCar, productCode: 'USED_CAR_LOAN', vehicle: { condition: 'used', fuel: 'ICE', ageMonths: 12 }, amountFinancedFen: 8_100_000 }, 'PRICING_NOT_ELIGIBLE', 'amountFinancedFen'],
    ['a used car too old', { ...newCar, productCode: 'USED_CAR_LOAN', vehicle: { condition: 'used', fuel: 'ICE', ageMonths: 121 } }, 'PRICING_NOT_ELIGIBLE', 'vehicle.ageMonths'],
    ['a used car on a new-car product', { ...newCar, vehicle: { condition: 'used', fuel: 'ICE', ageMonths: 12 } }, 'PRICING_NOT_ELIGIBLE', 'vehicle.condition'],
    ['an unknown product', { ...newCar, productCode: 'NOPE' }, 'PRICING_INVALID_INPUT', 'productCode'],
    ['a fractional amount', { ...newCar, amountFinancedFen: 1.5 }, 'PRICING_INVALID_INPUT', 'amountFinancedFen'],
    ['city tier 5', { ...newCar, cityTier: 5 }, 'PRICING_INVALID_INPUT', 'cityTier'],
  ];
  it.each(cases)('%s', (_name, input, code, field) => {
    const err = catchError(() => priceRate(input, grid));
    expect(isDomainError(err)).toBe(true);
    if (!isDomainError(err)) return;
    expect(err.code).toBe(code);
    expect(err.errors[0]?.field).toBe(field);
  });
});

describe('invariants', () => {
  const newProduct = fc.record({
    productCode: fc.constantFrom('NEW_CAR_LOAN', 'NEW_CAR_LEASE'),
    vehicle: fc.record({ condition: fc.constant('new' as const), fuel: fc.constantFrom('ICE' as const, 'BEV' as const, 'PHEV' as const), ageMonths: fc.constant(0) }),
  });
  const usedProduct = fc.record({
    productCode: fc.constant('USED_CAR_LOAN'),
    vehicle: fc.record({ condition: fc.constant('used' as const), fuel: fc.constantFrom('ICE' as const, 'BEV' as const, 'PHEV' as const), ageMonths: fc.integer({ min: 0, max: 120 }) }),
  });
  const arbInput = fc
    .record({
      product: fc.oneof(newProduct, usedProduct),
      termIndex: fc.nat(),
      vehicleValueFen: fc.integer({ min: 1_000_000, max: 200_000_000 }),
      ltvBp: fc.integer({ min: 100, max: 8_000 }), // up to 80 %: every product takes it
      cityTier: fc.integer({ min: 1, max: 4 }),
      channel: fc.constantFrom('direct' as const, 'dealer' as const, 'online' as const, 'partner' as const),
      dealerGrade: fc.option(fc.constantFrom('A' as const, 'B' as const, 'C' as const, 'D' as const), { nil: undefined }),
      priorLoans: fc.integer({ min: 0, max: 5 }),
      tier: fc.constantFrom(...tiers),
    })
    .map((a): PriceRateInput => {
      const product = grid.products.find((p) => p.code === a.product.productCode)!;
      return {
        productCode: product.code,
        riskTier: a.tier,
        termMonths: product.termsMonths[a.termIndex % product.termsMonths.length]!,
        amountFinancedFen: Math.max(1, Math.floor((a.vehicleValueFen * a.ltvBp) / 10_000)),
        vehicleValueFen: a.vehicleValueFen,
        cityTier: a.cityTier,
        vehicle: a.product.vehicle,
        channel: a.channel,
        dealerGrade: a.dealerGrade,
        priorLoans: a.priorLoans,
      };
    });

  it('a worse tier never gets a lower rate', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const rates = tiers.map((tier) => Number(priceRate({ ...input, riskTier: tier }, grid).rate));
        for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeGreaterThanOrEqual(rates[i - 1]!);
      }),
      { numRuns: 300 },
    );
  });

  it('a higher LTV never lowers the rate', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: 3_000_000 }), (input, more) => {
        const product = grid.products.find((p) => p.code === input.productCode)!;
        const maxFinanced = Math.floor((input.vehicleValueFen * Number(product.maxLtvPercent)) / 100);
        const higher = { ...input, amountFinancedFen: Math.min(maxFinanced, input.amountFinancedFen + more) };
        expect(Number(priceRate(higher, grid).rate)).toBeGreaterThanOrEqual(Number(priceRate(input, grid).rate));
      }),
      { numRuns: 300 },
    );
  });

  it('the lines add up to the rate, which stays within the product bounds', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = priceRate(input, grid);
        const sumBp = r.lines.reduce((s, l) => s + Math.round(Number(l.rate) * 10_000), 0);
        expect(sumBp).toBe(Math.round(Number(r.rate) * 10_000));
        const product = grid.products.find((p) => p.code === input.productCode)!;
        expect(Number(r.rate)).toBeGreaterThanOrEqual(Number(product.floorPercent));
        expect(Number(r.rate)).toBeLessThanOrEqual(Number(product.ceilingPercent));
      }),
      { numRuns: 300 },
    );
  });
});

describe('previewGrid', () => {
  const base = { productCode: 'NEW_CAR_LOAN', cityTier: 2, vehicle: newCar.vehicle, channel: 'dealer' as const, dealerGrade: 'B' as const, priorLoans: 0 };

  it('tiers × terms at 70 % LTV: each cell is priceRate of that tier and term', () => {
    const p = previewGrid(grid, { base, columns: 'term' });
    expect(p.rowLabels).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(p.columnLabels).toEqual(['12', '24', '36', '48', '60']);
    // Column 36 months is the build-up tested above: A 4.23 … E 8.31.
    expect(p.cells.map((row) => row[2]!.rate)).toEqual(['4.23', '4.58', '5.14', '6.24', '8.31']);
  });

  it('tiers × LTV bands, limited to the product maximum', () => {
    const p = previewGrid(grid, {
      base: { ...base, productCode: 'USED_CAR_LOAN', vehicle: { condition: 'used', fuel: 'ICE', ageMonths: 40 }, termMonths: 36 },
      columns: 'ltvBand',
    });
    expect(p.columnLabels).toEqual(['LTV50', 'LTV60', 'LTV70', 'LTV80']);
    for (const row of p.cells) {
      for (let j = 1; j < row.length; j++) expect(Number(row[j]!.rate)).toBeGreaterThanOrEqual(Number(row[j - 1]!.rate));
    }
  });
});

describe('invariants on any valid grid', () => {
  // Random grids built to pass validation: sorted PDs, LGDs and add-ons that rise with LTV.
  const sortedPercents = (count: number, min: number, max: number) =>
    fc.uniqueArray(fc.integer({ min, max }), { minLength: count, maxLength: count }).map((xs) => [...xs].sort((a, b) => a - b).map((x) => (x / 100).toFixed(2)));
  const arbGrid = fc
    .record({
      pds: sortedPercents(5, 1, 3_000),
      lgdNew: sortedPercents(6, 500, 9_000),
      lgdNev: sortedPercents(6, 500, 9_000),
      lgdUsed: sortedPercents(6, 500, 9_000),
      ltvAdj: sortedPercents(6, -100, 200),
    })
    .map((r): PricingGrid => {
      const g = structuredClone(grid);
      g.riskTiers = g.riskTiers.map((t, i) => ({ ...t, pd12mPercent: r.pds[i]! }));
      g.ltvBands = g.ltvBands.map((b, i) => ({
        ...b,
        lgdPercent: { new_ice: r.lgdNew[i]!, new_nev: r.lgdNev[i]!, used: r.lgdUsed[i]! },
        adjustmentPercent: r.ltvAdj[i]!,
      }));
      return g;
    });

  it('tier and LTV monotonicity hold for every grid that validates', () => {
    fc.assert(
      fc.property(arbGrid, fc.integer({ min: 1_000, max: 9_000 }), fc.integer({ min: 1, max: 1_000 }), (g, ltvBp, moreBp) => {
        const at = (tier: RiskTier, bp: number) =>
          Number(priceRate({ ...newCar, riskTier: tier, amountFinancedFen: bp * 1_000, vehicleValueFen: 10_000_000 }, g).rate);
        const rates = tiers.map((t) => at(t, ltvBp));
        for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeGreaterThanOrEqual(rates[i - 1]!);
        expect(at('C', Math.min(10_000, ltvBp + moreBp))).toBeGreaterThanOrEqual(at('C', ltvBp));
      }),
      { numRuns: 200 },
    );
  });
});
