import { pgTable, uuid, text, integer, smallint, bigint, timestamp, jsonb, index } from 'drizzle-orm/pg-core';
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
  },
  (t) => [
    index('applications_customer_idx').on(t.customerId),
    index('applications_partner_idx').on(t.partnerId),
    index('applications_status_idx').on(t.status),
    index('applications_submitted_idx').on(t.submittedAt),
  ],
);
