import { z } from 'zod';
import { amountSchema, isoDateSchema } from './common.ts';
import { fuelSchema } from './vehicles.ts';

/**
 * Risk-based pricing: the grid (data, versioned) and the priced rate with its build-up.
 * Every rate in a grid is an annual percent as a decimal string ("2.60" is 2.60 % a year);
 * adjustments may be negative ("-0.10").
 */

/** A percent that may be negative: up to three integer digits, up to six decimals. */
export const signedPercentSchema = z
  .string()
  .regex(/^-?\d{1,3}(\.\d{1,6})?$/, 'must be a percent as a decimal string, e.g. "2.60" or "-0.10"');
/** A non-negative percent. */
export const percentSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, 'must be a non-negative percent as a decimal string, e.g. "2.60"');

export const riskTiers = ['A', 'B', 'C', 'D', 'E'] as const;
export const riskTierSchema = z.enum(riskTiers);
export type RiskTier = z.infer<typeof riskTierSchema>;

export const vehicleConditions = ['new', 'used'] as const;
export const vehicleConditionSchema = z.enum(vehicleConditions);
export type VehicleCondition = z.infer<typeof vehicleConditionSchema>;

/** The vehicle classes that loss given default is set for: NEVs lose value faster, used cars are harder to remarket. */
export const lgdVehicleClasses = ['new_ice', 'new_nev', 'used'] as const;
export type LgdVehicleClass = (typeof lgdVehicleClasses)[number];

export const salesChannels = ['direct', 'dealer', 'online', 'partner'] as const;
export const salesChannelSchema = z.enum(salesChannels);
export type SalesChannel = z.infer<typeof salesChannelSchema>;

export const dealerGrades = ['A', 'B', 'C', 'D'] as const;
export const dealerGradeSchema = z.enum(dealerGrades);
export type DealerGrade = z.infer<typeof dealerGradeSchema>;

export const bilingualSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof bilingualSchema>;

const termMonthsSchema = z.number().int().min(1).max(120);

export const pricingProductSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be an upper-case code, e.g. NEW_CAR_LOAN'),
  label: bilingualSchema,
  vehicleCondition: vehicleConditionSchema,
  termsMonths: z.array(termMonthsSchema).min(1),
  maxLtvPercent: percentSchema,
  operatingCostPercent: percentSchema,
  targetMarginPercent: signedPercentSchema,
  floorPercent: percentSchema,
  ceilingPercent: percentSchema,
});
export type PricingProduct = z.infer<typeof pricingProductSchema>;

export const pricingGridSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be a lower-case slug, e.g. cn-default'),
    version: z.number().int().min(1),
    effectiveFrom: isoDateSchema,
    currency: z.literal('CNY'),
    description: z.string().max(500).optional(),
    /** Final rates are rounded half-up to a multiple of this step (percent points). */
    roundingStepPercent: percentSchema,
    /** Cost of funds by loan term (the lender's funding curve), one point per term a product offers. */
    costOfFunds: z.array(z.object({ termMonths: termMonthsSchema, ratePercent: percentSchema })).min(1),
    /** 12-month probability of default per risk tier, best tier first. */
    riskTiers: z.array(z.object({ tier: riskTierSchema, pd12mPercent: percentSchema })).min(1),
    /** LTV bands by their inclusive upper bound, lowest first: LGD per vehicle class and a rate add-on. */
    ltvBands: z
      .array(
        z.object({
          code: z.string().min(1).max(20),
          maxLtvPercent: percentSchema,
          lgdPercent: z.object({ new_ice: percentSchema, new_nev: percentSchema, used: percentSchema }),
          adjustmentPercent: signedPercentSchema,
        }),
      )
      .min(1),
    products: z.array(pricingProductSchema).min(1),
    /** City tier 1 (Beijing, Shanghai …) to 4 (county towns). */
    regionAdjustments: z
      .array(z.object({ cityTier: z.number().int().min(1).max(4), adjustmentPercent: signedPercentSchema }))
      .min(1),
    fuelAdjustments: z.array(z.object({ fuel: fuelSchema, adjustmentPercent: signedPercentSchema })).min(1),
    /** Used cars by age at origination, inclusive upper bound, youngest first; older than the last band is not financed. */
    usedCarAgeBands: z
      .array(z.object({ maxAgeMonths: z.number().int().min(0).max(600), adjustmentPercent: signedPercentSchema }))
      .min(1),
    channelAdjustments: z
      .array(z.object({ channel: salesChannelSchema, adjustmentPercent: signedPercentSchema }))
      .min(1),
    /** Dealer quality grade (early-default and fraud history of the dealer's book); applies on the dealer channel. */
    dealerGradeAdjustments: z
      .array(z.object({ grade: dealerGradeSchema, adjustmentPercent: signedPercentSchema }))
      .min(1),
    /** Returning customers: the band with the largest minPriorLoans not above the customer's count applies. */
    loyaltyAdjustments: z
      .array(z.object({ minPriorLoans: z.number().int().min(1).max(100), adjustmentPercent: signedPercentSchema }))
      .default([]),
  })
  .meta({ id: 'PricingGrid' });
