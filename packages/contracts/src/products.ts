import { z } from 'zod';
import { amountSchema, isoDateSchema } from './common.ts';
import { repaymentMethodSchema } from './finance.ts';
import { bilingualSchema, percentSchema, signedPercentSchema } from './pricing.ts';

/**
 * The product catalogue: what the lender sells. A product is versioned: every change is a new
 * draft version; only a published version is sellable, and quotes and applications record the
 * version they used. Money is a decimal string with two places; rates and shares are percent
 * strings ("20" is 20 %).
 */

/**
 * The vehicle categories of a quote and of a product's eligibility. They map onto the Chinese
 * rulebook's categories: new-ice → self-use conventional, new-nev → self-use new-energy,
 * commercial-ice / commercial-nev → commercial conventional / new-energy, used → used.
 */
export const vehicleCategories = ['new-ice', 'new-nev', 'used', 'commercial-ice', 'commercial-nev'] as const;
export const vehicleCategorySchema = z.enum(vehicleCategories);
export type QuoteVehicleCategory = z.infer<typeof vehicleCategorySchema>;

export const productTypes = ['loan', 'lease'] as const;
export const productTypeSchema = z.enum(productTypes);
export type ProductType = z.infer<typeof productTypeSchema>;

export const productCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be an upper-case code, e.g. NEV_LOAN');
const itemCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be an upper-case code, e.g. GPS');

/**
 * A fee of the product: a fixed amount or a percent of the principal (vehicle price − down
 * payment), paid upfront in cash, financed (added to the loan) or with every installment.
 * `financeCharge`: part of the cost of credit and so of the APR (GPS, service, handling fees are;
 * voluntary insurance may not be).
 */
export const productFeeSchema = z
  .object({
    code: itemCodeSchema,
    name: bilingualSchema,
    basis: z.enum(['amount', 'percent']),
    /** basis amount: the fee in yuan; basis percent: percent of the principal. */
    value: z.string().regex(/^\d{1,13}(\.\d{1,4})?$/, 'must be a non-negative decimal, e.g. "1500.00" or "1.5"'),
    timing: z.enum(['upfront', 'financed', 'periodic']),
    financeCharge: z.boolean(),
  })
  .meta({ id: 'ProductFee' });
export type ProductFee = z.infer<typeof productFeeSchema>;

/** A service packaged with the finance (scene bundle): what the customer gets, at its own price. */
export const bundleServiceSchema = z
  .object({
    code: itemCodeSchema,
    name: bilingualSchema,
    description: bilingualSchema,
    price: amountSchema,
    /** financed: added to the loan (and so paying interest); upfront: paid in cash at signing. */
    timing: z.enum(['financed', 'upfront']),
  })
  .meta({ id: 'BundleService' });
export type BundleService = z.infer<typeof bundleServiceSchema>;

/** The product's prepayment (提前还款) rule; same meaning as the finance engine's rules. */
export const productPrepaymentRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('percent-of-principal'), percent: percentSchema }),
  z.object({ type: z.literal('months-of-interest'), months: z.number().int().min(0).max(24) }),
  z.object({ type: z.literal('trade-in') }),
]);
export type ProductPrepaymentRule = z.infer<typeof productPrepaymentRuleSchema>;

