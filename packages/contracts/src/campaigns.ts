import { z } from 'zod';
import { amountSchema, moneySchema } from './common.ts';
import { moneyInputSchema } from './finance.ts';
import { productCodeSchema } from './products.ts';
import { quoteVehicleSchema } from './quotes.ts';

/**
 * Campaigns (营销活动): a segment (or a trigger) × an offer × a channel and its content × a
 * schedule, with a holdout that receives nothing and up to four variants. See docs/campaigns.md.
 *
 * Lifecycle: draft → scheduled → running → paused → finished. Only `marketing` edits a draft;
 * launching needs an approval by a second person with `compliance` or `admin` (four eyes), which
 * is recorded apart from the status (approvedBy/approvedAt) and cleared by any edit.
 *
 * Every message goes through ONE contact policy (consent, suppression lists, frequency caps, quiet
 * hours) evaluated at send time in the customer's own time zone; every message not sent is
 * recorded with its reason, and the report counts them per reason.
 */

// ---------------------------------------------------------------- vocabulary

export const CAMPAIGN_CHANNELS = ['sms', 'email', 'push', 'wechat', 'call_task', 'dealer_task'] as const;
export const campaignChannelSchema = z.enum(CAMPAIGN_CHANNELS);
export type CampaignChannel = z.infer<typeof campaignChannelSchema>;

/**
 * marketing: needs consent, honours suppression lists, caps and quiet hours.
 * transactional: a message the customer's contract or request makes necessary (application status,
 * repayment due); needs no marketing consent and (with transactionalExempt) ignores marketing caps
 * and quiet hours, but still needs an address and is never sent to a deceased customer.
 */
export const MESSAGE_PURPOSES = ['marketing', 'transactional'] as const;
export const messagePurposeSchema = z.enum(MESSAGE_PURPOSES);
export type MessagePurpose = z.infer<typeof messagePurposeSchema>;

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'finished'] as const;
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

/**
 * Why a targeted customer of a treated arm got no message (yet). Listed in the order the contact
 * policy checks them (docs/campaigns.md explains the order):
 * - no_contact_address: no phone (sms, call_task, dealer_task), e-mail (email), app device (push)
 *   or WeChat openid (wechat) for the campaign's channel;
 * - suppressed_*: on a suppression list (deceased; opted out of marketing; complained; delinquent
 *   or in collections; has an open application; staff);
 * - no_consent: no marketing consent in force for the channel (none given, or withdrawn);
 * - frequency_cap: a global or per-channel day/week/month cap is reached;
 * - quiet_hours_deferred: NOT a drop — the message waits for the customer's quiet hours to end;
 *   it is counted here while it waits and moves to `sent` (or another reason) when released;
 * - budget_exhausted: the campaign's budget could not pay for this message;
 * - campaign_ended: the campaign finished (endsAt, or ended by hand) while the message still waited.
 */
export const SUPPRESSION_REASONS = [
  'no_contact_address',
  'suppressed_deceased',
  'suppressed_opted_out',
  'suppressed_complained',
  'suppressed_delinquent',
  'suppressed_open_application',
  'suppressed_staff',
  'no_consent',
  'frequency_cap',
  'quiet_hours_deferred',
  'budget_exhausted',
  'campaign_ended',
] as const;
export const suppressionReasonSchema = z.enum(SUPPRESSION_REASONS);
export type SuppressionReason = z.infer<typeof suppressionReasonSchema>;

// ---------------------------------------------------------------- contact policy (versioned data)

/** Local wall-clock time HH:MM (24 h). */
export const wallTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. "21:00"');

/**
 * The most marketing messages one customer may receive in one LOCAL calendar day, ISO week
 * (Monday–Sunday) and calendar month, in the customer's own time zone (docs/campaigns.md says why calendar windows). Absent: no cap.
 */
export const capWindowsSchema = z
  .object({
    day: z.number().int().min(0).max(1000).optional(),
    week: z.number().int().min(0).max(1000).optional(),
    month: z.number().int().min(0).max(10000).optional(),
  })
  .strict()
  .meta({ id: 'CapWindows' });
export type CapWindows = z.infer<typeof capWindowsSchema>;

/** An IANA time zone name, e.g. "Asia/Shanghai" (checked against the runtime's zone database). */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone, e.g. "Asia/Shanghai"');

