// The product catalogue in headless Chromium against the real server: a risk officer creates a
// draft through the form and publishes it; a new version that breaks the rulebook is refused,
// and the refusal names the rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { closeDrawer, eventually, signInAs, text } from './fixtures/session.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('products', () => {
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    context = await harness.newContext();
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    await signInAs(page, harness.url, 'risk');
  });

  afterAll(async () => {
    await context?.close();
  });

  it('lists the catalogue with versions, vehicles and terms, and shows a bundle item by item', async () => {
    await page.getByTestId('nav').getByText('产品目录').click();
    await page.waitForURL('**/products');
    const table = page.getByTestId('products-table');
    await table.locator('tr[data-row-key="NEV_BUNDLE"]').waitFor();
    await eventually(() => text(table.locator('tr[data-row-key="USED_CAR_LOAN"]'))).toContain('12 / 24 / 36');
    expect(await text(table.locator('tr[data-row-key="NEV_LOAN"]'))).toContain('已发布 v1');

    await table.locator('tr[data-row-key="NEV_BUNDLE"]').click();
    const drawer = page.getByTestId('product-drawer');
    const bundle = drawer.getByTestId('bundle-table');
    await bundle.waitFor();
    // Each service with its price, and the total (3,000 + 2,400 + 1,800).
    expect(await bundle.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await text(bundle)).toContain('¥3,000.00');
    expect(await text(bundle.getByTestId('bundle-total'))).toBe('¥7,200.00');
    await closeDrawer(page);
  });

  it('creates a draft through the form and publishes it', async () => {
    await page.getByTestId('product-create').click();
    const form = page.getByTestId('product-form');
    await form.getByTestId('product-code').fill('E2E_NEV_LOAN');
    await form.getByTestId('product-name-zh').fill('测试新能源贷');
    await form.getByTestId('product-name-en').fill('E2E NEV loan');
    await form.getByTestId('product-validate').click();
    await eventually(() => text(form)).toContain('校验通过');
    await form.getByTestId('product-save').click();

    const drawer = page.getByTestId('product-drawer');
    await eventually(() => text(drawer.getByTestId('product-versions'))).toContain('草稿');
    await drawer.getByTestId('product-publish').click();
    await page.getByTestId('product-publish-confirm').click();
    await eventually(() => text(drawer.getByTestId('product-versions'))).toContain('已发布');
    expect(await text(drawer.getByTestId('product-versions'))).toContain('CN-AUTO');
    await closeDrawer(page);
    await eventually(() => text(page.getByTestId('products-table').locator('tr[data-row-key="E2E_NEV_LOAN"]'))).toContain('已发布 v1');
  });

  it('refuses to publish a used-car version above the rulebook’s LTV and names the rule', async () => {
    await page.getByTestId('products-table').locator('tr[data-row-key="USED_CAR_LOAN"]').click();
    const drawer = page.getByTestId('product-drawer');
    await drawer.getByTestId('product-new-version').click();
    const form = page.getByTestId('product-form');
    await form.getByTestId('product-max-ltv').fill('90');
    await form.getByTestId('product-save').click();
    await eventually(() => text(drawer.getByTestId('product-versions'))).toContain('v2');

    await drawer.getByTestId('product-publish').click();
    await page.getByTestId('product-publish-confirm').click();
    const refused = drawer.getByTestId('publish-refused');
    await refused.waitFor();
    const rules = await drawer.getByTestId('violation-rule').allTextContents();
    expect(rules).toContain('CN-AUTO-2024.04 LTV used');
    expect(await text(refused)).toContain('maxLtvPercent');
    // Still a draft: nothing was published.
    expect(await text(drawer.getByTestId('product-versions').locator('tr[data-row-key="2"]'))).toContain('草稿');
    await page.screenshot({ path: screenshotPath('products.png') });
    expect(pageErrors).toEqual([]);
  });
});

// The pricing grid the products are priced off: a risk officer drafts a new version, and the live
// preview and a cell's build-up follow the edit before it is published.
describe('pricing grids', () => {
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    context = await harness.newContext();
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    await signInAs(page, harness.url, 'risk');
  });

  afterAll(async () => {
    await context?.close();
  });

  const cell = (tier: string, column: string) => page.locator(`[data-testid="preview-cell"][data-tier="${tier}"][data-column="${column}"]`);
  const percent = async (tier: string, column: string) => Number(((await text(cell(tier, column))) ?? '').replace(/[^\d.]/g, ''));

  it('drafts a new grid version, previews an edit live, explains a cell and publishes', async () => {
    await page.getByTestId('nav').getByText('定价网格').click();
    await page.waitForURL('**/pricing');
    await eventually(() => text(page.getByTestId('grid-status'))).toBe('生效中');
    await cell('B', '36').waitFor();
    const before = await percent('B', '36');

    await page.getByTestId('grid-new-draft').click();
    await eventually(() => text(page.getByTestId('grid-status'))).toBe('草稿');
    // Cost of funds at 36 months: 2.60 → 3.60; the preview reprices B × 36 one point higher.
    const input = page.locator('[data-field="grid-cost-of-funds.2.rate"]');
    await expect.poll(() => input.inputValue()).toBe('2.60');
    const repriced = page.waitForResponse((r) => r.url().endsWith('/api/pricing/preview') && (r.request().postData() ?? '').includes('"ratePercent":"3.60"'));
    await input.fill('3.60');
    await repriced;
    await eventually(() => percent('B', '36')).toBeCloseTo(before + 1, 6);
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await page.screenshot({ path: screenshotPath('pricing.png') });

    await cell('B', '36').click();
    const breakdown = page.getByTestId('cell-lines');
    await breakdown.waitFor();
    expect(await text(breakdown)).toContain('COST_OF_FUNDS');
    expect(await text(breakdown)).toContain('+3.6000');
    expect(Number(((await text(page.getByTestId('cell-rate'))) ?? '').replace('%', ''))).toBeCloseTo(before + 1, 6);
    // The modal has finished zooming in (antd puts ant-zoom-* on the modal while it animates).
    await page.waitForFunction(() => {
      const modal = document.querySelector('.ant-modal');
      return !!modal && !/\bant-zoom-/.test(modal.className);
    });
    await page.screenshot({ path: screenshotPath('pricing-breakdown.png') });
    await page.locator('.ant-modal-close').click();
    await breakdown.waitFor({ state: 'hidden' });

    await page.getByTestId('grid-publish').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await eventually(() => text(page.getByTestId('grid-status'))).toBe('生效中');
    expect(pageErrors).toEqual([]);
  });
});
