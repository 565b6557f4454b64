// What a screen-reader and a keyboard user need, checked in Chromium on the main screens of the
// console and the widget: every control has an accessible name, every image a text alternative,
// the keyboard reaches the composer in a sensible order with a visible focus ring, and text meets
// WCAG AA contrast (4.5:1, 3:1 for large text) against what is really behind it. The password
// screens too (first sign-in, change, reset link, throttled sign-in, the admin's reset link):
// the same audit, errors as alerts tied to their fields, focus where the agent needs it.
import { TestResources } from '@smartchat/platform/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, axeViolations } from './support/audit.js';
import { launchBrowser, loginToConsole, openPage, screenshot } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let conversationId: string;
let agent: { email: string };

beforeAll(async () => {
  stack = await startStack(resources);
  browser = await launchBrowser();
  agent = await stack.createAgent('Анна Смирнова');
  const customerToken = await stack.cluster.customerToken('a11y-customer', 'Иван Петров');
  const opened = await stack.api<{ conversation: { id: string } }>(customerToken, 'POST', '/v1/conversations', { topic: 'Авиабилеты', clientMessageId: 'a11y-first-message', body: 'Здравствуйте! Нужна справка о поездке.' });
  conversationId = opened.conversation.id;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe('accessibility', () => {
  it('the console: named controls, keyboard order to the composer, visible focus, AA contrast', async () => {
    const watched = await openPage(browser);
    await loginToConsole(watched.page, stack.consoleUrl(), agent.email, PASSWORD, `inbox/teams/${conversationId}`);
    await watched.page.getByTestId('message').first().waitFor();
    expect(await audit(watched.page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    // The audit itself sees a nameless button and pale text when there are some.
    await watched.page.evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'a11y-probe';
      probe.innerHTML = '<button type="button"></button><p style="color:#b0b0b0;background:#fff">pale</p>';
      document.body.append(probe);
    });
    const probed = await audit(watched.page);
    expect(probed.unnamed.length).toBe(1);
    expect(probed.lowContrast.some((entry) => entry.includes('"pale"'))).toBe(true);
    // And axe-core, the third-party engine, reports the nameless button as critical.
    expect(probed.axe.some((entry) => entry.startsWith('button-name (critical)'))).toBe(true);
    await watched.page.evaluate(() => document.getElementById('a11y-probe')?.remove());

    // An empty list is no empty listbox, and it says what to do.
    await watched.page.getByTestId('view-snoozed').click();
    await watched.page.getByTestId('list-empty').waitFor();
    expect(await watched.page.getByTestId('list-empty').textContent()).toMatch(/Z/);
    expect(await audit(watched.page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await watched.page.goBack();
    await watched.page.getByTestId('message').first().waitFor();

    // From the top of the page, Tab walks the navigation, the list tools and the conversation to the composer.
    await watched.page.locator('body').click({ position: { x: 5, y: 400 } });
    const visited: string[] = [];
    for (let i = 0; i < 60 && !visited.includes('composer-input'); i++) {
      await watched.page.keyboard.press('Tab');
      const focused = await watched.page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        return { id: element.getAttribute('data-testid') ?? element.id ?? element.tagName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 };
      });
      if (!focused) continue;
      expect(focused.ring, `focus ring on ${focused.id}`).toBe(true);
      visited.push(focused.id);
    }
    expect(visited).toContain('view-mine');
    expect(visited).toContain('filter-search');
    expect(visited).toContain('composer-input');
    expect(visited.indexOf('view-mine')).toBeLessThan(visited.indexOf('filter-search'));
    expect(visited.indexOf('filter-search')).toBeLessThan(visited.indexOf('composer-input'));
    await screenshot(watched.page, 'console-keyboard-focus');
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  });

  it('the admin sections, the command menu and the shortcut sheet: axe-core finds nothing serious or critical', async () => {
    const watched = await openPage(browser);
    const admin = await stack.createAgent('Вера Проверкина', { role: 'admin' });
    await loginToConsole(watched.page, stack.consoleUrl(), admin.email, PASSWORD, `inbox/teams/${conversationId}`);
    await watched.page.getByTestId('message').first().waitFor();
    await watched.page.keyboard.press('Control+k');
    await watched.page.getByTestId('command-menu').waitFor();
    expect(await axeViolations(watched.page)).toEqual([]);
    await watched.page.keyboard.press('Escape');
    await watched.page.getByTestId('command-menu').waitFor({ state: 'detached' });
    await watched.page.locator('body').click({ position: { x: 5, y: 400 } });
    await watched.page.keyboard.press('?');
    await watched.page.getByTestId('shortcuts-help').waitFor();
    expect(await axeViolations(watched.page)).toEqual([]);
    await watched.page.keyboard.press('Escape');
    for (const section of ['agents', 'teams', 'roles', 'macros', 'deleted', 'audit']) {
      await watched.page.goto(`${stack.consoleUrl()}admin/${section}`);
      await watched.page.getByTestId('admin-nav').waitFor();
      await watched.page.waitForLoadState('networkidle');
      expect(await axeViolations(watched.page), section).toEqual([]);
    }
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  });

  it('the password screens: named controls, errors as alerts on their fields, focus order with a visible ring, AA contrast', async () => {
    const watched = await openPage(browser);
    watched.allow.push(/status of (400|401|403|422|429)/);
    const { page } = watched;
    const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);
    const admin = await stack.createAgent('Ольга Админова', { role: 'admin' });
    const adminToken = await stack.cluster.login(stack.chat[0]!, admin.email, PASSWORD);
    const email = `a11y-first-${Date.now()}@desk.test`;
    const initial = 'Выдан администратором 2026';
    await stack.api(adminToken, 'POST', '/v1/agents', { email, name: 'Пётр Новиков', password: initial, role: 'agent' });

    // Signing in is paused: the reply is stubbed here (the real throttle is tested in account.test.ts).
    await page.route('**/v1/auth/login', (route) => route.fulfill({ status: 429, contentType: 'application/json', headers: { 'retry-after': '90' }, body: JSON.stringify({ error: { code: 'SC_ERR_AUTH_THROTTLED', message: 'Too many failed sign-in attempts', details: { retryAfterSeconds: 90 } } }) }));
    await page.goto(stack.consoleUrl());
    // The sign-in page says whose it is: the product's name and the company's (SMARTCHAT_COMPANY_NAME) above the form.
    await page.getByTestId('login-company').waitFor();
    expect(await page.getByTestId('login-brand').innerText()).toMatch(/^Smartchat\s+ООО «Деловые поездки»$/);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('whatever it is');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-throttled').getByRole('alert').waitFor();
    expect(await page.getByRole('timer').count()).toBe(1);
    expect(await audit(page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await page.unroute('**/v1/auth/login');

    // The first sign-in's password screen, with a refusal on each field.
    await page.reload();
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(initial);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('forced-password-change').waitFor();
    await page.getByTestId('password-current').fill('not it');
    await page.getByTestId('password-new').fill('short');
    await page.getByTestId('password-repeat').fill('shorter');
    await page.getByTestId('password-submit').click();
    for (const field of ['new', 'repeat']) {
      const error = page.getByTestId(`password-${field}-error`);
      expect(await error.getAttribute('role')).toBe('alert');
      const describedBy = (await page.getByTestId(`password-${field}`).getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));
    }
    expect(await focusedTestId()).toBe('password-new');
    expect(await audit(page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    // Tab walks the form in reading order, each with a focus ring.
    await page.getByTestId('password-current').focus();
    const visited: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return { id: element.getAttribute('data-testid') ?? element.tagName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 };
      });
      expect(focused.ring, `focus ring on ${focused.id}`).toBe(true);
      visited.push(focused.id);
    }
    expect(visited.slice(0, 4)).toEqual(['password-new', 'password-repeat', 'password-reveal', 'password-submit']);
    expect(visited).toContain('forced-logout');
    await screenshot(page, 'a11y-forced-password-change');

    const chosen = 'Тихий вечер над Невой 17';
    await page.getByTestId('password-current').fill(initial);
    await page.getByTestId('password-new').fill(chosen);
    await page.getByTestId('password-repeat').fill(chosen);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('nav').waitFor();

    // The account menu and the change-password dialog.
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-menu-items').waitFor();
    expect(await audit(page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await page.getByTestId('account-change-password').click();
    await page.getByTestId('change-password-dialog').waitFor();
    await page.getByTestId('password-current').fill(chosen);
    await page.getByTestId('password-new').fill(chosen);
    await page.getByTestId('password-repeat').fill(chosen);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-new-error').waitFor();
    expect(await audit(page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await page.keyboard.press('Escape');
    await page.getByTestId('change-password-dialog').waitFor({ state: 'detached' });
    expect(await focusedTestId()).toBe('account-menu');
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-logout').click();
    await page.getByTestId('login-form').waitFor();

    // The admin's reset link dialog, and the page the link opens (its form, then a used link).
    await loginToConsole(page, stack.consoleUrl(), admin.email, PASSWORD, 'admin/agents');
    await page.getByTestId('admin-agent-row').filter({ hasText: email }).getByTestId('admin-agent-reset-link').click();
    await page.getByTestId('admin-reset-link-create').click();
    const link = await page.getByTestId('admin-reset-link-url').inputValue();
    expect(await audit(page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await page.keyboard.press('Escape');
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-logout').click();
    await page.getByTestId('login-form').waitFor();

    await page.goto(link);
    await page.getByTestId('reset-password-page').waitFor();
    await page.getByTestId('password-new').fill('Сосновый бор зимой 2027');
    await page.getByTestId('password-repeat').fill('Сосновый бор зимой 2028');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-repeat-error').waitFor();
    expect(await audit(page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await page.getByTestId('password-repeat').fill('Сосновый бор зимой 2027');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('reset-password-done').waitFor();
    expect(await focusedTestId()).toBe('reset-password-done');
    expect(await audit(page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await page.goto(link);
    await page.getByTestId('password-new').fill('Совсем другой пароль 99');
    await page.getByTestId('password-repeat').fill('Совсем другой пароль 99');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('reset-password-invalid').waitFor();
    expect(await page.getByTestId('reset-password-invalid').getAttribute('role')).toBe('alert');
    expect(await audit(page)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await screenshot(page, 'a11y-reset-link-used');
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  });

  it('the widget: named controls, focus into the composer on open and back to the launcher on Escape, AA contrast', async () => {
    const watched = await openPage(browser);
    await watched.page.goto(`${stack.demoUrl}/?customer=demo-customer-2`);
    const frame = watched.page.frameLocator('iframe[src*="/widget/"]');
    await frame.getByTestId('widget-launcher').focus();
    await watched.page.keyboard.press('Enter');
    await frame.getByTestId('widget-panel').waitFor();
    const widgetFrame = watched.page.frames().find((candidate) => candidate.url().includes('/widget/'))!;
    expect(await audit(widgetFrame)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    expect(await audit(watched.page)).toMatchObject({ unnamed: [] });
    await watched.page.keyboard.press('Escape');
    await expect.poll(() => widgetFrame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('widget-launcher');
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  });
});
