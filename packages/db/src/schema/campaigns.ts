import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, smallint, bigint, bigserial, timestamp, jsonb, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';
import { segments } from './segments.ts';

/**
 * Campaigns (issue 8). The definition is the validated create/update body exactly as accepted
 * (packages/contracts campaigns), so nothing the marketing officer set is lost; the columns beside it
 * are what lists, the calendar and the launch pipeline query. status: draft | scheduled | running |
 * paused | finished. revision counts edits of the draft (the template version the launch used);
 * policy_version and costs_version are the contact policy and channel costs fixed at launch.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    status: text('status').notNull().default('draft'),
    definition: jsonb('definition').notNull(),
    revision: integer('revision').notNull().default(1),
    segmentId: uuid('segment_id').references(() => segments.id),
    /** sms | email | push | wechat | call_task | dealer_task */
    channel: text('channel').notNull(),
    /** marketing | transactional */
    purpose: text('purpose').notNull().default('marketing'),
    /** Holdout share in basis points of the audience (1000 = 10 %). */
    holdoutBp: integer('holdout_bp').notNull().default(0),
    /** now | at */
    scheduleType: text('schedule_type').notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    budgetFen: bigint('budget_fen', { mode: 'number' }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** The revision that was approved: an edit after approval needs a new approval. */
    approvedRevision: integer('approved_revision'),
    launchedBy: text('launched_by'),
    launchedAt: timestamp('launched_at', { withTimezone: true }),
    /** The audience build: keyset cursor (last customer id queued), so a crash resumes where it stopped. */
    launchCursor: uuid('launch_cursor'),
    launchCompletedAt: timestamp('launch_completed_at', { withTimezone: true }),
    /** The instance building the audience holds it until then (renewed per chunk); a crashed build is taken over after it. */
    launchLeaseUntil: timestamp('launch_lease_until', { withTimezone: true }),
    /**
     * What the messages handed to providers cost, in 0.0001 yuan (hundredths of a fen: an SMS part costs
     * e.g. 4.5 fen); raised only by a conditional UPDATE that keeps it within budget_fen × 100.
     */
    spentCentifen: bigint('spent_centifen', { mode: 'number' }).notNull().default(0),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    policyVersion: integer('policy_version'),
    costsVersion: integer('costs_version'),
  },
  (t) => [index('campaigns_status_idx').on(t.status), index('campaigns_scheduled_idx').on(t.scheduledAt), index('campaigns_segment_idx').on(t.segmentId)],
);

/** Every status change of a campaign: from, to, who, why, when. Append-only. */
export const campaignStatusHistory = pgTable(
  'campaign_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaign_status_history_campaign_idx').on(t.campaignId, t.at)],
);

/**
 * The durable message outbox, for campaigns and journeys alike, and a campaign's audience as it was
 * at launch: one row per targeted customer with the arm the deterministic hash gave. The holdout's
 * rows have status 'holdout' and are never sent (the dispatcher takes only queued and deferred rows);
 * keeping them here rather than in a second audience table halves what a million-customer launch
 * writes (ADR 0016). status: holdout | queued | deferred | sending | sent | delivered | failed |
 * clicked | suppressed. reason: why it was suppressed, deferred or failed
 * (a contact-policy code). not_before: when the dispatcher may take it (quiet hours move it).
 * PIPL: no address is stored (the dispatcher reads it at send time); the rendered text is kept with
 * the personal tokens masked (content_masked) and its SHA-256 over the exact text sent, enough to
 * show and prove what went out without a second copy of the customer's name.
 * One message per customer per campaign (unique), so a resumed launch cannot double-queue.
 */