export const contactPolicySchema = z
  .object({
    /** Recorded with every decision, e.g. "2026.11-1". */
    version: z.string().trim().min(1).max(40),
    caps: z
      .object({
        /** Across every channel. */
        global: capWindowsSchema.default({}),
        /** Per channel; a channel not listed has only the global caps. */
        perChannel: z.partialRecord(campaignChannelSchema, capWindowsSchema).default({}),
      })
      .strict(),
    /**
     * No marketing between start (inclusive) and end (exclusive), local time; start > end crosses
     * midnight (the default 21:00–08:00). A message inside the window waits until it opens. null: none.
     */
    quietHours: z.object({ start: wallTimeSchema, end: wallTimeSchema }).strict().nullable(),
    /** Used when a customer's own zone is unknown. */
    defaultTimeZone: timeZoneSchema,
    /** Transactional messages ignore marketing caps and quiet hours (and never count toward the caps). */
    transactionalExempt: z.boolean(),
  })
  .strict()
  .meta({ id: 'ContactPolicy' });
export type ContactPolicy = z.infer<typeof contactPolicySchema>;
export type ContactPolicyInput = z.input<typeof contactPolicySchema>;

/**
 * The default policy: at most 1 marketing message a day, 3 a week and 8 a month across channels;
 * per channel 1 SMS a day / 2 a week / 4 a month, and 1 call a week (calls are the most intrusive);
 * no marketing 21:00–08:00 customer-local time (MIIT practice for commercial SMS and calls).
 */
export const DEFAULT_CONTACT_POLICY: ContactPolicy = {
  version: 'default-2026.11',
  caps: {
    global: { day: 1, week: 3, month: 8 },
    perChannel: {
      sms: { day: 1, week: 2, month: 4 },
      call_task: { week: 1, month: 2 },
      dealer_task: { week: 1, month: 2 },
    },
  },
  quietHours: { start: '21:00', end: '08:00' },
  defaultTimeZone: 'Asia/Shanghai',
  transactionalExempt: true,
};

/**
 * What one message costs, per channel, in yuan, up to four decimal places (an SMS costs a few fen
 * per 70-character segment, so two places would misprice a million messages). The campaign's cost
 * is the exact sum, rounded half-up to the fen once. sms: per segment; the others: per message/task.
 */
export const unitCostSchema = z.string().regex(/^\d{1,7}(\.\d{1,4})?$/, 'must be a non-negative decimal with at most four places, e.g. "0.045"');
export const channelCostsSchema = z
  .object({
    version: z.string().trim().min(1).max(40),
    perChannel: z.record(campaignChannelSchema, unitCostSchema),
  })
  .strict()
  .meta({ id: 'ChannelCosts' });
export type ChannelCosts = z.infer<typeof channelCostsSchema>;

export const DEFAULT_CHANNEL_COSTS: ChannelCosts = {
  version: 'default-2026.11',
  perChannel: { sms: '0.045', email: '0.005', push: '0.001', wechat: '0.010', call_task: '3.50', dealer_task: '20.00' },
};

// ---------------------------------------------------------------- campaign definition

/**
 * Content in Chinese (required) and English (optional: customers whose language is English get it
 * when present). Tokens: {{token}} or {{token|fallback}}; tokens that can be missing for a customer
 * need a fallback (see packages/domain/src/campaigns/template-tokens.ts).
 */
export const campaignTemplateSchema = z
  .object({
    zh: z.string().trim().min(1).max(2000),
    en: z.string().trim().min(1).max(2000).optional(),
    /** E-mail subject line (and push title). */
    subject: z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200).optional() }).strict().optional(),
  })
  .strict()
  .meta({ id: 'CampaignTemplate' });
export type CampaignTemplate = z.infer<typeof campaignTemplateSchema>;

/** The offer the message carries; a sample deal lets the console show the quote the customer would see. */
export const campaignOfferSchema = z
  .object({
    productCode: productCodeSchema.optional(),
    promotionId: z.uuid().optional(),
    /** Sample deal for the quote preview (a typical car for the segment). */
    vehicle: quoteVehicleSchema.optional(),
    downPayment: moneyInputSchema.optional(),
    term: z.number().int().min(1).max(120).optional(),
  })
  .strict()
  .meta({ id: 'CampaignOffer' });
