import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetConfig, WidgetQuoteResponse } from '@autofin/contracts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedDemoCatalogue } from '../products/seed-catalogue.ts';
import { WIDGET_RATE_LIMIT } from './widget.routes.ts';

let t: TestApp;
let newCarWidget: string;
let usedWidget: string;

beforeAll(async () => {
  t = await createTestApp();
  // Two dealers of the market: a 4S store of a JV brand and a used-car dealer.
  await t.database.query(`INSERT INTO provinces (id, name, name_en, region) VALUES (1, '广东', 'Guangdong', 'east')`);
  await t.database.query(`INSERT INTO cities (id, province_id, name, name_en, tier, market_weight) VALUES (1, 1, '广州', 'Guangzhou', 1, 100)`);
  await t.database.query(`INSERT INTO makes (id, name, name_en, origin) VALUES (1, '丰田', 'Toyota', 'joint_venture')`);
  const [fourS] = await t.database.query<{ id: string }>(`INSERT INTO partners (type, name, city_id) VALUES ('dealer', '广州丰田4S店', 1) RETURNING id`);
  const [used] = await t.database.query<{ id: string }>(`INSERT INTO partners (type, name, city_id) VALUES ('dealer', '广州二手车行', 1) RETURNING id`);
  await t.database.query(`INSERT INTO dealers (partner_id, format, make_id, city_id) VALUES ($1, '4s', 1, 1), ($2, 'used', NULL, 1)`, [fourS!.id, used!.id]);
  const seeded = await seedDemoCatalogue(t.database);
  expect(seeded.widgets).toBe(2);
  const rows = await t.database.query<{ widget_id: string; partner_id: string }>(`SELECT widget_id, partner_id FROM dealer_widgets`);
  newCarWidget = rows.find((r) => r.partner_id === fourS!.id)!.widget_id;
  usedWidget = rows.find((r) => r.partner_id === used!.id)!.widget_id;
});
afterAll(async () => t.close());

