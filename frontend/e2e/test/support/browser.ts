// Debian's Chromium driven by playwright-core: a fresh profile per launch, every page watched for
// console errors and uncaught exceptions (a test fails on any it did not expect), screenshots saved
// as artifacts under var/test-results/screenshots/.
import { repoRoot } from '@smartchat/platform';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.SMARTCHAT_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = join(repoRoot, 'var/test-results/screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page exceptions not matched by `allow`. */
  errors: string[];
  /** Further messages that are expected from now on (e.g. network failures while offline). */
  allow: RegExp[];
}

export async function openPage(browser: Browser, options: { viewport?: { width: number; height: number }; timezoneId?: string; locale?: string } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, timezoneId: options.timezoneId ?? 'Europe/Moscow', locale: options.locale ?? 'ru-RU' });
  const page = await context.newPage();
  const watched: WatchedPage = { context, page, errors: [], allow: [] };
  const record = (text: string) => {
    if (!watched.allow.some((pattern) => pattern.test(text))) watched.errors.push(text);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') record(`console: ${message.text()} @ ${message.location().url}`);
  });
  // With where it was thrown (the first frames of its stack), so that a failure says which code let it through.
  page.on('pageerror', (error) => record(`exception: ${error.message}${error.stack ? ` at ${error.stack.split('\n').slice(1, 4).map((frame) => frame.trim()).join(' < ')}` : ''}`));
  // Frames (the widget) report through the same page events.
  return watched;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Signs in through the console's login form and waits for the inbox. */
export async function loginToConsole(page: Page, consoleUrl: string, email: string, password: string, path = ''): Promise<void> {
  await page.goto(`${consoleUrl}${path}`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'live', undefined, { timeout: 20_000 });
}
