import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, timestamp, jsonb, index, uniqueIndex, primaryKey, customType, doublePrecision } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/** Raw bytes, written and read through SQL (decode/encode base64) by the partner repositories. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Partner API keys. The key is `afk_<prefix>_<secret>`; only the prefix (for the lookup) and the
 * SHA-256 of the whole key are stored, so a database leak does not leak usable keys.
 * status: active | revoked. `expires_at` is set when a key is rotated: the old key keeps working
 * until then so the partner can deploy the new one without an outage. Keys, subscriptions and their
 * deliveries go with their partner (ON DELETE CASCADE), so the simulator can reset the market.
 */
export const partnerApiKeys = pgTable(
  'partner_api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** PartnerScope[]: what the key may do. */
    scopes: jsonb('scopes').notNull(),
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
    status: text('status').notNull().default('active'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** The key that replaced this one on rotation. */
    replacedBy: uuid('replaced_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Written with the usage flush (at most every few seconds), not on every request. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('partner_api_keys_prefix_uq').on(t.prefix), index('partner_api_keys_partner_idx').on(t.partnerId)],
);

/**
 * Idempotency-Key records: the first request with a key inserts `in_progress`, concurrent retries
 * find the row and wait for it to become `completed`; then every retry gets the stored response.
 * Kept at least 24 hours (swept after 48).
 */
export const partnerIdempotencyRecords = pgTable(
  'partner_idempotency_records',
  {
    partnerId: uuid('partner_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** SHA-256 of the request body as parsed JSON with sorted keys. */
    bodyHash: text('body_hash').notNull(),
    status: text('status').notNull().default('in_progress'),
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers'),
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.key] }), index('partner_idempotency_created_idx').on(t.createdAt)],
);

/** Where a partner wants its events. status: active | deleted. events: PartnerEventType[]. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: jsonb('events').notNull(),
    /**
     * Legacy: the whsec_ secret in clear, as the first release stored it. Null for every row once
     * the server has started with migration 0013 (it re-encrypts leftovers into secret_enc at start).
     */
    secret: text('secret'),
    /**
     * The Standard Webhooks signing secret (whsec_…), AES-256-GCM under AUTOFIN_MASTER_KEY with the
     * subscription id as associated data (security/personal-data.ts): it must be usable to sign,
     * so it cannot be hashed like an API key; a database dump alone does not reveal it.
     */
    secretEnc: text('secret_enc'),
    description: text('description'),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('webhook_subscriptions_partner_idx').on(t.partnerId)],
);

/**
 * The outbox: one row per event for one partner, with the exact JSON body that is signed and sent.
 * `source_ref` makes turning an application event into a partner event idempotent.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** msg_…: the webhook-id header, the same on every retry. */
    id: text('id').primaryKey(),
    partnerId: uuid('partner_id').notNull(),
    type: text('type').notNull(),
    applicationId: uuid('application_id'),
    body: text('body').notNull(),
    sourceRef: text('source_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('webhook_events_source_uq').on(t.sourceRef, t.partnerId), index('webhook_events_partner_idx').on(t.partnerId, t.createdAt)],
);

/**
 * One event to one subscription. status: pending | succeeded | failed. `signed_at` is the
 * webhook-timestamp, fixed at creation so every retry carries the same signature.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    signedAt: bigint('signed_at', { mode: 'number' }).notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);

/** Every delivery attempt and what the receiver answered (first 1 000 characters). */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    responseStatus: integer('response_status'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId)],
);

/** Where the outbox feeder has read the applications' event log up to (one row per feed). */
export const partnerEventCursors = pgTable('partner_event_cursors', {
  name: text('name').primaryKey(),
  position: text('position').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** API usage per partner per minute, accumulated in memory and added here every few seconds. */
export const partnerApiUsage = pgTable(
  'partner_api_usage',
  {
    partnerId: uuid('partner_id').notNull(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    requests: integer('requests').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    latencySumMs: doublePrecision('latency_sum_ms').notNull().default(0),
    latencyMaxMs: doublePrecision('latency_max_ms').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.minute] })],
);

/** Documents partners upload against an application's stipulation (bytes in the database). */
export const partnerDocuments = pgTable(
  'partner_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    stipulation: text('stipulation').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('partner_documents_application_idx').on(t.applicationId)],
);
