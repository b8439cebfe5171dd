import { describe, expect, it } from 'vitest';
import { productDefinitionSchema, type ProductDefinitionInput } from '@autofin/contracts';
import { defaultPricingGrid } from '../pricing/default-grid.ts';
import { demoProducts } from './demo-catalogue.ts';
import { assertPublishable, isEffectiveOn, rulebooksDuring, validateProduct } from './validate-product.ts';

const base: ProductDefinitionInput = {
  code: 'TEST_LOAN',
  name: { zh: '测试', en: 'Test' },
  type: 'loan',
  vehicleCategories: ['new-nev'],
  terms: [12, 24, 36],
  minDownPaymentPercent: '15',
  maxLtvPercent: '85',
  methods: ['equal-installment'],
  prepayment: { type: 'none' },
  pricing: { gridProductCode: 'NEW_CAR_LOAN' },
  effectiveFrom: '2026-01-01',
};
const product = (over: Partial<ProductDefinitionInput>) => productDefinitionSchema.parse({ ...base, ...over });

describe('validateProduct', () => {
  it('accepts every demo product against the rulebook and the default grid', () => {
    for (const p of demoProducts) expect(validateProduct(p, { grid: defaultPricingGrid }).violations).toEqual([]);
  });

  // 银发〔2017〕234号: used cars at most 70 % (kept in the 2024 notice); 《汽车贷款管理办法》: used 3 years.
  it('names the rule a used-car product would breach', () => {
    const v = validateProduct(product({ vehicleCategories: ['used'], maxLtvPercent: '75', terms: [12, 48], pricing: { gridProductCode: 'USED_CAR_LOAN' } }));
    expect(v.ok).toBe(false);
    expect(v.violations.map((x) => [x.field, x.rule])).toEqual([
      ['maxLtvPercent', 'CN-AUTO-2024.04 LTV used'],
      ['terms[1]', 'CN-AUTO-2024.04 term used-vehicle'],
    ]);
    expect(v.violations[1]!.source).toContain('〔2017〕第2号');
    expect(() => assertPublishable(product({ vehicleCategories: ['used'], maxLtvPercent: '75', pricing: { gridProductCode: 'USED_CAR_LOAN' } }))).toThrow(/CN-AUTO-2024.04 LTV used/);
  });

  it('checks every rulebook in force while the product is sellable', () => {
    // From 2023 the 2018 ratios apply until April 2024: a self-use NEV at 90 % breaches the 85 % limit.
    const from2023 = product({ maxLtvPercent: '90', effectiveFrom: '2023-06-01' });
    expect(rulebooksDuring(from2023).map((b) => b.version)).toEqual(['CN-AUTO-2018.01', 'CN-AUTO-2024.04']);
    expect(validateProduct(from2023).violations.map((x) => x.rule)).toEqual(['CN-AUTO-2018.01 LTV self-use-new-energy']);
    // The same product from 2025 is the institution's own call.
    expect(validateProduct(product({ maxLtvPercent: '90', effectiveFrom: '2025-01-01' })).ok).toBe(true);
    // Commercial NEV: 75 %.
    expect(validateProduct(product({ vehicleCategories: ['commercial-nev'], maxLtvPercent: '80' })).violations[0]!.rule).toBe('CN-AUTO-2024.04 LTV commercial-new-energy');
    // New cars: 60 months.
    expect(validateProduct(product({ terms: [36, 72] })).violations.map((x) => x.field)).toEqual(['terms[1]']);
  });

  it('refuses inconsistent definitions and terms the grid does not price', () => {
    const v = validateProduct(product({ methods: ['lease', 'balloon'], terms: [36, 24], effectiveTo: '2025-01-01' }), { grid: defaultPricingGrid });
    expect(v.violations.map((x) => x.field)).toEqual(['effectiveTo', 'terms', 'methods[0]', 'balloonPercent']);
    const grid = validateProduct(product({ terms: [12, 18] }), { grid: defaultPricingGrid });
    expect(grid.violations).toEqual([{ field: 'terms[1]', message: 'grid cn-default v1 prices NEW_CAR_LOAN at 12, 24, 36, 48, 60 months, not 18', rule: 'grid cn-default v1', source: null }]);
    expect(validateProduct(product({ vehicleCategories: ['used'], maxLtvPercent: '70' }), { grid: defaultPricingGrid }).violations.map((x) => x.field)).toEqual(['vehicleCategories[0]']);
  });

  it('is sellable only within its effective period', () => {
    const p = product({ effectiveTo: '2026-12-31' });
    expect(isEffectiveOn(p, '2025-12-31')).toBe(false);
    expect(isEffectiveOn(p, '2026-01-01')).toBe(true);
    expect(isEffectiveOn(p, '2026-12-31')).toBe(true);
    expect(isEffectiveOn(p, '2027-01-01')).toBe(false);
  });
});
