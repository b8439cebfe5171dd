import { pgTable, uuid, text, integer, smallint, bigint, bigserial, boolean, doublePrecision, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';
import { partners } from './partners.ts';
import { trims } from './vehicles.ts';

/**
 * Credit applications. status: received | in_review | approved | conditionally_approved | referred |
 * declined | contracted | funded | withdrawn | expired. Money in fen, rates in basis points per year.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The dealer (or other partner) that submitted it; null for direct online applications. */
    partnerId: uuid('partner_id').references(() => partners.id),
    /** dealer | online | app | ecommerce */
    channel: text('channel').notNull(),
    /** loan | lease */
    productType: text('product_type').notNull().default('loan'),
    productCode: text('product_code'),
    trimId: integer('trim_id').references(() => trims.id),
    /** new | used */
    vehicleCondition: text('vehicle_condition').notNull(),
    vehicleAgeMonths: smallint('vehicle_age_months').notNull().default(0),
    mileageKm: integer('mileage_km').notNull().default(0),
    vehiclePriceFen: bigint('vehicle_price_fen', { mode: 'number' }).notNull(),
    downPaymentFen: bigint('down_payment_fen', { mode: 'number' }).notNull(),
    requestedAmountFen: bigint('requested_amount_fen', { mode: 'number' }).notNull(),
    termMonths: smallint('term_months').notNull(),
    /** Annual nominal rate offered, basis points (399 = 3.99%). */
    rateBp: integer('rate_bp'),
    /** Observed third-party credit score at application (350..950); null for thin files. */
    bureauScore: smallint('bureau_score'),
    /** Declared monthly income band (L3 as a band). */
    declaredIncomeBand: text('declared_income_band'),
    /** Debt-to-income of the requested instalment, basis points. */
    dtiBp: integer('dti_bp'),
    status: text('status').notNull(),
    approvedAmountFen: bigint('approved_amount_fen', { mode: 'number' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** [{code, detail}] — why the decision came out as it did (DESIGN.md rule 7). */
    decisionReasons: jsonb('decision_reasons').notNull().default([]),
    decisionVersion: text('decision_version'),
    source: text('source').notNull().default('manual'),
    // --- added by the applications API (issue 5); nullable/defaulted so the simulator's COPY stays as it is ---
    /** individual | joint | corporate */
    type: text('type').notNull().default('individual'),
    /** Last status change; null on simulated rows (their submitted/decided times stand). */
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    /** An open application not moved on by then is expired by the server's periodic job. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** The latest decision's scorecard points and tier (for lists; the decision row has the rest). */
    score: doublePrecision('score'),
    riskTier: text('risk_tier'),
    /** Used cars: the valuation the decision measured the LTV against (dealer price-vs-valuation statistics). */
    vehicleValuationFen: bigint('vehicle_valuation_fen', { mode: 'number' }),
  },
  (t) => [
    index('applications_customer_idx').on(t.customerId),
    index('applications_updated_idx').on(t.updatedAt),
    index('applications_partner_idx').on(t.partnerId),
    index('applications_status_idx').on(t.status),
    index('applications_submitted_idx').on(t.submittedAt),
  ],
);

/**
 * What an application carries beyond the market columns of `applications`, one row per
 * application created through the API (simulated applications have none). Personal data classes
 * (DESIGN.md rule 8): the applicant's and co-applicant's identity, income, contact and address
 * are L1/L3 and kept only inside `personal_enc` (AES-256-GCM under AUTOFIN_MASTER_KEY, bound to
 * the application id); the ID number, phone and device appear only as keyed HMACs (hex), which
 * is what customer matching and the fraud velocity rules look up. The name is L1 and kept in
 * clear for search (the customers table holds it in clear too); views mask it.
 */
export const applicationDetails = pgTable(
  'application_details',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** Copied from applications.submitted_at so velocity counts are index-only scans of this table. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** L1 */
    applicantName: text('applicant_name').notNull(),
    /** L3 derived: keyed hashes (apps/server/src/security/personal-data.ts). */
    idNumberHash: text('id_number_hash').notNull(),
    phoneHash: text('phone_hash').notNull(),
    deviceHash: text('device_hash'),
    coIdNumberHash: text('co_id_number_hash'),
    coPhoneHash: text('co_phone_hash'),
    /** L3 encrypted: {applicant, coApplicant, device} as submitted (ID number, income, phone, e-mail, address). */
    personalEnc: text('personal_enc').notNull(),
    /** Age in whole years at submission, from the ID number (views show it without decrypting). */
    applicantAge: smallint('applicant_age').notNull(),
    employment: text('employment').notNull(),
    /** Not personal: the borrowing company of a corporate application. */
    company: jsonb('company'),
    /** {category, make, model, fuel, price, listPrice, ageMonths, mileageKm, vin} as submitted. */
    vehicle: jsonb('vehicle').notNull(),
    /** {downPayment, term, productCode, method, tradeIn} as submitted. */
    deal: jsonb('deal').notNull(),
    /** {creditCheck, dataSharing} with the time they were given. */
    consents: jsonb('consents').notNull(),
    quoteId: uuid('quote_id'),
    /** Who submitted it: user | partner_key | system. */
    createdByType: text('created_by_type').notNull(),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label'),
  },
  (t) => [
    index('application_details_id_hash_idx').on(t.idNumberHash, t.submittedAt),
    index('application_details_phone_hash_idx').on(t.phoneHash, t.submittedAt),
    index('application_details_device_hash_idx').on(t.deviceHash, t.submittedAt),
  ],
);

