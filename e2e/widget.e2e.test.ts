// The dealer calculator embedded in a plain HTML page on another origin: the page includes the
// lender's /widget/calculator.js with a demo dealer's widget id, and the figures appear, equal to
// the public widget API's, with none of the dealer's CSS leaking in. Then the iframe form.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { DealerWidgetList, WidgetConfig, WidgetQuoteResponse } from '@autofin/contracts';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { eventually, signInAs, text } from './fixtures/session.ts';

let harness: Harness;
let dealerSite: Server;
let dealerUrl: string;
let widget: WidgetConfig;

/**
 * A demo dealer's widget, found the way dealer operations find it: GET /api/widgets lists every
 * dealer's widget id; the public widget API then gives its configuration. The first dealer
 * selling new ICE and NEV cars is used.
 */
async function findDemoWidget(baseUrl: string): Promise<WidgetConfig> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'dealer_ops@autofin.local', password: 'autofin-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const list = (await (await fetch(`${baseUrl}/api/widgets`, { headers: { cookie } })).json()) as DealerWidgetList;
  for (const item of list.items) {
    const response = await fetch(`${baseUrl}/api/widget/${item.widgetId}`);
    if (response.status !== 200) continue;
    const config = (await response.json()) as WidgetConfig;
    if (config.vehicleCategories.includes('new-ice') && config.vehicleCategories.includes('new-nev') && config.products.length > 0) return config;
  }
  throw new Error('no demo dealer widget found');
}

beforeAll(async () => {
  harness = await startHarness();
  widget = await findDemoWidget(harness.url);
  const template = await readFile(new URL('./fixtures/dealer-page.html', import.meta.url), 'utf8');
  // The dealer's site: another origin (another port), serving only its own pages.
  dealerSite = createServer((request, response) => {
    const script = `<script src="${harness.url}/widget/calculator.js" data-widget-id="${widget.widgetId}" data-price="175800" data-category="new-nev"></script>`;
    const iframe = `<iframe title="calculator" src="${harness.url}/widget/calculator.html?widget=${widget.widgetId}&lang=en" style="width:470px;height:760px;border:0"></iframe>`;
    const page = template.replaceAll('上海吉利4S店', widget.dealerName);
    const body = request.url?.startsWith('/iframe') ? page.replace('<!--WIDGET-->', iframe) : page.replace('<!--WIDGET-->', script);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => dealerSite.listen(0, '127.0.0.1', resolve));
  dealerUrl = `http://127.0.0.1:${(dealerSite.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (dealerSite ? dealerSite.close(() => resolve()) : resolve()));
  await harness?.close();
});

describe('dealer calculator widget', () => {
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    context = await harness.newContext();
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('renders from a script tag on another origin and shows the API’s figures', async () => {
    expect(new URL(dealerUrl).origin).not.toBe(new URL(harness.url).origin);
    const quoted = page.waitForResponse((r) => r.url().endsWith(`/api/widget/${widget.widgetId}/quote`) && r.request().method() === 'POST');
    await page.goto(`${dealerUrl}/`);
    const response = await quoted;
    expect(response.status()).toBe(200);
    const quote = (await response.json()) as WidgetQuoteResponse;
    const best = quote.offers[quote.lowestTotalCost ?? 0];
    if (!best) throw new Error('the widget quote has no offer');

    // Playwright's CSS locators pierce the open shadow root.
    const root = page.getByTestId('autofin-widget');
    await eventually(() => text(root.getByTestId('widget-monthly'))).toMatch(/^¥[\d,]+\.\d{2}$/);
    const amount = (s: string) => s.replace(/[¥,]/g, '');
    expect(amount((await text(root.getByTestId('widget-monthly'))) ?? '')).toBe(best.monthlyPayment);
    expect(await text(root.getByTestId('widget-apr'))).toBe(`${best.apr}%`);
    expect(amount((await text(root.getByTestId('widget-total-cost'))) ?? '')).toBe(best.totalCost);
    expect(await text(root)).toContain('年化利率（单利）');
    expect(await text(root.getByTestId('widget-disclosure'))).toBe(best.disclosure.zh);
    // It asked for the dealer's price (data-price) with the default down payment.
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ vehiclePrice: '175800.00', vehicleCategory: 'new-nev' });

    // The calculator lives in a shadow root: the dealer's `strong { color: red; font-size: 40px }` does not reach it,
    // and the APR is as large as the monthly payment.
    const style = await root.getByTestId('widget-apr').evaluate((el) => {
      const apr = getComputedStyle(el);
      const monthly = getComputedStyle(el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).querySelector('[data-testid="widget-monthly"]')! : el);
      return { inShadow: el.getRootNode() instanceof ShadowRoot, color: apr.color, size: apr.fontSize, monthlySize: monthly.fontSize };
    });
    expect(style.inShadow).toBe(true);
    expect(style.color).toBe('rgb(31, 79, 209)');
    expect(style.size).toBe(style.monthlySize);
    expect(style.size).not.toBe('40px');
    await page.screenshot({ path: screenshotPath('widget.png') });
  });

  it('re-quotes when the price changes, and switches to English', async () => {
    const root = page.getByTestId('autofin-widget');
    const before = await text(root.getByTestId('widget-monthly'));
    const requoted = page.waitForResponse((r) => r.url().endsWith('/quote') && JSON.parse(r.request().postData() ?? '{}').vehiclePrice === '250000.00');
    await root.getByTestId('widget-price').fill('250000');
    const quote = (await (await requoted).json()) as WidgetQuoteResponse;
    const best = quote.offers[quote.lowestTotalCost ?? 0];
    await eventually(() => text(root.getByTestId('widget-monthly'))).not.toBe(before);
    expect((await text(root.getByTestId('widget-monthly')))?.replace(/[¥,]/g, '')).toBe(best?.monthlyPayment);

    await root.getByTestId('widget-lang-en').click();
    await eventually(() => text(root)).toContain('APR (simple)');
    expect(await text(root.getByTestId('widget-disclosure'))).toBe(best?.disclosure.en);
    expect(pageErrors).toEqual([]);
  });

  it('works in an iframe from calculator.html', async () => {
    const framed = await context.newPage();
    const errors = collectPageErrors(framed);
    await framed.goto(`${dealerUrl}/iframe`);
    const frame = framed.frameLocator('iframe[title="calculator"]');
    await expect.poll(() => frame.getByTestId('widget-apr').textContent({ timeout: 250 }).catch(() => null), { timeout: 15_000 }).toMatch(/^\d+\.\d{2}%$/);
    expect(await frame.getByTestId('autofin-widget').textContent()).toContain('Monthly payment');
    expect(errors).toEqual([]);
    await framed.close();
  });
});

describe('dealer calculators page (console)', () => {
  it('lets dealer operations find a dealer and copy its embed snippet', async () => {
    const ctx = await harness.newContext();
    const page = await ctx.newPage();
    try {
      await signInAs(page, harness.url, 'dealer_ops');
      await page.getByRole('menuitem', { name: '经销商计算器' }).click();
      await page.getByTestId('widgets-page').waitFor();
      await page.getByPlaceholder('搜索经销商或 ID').fill(widget.widgetId);
      const row = page.locator('tr.ant-table-row', { hasText: widget.widgetId });
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain(widget.dealerName);
      await row.locator('.ant-table-row-expand-icon').click();
      const snippet = page.getByText(`data-widget-id="${widget.widgetId}"`);
      await snippet.waitFor();
      expect(await snippet.textContent()).toContain('/widget/calculator.js');
      await page.screenshot({ path: screenshotPath('widgets-console.png') });
    } finally {
      await ctx.close();
    }
  });
});
