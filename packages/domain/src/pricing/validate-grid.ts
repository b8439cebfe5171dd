import type { FieldError, PricingGrid } from '@autofin/contracts';
import { dealerGrades, fuelTypes, lgdVehicleClasses, pricingGridSchema, riskTiers, salesChannels } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import { pct } from './decimal.ts';

/**
 * The checks a grid's shape cannot express: every table complete, the risk ordering monotone
 * (a worse tier, a higher LTV, an older used car, a weaker dealer never price lower), floors
 * below ceilings, and a cost of funds for every term a product offers. Returns the faults, each
 * naming its field; an empty list means the grid may be used.
 */
export function validatePricingGrid(grid: PricingGrid): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string): void => {
    errors.push({ field, message });
  };

  const step = pct(grid.roundingStepPercent);
  if (step.lte(0)) add('roundingStepPercent', 'must be greater than zero');

  const curveTerms = new Map<number, number>();
  grid.costOfFunds.forEach((point, i) => {
    if (curveTerms.has(point.termMonths)) add(`costOfFunds[${i}].termMonths`, `term ${point.termMonths} appears twice`);
    curveTerms.set(point.termMonths, i);
  });

  // Risk tiers: unique, listed best first, PD strictly increasing, below 100 %.
  const seenTiers = new Set<string>();
  grid.riskTiers.forEach((row, i) => {
    if (seenTiers.has(row.tier)) add(`riskTiers[${i}].tier`, `tier ${row.tier} appears twice`);
    seenTiers.add(row.tier);
    const pd = pct(row.pd12mPercent);
    if (pd.lte(0) || pd.gte(100)) add(`riskTiers[${i}].pd12mPercent`, 'must be above 0 and below 100');
    if (i > 0) {
      const prev = grid.riskTiers[i - 1]!;
      if (riskTiers.indexOf(row.tier) <= riskTiers.indexOf(prev.tier)) {
        add(`riskTiers[${i}].tier`, `tiers must be listed best first (${prev.tier} before ${row.tier})`);
      }
      if (!pd.gt(pct(prev.pd12mPercent))) {
        add(`riskTiers[${i}].pd12mPercent`, `PD of tier ${row.tier} must be higher than tier ${prev.tier}'s ${prev.pd12mPercent}`);
      }
    }
  });

  // LTV bands: ascending upper bounds, LGD and add-on never falling as LTV rises.
  const bandCodes = new Set<string>();
  grid.ltvBands.forEach((band, i) => {
    if (bandCodes.has(band.code)) add(`ltvBands[${i}].code`, `band ${band.code} appears twice`);
    bandCodes.add(band.code);
    if (pct(band.maxLtvPercent).lte(0)) add(`ltvBands[${i}].maxLtvPercent`, 'must be greater than zero');
    for (const cls of lgdVehicleClasses) {
      const lgd = pct(band.lgdPercent[cls]);
      if (lgd.gt(100)) add(`ltvBands[${i}].lgdPercent.${cls}`, 'must be at most 100');
    }
    if (i === 0) return;
    const prev = grid.ltvBands[i - 1]!;
    if (!pct(band.maxLtvPercent).gt(pct(prev.maxLtvPercent))) {
      add(`ltvBands[${i}].maxLtvPercent`, `must be above the previous band's ${prev.maxLtvPercent}`);
    }
    for (const cls of lgdVehicleClasses) {
      if (pct(band.lgdPercent[cls]).lt(pct(prev.lgdPercent[cls]))) {
        add(`ltvBands[${i}].lgdPercent.${cls}`, `must not be below the previous band's ${prev.lgdPercent[cls]}`);
      }
    }
    if (pct(band.adjustmentPercent).lt(pct(prev.adjustmentPercent))) {
      add(`ltvBands[${i}].adjustmentPercent`, `must not be below the previous band's ${prev.adjustmentPercent}`);
    }
  });
  const topLtv = pct(grid.ltvBands[grid.ltvBands.length - 1]!.maxLtvPercent);

  const productCodes = new Set<string>();
  grid.products.forEach((product, i) => {
    const at = `products[${i}]`;
    if (productCodes.has(product.code)) add(`${at}.code`, `product ${product.code} appears twice`);
    productCodes.add(product.code);
    const terms = new Set<number>();
    product.termsMonths.forEach((term, j) => {
      if (terms.has(term)) add(`${at}.termsMonths[${j}]`, `term ${term} appears twice`);
      terms.add(term);
      if (!curveTerms.has(term)) add(`${at}.termsMonths[${j}]`, `no cost of funds for ${term} months in costOfFunds`);
    });
    const floor = pct(product.floorPercent);
    const ceiling = pct(product.ceilingPercent);
    if (floor.gt(ceiling)) add(`${at}.floorPercent`, `floor ${product.floorPercent} is above the ceiling ${product.ceilingPercent}`);
    if (step.gt(0)) {
      if (!floor.mod(step).isZero()) add(`${at}.floorPercent`, `must be a multiple of the rounding step ${grid.roundingStepPercent}`);
      if (!ceiling.mod(step).isZero()) add(`${at}.ceilingPercent`, `must be a multiple of the rounding step ${grid.roundingStepPercent}`);
    }
    const maxLtv = pct(product.maxLtvPercent);
    if (maxLtv.lte(0)) add(`${at}.maxLtvPercent`, 'must be greater than zero');
    if (maxLtv.gt(topLtv)) add(`${at}.maxLtvPercent`, `above the highest LTV band's ${topLtv.toString()}`);
  });

  requireEach(grid.regionAdjustments.map((r) => r.cityTier), [1, 2, 3, 4], 'regionAdjustments', 'cityTier', add);
  requireEach(grid.fuelAdjustments.map((r) => r.fuel), fuelTypes, 'fuelAdjustments', 'fuel', add);
  requireEach(grid.channelAdjustments.map((r) => r.channel), salesChannels, 'channelAdjustments', 'channel', add);
  requireEach(grid.dealerGradeAdjustments.map((r) => r.grade), dealerGrades, 'dealerGradeAdjustments', 'grade', add);
  const byGrade = new Map(grid.dealerGradeAdjustments.map((r) => [r.grade, pct(r.adjustmentPercent)]));
  for (let g = 1; g < dealerGrades.length; g++) {
    const worse = byGrade.get(dealerGrades[g]!);
    const better = byGrade.get(dealerGrades[g - 1]!);
    if (worse && better && worse.lt(better)) {
      const i = grid.dealerGradeAdjustments.findIndex((r) => r.grade === dealerGrades[g]);
      add(`dealerGradeAdjustments[${i}].adjustmentPercent`, `grade ${dealerGrades[g]} must not price below grade ${dealerGrades[g - 1]}`);
    }
  }

  grid.usedCarAgeBands.forEach((band, i) => {
    if (i === 0) return;
    const prev = grid.usedCarAgeBands[i - 1]!;
    if (band.maxAgeMonths <= prev.maxAgeMonths) add(`usedCarAgeBands[${i}].maxAgeMonths`, `must be above the previous band's ${prev.maxAgeMonths}`);
    if (pct(band.adjustmentPercent).lt(pct(prev.adjustmentPercent))) {
      add(`usedCarAgeBands[${i}].adjustmentPercent`, `an older car must not price below the previous band's ${prev.adjustmentPercent}`);
    }
  });

  grid.loyaltyAdjustments.forEach((band, i) => {
    if (i === 0) return;
    const prev = grid.loyaltyAdjustments[i - 1]!;
    if (band.minPriorLoans <= prev.minPriorLoans) add(`loyaltyAdjustments[${i}].minPriorLoans`, `must be above the previous band's ${prev.minPriorLoans}`);
    if (pct(band.adjustmentPercent).gt(pct(prev.adjustmentPercent))) {
      add(`loyaltyAdjustments[${i}].adjustmentPercent`, `more prior loans must not price above the previous band's ${prev.adjustmentPercent}`);
    }
  });

  return errors;
}

