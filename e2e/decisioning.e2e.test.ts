// Credit decisioning in headless Chromium against the real server: a risk analyst opens the
// model registry (the demo champion trained at start-up), reads its report and PSI chart, edits a
// score cut-off in the strategy editor (a wrong one is refused with the field named), runs the
// what-if on the draft and publishes it.
//
// The shared harness seeds 2,000 customers, too few funded loans for a demo scorecard (the
// start-up trains one only with ≥ 20 bad loans), so this file starts its own server on a
// 6,000-customer demo market unless AUTOFIN_E2E_URL points at a running one.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { collectPageErrors, screenshotDir, screenshotPath } from './harness.ts';
import { chartsDrawn, eventually, signInAs, text } from './fixtures/session.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let url: string;
let browser: Browser;
let stop: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  const external = process.env.AUTOFIN_E2E_URL;
  if (external) url = external.replace(/\/$/, '');
  else {
    execFileSync(process.execPath, [join(root, 'scripts/build-web.mjs')], { cwd: root, stdio: 'inherit' });
    const dataDir = await mkdtemp(join(tmpdir(), 'autofin-e2e-decisioning-'));
    const { startServer } = await import('@autofin/server');
    const server = await startServer({ ...process.env, PORT: '0', HOST: '127.0.0.1', AUTOFIN_DATA_DIR: dataDir, AUTOFIN_SEED_CUSTOMERS: '6000', LOG_LEVEL: 'warn' });
    url = server.url;
    stop = async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stop();
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
