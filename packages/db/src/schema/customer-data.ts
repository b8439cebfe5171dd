import { pgTable, uuid, text, integer, smallint, bigint, bigserial, doublePrecision, timestamp, jsonb, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';

/**
 * Identifiers that point at a customer profile (the customer data foundation, issue 7).
 * type: id_number | phone | wechat_openid | wechat_unionid | device_id | email | dealer_crm_id | cookie.
 * value_hash is the keyed HMAC of the normalised value (apps/server security module), never the value
 * itself, so the table can be dumped without exposing an ID number; for id_number it is the same hash
 * as customers.id_number_hash. One identifier belongs to exactly one profile (unique type + hash).
 * strong: an ID number or a verified phone — the only identifiers that may merge profiles.
 */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    valueHash: text('value_hash').notNull(),
    strong: boolean('strong').notNull().default(false),
    verified: boolean('verified').notNull().default(false),
    /** Who told us: api | import | partner | console | simulator */
    source: text('source').notNull().default('api'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customer_identities_value_uq').on(t.type, t.valueHash), index('customer_identities_customer_idx').on(t.customerId)],
);

/**
 * A merge of one profile into another, automatic (a strong identifier arrived) or manual (who and why).
 * The merged profile keeps its rows (events are append-only and stay under their customer_id); it is
 * pointed at the survivor by customers.merged_into, and the identifiers moved are listed here so a
 * split can give exactly those back. Reversal fills reverted_*; the record itself is never deleted.
 */
export const customerMerges = pgTable(
  'customer_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    mergedId: uuid('merged_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** auto | manual */
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    /** [{type, valueHash}] moved from the merged profile to the survivor */
    movedIdentities: jsonb('moved_identities').notNull().default([]),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    revertedAt: timestamp('reverted_at', { withTimezone: true }),
    revertedBy: text('reverted_by'),
    revertReason: text('revert_reason'),
  },
  (t) => [index('customer_merges_survivor_idx').on(t.survivorId), index('customer_merges_merged_idx').on(t.mergedId)],
);

/**
 * Every grant and withdrawal of consent, append-only (a trigger rejects UPDATE/DELETE): purpose, channel,
 * source, time and the version of the text the customer agreed to. customer_consents holds the current
 * state; this is the evidence behind it.
 */
export const customerConsentEvents = pgTable(
  'customer_consent_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    channel: text('channel').notNull(),
    /** granted | withdrawn */
    action: text('action').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    capturedVia: text('captured_via').notNull(),
    textVersion: text('text_version'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customer_consent_events_customer_idx').on(t.customerId, t.at)],
);

/**
 * Computed traits, one row per customer, recomputed for the customers an ingest batch touched in the
 * same transaction (definitions in packages/domain/src/customers/traits and docs/customers.md).
 * Recency is derived at read time from last_event_at so it never goes stale.
 */
export const customerTraits = pgTable(
  'customer_traits',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    lifecycleStage: text('lifecycle_stage').notNull(),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
    frequency90d: integer('frequency_90d').notNull().default(0),
    monetaryFen: bigint('monetary_fen', { mode: 'number' }).notNull().default(0),
    rfmScore: text('rfm_score').notNull(),
    channelPreference: text('channel_preference'),
    nevAffinity: doublePrecision('nev_affinity').notNull(),
    priceSensitivity: doublePrecision('price_sensitivity').notNull(),
    predictedLtvFen: bigint('predicted_ltv_fen', { mode: 'number' }).notNull().default(0),
    churnRisk: doublePrecision('churn_risk'),
    nextBestProduct: text('next_best_product'),
    /** false when the customer refused personalisation: only non-personal traits are kept */
    personalised: boolean('personalised').notNull().default(true),
    version: text('version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customer_traits_stage_idx').on(t.lifecycleStage), index('customer_traits_nev_idx').on(t.nevAffinity)],
);

/**
 * Profiles whose traits and segment memberships must be recomputed (events arrived, consent changed).
 * A durable queue: POST /api/events adds ids in its transaction; a worker on any instance takes them
 * with FOR UPDATE SKIP LOCKED in batches and refreshes them within seconds. One row per profile, so
 * a burst of events for one person costs one recomputation.
 */
export const customerRefreshQueue = pgTable(
  'customer_refresh_queue',
  {
    customerId: uuid('customer_id').primaryKey(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * 0 live (an event through the API, a merge), 1 bulk (the import command). Workers take live
     * profiles first and bulk ones in small batches, so a bulk load never delays a live event's
     * membership change by more than one small batch (ADR 0020).
     */
    lane: smallint('lane').notNull().default(0),
  },
  (t) => [index('customer_refresh_queue_lane_idx').on(t.lane, t.enqueuedAt)],
);
