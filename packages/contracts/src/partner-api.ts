import { z } from 'zod';
import { bilingualSchema } from './pricing.ts';
import { productCodeSchema, productTypeSchema, vehicleCategorySchema } from './products.ts';
import { repaymentMethodSchema } from './finance.ts';

/**
 * The partner API (/v1) contracts that are its own: products a partner may sell, webhook
 * subscriptions and events, documents, the application list. Quotes and applications take the
 * console's bodies (quotes.ts, applications.ts), made strict so an unknown field is named.
 */

/**
 * Makes every object in a schema reject unknown keys, so a partner who misspells `downPayment`
 * hears about it instead of getting a quote without it. Walks objects, arrays, optionals,
 * nullables and defaults (the shapes the request contracts use); anything else is kept as it is.
 */
export function strictDeep<T extends z.ZodType>(schema: T): T {
  return walk(schema) as T;
}
function walk(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [k, v] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[k] = walk(v);
    // Descriptions and examples carry over; the component id does not (the strict copy is another schema).
    const { id: _id, ...meta } = z.globalRegistry.get(schema) ?? {};
    const out = z.strictObject(shape);
    return Object.keys(meta).length > 0 ? out.meta(meta) : out;
  }
  if (schema instanceof z.ZodOptional) return walk(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodNullable) return walk(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodDefault) return walk(schema.unwrap() as z.ZodType).default(schema.def.defaultValue as never);
  if (schema instanceof z.ZodArray) return z.array(walk(schema.element as z.ZodType));
  return schema;
}

export const partnerEventTypes = ['application.decided', 'application.status_changed', 'application.stipulation_updated'] as const;
export const partnerEventTypeSchema = z.enum(partnerEventTypes);
export type PartnerEventType = z.infer<typeof partnerEventTypeSchema>;

// ---- products ----

