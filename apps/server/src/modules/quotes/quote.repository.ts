import { eq, schema, type DbOrTx } from '@autofin/db';
import type { QuotesResponse, StoredQuote } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';

export interface NewQuote {
  createdBy: string | null;
  channel: 'console' | 'widget' | 'partner';
  dealerId: string | null;
  request: unknown;
  response: QuotesResponse;
}

/** Stores the quote exactly as returned (its offers carry the product, grid and rulebook versions). */
export async function insertQuote(db: DbOrTx, quote: NewQuote): Promise<void> {
  await db.insert(schema.quotes).values({
    id: quote.response.quoteId,
    createdAt: new Date(quote.response.quotedAt),
    createdBy: quote.createdBy,
    channel: quote.channel,
    dealerId: quote.dealerId,
    request: quote.request,
    response: quote.response,
    gridId: quote.response.versions.grid.id,
    gridVersion: quote.response.versions.grid.version,
    rulebookVersion: quote.response.versions.rulebook,
    offerCount: quote.response.offers.length,
  });
}

export async function getQuote(db: DbOrTx, id: string): Promise<StoredQuote> {
  const rows = await db.select().from(schema.quotes).where(eq(schema.quotes.id, id));
  const row = rows[0];
  if (!row) throw new DomainError('NOT_FOUND', `no quote ${id}`);
  return { quoteId: row.id, createdAt: row.createdAt.toISOString(), createdBy: row.createdBy, request: row.request, response: row.response as QuotesResponse };
}
