import type { PricingGrid, ProductDefinition, ProductValidationResponse, ProductViolation } from '@autofin/contracts';
import Decimal from 'decimal.js';
import { AUTO_LOAN_RULEBOOKS, type AutoLoanRulebook, type RuleSource } from '../compliance/auto-loan-rulebook.ts';
import { rulebookOn } from '../compliance/check-auto-loan.ts';
import { DomainError } from '../shared/domain-error.ts';
import { conditionOf, isNevCategory, RULEBOOK_CATEGORY, termRuleOf } from './vehicle-category.ts';

export interface ProductValidationContext {
  /** The grid the product will be priced off (the active one); its product must price every term. */
  grid?: PricingGrid | undefined;
  /** The rulebooks to check against (default: all versions). */
  rulebooks?: readonly AutoLoanRulebook[];
}

function sourceText(source: RuleSource | undefined): string | null {
  if (!source) return null;
  return [source.title, source.documentNo].filter(Boolean).join(' ');
}

/**
 * The rulebooks in force at any time during the product's effective period: the one in force on
 * its first day and every later one that takes effect before its last day (or ever, if it is
 * open-ended). A product is checked against all of them, so it cannot breach a limit on any day
 * it is sellable.
 */
export function rulebooksDuring(def: Pick<ProductDefinition, 'effectiveFrom' | 'effectiveTo'>, books: readonly AutoLoanRulebook[] = AUTO_LOAN_RULEBOOKS): AutoLoanRulebook[] {
  const first = rulebookOn(def.effectiveFrom, books);
  const later = books.filter((b) => b.effectiveFrom > def.effectiveFrom && (def.effectiveTo === undefined || b.effectiveFrom <= def.effectiveTo));
  return [first, ...later.filter((b) => b !== first)];
}

/**
 * Checks a product definition: its own consistency (a balloon product has a balloon, a lease is
 * a lease …), the regulatory rulebook (maximum LTV by vehicle category, maximum term) for every
 * rulebook in force during its effective period, and — given a grid — that the grid prices it.
 * Every violation names the field and the rule.
 */
