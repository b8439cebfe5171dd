// Promotions in headless Chromium against the real server: marketing creates and submits a
// promotion, marketing cannot approve its own, compliance approves it (four eyes), take-ups
// spend its budget, and the burn-down chart shows the spend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Promotion, QuotesResponse } from '@autofin/contracts';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { chartsDrawn, closeDrawer, eventually, signInAs, text } from './fixtures/session.ts';

const CODE = 'E2E_BUNDLE_RATE';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('promotions', () => {
  let marketingContext: BrowserContext;
  let complianceContext: BrowserContext;
  let marketing: Page;
  let compliance: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    marketingContext = await harness.newContext();
    complianceContext = await harness.newContext();
    marketing = await marketingContext.newPage();
    compliance = await complianceContext.newPage();
    pageErrors = [...collectPageErrors(marketing)];
    const complianceErrors = collectPageErrors(compliance);
    compliance.on('pageerror', () => pageErrors.push(...complianceErrors.splice(0)));
    await signInAs(marketing, harness.url, 'marketing');
    await signInAs(compliance, harness.url, 'compliance');
  });

  afterAll(async () => {
    await marketingContext?.close();
    await complianceContext?.close();
  });

  const row = (page: Page) => page.getByTestId('promotions-table').locator('tr.ant-table-row').filter({ hasText: CODE });

  it('marketing creates a reduced-rate promotion for the NEV bundle and submits it', async () => {
    await marketing.getByTestId('nav').getByText('营销活动').click();
    await marketing.waitForURL('**/promotions');
    await marketing.getByTestId('promotion-create').click();
    const form = marketing.getByTestId('promotion-form');
    await form.getByTestId('promotion-code').fill(CODE);
    await form.getByTestId('promotion-name-zh').fill('安心包限时贴息');
    await form.getByTestId('promotion-name-en').fill('Bundle rate offer');
    await form.getByText('贴息低息').click();
    await form.locator('input#rateReductionPercent').fill('1.5');
    await form.getByTestId('promotion-products').click();
    await marketing.keyboard.type('NEV_BUNDLE');
    await marketing.keyboard.press('Enter');
    await marketing.keyboard.press('Escape');
    await form.getByTestId('promotion-budget').fill('50000');
    await form.getByTestId('promotion-save').click();
    // Saved: the form gives way to the promotion's detail.
    const detail = marketing.getByTestId('promotion-detail');
    await detail.waitFor();
    await eventually(() => text(detail)).toContain('NEV_BUNDLE');
    await eventually(() => text(detail)).toContain('1.5%');
    await closeDrawer(marketing);

    await eventually(() => text(row(marketing))).toContain('草稿');
    await row(marketing).getByTestId('promotion-submit').click();
    await eventually(() => text(row(marketing))).toContain('待审批');
    // The creator's role cannot approve: no approve button for marketing.
    expect(await row(marketing).getByTestId('promotion-approve').count()).toBe(0);
  });

  it('compliance approves it and it goes live', async () => {
    await compliance.goto(`${harness.url}/promotions`);
    await eventually(() => text(row(compliance))).toContain('待审批');
    await row(compliance).getByTestId('promotion-approve').click();
    await eventually(() => text(row(compliance))).toContain('已批准');
    await eventually(() => text(row(compliance))).toContain('生效中');
  });

  it('take-ups spend the budget and the burn-down chart shows it', async () => {
    // Two customers take up the offer (marketing's session): quote the bundle, reserve the offer carrying the promotion.
    const { items } = (await (await marketing.request.get(`${harness.url}/api/promotions`)).json()) as { items: Promotion[] };
    const promotion = items.find((p) => p.definition.code === CODE);
    if (!promotion) throw new Error('promotion not found');
    let spent = 0;
    for (const price of ['200000', '260000']) {
      const response = await marketing.request.post(`${harness.url}/api/quotes`, {
        data: { vehicle: { category: 'new-nev', price }, downPayment: '60000', productCode: 'NEV_BUNDLE', terms: [36], customer: { riskTier: 'B' } },
      });
      expect(response.status()).toBe(200);
      const quote = (await response.json()) as QuotesResponse;
      const offer = quote.offers.find((o) => o.promotion?.id === promotion.id);
      if (!offer?.promotion) throw new Error('the quote did not carry the promotion');
      const reserved = await marketing.request.post(`${harness.url}/api/promotions/${promotion.id}/reservations`, { data: { quoteId: quote.quoteId, offerId: offer.offerId } });
      expect(reserved.status()).toBe(201);
      spent += Number(offer.promotion.budgetCost);
    }
    expect(spent).toBeGreaterThan(0);

    await compliance.getByRole('button', { name: /刷\s*新/ }).click();
    await eventually(() => text(row(compliance))).toContain('2 笔');
    await row(compliance).locator('td').first().click();
    const drawer = compliance.getByTestId('promotion-detail');
    await drawer.waitFor();
    await chartsDrawn(compliance, ['chart-burn-down']);
    expect(await text(drawer)).toContain('¥50,000.00');
    await drawer.getByTestId('chart-burn-down').scrollIntoViewIfNeeded();
    await compliance.screenshot({ path: screenshotPath('promotions.png') });
    expect(pageErrors).toEqual([]);
  });
});
