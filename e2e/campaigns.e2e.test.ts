// Campaigns in headless Chromium against the real server: marketing builds a campaign for the
// NEV segment with the NEV bundle offer and a 10 % holdout; the creator cannot approve their own
// campaign (four eyes); compliance approves; marketing launches; the report balances
// (targeted = holdout + sent + not sent) against the server's own figures and its messages list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { CampaignReport } from '@autofin/contracts';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { chartsDrawn, eventually, signInAs, text } from './fixtures/session.ts';

const NAME = 'E2E 新能源限时贴息';

let harness: Harness;

beforeAll(async () => {
  // The simulated day decides its applications with the demo champion scorecard, which the start-up
  // trains only on a market of about 6,000 customers or more (see HarnessOptions.customers).
  harness = await startHarness({ customers: 6_000 });
});

afterAll(async () => {
  await harness?.close();
});

/** The digits of a stat card's value ("1,234" → 1234). */
async function statValue(page: Page, testId: string): Promise<number> {
  const value = await page.getByTestId(`${testId}-value`).textContent();
  return Number((value ?? '').replace(/[^\d]/g, ''));
}

/** Picks an option of an antd Select by typing part of its label. */
async function choose(page: Page, testId: string, typed: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
  await page.keyboard.press('Enter');
}

