// Customers and segments in headless Chromium against the real server (demo market of 2,000):
// marketing builds the "NEV-curious, tier 2, quote this week, no application, WeChat allowed"
// rule and sees the live count follow the rule; saves it; finds customers (masked); compliance opens a
// profile and shows it in clear with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { eventually, signInAs, text } from './fixtures/session.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 600_000);

afterAll(async () => {
  await harness?.close();
});

const liveCount = async (page: Page) => page.locator('[data-testid="live-count"]').getAttribute('data-count', { timeout: 250 }).catch(() => null);

describe('customers and segments', () => {
  it('marketing: rule builder with live count, save, built-in segments listed', async () => {
    const context = await harness.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, harness.url, 'marketing');
    await page.goto(`${harness.url}/segments`);
    await eventually(() => liveCount(page)).toMatch(/^\d+$/);
    const starter = Number(await liveCount(page));
    // Widen the rule: drop the last condition (WeChat consent); the count can only grow.
    await page.locator('[data-testid="rule-condition"]').last().locator('button').last().click();
    await eventually(async () => Number(await liveCount(page))).toBeGreaterThanOrEqual(starter);
    await expect.poll(async () => (await page.locator('[data-testid="segment-count"]').count())).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: screenshotPath('segments-builder.png'), fullPage: false });
    await page.locator('[data-testid="save-segment"]').click();
    await page.locator('[data-testid="segment-name"]').fill('E2E NEV tier 2 quote this week');
    await page.keyboard.press('Enter');
    await eventually(() => text(page.getByText('E2E NEV tier 2 quote this week'))).toBe('E2E NEV tier 2 quote this week');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('customer search is masked; compliance shows a profile in clear with a reason', async () => {
    const context = await harness.newContext();
    const page = await context.newPage();
    await signInAs(page, harness.url, 'compliance');
    await page.goto(`${harness.url}/customers`);
    const firstLink = page.locator('[data-testid="customer-link"]').first();
    await firstLink.waitFor();
    const row = page.locator('tbody tr').first();
    expect(await row.textContent()).toMatch(/1\d{2}\*{4}\d{4}/);
    await page.screenshot({ path: screenshotPath('customers-search.png') });
    await firstLink.click();
    await page.locator('[data-testid="customer-page"]').waitFor();
    expect(await page.locator('[data-testid="profile-phone"]').textContent()).toMatch(/^1\d{2}\*{4}\d{4}$/);
    await page.locator('[data-testid="profile-traits"]').waitFor();
    // Messages received: the demo market's customer has either none yet or the ones campaigns sent.
    await expect.poll(async () => (await page.locator('[data-testid="messages-none"], [data-testid="profile-messages"]').count()) > 0, { timeout: 30_000 }).toBe(true);
    await page.screenshot({ path: screenshotPath('customer-profile.png'), fullPage: true });
    await page.locator('[data-testid="unmask"]').click();
    await page.locator('[data-testid="unmask-reason"]').fill('e2e: verifying a complaint');
    await page.getByRole('button', { name: /OK|确\s*定/ }).click();
    await eventually(() => text(page.locator('[data-testid="profile-phone"]'))).toMatch(/^1\d{10}$/);
    await context.close();
  });
});
