import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridPreview, PricingGrid, QuotesResponse, StoredGrid } from '@autofin/contracts';
import { defaultPricingGrid } from '@autofin/domain';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedDemoCatalogue } from '../products/seed-catalogue.ts';

let t: TestApp;
let risk: string;
let marketing: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalogue(t.database);
  [risk, marketing] = await Promise.all([t.login('risk@autofin.local'), t.login('marketing@autofin.local')]);
});
afterAll(async () => t.close());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

const base = { productCode: 'NEW_CAR_LOAN', cityTier: 2, vehicle: { condition: 'new', fuel: 'ICE' }, channel: 'dealer' };

describe('/api/pricing', () => {
  it('previews a grid: tiers × terms at 70 % LTV as in docs/pricing.md', async () => {
    const res = await req('POST', '/api/pricing/preview', marketing, { gridId: 'cn-default', version: 1, base, columns: 'term' });
    expect(res.statusCode).toBe(200);
    const p = res.json<GridPreview>();
    expect(p.columnLabels).toEqual(['12', '24', '36', '48', '60']);
    // The table of docs/pricing.md (new ICE, LTV 70 %, city tier 2, dealer channel).
    expect(p.cells.map((row) => row.map((c) => c.rate))).toEqual([
      ['3.97', '4.13', '4.23', '4.38', '4.53'],
      ['4.30', '4.47', '4.58', '4.73', '4.88'],
      ['4.86', '5.04', '5.14', '5.29', '5.43'],
      ['5.97', '6.16', '6.24', '6.36', '6.48'],
      ['8.18', '8.32', '8.31', '8.32', '8.32'],
    ]);
  });

  it('keeps grids as versioned drafts until risk publishes one, which quotes then price off', async () => {
    const draft: PricingGrid = { ...defaultPricingGrid, costOfFunds: defaultPricingGrid.costOfFunds.map((c) => ({ ...c, ratePercent: (Number(c.ratePercent) + 0.5).toFixed(2) })) };
    expect((await req('POST', '/api/pricing/grids', marketing, draft)).statusCode).toBe(403);
    const created = await req('POST', '/api/pricing/grids', risk, draft);
    expect(created.statusCode).toBe(201);
    expect(created.json<StoredGrid>()).toMatchObject({ gridId: 'cn-default', version: 2, status: 'draft' });

    // An unsaved edit previews straight from the body: +0.50 on the cost of funds.
    const preview = (await req('POST', '/api/pricing/preview', risk, { grid: { ...draft, version: 2 }, base })).json<GridPreview>();
    expect(preview.cells[0]![2]!.rate).toBe('4.73');

    const quoteBody = { vehicle: { category: 'new-ice', price: '200000' }, downPayment: '61200', term: 36, productCode: 'NEW_CAR_LOAN', customer: { riskTier: 'A' } };
    expect((await req('POST', '/api/quotes', marketing, quoteBody)).json<QuotesResponse>().offers[0]!.annualRate).toBe('4.23');

    const broken = { ...draft, riskTiers: [...draft.riskTiers].reverse() };
    const refused = await req('PUT', '/api/pricing/grids/cn-default/versions/2', risk, broken);
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ errors: { field: string }[] }>().errors[0]!.field).toMatch(/^riskTiers\[\d\]/);

    const published = await req('POST', '/api/pricing/grids/cn-default/versions/2/publish', risk);
    expect(published.json<StoredGrid>().status).toBe('active');
    const offer = (await req('POST', '/api/quotes', marketing, quoteBody)).json<QuotesResponse>().offers[0]!;
    expect(offer.annualRate).toBe('4.73');
    expect(offer.pricing.grid).toEqual({ id: 'cn-default', version: 2 });

    const list = (await req('GET', '/api/pricing/grids', marketing)).json<{ items: { version: number; status: string }[] }>();
    expect(list.items.map((g) => `${g.version}:${g.status}`)).toEqual(['2:active', '1:retired']);
    expect((await req('PUT', '/api/pricing/grids/cn-default/versions/2', risk, draft)).statusCode).toBe(409);
  });

  it('refuses to publish a grid that no longer prices a published product', async () => {
    const shortCurve: PricingGrid = {
      ...defaultPricingGrid,
      products: defaultPricingGrid.products.map((p) => ({ ...p, termsMonths: p.termsMonths.filter((m) => m <= 36) })),
      costOfFunds: defaultPricingGrid.costOfFunds.filter((c) => c.termMonths <= 36),
    };
    const created = (await req('POST', '/api/pricing/grids', risk, shortCurve)).json<StoredGrid>();
    const refused = await req('POST', `/api/pricing/grids/cn-default/versions/${created.version}/publish`, risk);
    expect(refused.statusCode).toBe(422);
    const fields = refused.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toContain('products.NEW_CAR_LOAN.terms[3]');
  });
});
