import { randomUUID } from 'node:crypto';
import type { Database } from '@autofin/db';
import { quotesResponseSchema, type ParsedQuotesRequest, type QuotesResponse } from '@autofin/contracts';
import type { SellableProduct } from '@autofin/domain';
import { getActiveGrid } from '../pricing/pricing.repository.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { livePromotionsForQuotes } from '../promotions/promotion.repository.ts';
import { businessDate } from './business-date.ts';
import { pricedQuote } from './quote-memo.ts';
import { insertQuote, quoteRowOf, responseBuffer, responseHead, storeQuote, type QuoteRow } from './quote.repository.ts';

export interface QuoteOptions {
  createdBy: string | null;
  channel: QuoteRow['channel'];
  /** Restricts the catalogue (a dealer widget quotes only its dealer's products). */
  productFilter?: (p: SellableProduct) => boolean;
  now?: Date;
}

export interface CreatedQuote {
  /** Shares its offers with identical quotes (quote-memo.ts): read it, never mutate it. */
  response: QuotesResponse;
  /** The response serialised exactly as the contract's serializer would (UTF-8): the bytes stored and sent. */
  body: Buffer;
}

/**
 * Loads what a quote depends on (sellable products, the active grid, live promotions with their
 * remaining budget), prices it in the domain (or reuses the identical quote priced from the same
 * objects), stores it and returns its bytes once the row is committed. The quote shows a promotion
 * only while its budget covers the offer; nothing is reserved here.
 */
export async function createQuoteBody(database: Database, request: ParsedQuotesRequest, opts: QuoteOptions): Promise<CreatedQuote> {
  const now = opts.now ?? new Date();
  const today = businessDate(now);
  const [products, grid, promotions] = await Promise.all([sellableProducts(database.db, today), getActiveGrid(database.db), livePromotionsForQuotes(database.db)]);
  const sellable = opts.productFilter ? products.filter(opts.productFilter) : products;
  const { result, content } = pricedQuote(database.db, request, { products, sellable, grid, promotions, today });
  const quoteId = randomUUID();
  const quotedAt = now.toISOString();
  const response: QuotesResponse = { quoteId, quotedAt, ...result };
  const row = quoteRowOf(result, request, { id: quoteId, quotedAt, createdBy: opts.createdBy, channel: opts.channel });
  if (content) {
    // The sent bytes are the stored bytes: this quote's head, then the content it shares with
    // identical quotes — exactly JSON.stringify(response), which with the definitions in contract
    // order is what the route's zod serializer sent (ADR 0005; checked by the tests, not per request).
    const head = responseHead(quoteId, quotedAt);
    await storeQuote(database, { ...row, head, content });
    return { response, body: responseBuffer(head, content) };
  }
  // A definition its contract schema refused: the validating serializer, stored per quote.
  const body = JSON.stringify(quotesResponseSchema.parse(response));
  await insertQuote(database.db, { createdBy: opts.createdBy, channel: opts.channel, dealerId: row.dealerId, request, response, body });
  return { response, body: Buffer.from(body, 'utf8') };
}

/** As createQuoteBody, for callers that shape their own reply (the dealer widget). */
export async function createQuote(database: Database, request: ParsedQuotesRequest, opts: QuoteOptions): Promise<QuotesResponse> {
  return (await createQuoteBody(database, request, opts)).response;
}
