import { gunzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { eq, schema, sql, type DbOrTx } from '@autofin/db';
import type { QuotesResponse, StoredQuote } from '@autofin/contracts';
import { DomainError, parseMoney } from '@autofin/domain';

const gunzipAsync = promisify(gunzip);

export interface NewQuote {
  createdBy: string | null;
  channel: 'console' | 'widget' | 'partner';
  dealerId: string | null;
  request: { vehicle: { price: string } };
  response: QuotesResponse;
  /** The response exactly as sent to the client (JSON): what is stored. */
  body: string;
}

/**
 * Stores the quote exactly as returned (its offers carry the product, grid and rulebook versions):
 * the response's JSON bytes, gzip level 1 — about 0.7 ms and a sixth of the size; 92 KB of jsonb
 * cost the database several milliseconds to parse and compress, the largest part of a request.
 * The bytes go as base64 text decoded by the database: PGlite's own bytea parameter encoding
 * (hex, byte by byte in JavaScript) takes longer than compressing them.
 */
export async function insertQuote(db: DbOrTx, quote: NewQuote): Promise<void> {
  const { response } = quote;
  const gz = gzipSync(quote.body, { level: 1 }).toString('base64');
  const q = schema.quotes;
  // One plain statement: drizzle's insert builder cost about 0.3 ms a quote here.
  await db.execute(sql`
    INSERT INTO ${q} (${sql.identifier(q.id.name)}, ${sql.identifier(q.createdAt.name)}, ${sql.identifier(q.createdBy.name)}, ${sql.identifier(q.channel.name)},
      ${sql.identifier(q.dealerId.name)}, ${sql.identifier(q.request.name)}, ${sql.identifier(q.responseGz.name)}, ${sql.identifier(q.gridId.name)},
      ${sql.identifier(q.gridVersion.name)}, ${sql.identifier(q.rulebookVersion.name)}, ${sql.identifier(q.offerCount.name)}, ${sql.identifier(q.vehiclePriceFen.name)},
      ${sql.identifier(q.lowestMonthlyPaymentFen.name)}, ${sql.identifier(q.lowestTotalCostFen.name)})
    VALUES (${response.quoteId}, ${response.quotedAt}::timestamptz, ${quote.createdBy}, ${quote.channel}, ${quote.dealerId}, ${JSON.stringify(quote.request)}::jsonb,
      decode(${gz}, 'base64'), ${response.versions.grid.id}, ${response.versions.grid.version}, ${response.versions.rulebook}, ${response.offers.length},
      ${parseMoney(quote.request.vehicle.price)}, ${response.lowestMonthlyPayment ? parseMoney(response.lowestMonthlyPayment.amount) : null},
      ${response.lowestTotalCost ? parseMoney(response.lowestTotalCost.amount) : null})`);
}

/** The quote as it was returned (quotes stored before migration 0003 have a jsonb response). */
export async function getQuote(db: DbOrTx, id: string): Promise<StoredQuote> {
  const q = schema.quotes;
  const rows = await db
    .select({
      id: q.id,
      createdAt: q.createdAt,
      createdBy: q.createdBy,
      request: q.request,
      response: q.response,
      responseGz: sql<string | null>`encode(${q.responseGz}, 'base64')`,
    })
    .from(q)
    .where(eq(q.id, id));
  const row = rows[0];
  if (!row) throw new DomainError('NOT_FOUND', `no quote ${id}`);
  const response = row.responseGz !== null ? (JSON.parse((await gunzipAsync(Buffer.from(row.responseGz, 'base64'))).toString('utf8')) as QuotesResponse) : (row.response as QuotesResponse);
  return { quoteId: row.id, createdAt: row.createdAt.toISOString(), createdBy: row.createdBy, request: row.request, response };
}
