// Credit decisioning in headless Chromium against the real server: a risk analyst opens the
// model registry (the demo champion trained at start-up), reads its report and PSI chart, edits a
// score cut-off in the strategy editor (a wrong one is refused with the field named), runs the
// what-if on the draft and publishes it.
//
// The shared harness seeds 2,000 customers, too few funded loans for a demo scorecard (the
// start-up trains one only with ≥ 20 bad loans), so this file asks the harness for a
// 6,000-customer demo market unless AUTOFIN_E2E_URL points at a running one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { chartsDrawn, eventually, signInAs, text } from './fixtures/session.ts';

let harness: Harness;
let url: string;
let browser: Browser;

beforeAll(async () => {
  harness = await startHarness({ customers: 6_000 });
  url = harness.url;
  browser = harness.browser;
}, 240_000);

afterAll(async () => {
  await harness?.close();
});

describe('decisioning console', () => {
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    await signInAs(page, url, 'risk');
  });

  afterAll(async () => {
    await context?.close();
  });

  it('lists the demo champion in the model registry, labelled as demo data', async () => {
    await page.getByTestId('nav').getByText('评分卡模型').click();
    await page.waitForURL('**/decisioning/models');
    const table = page.getByTestId('models-table');
    const status = table.getByTestId('model-status-demo-application-scorecard-1');
    await eventually(() => text(status)).toBe('冠军');
    await eventually(async () => (await text(table)) ?? '').toContain('演示数据');
    await page.screenshot({ path: screenshotPath('decisioning-models.png') });
  });

  it('opens the model report with its charts and the PSI against recent applications', async () => {
    await page.getByTestId('model-link-demo-application-scorecard').click();
    await page.waitForURL('**/decisioning/models/**');
    await chartsDrawn(page, ['chart-score-distribution', 'chart-calibration', 'chart-psi', 'chart-psi-distribution', 'chart-bin-woe']);
    // The bin table lists bureau_score, the strongest characteristic of the demo market.
    await eventually(async () => (await text(page.getByTestId('bin-table'))) ?? '').toContain('bureau_score');
    await eventually(async () => (await text(page.getByTestId('psi-window'))) ?? '').toMatch(/\d+ 笔申请/);
    await eventually(async () => (await text(page.getByTestId('psi-score-band'))) ?? '').toMatch(/^(稳定|关注|偏移)$/);
    await page.getByTestId('psi-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('psi-focus').getByText('bureau_score').click();
    await chartsDrawn(page, ['chart-psi-distribution']);
    // The chart animates to the new bins; let it settle before the picture.
    await page.waitForTimeout(800);
    await page.getByTestId('psi-panel').screenshot({ path: screenshotPath('decisioning-psi.png') });
    // A tall window rather than a full-page capture, so the sticky header stays at the top.
    await page.setViewportSize({ width: 1600, height: 3400 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await chartsDrawn(page, ['chart-score-distribution', 'chart-calibration', 'chart-psi', 'chart-bin-woe']);
    await page.screenshot({ path: screenshotPath('decisioning-model.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('edits a cut-off in a draft, runs the what-if and publishes it', async () => {
    await page.getByTestId('nav').getByText('决策策略').click();
    await page.waitForURL('**/decisioning/strategy');
    // A fresh installation opens the published version (or a draft someone left).
    await eventually(async () => (await text(page.getByTestId('strategy-status'))) ?? '').toMatch(/^(已发布|草稿)$/);
    const before = await text(page.getByTestId('strategy-version'));
    await page.getByTestId('strategy-new-draft').click();
    await eventually(() => text(page.getByTestId('strategy-version'))).not.toBe(before);
    await eventually(() => text(page.getByTestId('strategy-status'))).toBe('草稿');

    // Tier C's minimum above tier B's is refused before saving, naming the field.
    const tierC = page.getByTestId('tier-min-C');
    await tierC.fill('640');
    await eventually(() => text(page.getByTestId('strategy-validation'))).toContain('tierMinScores');
    // Lower C and D below the published B (the demo's cut-offs are set from its champion's book).
    const tierB = Number(await page.getByTestId('tier-min-B').inputValue());
    expect(tierB).toBeGreaterThan(100);
    await tierC.fill(String(tierB - 10));
    await page.getByTestId('tier-min-D').fill(String(tierB - 25));
    await eventually(() => page.getByTestId('strategy-validation').count()).toBe(0);
    await page.getByTestId('strategy-note').fill('演示：下调 C、D 档切分分数');
    await eventually(async () => (await text(page.getByTestId('strategy-diff'))) ?? '').toContain('tierMinScores.C');

    // Publishing waits for a what-if run of this draft.
    expect(await page.getByTestId('strategy-publish').isDisabled()).toBe(true);
    // The last 30 days of applications (the panel's default).
    await eventually(() => text(page.getByTestId('what-if-days'))).toBe('30');
    await page.getByTestId('what-if-run').click();
    const result = page.getByTestId('what-if-result');
    await result.waitFor({ timeout: 60_000 });
    await chartsDrawn(page, ['chart-what-if-rates', 'chart-what-if-tiers']);
    await page.waitForTimeout(800);
    // text() gives up after 250 ms: poll, since a loaded machine can be slower than that.
    await eventually(async () => (await text(page.getByTestId('what-if-approval'))) ?? '').toMatch(/%/);
    await eventually(async () => (await text(page.getByTestId('what-if-changed'))) ?? '').toMatch(/\d+ 笔/);
    await page.getByTestId('what-if-panel').screenshot({ path: screenshotPath('decisioning-what-if.png') });

    await eventually(() => page.getByTestId('strategy-publish').isDisabled()).toBe(false);
    await page.getByTestId('strategy-publish').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
    await eventually(() => text(page.getByTestId('strategy-status'))).toBe('已发布');
    await eventually(() => text(page.getByTestId('strategy-history'))).toContain('已被取代');
    await page.setViewportSize({ width: 1600, height: 2600 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('decisioning-strategy.png') });
    expect(pageErrors).toEqual([]);
  });
});
