import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, timestamp, jsonb, index, check, customType } from 'drizzle-orm/pg-core';

/** Raw bytes. Written and read through SQL (decode/encode base64) by the quotes repository. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The part of a quote response that does not name the quote, stored once per distinct content:
 * the exact JSON bytes the client received after `{"quoteId":…,"quotedAt":…,`, gzip level 1,
 * keyed by the SHA-256 (hex) of those uncompressed bytes. Identical quotes (a calculator re-quoting
 * the same deal under the same products, grid and promotions) share one row; a quote row then
 * costs a few hundred bytes instead of 15 KB of compressed schedules (ADR 0012). Never updated or
 * deleted while a quote refers to it (foreign key).
 */
export const quoteBodies = pgTable('quote_bodies', {
  sha256: text('sha256').primaryKey(),
  bodyGz: bytea('body_gz').notNull(),
  /** Uncompressed length in bytes. */
  bytes: integer('bytes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every quote as it was returned: the request, the full response (offers with their product,
 * grid and rulebook versions, schedules, breakdowns and disclosures), who asked. Reservations and
 * applications refer to it by id. channel: console | widget | partner.
 *
 * The response bytes are `response_head` (the `{"quoteId":…,"quotedAt":…,` that names this quote)
 * followed by the content `body_sha256` points at in `quote_bodies` (from its second byte: the
 * content is stored as a JSON object of its own). Before migration 0017 the response was stored
 * per quote as `response_gz` (gzip of the whole bytes), before 0003 as jsonb `response`; exactly
 * one of the three forms is set. The key figures are columns for queries.
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
    /** 0003 to 0016 only (and quotes whose definitions could not be put in contract order). */
    responseGz: bytea('response_gz'),
    responseHead: text('response_head'),
    bodySha256: text('body_sha256').references(() => quoteBodies.sha256),
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
    check('quotes_one_response', sql`num_nonnulls(${t.response}, ${t.responseGz}, ${t.bodySha256}) = 1 AND (${t.bodySha256} IS NULL) = (${t.responseHead} IS NULL)`),
  ],
);