/** Every status transition: from (null for the first), to, who or what made it, why, when. Append-only. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** system | user | partner_key */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    reason: text('reason'),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId, t.at)],
);

/**
 * Conditions of an approval: type (proof_of_income, larger_down_payment, gps_installation …),
 * status open → satisfied | waived, who verified it, when, and the note.
 */
export const applicationStipulations = pgTable(
  'application_stipulations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id'),
    type: text('type').notNull(),
    /** The rule (or reviewer) that asked for it. */
    code: text('code').notNull(),
    status: text('status').notNull().default('open'),
    /** larger_down_payment: the extra down payment in fen. */
    amountFen: bigint('amount_fen', { mode: 'number' }),
    /** {zh, en} */
    message: jsonb('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    verifiedById: text('verified_by_id'),
    verifiedByLabel: text('verified_by_label'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    note: text('note'),
  },
  (t) => [index('application_stipulations_application_idx').on(t.applicationId)],
);

/**
 * The audit of every decision (issue 5 item 6), automatic or manual, one row each: the input as
 * the engine saw it (ID number and phone masked), the outside data used, every rule's outcome, the
 * measures, the result, the strategy/model/grid/rulebook/product versions and the timings.
 */
export const applicationDecisions = pgTable(
  'application_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** automatic | manual */
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    reasons: jsonb('reasons').notNull(),
    score: jsonb('score'),
    offer: jsonb('offer'),
    counterOffer: jsonb('counter_offer'),
    stipulations: jsonb('stipulations').notNull(),
    input: jsonb('input'),
    data: jsonb('data'),
    dataUsed: jsonb('data_used').notNull(),
    rules: jsonb('rules').notNull(),
    measures: jsonb('measures').notNull(),
    versions: jsonb('versions').notNull(),
    strategyId: text('strategy_id'),
    strategyVersion: integer('strategy_version'),
    modelId: text('model_id'),
    modelVersion: text('model_version'),
    timings: jsonb('timings').notNull(),
    durationMs: doublePrecision('duration_ms').notNull(),
    decidedByType: text('decided_by_type').notNull(),
    decidedById: text('decided_by_id'),
    decidedByLabel: text('decided_by_label'),
    note: text('note'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('application_decisions_application_idx').on(t.applicationId, t.decidedAt), index('application_decisions_model_idx').on(t.modelId, t.decidedAt)],
);

/**
 * The manual review queue: one row per referral, created when an application is referred. A
 * reviewer claims it (one at a time: a conditional UPDATE, so two instances agree); the SLA runs
 * from the referral.
 */
export const applicationReviews = pgTable(
  'application_reviews',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    referredAt: timestamp('referred_at', { withTimezone: true }).notNull(),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }).notNull(),
    claimedById: text('claimed_by_id'),
    claimedByLabel: text('claimed_by_label'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** Set when the reviewer decided; the row stays as the record of who worked it. */
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('application_reviews_open_idx').on(t.decidedAt, t.slaDueAt)],
);

/**
 * The internal blacklist the fraud rules check: list id_number | phone | device (keyed hashes) or
 * dealer (partner id in clear). Entries are never deleted, only deactivated (active = false).
 */
export const riskBlacklist = pgTable(
  'risk_blacklist',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    list: text('list').notNull(),
    valueHash: text('value_hash').notNull(),
    reason: text('reason').notNull(),
    active: boolean('active').notNull().default(true),
    addedBy: text('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last 4 characters of the value as given when listed, so an analyst can tell entries apart without the value (null for rows listed before the console could add them). */
    valueLast4: text('value_last4'),
  },
  (t) => [uniqueIndex('risk_blacklist_value_uq').on(t.list, t.valueHash)],
);
