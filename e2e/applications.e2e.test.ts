// Credit applications in headless Chromium against the real server: dealer F&I staff submit an
// application in the console form (first with mistakes the server names field by field), see
// the decision at once, find it in the list and open its detail: decision, timeline, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { ApplicationCreated, ApplicationDetail } from '@autofin/contracts';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { eventually, signInAs, text } from './fixtures/session.ts';

/** A one-shot read that waits for the element (the fixture's text() gives up after 250 ms: it is for polling). */
const read = async (locator: Locator): Promise<string> => (await locator.textContent({ timeout: 15_000 })) ?? '';

/** The shared harness's 2,000-customer market trains no demo champion, so nothing could be decided. */
const DECIDING_MARKET = 8_000;

let harness: Harness;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  harness = await startHarness({ customers: DECIDING_MARKET });
  context = await harness.newContext();
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await context?.close();
  await harness?.close();
});

const fieldError = (name: string) => page.locator(`.ant-form-item:has([id="${name}"]) .ant-form-item-explain-error`);

describe('credit applications (dealer_ops)', () => {
  let created: ApplicationCreated;

  it('names the bad fields of a refused application next to them, then submits and shows the decision at once', async () => {
    await signInAs(page, harness.url, 'dealer_ops');
    await page.getByTestId('nav').getByText('贷款申请').click();
    await page.waitForURL('**/applications');
    await page.getByTestId('new-application').click();
    const form = page.getByTestId('application-form');
    await form.waitFor();
    await page.getByTestId('application-demo-fill').click();

    // Two mistakes only the server can judge: a wrong check digit and a down payment above the price.
    const goodId = await page.getByTestId('applicant-idNumber').inputValue();
    expect(goodId).toMatch(/^\d{17}[\dX]$/);
    const lastDigit = goodId.at(-1) === '1' ? '2' : '1';
    await page.getByTestId('applicant-idNumber').fill(goodId.slice(0, 17) + lastDigit);
    await page.getByTestId('deal-downPayment').fill('250000');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/applications') && r.request().method() === 'POST'),
      page.getByTestId('application-submit').click(),
    ]);
    expect(refused.status()).toBe(400);
    const problem = (await refused.json()) as { errors: Array<{ field: string; message: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['applicant.idNumber', 'deal.downPayment']);
    // Each message sits under its own field, and the banner says what to do.
    await eventually(() => text(fieldError('applicant_idNumber'))).toContain(problem.errors.find((e) => e.field === 'applicant.idNumber')!.message);
    await eventually(() => text(fieldError('deal_downPayment'))).toContain(problem.errors.find((e) => e.field === 'deal.downPayment')!.message);
    expect(await read(page.getByTestId('application-form-error'))).toContain('请按提示修改');

    // Corrected: the check digit GB 11643 gives and a 30 % down payment on the 200,000 car.
    await page.getByTestId('applicant-idNumber').fill(goodId);
    await page.getByTestId('deal-downPayment').fill('60000');
    const [accepted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/applications') && r.request().method() === 'POST'),
      page.getByTestId('application-submit').click(),
    ]);
    expect(accepted.status()).toBe(201);
    created = (await accepted.json()) as ApplicationCreated;
    // The exact amounts went to the API as typed, with two places.
    expect(JSON.parse(accepted.request().postData() ?? '{}')).toMatchObject({
      applicant: { idNumber: goodId, monthlyIncome: '30000.00', employment: 'salaried' },
      vehicle: { category: 'new-nev', price: '200000.00' },
      deal: { downPayment: '60000.00', term: 36 },
      consents: { creditCheck: true },
    });
    expect(created.decision).not.toBeNull();

    const panel = page.getByTestId('application-created').getByTestId('decision-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-status')).toBe(created.decision!.status);
    // Every reason the engine gave is on the screen, in Chinese.
    const reasons = await read(panel.getByTestId('decision-reasons'));
    for (const reason of created.decision!.reasons) expect(reasons).toContain(reason.zh);
    if (created.decision!.score) expect(await read(panel.getByTestId('decision-score'))).toContain(`${created.decision!.score.points.toFixed(0)} 分`);
    await page.screenshot({ path: screenshotPath('application-created.png') });
  });

  it('lists the application with its status, masked name and exact amount', async () => {
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    const row = page.locator(`tr[data-row-key="${created.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('status-tag').getAttribute('data-status')).toBe(created.status);
    // 王演示 shows as 王** (L1 masked), and 200,000 − 60,000 is asked for.
    const rowText = await read(row);
    expect(rowText).not.toContain('王演示');
    expect(rowText).toContain('王*');
    expect(rowText).toContain('¥140,000.00');
    // Searching by the first block of its number finds it alone.
    await page.getByTestId('filter-q').fill(created.id.slice(0, 8));
    await page.getByTestId('filter-apply').click();
    await eventually(() => page.locator('[data-testid="applications-table"] tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('filter-reset').click();
    await eventually(() => page.locator('[data-testid="applications-table"] tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('applications-list.png'), fullPage: true });
  });

  it('opens the detail: header, decision with its versions, timeline and the rule-by-rule audit', async () => {
    const [detailResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/applications/${created.id}`) && r.request().method() === 'GET'),
      page.locator(`tr[data-row-key="${created.id}"]`).getByTestId('application-link').click(),
    ]);
    const detail = (await detailResponse.json()) as ApplicationDetail;
    await page.getByTestId('application-header').waitFor();
    expect(await read(page.getByTestId('header-amount'))).toBe('¥140,000.00');
    const panel = page.getByTestId('application-page').getByTestId('decision-panel').first();
    expect(await panel.getAttribute('data-status')).toBe(detail.decision?.status);
    const versions = await read(page.getByTestId('decision-versions'));
    expect(versions).toContain(`${detail.decision!.versions.strategy!.id} v${detail.decision!.versions.strategy!.version}`);
    // dealer_ops may not unmask; it may withdraw an open application (not a declined one).
    expect(await page.getByTestId('unmask').count()).toBe(0);
    const open = ['received', 'in_review', 'referred', 'approved', 'conditionally_approved'].includes(detail.application.status);
    expect(await page.getByTestId('action-withdraw').count()).toBe(open ? 1 : 0);
    await page.screenshot({ path: screenshotPath('application-detail.png'), fullPage: true });

    // Timeline: received → the decision, by the decision engine.
    await page.getByRole('tab', { name: /时间线/ }).click();
    const events = page.getByTestId('timeline-event');
    await eventually(() => events.count()).toBe(detail.timeline.length);
    expect(await events.last().getAttribute('data-to')).toBe(detail.application.status);

    // Audit: one row per rule of the strategy, with its outcome.
    await page.getByRole('tab', { name: /决策审计/ }).click();
    const rules = page.getByTestId('audit-rules').locator('tr.ant-table-row');
    await eventually(() => rules.count()).toBe(detail.audit!.rules.length);
    await page.getByTestId('audit-only-hits').click();
    const hits = detail.audit!.rules.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped').length;
    await eventually(() => rules.count()).toBe(hits);
    await page.screenshot({ path: screenshotPath('application-audit.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
