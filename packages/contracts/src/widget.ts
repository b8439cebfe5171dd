import { z } from 'zod';
import { moneyInputSchema } from './finance.ts';
import { bilingualSchema } from './pricing.ts';
import { productCodeSchema, vehicleCategorySchema } from './products.ts';

/**
 * The dealer's embeddable payment calculator. Public (no sign-in), keyed by the dealer's public
 * widget id, CORS-open, with a small body limit (1 KiB) and a per-widget rate limit kept in the
 * database (fixed one-minute windows) so every server instance shares it.
 *
 *   GET  /api/widget/{widgetId}        → WidgetConfig
 *   POST /api/widget/{widgetId}/quote  → WidgetQuoteResponse
 *
 * Unknown widget id: 404 problem (NOT_FOUND). Over the limit: 429 problem (RATE_LIMITED) with
 * a Retry-After header. Bad body: 400 problem naming the field. No product fits: 422 problem.
 */

export const widgetIdSchema = z.string().regex(/^[a-z0-9_-]{6,64}$/, 'must be a widget id');
export const widgetParamsSchema = z.object({ widgetId: widgetIdSchema });

export const widgetConfigSchema = z
  .object({
    widgetId: widgetIdSchema,
    dealerName: z.string(),
    /** The vehicle categories the dealer sells (a 4S store: new-ice/new-nev; a used-car dealer: used). */
    vehicleCategories: z.array(vehicleCategorySchema),
    /** Sellable products of this dealer. */
    products: z.array(z.object({ code: productCodeSchema, name: bilingualSchema, terms: z.array(z.number().int()) })),
    /** The union of the products' terms, ascending. */
    terms: z.array(z.number().int()),
    /** The slider's starting down payment, percent of the price, e.g. "30". */
    defaultDownPaymentPercent: z.string(),
    /** The smallest down payment any of the products takes, percent of the price. */
    minDownPaymentPercent: z.string(),
    /** Requests a minute the widget may make. */
    rateLimitPerMinute: z.number().int(),
  })
  .meta({ id: 'WidgetConfig' });
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;

export const widgetQuoteRequestSchema = z
  .object({
    /** Default: the dealer's first category. */
    vehicleCategory: vehicleCategorySchema.optional(),
    vehiclePrice: moneyInputSchema,
    downPayment: moneyInputSchema,
    /** Default: every term of the dealer's products. */
    term: z.number().int().min(1).max(120).optional(),
    /** Used cars only. */
    ageMonths: z.number().int().min(0).max(600).optional(),
    mileageKm: z.number().int().min(0).max(2_000_000).optional(),
  })
  .strict()
  .meta({ id: 'WidgetQuoteRequest' });
export type WidgetQuoteRequest = z.input<typeof widgetQuoteRequestSchema>;

const wireMoney = z.string().regex(/^-?\d+\.\d{2}$/);

export const widgetOfferSchema = z.object({
  productCode: productCodeSchema,
  productName: bilingualSchema,
  term: z.number().int(),
  /** The first regular installment. */
  monthlyPayment: wireMoney,
  /** 年化利率 (单利, PBoC 〔2021〕 No. 3), percent to two places, e.g. "4.56": show it at least as prominently as the payment. */
  apr: z.string(),
  /** Interest + fees, yuan. */
  totalCost: wireMoney,
  totalFees: wireMoney,
  downPayment: wireMoney,
  /** Promotion name when the offer carries one. */
  promotion: bilingualSchema.nullable(),
  /** The compliant disclosure; the widget shows it under the figures. */
  disclosure: bilingualSchema,
});
export type WidgetOffer = z.infer<typeof widgetOfferSchema>;

export const widgetQuoteResponseSchema = z
  .object({
    /** Cheapest total cost first. */
    offers: z.array(widgetOfferSchema),
    /** Index into offers, or null when there are none. */
    lowestMonthlyPayment: z.number().int().nullable(),
    lowestTotalCost: z.number().int().nullable(),
    /** The assumptions the figures rest on (a representative customer), to show in small print. */
    note: bilingualSchema,
  })
  .meta({ id: 'WidgetQuoteResponse' });
export type WidgetQuoteResponse = z.infer<typeof widgetQuoteResponseSchema>;

/** GET /api/widgets (admin, dealer_ops, marketing): the dealers' calculator widgets with their embed snippets. */
export const dealerWidgetListSchema = z
  .object({
    items: z.array(
      z.object({
        dealerId: z.uuid(),
        widgetId: widgetIdSchema,
        dealerName: z.string(),
        vehicleCategories: z.array(vehicleCategorySchema),
        productCodes: z.array(productCodeSchema),
        active: z.boolean(),
        /** Paste-ready script tag, relative to this installation's origin. */
        scriptSnippet: z.string(),
        /** Paste-ready iframe, relative to this installation's origin. */
        iframeSnippet: z.string(),
      }),
    ),
  })
  .meta({ id: 'DealerWidgetList' });
export type DealerWidgetList = z.infer<typeof dealerWidgetListSchema>;
