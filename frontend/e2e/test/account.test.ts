// An agent's password in Chromium against the real stack: the forced change at the first sign-in
// with a password an admin chose, a change from the account menu (the console carries on with its
// new token, other devices are signed out, the old password stops working), signing out
// everywhere, an admin's one-time reset link used in a fresh browser, and sign-in throttling with
// its countdown.
import { TestResources } from '@smartchat/platform/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let admin: Awaited<ReturnType<Stack['createAgent']>>;
let adminToken: string;
const opened: WatchedPage[] = [];

/** Refused requests that the tests cause on purpose show up as console errors in Chromium. */
const EXPECTED_REFUSALS = /status of (400|401|403|422|429)/;

async function page(): Promise<WatchedPage> {
  const watched = await openPage(browser);
  watched.allow.push(EXPECTED_REFUSALS);
  opened.push(watched);
  return watched;
}

async function apiLogin(email: string, password: string): Promise<{ status: number; body: { token?: string; mustChangePassword?: boolean; error?: { code: string; details?: { retryAfterSeconds?: number } } } }> {
  const response = await fetch(`${stack.chat[0]!.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { status: response.status, body: (await response.json()) as never };
}

/** The sign-in form only: what comes after it (console or password screen) is the test's to check. */
async function submitLogin(target: Page, email: string, password: string): Promise<void> {
  await target.goto(stack.consoleUrl());
  await target.getByTestId('login-email').fill(email);
  await target.getByTestId('login-password').fill(password);
  await target.getByTestId('login-submit').click();
}

async function fillPasswordForm(target: Page, passwords: { current?: string; next: string; repeat?: string }): Promise<void> {
  if (passwords.current !== undefined) await target.getByTestId('password-current').fill(passwords.current);
  await target.getByTestId('password-new').fill(passwords.next);
  await target.getByTestId('password-repeat').fill(passwords.repeat ?? passwords.next);
}

const waitLive = (target: Page) => target.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'live', undefined, { timeout: 20_000 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startStack(resources);
  browser = await launchBrowser();
  admin = await stack.createAgent('Ольга Админова', { role: 'admin' });
  adminToken = await stack.cluster.login(stack.chat[0]!, admin.email, PASSWORD);
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    const name = context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40);
    await Promise.all(opened.map((watched, index) => screenshot(watched.page, `failed-account-${name}-${index}`).catch(() => undefined)));
  }
  for (const watched of opened.splice(0)) {
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe("an agent's password", () => {
  it('an agent created by an admin sets their own password at the first sign-in, then works in the console', async () => {
    const email = `first-${Date.now()}@desk.test`;
    const initial = 'Выдан администратором 2026';
    await stack.api(adminToken, 'POST', '/v1/agents', { email, name: 'Пётр Новиков', password: initial, role: 'agent', teamIds: [stack.teamId] });
    const { page: tab } = await page();

    await submitLogin(tab, email, initial);
    const screen = tab.getByTestId('forced-password-change');
    await screen.waitFor();
    expect(await tab.getByTestId('nav').count()).toBe(0);
    // The heading takes focus, and the policy comes from the server.
    await expect.poll(() => tab.evaluate(() => document.activeElement?.id)).toBe('forced-password-title');
    await expect.poll(() => tab.getByTestId('password-policy').textContent()).toContain('от 12 до 256 символов');

    // The browser already sees the rules it can check: the e-mail's name, a mismatch.
    await fillPasswordForm(tab, { current: initial, next: `${email.split('@')[0]}-пароль`, repeat: 'something else entirely' });
    expect(await tab.getByTestId('password-policy').locator('[data-rule="contains_email"]').getAttribute('data-state')).toBe('broken');
    await tab.getByTestId('password-submit').click();
    await expect.poll(() => tab.getByTestId('password-new-error').textContent()).toContain('имя из вашего адреса');
    expect(await tab.getByTestId('password-repeat-error').textContent()).toContain('Пароли не совпадают');
    expect(await tab.getByTestId('password-new').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => tab.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('password-new');

    // The server judges the current password: a wrong one is said next to its field, which takes focus.
    const chosen = 'Тихий вечер над Невой 17';
    await fillPasswordForm(tab, { current: 'not the password at all', next: chosen });
    await tab.getByTestId('password-submit').click();
    await expect.poll(() => tab.getByTestId('password-current-error').textContent()).toContain('Текущий пароль введён неверно');
    await expect.poll(() => tab.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('password-current');
    await screenshot(tab, 'account-forced-change-errors');

    // The API refuses everything else meanwhile.
    const waiting = (await apiLogin(email, initial)).body;
    expect(waiting.mustChangePassword).toBe(true);
    await expect(stack.api(waiting.token!, 'GET', '/v1/conversations/counts')).rejects.toThrow(/SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED/);

    // A reload with the stored token comes back to this screen, not to the console.
    await tab.reload();
    await screen.waitFor();
    expect(await tab.getByTestId('nav').count()).toBe(0);

    await fillPasswordForm(tab, { current: initial, next: chosen });
    await tab.getByTestId('password-submit').click();
    await tab.getByTestId('nav').waitFor();
    await waitLive(tab);
    expect(await tab.getByTestId('me-name').textContent()).toBe('Пётр Новиков');

    // A reload keeps the new session; the old password is gone, the new one works without a detour.
    await tab.reload();
    await tab.getByTestId('nav').waitFor();
    await waitLive(tab);
    expect((await apiLogin(email, initial)).status).toBe(401);
    const after = await apiLogin(email, chosen);
    expect(after.status).toBe(200);
    expect(after.body.mustChangePassword).toBe(false);
  });

  it('a password changed from the account menu: this console carries on, other devices are signed out, the old password stops working', async () => {
    const boris = await stack.createAgent('Борис Орлов');
    const here = await page();
    const elsewhere = await page();
    await loginToConsole(here.page, stack.consoleUrl(0), boris.email, PASSWORD);
    await loginToConsole(elsewhere.page, stack.consoleUrl(1), boris.email, PASSWORD);

    // By keyboard: the menu button opens onto its first item.
    await here.page.getByTestId('account-menu').focus();
    await here.page.keyboard.press('Enter');
    await expect.poll(() => here.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('account-change-password');
    expect(await here.page.getByTestId('account-menu').getAttribute('aria-expanded')).toBe('true');
    await here.page.keyboard.press('Enter');
    const dialog = here.page.getByTestId('change-password-dialog');
    await dialog.waitFor();
    await expect.poll(() => here.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('password-current');

    const chosen = 'Морской бриз у причала 42';
    await fillPasswordForm(here.page, { current: PASSWORD, next: PASSWORD });
    expect(await dialog.locator('[data-rule="same_as_current"]').getAttribute('data-state')).toBe('broken');
    await fillPasswordForm(here.page, { current: PASSWORD, next: chosen });
    await here.page.getByTestId('password-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => here.page.getByTestId('account-status').textContent()).toContain('Пароль изменён');
    await expect.poll(() => here.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('account-menu');

    // The other device is back at the sign-in; this one is live again on its new token, and stays.
    await elsewhere.page.getByTestId('login-form').waitFor({ timeout: 15_000 });
    await waitLive(here.page);
    await sleep(1_500);
    expect(await here.page.getByTestId('nav').count()).toBe(1);
    await here.page.reload();
    await here.page.getByTestId('nav').waitFor();
    await waitLive(here.page);

    expect((await apiLogin(boris.email, PASSWORD)).status).toBe(401);
    expect((await apiLogin(boris.email, chosen)).status).toBe(200);
  });

  it('signing out everywhere asks first, then ends every session, this one included', async () => {
    const vera = await stack.createAgent('Вера Лебедева');
    const here = await page();
    const elsewhere = await page();
    await loginToConsole(here.page, stack.consoleUrl(0), vera.email, PASSWORD);
    await loginToConsole(elsewhere.page, stack.consoleUrl(1), vera.email, PASSWORD);

    await here.page.getByTestId('account-menu').click();
    await here.page.getByTestId('account-logout-everywhere').click();
    const dialog = here.page.getByTestId('logout-everywhere-dialog');
    expect(await dialog.textContent()).toContain('на всех других устройствах');
    // Escape changes nothing.
    await here.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await here.page.getByTestId('nav').count()).toBe(1);

    await here.page.getByTestId('account-menu').click();
    await here.page.getByTestId('account-logout-everywhere').click();
    await here.page.getByTestId('logout-everywhere-confirm').click();
    await here.page.getByTestId('login-form').waitFor();
    await elsewhere.page.getByTestId('login-form').waitFor({ timeout: 15_000 });
    expect(await here.page.evaluate(() => localStorage.getItem('smartchat.console.session'))).toBeNull();
  });

  it("an admin's reset link works once, in a fresh browser, and a newer link replaces it", async () => {
    const galina = await stack.createAgent('Галина Соколова');
    const adminPage = await page();
    await loginToConsole(adminPage.page, stack.consoleUrl(), admin.email, PASSWORD, 'admin/agents');
    const row = adminPage.page.getByTestId('admin-agent-row').filter({ hasText: galina.email });
    const createLink = async () => {
      await row.getByTestId('admin-agent-reset-link').click();
      const dialog = adminPage.page.getByTestId('admin-reset-link-dialog');
      expect(await dialog.textContent()).toContain('Ранее созданные ссылки');
      await dialog.getByTestId('admin-reset-link-create').click();
      const url = await dialog.getByTestId('admin-reset-link-url').inputValue();
      expect(url).toMatch(/\/console\/reset-password#token=.+/);
      expect(await dialog.getByTestId('admin-reset-link-expires').textContent()).toMatch(/\d{2}\.\d{2}\.\d{4}/);
      // The link takes focus, and the copy button says it copied.
      await expect.poll(() => adminPage.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('admin-reset-link-url');
      await dialog.getByTestId('admin-reset-link-copy').click();
      await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/скопирована|вручную/);
      await screenshot(adminPage.page, 'account-admin-reset-link');
      await adminPage.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      return url;
    };
    const replaced = await createLink();
    const link = await createLink();

    // A fresh browser with nobody signed in: the link's page, and the token leaves the address bar.
    const fresh = await page();
    await fresh.page.goto(link);
    await fresh.page.getByTestId('reset-password-page').waitFor();
    expect(fresh.page.url()).not.toContain('token=');
    expect(await fresh.page.getByTestId('password-current').count()).toBe(0);
    const chosen = 'Сосновый бор зимой 2027';
    await fillPasswordForm(fresh.page, { next: 'короткий' });
    await fresh.page.getByTestId('password-submit').click();
    await expect.poll(() => fresh.page.getByTestId('password-new-error').textContent()).toContain('короче 12 символов');
    await fillPasswordForm(fresh.page, { next: chosen });
    await fresh.page.getByTestId('password-submit').click();
    await fresh.page.getByTestId('reset-password-done').waitFor();
    await fresh.page.getByTestId('reset-password-sign-in').click();
    await fresh.page.getByTestId('login-form').waitFor();
    await fresh.page.getByTestId('login-email').fill(galina.email);
    await fresh.page.getByTestId('login-password').fill(chosen);
    await fresh.page.getByTestId('login-submit').click();
    await fresh.page.getByTestId('nav').waitFor();
    await waitLive(fresh.page);

    // Used, or replaced by the newer one: the page says to ask an admin for a new link. The second
    // link goes into the same tab, which changes only the fragment: the form comes back for it.
    const again = await page();
    for (const dead of [link, replaced]) {
      await again.page.goto(dead);
      await fillPasswordForm(again.page, { next: 'Совсем другой пароль 99' });
      await again.page.getByTestId('password-submit').click();
      await expect.poll(() => again.page.getByTestId('reset-password-invalid').textContent()).toContain('Попросите администратора');
    }
    expect((await apiLogin(galina.email, PASSWORD)).status).toBe(401);
  });

  it('too many failed sign-ins: the message says so, a countdown runs and the button waits until it ends', async () => {
    const dmitri = await stack.createAgent('Дмитрий Волков');
    // Wrong passwords until the account and this address are locked for 8 s (1, 2, 4, then 8 s).
    for (let failed = 0; failed < 9; ) {
      const attempt = await apiLogin(dmitri.email, 'wrong password, again');
      if (attempt.status === 429) {
        await sleep((attempt.body.error?.details?.retryAfterSeconds ?? 1) * 1000);
        continue;
      }
      expect(attempt.status).toBe(401);
      failed++;
    }
    const { page: tab } = await page();
    await submitLogin(tab, dmitri.email, PASSWORD);
    const throttled = tab.getByTestId('login-throttled');
    await throttled.waitFor();
    expect(await throttled.getByRole('alert').textContent()).toContain('Слишком много неудачных попыток входа');
    expect(await tab.getByTestId('login-submit').isDisabled()).toBe(true);
    const seconds = async () => {
      const [minutes, rest] = ((await tab.getByTestId('login-countdown').textContent()) ?? '0:00').split(':').map(Number);
      return minutes! * 60 + rest!;
    };
    const first = await seconds();
    expect(first).toBeGreaterThan(2);
    await screenshot(tab, 'account-login-throttled');
    await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(first);

    // Once it has run out, the same form signs in.
    await throttled.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await tab.getByTestId('login-submit').isDisabled()).toBe(false);
    await tab.getByTestId('login-submit').click();
    await tab.getByTestId('nav').waitFor();
    await waitLive(tab);
  });
});
