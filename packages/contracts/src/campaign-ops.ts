import { z } from 'zod';
import { campaignChannelSchema, campaignStatusSchema, channelCostsSchema, contactPolicySchema } from './campaigns.ts';
import type { simulatedDaySchema, simulatedResponseStateSchema } from './journeys.ts';

/** Reasons a customer is put on the suppression list by hand or by a feed (delinquency and open applications are read live). */
export const LIST_REASONS = ['opted_out', 'complained', 'deceased', 'staff', 'do_not_contact'] as const;
export type ListReason = (typeof LIST_REASONS)[number];

/**
 * Request/response schemas of the campaign operations endpoints that the campaigns contract
 * (packages/contracts/src/campaigns.ts) does not define: the messages view, preview, suppression
 * list, versioned policy/costs and the cross-campaign summary.
 */

export const campaignListQuerySchema = z.object({
  status: campaignStatusSchema.optional(),
  /** Calendar window: campaigns running at some time in [from, to] */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const MESSAGE_STATUSES = ['holdout', 'queued', 'deferred', 'sending', 'sent', 'delivered', 'failed', 'clicked', 'suppressed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const messagesQuerySchema = z.object({
  status: z.enum(MESSAGE_STATUSES).optional(),
  reason: z.string().trim().min(1).max(60).optional(),
  arm: z.string().trim().min(1).max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last customer id of the previous page */
  cursor: z.uuid().optional(),
});

export const campaignMessageSchema = z
  .object({
    customerId: z.uuid(),
    /** L1 masked (张*三, 138****5678) */
    customerName: z.string(),
    customerPhone: z.string().nullable(),
    arm: z.string(),
    /** holdout: assigned to the holdout, nothing sent */
    status: z.enum(MESSAGE_STATUSES),
    reason: z.string().nullable(),
    reasons: z.array(z.string()).nullable(),
    notBefore: z.string().nullable(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    clickedAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    /** The text sent with the personal tokens masked */
    content: z.string().nullable(),
    segments: z.number().int().nullable(),
    cost: z.string().nullable(),
    provider: z.string().nullable(),
    policyVersion: z.number().int().nullable(),
  })
  .meta({ id: 'CampaignMessage' });
export const campaignMessagesResponseSchema = z.object({ items: z.array(campaignMessageSchema), nextCursor: z.uuid().nullable() }).meta({ id: 'CampaignMessages' });
export type CampaignMessage = z.infer<typeof campaignMessageSchema>;
export type CampaignMessages = z.infer<typeof campaignMessagesResponseSchema>;

export const previewQuerySchema = z.object({ customerId: z.uuid(), arm: z.string().trim().min(1).max(20).optional() });
export const previewResponseSchema = z
  .object({
    campaignId: z.uuid(),
    customerId: z.uuid(),
    arm: z.string(),
    channel: campaignChannelSchema,
    subject: z.string().nullable(),
    /** Exactly what the customer would get (the marketing officer sees the name masked) */
    text: z.string(),
    segments: z.number().int(),
    cost: z.string(),
    /** What the contact policy would decide if it were sent now */
    decision: z.object({ kind: z.enum(['send', 'defer', 'suppress']), reason: z.string().nullable(), until: z.string().nullable() }),
    quote: z
      .object({ quoteId: z.uuid(), productCode: z.string(), productName: z.string(), monthlyPayment: z.string(), customerRate: z.string(), term: z.number().int() })
      .nullable(),
  })
  .meta({ id: 'CampaignPreview' });
export type CampaignPreview = z.infer<typeof previewResponseSchema>;

export const suppressionEntrySchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    customerName: z.string(),
    customerPhone: z.string(),
    reason: z.string(),
    channel: z.string().nullable(),
    source: z.string(),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    removedBy: z.string().nullable(),
    removedAt: z.string().nullable(),
    removalReason: z.string().nullable(),
  })
  .meta({ id: 'SuppressionEntry' });
export type SuppressionEntry = z.infer<typeof suppressionEntrySchema>;
export const suppressionListQuerySchema = z.object({
  customerId: z.uuid().optional(),
  reason: z.enum(LIST_REASONS).optional(),
  includeRemoved: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const suppressionListResponseSchema = z.object({ items: z.array(suppressionEntrySchema) }).meta({ id: 'SuppressionList' });
export const addSuppressionBodySchema = z
  .object({
    customerId: z.uuid(),
    reason: z.enum(LIST_REASONS),
    /** null or absent: every channel */
    channel: campaignChannelSchema.nullable().optional(),
    source: z.enum(['console', 'sms_reply', 'complaint', 'import']).default('console'),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: 'AddSuppression' });
export const removeSuppressionBodySchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const versionInfoSchema = z.object({ version: z.number().int(), note: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.string() });
export const contactPolicyResponseSchema = versionInfoSchema.extend({ policy: contactPolicySchema }).meta({ id: 'ContactPolicyVersion' });
export const channelCostsResponseSchema = versionInfoSchema.extend({ costs: channelCostsSchema }).meta({ id: 'ChannelCostsVersion' });
export type ContactPolicyVersion = z.infer<typeof contactPolicyResponseSchema>;
export type ChannelCostsVersion = z.infer<typeof channelCostsResponseSchema>;
export const putContactPolicyBodySchema = z.object({ policy: contactPolicySchema, note: z.string().trim().max(500).optional() }).strict();
export const putChannelCostsBodySchema = z.object({ costs: channelCostsSchema, note: z.string().trim().max(500).optional() }).strict();
export const versionListSchema = z.object({ items: z.array(z.object({ version: z.number().int(), label: z.string(), note: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.string() })) });

export const summaryQuerySchema = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });
export const summaryRowSchema = z.object({
  channel: z.string(),
  segmentId: z.uuid().nullable(),
  segmentName: z.string().nullable(),
  campaigns: z.number().int(),
  targeted: z.number().int(),
  holdout: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  clicked: z.number().int(),
  suppressed: z.number().int(),
  cost: z.string(),
});
export const summaryResponseSchema = z.object({ items: z.array(summaryRowSchema) }).meta({ id: 'CampaignSummary' });
export type CampaignSummaryRow = z.infer<typeof summaryRowSchema>;
export type CampaignSummary = z.infer<typeof summaryResponseSchema>;

export const statusHistorySchema = z.object({
  items: z.array(z.object({ from: z.string().nullable(), to: z.string(), actorId: z.string().nullable(), reason: z.string().nullable(), at: z.string() })),
});
export const finishBodySchema = z.object({ reason: z.string().trim().max(500).optional() }).strict().optional();

/** The demo market's answer to a campaign (演示数据): GET /:id/simulated-response and POST /:id/simulate-day; the schemas live in journeys.ts beside the simulator's journey helpers. */
export type SimulatedResponseState = z.infer<typeof simulatedResponseStateSchema>;
export type SimulatedDay = z.infer<typeof simulatedDaySchema>;
