// The manual review queue in headless Chromium against the real server: a risk analyst finds a
// referred application in the queue (SLA timer, reasons), claims it, reads the score, fraud flags
// and similar past applications, approves it with a note, and sees the decision on the timeline.
// Another reviewer's claim answers 409, shown as "claimed by …".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, BrowserContext, Locator, Page } from 'playwright-core';
import type { ApplicationCreateBody, ApplicationCreated, ApplicationDetail, DecisionStrategy, ReviewQueuePage } from '@autofin/contracts';
import { residentIdCheckChar } from '@autofin/domain';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';
import { eventually, signInAs, text } from './fixtures/session.ts';

/** A one-shot read that waits for the element (the fixture's text() gives up after 250 ms: it is for polling). */
const read = async (locator: Locator): Promise<string> => (await locator.textContent({ timeout: 15_000 })) ?? '';

/** The shared harness's 2,000-customer market trains no demo champion, so nothing could be decided. */
const DECIDING_MARKET = 8_000;

/** A fresh identity every call (a new ID number and phone, so no velocity rule links them). */
let serial = Math.floor(Math.random() * 500);
function application(): ApplicationCreateBody {
  serial += 1;
  const body17 = `1101051984061${String(serial % 10)}${String(serial).padStart(3, '0').slice(-3)}`;
  return {
    applicant: { name: '赵审核', idNumber: body17 + residentIdCheckChar(body17), phone: `137${String(Date.now() % 1e5).padStart(5, '0')}${String(serial).padStart(3, '0').slice(-3)}`, monthlyIncome: '30000.00', employment: 'salaried' },
    vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '200000.00' },
    deal: { downPayment: '60000.00', term: 36 },
    consents: { creditCheck: true },
  };
}

/**
 * Submits fresh applicants until one is referred (at most 8). Under the refer-every-tier draft a
 * fresh applicant is referred unless a policy rule declines first — e.g. a demo-bureau record
 * below the minimum score, drawn from the ID number's keyed hash under this run's generated key.
 */
async function submitReferred(api: APIRequestContext, url: string): Promise<ApplicationCreated> {
  let last: ApplicationCreated | null = null;
  for (let i = 0; i < 8; i++) {
    last = await submit(api, url);
    if (last.status === 'referred') return last;
  }
  return last!;
}

async function submit(api: APIRequestContext, url: string): Promise<ApplicationCreated> {
  const res = await api.post(`${url}/api/applications`, { data: application() });
  expect(res.status()).toBe(201);
  return (await res.json()) as ApplicationCreated;
}

/**
 * A referral on purpose. The default strategy refers scorecard tier D (and velocity/fraud hits,
 * which a low score declines anyway); which tier a fresh applicant lands in depends on the demo
 * bureau's record for their ID number. So the analyst does what the product is for: a draft that
 * sends every scored tier to manual review (e.g. while a new model beds in), a what-if replay of
 * it, then publishing it. The next application that passes the policy rules is referred.
 */
async function referredApplication(risk: APIRequestContext, dealer: APIRequestContext, url: string): Promise<ApplicationCreated> {
  // Publish the draft even when the probe is referred already: later submissions in this file
  // (the referral another reviewer holds) rely on every scored tier being referred.
  const probe = await submit(dealer, url);
  if (probe.decision?.score?.points === undefined) throw new Error(`the probe application was not scored: ${JSON.stringify(probe.decision?.reasons)}`);

  const draftRes = await risk.post(`${url}/api/decisioning/strategies/drafts`, { data: { note: 'e2e: every scored tier to manual review' } });
  expect(draftRes.status()).toBe(201);
  const draft = (await draftRes.json()) as { strategyId: string; version: number; definition: DecisionStrategy };
  const stages = draft.definition.stages.map((stage) =>
    stage.stage === 'scorecard'
      ? { ...stage, tierActions: { A: 'refer' as const, B: 'refer' as const, C: 'refer' as const, D: 'refer' as const, E: 'refer' as const } }
      : stage,
  );
  const put = await risk.put(`${url}/api/decisioning/strategies/${draft.strategyId}/versions/${draft.version}`, { data: { definition: { ...draft.definition, stages } } });
  expect(put.status()).toBe(200);
  const whatIf = await risk.post(`${url}/api/decisioning/what-if`, { data: { strategyId: draft.strategyId, version: draft.version, days: 30 } });
  expect(whatIf.status()).toBe(201);
  const { runId } = (await whatIf.json()) as { runId: string };
  const publish = await risk.post(`${url}/api/decisioning/strategies/${draft.strategyId}/versions/${draft.version}/publish`, { data: { whatIfRunId: runId } });
  expect(publish.status()).toBe(200);

  const referred = await submitReferred(dealer, url);
  expect(referred.status, JSON.stringify(referred.decision?.reasons)).toBe('referred');
  return referred;
}

let harness: Harness;
let riskContext: BrowserContext;
let dealerContext: BrowserContext;
let adminContext: BrowserContext;
let page: Page;
let pageErrors: string[];
let target: ApplicationCreated;
let heldByAdmin: ApplicationCreated;

beforeAll(async () => {
  harness = await startHarness({ customers: DECIDING_MARKET });
  riskContext = await harness.newContext();
  dealerContext = await harness.newContext();
  adminContext = await harness.newContext();
  page = await riskContext.newPage();
  pageErrors = collectPageErrors(page);
  await signInAs(page, harness.url, 'risk');
  const dealerPage = await dealerContext.newPage();
  await signInAs(dealerPage, harness.url, 'dealer_ops');
  const adminPage = await adminContext.newPage();
  await signInAs(adminPage, harness.url, 'admin');

  target = await referredApplication(riskContext.request, dealerContext.request, harness.url);
  // A second referral that another reviewer (admin) holds.
  heldByAdmin = await submitReferred(dealerContext.request, harness.url);
  expect(heldByAdmin.status).toBe('referred');
  const claim = await adminContext.request.post(`${harness.url}/api/review-queue/${heldByAdmin.id}/claim`);
  expect(claim.status()).toBe(200);
});

