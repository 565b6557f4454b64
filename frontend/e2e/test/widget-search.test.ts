// A customer searches their own conversations in the widget, in Chromium against the real stack
// with the search indexer running: what they wrote is found with the words that matched
// highlighted, an agent's internal note never is, a refused query says why, Escape returns to the
// list, a result opens its conversation at the message found, and the widget passes the audit.
import { TestResources } from '@smartchat/platform/testing';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './support/audit.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let customer: WatchedPage;
let agentToken: string;

const TRAIN = 'Хочу вернуть билеты на поезд';
const HOTEL = 'Invoice for the hotel';
/** The note shares "билет" with the customer's message and has a word of its own. */
const NOTE = 'Внутренняя заметка: возврат билетов согласовать, компенсацию не предлагать';
const NOTE_ONLY_WORD = 'компенсацию';

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[src*="/widget/"]');
const widgetMessage = (page: Page, text: string) => widget(page).getByTestId('widget-thread').getByTestId('widget-message').filter({ hasText: text });

interface SearchAnswer {
  results: { conversation: { id: string }; hits: { messageId: string; kind: string }[] }[];
}
/** The conversation ids a search finds for the token's owner; null while the route refuses. */
async function found(token: string, q: string): Promise<string[] | null> {
  try {
    const answer = await stack.api<SearchAnswer>(token, 'GET', `/v1/search?q=${encodeURIComponent(q)}`);
    return answer.results.map((result) => result.conversation.id);
  } catch {
    return null;
  }
}

