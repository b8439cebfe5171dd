import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, timestamp, jsonb, index, check, customType } from 'drizzle-orm/pg-core';

/** Raw bytes. Written and read through SQL (decode/encode base64) by the quotes repository. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Every quote as it was returned: the request, the full response (offers with their product,
 * grid and rulebook versions, schedules, breakdowns and disclosures), who asked. Reservations and
 * applications refer to it by id. channel: console | widget | partner.
 *
 * The response is stored as `response_gz`: gzip of the very JSON bytes sent to the client (about
 * 15 KB for a 12-offer quote instead of 92 KB of jsonb, which cost most of a request's time to
 * parse and compress in the database). Quotes stored before migration 0003 keep their jsonb
 * `response`; exactly one of the two is set. The key figures are columns for queries.
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
    /** Before 0003 only. */
    response: jsonb('response'),
    responseGz: bytea('response_gz'),
    gridId: text('grid_id').notNull(),
    gridVersion: integer('grid_version').notNull(),
    rulebookVersion: text('rulebook_version').notNull(),
    offerCount: integer('offer_count').notNull(),
    vehiclePriceFen: bigint('vehicle_price_fen', { mode: 'number' }).notNull(),
    lowestMonthlyPaymentFen: bigint('lowest_monthly_payment_fen', { mode: 'number' }),
    lowestTotalCostFen: bigint('lowest_total_cost_fen', { mode: 'number' }),
  },
  (t) => [
    index('quotes_created_idx').on(t.createdAt),
    index('quotes_dealer_idx').on(t.dealerId),
    check('quotes_one_response', sql`(${t.response} IS NULL) <> (${t.responseGz} IS NULL)`),
  ],
);
