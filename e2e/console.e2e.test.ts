// The console in headless Chromium against the real server: sign in, overview, languages,
// audit log, sign out, role-based navigation and a wrong password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';

const PASSWORD = 'autofin-demo';

let harness: Harness;

/** The element's text, or null while it is not on the page (never waits long, so polling stays responsive). */
function text(locator: Locator): Promise<string | null> {
  return locator.textContent({ timeout: 250 }).catch(() => null);
}

/** Retries an assertion on a value that the page is still settling. */
function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input#email').fill(email);
  await page.locator('input#password').fill(password);
  await page.locator('button[type=submit]').click();
}

/** The integer shown on a KPI card, e.g. "2,000" → 2000. */
async function kpi(page: Page, id: string): Promise<number> {
  const text = (await page.getByTestId(`${id}-value`).textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

describe('console', () => {
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

  it('sends a visitor to the Chinese sign-in page', async () => {
    await page.goto(`${harness.url}/overview`);
    await page.waitForURL('**/login');
    await eventually(() => text(page.locator('h1'))).toBe('autofin 汽车金融平台');
    // This is a demo installation, so the server offers the demo sign-ins.
    await page.getByTestId('demo-logins').waitFor();
    await page.screenshot({ path: screenshotPath('login.png') });
  });

  it('signs the admin in and shows the overview figures and charts', async () => {
    await signIn(page, 'admin@autofin.local', PASSWORD);
    await page.waitForURL('**/overview');
    await page.getByTestId('kpi-customers-value').waitFor();
    for (const id of ['kpi-customers', 'kpi-dealers', 'kpi-applications', 'kpi-loans']) {
      expect(await kpi(page, id), id).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('kpi-funded-value').textContent()).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(await page.getByTestId('kpi-delinquency-value').textContent()).toMatch(/^\d+\.\d{2}%$/);
    await eventually(() => text(page.getByTestId('demo-data'))).toBe('演示数据（模拟生成）');
    // Every chart has drawn into its canvas.
    await page.waitForFunction(() => {
      const charts = document.querySelectorAll('[data-chart]');
      return charts.length >= 2 && [...charts].every((c) => c.getAttribute('data-rendered') === 'true' && c.querySelector('canvas'));
    });
    expect(await page.locator('[data-chart] canvas').count()).toBeGreaterThanOrEqual(2);
    await eventually(() => text(page.getByTestId('nav'))).toContain('审计日志');
    await eventually(() => text(page.getByTestId('user-roles'))).toBe('系统管理员');
    await page.screenshot({ path: screenshotPath('overview-zh.png'), fullPage: true });
  });

  it('switches to English, keeps it across a reload, and switches back', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    await eventually(() => text(page.locator('.page__title'))).toBe('Overview');
    await eventually(() => text(page.getByTestId('demo-data'))).toBe('Demo data (simulated)');
    await eventually(() => text(page.getByTestId('nav'))).toContain('Audit log');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');

    await page.reload();
    await eventually(() => text(page.locator('.page__title'))).toBe('Overview');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-chart]')].every((c) => c.getAttribute('data-rendered') === 'true'));
    await page.screenshot({ path: screenshotPath('overview-en.png'), fullPage: true });

    await page.getByTestId('language-switch').getByText('中文').click();
    await eventually(() => text(page.locator('.page__title'))).toBe('概览');
    expect(await page.evaluate(() => window.localStorage.getItem('autofin.locale'))).toBe('zh-CN');
  });

  it('shows the sign-in in the audit log, with its details, and filters it', async () => {
    await page.getByTestId('nav').getByText('审计日志').click();
    await page.waitForURL('**/audit');
    const table = page.getByTestId('audit-table');
    const rows = table.locator('.ant-table-row');
    await rows.first().waitFor();

    // The admin's sign-in of a moment ago is in the log; its details show the recorded state.
    const loginRow = rows.filter({ hasText: 'admin@autofin.local' }).filter({ hasText: /auth\.login(?!_)/ }).first();
    await loginRow.waitFor();
    await loginRow.locator('.ant-table-row-expand-icon').click();
    await table.locator('.json-view').first().waitFor({ state: 'visible' });
    await page.screenshot({ path: screenshotPath('audit.png') });

    // Free-text search narrows the table to matching entries.
    const before = await rows.count();
    await page.getByTestId('audit-q').fill('auth.login');
    await page.getByTestId('audit-submit').click();
    await eventually(async () => {
      const texts = await rows.allTextContents();
      return texts.length > 0 && texts.every((t) => t.includes('auth.login'));
    }).toBe(true);
    expect(await rows.count()).toBeLessThanOrEqual(before);
  });

  it('pages through the audit log with “load more”', async () => {
    // 50 failed sign-ins for unknown addresses (each audited) put more than one page (50) of entries in the log.
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        page.request.post(`${harness.url}/api/auth/login`, { data: { email: `nobody${i}@example.com`, password: 'wrong' } }).then((r) => r.status()),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    await page.getByRole('button', { name: /重\s*置/ }).click();
    const rows = page.getByTestId('audit-table').locator('.ant-table-row');
    await eventually(() => rows.count()).toBe(50);
    await page.getByTestId('audit-load-more').click();
    await eventually(() => rows.count()).toBeGreaterThan(50);
    // The new page continues the old one: no entry twice.
    const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-row-key')));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('signs out and asks for a sign-in again', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/login');
    await page.goto(`${harness.url}/audit`);
    await page.waitForURL('**/login');
    expect(pageErrors).toEqual([]);
  });
});

describe('roles and errors', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await harness.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('does not offer the audit log to a viewer', async () => {
    await page.goto(`${harness.url}/login`);
    await signIn(page, 'viewer@autofin.local', PASSWORD);
    await page.waitForURL('**/overview');
    await eventually(() => text(page.getByTestId('nav'))).toContain('概览');
    await eventually(() => text(page.getByTestId('nav'))).not.toContain('审计日志');
    // Typing the address gives a 403 page, not the log.
    await page.goto(`${harness.url}/audit`);
    await eventually(() => text(page.locator('.ant-result-title'))).toBe('403');
  });

  it('sends the user to sign in when the session ends under them', async () => {
    await page.goto(`${harness.url}/overview`);
    await page.getByTestId('kpi-customers-value').waitFor();
    await context.clearCookies(); // as if the session expired or was revoked
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await page.waitForURL('**/login');
    await eventually(() => text(page.locator('.login__alert'))).toContain('登录已过期');
  });

  it('says so when the password is wrong', async () => {
    await signIn(page, 'admin@autofin.local', 'not-the-password');
    await eventually(() => text(page.getByTestId('login-error'))).toContain('邮箱或密码错误');
    expect(page.url()).toMatch(/\/login$/);
  });
});
