import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { installmentSchema, moneyInputSchema, repaymentMethodSchema } from './finance.ts';
import { bilingualSchema, riskTierSchema, salesChannelSchema, dealerGradeSchema } from './pricing.ts';
import { productCodeSchema, productPrepaymentRuleSchema, productTypeSchema, vehicleCategorySchema } from './products.ts';
import { fuelSchema, vehicleSegmentSchema } from './vehicles.ts';

/**
 * Quotes: every eligible product × term for one vehicle and customer, each with its schedule,
 * APRs, pricing breakdown and the disclosure text; ineligible combinations with their reasons.
 * POST /api/quotes (console) — the partner API will take the same body at POST /v1/quotes.
 *
 * Money in requests: a non-negative decimal with at most two places ("100000", "100000.5",
 * "100000.50"). Money in responses: exactly two places. Rates: percent strings ("4.23");
 * APRs: percent numbers to 1e-8 (as the finance CLI prints them).
 */

/** The most a quote finances a vehicle at: anything above is a typo, not a car. */
export const MAX_VEHICLE_PRICE = '20000000.00';
/** The least: below this it is not a car loan. */
export const MIN_VEHICLE_PRICE = '1000.00';

export const quoteVehicleSchema = z
  .object({
    category: vehicleCategorySchema,
    make: z.string().min(1).max(50).optional(),
    model: z.string().min(1).max(80).optional(),
    /** Default: BEV for NEV categories, ICE otherwise. */
    fuel: fuelSchema.optional(),
    /** Used cars: the segment of the valuation curve (default mid). */
    segment: vehicleSegmentSchema.optional(),
    /** The sale price (成交价) in yuan: the LTV denominator for new cars. */
    price: moneyInputSchema,
    /** Used cars: the original list price (指导价); with age and mileage it gives the valuation. */
    listPrice: moneyInputSchema.optional(),
    /** Used cars: required. */
    ageMonths: z.number().int().min(0).max(600).optional(),
    mileageKm: z.number().int().min(0).max(2_000_000).optional(),
  })
  .meta({ id: 'QuoteVehicle' });
export type QuoteVehicle = z.infer<typeof quoteVehicleSchema>;

/** 以旧换新: the car traded in. Its equity (appraised value − outstanding loan) is down payment. */
export const tradeInSchema = z.object({
  appraisedValue: moneyInputSchema,
  outstandingLoan: moneyInputSchema.default('0'),
});
export type TradeIn = z.infer<typeof tradeInSchema>;

export const quoteCustomerSchema = z
  .object({
    /** Risk tier A (prime) … E (sub-prime). Wins over score when both are given. */
    riskTier: riskTierSchema.optional(),
    /** Credit score 300–950; mapped to a tier (≥ 750 A, ≥ 700 B, ≥ 650 C, ≥ 600 D, else E). */
    score: z.number().int().min(300).max(950).optional(),
    /** City tier 1 (Beijing, Shanghai …) … 4 (county towns); default 2. */
    cityTier: z.number().int().min(1).max(4).optional(),
    /** Province or NBS region (e.g. "广东", "east"): promotions may target it. */
    region: z.string().min(1).max(50).optional(),
    /** Marketing segment (e.g. "young-professional"): promotions may target it. */
    segment: z.string().min(1).max(50).optional(),
    /** Loans repaid with us as agreed. */
    priorLoans: z.number().int().min(0).max(100).optional(),
  })
  .meta({ id: 'QuoteCustomer' });
export type QuoteCustomer = z.infer<typeof quoteCustomerSchema>;

export const quoteRequestBodySchema = z
  .object({
    vehicle: quoteVehicleSchema,
    /** Cash down payment in yuan (trade-in equity is added to it). */
    downPayment: moneyInputSchema,
    tradeIn: tradeInSchema.optional(),
    /** One term, or several; default: every term each product allows. */
    term: z.number().int().min(1).max(120).optional(),
    terms: z.array(z.number().int().min(1).max(120)).min(1).max(12).optional(),
    /** A repayment method; default: each product's first. */
    method: repaymentMethodSchema.optional(),
    /** Quote only this product (its published version). */
    productCode: productCodeSchema.optional(),
    customer: quoteCustomerSchema.optional(),
    channel: salesChannelSchema.default('dealer'),
    /** The originating dealer (partner id): promotions may target it; its widget quotes only its products. */
    dealerId: z.uuid().optional(),
    dealerGrade: dealerGradeSchema.optional(),
    /** Default: today (server clock). The first payment is one month later. */
    disbursementDate: isoDateSchema.optional(),
  })
  .meta({ id: 'QuotesRequest' });