function requireEach<T extends string | number>(
  present: readonly T[],
  required: readonly T[],
  table: string,
  key: string,
  add: (field: string, message: string) => void,
): void {
  const seen = new Set<T>();
  present.forEach((value, i) => {
    if (seen.has(value)) add(`${table}[${i}].${key}`, `${String(value)} appears twice`);
    seen.add(value);
  });
  for (const value of required) {
    if (!seen.has(value)) add(table, `missing ${key} ${String(value)}`);
  }
}

/** Throws PRICING_INVALID_GRID naming every fault, or returns the grid unchanged. */
export function assertValidPricingGrid(grid: PricingGrid): PricingGrid {
  const errors = validatePricingGrid(grid);
  if (errors.length > 0) {
    throw new DomainError('PRICING_INVALID_GRID', `pricing grid ${grid.id} v${grid.version} is not valid: ${errors[0]!.field} ${errors[0]!.message}`, errors);
  }
  return grid;
}

/** Parses untrusted input (a JSON upload, a database row) into a checked grid. */
export function parsePricingGrid(input: unknown): PricingGrid {
  const parsed = pricingGridSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join(''),
      message: issue.message,
    }));
    throw new DomainError('PRICING_INVALID_GRID', `pricing grid is not valid: ${errors[0]?.field ?? ''} ${errors[0]?.message ?? ''}`, errors);
  }
  return assertValidPricingGrid(parsed.data);
}

