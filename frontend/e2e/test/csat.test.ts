// Customer satisfaction in Chromium against the real stack: the agent closes the conversation in
// the console, the customer rates it in the widget (a 1–5 button and a comment), and the agent sees
// the rating and the comment in the conversation's context pane, live; the customer changes the
// rating and the console follows.
import { TestResources } from '@smartchat/platform/testing';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let agent: WatchedPage;
let customer: WatchedPage;
let anna: Awaited<ReturnType<Stack['createAgent']>>;

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[src*="/widget/"]');
const widgetMessage = (page: Page, text: string) => widget(page).getByTestId('widget-thread').getByTestId('widget-message').filter({ hasText: text });
const consoleMessage = (page: Page, text: string) => page.getByTestId('thread').getByTestId('message').filter({ hasText: text });

beforeAll(async () => {
  stack = await startStack(resources);
  browser = await launchBrowser();
  anna = await stack.createAgent('Анна Оценкина');
  agent = await openPage(browser);
  customer = await openPage(browser, { viewport: { width: 1280, height: 860 } });
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40);
  await screenshot(agent.page, `failed-csat-console-${name}`).catch(() => undefined);
  await screenshot(customer.page, `failed-csat-widget-${name}`).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe('a customer rates a closed conversation and the agent sees it', () => {
  it('the agent closes, the customer rates 4 with a comment in the widget, the console shows it live; a change follows', async () => {
    await loginToConsole(agent.page, stack.consoleUrl(1), anna.email, PASSWORD);
    await customer.page.goto(`${stack.demoUrl}/?customer=demo-customer-2`);
    const frame = widget(customer.page);
    await frame.getByTestId('widget-launcher').click();
    await frame.getByTestId('widget-new').click();
    await frame.getByTestId('widget-topic').selectOption('Отели');
    await frame.getByTestId('widget-composer').fill('Забронировал не тот отель, помогите отменить.');
    await frame.getByTestId('widget-composer').press('Enter');
    await widgetMessage(customer.page, 'не тот отель').waitFor();

    // The agent takes it (the balancer may have given it to her already), answers and closes it.
    await agent.page.getByTestId('view-teams').click();
    const row = agent.page.getByTestId('conversation-row').filter({ hasText: 'Отели' });
    await row.waitFor({ timeout: 15_000 });
    const conversationId = (await row.getAttribute('data-id'))!;
    const token = await stack.cluster.login(stack.chat[0]!, anna.email, PASSWORD);
    await stack.api(token, 'PATCH', `/v1/conversations/${conversationId}`, { assigneeId: anna.id });
    await row.click();
    await consoleMessage(agent.page, 'не тот отель').waitFor();
    await agent.page.getByTestId('composer-input').fill('Отменила бронь, деньги вернутся за три дня.');
    await agent.page.getByTestId('composer-input').press('Enter');
    await widgetMessage(customer.page, 'Отменила бронь').waitFor();
    await consoleMessage(agent.page, 'Отменила бронь').and(agent.page.locator('[data-kind="reply"]')).waitFor();
    await agent.page.getByTestId('close').click();
    await expect.poll(() => agent.page.getByTestId('conversation-status').innerText()).toMatch(/Закрыт/);
    // Asked, not answered yet: the pane says so.
    await agent.page.getByTestId('csat-survey').waitFor({ timeout: 15_000 });
    expect(await agent.page.getByTestId('csat-rating').count()).toBe(0);

    // The widget asks; five buttons, none pressed; the customer picks 4 and writes a comment.
    const survey = frame.getByTestId('widget-csat');
    await survey.waitFor({ timeout: 20_000 });
    expect(await survey.getByRole('button', { pressed: false }).filter({ hasText: /^[1-5]$/ }).count()).toBe(5);
    await frame.getByTestId('widget-csat-rating-4').click();
    expect(await frame.getByTestId('widget-csat-rating-4').getAttribute('aria-pressed')).toBe('true');
    await frame.getByTestId('widget-csat-comment').fill('Быстро отменили, спасибо!');
    await screenshot(customer.page, 'widget-csat-form');
    await frame.getByTestId('widget-csat-submit').click();
    await frame.getByTestId('widget-csat-thanks').waitFor();
    expect(await frame.getByTestId('widget-csat-thanks').innerText()).toMatch(/4 из 5|4 of 5/);

    // The console shows it without a reload.
    await expect.poll(() => agent.page.getByTestId('csat-rating').innerText(), { timeout: 15_000 }).toContain('4/5');
    expect(await agent.page.getByTestId('csat-comment').innerText()).toBe('Быстро отменили, спасибо!');
    expect(await agent.page.getByTestId('csat').innerText()).toContain('Анна Оценкина');
    await screenshot(agent.page, 'console-csat');

    // Within the day the customer changes their mind: 5, no comment.
    await frame.getByTestId('widget-csat-change').click();
    await frame.getByTestId('widget-csat-rating-5').click();
    await frame.getByTestId('widget-csat-comment').fill('');
    await frame.getByTestId('widget-csat-submit').click();
    await expect.poll(() => frame.getByTestId('widget-csat-thanks').innerText()).toMatch(/5 из 5|5 of 5/);
    await expect.poll(() => agent.page.getByTestId('csat-rating').innerText(), { timeout: 15_000 }).toContain('5/5');
    expect(await agent.page.getByTestId('csat-comment').count()).toBe(0);
    await screenshot(customer.page, 'widget-csat-thanks');

    expect(agent.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
  }, 120_000);
});