export type QuotesRequest = z.input<typeof quoteRequestBodySchema>;
export type ParsedQuotesRequest = z.output<typeof quoteRequestBodySchema>;

const wireMoney = z.string().regex(/^-?\d+\.\d{2}$/);

/** One line of why the rate is what it is: the grid's lines, then product and promotion lines. */
export const offerBreakdownLineSchema = z.object({
  /** A pricing line code (COST_OF_FUNDS … CEILING), or PRODUCT_ADJUSTMENT, PRODUCT_FEE_RATE, PROMOTION. */
  code: z.string(),
  label: bilingualSchema,
  /** Contribution in percent a year, four places, signed. */
  rate: z.string(),
  detail: z.string(),
});
export type OfferBreakdownLine = z.infer<typeof offerBreakdownLineSchema>;

export const offerFeeSchema = z.object({
  code: z.string(),
  name: bilingualSchema,
  amount: wireMoney,
  timing: z.enum(['upfront', 'financed', 'periodic']),
  financeCharge: z.boolean(),
  /** Waived by a promotion: the amount is what the customer would have paid; it is not charged. */
  waived: z.boolean(),
});

export const promotionKinds = ['reduced-rate', 'zero-rate', 'waived-fees', 'free-months'] as const;
export const promotionKindSchema = z.enum(promotionKinds);
export type PromotionKind = z.infer<typeof promotionKindSchema>;
export const subsidyPayers = ['oem', 'dealer', 'lender'] as const;
export const subsidyPayerSchema = z.enum(subsidyPayers);
export type SubsidyPayer = z.infer<typeof subsidyPayerSchema>;

export const offerPromotionSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: bilingualSchema,
  kind: promotionKindSchema,
  payer: subsidyPayerSchema,
  /** What taking up this offer charges to the promotion's budget (subsidy, waived fees or free months' interest). */
  budgetCost: wireMoney,
});

export const offerSchema = z
  .object({
    /** Stable within the quote: `${productCode}-${term}-${method}`. */
    offerId: z.string(),
    productCode: productCodeSchema,
    productVersion: z.number().int(),
    productName: bilingualSchema,
    productType: productTypeSchema,
    term: z.number().int(),
    method: repaymentMethodSchema,
    /** The lender's annual rate (percent): the risk-based price. */
    annualRate: z.string(),
    /** The rate the customer's schedule runs at (lower than annualRate under a rate promotion). */
    customerRate: z.string(),
    /** The first regular installment. */
    monthlyPayment: wireMoney,
    installments: z.array(installmentSchema),
    vehiclePrice: wireMoney,
    /** The value the LTV is measured against: the price (new) or the valuation, capped by the price (used). */
    vehicleValue: wireMoney,
    downPayment: wireMoney,
    /** Vehicle price − down payment − trade-in equity − rented battery: what is borrowed for the car. */
    principal: wireMoney,
    /** What the schedule amortises: principal + financed fees + financed services. */
    noteAmount: wireMoney,
    /** The money actually in the borrower's hands (PBoC 实际占用本金; Reg Z amount financed). */
    amountFinanced: wireMoney,
    totalInterest: wireMoney,
    totalFees: wireMoney,
    /** totalInterest + totalFees: the cost of the credit. */
    totalCost: wireMoney,
    totalOfPayments: wireMoney,
    /** Cash at signing besides the down payment: upfront fees, upfront services, lease deposit. */
    upfrontCash: wireMoney,
    /** noteAmount ÷ vehicleValue, percent with two places. */
    ltv: z.string(),
    /** PBoC 〔2021〕 No. 3 annualised rate (单利), percent: counts every finance charge. */
    aprSimple: z.number(),
    /** The compound form (复利), percent. */
    aprCompound: z.number(),
    /** 贴息 paid to the lender to restore its yield, with who pays it; null without a subsidy. */
    subsidy: z.object({ amount: wireMoney, payer: subsidyPayerSchema }).nullable(),
    promotion: offerPromotionSchema.nullable(),
    fees: z.array(offerFeeSchema),
    /** Scene bundle: each service with its price, and the total. */
    bundle: z
      .object({
        items: z.array(z.object({ code: z.string(), name: bilingualSchema, description: bilingualSchema, price: wireMoney, timing: z.enum(['financed', 'upfront']) })),
        total: wireMoney,
        /** How much the financed services add to the first regular installment. */
        monthlyPaymentIncrease: wireMoney,
      })
      .nullable(),
    batteryRental: z.object({ batteryPrice: wireMoney, monthlyRent: wireMoney, totalRent: wireMoney }).nullable(),
    tradeIn: z
      .object({
        appraisedValue: wireMoney,
        outstandingLoan: wireMoney,
        equity: wireMoney,
        /** Under a trade-in programme the old loan is prepaid without penalty. */
        oldLoanPrepaymentPenaltyWaived: z.boolean(),
      })
      .nullable(),
    /** balloon: the balloon; lease: the buy-out price; otherwise null. */
    finalPayment: wireMoney.nullable(),
    deposit: wireMoney.nullable(),
    prepayment: productPrepaymentRuleSchema,
    breakdown: z.array(offerBreakdownLineSchema),
    pricing: z.object({
      grid: z.object({ id: z.string(), version: z.number().int() }),
      riskTier: riskTierSchema,
      bound: z.enum(['floor', 'ceiling']).nullable(),
    }),
    compliance: z.object({ rulebookVersion: z.string(), maxLoan: wireMoney.nullable(), maxMonths: z.number().int() }),
    disclosure: bilingualSchema,
  })
  .meta({ id: 'QuoteOffer' });
