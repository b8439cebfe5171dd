import type { PromotionDefinition, QuoteVehicleCategory, RepaymentMethodName } from '@autofin/contracts';
import Decimal from 'decimal.js';
import { DomainError } from '../shared/domain-error.ts';

/** A promotion as the quote engine sees it: approved, with the budget still unspent (fen). */
export interface LivePromotion {
  readonly id: string;
  readonly definition: PromotionDefinition;
  readonly remainingFen: number;
}

/** What a promotion's target is matched against. */
export interface PromotionContext {
  readonly productCode: string;
  readonly category: QuoteVehicleCategory;
  readonly make?: string | undefined;
  readonly dealerId?: string | undefined;
  readonly region?: string | undefined;
  readonly segment?: string | undefined;
  readonly term: number;
  readonly date: string;
}

const anyOr = <T>(list: readonly T[], value: T | undefined): boolean => list.length === 0 || (value !== undefined && list.includes(value));

/** Does the promotion's target (and date window) cover this offer? Empty target lists mean any. */
export function promotionTargets(def: PromotionDefinition, ctx: PromotionContext): boolean {
  const t = def.target;
  return (
    def.startsOn <= ctx.date &&
    ctx.date <= def.endsOn &&
    anyOr(t.productCodes, ctx.productCode) &&
    anyOr(t.vehicleCategories, ctx.category) &&
    anyOr(t.makes, ctx.make) &&
    anyOr(t.dealerIds, ctx.dealerId) &&
    anyOr(t.regions, ctx.region) &&
    anyOr(t.segments, ctx.segment) &&
    anyOr(t.terms, ctx.term)
  );
}

/**
 * Rate promotions turn an annuity into the engine's subsidised (reduced rate) or interest-free
 * schedule, whose subsidy restores the lender's yield; they apply to equal-installment offers
 * only. Fee waivers apply to any offer with a fee to waive; free months to any offer with interest.
 */
export function promotionFitsMethod(def: PromotionDefinition, method: RepaymentMethodName): boolean {
  if (def.kind === 'reduced-rate' || def.kind === 'zero-rate') return method === 'equal-installment';
  if (def.kind === 'free-months') return method !== 'flat-fee';
  return true;
}

/** A promotion definition's own rules, each naming its field. */
export function validatePromotion(def: PromotionDefinition): void {
  const errors: { field: string; message: string }[] = [];
  if (def.endsOn < def.startsOn) errors.push({ field: 'endsOn', message: 'must not be before startsOn' });
  if (new Decimal(def.budget).lte(0)) errors.push({ field: 'budget', message: 'must be greater than zero' });
  if (def.kind === 'reduced-rate' && (def.rateReductionPercent === undefined || new Decimal(def.rateReductionPercent).lte(0))) {
    errors.push({ field: 'rateReductionPercent', message: 'is required and above 0 for a reduced-rate promotion' });
  }
  if (def.kind !== 'reduced-rate' && def.rateReductionPercent !== undefined) errors.push({ field: 'rateReductionPercent', message: 'applies to reduced-rate promotions only' });
  if (def.kind === 'free-months' && def.freeMonths === undefined) errors.push({ field: 'freeMonths', message: 'is required for a free-months promotion' });
  if (def.kind !== 'free-months' && def.freeMonths !== undefined) errors.push({ field: 'freeMonths', message: 'applies to free-months promotions only' });
  if (def.kind !== 'waived-fees' && def.waivedFeeCodes.length > 0) errors.push({ field: 'waivedFeeCodes', message: 'applies to waived-fees promotions only' });
  if (def.freeMonths !== undefined && def.target.terms.some((t) => t <= (def.freeMonths ?? 0))) {
    errors.push({ field: 'freeMonths', message: 'must be fewer than every targeted term' });
  }
  if (errors.length > 0) throw new DomainError('PROMOTION_INVALID', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
}