beforeAll(async () => {
  stack = await startStack(resources, { search: true, topics: ['Поезда', 'Отели'] });
  browser = await launchBrowser();
  const anna = await stack.createAgent('Анна Поисковая');
  agentToken = await stack.cluster.login(stack.chat[0]!, anna.email, PASSWORD);
  customer = await openPage(browser, { viewport: { width: 1280, height: 860 } });
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40);
  await screenshot(customer.page, `failed-widget-search-${name}`).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe('a customer searches their conversations in the widget', () => {
  it('finds what they wrote, highlighted, never an agent note; a result opens the conversation at the message found', async () => {
    await customer.page.goto(`${stack.demoUrl}/?customer=demo-customer-1`);
    // The same customer's token as the widget's, for waiting on the index through the API.
    const customerToken = (await customer.page.locator('script[data-token]').getAttribute('data-token'))!;
    const frame = widget(customer.page);
    await frame.getByTestId('widget-launcher').click();

    // Two conversations, written through the widget.
    for (const [topic, text] of [
      ['Поезда', TRAIN],
      ['Отели', HOTEL],
    ] as const) {
      await frame.getByTestId('widget-new').click();
      await frame.getByTestId('widget-topic').selectOption(topic);
      await frame.getByTestId('widget-composer').fill(text);
      await frame.getByTestId('widget-composer').press('Enter');
      await widgetMessage(customer.page, text).and(frame.locator('[data-state="sent"]')).waitFor();
      await frame.getByTestId('widget-back').click();
    }
    const { conversations } = await stack.api<{ conversations: { id: string; topic: string | null }[] }>(customerToken, 'GET', '/v1/conversations');
    const train = conversations.find((conversation) => conversation.topic === 'Поезда')!.id;
    const hotel = conversations.find((conversation) => conversation.topic === 'Отели')!.id;

    // An agent's internal note in the train conversation.
    await stack.api(agentToken, 'POST', `/v1/conversations/${train}/messages`, { clientMessageId: 'widget-search-note', kind: 'note', body: NOTE });

    // The index has everything: the agent finds the note; the customer their own messages, not the note.
    await expect.poll(() => found(agentToken, NOTE_ONLY_WORD), { timeout: 30_000, interval: 500 }).toEqual([train]);
    await expect.poll(() => found(customerToken, 'билет'), { timeout: 30_000, interval: 500 }).toEqual([train]);
    await expect.poll(() => found(customerToken, 'invoice'), { timeout: 30_000, interval: 500 }).toEqual([hotel]);
    expect(await found(customerToken, NOTE_ONLY_WORD)).toEqual([]);

    // "билет" in the widget: the train conversation, its message with the word highlighted; not the hotel.
    await frame.getByTestId('widget-conversation').nth(1).waitFor();
    const field = frame.getByLabel('Поиск по вашим обращениям');
    await field.fill('билет');
    const results = frame.getByTestId('widget-search-result');
    await results.first().waitFor();
    await expect.poll(() => results.evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))).toEqual([train]);
    const result = results.first();
    expect(await result.innerText()).toContain('Поезда');
    const snippets = result.getByTestId('widget-search-snippet');
    expect(await snippets.count()).toBe(1);
    expect(await snippets.first().getAttribute('data-kind')).toBe('customer');
    expect(await snippets.first().innerText()).toContain('вернуть билеты на поезд');
    const marks = await snippets.first().locator('mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.toLowerCase()).toMatch(/^билет/);
    // The note shares the word, and still shows nowhere.
    expect(await frame.getByTestId('widget-conversations').innerText()).not.toMatch(/компенсац|Внутренняя заметка|согласовать/);
    expect(await frame.getByTestId('widget-search-status').innerText()).toMatch(/Найдено обращений: 1/);
    await screenshot(customer.page, 'widget-search-results');
    const widgetFrame = customer.page.frames().find((candidate) => candidate.url().includes('/widget/'))!;
    expect(await audit(widgetFrame)).toEqual({ unnamed: [], lowContrast: [], axe: [] });

    // Escape clears the search and returns to the list; the panel stays open.
    await field.press('Escape');
    expect(await field.inputValue()).toBe('');
    await frame.getByTestId('widget-search-result').first().waitFor({ state: 'detached' });
    expect(await frame.getByTestId('widget-conversation').count()).toBe(2);
    expect(await frame.getByTestId('widget-panel').isVisible()).toBe(true);

    // The note's own word finds nothing for the customer.
    await field.fill(NOTE_ONLY_WORD);
    await frame.getByTestId('widget-search-empty').waitFor();
    expect(await results.count()).toBe(0);
    expect(await frame.getByTestId('widget-search-empty').innerText()).toMatch(/Ничего не нашлось/);
    expect(await audit(widgetFrame)).toEqual({ unnamed: [], lowContrast: [], axe: [] });

    // A refused query says why (a prefix needs three letters); the browser logs the 422 it got.
    customer.allow.push(/status of 422/);
    await field.fill('би*');
    await frame.locator('[data-testid="widget-search-error"][data-problem="searchPrefixTooShort"]').waitFor();
    expect(await frame.getByTestId('widget-search-error').getAttribute('role')).toBe('alert');
    customer.allow.pop();

    // In English too, with the English label.
    await frame.getByTestId('widget-lang').click();
    const englishField = frame.getByLabel('Search your conversations');
    await englishField.fill('invoice');
    await expect.poll(() => results.evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))).toEqual([hotel]);
    expect((await results.first().locator('mark').allInnerTexts()).map((mark) => mark.toLowerCase())).toContain('invoice');
    expect(await audit(widgetFrame)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    await frame.getByTestId('widget-search-clear').click();
    expect(await englishField.inputValue()).toBe('');
    await expect.poll(() => widgetFrame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('widget-search');
    await frame.getByTestId('widget-lang').click();

    // With the keyboard: a result opens its conversation, the message found marked in the thread.
    await field.fill('билет');
    await results.first().waitFor();
    await results.first().focus();
    await customer.page.keyboard.press('Enter');
    await frame.locator('.message--found', { hasText: TRAIN }).waitFor();
    expect(await frame.getByTestId('widget-thread').innerText()).not.toContain('компенсац');
    await screenshot(customer.page, 'widget-search-opened');

    expect(customer.errors).toEqual([]);
  }, 120_000);
});
