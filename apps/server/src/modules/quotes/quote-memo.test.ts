import { describe, expect, it } from 'vitest';
import { quoteRequestBodySchema } from '@autofin/contracts';
import { defaultPricingGrid, demoOemPromotion, demoProducts, type LivePromotion, type SellableProduct } from '@autofin/domain';
import { pricedQuote, quoteMemoStats } from './quote-memo.ts';

// The bench's typical request: a 250 000-yuan NEV, 50 000 down, 36 months, a tier-B customer.
const body = { vehicle: { category: 'new-nev', make: 'BYD', model: 'Seal', price: '250000.00' }, downPayment: '50000.00', term: 36, customer: { riskTier: 'B', cityTier: 2 } };
const products: SellableProduct[] = demoProducts.filter((p) => p.code === 'NEV_LOAN').map((definition) => ({ version: 1, definition }));
const promotion = (remainingFen: number): LivePromotion[] => [{ id: '00000000-0000-4000-8000-000000000001', definition: demoOemPromotion, remainingFen }];
const today = '2026-11-22';
const inputs = (promotions: LivePromotion[]) => ({ products, sellable: products, grid: defaultPricingGrid, promotions, today });

describe('pricedQuote', () => {
  it('prices a request once per set of context objects, whatever the key order of the body', () => {
    const scope = {};
    const promotions = promotion(1e12);
    const first = pricedQuote(scope, quoteRequestBodySchema.parse(body), inputs(promotions));
    const hits = quoteMemoStats.hits;
    const reordered = { customer: body.customer, term: 36, downPayment: '50000.00', vehicle: { price: '250000.00', model: 'Seal', make: 'BYD', category: 'new-nev' } };
    expect(pricedQuote(scope, quoteRequestBodySchema.parse(reordered), inputs(promotions))).toBe(first);
    expect(quoteMemoStats.hits).toBe(hits + 1);
    // Another database (scope) prices it afresh, to the same bytes.
    const elsewhere = pricedQuote({}, quoteRequestBodySchema.parse(body), inputs(promotions));
    expect(elsewhere).not.toBe(first);
    expect(elsewhere.content?.json).toBe(first.content?.json);
  });

  it('prices afresh when the promotions are reloaded, so a spent budget stops showing at once', () => {
    const scope = {};
    const request = quoteRequestBodySchema.parse(body);
    const funded = pricedQuote(scope, request, inputs(promotion(1e12)));
    expect(funded.result.offers[0]!.promotion?.code).toBe(demoOemPromotion.code);
    // The same promotion, its budget spent down to 1 fen: the cache hands out a new array.
    const spent = pricedQuote(scope, request, inputs(promotion(1)));
    expect(spent).not.toBe(funded);
    expect(spent.result.offers.every((o) => o.promotion === null)).toBe(true);
  });
});