export type PricingGrid = z.infer<typeof pricingGridSchema>;

/** A pricing request on the wire: money as decimal strings. */
export const priceRateRequestSchema = z
  .object({
    productCode: z.string().min(1),
    riskTier: riskTierSchema,
    termMonths: termMonthsSchema,
    amountFinanced: amountSchema,
    vehicleValue: amountSchema,
    cityTier: z.number().int().min(1).max(4),
    vehicle: z.object({
      condition: vehicleConditionSchema,
      fuel: fuelSchema,
      ageMonths: z.number().int().min(0).max(600).default(0),
    }),
    channel: salesChannelSchema,
    dealerGrade: dealerGradeSchema.optional(),
    priorLoans: z.number().int().min(0).max(100).default(0),
  })
  .meta({ id: 'PriceRateRequest' });
export type PriceRateRequest = z.infer<typeof priceRateRequestSchema>;

export const pricingLineCodes = [
  'COST_OF_FUNDS',
  'EXPECTED_LOSS',
  'OPERATING_COST',
  'TARGET_MARGIN',
  'ADJ_LTV',
  'ADJ_REGION',
  'ADJ_FUEL',
  'ADJ_USED_AGE',
  'ADJ_CHANNEL',
  'ADJ_DEALER',
  'ADJ_LOYALTY',
  'ROUNDING',
  'FLOOR',
  'CEILING',
] as const;
export type PricingLineCode = (typeof pricingLineCodes)[number];

export const pricingLineSchema = z.object({
  code: z.enum(pricingLineCodes),
  label: bilingualSchema,
  /** This line's contribution, percent a year, to four places (signed), e.g. "0.2326" or "-0.1000". */
  rate: z.string(),
  /** How the contribution was found: the inputs and the formula, language-neutral. */
  detail: z.string(),
});
export type PricingLine = z.infer<typeof pricingLineSchema>;

export const priceRateResultSchema = z
  .object({
    /** The customer's annual rate in percent, rounded half-up to the grid's step, e.g. "4.23". */
    rate: z.string(),
    /** The sum of the build-up and adjustment lines before rounding and bounds, four places. */
    unroundedRate: z.string(),
    lines: z.array(pricingLineSchema),
    bound: z.enum(['floor', 'ceiling']).nullable(),
    grid: z.object({ id: z.string(), version: z.number().int() }),
  })
  .meta({ id: 'PriceRateResult' });
export type PriceRateResult = z.infer<typeof priceRateResultSchema>;

/** A matrix for the console's live preview: rows are risk tiers, columns terms or LTV bands. */
export const gridPreviewSchema = z
  .object({
    grid: z.object({ id: z.string(), version: z.number().int() }),
    productCode: z.string(),
    columns: z.enum(['term', 'ltvBand']),
    rowLabels: z.array(riskTierSchema),
    columnLabels: z.array(z.string()),
    cells: z.array(z.array(z.object({ rate: z.string(), bound: z.enum(['floor', 'ceiling']).nullable() }))),
  })
  .meta({ id: 'PricingGridPreview' });
export type GridPreview = z.infer<typeof gridPreviewSchema>;
