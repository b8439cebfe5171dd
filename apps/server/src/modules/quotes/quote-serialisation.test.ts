import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quoteRequestBodySchema, quotesResponseSchema } from '@autofin/contracts';
import { DomainError, buildQuote, defaultPricingGrid, demoOemPromotion, demoProducts, valuationModelV1 } from '@autofin/domain';
import { inContractOrder } from './contract-order.ts';

/** What a jsonb column gives back: keys ordered by length, then bytewise (PostgreSQL's jsonb order). */
function asJsonb(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(asJsonb);
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(keys.map((k) => [k, asJsonb((v as Record<string, unknown>)[k])]));
  }
  return v;
}

const stored = {
  products: demoProducts.map((d) => ({ version: 1, definition: asJsonb(d) as typeof d })),
  promotions: [{ id: '6f1c0c3e-5b1a-4c55-9a44-0d1f6a7e2b10', definition: asJsonb(demoOemPromotion) as typeof demoOemPromotion, remainingFen: 1_000_000_000 }],
};

const money = (fen: number) => (fen / 100).toFixed(2);

const requestArb = fc
  .record({
    category: fc.constantFrom('new-ice', 'new-nev', 'used', 'commercial-ice', 'commercial-nev'),
    priceFen: fc.integer({ min: 3_000_000, max: 150_000_000 }),
    downShare: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
    terms: fc.uniqueArray(fc.constantFrom(12, 24, 36, 48, 60), { minLength: 1, maxLength: 5 }),
    riskTier: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
    tradeIn: fc.option(fc.record({ appraisedFen: fc.integer({ min: 1_000_000, max: 10_000_000 }), owedShare: fc.double({ min: 0, max: 0.9, noNaN: true }) }), { nil: undefined }),
    ageMonths: fc.integer({ min: 6, max: 60 }),
    mileageKm: fc.integer({ min: 1_000, max: 90_000 }),
  })
  .map((r) => ({
    vehicle: {
      category: r.category,
      make: 'BYD',
      price: money(r.priceFen),
      ...(r.category === 'used' ? { ageMonths: r.ageMonths, mileageKm: r.mileageKm } : {}),
    },
    downPayment: money(Math.round(r.priceFen * r.downShare)),
    ...(r.tradeIn ? { tradeIn: { appraisedValue: money(r.tradeIn.appraisedFen), outstandingLoan: money(Math.round(r.tradeIn.appraisedFen * r.tradeIn.owedShare)) } } : {}),
    terms: r.terms,
    customer: { riskTier: r.riskTier, cityTier: 2 },
  }));

describe('quote bytes without the per-request contract check', () => {
  it('re-parses every demo definition (so nothing falls back to the validating serializer)', () => {
    expect(inContractOrder(stored.products, stored.promotions).exact).toBe(true);
  });

  it('serialises to exactly what the zod serializer sends, for generated requests over jsonb-ordered definitions', () => {
    let priced = 0;
    const refusals = new Set<string>();
    fc.assert(
      fc.property(requestArb, (body) => {
        const ordered = inContractOrder(stored.products, stored.promotions);
        let result;
        try {
          result = buildQuote(quoteRequestBodySchema.parse(body), { ...ordered, grid: defaultPricingGrid, today: '2026-11-22', valuationModel: valuationModelV1 });
        } catch (e) {
          if (e instanceof DomainError) { refusals.add(`${e.code} ${e.message}`); return; } // refused input (no offer, bad trade-in): no response to serialise
          throw e;
        }
        priced++;
        const response = { quoteId: '0b0f5c4e-2f7a-4a8e-9d6c-3c1f2e4d5a6b', quotedAt: '2026-11-22T08:00:00.000Z', ...result };
        const sent = JSON.stringify(response);
        // The reference: what fastify-type-provider-zod sends (validate, then stringify the parsed value).
        expect(sent).toBe(JSON.stringify(quotesResponseSchema.parse(response)));
        expect(quotesResponseSchema.parse(JSON.parse(sent))).toEqual(JSON.parse(sent));
      }),
      { numRuns: 60, seed: 20261122 },
    );
    // At least half the generated requests are priced (the property is not vacuous).
    expect(priced, [...refusals].join()).toBeGreaterThanOrEqual(30);
  });

  it('would catch the jsonb order if the definitions were not re-parsed', () => {
    const body = { vehicle: { category: 'new-nev', make: 'BYD', price: '250000.00' }, downPayment: '50000.00', terms: [36], customer: { riskTier: 'B' } };
    const result = buildQuote(quoteRequestBodySchema.parse(body), { ...stored, grid: defaultPricingGrid, today: '2026-11-22', valuationModel: valuationModelV1 });
    const response = { quoteId: '0b0f5c4e-2f7a-4a8e-9d6c-3c1f2e4d5a6b', quotedAt: '2026-11-22T08:00:00.000Z', ...result };
    expect(JSON.stringify(response)).toContain('"productName":{"en"');
    expect(JSON.stringify(quotesResponseSchema.parse(response))).toContain('"productName":{"zh"');
  });
});
