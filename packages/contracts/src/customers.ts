import { z } from 'zod';
import { amountSchema } from './common.ts';

/**
 * The customer data foundation (issue 7): identities, events, consent, profiles, traits.
 * Event payload keys are snake_case because they are stored as sent and read by SQL (segments,
 * traits) next to the ones the simulator writes.
 */

// ---------------------------------------------------------------- identifiers

export const IDENTITY_TYPES = ['id_number', 'phone', 'wechat_openid', 'wechat_unionid', 'device_id', 'email', 'dealer_crm_id', 'cookie'] as const;
export const identityTypeSchema = z.enum(IDENTITY_TYPES);
export type IdentityType = z.infer<typeof identityTypeSchema>;

/** Resident ID number: 17 digits and a check character (digit or X). */
export const identityIdNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^\d{17}[\dX]$/, 'must be an 18-character resident ID number (17 digits and a digit or X)'));
export const identityPhoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mainland mobile number, e.g. 13812345678');

/** What an event (or an imported row) tells us about who it is. At least one of these, or customerId. */
export const identifiersSchema = z
  .object({
    idNumber: identityIdNumberSchema.optional(),
    phone: identityPhoneSchema.optional(),
    /** true when the phone was verified (SMS code, operator check): only then does it merge profiles */
    phoneVerified: z.boolean().optional(),
    wechatOpenid: z.string().trim().min(1).max(128).optional(),
    wechatUnionid: z.string().trim().min(1).max(128).optional(),
    deviceId: z.string().trim().min(1).max(128).optional(),
    email: z.email().max(254).optional(),
    dealerCrmId: z.string().trim().min(1).max(128).optional(),
    cookie: z.string().trim().min(1).max(256).optional(),
  })
  .meta({ id: 'CustomerIdentifiers' });
export type Identifiers = z.infer<typeof identifiersSchema>;

// ---------------------------------------------------------------- events