/** What a product is: the editable body of a version. */
export const productDefinitionSchema = z
  .object({
    code: productCodeSchema,
    name: bilingualSchema,
    description: bilingualSchema.optional(),
    type: productTypeSchema,
    /** Vehicles the product finances. */
    vehicleCategories: z.array(vehicleCategorySchema).min(1),
    /** Makes (brand names as in the catalogue) the product is limited to; empty: every make. */
    makes: z.array(z.string().min(1).max(50)).max(100).default([]),
    /** Used cars: the oldest and the most driven the product takes. */
    maxVehicleAgeMonths: z.number().int().min(0).max(600).optional(),
    maxMileageKm: z.number().int().min(0).max(2_000_000).optional(),
    terms: z.array(z.number().int().min(1).max(120)).min(1),
    /** Smallest down payment as a percent of the vehicle price (trade-in equity counts towards it). */
    minDownPaymentPercent: percentSchema,
    /**
     * The institution's own maximum loan-to-value (everything financed ÷ vehicle value). It may
     * not exceed the rulebook's limit for any eligible category, where the rulebook sets one.
     */
    maxLtvPercent: percentSchema,
    /**
     * The oldest a borrower may be when the last instalment falls due (到期时借款人最大年龄), in
     * whole years. Optional: stored products without it stay valid and the decision strategy's own
     * limit then applies; where set, the engine applies the stricter of the two. Not meaningful
     * for products sold to companies.
     */
    maxBorrowerAgeAtMaturity: z.number().int().min(60).max(75).optional(),
    /** Repayment methods the product allows; the first is the default offered. */
    methods: z.array(repaymentMethodSchema).min(1),
    /** balloon: the balloon as a percent of the vehicle price. */
    balloonPercent: percentSchema.optional(),
    /** lease: the buy-out price (留购价) and the deposit (保证金) as percents of the vehicle price. */
    residualPercent: percentSchema.optional(),
    depositPercent: percentSchema.optional(),
    /** flat-fee: the monthly fee rate (percent a month of the original principal); the interest rate is then 0. */
    monthlyFeeRatePercent: percentSchema.optional(),
    fees: z.array(productFeeSchema).default([]),
    /** Scene bundle: services packaged with the finance. */
    services: z.array(bundleServiceSchema).default([]),
    /** NEV battery rental (车电分离): the battery is leased separately, so its price is not financed. */
    batteryRental: z.object({ batteryPrice: amountSchema, monthlyRent: amountSchema }).optional(),
    /** 以旧换新: only offered with a trade-in; its equity is down payment and the old loan is prepaid without penalty. */
    tradeInProgramme: z.boolean().default(false),
    prepayment: productPrepaymentRuleSchema,
    /** The product of the pricing grid this product is priced as, and a signed add-on (percent a year). */
    pricing: z.object({
      gridProductCode: productCodeSchema,
      adjustmentPercent: signedPercentSchema.default('0'),
    }),
    effectiveFrom: isoDateSchema,
    /** Last day sellable; open-ended when absent. */
    effectiveTo: isoDateSchema.optional(),
  })
  .meta({ id: 'ProductDefinition' });
export type ProductDefinition = z.infer<typeof productDefinitionSchema>;
export type ProductDefinitionInput = z.input<typeof productDefinitionSchema>;

export const productStatuses = ['draft', 'published', 'superseded'] as const;
export const productStatusSchema = z.enum(productStatuses);
export type ProductStatus = z.infer<typeof productStatusSchema>;

/** One version of a product as stored. */
export const productVersionSchema = z
  .object({
    code: productCodeSchema,
    version: z.number().int().min(1),
    status: productStatusSchema,
    definition: productDefinitionSchema,
    /** The rulebook version the product was checked against when published. */
    rulebookVersion: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    publishedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'ProductVersion' });
export type ProductVersionRecord = z.infer<typeof productVersionSchema>;

/** A catalogue row: the product's published version (if any) and its newest draft (if any). */
export const productSummarySchema = z
  .object({
    code: productCodeSchema,
    name: bilingualSchema,
    type: productTypeSchema,
    vehicleCategories: z.array(vehicleCategorySchema),
    publishedVersion: z.number().int().nullable(),
    draftVersion: z.number().int().nullable(),
    latestVersion: z.number().int(),
    /** Published and within its effective period today. */
    sellable: z.boolean(),
    effectiveFrom: isoDateSchema,
    effectiveTo: isoDateSchema.nullable(),
  })
  .meta({ id: 'ProductSummary' });
export type ProductSummary = z.infer<typeof productSummarySchema>;

export const productListResponseSchema = z.object({ items: z.array(productSummarySchema) });
export type ProductListResponse = z.infer<typeof productListResponseSchema>;

/** GET /api/products/{code}: every version, newest first. */
export const productDetailResponseSchema = z.object({ code: productCodeSchema, versions: z.array(productVersionSchema) });
export type ProductDetailResponse = z.infer<typeof productDetailResponseSchema>;

/** A regulatory or catalogue rule a product breaks, naming the field and the rule. */
export const productViolationSchema = z.object({
  field: z.string(),
  message: z.string(),
  /** e.g. `CN-AUTO-2024.04 LTV used`, `CN-AUTO-2024.04 term used-vehicle`, `grid cn-default v1`. */
  rule: z.string(),
  source: z.string().nullable(),
});
export type ProductViolation = z.infer<typeof productViolationSchema>;

/** POST /api/products/validate and the body of a refused publish. */
export const productValidationResponseSchema = z.object({
  ok: z.boolean(),
  rulebookVersion: z.string(),
  violations: z.array(productViolationSchema),
});
export type ProductValidationResponse = z.infer<typeof productValidationResponseSchema>;

export const productCodeParamsSchema = z.object({ code: productCodeSchema });
export const productVersionParamsSchema = z.object({ code: productCodeSchema, version: z.coerce.number().int().min(1) });
