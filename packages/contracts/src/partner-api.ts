import { z } from 'zod';
import { bilingualSchema } from './pricing.ts';
import { productCodeSchema, productTypeSchema, vehicleCategorySchema } from './products.ts';
import { repaymentMethodSchema } from './finance.ts';
import { employmentTypeSchema, housingTypeSchema } from './decisioning.ts';

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
export const v1ProductsResponseSchema = z.object({ data: z.array(v1ProductSchema) }).meta({
  id: 'PartnerProducts',
  examples: [
    {
      data: [
        {
          code: 'NEV_LOAN',
          version: 1,
          name: { zh: '新能源车贷款', en: 'New-energy vehicle loan' },
          type: 'loan',
          vehicleCategories: ['new-nev'],
          makes: [],
          terms: [12, 24, 36, 48, 60],
          methods: ['equal_installment'],
          minDownPaymentPercent: '15',
          maxLtvPercent: '85',
          effectiveFrom: '2026-01-01',
          effectiveTo: null,
        },
      ],
    },
  ],
});
export type V1ProductsResponse = z.infer<typeof v1ProductsResponseSchema>;

// ---- webhooks ----

export const createWebhookBodySchema = z
  .strictObject({
    /**
     * https:// to a public address. A URL whose host is or resolves to a loopback, private,
     * link-local (cloud metadata), unique-local, multicast or reserved address, or any other
     * scheme, is refused with 422 WEBHOOK_URL_FORBIDDEN naming `url`; delivery checks again.
     * http:// and private addresses only on installations set up for local development.
     */
    url: z.url().max(2000),
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
const webhookExample = { id: '3f1b6a52-8c1e-4d7a-9b0e-5c2f7e9a1d44', url: 'https://dms.example-dealer.cn/hooks/autofin', events: ['application.decided', 'application.stipulation_updated'], description: null, createdAt: '2026-11-22T09:30:00.000Z' };
export const createdWebhookSchema = webhookSubscriptionSchema
  .extend({
    /** whsec_…: verify the webhook-signature header with it. Returned only once. */
    secret: z.string(),
  })
  .meta({ id: 'WebhookCreated', examples: [{ ...webhookExample, secret: 'whsec_MfKQ9r8GKYqXTwJg7cEy3bVnDkiuR0Ad' }] });
export const webhookListResponseSchema = z.object({ data: z.array(webhookSubscriptionSchema) }).meta({ id: 'WebhookSubscriptions', examples: [{ data: [webhookExample] }] });
export const webhookIdParamsSchema = z.object({ webhookId: z.uuid().meta({ examples: ['3f1b6a52-8c1e-4d7a-9b0e-5c2f7e9a1d44'] }) });

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
  .meta({
    id: 'Document',
    examples: [{ id: 'c2a4e6f8-1b3d-4f5a-8c7e-9d0b2a4c6e81', applicationId: '7d0c1f9e-5a0b-4c55-9d2e-3b1f4a6c8e21', stipulationId: 'a9e1c3d5-7f2b-4e6a-8c0d-1b3f5a7c9e24', fileName: 'payslip-2026-10.pdf', mediaType: 'application/pdf', sizeBytes: 84211, sha256: '5d41402abc4b2a76b9719d911017c592ae2d2b1e4f9b7c3e0a6d8f1b2c3d4e5f', createdAt: '2026-11-22T10:05:00.000Z' }],
  });
export type UploadedDocument = z.infer<typeof uploadedDocumentSchema>;

/** A document with the stipulation it answers as that stands now (open until a reviewer settles it). */
export const applicationDocumentSchema = uploadedDocumentSchema
  .extend({
    /** The partner (dealer) whose key uploaded it. */
    partnerId: z.uuid(),
    stipulation: z
      .object({
        id: z.string(),
        /** proof_of_income, larger_down_payment, … (the application's stipulation types). */
        type: z.string(),
        /** open | satisfied | waived: whether a reviewer has accepted the proof yet. */
        status: z.string(),
        verifiedAt: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'ApplicationDocument' });
export type ApplicationDocument = z.infer<typeof applicationDocumentSchema>;
export const applicationDocumentListSchema = z.object({ data: z.array(applicationDocumentSchema) }).meta({
  id: 'ApplicationDocuments',
  examples: [
    {
      data: [
        {
          id: 'c2a4e6f8-1b3d-4f5a-8c7e-9d0b2a4c6e81',
          applicationId: '7d0c1f9e-5a0b-4c55-9d2e-3b1f4a6c8e21',
          stipulationId: 'a9e1c3d5-7f2b-4e6a-8c0d-1b3f5a7c9e24',
          fileName: 'payslip-2026-10.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 84211,
          sha256: '5d41402abc4b2a76b9719d911017c592ae2d2b1e4f9b7c3e0a6d8f1b2c3d4e5f',
          createdAt: '2026-11-22T10:05:00.000Z',
          partnerId: '0b7e2c9a-4d1f-4a8e-b6c3-2e9f1a7d5c30',
          stipulation: { id: 'a9e1c3d5-7f2b-4e6a-8c0d-1b3f5a7c9e24', type: 'proof_of_income', status: 'satisfied', verifiedAt: '2026-11-22T11:20:00.000Z' },
        },
      ],
    },
  ],
});
export type ApplicationDocumentList = z.infer<typeof applicationDocumentListSchema>;
export const applicationDocumentParamsSchema = z.object({ applicationId: z.uuid(), documentId: z.uuid() });

// ---- applications list ----

export const v1ApplicationIdParamsSchema = z.object({ applicationId: z.uuid().meta({ examples: ['7d0c1f9e-5a0b-4c55-9d2e-3b1f4a6c8e21'] }) });
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

const yuan = (example: string) => z.string().regex(/^\d{1,11}(\.\d{1,2})?$/, `must be yuan, e.g. "${example}"`);

export const prequalificationBodySchema = z
  .strictObject({
    applicant: z.strictObject({
      /** Declared, not verified: the soft check takes it as given. */
      monthlyIncome: yuan('25000.00'),
      /** Other loans' monthly payments (mortgage, cards), yuan. */
      monthlyDebtPayments: yuan('3000.00').default('0'),
      employment: employmentTypeSchema,
      /** Optional: without it the age rules (minimum age, age at maturity) are not checked and the scorecard treats age as unknown. */
      birthDate: z.iso.date().optional(),
      housing: housingTypeSchema.optional(),
      /** 1 (Beijing, Shanghai …) … 4; tier 2 is assumed when absent. */
      cityTier: z.number().int().min(1).max(4).optional(),
    }),
    vehicle: z.strictObject({
      category: vehicleCategorySchema,
      make: z.string().min(1).max(50).optional(),
      model: z.string().min(1).max(80).optional(),
      price: yuan('250000.00'),
      /** Used cars: age, mileage and the original list price give the valuation (required for a used car). */
      ageMonths: z.number().int().min(0).max(600).optional(),
      mileageKm: z.number().int().min(0).max(2_000_000).optional(),
      listPrice: yuan('180000.00').optional(),
    }),
    downPayment: yuan('50000.00'),
    /** The term asked for, months: the instalment (and so PTI/DTI and the score) depends on it. */
    term: z.number().int().min(1).max(120),
    /** One product only; without it every product this partner may sell is tried. */
    productCode: z.string().min(1).max(40).optional(),
    consents: z.strictObject({ softCheck: z.literal(true, 'the customer must agree to the soft check') }),
  })
  .meta({
    id: 'PrequalificationRequest',
    examples: [
      {
        applicant: { monthlyIncome: '25000.00', monthlyDebtPayments: '2000.00', employment: 'salaried', birthDate: '1990-03-07', cityTier: 2 },
        vehicle: { category: 'new-nev', make: 'BYD', price: '250000.00' },
        downPayment: '50000.00',
        term: 36,
        consents: { softCheck: true },
      },
    ],
  });
export type PrequalificationBody = z.infer<typeof prequalificationBodySchema>;

const riskTier = z.enum(['A', 'B', 'C', 'D', 'E']);
const softDecision = z.enum(['approved', 'conditionally_approved', 'referred', 'declined']);

/** One rule of the published strategy as the soft check found it. */
export const prequalificationRuleSchema = z.object({
  code: z.string(),
  stage: z.string(),
  kind: z.string(),
  outcome: z.enum(['decline', 'refer', 'condition']),
  /** What was measured (e.g. "52.31" percent PTI) and the limit, as in a full decision. */
  value: z.string().nullable(),
  threshold: z.string().nullable(),
  unit: z.string().nullable(),
  note: z.string().nullable(),
  reason: bilingualSchema,
});

export const prequalificationOfferSchema = z.object({
  productCode: z.string(),
  productName: bilingualSchema,
  term: z.number().int(),
  /** The tier this offer is priced at (the indicative tier). */
  riskTier,
  annualRate: z.string(),
  /** The PBoC simple annualised rate, percent. */
  apr: z.string(),
  monthlyPayment: z.string(),
  totalCost: z.string(),
  /** The instalment ÷ income, and with existing debts, percent (two places). */
  paymentToIncomePercent: z.string().nullable(),
  debtToIncomePercent: z.string().nullable(),
  /** approved, or conditionally_approved with `conditions` (e.g. proof_of_income). */
  decision: z.enum(['approved', 'conditionally_approved']),
  conditions: z.array(z.string()),
});

export const prequalificationResponseSchema = z
  .object({
    id: z.uuid(),
    /**
     * likely: the published strategy approves the declared data (subject to the checks a soft check
     * cannot make); possible: it refers, or only the score declines and the bureau could lift it;
     * unlikely: a policy rule (affordability, LTV, term, income, product) declines.
     */
    outcome: z.enum(['likely', 'possible', 'unlikely']),
    /** What the published strategy decides on the declared data (no bureau, no fraud checks). */
    decision: softDecision,
    /** The risk tier the offers are priced at (A best … E). */
    indicativeTier: riskTier,
    /**
     * scorecard: the champion scorecard on the declared data, the characteristics a soft check does
     * not know (the bureau score, …) at their average over the model's training population;
     * policy_only: no scorecard could be run, the tier is the engine's pre-score pricing tier.
     */
    tierBasis: z.enum(['scorecard', 'policy_only']),
    score: z
      .object({
        modelId: z.string(),
        modelVersion: z.string(),
        points: z.number(),
        pd: z.number(),
        /** The characteristics the soft check did not know (e.g. bureau_score). */
        unknown: z.array(z.string()),
        /** The score and tier with those characteristics at their worst and best bins: where the full application can land. */
        range: z.object({ worstPoints: z.number(), bestPoints: z.number(), worstTier: riskTier, bestTier: riskTier }),
      })
      .nullable(),
    /** The rules that would decline or refer the application, with the measured value, the limit and the reason. */
    blocking: z.array(prequalificationRuleSchema),
    /** Conditions an approval would carry (e.g. proof of income, a larger down payment). */
    conditions: z.array(z.object({ type: z.string(), code: z.string(), amount: z.string().nullable(), reason: bilingualSchema })),
    /** The strategy's rules a soft check does not run, and why. */
    notChecked: z.array(z.object({ code: z.string(), kind: z.string(), why: z.string() })),
    /** The offers the published strategy would approve on this data, cheapest first. */
    offers: z.array(prequalificationOfferSchema),
    /** When only affordability or LTV blocks: a smaller loan or a longer term the strategy approves. */
    counterOffer: z
      .object({ kind: z.enum(['amount', 'term']), loanAmount: z.string(), downPayment: z.string(), termMonths: z.number().int(), resolves: z.array(z.string()) })
      .nullable(),
    reasons: z.array(z.object({ code: z.string(), detail: z.string() })),
    /** Always true: no credit bureau was queried, nothing was recorded on the customer's file. */
    softCheck: z.literal(true),
    versions: z.object({
      prequalification: z.string(),
      strategy: z.object({ id: z.string(), version: z.number().int() }),
      model: z.object({ id: z.string(), version: z.string() }).nullable(),
      grid: z.object({ id: z.string(), version: z.number().int() }),
      rulebook: z.string().nullable(),
    }),
    note: bilingualSchema,
  })
  .meta({
    id: 'Prequalification',
    examples: [
      {
        id: '9b2d4f61-3a5c-4e7b-8d9f-0a1c2e3b4d5f',
        outcome: 'likely',
        decision: 'approved',
        indicativeTier: 'A',
        tierBasis: 'scorecard',
        score: { modelId: 'demo-champion', modelVersion: '3', points: 694, pd: 0.000769, unknown: ['bureau_score'], range: { worstPoints: 665, bestPoints: 734, worstTier: 'A', bestTier: 'A' } },
        blocking: [],
        conditions: [],
        notChecked: [
          { code: 'POLICY_NO_BUREAU', kind: 'bureau_required', why: 'needs the credit bureau, which a soft check never queries' },
          { code: 'POLICY_BLACKLIST', kind: 'blacklist', why: 'needs the ID number, phone and device to look up' },
        ],
        offers: [
          {
            productCode: 'NEW_CAR_LOAN',
            productName: { zh: '新车贷款（燃油车）', en: 'New-car loan (ICE)' },
            term: 36,
            riskTier: 'A',
            annualRate: '4.23',
            apr: '4.80',
            monthlyPayment: '4147.70',
            totalCost: '10517.10',
            paymentToIncomePercent: '6.91',
            debtToIncomePercent: '6.91',
            decision: 'approved',
            conditions: [],
          },
        ],
        counterOffer: null,
        reasons: [{ code: 'TIER_FROM_SCORECARD', detail: 'scorecard demo-champion v3: 694 points → tier A; unknown in a soft check: bureau_score (counted at their average; range A–A)' }],
        softCheck: true,
        versions: { prequalification: 'prequal-2026.11.2', strategy: { id: 'cn-retail-demo', version: 1 }, model: { id: 'demo-champion', version: '3' }, grid: { id: 'cn-retail', version: 2 }, rulebook: 'cn-2024.1' },
        note: { zh: '预审结果仅供参考：未查询征信……', en: 'Indicative only: no credit bureau was queried …' },
      },
    ],
  });
export type PrequalificationResponse = z.infer<typeof prequalificationResponseSchema>;
