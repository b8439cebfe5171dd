import { z } from 'zod';
import { isoDateSchema } from './common.ts';

// The loan and lease mathematics on the wire: the quote request/response (CLI `autofin quote`,
// later POST /api/quotes) and the APR request/response (CLI `autofin apr`). Money is a decimal
// string; rates and APRs are percent (4.5 means 4.5% a year).

/** A non-negative amount in yuan with at most two places: "100000.00", "100000", "0.5". */
export const moneyInputSchema = z
  .string()
  .regex(/^\d{1,13}(\.\d{1,2})?$/, 'must be a non-negative decimal amount with at most two places, e.g. "12345.67"');

/** A percent a year as a decimal string or number: "4.5" or 4.5 for 4.5%. */
export const percentInputSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .pipe(z.string().regex(/^\d{1,3}(\.\d{1,8})?$/, 'must be a non-negative percent with at most 8 decimals, e.g. "4.5"'));

export const dayCountSchema = z.enum(['30/360', 'ACT/365', 'ACT/360']);
export const repaymentMethodSchema = z.enum([
  'equal-installment',
  'equal-principal',
  'interest-only',
  'balloon',
  'stepped',
  'seasonal',
  'flat-fee',
  'subsidised',
  'interest-free',
  'lease',
]);
export type RepaymentMethodName = z.infer<typeof repaymentMethodSchema>;

export const feeInputSchema = z.object({
  name: z.string().min(1).max(100),
  amount: moneyInputSchema,
  timing: z.enum(['upfront', 'financed', 'periodic']),
  /** Part of the finance charge (counted in the APR)? GPS and service fees are; voluntary insurance may not be. */
  financeCharge: z.boolean().default(true),
});

export const stepInputSchema = z.object({
  count: z.number().int().min(1),
  ratio: z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .pipe(z.string().regex(/^\d{1,3}(\.\d{1,6})?$/, 'must be a positive decimal ratio, e.g. "1.2"')),
});

export const prepaymentRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('percent-of-principal'), percent: percentInputSchema }),
  z.object({ type: z.literal('months-of-interest'), months: z.number().int().min(0).max(24) }),
  z.object({ type: z.literal('trade-in') }),
]);

export const quoteRequestSchema = z.object({
  principal: moneyInputSchema,
  annualRate: percentInputSchema,
  term: z.number().int().min(1).max(600),
  method: repaymentMethodSchema,
  dayCount: dayCountSchema.default('30/360'),
  disbursementDate: isoDateSchema,
  /** Default: one payment period after disbursement. */
  firstPaymentDate: isoDateSchema.optional(),
  /** Months between payments (default 1; seasonal defaults to 3). */
  every: z.number().int().min(1).max(12).optional(),
  graceMonths: z.number().int().min(0).default(0),
  monthlyFeeRate: percentInputSchema.optional(),
  upfrontFee: moneyInputSchema.optional(),
  financedFees: moneyInputSchema.optional(),
  periodicFee: moneyInputSchema.optional(),
  fees: z.array(feeInputSchema).optional(),
  vehiclePrice: moneyInputSchema.optional(),
  balloonAmount: moneyInputSchema.optional(),
  balloonPercent: percentInputSchema.optional(),
  residualAmount: moneyInputSchema.optional(),
  deposit: moneyInputSchema.optional(),
  steps: z.array(stepInputSchema).optional(),
  customerRate: percentInputSchema.optional(),
});
export type QuoteRequest = z.input<typeof quoteRequestSchema>;
export type ParsedQuoteRequest = z.output<typeof quoteRequestSchema>;

const wireMoney = z.string().regex(/^-?\d+\.\d{2}$/);

export const installmentSchema = z.object({
  n: z.number().int(),
  date: isoDateSchema,
  payment: wireMoney,
  principal: wireMoney,
  interest: wireMoney,
  fee: wireMoney,
  balance: wireMoney,
});

export const quoteResponseSchema = z.object({
  installments: z.array(installmentSchema),
  totalInterest: wireMoney,
  /** Every fee: upfront, financed, periodic. */
  totalFees: wireMoney,
  /** totalInterest + totalFees: what the credit costs beyond the amount borrowed. */
  totalCost: wireMoney,
  /** PBoC 〔2021〕 No. 3 annualised rate, percent: 12 × monthly IRR (单利). */
  aprSimple: z.number(),
  /** (1 + monthly IRR)^12 − 1, percent (复利). */
  aprCompound: z.number(),
  /** Regulation Z Appendix J actuarial APR, percent. */
  aprRegZ: z.number(),
  noteAmount: wireMoney,
  amountFinanced: wireMoney,
  financeCharge: wireMoney,
  totalOfPayments: wireMoney,
  upfrontCash: wireMoney,
  subsidy: wireMoney,
  depositRefund: wireMoney,
});
export type QuoteResponse = z.infer<typeof quoteResponseSchema>;

export const aprIntervalSchema = z.enum(['month', 'half-month', 'quarter', 'week', 'year']);

export const aprRequestSchema = z.object({
  advances: z.array(z.object({ date: isoDateSchema, amount: moneyInputSchema })).min(1),
  payments: z
    .array(
      z
        .object({
          date: isoDateSchema,
          amount: moneyInputSchema,
          count: z.number().int().min(1).max(10_000).optional(),
          every: aprIntervalSchema.optional(),
        })
        .refine((p) => (p.count === undefined) === (p.every === undefined) || (p.count === 1 && p.every === undefined), {
          message: 'a payment series needs both count and every',
          path: ['every'],
        }),
    )
    .min(1),
});
export type AprRequest = z.input<typeof aprRequestSchema>;
export type ParsedAprRequest = z.output<typeof aprRequestSchema>;

export const aprMethodSchema = z.enum(['regz', 'irr']);

/** Rates in percent (9.69 for 9.69%), to 1e-8 percent. */
export const regzAprResponseSchema = z.object({
  /** Regulation Z Appendix J actuarial APR. */
  apr: z.number(),
  unitPeriod: z.string(),
  periodsPerYear: z.number(),
  amountFinanced: wireMoney,
  financeCharge: wireMoney,
  totalOfPayments: wireMoney,
});
export const irrAprResponseSchema = z.object({
  /** 12 × monthly IRR (单利), PBoC 〔2021〕 No. 3. */
  aprSimple: z.number(),
  /** (1 + monthly IRR)^12 − 1 (复利). */
  aprCompound: z.number(),
  /** The monthly IRR itself. */
  monthlyRate: z.number(),
  amountFinanced: wireMoney,
  financeCharge: wireMoney,
  totalOfPayments: wireMoney,
});
export type RegzAprResponse = z.infer<typeof regzAprResponseSchema>;
export type IrrAprResponse = z.infer<typeof irrAprResponseSchema>;