export const v1ProductSchema = z
  .object({
    code: productCodeSchema,
    version: z.number().int(),
    name: bilingualSchema,
    type: productTypeSchema,
    vehicleCategories: z.array(vehicleCategorySchema),
    makes: z.array(z.string()),
    terms: z.array(z.number().int()),
    methods: z.array(repaymentMethodSchema),
    minDownPaymentPercent: z.string(),
    maxLtvPercent: z.string(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
  })
  .meta({ id: 'PartnerProduct' });
export const v1ProductsResponseSchema = z.object({ data: z.array(v1ProductSchema) }).meta({ id: 'PartnerProducts' });
export type V1ProductsResponse = z.infer<typeof v1ProductsResponseSchema>;

// ---- webhooks ----

export const createWebhookBodySchema = z
  .strictObject({
    /** https:// in production; http:// is accepted for local receivers. */
    url: z.url({ protocol: /^https?$/ }).max(2000),
    events: z.array(partnerEventTypeSchema).min(1).max(partnerEventTypes.length),
    description: z.string().max(200).optional(),
  })
  .meta({ id: 'WebhookCreate', examples: [{ url: 'https://dms.example-dealer.cn/hooks/autofin', events: ['application.decided', 'application.status_changed', 'application.stipulation_updated'] }] });
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

export const webhookSubscriptionSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(partnerEventTypeSchema),
    description: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookSubscription' });
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;
export const createdWebhookSchema = webhookSubscriptionSchema.extend({
  /** whsec_…: verify the webhook-signature header with it. Returned only once. */
  secret: z.string(),
});
export const webhookListResponseSchema = z.object({ data: z.array(webhookSubscriptionSchema) });
export const webhookIdParamsSchema = z.object({ webhookId: z.uuid() });

/** The body of every webhook: the Standard Webhooks envelope. */
export const partnerEventSchema = z
  .object({
    type: partnerEventTypeSchema,
    timestamp: z.string(),
    data: z.object({
      applicationId: z.uuid(),
      status: z.string(),
      previousStatus: z.string().nullable(),
      /** application.stipulation_updated: the stipulation and its new status. */
      stipulation: z.object({ id: z.string(), type: z.string(), status: z.string() }).nullable(),
    }),
  })
  .meta({ id: 'PartnerEvent' });
export type PartnerEvent = z.infer<typeof partnerEventSchema>;

// ---- documents ----

/** PDF, JPEG and PNG only: what a stipulation's proof (ID card, pay slip, bank statement) comes as. */
export const documentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** 5 MiB decoded; the base64 JSON body may be up to 7 MiB. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_BODY_LIMIT = 7 * 1024 * 1024;

export const uploadDocumentBodySchema = z
  .strictObject({
    /** The id of the application's stipulation this document answers. */
    stipulationId: z.string().min(1).max(100),
    fileName: z.string().min(1).max(200),
    mediaType: z.enum(documentMediaTypes),
    /** The file, base64 (standard alphabet, padding allowed). */
    contentBase64: z.string().min(4).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  })
  .meta({ id: 'DocumentUpload', examples: [{ stipulationId: '7d0c1f9e-5a0b-4c55-9d2e-3b1f4a6c8e21', fileName: 'payslip-2026-10.pdf', mediaType: 'application/pdf', contentBase64: 'JVBERi0xLjQKJcTl8uXrp/Og0MTGCg==' }] });
export type UploadDocumentBody = z.infer<typeof uploadDocumentBodySchema>;

export const uploadedDocumentSchema = z
  .object({
    id: z.uuid(),
    applicationId: z.uuid(),
    stipulationId: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Document' });
export type UploadedDocument = z.infer<typeof uploadedDocumentSchema>;

// ---- applications list ----

export const v1ApplicationIdParamsSchema = z.object({ applicationId: z.uuid() });
export const v1ApplicationListQuerySchema = z.strictObject({
  status: z.string().regex(/^[a-z_]{2,40}$/).optional(),
  /** Only applications changed at or after this instant (ISO 8601). */
  updatedSince: z.iso.datetime({ offset: true }).optional(),
  /** From the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type V1ApplicationListQuery = z.infer<typeof v1ApplicationListQuerySchema>;

// ---- prequalifications ----

export const prequalificationBodySchema = z
  .strictObject({
    applicant: z.strictObject({
      monthlyIncome: z.string().regex(/^\d{1,11}(\.\d{1,2})?$/, 'must be yuan, e.g. "25000.00"'),
      /** Other loans' monthly payments (mortgage, cards), yuan. */
      monthlyDebtPayments: z.string().regex(/^\d{1,11}(\.\d{1,2})?$/, 'must be yuan, e.g. "3000.00"').default('0'),
      employment: z.string().min(1).max(40),
      /** What the customer says about their credit: no bureau query is made. */
      selfReportedCredit: z.enum(['excellent', 'good', 'fair', 'poor', 'unknown']).default('unknown'),
      cityTier: z.number().int().min(1).max(4).optional(),
    }),
    vehicle: z.strictObject({
      category: vehicleCategorySchema,
      make: z.string().min(1).max(50).optional(),
      model: z.string().min(1).max(80).optional(),
      price: z.string().regex(/^\d{1,11}(\.\d{1,2})?$/, 'must be yuan, e.g. "250000.00"'),
      ageMonths: z.number().int().min(0).max(600).optional(),
      mileageKm: z.number().int().min(0).max(2_000_000).optional(),
      listPrice: z.string().regex(/^\d{1,11}(\.\d{1,2})?$/).optional(),
    }),
    downPayment: z.string().regex(/^\d{1,11}(\.\d{1,2})?$/, 'must be yuan, e.g. "50000.00"'),
    term: z.number().int().min(1).max(120).optional(),
    consents: z.strictObject({ softCheck: z.literal(true, 'the customer must agree to the soft check') }),
  })
  .meta({
    id: 'PrequalificationRequest',
    examples: [
      {
        applicant: { monthlyIncome: '25000.00', monthlyDebtPayments: '2000.00', employment: 'salaried', selfReportedCredit: 'good' },
        vehicle: { category: 'new-nev', make: 'BYD', price: '250000.00' },
        downPayment: '50000.00',
        term: 36,
        consents: { softCheck: true },
      },
    ],
  });
export type PrequalificationBody = z.infer<typeof prequalificationBodySchema>;

export const prequalificationOfferSchema = z.object({
  productCode: z.string(),
  productName: bilingualSchema,
  term: z.number().int(),
  annualRate: z.string(),
  apr: z.string(),
  monthlyPayment: z.string(),
  totalCost: z.string(),
  /** The instalment plus existing debts as a percent of income. */
  debtToIncomePercent: z.string(),
});
export const prequalificationResponseSchema = z
  .object({
    id: z.uuid(),
    /** likely | possible | unlikely: how a full application would probably end. */
    outcome: z.enum(['likely', 'possible', 'unlikely']),
    /** The risk tier the offers are priced at (A best … E). */
    indicativeTier: z.enum(['A', 'B', 'C', 'D', 'E']),
    offers: z.array(prequalificationOfferSchema),
    reasons: z.array(z.object({ code: z.string(), detail: z.string() })),
    /** Always true: no credit bureau was queried, nothing was recorded on the customer's file. */
    softCheck: z.literal(true),
    versions: z.object({ prequalification: z.string(), quote: z.string() }),
    note: bilingualSchema,
  })
  .meta({ id: 'Prequalification' });
export type PrequalificationResponse = z.infer<typeof prequalificationResponseSchema>;
