import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, timestamp, jsonb, index, uniqueIndex, check } from 'drizzle-orm/pg-core';

/**
 * Promotions with their budget. status: draft | pending_approval | approved | ended. spent_fen is
 * only ever raised by one conditional UPDATE (spent + cost <= budget), and a CHECK keeps it within
 * the budget even against a bug, so concurrent take-ups cannot overspend.
 */
export const promotions = pgTable(
  'promotions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    status: text('status').notNull(),
    definition: jsonb('definition').notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    spentFen: bigint('spent_fen', { mode: 'number' }).notNull().default(0),
    reservationCount: integer('reservation_count').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('promotions_status_idx').on(t.status),
    check('promotions_spent_within_budget', sql`${t.spentFen} >= 0 AND ${t.spentFen} <= ${t.budgetFen}`),
  ],
);

/** One take-up of a promoted offer: the cost charged to the budget, once per quote. */
export const promotionReservations = pgTable(
  'promotion_reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id),
    quoteId: uuid('quote_id').notNull(),
    offerId: text('offer_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('promotion_reservations_quote').on(t.promotionId, t.quoteId), index('promotion_reservations_at').on(t.promotionId, t.createdAt)],
);