const quote = (widgetId: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/widget/${widgetId}/quote`, headers, payload: payload as Record<string, unknown> });

describe('/api/widget (public dealer calculator)', () => {
  it('describes the dealer, its products and terms without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/widget/${newCarWidget}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const c = res.json<WidgetConfig>();
    expect(c.dealerName).toBe('广州丰田4S店');
    expect(c.vehicleCategories).toEqual(['new-ice', 'new-nev']);
    expect(c.products.map((p) => p.code)).toEqual(['NEW_CAR_LOAN', 'NEV_LOAN', 'BALLOON_LOAN', 'FLAT_FEE_INSTALMENT', 'LEASE_TO_OWN']);
    expect(c.terms).toEqual([12, 24, 36, 48, 60]);
    expect(c.defaultDownPaymentPercent).toBe('30');
    expect(c.minDownPaymentPercent).toBe('10');
  });

  it('quotes only the dealer’s products in a compact form, with the disclosure', async () => {
    const res = await quote(newCarWidget, { vehiclePrice: '180000', downPayment: '54000', term: 36 });
    expect(res.statusCode).toBe(200);
    const body = res.json<WidgetQuoteResponse>();
    expect(new Set(body.offers.map((o) => o.productCode))).toEqual(new Set(['NEW_CAR_LOAN', 'BALLOON_LOAN', 'FLAT_FEE_INSTALMENT', 'LEASE_TO_OWN']));
    const costs = body.offers.map((o) => Number(o.totalCost));
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
    expect(body.lowestTotalCost).toBe(0);
    const o = body.offers[0]!;
    expect(o.disclosure.zh.startsWith(`年化利率（单利）${o.apr}%`)).toBe(true);
    expect(Object.keys(o).sort()).toEqual(['apr', 'disclosure', 'downPayment', 'monthlyPayment', 'productCode', 'productName', 'promotion', 'term', 'totalCost', 'totalFees']);
    const stored = await t.database.query<{ channel: string; created_by: string }>(`SELECT channel, created_by FROM quotes ORDER BY created_at DESC LIMIT 1`);
    expect(stored[0]).toEqual({ channel: 'widget', created_by: `widget:${newCarWidget}` });
  });

  it('answers preflight requests for any origin', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: `/api/widget/${newCarWidget}/quote`, headers: { origin: 'https://dealer.example', 'access-control-request-method': 'POST' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it.each([
    ['an unknown widget', 'wunknown00000000', { vehiclePrice: '100000', downPayment: '30000' }, 404, undefined],
    ['a category the dealer does not sell', 'NEW', { vehiclePrice: '100000', downPayment: '30000', vehicleCategory: 'used' }, 400, 'vehicleCategory'],
    ['a down payment above the price', 'NEW', { vehiclePrice: '100000', downPayment: '200000' }, 400, 'downPayment'],
    ['a negative price', 'NEW', { vehiclePrice: '-5', downPayment: '0' }, 400, 'vehiclePrice'],
    ['an unexpected field', 'NEW', { vehiclePrice: '100000', downPayment: '30000', customer: { riskTier: 'A' } }, 400, undefined],
    ['a used car without its age', 'USED', { vehiclePrice: '60000', downPayment: '30000' }, 400, 'ageMonths'],
  ])('refuses %s', async (_name, which, body, status, field) => {
    const id = which === 'NEW' ? newCarWidget : which === 'USED' ? usedWidget : which;
    const res = await quote(id, body);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (field) expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
  });

  it('refuses a body above 1 KiB', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/widget/${newCarWidget}/quote`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ vehiclePrice: '100000', downPayment: '30000', pad: 'x'.repeat(2000) }) });
    expect(res.statusCode).toBe(413);
  });

  it('limits each widget to its requests a minute, counted in the database', async () => {
    // At most limit + 1 requests reach the 429 within one minute; twice that covers a minute turning mid-loop.
    let last = await t.app.inject({ method: 'GET', url: `/api/widget/${usedWidget}` });
    for (let i = 0; i < 2 * (WIDGET_RATE_LIMIT + 1) && last.statusCode === 200; i++) last = await t.app.inject({ method: 'GET', url: `/api/widget/${usedWidget}` });
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.json<{ code: string }>().code).toBe('RATE_LIMITED');
    const windows = await t.database.query<{ count: number }>(`SELECT max(count)::int AS count FROM widget_rate_windows WHERE widget_id = $1`, [usedWidget]);
    expect(windows[0]!.count).toBe(WIDGET_RATE_LIMIT + 1);
    // Another dealer's widget is unaffected.
    expect((await t.app.inject({ method: 'GET', url: `/api/widget/${newCarWidget}` })).statusCode).toBe(200);
  });
});

describe('/api/widgets (console list of dealer widgets)', () => {
  it('lists every dealer widget with paste-ready snippets for dealer operations', async () => {
    const cookie = await t.login('dealer_ops@autofin.local');
    const res = await t.app.inject({ method: 'GET', url: '/api/widgets', headers: { cookie, host: 'lender.example:3000' } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ widgetId: string; dealerName: string; scriptSnippet: string; iframeSnippet: string }>;
    const count = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM dealer_widgets');
    expect(items.length).toBe(count[0]?.n);
    const fourS = items.find((i) => i.widgetId === newCarWidget);
    expect(fourS?.dealerName).toBe('广州丰田4S店');
    expect(fourS?.scriptSnippet).toBe(`<script src="http://lender.example:3000/widget/calculator.js" data-widget-id="${newCarWidget}"></script>`);
    expect(fourS?.iframeSnippet).toContain(`/widget/calculator.html?widget=${newCarWidget}`);
  });

  it('is not for risk analysts or anonymous callers', async () => {
    const risk = await t.login('risk@autofin.local');
    expect((await t.app.inject({ method: 'GET', url: '/api/widgets', headers: { cookie: risk } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/widgets' })).statusCode).toBe(401);
  });
});