export type CampaignOffer = z.infer<typeof campaignOfferSchema>;

export const campaignScheduleSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('now') }).strict(),
    z.object({ type: z.literal('at'), at: z.iso.datetime({ offset: true }) }).strict(),
  ])
  .meta({ id: 'CampaignSchedule' });
export type CampaignSchedule = z.infer<typeof campaignScheduleSchema>;

export const MAX_CAMPAIGN_VARIANTS = 4;
/** The arm key of the holdout; variant keys may not use it. Without variants the one treated arm is "main". */
export const HOLDOUT_ARM = 'holdout';
export const MAIN_ARM = 'main';

export const campaignVariantSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,19}$/, 'must be a short lower-case key, e.g. "a" or "rate-cut"')
      .refine((k) => k !== HOLDOUT_ARM, `"${HOLDOUT_ARM}" is reserved for the holdout`),
    name: z.string().trim().min(1).max(80),
    /** Percent of the TREATED group (the holdout is taken first); the variants' shares sum to 100. */
    share: z.number().int().min(1).max(100),
    /** Replaces the campaign's template for this arm. */
    template: campaignTemplateSchema.optional(),
    /** Replaces the campaign's offer for this arm. */
    offer: campaignOfferSchema.optional(),
  })
  .strict()
  .meta({ id: 'CampaignVariant' });
export type CampaignVariant = z.infer<typeof campaignVariantSchema>;