afterAll(async () => {
  await riskContext?.close();
  await dealerContext?.close();
  await adminContext?.close();
  await harness?.close();
});

describe('manual review queue (risk)', () => {
  it('lists the referrals with their SLA timer, reasons and who holds them', async () => {
    await page.getByTestId('nav').getByText('人工审核').click();
    await page.waitForURL('**/review');
    const queue = (await (await riskContext.request.get(`${harness.url}/api/review-queue`)).json()) as ReviewQueuePage;
    const item = queue.items.find((i) => i.id === target.id);
    expect(item).toBeDefined();
    const row = page.locator(`tr[data-row-key="${target.id}"]`);
    await row.waitFor();
    // Referred just now with a 4-hour SLA: time left, not overdue.
    expect(await row.getByTestId('sla-timer').getAttribute('data-overdue')).toBe('false');
    expect(await read(row.getByTestId('sla-timer'))).toMatch(/剩余 (3小时|4小时0?0?分)/);
    const reasons = await read(row.getByTestId('queue-reasons'));
    expect(reasons).toContain(item!.reasons[0]!.zh);
    // The admin's claim shows on its row.
    const held = page.locator(`tr[data-row-key="${heldByAdmin.id}"]`);
    expect(await read(held.getByTestId('queue-claimed-by'))).toContain('admin');
    await page.screenshot({ path: screenshotPath('review-queue.png'), fullPage: true });
  });

  it('says clearly when another reviewer holds the application (409)', async () => {
    const held = page.locator(`tr[data-row-key="${heldByAdmin.id}"]`);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/review-queue/${heldByAdmin.id}/claim`)),
      held.getByTestId('queue-claim').click(),
    ]);
    expect(res.status()).toBe(409);
    const conflict = page.getByTestId('claim-conflict');
    await conflict.waitFor();
    expect(await read(conflict)).toContain('已被');
    expect(await read(conflict)).toContain('admin');
    expect(page.url()).toMatch(/\/review$/); // stayed on the queue
  });

  it('claims the referral and reviews it: score, reasons, fraud flags, similar applications', async () => {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/review-queue/${target.id}/claim`)),
      page.locator(`tr[data-row-key="${target.id}"]`).getByTestId('queue-claim').click(),
    ]);
    expect(res.status()).toBe(200);
    await page.waitForURL(`**/review/${target.id}`);
    await page.getByTestId('review-form').waitFor();
    const panel = page.getByTestId('review-page').getByTestId('decision-panel').first();
    expect(await panel.getAttribute('data-status')).toBe('referred');
    expect(await read(panel.getByTestId('decision-score'))).toContain(`${target.decision!.score!.points.toFixed(0)} 分`);
    await page.getByTestId('fraud-flags').waitFor();
    await page.getByTestId('similar-outcomes').waitFor();
  });

  it('approves with a required note and sees the decision on the timeline', async () => {
    const note = '已电话核实收入与工作单位，工资流水真实，同意按申请方案批准（e2e）';
    // The note is required: submitting without it is stopped in the form.
    await page.getByTestId('review-submit').click();
    await eventually(() => text(page.locator('.ant-form-item:has(#note) .ant-form-item-explain-error'))).toContain('审核意见');
    await page.getByTestId('review-note').fill(note);
    await page.screenshot({ path: screenshotPath('review-decision.png'), fullPage: true });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/review-queue/${target.id}/decision`)),
      page.getByTestId('review-submit').click(),
    ]);
    expect(res.status()).toBe(200);
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ decision: 'approved', note });
    const detail = (await res.json()) as ApplicationDetail;
    expect(detail.application.status).toBe('approved');

    const decided = page.getByTestId('review-decided');
    await decided.waitFor();
    // The last transition: referred → approved by the risk user, with the note as its reason.
    const last = decided.getByTestId('timeline-event').last();
    expect(await last.getAttribute('data-to')).toBe('approved');
    expect(await read(last)).toContain('risk');
    expect(await read(last.getByTestId('timeline-reason'))).toContain(note);
    expect(await read(decided.getByTestId('decision-note'))).toBe(note);
    await page.screenshot({ path: screenshotPath('review-decided.png'), fullPage: true });

    // The application's own page tells the same story, and it left the queue.
    await page.getByTestId('review-open-detail').click();
    await page.waitForURL(`**/applications/${target.id}`);
    await page.getByRole('tab', { name: /时间线/ }).click();
    await eventually(() => page.getByTestId('timeline-event').last().getAttribute('data-to')).toBe('approved');
    const queue = (await (await riskContext.request.get(`${harness.url}/api/review-queue`)).json()) as ReviewQueuePage;
    expect(queue.items.some((i) => i.id === target.id)).toBe(false);
  });

  it('shows the personal data in clear only after a reason is given', async () => {
    expect(await read(page.getByTestId('person-name').first())).toBe('赵**');
    await page.getByTestId('unmask').click();
    await page.getByTestId('unmask-reason').fill('核对身份证原件（e2e）');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/applications/${target.id}?`) && r.url().includes('unmask=true')),
      page.locator('.ant-modal-footer .ant-btn-primary').click(),
    ]);
    expect(res.status()).toBe(200);
    expect(new URL(res.url()).searchParams.get('reason')).toBe('核对身份证原件（e2e）');
    await eventually(() => text(page.getByTestId('person-name').first())).toBe('赵审核');
    expect(pageErrors).toEqual([]);
  });
});