export function validateProduct(def: ProductDefinition, ctx: ProductValidationContext = {}): ProductValidationResponse {
  const violations: ProductViolation[] = [];
  const add = (field: string, message: string, rule: string, source: string | null = null) => violations.push({ field, message, rule, source });
  const CAT = 'catalogue';

  // Consistency.
  if (def.effectiveTo !== undefined && def.effectiveTo < def.effectiveFrom) add('effectiveTo', 'must not be before effectiveFrom', CAT);
  const sortedTerms = [...def.terms].sort((a, b) => a - b);
  if (new Set(def.terms).size !== def.terms.length) add('terms', 'must not repeat a term', CAT);
  else if (sortedTerms.some((t, i) => t !== def.terms[i])) add('terms', 'must be in ascending order', CAT);
  if (new Set(def.vehicleCategories).size !== def.vehicleCategories.length) add('vehicleCategories', 'must not repeat a category', CAT);
  if (new Set(def.methods).size !== def.methods.length) add('methods', 'must not repeat a method', CAT);
  const minDown = new Decimal(def.minDownPaymentPercent);
  const maxLtv = new Decimal(def.maxLtvPercent);
  if (minDown.gte(100)) add('minDownPaymentPercent', 'must be below 100', CAT);
  if (maxLtv.lte(0) || maxLtv.gt(100)) add('maxLtvPercent', 'must be above 0 and at most 100', CAT);
  const isLease = def.type === 'lease';
  def.methods.forEach((m, i) => {
    if (m === 'lease' && !isLease) add(`methods[${i}]`, 'the lease method needs a product of type lease', CAT);
    if (m !== 'lease' && isLease) add(`methods[${i}]`, 'a lease product repays by the lease method', CAT);
    if (m === 'stepped') add(`methods[${i}]`, 'stepped repayment needs per-loan steps and is not a catalogue method', CAT);
    if (m === 'subsidised' || m === 'interest-free') add(`methods[${i}]`, 'subsidised and interest-free schedules come from promotions, not from the product', CAT);
  });
  if (def.methods.includes('balloon') && def.balloonPercent === undefined) add('balloonPercent', 'is required with the balloon method', CAT);
  if (def.balloonPercent !== undefined && !new Decimal(def.balloonPercent).lt(100 - Number(minDown))) add('balloonPercent', 'must be below the largest share financed', CAT);
  if (isLease && def.residualPercent === undefined) add('residualPercent', 'is required for a lease (use "0" for none)', CAT);
  if (def.methods.includes('flat-fee') && def.monthlyFeeRatePercent === undefined) add('monthlyFeeRatePercent', 'is required with the flat-fee method', CAT);
  if (def.monthlyFeeRatePercent !== undefined && new Decimal(def.monthlyFeeRatePercent).gt(5)) add('monthlyFeeRatePercent', 'must be at most 5 (% a month)', CAT);
  const codes = [...def.fees.map((f) => f.code), ...def.services.map((s) => s.code)];
  if (new Set(codes).size !== codes.length) add('fees', 'fee and service codes must be unique', CAT);
  def.fees.forEach((f, i) => {
    if (f.basis === 'percent' && new Decimal(f.value).gt(20)) add(`fees[${i}].value`, 'a percent fee must be at most 20 (% of the principal)', CAT);
    if (f.basis === 'amount' && !/^\d{1,13}(\.\d{1,2})?$/.test(f.value)) add(`fees[${i}].value`, 'an amount has at most two decimal places', CAT);
  });
  if (def.batteryRental && !def.vehicleCategories.every(isNevCategory)) add('batteryRental', 'battery rental is for new-energy vehicles only', CAT);
  if (def.maxVehicleAgeMonths !== undefined && !def.vehicleCategories.includes('used')) add('maxVehicleAgeMonths', 'applies to used cars only', CAT);

  // The rulebook, every version in force while the product is sellable.
  let books: AutoLoanRulebook[] = [];
  try {
    books = rulebooksDuring(def, ctx.rulebooks ?? AUTO_LOAN_RULEBOOKS);
  } catch {
    add('effectiveFrom', 'predates every auto-loan rulebook', CAT);
  }
  for (const book of books) {
    for (const category of new Set(def.vehicleCategories)) {
      const rule = book.ltv.find((r) => r.category === RULEBOOK_CATEGORY[category]);
      if (rule && rule.maxPercent !== null && maxLtv.gt(rule.maxPercent)) {
        add(
          'maxLtvPercent',
          `${def.maxLtvPercent}% is above the ${rule.maxPercent}% maximum loan-to-value for ${category} (${rule.category}) under ${book.version}`,
          `${book.version} LTV ${rule.category}`,
          sourceText(rule.source),
        );
      }
      const termRule = book.terms.find((t) => t.loan === termRuleOf(category));
      if (termRule) {
        def.terms.forEach((t, i) => {
          if (t > termRule.maxMonths) {
            add(`terms[${i}]`, `${t} months is above the ${termRule.maxMonths}-month maximum for ${termRule.loan} loans (${category}) under ${book.version}`, `${book.version} term ${termRule.loan}`, sourceText(termRule.source));
          }
        });
      }
    }
  }

  // The grid prices it.
  if (ctx.grid) {
    const grid = ctx.grid;
    const rule = `grid ${grid.id} v${grid.version}`;
    const gp = grid.products.find((p) => p.code === def.pricing.gridProductCode);
    if (!gp) add('pricing.gridProductCode', `is not a product of ${rule}`, rule);
    else if (!def.methods.every((m) => m === 'flat-fee')) {
      def.terms.forEach((t, i) => {
        if (!gp.termsMonths.includes(t)) add(`terms[${i}]`, `${rule} prices ${gp.code} at ${gp.termsMonths.join(', ')} months, not ${t}`, rule);
      });
      def.vehicleCategories.forEach((c, i) => {
        if (conditionOf(c) !== gp.vehicleCondition) add(`vehicleCategories[${i}]`, `${gp.code} prices ${gp.vehicleCondition} vehicles, not ${c}`, rule);
      });
      if (maxLtv.gt(gp.maxLtvPercent)) add('maxLtvPercent', `is above ${gp.code}'s maximum ${gp.maxLtvPercent}% in ${rule}`, rule);
    }
  }
  const rulebookVersion = books.map((b) => b.version).join(', ') || 'none';
  return { ok: violations.length === 0, rulebookVersion, violations };
}

/** Throws PRODUCT_BREACHES_RULES (regulatory) or PRODUCT_INVALID (anything else), naming every field and rule. */
export function assertPublishable(def: ProductDefinition, ctx: ProductValidationContext = {}): ProductValidationResponse {
  const result = validateProduct(def, ctx);
  if (result.ok) return result;
  const regulatory = result.violations.some((v) => v.rule.startsWith('CN-AUTO'));
  const errors = result.violations.map((v) => ({ field: v.field, message: `${v.message} [${v.rule}${v.source ? `; ${v.source}` : ''}]` }));
  throw new DomainError(regulatory ? 'PRODUCT_BREACHES_RULES' : 'PRODUCT_INVALID', result.violations.map((v) => `${v.field}: ${v.message} [${v.rule}]`).join('; '), errors);
}

/** Sellable on a date: published (the caller's concern) and within the effective period. */
export function isEffectiveOn(def: Pick<ProductDefinition, 'effectiveFrom' | 'effectiveTo'>, date: string): boolean {
  return def.effectiveFrom <= date && (def.effectiveTo === undefined || date <= def.effectiveTo);
}
