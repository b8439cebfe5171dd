import { z } from 'zod';

/**
 * Partners and their API access as the console manages them (admin, dealer_ops): partners,
 * API keys (the secret shown once), webhook subscriptions with their delivery log, API usage.
 */

export const partnerTypes = ['dealer', 'dealer_group', 'oem', 'ecommerce', 'broker'] as const;
export const partnerTypeSchema = z.enum(partnerTypes);
export type PartnerType = z.infer<typeof partnerTypeSchema>;

/** What a key may do. A key without a scope gets 403 on the endpoints that need it. */
export const partnerScopes = ['products:read', 'quotes:write', 'prequalifications:write', 'applications:read', 'applications:write', 'documents:write', 'webhooks:manage', 'events:write'] as const;
export const partnerScopeSchema = z.enum(partnerScopes);
export type PartnerScope = z.infer<typeof partnerScopeSchema>;

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
/** How long a rotated key keeps working beside its replacement, unless the rotation says otherwise. */
export const DEFAULT_ROTATION_OVERLAP_HOURS = 24;

export const createPartnerBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  type: partnerTypeSchema,
  /** A dealer's group (a partner of type dealer_group). */
  parentId: z.uuid().optional(),
});
export type CreatePartnerBody = z.infer<typeof createPartnerBodySchema>;
export const createdPartnerSchema = z.object({ id: z.uuid() });

export const partnerSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  status: z.string(),
  /** 'simulator' marks demo data (演示数据). */
  source: z.string(),
  createdAt: z.string(),
  activeKeys: z.number().int(),
  webhooks: z.number().int(),
});
export type PartnerSummary = z.infer<typeof partnerSummarySchema>;

export const partnerListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  type: partnerTypeSchema.optional(),
  /** Only partners with at least one active key or webhook. */
  withAccess: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const partnerListResponseSchema = z.object({ items: z.array(partnerSummarySchema), total: z.number().int() });
export type PartnerListResponse = z.infer<typeof partnerListResponseSchema>;

export const partnerIdParamsSchema = z.object({ partnerId: z.uuid() });
export const apiKeyParamsSchema = z.object({ partnerId: z.uuid(), keyId: z.uuid() });

export const createApiKeyBodySchema = z.strictObject({
  scopes: z.array(partnerScopeSchema).min(1).optional(),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;

export const rotateApiKeyBodySchema = z.strictObject({
  /** How long the old key keeps working (0 revokes it at once). */
  overlapHours: z.number().int().min(0).max(24 * 30).optional(),
});

export const apiKeySummarySchema = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  /** The public part of the key (afk_<prefix>_…), enough to recognise it. */
  prefix: z.string(),
  scopes: z.array(partnerScopeSchema),
  rateLimitPerMinute: z.number().int(),
  /** active | expiring (rotated, still valid) | expired | revoked */
  status: z.enum(['active', 'expiring', 'expired', 'revoked']),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;
export const apiKeyListResponseSchema = z.object({ items: z.array(apiKeySummarySchema) });

/** The only response that ever carries the secret. */
export const createdApiKeySchema = z.object({
  id: z.uuid(),
  key: z.string(),
  prefix: z.string(),
  scopes: z.array(partnerScopeSchema),
  rateLimitPerMinute: z.number().int(),
  /** On rotation: until when the replaced key keeps working. */
  previousKeyExpiresAt: z.string().nullable().optional(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const webhookAttemptSchema = z.object({
  attemptedAt: z.string(),
  responseStatus: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  eventId: z.string(),
  eventType: z.string(),
  subscriptionId: z.uuid(),
  url: z.string(),
  /** pending | succeeded | failed */
  status: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  body: z.string(),
  attemptLog: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryListResponseSchema = z.object({ items: z.array(webhookDeliverySchema) });
export const deliveryParamsSchema = z.object({ partnerId: z.uuid(), deliveryId: z.uuid() });

export const consoleWebhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
});
export const consoleWebhookListResponseSchema = z.object({ items: z.array(consoleWebhookSchema) });

export const usageQuerySchema = z.object({
  partnerId: z.uuid().optional(),
  /** How far back, in hours (1 … 720). */
  hours: z.coerce.number().int().min(1).max(720).default(24),
});
export const usagePointSchema = z.object({
  /** Start of the bucket (ISO). */
  at: z.string(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  /** Mean latency in ms over the bucket's requests. */
  latencyMeanMs: z.number(),
  latencyMaxMs: z.number(),
});
export type UsagePoint = z.infer<typeof usagePointSchema>;
export const usageResponseSchema = z.object({
  /** Bucket width in minutes (1 for up to 6 hours, 60 beyond). */
  bucketMinutes: z.number().int(),
  points: z.array(usagePointSchema),
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;
