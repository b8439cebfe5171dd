// Dealer operations set up a new dealer's API access in the console: create the partner, create a
// key (its secret shown once), the dealer's system uses it (/v1/quotes), the usage charts show the
// calls; then rotate and revoke, and the revoked key is refused by the API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chartsDrawn, eventually, signInAs, text } from './fixtures/session.ts';
import { collectPageErrors, screenshotPath, startHarness, type Harness } from './harness.ts';

let harness: Harness;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
// The dealer's webhook receiver: answers 503 to its first request (a deploy in progress), then 200.
let receiver: Server;
let receiverUrl = '';
const hits: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push(body);
      res.statusCode = hits.length === 1 ? 503 : 200;
      res.end(hits.length === 1 ? 'deploying, try again' : 'received');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/autofin`;
  // The receiver is on loopback over http: allowed only on an installation set up for local development (the SSRF guard, ADR 0011).
  process.env.AUTOFIN_WEBHOOK_ALLOW_PRIVATE = '1';
  harness = await startHarness();
  context = await harness.newContext();
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  receiver?.close();
  await context?.close();
  await harness?.close();
});

const quoteBody = { vehicle: { category: 'new-ice', make: 'Toyota', price: '200000.00' }, downPayment: '61200.00', term: 36, customer: { riskTier: 'A', cityTier: 2 } };

describe('partners console', () => {
  const name = `E2E 测试经销商 ${Date.now().toString(36)}`;
  let secret = '';

  it('creates a partner and a key whose secret is shown once', async () => {
    await signInAs(page, harness.url, 'dealer_ops');
    await page.locator('.ant-menu').getByText('合作伙伴与开放接口').click();
    await page.waitForURL('**/partners');
    await page.getByTestId('new-partner').click();
    await page.getByTestId('partner-name').fill(name);
    await page.locator('.ant-modal').getByRole('button', { name: '创 建' }).or(page.locator('.ant-modal').getByRole('button', { name: '创建' })).click();
    const row = page.locator('tr', { hasText: name });
    await row.waitFor();
    await row.getByTestId('manage-partner').click();
    await page.getByTestId('partner-keys').waitFor();
    await page.getByTestId('create-key').click();
    await page.locator('.ant-modal-footer').last().getByRole('button').last().click();
    const secretEl = page.getByTestId('key-secret');
    await secretEl.waitFor();
    secret = ((await text(secretEl)) ?? '').trim();
    expect(secret).toMatch(/^afk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: screenshotPath('partners-key-secret.png') });
    await page.getByTestId('key-secret-modal').getByRole('button').last().click();
    // The list shows the prefix only, never the secret.
    await eventually(() => text(page.getByTestId('partner-keys'))).toContain(secret.slice(0, 16));
    expect(await text(page.getByTestId('partner-keys'))).not.toContain(secret.slice(17));
  });

  it('shows the partner’s API calls in the usage charts', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${harness.url}/v1/quotes`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(quoteBody) });
      expect(res.status).toBe(200);
    }
    const bad = await fetch(`${harness.url}/v1/quotes`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...quoteBody, colour: 'red' }) });
    expect(bad.status).toBe(400);
    await page.locator('.ant-drawer .ant-tabs-tab', { hasText: '调用量' }).click();
    await chartsDrawn(page, ['usage-partner-requests', 'usage-partner-latency']);
    await page.screenshot({ path: screenshotPath('partners-usage.png') });
  });

  it('shows webhook deliveries with each attempt’s answer, and replays one', async () => {
    const auth = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    const sub = await fetch(`${harness.url}/v1/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ url: receiverUrl, events: ['application.decided'] }) });
    expect(sub.status).toBe(201);
    // 11010519491231002X: the example applicant (GB 11643 check digit X).
    const app = await fetch(`${harness.url}/v1/applications`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': `e2e-${Date.now()}` },
      body: JSON.stringify({
        applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13812345678', monthlyIncome: '25000.00', employment: 'salaried' },
        vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '250000.00' },
        deal: { downPayment: '50000.00', term: 36 },
        consents: { creditCheck: true },
      }),
    });
    expect(app.status).toBe(201);
    // First attempt 503, the retry 5 s later 200.
    await expect.poll(() => hits.length, { timeout: 30_000, interval: 250 }).toBeGreaterThanOrEqual(2);
    await page.locator('.ant-drawer .ant-tabs-tab', { hasText: 'Webhook' }).click();
    const hooks = page.getByTestId('partner-webhooks');
    await eventually(() => text(hooks)).toContain(receiverUrl);
    await eventually(() => text(hooks)).toContain('已送达');
    await hooks.locator('.ant-table-row-expand-icon').first().click();
    await eventually(() => text(hooks)).toContain('deploying, try again');
    await page.screenshot({ path: screenshotPath('partners-webhook-deliveries.png') });
    await hooks.getByTestId('replay-delivery').first().click();
    await expect.poll(() => hits.length, { timeout: 15_000, interval: 250 }).toBeGreaterThanOrEqual(3);
    expect(hits[2]).toBe(hits[0]);
  });

  it('rotates and revokes; the revoked key gets 401', async () => {
    await page.locator('.ant-drawer .ant-tabs-tab', { hasText: '接口密钥' }).click();
    const keys = page.getByTestId('partner-keys');
    await keys.getByRole('button', { name: /轮\s*换/ }).first().click();
    await page.locator('.ant-modal').last().getByRole('button', { name: /轮\s*换/ }).click();
    const fresh = ((await text(page.getByTestId('key-secret'))) ?? '').trim();
    await eventually(async () => ((await text(page.getByTestId('key-secret'))) ?? '').trim()).toMatch(/^afk_/);
    const rotated = ((await text(page.getByTestId('key-secret'))) ?? fresh).trim();
    expect(rotated).not.toBe(secret);
    await page.getByTestId('key-secret-modal').getByRole('button').last().click();
    await eventually(() => text(keys)).toContain('轮换过渡中');
    // Both work during the overlap.
    for (const k of [secret, rotated]) expect((await fetch(`${harness.url}/v1/products`, { headers: { authorization: `Bearer ${k}` } })).status).toBe(200);
    await page.screenshot({ path: screenshotPath('partners-keys-rotated.png') });
    // Revoke the new key.
    const activeRow = keys.locator('tr', { hasText: rotated.slice(0, 16) });
    await activeRow.getByRole('button', { name: /吊\s*销/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button').last().click();
    await eventually(() => text(activeRow)).toContain('已吊销');
    const refused = await fetch(`${harness.url}/v1/products`, { headers: { authorization: `Bearer ${rotated}` } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('API_KEY_INVALID');
    await page.screenshot({ path: screenshotPath('partners-keys-revoked.png') });
  });

  it('lists partners with every partner’s usage, in English too', async () => {
    await page.reload();
    await page.getByTestId('partners-page').waitFor();
    await chartsDrawn(page, ['usage-all-requests', 'usage-all-latency']);
    await page.screenshot({ path: screenshotPath('partners-list.png') });
    await page.getByTestId('language-switch').getByText('English').click();
    await eventually(() => text(page.getByTestId('partners-page'))).toContain('Partners and API');
    await page.getByTestId('partner-search').fill(name);
    await page.getByTestId('partner-search').press('Enter');
    await eventually(() => text(page.locator('.ant-table-tbody'))).toContain(name);
    expect(await text(page.locator('.ant-table-tbody'))).toContain('Dealer');
    await page.screenshot({ path: screenshotPath('partners-list-en.png') });
    await page.getByTestId('language-switch').getByText('中文').click();
    expect(pageErrors).toEqual([]);
  });
});
