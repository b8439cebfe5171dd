// Starts the real autofin server in this process (fresh data directory, seeded demo market)
// and a headless Chromium driven by playwright-core. The console is built first if needed.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
export const screenshotDir = join(root, 'e2e/screenshots');

export interface Harness {
  /** Base URL of the running server, e.g. http://localhost:41234 */
  url: string;
  browser: Browser;
  /** A fresh browser context (own cookies and localStorage) with a desktop viewport. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Builds apps/web/dist when its sources changed (scripts/build-web.mjs decides). */
function ensureWebBuild(): void {
  execFileSync(process.execPath, [join(root, 'scripts/build-web.mjs')], { cwd: root, stdio: 'inherit' });
}

export interface HarnessOptions {
  /**
   * Size of the seeded demo market (default 2,000). Files that decide credit applications need
   * more: the start-up trains the demo champion scorecard only with ≥ 20 bad loans, which takes
   * a market of about 6,000 customers or more.
   */
  customers?: number;
}

/** Starts a browser against AUTOFIN_E2E_URL (a server you run yourself) or, by default, a fresh in-process server. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  await mkdir(screenshotDir, { recursive: true });
  const external = process.env.AUTOFIN_E2E_URL;
  if (external) {
    const browser = await launchChromium();
    return {
      url: external.replace(/\/$/, ''),
      browser,
      newContext: () => newContext(browser),
      close: () => browser.close(),
    };
  }
  ensureWebBuild();
  const dataDir = await mkdtemp(join(tmpdir(), 'autofin-e2e-'));
  const { startServer } = await import('@autofin/server');
  const server = await startServer({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    AUTOFIN_DATA_DIR: dataDir,
    AUTOFIN_SEED_CUSTOMERS: String(options.customers ?? 2000),
    LOG_LEVEL: 'warn',
  });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: server.url,
    browser,
    newContext: () => newContext(browser),
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Errors thrown in the page (not failed requests, which the console handles itself). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export function screenshotPath(name: string): string {
  return join(screenshotDir, name);
}
