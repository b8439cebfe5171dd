// The quote calculator in headless Chromium against the real server: enter a price, see the
// offers compared by total cost, expand one and check the APR shown is the API's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { QuotesResponse } from '@autofin/contracts';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { chartsDrawn, eventually, signInAs, text } from './fixtures/session.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('quote calculator', () => {
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    context = await harness.newContext();
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    await signInAs(page, harness.url, 'dealer_ops');
  });

  afterAll(async () => {
    await context?.close();
  });

  it('quotes a new NEV and lists the offers by total cost, with the lowest-cost badges', async () => {
    await page.getByTestId('nav').getByText('报价试算').click();
    await page.waitForURL('**/quotes');
    await page.getByTestId('quote-price').fill('200000');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/quotes') && r.request().method() === 'POST'),
      page.getByTestId('quote-submit').click(),
    ]);
    expect(response.status()).toBe(200);
    const quote = (await response.json()) as QuotesResponse;
    expect(quote.offers.length).toBeGreaterThan(1);
    // 20 % down (the form's default) of 200,000 went to the API as an exact amount.
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ vehicle: { category: 'new-nev', price: '200000.00' }, downPayment: '40000.00' });

    const rows = page.getByTestId('offers-table').locator('tr.ant-table-row');
    await eventually(() => rows.count()).toBe(quote.offers.length);
    // Same order as the API: cheapest total cost first.
    const keys = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-row-key')));
    expect(keys).toEqual(quote.offers.map((o) => o.offerId));
    const costs = (await page.getByTestId('offer-total-cost').allTextContents()).map((s) => Number(s.replace(/[¥,]/g, '')));
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);

    // The badges sit on the offers the API named.
    const lowestTotal = rows.filter({ has: page.getByTestId('badge-lowest-total') });
    const lowestMonthly = rows.filter({ has: page.getByTestId('badge-lowest-monthly') });
    expect(await lowestTotal.count()).toBe(1);
    expect(await lowestMonthly.count()).toBe(1);
    expect(await lowestTotal.getAttribute('data-row-key')).toBe(quote.lowestTotalCost?.offerId);
    expect(await lowestMonthly.getAttribute('data-row-key')).toBe(quote.lowestMonthlyPayment?.offerId);

    // Ineligible combinations come with their reasons.
    if (quote.ineligible.length > 0) {
      const reasons = await text(page.getByTestId('ineligible-table'));
      expect(reasons).toContain(quote.ineligible[0]?.reasons[0]?.code);
    }

    // Expand the cheapest offer that charges interest and fees: its APR, schedule, rate build-up and disclosure.
    const index = quote.offers.findIndex((o) => Number(o.totalInterest) > 0 && Number(o.totalFees) > 0);
    const offer = quote.offers[index];
    if (!offer) throw new Error('expected an offer with interest and fees');
    const row = rows.nth(index);
    await row.locator('.ant-table-row-expand-icon').click();
    const detail = page.locator(`[data-testid="offer-detail"][data-offer="${offer.offerId}"]`);
    await detail.waitFor();
    const apr = `${offer.aprSimple.toFixed(2)}%`;
    expect(await text(detail.getByTestId('detail-apr'))).toBe(apr);
    expect(await text(row.getByTestId('offer-apr'))).toBe(apr);
    expect(Number(await detail.getByTestId('detail-apr').getAttribute('data-apr'))).toBe(offer.aprSimple);
    expect(await detail.getByTestId('offer-schedule').locator('tr.ant-table-row').count()).toBeGreaterThan(0);
    // The APR is shown at least as large as the monthly payment beside it.
    const sizes = await detail.evaluate((el) => {
      const px = (sel: string) => parseFloat(getComputedStyle(el.querySelectorAll(sel)[0] as Element).fontSize);
      return { apr: px('.offer-detail__value--apr'), monthly: px('.offer-detail__value:not(.offer-detail__value--apr)') };
    });
    expect(sizes.apr).toBeGreaterThanOrEqual(sizes.monthly);
    await detail.getByRole('tab', { name: '信息披露' }).click();
    await eventually(() => text(detail.getByTestId('offer-disclosure'))).toContain(offer.disclosure.zh.slice(0, 12));

    await chartsDrawn(page, ['chart-comparison', 'chart-composition', 'chart-balance']);
    await detail.getByRole('tab', { name: '还款计划' }).click();
    // A tall window rather than a full-page capture, so the sticky frame stays where it belongs.
    await page.setViewportSize({ width: 1440, height: 2300 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400); // the tab's ink bar finishes its slide
    await chartsDrawn(page, ['chart-comparison', 'chart-composition', 'chart-balance']);
    await page.screenshot({ path: screenshotPath('quotes.png') });
    expect(pageErrors).toEqual([]);
  });
  it('lets the dealer take up the 0 % OEM offer for the customer, charging the promotion’s budget', async () => {
    const rows = page.getByTestId('offers-table').locator('tr.ant-table-row');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/quotes') && r.request().method() === 'POST'),
      page.getByTestId('quote-submit').click(),
    ]);
    const quote = (await response.json()) as QuotesResponse;
    const index = quote.offers.findIndex((o) => o.promotion !== null);
    const offer = quote.offers[index];
    if (!offer?.promotion) throw new Error('expected the demo OEM promotion on an NEV quote');
    const row = rows.nth(index);
    await row.locator('.ant-table-row-expand-icon').click();
    const detail = page.locator(`[data-testid="offer-detail"][data-offer="${offer.offerId}"]`);
    const [reserved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/promotions/${offer.promotion?.id}/reservations`)),
      detail.getByTestId('take-up').click(),
    ]);
    expect(reserved.status()).toBe(201);
    const reservation = (await reserved.json()) as { amount: string; remainingAfter: string };
    // What the quote said taking it up would cost is what the budget was charged.
    expect(reservation.amount).toBe(offer.promotion.budgetCost);
    const done = await text(detail.getByTestId('take-up-done'));
    expect(done).toContain(Number(reservation.amount).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    expect(pageErrors).toEqual([]);
  });
});