export const campaignMessages = pgTable(
  'campaign_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    /** Journeys (issue 8 §2) write here too: their id and a key unique within the journey. */
    journeyId: uuid('journey_id'),
    journeyKey: text('journey_key'),
    /** No foreign key (as customer_events): a million-row launch should not pay a lookup per row. */
    customerId: uuid('customer_id').notNull(),
    arm: text('arm').notNull(),
    channel: text('channel').notNull(),
    /** marketing | transactional */
    purpose: text('purpose').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    /** The policy's other reasons when several applied (all codes, first is `reason`). */
    reasons: jsonb('reasons'),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    attempts: smallint('attempts').notNull().default(0),
    /** A claimed message is not taken by another dispatcher before this. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    /** SMS parts billed (70 characters per part, 67 when concatenated); 1 for other channels. */
    segments: smallint('segments'),
    /** In 0.0001 yuan (unit costs have four places; the campaign total is rounded to the fen once). */
    costCentifen: integer('cost_centifen'),
    /** The template to render at send time (campaign variant or journey step), zh/en. */
    template: jsonb('template'),
    contentMasked: text('content_masked'),
    contentSha256: text('content_sha256'),
    policyVersion: integer('policy_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** First time quiet hours held it back (the report counts deferred-then-released messages). */
    deferredAt: timestamp('deferred_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('campaign_messages_campaign_customer_uq').on(t.campaignId, t.customerId).where(sql`${t.campaignId} IS NOT NULL`),
    uniqueIndex('campaign_messages_journey_uq').on(t.journeyId, t.journeyKey).where(sql`${t.journeyId} IS NOT NULL`),
    // The dispatcher's queue: only rows still to be sent are in it.
    index('campaign_messages_due_idx').on(t.notBefore).where(sql`${t.status} IN ('queued', 'deferred', 'sending')`),
    // Caps: what a customer was sent recently.
    index('campaign_messages_customer_sent_idx').on(t.customerId, t.sentAt).where(sql`${t.sentAt} IS NOT NULL`),
    index('campaign_messages_journey_idx').on(t.journeyId).where(sql`${t.journeyId} IS NOT NULL`),
    check('campaign_messages_owner', sql`${t.campaignId} IS NOT NULL OR ${t.journeyId} IS NOT NULL`),
  ],
);

/**
 * What providers reported about a message (delivered, failed, clicked), append-only. The simulated
 * providers write theirs ahead with due_at (they "arrive" then); the receipt worker applies each to
 * its message once (applied_at) and records the customer event.
 */
export const campaignReceipts = pgTable(
  'campaign_receipts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => campaignMessages.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    /** delivered | failed | clicked */
    kind: text('kind').notNull(),
    detail: text('detail'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [index('campaign_receipts_due_idx').on(t.dueAt).where(sql`${t.appliedAt} IS NULL`), index('campaign_receipts_message_idx').on(t.messageId)],
);

/**
 * Customers who must not be contacted: reason opted_out | complained | deceased | staff |
 * do_not_contact; channel null = every channel. Who added it, from where, when; removal keeps the row.
 */
export const campaignSuppressions = pgTable(
  'campaign_suppressions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    channel: text('channel'),
    /** console | sms_reply | complaint | import | simulator */
    source: text('source').notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedBy: text('removed_by'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removalReason: text('removal_reason'),
  },
  (t) => [
    index('campaign_suppressions_customer_idx').on(t.customerId).where(sql`${t.removedAt} IS NULL`),
    uniqueIndex('campaign_suppressions_active_uq').on(t.customerId, t.reason, sql`coalesce(${t.channel}, '*')`).where(sql`${t.removedAt} IS NULL`),
  ],
);

/** The contact policy (caps, quiet hours, suppression rules) as data, one row per version; the newest applies. */
export const contactPolicyVersions = pgTable('contact_policy_versions', {
  version: integer('version').primaryKey(),
  policy: jsonb('policy').notNull(),
  note: text('note'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Channel unit costs in fen (SMS per billed part), one row per version; the newest applies. */
export const channelCostVersions = pgTable('channel_cost_versions', {
  version: integer('version').primaryKey(),
  costs: jsonb('costs').notNull(),
  note: text('note'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