export type QuoteOffer = z.infer<typeof offerSchema>;

export const ineligibleReasonSchema = z.object({
  /** e.g. LTV_ABOVE_LIMIT, TERM_NOT_ALLOWED, TERM_ABOVE_RULEBOOK, CATEGORY_NOT_ELIGIBLE, DOWN_PAYMENT_TOO_LOW, VEHICLE_TOO_OLD, PRICING. */
  code: z.string(),
  /** The request field at fault, e.g. `downPayment`, `term`, `vehicle.ageMonths`. */
  field: z.string(),
  message: z.string(),
});
export type IneligibleReason = z.infer<typeof ineligibleReasonSchema>;

export const ineligibleOfferSchema = z.object({
  productCode: productCodeSchema,
  productVersion: z.number().int(),
  productName: bilingualSchema,
  /** null when the whole product is out (e.g. vehicle category), whatever the term. */
  term: z.number().int().nullable(),
  reasons: z.array(ineligibleReasonSchema).min(1),
});
export type IneligibleOffer = z.infer<typeof ineligibleOfferSchema>;

export const offerRefSchema = z.object({ offerId: z.string(), productCode: z.string(), term: z.number().int(), amount: wireMoney });

export const quotesResponseSchema = z
  .object({
    /** Stored quote id: reservations and applications refer to it. */
    quoteId: z.uuid(),
    quotedAt: z.string(),
    /** Cheapest totalCost first (ties: lower monthly payment, then product code, then term). */
    offers: z.array(offerSchema),
    ineligible: z.array(ineligibleOfferSchema),
    lowestMonthlyPayment: offerRefSchema.nullable(),
    lowestTotalCost: offerRefSchema.nullable(),
    /** What the quote assumed where the request left it open. */
    assumptions: z.object({
      riskTier: riskTierSchema,
      riskTierSource: z.enum(['given', 'score', 'default']),
      cityTier: z.number().int(),
      disbursementDate: isoDateSchema,
      vehicleValue: wireMoney,
      /** Used cars: how the vehicle value was found. */
      valuation: z.object({ value: wireMoney, modelVersion: z.string(), percentOfList: z.string() }).nullable(),
    }),
    versions: z.object({ grid: z.object({ id: z.string(), version: z.number().int() }), rulebook: z.string() }),
  })
  .meta({ id: 'QuotesResponse' });
export type QuotesResponse = z.infer<typeof quotesResponseSchema>;

export const quoteIdParamsSchema = z.object({ quoteId: z.uuid() });

/** GET /api/quotes/{quoteId}: the stored quote as it was returned. */
export const storedQuoteSchema = z.object({
  quoteId: z.uuid(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  request: z.unknown(),
  response: quotesResponseSchema,
});
export type StoredQuote = z.infer<typeof storedQuoteSchema>;
