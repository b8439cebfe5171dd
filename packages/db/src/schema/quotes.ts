import { pgTable, uuid, text, integer, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

/**
 * Every quote as it was returned: the request, the full response (offers with their product,
 * grid and rulebook versions), who asked. Reservations and applications refer to it by id.
 * channel: console | widget | partner.
 */
export const quotes = pgTable(
  'quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by'),
    channel: text('channel').notNull(),
    dealerId: uuid('dealer_id'),
    request: jsonb('request').notNull(),
    response: jsonb('response').notNull(),
    gridId: text('grid_id').notNull(),
    gridVersion: integer('grid_version').notNull(),
    rulebookVersion: text('rulebook_version').notNull(),
    offerCount: integer('offer_count').notNull(),
  },
  (t) => [index('quotes_created_idx').on(t.createdAt), index('quotes_dealer_idx').on(t.dealerId)],
);