/** An empty list means no variants (one treated arm, "main"), as a console form naturally sends it. */
const variantsSchema = z
  .array(campaignVariantSchema)
  .max(MAX_CAMPAIGN_VARIANTS, `at most ${MAX_CAMPAIGN_VARIANTS} variants`)
  .superRefine((variants, ctx) => {
    const total = variants.reduce((s, v) => s + v.share, 0);
    if (variants.length > 0 && total !== 100) ctx.addIssue({ code: 'custom', message: `the variants' shares must sum to 100 (they sum to ${total})` });
    const seen = new Set<string>();
    variants.forEach((v, i) => {
      if (seen.has(v.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate variant key "${v.key}"` });
      seen.add(v.key);
    });
  });

const campaignFields = {
  name: z.string().trim().min(2).max(120),
  /** What the campaign is for, in the marketer's words (e.g. "NEV 0% APR, Q4 trade-in"). */
  goal: z.string().trim().max(500).optional(),
  segmentId: z.uuid(),
  channel: campaignChannelSchema,
  purpose: messagePurposeSchema.default('marketing'),
  template: campaignTemplateSchema,
  offer: campaignOfferSchema.optional(),
  schedule: campaignScheduleSchema,
  /** After this instant nothing more is sent; messages still waiting end as campaign_ended. */
  endsAt: z.iso.datetime({ offset: true }).optional(),
  /** Most the campaign may spend on messages, in yuan. */
  budget: moneyInputSchema.optional(),
  /** Percent of the audience that receives nothing, to measure the lift. */
  holdoutPercent: z.number().int().min(0).max(50),
  variants: variantsSchema.optional(),
  /** SMS signature (签名) without brackets, e.g. "某某汽车金融"; default: the installation's. */
  senderName: z.string().trim().min(2).max(16).optional(),
};

export const createCampaignBodySchema = z
  .object(campaignFields)
  .strict()
  .superRefine((c, ctx) => {
    if (c.endsAt && c.schedule.type === 'at' && Date.parse(c.endsAt) <= Date.parse(c.schedule.at)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the scheduled start' });
    }
  })
  .meta({ id: 'CreateCampaignBody' });
export type CreateCampaignBody = z.input<typeof createCampaignBodySchema>;
export type ParsedCreateCampaignBody = z.output<typeof createCampaignBodySchema>;

/** Drafts only; any change clears an approval. null clears an optional field. */
export const updateCampaignBodySchema = z
  .object({
    name: campaignFields.name.optional(),
    goal: z.string().trim().max(500).nullable().optional(),
    segmentId: campaignFields.segmentId.optional(),
    channel: campaignFields.channel.optional(),
    purpose: messagePurposeSchema.optional(),
    template: campaignTemplateSchema.optional(),
    offer: campaignOfferSchema.nullable().optional(),
    schedule: campaignScheduleSchema.optional(),
    endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
    budget: moneyInputSchema.nullable().optional(),
    holdoutPercent: campaignFields.holdoutPercent.optional(),
    variants: variantsSchema.nullable().optional(),
    senderName: z.string().trim().min(2).max(16).nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field')
  .meta({ id: 'UpdateCampaignBody' });
export type UpdateCampaignBody = z.input<typeof updateCampaignBodySchema>;

export const campaignIdParamsSchema = z.object({ id: z.uuid() });
export const createCampaignResponseSchema = z.object({ id: z.uuid() }).meta({ id: 'CreateCampaignResponse' });

export const campaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    goal: z.string().nullable(),
    status: campaignStatusSchema,
    segmentId: z.uuid().nullable(),
    segmentName: z.string().nullable(),
    channel: campaignChannelSchema,
    purpose: messagePurposeSchema,
    template: campaignTemplateSchema,
    offer: campaignOfferSchema.nullable(),
    schedule: campaignScheduleSchema,
    endsAt: z.string().nullable(),
    budget: amountSchema.nullable(),
    holdoutPercent: z.number().int(),
    variants: z.array(campaignVariantSchema),
    senderName: z.string(),
    /** The contact policy and channel costs the campaign launched under (null before launch). */
    contactPolicyVersion: z.string().nullable(),
    channelCostsVersion: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    launchedBy: z.string().nullable(),
    launchedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Campaign' });
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListItemSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: campaignStatusSchema,
    channel: campaignChannelSchema,
    purpose: messagePurposeSchema,
    segmentId: z.uuid().nullable(),
    segmentName: z.string().nullable(),
    holdoutPercent: z.number().int(),
    variants: z.number().int(),
    /** When it starts (scheduled at, or launched at) and ends, for the calendar. */
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    approved: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    targeted: z.number().int(),
    sent: z.number().int(),
    funded: z.number().int(),
  })
  .meta({ id: 'CampaignListItem' });
export type CampaignListItem = z.infer<typeof campaignListItemSchema>;
export const campaignListResponseSchema = z.object({ items: z.array(campaignListItemSchema) }).meta({ id: 'CampaignList' });

// ---------------------------------------------------------------- report

/** A proportion with its Wilson 95% interval; null when the denominator is 0. */
export const proportionSchema = z
  .object({ count: z.number().int(), total: z.number().int(), rate: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() })
  .meta({ id: 'Proportion' });
export type Proportion = z.infer<typeof proportionSchema>;

/**
 * A treated arm's rate against the holdout's: absolute lift (difference of proportions) with its
 * unpooled 95% interval, relative lift (absolute ÷ holdout rate; null when the holdout rate is 0),
 * and the two-sided p-value of the pooled two-proportion z test.
 */
export const liftSchema = z
  .object({
    absolute: z.number(),
    low: z.number(),
    high: z.number(),
    relative: z.number().nullable(),
    /** 95% interval of the relative lift (log risk ratio); null when either count is 0. */
    relativeLow: z.number().nullable(),
    relativeHigh: z.number().nullable(),
    z: z.number().nullable(),
    pValue: z.number().nullable(),
  })
  .meta({ id: 'Lift' });
export type Lift = z.infer<typeof liftSchema>;

export const ARM_METRICS = ['application', 'approval', 'funding'] as const;
export type ArmMetric = (typeof ARM_METRICS)[number];

/**
 * One arm's results. Rates are per ASSIGNED customer (intention to treat): the holdout is never
 * screened by the contact policy, so dropping suppressed customers from a treated arm only would bias
 * the comparison.
 */
export const campaignArmResultSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    kind: z.enum(['holdout', 'treatment']),
    /** Expected share of all targeted customers, percent. */
    expectedShare: z.number(),
    customers: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    clicked: z.number().int(),
    quotes: z.number().int(),
    applications: z.number().int(),
    approved: z.number().int(),
    funded: z.number().int(),
    fundedAmount: amountSchema,
    revenue: amountSchema,
    revenuePerCustomer: amountSchema.nullable(),
    cost: amountSchema,
    rates: z.object({ application: proportionSchema, approval: proportionSchema, funding: proportionSchema }),
    /** null for the holdout, or when there is no holdout. */
    lift: z.object({ application: liftSchema.nullable(), approval: liftSchema.nullable(), funding: liftSchema.nullable() }).nullable(),
  })
  .meta({ id: 'CampaignArmResult' });
export type CampaignArmResult = z.infer<typeof campaignArmResultSchema>;

/** Sample-ratio check: chi-square of the arms' customer counts against their set shares; mismatch at p < 0.001. */
export const sampleRatioSchema = z
  .object({
    observed: z.record(z.string(), z.number().int()),
    expected: z.record(z.string(), z.number()),
    chiSquare: z.number(),
    df: z.number().int(),
    pValue: z.number(),
    mismatch: z.boolean(),
  })
  .meta({ id: 'SampleRatio' });
export type SampleRatio = z.infer<typeof sampleRatioSchema>;

/**
 * GET /api/campaigns/{id}/report.
 *
 * Every targeted customer is in exactly one of: holdout, sent, or suppressed under one reason, so
 * `targeted = holdout + sent + Σ suppressed` holds at EVERY moment, not only after dispatch:
 * - `sent` counts messages that passed the contact policy and entered the outbox, whatever became of
 *   them at the provider (queued, handed over, delivered or failed: see `queued`, `delivered`, `failed`);
 * - a message waiting for quiet hours to end is counted under suppressed.quiet_hours_deferred, and
 *   moves to `sent` (or to another reason, if a cap was reached meanwhile) when released; a message
 *   still waiting when the campaign finishes ends as campaign_ended.
 * The funnel counts (delivered … funded, fundedAmount, revenue) are of the treated arms; the holdout's
 * are in `arms`. Money: decimal strings in yuan. ROI = (incremental revenue − cost) ÷ cost, incremental revenue =
 * (treated revenue per customer − holdout revenue per customer) × treated customers.
 */
export const campaignReportSchema = z
  .object({
    campaignId: z.uuid(),
    status: campaignStatusSchema,
    asOf: z.string(),
    targeted: z.number().int(),
    holdout: z.number().int(),
    sent: z.number().int(),
    suppressed: z.partialRecord(suppressionReasonSchema, z.number().int()),
    suppressedTotal: z.number().int(),
    /** waiting: now under suppressed.quiet_hours_deferred; released: were deferred, then went out (now in sent). */
    deferred: z.object({ waiting: z.number().int(), released: z.number().int() }),
    /** Of `sent`: still in the outbox, not yet handed to a provider. */
    queued: z.number().int(),
    delivered: z.number().int(),
    /** Of `sent`: the provider reported a failure. */
    failed: z.number().int(),
    clicked: z.number().int(),
    quotes: z.number().int(),
    applications: z.number().int(),
    approved: z.number().int(),
    funded: z.number().int(),
    fundedAmount: amountSchema,
    /** What the messages cost (unit costs × messages, SMS per segment), yuan. */
    cost: amountSchema,
    /** cost ÷ funded loans of the treated arms; null when none funded. */
    costPerFunded: amountSchema.nullable(),
    /** Funded loans the campaign caused: (treated funding rate − holdout funding rate) × treated customers; null without a holdout. */
    incrementalFunded: z.number().nullable(),
    /** Its 95% interval (from the unpooled interval of the rate difference). */
    incrementalFundedLow: z.number().nullable(),
    incrementalFundedHigh: z.number().nullable(),
    /** cost ÷ incremental funded loans; null when not positive. */
    costPerIncrementalFunded: amountSchema.nullable(),
    revenue: amountSchema,
    /** Can be negative (the treated arms earned less per customer than the holdout). */
    incrementalRevenue: moneySchema.nullable(),
    /** (incremental revenue − cost) ÷ cost; null without a holdout or without cost. */
    roi: z.number().nullable(),
    arms: z.array(campaignArmResultSchema),
    sampleRatio: sampleRatioSchema.nullable(),
    contactPolicyVersion: z.string().nullable(),
    channelCostsVersion: z.string().nullable(),
  })
  .meta({
    id: 'CampaignReport',
    description:
      'targeted = holdout + sent + total suppressed at every moment: sent = passed the contact policy and entered the outbox (queued, sent, delivered or failed); a message waiting for quiet hours is counted under suppressed.quiet_hours_deferred until it is released.',
  });
export type CampaignReport = z.infer<typeof campaignReportSchema>;
