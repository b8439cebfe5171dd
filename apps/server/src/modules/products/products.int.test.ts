import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductDefinitionInput, ProductDetailResponse, ProductListResponse, ProductVersionRecord, QuotesResponse } from '@autofin/contracts';
import { demoProducts } from '@autofin/domain';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedDemoCatalogue } from './seed-catalogue.ts';

let t: TestApp;
let marketing: string;
let risk: string;
let viewer: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalogue(t.database);
  [marketing, risk, viewer] = await Promise.all([t.login('marketing@autofin.local'), t.login('risk@autofin.local'), t.login('viewer@autofin.local')]);
});
afterAll(async () => t.close());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

const usedLoan: ProductDefinitionInput = {
  code: 'USED_CAR_PLUS',
  name: { zh: '二手车贷款（高成数）', en: 'Used-car loan, high LTV' },
  type: 'loan',
  vehicleCategories: ['used'],
  terms: [12, 24, 36],
  minDownPaymentPercent: '20',
  maxLtvPercent: '80',
  methods: ['equal-installment'],
  prepayment: { type: 'none' },
  pricing: { gridProductCode: 'USED_CAR_LOAN' },
  effectiveFrom: '2026-01-01',
};

describe('/api/products', () => {
  it('seeds the demo catalogue once, every product published and sellable', async () => {
    const again = await seedDemoCatalogue(t.database);
    expect(again.products).toBe(0);
    const list = (await req('GET', '/api/products', viewer)).json<ProductListResponse>();
    expect(list.items.map((p) => p.code).sort()).toEqual(demoProducts.map((p) => p.code).sort());
    expect(list.items.every((p) => p.sellable && p.publishedVersion === 1)).toBe(true);
  });

  it('refuses to publish a product that could breach the rulebook, naming the rule', async () => {
    const created = await req('POST', '/api/products', marketing, usedLoan);
    expect(created.statusCode).toBe(201);
    expect(created.json<ProductVersionRecord>()).toMatchObject({ code: 'USED_CAR_PLUS', version: 1, status: 'draft' });

    const refused = await req('POST', '/api/products/USED_CAR_PLUS/versions/1/publish', risk);
    expect(refused.statusCode).toBe(422);
    const p = refused.json<{ code: string; errors: { field: string; message: string }[] }>();
    expect(p.code).toBe('PRODUCT_BREACHES_RULES');
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]!.field).toBe('maxLtvPercent');
    expect(p.errors[0]!.message).toContain('CN-AUTO-2024.04 LTV used');
    expect(p.errors[0]!.message).toContain('70%');

    // A draft is not sellable.
    const q = await req('POST', '/api/quotes', marketing, { vehicle: { category: 'used', price: '80000', ageMonths: 24, mileageKm: 30000 }, downPayment: '30000', productCode: 'USED_CAR_PLUS' });
    expect(q.statusCode).toBe(400);
    expect(q.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('productCode');
  });

  it('flags a term above the used-car maximum and a term the grid does not price', async () => {
    const res = await req('POST', '/api/products/validate', marketing, { ...usedLoan, maxLtvPercent: '70', terms: [12, 24, 36, 48] });
    const body = res.json<{ ok: boolean; violations: { field: string; rule: string }[] }>();
    expect(body.ok).toBe(false);
    expect(body.violations.map((v) => `${v.field} ${v.rule}`)).toEqual(['terms[3] CN-AUTO-2024.04 term used-vehicle', 'terms[3] grid cn-default v1']);
  });

  it('publishes a fixed draft as the sellable version; the old version stays on record', async () => {
    const fixed = await req('PUT', '/api/products/USED_CAR_PLUS/versions/1', marketing, { ...usedLoan, maxLtvPercent: '70' });
    expect(fixed.statusCode).toBe(200);
    const published = await req('POST', '/api/products/USED_CAR_PLUS/versions/1/publish', risk);
    expect(published.statusCode).toBe(200);
    expect(published.json<ProductVersionRecord>()).toMatchObject({ status: 'published', rulebookVersion: 'CN-AUTO-2024.04' });
    expect((await req('PUT', '/api/products/USED_CAR_PLUS/versions/1', marketing, usedLoan)).statusCode).toBe(409);

    // A change is a new version; quotes keep selling v1 until v2 is published.
    const v2 = await req('POST', '/api/products', marketing, { ...usedLoan, maxLtvPercent: '70', terms: [12, 24] });
    expect(v2.json<ProductVersionRecord>().version).toBe(2);
    const body = { vehicle: { category: 'used', price: '80000', ageMonths: 24, mileageKm: 30000 }, downPayment: '25000', term: 36, productCode: 'USED_CAR_PLUS' };
    expect((await req('POST', '/api/quotes', marketing, body)).json<QuotesResponse>().offers[0]!.productVersion).toBe(1);
    expect((await req('POST', '/api/products/USED_CAR_PLUS/versions/2/publish', risk)).statusCode).toBe(200);
    const q2 = await req('POST', '/api/quotes', marketing, body);
    expect(q2.statusCode).toBe(422); // v2 no longer offers 36 months
    expect(q2.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('term');

    const detail = (await req('GET', '/api/products/USED_CAR_PLUS', viewer)).json<ProductDetailResponse>();
    expect(detail.versions.map((v) => `${v.version}:${v.status}`)).toEqual(['2:published', '1:superseded']);
    const audit = await req('GET', '/api/audit?entityType=product&q=USED_CAR_PLUS', await t.login('admin@autofin.local'));
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual([
      'product.published',
      'product.draft_created',
      'product.published',
      'product.draft_updated',
      'product.draft_created',
    ]);
  });

  it('stores, publishes and shows a borrower age limit at maturity; refuses one outside 60–75 naming the field, storing nothing', async () => {
    const aged: ProductDefinitionInput = { ...usedLoan, code: 'SENIOR_CAR_LOAN', name: { zh: '新车贷款（到期60周岁）', en: 'New-car loan, 60 at maturity' }, vehicleCategories: ['new-ice'], maxLtvPercent: '80', pricing: { gridProductCode: 'NEW_CAR_LOAN' }, maxBorrowerAgeAtMaturity: 60 };
    for (const years of [59, 76, 62.5]) {
      const bad = await req('POST', '/api/products', marketing, { ...aged, maxBorrowerAgeAtMaturity: years });
      expect(bad.statusCode, `${years}`).toBe(400);
      expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['maxBorrowerAgeAtMaturity']);
    }
    expect((await req('GET', '/api/products/SENIOR_CAR_LOAN', viewer)).statusCode).toBe(404);

    const created = await req('POST', '/api/products', marketing, aged);
    expect(created.statusCode).toBe(201);
    expect((await req('POST', '/api/products/SENIOR_CAR_LOAN/versions/1/publish', risk)).statusCode).toBe(200);
    const detail = (await req('GET', '/api/products/SENIOR_CAR_LOAN', viewer)).json<ProductDetailResponse>();
    expect(detail.versions[0]!.definition.maxBorrowerAgeAtMaturity).toBe(60);
    // Stored products without the field stay valid: the seeded fleet lease has none, NEV_LOAN has 65.
    expect((await req('GET', '/api/products/FLEET_LEASE', viewer)).json<ProductDetailResponse>().versions[0]!.definition.maxBorrowerAgeAtMaturity).toBeUndefined();
    expect((await req('GET', '/api/products/NEV_LOAN', viewer)).json<ProductDetailResponse>().versions[0]!.definition.maxBorrowerAgeAtMaturity).toBe(65);
  });

  it('lets only the right roles write', async () => {
    expect((await req('POST', '/api/products', viewer, usedLoan)).statusCode).toBe(403);
    expect((await req('POST', '/api/products/USED_CAR_PLUS/versions/2/publish', marketing)).statusCode).toBe(403);
    const bad = await req('POST', '/api/products', marketing, { ...usedLoan, code: 'lower', terms: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field).sort()).toEqual(['code', 'terms']);
  });
});