export const EVENT_TYPES = [
  'ad_click',
  'page_view',
  'calculator_used',
  'quote_viewed',
  'application_started',
  'application_submitted',
  'test_drive',
  'dealer_visit',
  'message_delivered',
  'message_clicked',
  'repayment',
  'complaint',
  'survey_response',
  'app_open',
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

/**
 * The simulator (and older feeds) name two types differently; segments and traits count them as the
 * canonical type. Never used for new events.
 */
export const LEGACY_EVENT_TYPES: Readonly<Record<string, EventType>> = { calculator_use: 'calculator_used', quote_view: 'quote_viewed' };

const text = (max = 200) => z.string().trim().min(1).max(max);
const yuanAmount = amountSchema;

/** One payload schema per event type: unknown keys are refused so typos are caught, not stored. */
export const eventPayloadSchemas = {
  ad_click: z.strictObject({
    creative: text(100).optional(),
    utm_source: text(100).optional(),
    utm_medium: text(100).optional(),
    utm_campaign: text(200).optional(),
    utm_content: text(200).optional(),
    utm_term: text(200).optional(),
  }),
  page_view: z.strictObject({ url: z.url().max(2000), referrer: z.url().max(2000).optional(), title: text(300).optional() }),
  calculator_used: z.strictObject({
    price_yuan: z.number().int().min(1_000).max(100_000_000).optional(),
    term: z.number().int().min(1).max(120).optional(),
    down_ratio: z.number().min(0).max(1).optional(),
    nev: z.boolean().optional(),
  }),
  quote_viewed: z.strictObject({
    quote_id: z.uuid().optional(),
    trim_id: z.number().int().positive().optional(),
    rate_bp: z.number().int().min(0).max(10_000).optional(),
    term: z.number().int().min(1).max(120).optional(),
    nev: z.boolean().optional(),
  }),
  application_started: z.strictObject({ product_code: text(60).optional(), application_id: z.uuid().optional() }),
  application_submitted: z.strictObject({ application_id: z.uuid().optional(), product_code: text(60).optional(), amount: yuanAmount.optional() }),
  test_drive: z.strictObject({ trim_id: z.number().int().positive().optional(), nev: z.boolean().optional() }),
  dealer_visit: z.strictObject({ purpose: z.enum(['browse', 'test_drive', 'purchase', 'service']).optional() }),
  message_delivered: z.strictObject({ message_id: text(100), template: text(100).optional() }),
  message_clicked: z.strictObject({ message_id: text(100), url: z.url().max(2000).optional() }),
  repayment: z.strictObject({ loan_id: z.uuid().optional(), amount: yuanAmount, installment: z.number().int().min(1).max(120).optional(), days_late: z.number().int().min(0).max(3650).optional() }),
  complaint: z.strictObject({ category: z.enum(['rates_fees', 'service', 'collections', 'data_privacy', 'vehicle', 'other']), severity: z.enum(['low', 'medium', 'high']).default('medium'), note: text(2000).optional() }),
  survey_response: z.strictObject({ survey_id: text(100), nps: z.number().int().min(0).max(10).optional(), answer: text(2000).optional() }),
  app_open: z.strictObject({}),
} satisfies Record<EventType, z.ZodType>;

export const EVENT_CHANNELS = ['douyin', 'wechat', 'baidu', 'autohome', 'dongchedi', 'xiaohongshu', 'sms', 'email', 'app_push', 'call', 'app', 'web', 'online', 'dealer'] as const;
export const eventChannelSchema = z.enum(EVENT_CHANNELS);

const eventBase = {
  /** When it happened (ISO 8601 with offset). received_at is set by the server. */
  occurredAt: z.iso.datetime({ offset: true }),
  channel: eventChannelSchema,
  /** A known profile; otherwise identifiers resolve (or create) one */
  customerId: z.uuid().optional(),
  identifiers: identifiersSchema.optional(),
  campaign: text(200).optional(),
  partnerId: z.uuid().optional(),
};

/**
 * One event. The payload is checked against its type's schema (eventPayloadSchemas) and its issues are
 * reported under payload.<key>, so a validation report names the exact field.
 */
export const eventInputSchema = z
  .object({ type: eventTypeSchema, ...eventBase, payload: z.record(z.string(), z.unknown()).default({}) })
  .transform((e, ctx) => {
    const hasIdentifier = e.identifiers !== undefined && Object.entries(e.identifiers).some(([k, v]) => k !== 'phoneVerified' && v !== undefined);
    if (e.customerId === undefined && !hasIdentifier) ctx.addIssue({ code: 'custom', message: 'needs customerId or at least one identifier', path: ['identifiers'], input: e.identifiers });
    const payload = eventPayloadSchemas[e.type].safeParse(e.payload);
    if (!payload.success) {
      for (const issue of payload.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: ['payload', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], input: e.payload });
    }
    if (!payload.success || (e.customerId === undefined && !hasIdentifier)) return z.NEVER;
    return { ...e, payload: payload.data as Record<string, unknown> };
  })
  .meta({ id: 'CustomerEventInput' });
export type EventInput = z.output<typeof eventInputSchema>;

export const MAX_EVENT_BATCH = 1_000;
/** The body is only checked as a list here; each event is parsed by eventInputSchema so the report can name index and field. */
export const eventBatchRequestSchema = z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENT_BATCH, `at most ${MAX_EVENT_BATCH} events per batch`) }).meta({ id: 'EventBatchRequest' });

export const eventBatchResponseSchema = z
  .object({
    accepted: z.number().int(),
    customersResolved: z.number().int(),
    customersCreated: z.number().int(),
    profilesMerged: z.number().int(),
    receivedAt: z.string(),
  })
  .meta({ id: 'EventBatchResponse' });
export type EventBatchResponse = z.infer<typeof eventBatchResponseSchema>;

// ---------------------------------------------------------------- consent