describe('campaigns', () => {
  let marketingContext: BrowserContext;
  let complianceContext: BrowserContext;
  let adminContext: BrowserContext;
  let marketing: Page;
  let compliance: Page;
  let admin: Page;
  let pageErrors: string[];
  let campaignUrl = '';
  let campaignId = '';

  beforeAll(async () => {
    marketingContext = await harness.newContext();
    complianceContext = await harness.newContext();
    adminContext = await harness.newContext();
    marketing = await marketingContext.newPage();
    compliance = await complianceContext.newPage();
    admin = await adminContext.newPage();
    pageErrors = [];
    for (const page of [marketing, compliance, admin]) {
      const errors = collectPageErrors(page);
      page.on('pageerror', () => pageErrors.push(...errors.splice(0)));
    }
    await signInAs(marketing, harness.url, 'marketing');
    await signInAs(compliance, harness.url, 'compliance');
    await signInAs(admin, harness.url, 'admin');
  });

  afterAll(async () => {
    await marketingContext?.close();
    await complianceContext?.close();
    await adminContext?.close();
  });

  it('marketing builds a draft for the NEV segment with the NEV bundle and a 10 % holdout', async () => {
    await marketing.getByTestId('nav').getByText('营销触达').click();
    await marketing.waitForURL('**/campaigns');
    await marketing.getByTestId('campaign-create').click();
    const form = marketing.getByTestId('campaign-form');
    await form.waitFor();
    await marketing.getByTestId('campaign-name').fill(NAME);
    await marketing.getByTestId('campaign-goal').fill('让新能源偏好客户了解安心包限时优惠并提交申请');
    await choose(marketing, 'campaign-segment', '新能源偏好');
    // The picker shows the segment's live count.
    await eventually(async () => (await text(marketing.getByTestId('campaign-segment-count'))) ?? '').toMatch(/当前符合条件：[\d,]+ 人/);
    await choose(marketing, 'campaign-product', 'NEV_BUNDLE');
    // The quote the customer would see for the sample deal: a monthly payment and an APR.
    await eventually(async () => (await text(marketing.getByTestId('sample-monthly'))) ?? '').toMatch(/^¥[\d,]+\.\d{2}$/);
    await eventually(async () => (await text(marketing.getByTestId('sample-apr'))) ?? '').toMatch(/^\d+\.\d{2}%$/);
    await marketing.getByTestId('campaign-template-zh').fill('{{name|您好}}，安心包新能源车贷限时优惠，月供低至 {{monthlyPayment|优惠价}}，详询经销商。');
    // SMS: the opt-out instruction is shown and added to every marketing message.
    await eventually(() => text(marketing.getByTestId('campaign-optout'))).toContain('回T退订');
    expect(await form.locator('input#holdoutPercent').inputValue()).toBe('10');
    await marketing.screenshot({ path: screenshotPath('campaigns-editor.png') });
    await marketing.getByTestId('campaign-save').click();

    await marketing.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    campaignUrl = marketing.url();
    campaignId = campaignUrl.split('/').pop() ?? '';
    await eventually(() => text(marketing.getByTestId('campaign-detail-status'))).toBe('草稿');
    await eventually(() => text(marketing.getByTestId('campaign-template'))).toContain('回T退订');
  });

  it('marketing cannot approve: no approve button, the page says why, and the server refuses', async () => {
    expect(await marketing.getByTestId('campaign-approve').count()).toBe(0);
    expect(await marketing.getByTestId('campaign-launch').count()).toBe(0);
    await eventually(() => text(marketing.getByTestId('campaign-needs-approval'))).toContain('创建人不能审批自己的活动');
    const refused = await marketing.request.post(`${harness.url}/api/campaigns/${campaignId}/approve`);
    expect(refused.status()).toBe(403);
  });

  it('an admin who created a campaign cannot approve it either (four eyes)', async () => {
    const created = await admin.request.post(`${harness.url}/api/campaigns`, {
      data: { name: 'E2E 管理员自建活动', segmentId: await segmentIdOf(admin, 'eco_nev'), channel: 'sms', template: { zh: '{{name|您好}}，欢迎了解新能源车贷。' }, schedule: { type: 'now' }, holdoutPercent: 10 },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await admin.goto(`${harness.url}/campaigns/${id}`);
    await eventually(() => text(admin.getByTestId('campaign-self-approval'))).toContain('不能审批自己的活动');
    expect(await admin.getByTestId('campaign-approve-disabled').isDisabled()).toBe(true);
    const refused = await admin.request.post(`${harness.url}/api/campaigns/${id}/approve`);
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('CAMPAIGN_SELF_APPROVAL');
  });

  it('compliance approves the draft', async () => {
    await compliance.goto(campaignUrl);
    await compliance.getByTestId('campaign-approve').click();
    await compliance.locator('.ant-popconfirm .ant-btn-primary').click();
    await eventually(() => text(compliance.locator('.ant-tag').filter({ hasText: '已审批' }).first())).toBe('已审批');
  });

  it('marketing launches it and the report balances: targeted = holdout + sent + not sent', async () => {
    await marketing.reload();
    await marketing.getByTestId('campaign-launch').click();
    await marketing.locator('.ant-popconfirm .ant-btn-primary').click();
    await eventually(async () => (await text(marketing.getByTestId('campaign-detail-status'))) ?? '').toMatch(/进行中|已排期/);

    // The launch queues the audience in the background: wait until the server's report has every
    // member of the segment and nothing is still queued, then reload the page.
    let report: CampaignReport | null = null;
    let previousTargeted = -1;
    await expect
      .poll(
        async () => {
          const response = await marketing.request.get(`${harness.url}/api/campaigns/${campaignId}/report`);
          report = (await response.json()) as CampaignReport;
          // Settled: the audience stopped growing between two polls and nothing waits to be handed to a provider.
          const settled = report.targeted > 0 && report.targeted === previousTargeted && report.queued === 0;
          previousTargeted = report.targeted;
          return settled;
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe(true);
    if (!report) throw new Error('no report');
    const r: CampaignReport = report;

    await marketing.getByRole('button', { name: /刷\s*新/ }).click();
    await marketing.getByTestId('campaign-report').waitFor();
    await eventually(() => statValue(marketing, 'report-targeted')).toBe(r.targeted);
    const targeted = await statValue(marketing, 'report-targeted');
    const holdout = await statValue(marketing, 'report-holdout');
    const sent = await statValue(marketing, 'report-sent');
    const suppressed = await statValue(marketing, 'report-suppressed');
    // The page's four figures balance, and they are the server's (its suppressed reasons summed here, independently).
    expect(holdout + sent + suppressed).toBe(targeted);
    expect([holdout, sent, suppressed]).toEqual([r.holdout, r.sent, Object.values(r.suppressed).reduce((s, n) => s + (n ?? 0), 0)]);
    // The holdout is about 10 % of the audience (deterministic hashing; ±4 points is > 4 sd for a few hundred customers).
    expect(holdout / targeted).toBeGreaterThan(0.06);
    expect(holdout / targeted).toBeLessThan(0.14);
    await eventually(() => text(marketing.getByTestId('report-identity'))).toContain(`目标客户 ${targeted.toLocaleString('zh-CN')} = 对照组`);

    // The holdout's members are listed as held back, masked.
    await marketing.getByTestId('campaign-messages-filter').click();
    await marketing.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '对照组（不发送）' }).click();
    const firstRow = marketing.getByTestId('campaign-messages').locator('tr.ant-table-row').first();
    // One read: the masked mobile (138****5678) and the holdout in the same row.
    await eventually(async () => (await text(firstRow)) ?? '').toMatch(/\d{3}\*{4}\d{4}.*对照组/);

    await chartsDrawn(marketing, ['chart-campaign-funnel']);
    await marketing.getByTestId('chart-campaign-funnel').scrollIntoViewIfNeeded();
    await marketing.screenshot({ path: screenshotPath('campaigns-report.png') });
    await marketing.getByTestId('report-arms').scrollIntoViewIfNeeded();
    await marketing.screenshot({ path: screenshotPath('campaigns-report-arms.png') });
  });

  it('the demo market answers one more day when marketing asks (演示数据)', { timeout: 180_000 }, async () => {
    const simulate = marketing.getByTestId('campaign-simulate');
    await simulate.scrollIntoViewIfNeeded();
    // The simulated day runs the real decision engine over the day's applications: allow it time under load.
    const [answer] = await Promise.all([marketing.waitForResponse((r) => r.url().endsWith(`/api/campaigns/${campaignId}/simulate-day`), { timeout: 110_000 }), simulate.click()]);
    expect(answer.status(), await answer.text()).toBe(200);
    await eventually(async () => (await text(marketing.getByTestId('campaign-page'))) ?? '').toMatch(/已模拟 1 \/ \d+ 天/);
    // The report still balances after the simulated day.
    const response = await marketing.request.get(`${harness.url}/api/campaigns/${campaignId}/report`);
    const r = (await response.json()) as CampaignReport;
    expect(r.holdout + r.sent + Object.values(r.suppressed).reduce((s, n) => s + (n ?? 0), 0)).toBe(r.targeted);
    await marketing.getByTestId('campaign-true-effect').scrollIntoViewIfNeeded();
    await marketing.screenshot({ path: screenshotPath('campaigns-simulated-day.png') });
  });

  it('the list and the calendar show the running campaign', async () => {
    await marketing.goto(`${harness.url}/campaigns`);
    const row = marketing.getByTestId('campaigns-table').locator('tr.ant-table-row').filter({ hasText: NAME });
    await eventually(async () => (await text(row)) ?? '').toMatch(/进行中|已排期/);
    await marketing.screenshot({ path: screenshotPath('campaigns-list.png') });
    await marketing.getByTestId('campaigns-calendar-tab').click();
    await eventually(() => text(marketing.getByTestId('campaigns-calendar'))).toContain(NAME);
    await marketing.screenshot({ path: screenshotPath('campaigns-calendar.png') });
  });

  it('the cross-campaign view adds the launched campaign up under SMS and its segment', async () => {
    await marketing.goto(`${harness.url}/campaigns/summary`);
    const sms = marketing.getByTestId('summary-table').locator('tr.ant-table-row').filter({ hasText: '短信' });
    await eventually(() => text(sms)).toContain('短信');
    await chartsDrawn(marketing, ['chart-campaign-summary']);
    await marketing.getByTestId('summary-by').getByText('按分群').click();
    await eventually(() => text(marketing.getByTestId('summary-table'))).toContain('环保/新能源偏好');
    await marketing.screenshot({ path: screenshotPath('campaigns-summary.png') });
  });

  it('compliance sees the contact rules (default 21:00–08:00 quiet hours) and may edit them', async () => {
    await compliance.goto(`${harness.url}/campaigns/settings`);
    const policy = compliance.getByTestId('contact-policy');
    await eventually(() => text(policy)).toContain('当前版本');
    expect(await policy.locator('input').first().isDisabled()).toBe(false);
    expect(await compliance.getByTestId('contact-policy-save').count()).toBe(1);
    await compliance.screenshot({ path: screenshotPath('campaigns-settings.png') });
  });

  it('journeys: the demo journeys are listed and one reads as a flow trigger → wait → condition → send → exit', async () => {
    await compliance.goto(`${harness.url}/journeys`);
    const demoRow = compliance.getByTestId('journeys-table').locator('tr.ant-table-row').filter({ hasText: '演示数据' }).first();
    await eventually(() => text(demoRow)).toContain('草稿');
    await compliance.screenshot({ path: screenshotPath('journeys-list.png') });
    await demoRow.locator('a').first().click();
    const flow = compliance.getByTestId('journey-flow');
    await eventually(() => text(flow)).toContain('触发');
    const read = (await text(flow)) ?? '';
    for (const part of ['等待', '发送', '退出']) expect(read).toContain(part);
    await compliance.screenshot({ path: screenshotPath('journeys-detail.png') });
  });

  it('marketing drafts a journey in the editor; its author cannot approve it', async () => {
    await marketing.goto(`${harness.url}/journeys`);
    await marketing.getByTestId('journey-create').click();
    await marketing.getByTestId('journey-form').waitFor();
    // The editor starts from the example (quote viewed → wait 3 days → still no application → SMS offer).
    await marketing.getByTestId('journey-name').fill('E2E 报价后 3 天未申请提醒');
    await marketing.getByTestId('journey-save').click();
    await marketing.waitForURL(/\/journeys\/[0-9a-f-]{36}$/);
    const flow = marketing.getByTestId('journey-flow');
    await eventually(() => text(flow)).toContain('等待 3 天');
    expect((await text(flow)) ?? '').toContain('尚未提交贷款申请');
    await eventually(() => text(marketing.getByTestId('journey-status'))).toBe('草稿');
    expect(await marketing.getByTestId('journey-approve').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

async function segmentIdOf(page: Page, code: string): Promise<string> {
  const response = await page.request.get(`${harness.url}/api/segments`);
  const { items } = (await response.json()) as { items: Array<{ id: string; code: string | null }> };
  const segment = items.find((s) => s.code === code);
  if (!segment) throw new Error(`segment ${code} not found`);
  return segment.id;
}
