import { describe, expect, it } from 'vitest';
import type { PricingGrid } from '@autofin/contracts';
import { isDomainError } from '../shared/domain-error.ts';
import { defaultPricingGrid } from './default-grid.ts';
import { assertValidPricingGrid, parsePricingGrid, validatePricingGrid } from './validate-grid.ts';

function edit(fn: (g: PricingGrid) => void): PricingGrid {
  const copy = structuredClone(defaultPricingGrid);
  fn(copy);
  return copy;
}

describe('validatePricingGrid', () => {
  it('accepts the default grid', () => {
    expect(validatePricingGrid(defaultPricingGrid)).toEqual([]);
  });

  const cases: Array<[string, (g: PricingGrid) => void, string]> = [
    ['PD not rising with the tier', (g) => (g.riskTiers[2]!.pd12mPercent = '0.90'), 'riskTiers[2].pd12mPercent'],
    ['tiers out of order', (g) => g.riskTiers.reverse(), 'riskTiers[1].tier'],
    ['floor above ceiling', (g) => (g.products[0]!.floorPercent = '16.00'), 'products[0].floorPercent'],
    ['floor off the rounding step', (g) => (g.products[0]!.floorPercent = '2.805'), 'products[0].floorPercent'],
    ['a product term without cost of funds', (g) => g.costOfFunds.splice(3, 1), 'products[0].termsMonths[3]'],
    ['a term listed twice in the curve', (g) => g.costOfFunds.push({ termMonths: 12, ratePercent: '2.40' }), 'costOfFunds[5].termMonths'],
    ['LGD falling as LTV rises', (g) => (g.ltvBands[3]!.lgdPercent.used = '39'), 'ltvBands[3].lgdPercent.used'],
    ['LTV add-on falling as LTV rises', (g) => (g.ltvBands[5]!.adjustmentPercent = '0.10'), 'ltvBands[5].adjustmentPercent'],
    ['LTV bands not ascending', (g) => (g.ltvBands[1]!.maxLtvPercent = '50'), 'ltvBands[1].maxLtvPercent'],
    ['a product LTV above the top band', (g) => (g.products[2]!.maxLtvPercent = '110'), 'products[2].maxLtvPercent'],
    ['a missing city tier', (g) => g.regionAdjustments.pop(), 'regionAdjustments'],
    ['a missing channel', (g) => g.channelAdjustments.shift(), 'channelAdjustments'],
    ['a weaker dealer pricing lower', (g) => (g.dealerGradeAdjustments[3]!.adjustmentPercent = '-0.20'), 'dealerGradeAdjustments[3].adjustmentPercent'],
    ['an older used car pricing lower', (g) => (g.usedCarAgeBands[2]!.adjustmentPercent = '0.10'), 'usedCarAgeBands[2].adjustmentPercent'],
    ['more loyalty pricing higher', (g) => (g.loyaltyAdjustments[1]!.adjustmentPercent = '0.00'), 'loyaltyAdjustments[1].adjustmentPercent'],
    ['zero rounding step', (g) => (g.roundingStepPercent = '0'), 'roundingStepPercent'],
  ];

  it.each(cases)('names the field: %s', (_name, change, field) => {
    const errors = validatePricingGrid(edit(change));
    expect(errors.map((e) => e.field)).toContain(field);
  });

  it('assertValidPricingGrid throws PRICING_INVALID_GRID with every fault', () => {
    const bad = edit((g) => {
      g.riskTiers[1]!.pd12mPercent = '0.30';
      g.products[1]!.floorPercent = '20.00';
    });
    try {
      assertValidPricingGrid(bad);
      expect.unreachable();
    } catch (err) {
      expect(isDomainError(err) && err.code).toBe('PRICING_INVALID_GRID');
      if (isDomainError(err)) expect(err.errors.map((e) => e.field)).toEqual(['riskTiers[1].pd12mPercent', 'products[1].floorPercent']);
    }
  });
});

describe('parsePricingGrid', () => {
  it('round-trips the default grid through JSON', () => {
    expect(parsePricingGrid(JSON.parse(JSON.stringify(defaultPricingGrid)))).toEqual(defaultPricingGrid);
  });

  it('names the field of a shape error', () => {
    const raw = JSON.parse(JSON.stringify(defaultPricingGrid)) as Record<string, unknown> & { costOfFunds: Array<{ ratePercent: unknown }> };
    raw.costOfFunds[2]!.ratePercent = 2.6;
    try {
      parsePricingGrid(raw);
      expect.unreachable();
    } catch (err) {
      expect(isDomainError(err) && err.code).toBe('PRICING_INVALID_GRID');
      if (isDomainError(err)) expect(err.errors[0]!.field).toBe('costOfFunds[2].ratePercent');
    }
  });
});