export const CONSENT_PURPOSES = ['marketing', 'profiling', 'credit_check', 'data_sharing'] as const;
export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;
/** Marketing channels; 'any' for purposes without one; a partner code (partner:CODE) for data sharing. */
export const MARKETING_CHANNELS = ['sms', 'email', 'call', 'app_push', 'wechat'] as const;
export const consentChannelSchema = z.union([z.enum([...MARKETING_CHANNELS, 'any']), z.string().regex(/^partner:[A-Za-z0-9_-]{1,60}$/, 'must be a channel or partner:CODE')]);
export const consentSourceSchema = z.enum(['app', 'web', 'dealer', 'call_centre', 'wechat', 'paper']);

export const consentChangeSchema = z
  .object({
    purpose: consentPurposeSchema,
    channel: consentChannelSchema,
    action: z.enum(['granted', 'withdrawn']),
    capturedVia: consentSourceSchema,
    /** Version of the consent text the customer saw, e.g. "marketing-2026.03" */
    textVersion: z.string().trim().min(1).max(60),
    /** When the customer gave or withdrew it; defaults to now */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'ConsentChange' });
export type ConsentChange = z.infer<typeof consentChangeSchema>;

export const consentSchema = z
  .object({
    purpose: z.string(),
    channel: z.string(),
    status: z.enum(['granted', 'withdrawn']),
    grantedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    capturedVia: z.string(),
    textVersion: z.string().nullable(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof consentSchema>;

// ---------------------------------------------------------------- profiles

export const LIFECYCLE_STAGES = ['prospect', 'engaged', 'applicant', 'customer', 'repeat', 'churn_risk', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const customerListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  segmentId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** A list row: L1 fields masked unless the caller unmasked them (which is audited). */
export const customerSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    phone: z.string(),
    city: z.string().nullable(),
    lifecycleStage: z.string().nullable(),
    anonymous: z.boolean(),
    source: z.string(),
    demo: z.boolean(),
  })
  .meta({ id: 'CustomerSummary' });
export const customerListResponseSchema = z.object({ items: z.array(customerSummarySchema), nextCursor: z.string().nullable() }).meta({ id: 'CustomerList' });

export const traitsSchema = z
  .object({
    lifecycleStage: z.string(),
    lastEventAt: z.string().nullable(),
    recencyDays: z.number().int().nullable(),
    frequency90d: z.number().int(),
    monetary: amountSchema,
    rfmScore: z.string(),
    channelPreference: z.string().nullable(),
    nevAffinity: z.number(),
    priceSensitivity: z.number(),
    predictedLtv: amountSchema,
    churnRisk: z.number().nullable(),
    nextBestProduct: z.string().nullable(),
    personalised: z.boolean(),
    version: z.string(),
    computedAt: z.string(),
  })
  .meta({ id: 'CustomerTraits' });
export type Traits = z.infer<typeof traitsSchema>;

export const customerEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  channel: z.string(),
  campaign: z.string().nullable(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  source: z.string(),
});

export const customerProfileSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    anonymous: z.boolean(),
    demo: z.boolean(),
    source: z.string(),
    mergedInto: z.string().nullable(),
    /** Profiles merged into this one (their events are shown here) */
    mergedProfiles: z.array(z.string()),
    unmasked: z.boolean(),
    identity: z.object({ name: z.string(), idNumber: z.string().nullable(), gender: z.string().nullable(), birthDate: z.string().nullable(), identifiers: z.array(z.object({ type: z.string(), strong: z.boolean(), verified: z.boolean(), source: z.string(), firstSeenAt: z.string() })) }),
    contact: z.object({ phone: z.string(), email: z.string().nullable() }),
    demographics: z.object({
      city: z.string().nullable(),
      cityTier: z.number().int().nullable(),
      province: z.string().nullable(),
      occupation: z.string().nullable(),
      education: z.string().nullable(),
      maritalStatus: z.string().nullable(),
      children: z.number().int().nullable(),
      incomeBand: z.string().nullable(),
      creditFile: z.string().nullable(),
      digitalScore: z.number().int().nullable(),
      devicePlatform: z.string().nullable(),
      appUser: z.boolean(),
      preferredChannel: z.string().nullable(),
      acquisitionChannel: z.string().nullable(),
      firstSeenAt: z.string(),
    }),
    vehicles: z.array(z.object({ applicationId: z.string(), make: z.string().nullable(), model: z.string().nullable(), trim: z.string().nullable(), fuel: z.string().nullable(), condition: z.string(), price: amountSchema })),
    consents: z.array(consentSchema),
    events: z.array(customerEventSchema),
    eventCount: z.number().int(),
    applications: z.array(z.object({ id: z.string(), status: z.string(), productCode: z.string(), requestedAmount: amountSchema, termMonths: z.number().int(), submittedAt: z.string(), channel: z.string() })),
    loans: z.array(z.object({ id: z.string(), status: z.string(), principal: amountSchema, termMonths: z.number().int(), disbursedOn: z.string().nullable() })),
    /**
     * Messages handed to a provider for this customer (campaigns and journeys; the newest 100), with
     * what became of each. Held-back and suppressed ones are not "received" and are not listed here.
     */
    messages: z.array(
      z.object({
        id: z.string(),
        channel: z.string(),
        purpose: z.string(),
        /** sent | delivered | clicked | failed */
        status: z.string(),
        sentAt: z.string(),
        campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
        journey: z.object({ id: z.string(), name: z.string() }).nullable(),
      }),
    ),
    traits: traitsSchema.nullable(),
    segments: z.array(z.object({ id: z.string(), name: z.string(), enteredAt: z.string() })),
  })
  .meta({ id: 'CustomerProfile' });
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

