import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { startTestServer } from './server';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOT_DIR = fileURLToPath(new URL('../.artifacts/screenshots/', import.meta.url));
export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 768, height: 1024 };
/** A care-home nurse's phone (an iPhone 12 to 15's CSS viewport). */
export const PHONE = { width: 390, height: 844 };

export type BrowserHarness = {
  baseUrl: string;
  /** The demo server's database file (a test may move a fixture's time, as API tests do). */
  dbPath: string;
  browser: Browser;
  /** A fresh context (no cookies, no stored language) and a page in it. */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
};

function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` ` +
        '(.ci/run does it when missing). No downloaded browser is used.',
    );
  }
}

/**
 * The real server on an ephemeral port of 127.0.0.1 over a fresh temp database with demo
 * data, serving the built web app, and Debian's Chromium driven headless.
 */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  assertChromium();
  // tests/e2e/global-setup.ts built it before any test file started.
  if (!existsSync(fileURLToPath(new URL('../../web/dist/index.html', import.meta.url)))) {
    throw new Error('web/dist is missing: run `npm run build:web` (vitest global setup normally does it).');
  }
  const server = await startTestServer({ demo: true });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      // tests/elsewhen-e2e.sh fakes the system clock of this process with libfaketime, under which
      // Chromium cannot load a page: Chromium runs on the real clock, each page on the faked one.
      ...(process.env.E2E_ELSEWHEN ? { env: { ...process.env, LD_PRELOAD: '' } } : {}),
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    baseUrl: server.url,
    dbPath: server.dbPath,
    browser,
    newPage: async (viewport = DESKTOP) => {
      const context = await browser.newContext({
        viewport,
        baseURL: server.url,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      // Fail an action well before the test times out, so the error names the missing element
      // (E2E_ACTION_TIMEOUT_MS raises it on a machine too loaded to load a page in 8 s).
      context.setDefaultTimeout(Number(process.env.E2E_ACTION_TIMEOUT_MS ?? 8_000));
      contexts.push(context);
      if (process.env.E2E_ELSEWHEN) await context.clock.install({ time: new Date() });
      return context.newPage();
    },
    close: async () => {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.stop();
    },
  };
}

/** Logs in through the login form, as a person would, and waits for the role's home page. */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('input[autocomplete="username"]').fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.locator('input[autocomplete="current-password"]').press('Enter');
  await page.getByTestId('role-badge').waitFor();
}

/**
 * Reloads the page and declines the browser's « leave this page? » question; returns the question's
 * type ('beforeunload' when the page held the reload, as a form with unsaved text does). The page
 * needs a user gesture first (a click), as Chromium asks only then.
 */
export async function declineReload(page: Page): Promise<string> {
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', (question) => {
      resolve(question.type());
      void question.dismiss();
    });
  });
  const reload = page.evaluate(() => window.location.reload());
  const type = await asked;
  await reload;
  return type;
}

/**
 * Resolves once the page has had no API request in flight for `quietMs`: what it asked for on
 * arrival has been answered (a home page asks in waves: the share statement waits for the
 * periods). Playwright's 'networkidle' is a load state, reached once per document, so it does
 * not see what a single-page app asks for after navigating. Rejects after `timeoutMs`.
 */
export async function apiSettled(page: Page, quietMs = 500, timeoutMs = 15_000): Promise<void> {
  const inFlight = new Set<Request>();
  const isApi = (request: Request) => new URL(request.url()).pathname.startsWith('/api/');
  const started = (request: Request) => {
    if (isApi(request)) inFlight.add(request);
  };
  const ended = (request: Request) => {
    inFlight.delete(request);
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    while (Date.now() - quietSince < quietMs) {
      if (Date.now() > deadline) throw new Error(`API requests still in flight after ${timeoutMs} ms`);
      await page.waitForTimeout(50);
      if (inFlight.size > 0) quietSince = Date.now();
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/** Saves a full-page screenshot under tests/.artifacts/screenshots/ (git-ignored) for review. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Let fonts, transitions and late queries settle so the picture shows what a user sees.
  await page.waitForLoadState('networkidle').catch(() => {});
  // Grow the viewport to the whole document instead of a fullPage capture, so the fixed header,
  // navbar and modal overlay stretch over it as they would on a tall screen.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path, animations: 'disabled' });
  if (viewport && height > viewport.height) await page.setViewportSize(viewport);
  return path;
}

/** The labels of the main navigation, in order. */
export async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation');
  return (await nav.getByRole('link').allTextContents()).map((label) => label.trim());
}

/**
 * Waits until no CSS transition or animation runs, twice 120 ms apart (ten tries at most): a dialog
 * fading in or out is half transparent, so its colours are not the page's. Twice, because a
 * Mantine transition starts two animation frames after its element is mounted (use-transition:
 * "pre-entering", then "entering"): a drawer just opened shows no running animation yet, and
 * axe then read its table mid-fade (a stock browser test failed on it, 2026-12-04).
 */
async function transitionsEnded(page: Page): Promise<void> {
  const still = () => document.getAnimations().every((animation) => animation.playState !== 'running');
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.waitForFunction(still, undefined, { timeout: 2_000 }).catch(() => {});
    await page.waitForTimeout(120);
    if (await page.evaluate(still)) return;
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.1 A/AA and best-practice rules) on the page as it is now, dialogs
 * included, and fails on any serious or critical violation, naming the rule and the elements.
 * Call it at every page and dialog a browser test visits (next to its screenshot).
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await transitionsEnded(page);
  // Injected through the DevTools protocol, so the app's Content-Security-Policy stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } };
    const results = await axe.run(document);
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes
          .slice(0, 5)
          .map((n) => `${n.html.slice(0, 300)} (${n.target.join(' ')}): ${n.failureSummary ?? ''}`),
      }));
  });
  expect(violations, `serious accessibility violations on ${page.url()}`).toEqual([]);
}
