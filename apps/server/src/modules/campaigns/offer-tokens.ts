import type { Database } from '@autofin/db';
import { quoteRequestBodySchema, type CampaignOffer, type QuotesResponse } from '@autofin/contracts';
import type { TemplateValues } from '@autofin/domain';
import { createQuote } from '../quotes/quote.service.ts';
import type { CampaignDefinition } from './campaign.repository.ts';

/** The offer's sample quote is priced at most this often per campaign arm and process. */
const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; quote: Promise<QuotesResponse | null> }>();

export function offerOf(def: CampaignDefinition, arm: string): CampaignOffer | undefined {
  return def.variants?.find((v) => v.key === arm)?.offer ?? def.offer;
}

/**
 * The quote the customer would see for the campaign's offer (its sample deal), from the quotes
 * module — the same engine, products, grid and live promotions a dealer's quote uses. null when the
 * offer has no sample deal or nothing can finance it.
 */
export async function offerQuote(database: Database, def: CampaignDefinition, arm: string, now: Date, createdBy: string | null = null): Promise<QuotesResponse | null> {
  const offer = offerOf(def, arm);
  if (!offer?.vehicle || !offer.downPayment) return null;
  const request = quoteRequestBodySchema.parse({ vehicle: offer.vehicle, downPayment: offer.downPayment, term: offer.term, productCode: offer.productCode, channel: 'online' });
  try {
    return await createQuote(database, request, { createdBy, channel: 'console', now });
  } catch {
    // An offer that no published product can finance any more shows no quote; the message still renders with fallbacks.
    return null;
  }
}

/** Template tokens from the offer's quote (the first offer: the cheapest in total cost). */
export function tokensOfQuote(quote: QuotesResponse | null): TemplateValues {
  const o = quote?.offers[0];
  if (!o) return {};
  return { productName: o.productName.zh, rate: o.customerRate, monthlyPayment: o.monthlyPayment, term: o.term, downPayment: o.downPayment };
}

/** The offer tokens for a campaign arm, priced once per TTL per process (a million messages share one quote). */
export async function offerTokensFor(database: Database, campaignId: string, def: CampaignDefinition, arm: string, now: Date): Promise<TemplateValues> {
  const key = `${campaignId}:${arm}`;
  let entry = cache.get(key);
  if (!entry || now.getTime() - entry.at > TTL_MS || now.getTime() < entry.at) {
    entry = { at: now.getTime(), quote: offerQuote(database, def, arm, now) };
    cache.set(key, entry);
  }
  return tokensOfQuote(await entry.quote);
}