export const customerIdParamsSchema = z.object({ id: z.uuid() });
export const unmaskQuerySchema = z.object({
  /** Show L1 (and for allowed roles L3) in clear; needs a reason, and is audited */
  unmask: z.enum(['true', 'false']).optional(),
  reason: z.string().trim().min(5, 'give a reason of at least 5 characters').max(300).optional(),
});

export const mergeRequestSchema = z.object({ survivorId: z.uuid(), mergedId: z.uuid(), reason: z.string().trim().min(5).max(500) }).meta({ id: 'MergeRequest' });
export const splitRequestSchema = z.object({ reason: z.string().trim().min(5).max(500) }).meta({ id: 'SplitRequest' });
export const mergeRecordSchema = z
  .object({
    id: z.uuid(),
    survivorId: z.uuid(),
    mergedId: z.uuid(),
    kind: z.enum(['auto', 'manual']),
    reason: z.string(),
    actorLabel: z.string().nullable(),
    at: z.string(),
    revertedAt: z.string().nullable(),
    revertedBy: z.string().nullable(),
    revertReason: z.string().nullable(),
  })
  .meta({ id: 'MergeRecord' });
export type MergeRecord = z.infer<typeof mergeRecordSchema>;

/** One customer row of `autofin import customers FILE.csv` */
export const customerImportRowSchema = z.object({
  name: z.string().trim().min(1).max(100),
  phone: identityPhoneSchema,
  phone_verified: z.enum(['true', 'false', '1', '0', '']).optional().transform((v) => v === 'true' || v === '1'),
  id_number: z.union([identityIdNumberSchema, z.literal('').transform(() => undefined)]).optional(),
  email: z.union([z.email(), z.literal('').transform(() => undefined)]).optional(),
  gender: z.union([z.enum(['M', 'F']), z.literal('').transform(() => undefined)]).optional(),
  birth_date: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'), z.literal('').transform(() => undefined)]).optional(),
  city_id: z.union([z.coerce.number().int().positive(), z.literal('').transform(() => undefined)]).optional(),
  dealer_crm_id: z.union([z.string().trim().min(1).max(128), z.literal('').transform(() => undefined)]).optional(),
  kind: z.union([z.enum(['person', 'company']), z.literal('').transform(() => undefined)]).optional(),
});
export type CustomerImportRow = z.infer<typeof customerImportRowSchema>;
