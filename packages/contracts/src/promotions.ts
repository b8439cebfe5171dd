import { z } from 'zod';
import { amountSchema, isoDateSchema } from './common.ts';
import { bilingualSchema, percentSchema } from './pricing.ts';
import { productCodeSchema, vehicleCategorySchema } from './products.ts';
import { promotionKindSchema, subsidyPayerSchema } from './quotes.ts';

/**
 * Promotions (营销活动定价): time-limited, budget-capped offers targeted by product, vehicle,
 * dealer, region or customer segment.
 *
 * Lifecycle: marketing creates and edits a draft → submits it → compliance (or admin) who is
 * not the creator approves it (four eyes) or rejects it back to draft → it applies to quotes
 * between startsOn and endsOn while its budget lasts → anyone with the role may end it early.
 *
 * Budget: a quote shows a promotion only when the remaining budget covers the offer's cost
 * (subsidy, waived fees, or free months' interest). The budget is consumed only when an offer is
 * taken up: POST /api/promotions/{id}/reservations {quoteId, offerId} charges the cost recorded
 * in the stored quote with one conditional UPDATE (… WHERE spent + cost <= budget RETURNING),
 * so concurrent take-ups can never overspend; a refused take-up is 409 PROMOTION_BUDGET_EXHAUSTED.
 */

export const promotionTargetSchema = z
  .object({
    /** Empty lists mean "any". */
    productCodes: z.array(productCodeSchema).default([]),
    vehicleCategories: z.array(vehicleCategorySchema).default([]),
    /** Make names (as in the quote's vehicle.make). */
    makes: z.array(z.string().min(1).max(50)).default([]),
    /** Dealer partner ids. */
    dealerIds: z.array(z.uuid()).default([]),
    /** Customer regions (province or NBS region, as in the quote's customer.region). */
    regions: z.array(z.string().min(1).max(50)).default([]),
    /** Customer marketing segments. */
    segments: z.array(z.string().min(1).max(50)).default([]),
    /** Terms the promotion applies to. */
    terms: z.array(z.number().int().min(1).max(120)).default([]),
  })
  .meta({ id: 'PromotionTarget' });
export type PromotionTarget = z.infer<typeof promotionTargetSchema>;

export const promotionDefinitionSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_-]{1,39}$/, 'must be an upper-case code, e.g. OEM_NEV_0APR'),
    name: bilingualSchema,
    kind: promotionKindSchema,
    /** Who funds the promotion (and so whose budget it is): the OEM, the dealer, or the lender itself. */
    payer: subsidyPayerSchema,
    /** reduced-rate: the customer's rate is the priced rate minus this (never below 0). */
    rateReductionPercent: percentSchema.optional(),
    /** waived-fees: the fee codes waived; empty: every fee. */
    waivedFeeCodes: z.array(z.string().min(1).max(40)).default([]),
    /** free-months: the first N installments carry no interest. */
    freeMonths: z.number().int().min(1).max(24).optional(),
    target: promotionTargetSchema,
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
    budget: amountSchema,
  })
  .meta({ id: 'PromotionDefinition' });
export type PromotionDefinition = z.infer<typeof promotionDefinitionSchema>;
export type PromotionDefinitionInput = z.input<typeof promotionDefinitionSchema>;

export const promotionStatuses = ['draft', 'pending_approval', 'approved', 'ended'] as const;
export const promotionStatusSchema = z.enum(promotionStatuses);
export type PromotionStatus = z.infer<typeof promotionStatusSchema>;

export const promotionSchema = z
  .object({
    id: z.uuid(),
    status: promotionStatusSchema,
    definition: promotionDefinitionSchema,
    spent: amountSchema,
    remaining: amountSchema,
    reservations: z.number().int(),
    /** Approved, within its dates today, and with budget left. */
    live: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    rejectionReason: z.string().nullable(),
  })
  .meta({ id: 'Promotion' });
export type Promotion = z.infer<typeof promotionSchema>;

export const promotionListResponseSchema = z.object({ items: z.array(promotionSchema) });
export const promotionIdParamsSchema = z.object({ id: z.uuid() });
export const promotionRejectRequestSchema = z.object({ reason: z.string().min(1).max(500) });

export const reservationRequestSchema = z
  .object({
    quoteId: z.uuid(),
    /** The offer of the stored quote that is taken up; it must carry this promotion. */
    offerId: z.string().min(1).max(100),
  })
  .meta({ id: 'PromotionReservationRequest' });
export type ReservationRequest = z.infer<typeof reservationRequestSchema>;

export const reservationSchema = z
  .object({
    id: z.uuid(),
    promotionId: z.uuid(),
    quoteId: z.uuid(),
    offerId: z.string(),
    amount: amountSchema,
    /** The promotion's spend after this reservation. */
    spentAfter: amountSchema,
    remainingAfter: amountSchema,
    createdAt: z.string(),
  })
  .meta({ id: 'PromotionReservation' });
export type Reservation = z.infer<typeof reservationSchema>;

export const burnDownQuerySchema = z.object({ bucket: z.enum(['hour', 'day']).default('day') });

/** The console's budget chart: cumulative spend per bucket since the first reservation. */
export const burnDownResponseSchema = z
  .object({
    promotionId: z.uuid(),
    budget: amountSchema,
    bucket: z.enum(['hour', 'day']),
    points: z.array(z.object({ at: z.string(), reservations: z.number().int(), spent: amountSchema, cumulativeSpent: amountSchema, remaining: amountSchema })),
  })
  .meta({ id: 'PromotionBurnDown' });
export type BurnDown = z.infer<typeof burnDownResponseSchema>;
