// Message search in the console (issue 26), in Chromium against real chat processes, a balancer and
// the search indexer: customers write in Russian and English, an agent finds a Russian word in
// another form ("билет" finds "билеты"), sees it highlighted, opens the conversation at that
// message (deep in a long thread, loaded back to it and outlined), finds messages from the command
// menu with the keyboard, runs a recent search again, and is told in words when a query cannot be
// searched. The pages pass the accessibility audit.
import { eventually, TestResources } from '@smartchat/platform/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './support/audit.js';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

/** Messages after the one searched for: more than the thread's first page (100), so opening it pages back. */
const LATER_MESSAGES = 130;
const REFUND_TEXT = 'Здравствуйте! Хочу вернуть билеты на рейс в Казань, поездка отменилась.';
const REPLY_TEXT = 'Оформим возврат билетов сегодня, деньги придут за 5 дней.';
const TRAIN_TEXT = 'Электронный билет на поезд так и не пришёл на почту.';
const HOTEL_TEXT = 'I need a refund for the hotel booking in Sochi, please.';
/** Conversations about a visa: more than one page of results (20). */
const VISA_CONVERSATIONS = 23;

interface Hit {
  messageId: string;
  snippet: { text: string; match: boolean }[];
}
interface SearchAnswer {
  results: { conversation: { id: string }; matches: number; hits: (Hit & { deleted: boolean })[] }[];
}

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let agent: WatchedPage;
let anna: Awaited<ReturnType<Stack['createAgent']>>;
let annaToken: string;
const conversations = { refund: '', train: '', hotel: '' };
/** The customer's "Хочу вернуть билеты" message in the long conversation, and Anna's reply to it. */
let refundMessageId = '';
let replyMessageId = '';

const noAudit = { unnamed: [], lowContrast: [], axe: [] };
const result = (page: Page, conversationId: string) => page.locator(`[data-testid="search-result"][data-conversation-id="${conversationId}"]`);
const threadMessage = (page: Page, messageId: string) => page.locator(`[data-testid="thread"] [data-testid="message"][data-id="${messageId}"]`);
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const focusedMessageId = (page: Page) => page.evaluate(() => (document.activeElement?.getAttribute('data-testid') === 'message' ? document.activeElement.getAttribute('data-id') : null));
const search = (q: string, token = annaToken, extra = '') => stack.api<SearchAnswer & { nextCursor: string | null }>(token, 'GET', `/v1/search?q=${encodeURIComponent(q)}${extra}`);

/** Whether the element is inside the thread's visible area. */
const inView = (page: Page, messageId: string) =>
  page.evaluate((id) => {
    const element = document.querySelector(`[data-testid="thread"] [data-testid="message"][data-id="${id}"]`);
    const thread = document.querySelector('[data-testid="thread"]');
    if (!element || !thread) return false;
    const box = element.getBoundingClientRect();
    const area = thread.getBoundingClientRect();
    return box.top >= area.top - 1 && box.bottom <= area.bottom + 1;
  }, messageId);

beforeAll(async () => {
  // One customer writes the long thread as fast as the path takes it: no per-sender limit here.
  stack = await startStack(resources, { search: true, env: { SMARTCHAT_SEND_LIMIT_PER_10S: '100000' } });
  browser = await launchBrowser();
  anna = await stack.createAgent('Анна Искатель');
  annaToken = await stack.cluster.login(stack.chat[0]!, anna.email, PASSWORD);

  const open = async (externalId: string, name: string, topic: string, clientMessageId: string, body: string) => {
    const token = await stack.cluster.customerToken(externalId, name);
    const opened = await stack.api<{ conversation: { id: string } }>(token, 'POST', '/v1/conversations', { topic, clientMessageId, body });
    return { token, id: opened.conversation.id };
  };
  // The long one: a greeting, the refund request, the agent's answer, then many more messages.
  const olga = await open('search-olga', 'Ольга Билетова', 'Авиабилеты', 'search-olga-1', 'Добрый день.');
  conversations.refund = olga.id;
  await stack.api(olga.token, 'POST', `/v1/conversations/${olga.id}/messages`, { clientMessageId: 'search-olga-2', body: REFUND_TEXT });
  await stack.api(annaToken, 'POST', `/v1/conversations/${olga.id}/messages`, { clientMessageId: 'search-anna-1', kind: 'reply', body: REPLY_TEXT });
  for (let from = 1; from <= LATER_MESSAGES; from += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, LATER_MESSAGES - from + 1) }, (_, i) =>
        stack.api(olga.token, 'POST', `/v1/conversations/${olga.id}/messages`, { clientMessageId: `search-olga-later-${from + i}`, body: `Уточнение ${from + i}: пересадка в Москве, багаж один.` }),
      ),
    );
  }
  conversations.train = (await open('search-pavel', 'Павел Поездов', 'Авиабилеты', 'search-pavel-1', TRAIN_TEXT)).id;
  conversations.hotel = (await open('search-john', 'John Traveller', 'Отели', 'search-john-1', HOTEL_TEXT)).id;

  // One after another, so that their order (newest first) is known.
  for (let n = 1; n <= VISA_CONVERSATIONS; n += 1) await open(`search-visa-${n}`, `Клиент визы ${n}`, 'Авиабилеты', `search-visa-${n}`, `Нужна виза для поездки номер ${n}?`);

  // The indexer reads the messages from the event stream: wait until the API finds them.
  const found = await eventually(
    'the messages indexed',
    async () => {
      const [tickets, refund, visas] = await Promise.all([search('билет'), search('refund'), search('виза', annaToken, '&limit=50')]);
      const olgaResult = tickets.results.find((entry) => entry.conversation.id === conversations.refund);
      const ready = olgaResult && olgaResult.matches >= 2 && tickets.results.some((entry) => entry.conversation.id === conversations.train) && refund.results.some((entry) => entry.conversation.id === conversations.hotel) && visas.results.length === VISA_CONVERSATIONS;
      return ready ? olgaResult : undefined;
    },
    60_000,
    500,
  );
  const hitWith = (text: string) => found.hits.find((hit) => hit.snippet.map((part) => part.text).join('').includes(text))!.messageId;
  refundMessageId = hitWith('вернуть');
  replyMessageId = hitWith('Оформим');
  agent = await openPage(browser);
}, 240_000);

// A failed step leaves a picture of the console behind.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40);
  await screenshot(agent.page, `failed-search-${name}`).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe('message search in the console', () => {
  it('finds a Russian word in another form, grouped by conversation, the matched words highlighted', async () => {
    const { page } = agent;
    await loginToConsole(page, stack.consoleUrl(1), anna.email, PASSWORD);
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-page').waitFor();
    // The box has focus; nothing searched yet, so nothing remembered either.
    await expect.poll(() => focusedTestId(page)).toBe('search-input');
    await page.getByTestId('search-enter-query').waitFor();
    expect(await page.getByTestId('search-recent').count()).toBe(0);
    // An agent without messages.history is not offered deleted messages.
    expect(await page.getByTestId('search-deleted').count()).toBe(0);

    await page.getByTestId('search-input').pressSequentially('билет');
    const olga = result(page, conversations.refund);
    await olga.waitFor({ timeout: 15_000 });
    await result(page, conversations.train).waitFor();
    expect(await result(page, conversations.hotel).count()).toBe(0);
    // The query is in the address, so the search can be reloaded or shared.
    expect(new URL(page.url()).searchParams.get('q')).toBe('билет');
    expect(await page.getByTestId('search-terms').innerText()).toContain('билет');

    expect(await olga.getByTestId('search-result-link').innerText()).toBe('Ольга Билетова');
    expect(await olga.getByTestId('search-matches').innerText()).toBe('2 совпадения');
    expect(await result(page, conversations.train).getByTestId('search-matches').innerText()).toBe('1 совпадение');
    // Each hit: the snippet with the word found in its form in the message, inside <mark>.
    const hit = olga.locator(`[data-testid="search-hit"][data-message-id="${refundMessageId}"]`);
    expect(await hit.getByTestId('search-snippet').innerText()).toContain('Хочу вернуть билеты');
    expect((await hit.locator('mark').allInnerTexts()).map((text) => text.toLowerCase())).toContain('билеты');
    const reply = olga.getByTestId('search-hit').filter({ hasText: 'Оформим возврат' });
    expect((await reply.locator('mark').allInnerTexts()).map((text) => text.toLowerCase())).toContain('билетов');
    expect(await reply.innerText()).toMatch(/^Ответ/);
    // Highlights are text in <mark>, readable against their background.
    const marked = await hit.locator('mark').first().evaluate((element) => ({ tag: element.tagName, background: getComputedStyle(element).backgroundColor }));
    expect(marked).toEqual({ tag: 'MARK', background: 'rgb(255, 229, 138)' });

    // A reload runs the same search.
    await page.reload();
    await result(page, conversations.refund).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('search-input').inputValue()).toBe('билет');

    // Filters narrow it, and live in the address too: messages from tomorrow on are none.
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    await page.getByTestId('search-from').fill(tomorrow);
    await expect.poll(() => page.getByTestId('search-summary').innerText(), { timeout: 15_000 }).toBe('Ничего не нашлось. Попробуйте другие слова или уберите фильтры.');
    expect(new URL(page.url()).searchParams.get('from')).toBe(tomorrow);
    await page.getByTestId('search-clear-filters').click();
    await result(page, conversations.refund).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('from')).toBeNull();

    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-search-results');
    expect(agent.errors).toEqual([]);
  }, 90_000);

  it('shows further conversations page by page, focus moving to the first one added', async () => {
    const { page } = agent;
    await page.getByTestId('search-input').fill('виза');
    const summary = page.getByTestId('search-summary');
    await expect.poll(() => summary.innerText(), { timeout: 15_000 }).toBe('Показано разговоров: 20, есть ещё');
    await page.getByTestId('search-load-more').click();
    await expect.poll(() => summary.innerText(), { timeout: 15_000 }).toBe(`Показано разговоров: ${VISA_CONVERSATIONS}`);
    const ids = await page.getByTestId('search-result').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-conversation-id')));
    expect(new Set(ids).size).toBe(VISA_CONVERSATIONS);
    // Newest first across the pages: the oldest conversation last.
    expect(await page.getByTestId('search-result').last().getByTestId('search-result-link').innerText()).toBe('Клиент визы 1');
    expect(await page.getByTestId('search-load-more').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="search-result"]')?.getAttribute('data-conversation-id') ?? null)).toBe(ids[20]);
    expect(await audit(page)).toEqual(noAudit);
    // Back to the first search for the next step.
    await page.getByTestId('search-input').fill('билет');
    await result(page, conversations.refund).waitFor({ timeout: 15_000 });
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('opens a hit at its message: the history is loaded back to it, the message outlined and focused', async () => {
    const { page } = agent;
    await result(page, conversations.refund).locator(`[data-testid="search-hit"][data-message-id="${refundMessageId}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('message')).toBe(refundMessageId);
    expect(new URL(page.url()).pathname).toBe(`/console/inbox/teams/${conversations.refund}`);
    const target = threadMessage(page, refundMessageId);
    await target.and(page.locator('[data-target="true"]')).waitFor({ timeout: 20_000 });
    expect(await target.innerText()).toContain('Хочу вернуть билеты');
    await expect.poll(() => focusedMessageId(page)).toBe(refundMessageId);
    await expect.poll(() => inView(page, refundMessageId)).toBe(true);
    // What came before it is there to read (the page above it was loaded too), and nothing said it was missing.
    await page.getByTestId('thread').getByTestId('message').filter({ hasText: 'Добрый день.' }).waitFor();
    expect(await page.getByTestId('thread-notice').count()).toBe(0);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-search-opened-message');
    // The outline goes after a few seconds; the message stays where it is.
    await target.and(page.locator('[data-target="true"]')).waitFor({ state: 'detached', timeout: 10_000 });

    // The address is a link to the message: opened again, it lands there again.
    await page.reload();
    await threadMessage(page, refundMessageId).and(page.locator('[data-target="true"]')).waitFor({ timeout: 20_000 });
    await expect.poll(() => inView(page, refundMessageId)).toBe(true);

    // A link to a message the conversation does not have says so, and shows the end of the thread.
    await page.goto(`${stack.consoleUrl(1)}inbox/teams/${conversations.refund}?message=00000000-0000-1000-8000-000000000000`);
    await page.getByTestId('thread-notice').and(page.locator('[data-kind="missing"]')).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('thread-notice').innerText()).toContain('Сообщение из ссылки не найдено');
    expect(agent.errors).toEqual([]);
  }, 90_000);

  it('searches messages from the command menu, by keyboard, and opens the full search from there', async () => {
    const { page } = agent;
    await page.keyboard.press('Control+k');
    const menu = page.getByTestId('command-menu');
    await menu.waitFor();
    await page.getByTestId('command-input').pressSequentially('refund');
    const found = menu.locator(`[data-testid="command-message"][data-conversation-id="${conversations.hotel}"]`);
    await found.waitFor({ timeout: 15_000 });
    expect((await found.getByTestId('command-message-snippet').locator('mark').allInnerTexts()).map((text) => text.toLowerCase())).toContain('refund');
    await menu.getByTestId('command-search-all').waitFor();
    expect(await menu.getByTestId('command-search-all').innerText()).toBe('Искать во всех сообщениях: «refund»');
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-search-command-menu');

    // Arrow keys reach the message like any command; Enter opens its conversation at it.
    for (let step = 0; step < 40 && (await found.getAttribute('aria-selected')) !== 'true'; step += 1) await page.keyboard.press('ArrowDown');
    expect(await found.getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('command-input').getAttribute('aria-activedescendant')).toBe(await found.getAttribute('id'));
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/inbox/teams/${conversations.hotel}`);
    await page.getByTestId('thread').getByTestId('message').filter({ hasText: 'refund for the hotel' }).and(page.locator('[data-target="true"]')).waitFor({ timeout: 15_000 });

    // "Search all messages" opens the search page with the text.
    await page.keyboard.press('Control+k');
    await menu.waitFor();
    await page.getByTestId('command-input').pressSequentially('поезд');
    await menu.getByTestId('command-search-all').waitFor();
    await menu.getByTestId('command-search-all').click();
    await page.getByTestId('search-page').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('поезд');
    await result(page, conversations.train).waitFor({ timeout: 15_000 });
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('remembers recent searches with their filters, runs one again on a click, and forgets them on "clear"', async () => {
    const { page } = agent;
    // From anywhere, `/` opens the search with the box focused; the help lists the key.
    await page.getByTestId('view-teams').click();
    await page.getByTestId('conversation-list').focus();
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    expect(await help.getByRole('row').filter({ hasText: 'Поиск по сообщениям' }).locator('kbd').innerText()).toBe('/');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    await page.getByTestId('search-page').waitFor();
    await expect.poll(() => focusedTestId(page)).toBe('search-input');

    // A search with a filter, run with Enter, is remembered.
    await page.getByTestId('search-input').fill('вернуть');
    await page.getByTestId('search-status').selectOption({ label: 'Открыт' });
    await page.getByTestId('search-input').press('Enter');
    await result(page, conversations.refund).waitFor({ timeout: 15_000 });

    // The empty box lists them, newest first: this one with its filter, then those run before.
    await page.getByTestId('search-input').fill('');
    const recent = page.getByTestId('search-recent');
    await recent.waitFor();
    const items = recent.getByTestId('search-recent-item');
    // Searches run (Enter, a result opened, a link), not each pause in typing.
    expect(await items.allInnerTexts()).toEqual(['вернуть · Статус: Открыт', 'поезд', 'билет']);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-search-recent');

    // Kept in the browser: still there after a reload, and a click runs it again with its filters.
    await page.goto(`${stack.consoleUrl(1)}search`);
    await recent.waitFor();
    await items.filter({ hasText: 'вернуть' }).click();
    await result(page, conversations.refund).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('search-input').inputValue()).toBe('вернуть');
    expect(new URL(page.url()).searchParams.get('status')).toBe('open');

    await page.getByTestId('search-input').fill('');
    await page.getByTestId('search-recent-clear').click();
    await recent.waitFor({ state: 'detached' });
    await expect.poll(() => focusedTestId(page)).toBe('search-input');
    await page.reload();
    await page.getByTestId('search-enter-query').waitFor();
    expect(await recent.count()).toBe(0);
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('says in words why a query cannot be searched', async () => {
    const { page } = agent;
    const input = page.getByTestId('search-input');
    const error = page.getByTestId('search-error');
    // The browser logs each refused request; the page puts them in words.
    agent.allow.push(/status of 422 \(Unprocessable Entity\) @ .*\/v1\/search\?/);
    // Nothing searchable: only punctuation.
    await input.fill('!!! ???');
    await expect.poll(() => error.innerText(), { timeout: 15_000 }).toContain('В запросе нет слов для поиска');
    // A prefix too short to search by.
    await input.fill('би*');
    await expect.poll(() => error.innerText(), { timeout: 15_000 }).toContain('Перед звёздочкой нужно хотя бы 3 буквы или цифры');
    expect(await audit(page)).toEqual(noAudit);
    // In English too.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => error.innerText()).toContain('A word with a star needs at least 3 letters or digits');
    // An unbalanced quote is read as closed at the end: it searches.
    await input.fill('"вернуть билеты');
    await result(page, conversations.refund).waitFor({ timeout: 15_000 });
    expect(await error.count()).toBe(0);
    expect(await result(page, conversations.refund).getByTestId('search-matches').innerText()).toBe('1 match');
    await page.getByTestId('lang-switch').click();
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('shows deleted messages, flagged, only to those who may see them', async () => {
    // Anna deletes her reply; an admin (messages.history) may still find it, marked as deleted.
    await stack.api(annaToken, 'DELETE', `/v1/conversations/${conversations.refund}/messages/${replyMessageId}`);
    const admin = await stack.createAgent('Ирина Архивова', { role: 'admin' });
    const adminToken = await stack.cluster.login(stack.chat[0]!, admin.email, PASSWORD);
    await eventually(
      'the deletion indexed',
      async () => {
        const hits = (await search('оформим', adminToken, '&includeDeleted=true')).results.flatMap((entry) => entry.hits);
        return hits.some((hit) => hit.messageId === replyMessageId && hit.deleted) && (await search('оформим')).results.length === 0;
      },
      30_000,
      300,
    );
    // Anna is not offered deleted messages (checked above); the admin is, and sees the flag.
    const tab = await openPage(browser);
    await loginToConsole(tab.page, stack.consoleUrl(0), admin.email, PASSWORD, 'search?q=оформим');
    await tab.page.getByTestId('search-page').waitFor();
    await tab.page.getByTestId('search-summary').filter({ hasText: 'Ничего не нашлось' }).waitFor({ timeout: 15_000 });
    await tab.page.getByTestId('search-deleted').check();
    expect(new URL(tab.page.url()).searchParams.get('deleted')).toBe('1');
    const hit = tab.page.locator(`[data-testid="search-hit"][data-message-id="${replyMessageId}"]`);
    await hit.waitFor({ timeout: 15_000 });
    expect(await hit.getAttribute('data-deleted')).toBe('true');
    expect(await hit.getByTestId('search-hit-deleted').innerText()).toBe('удалено');
    expect((await hit.locator('mark').allInnerTexts()).map((text) => text.toLowerCase())).toContain('оформим');
    expect(await audit(tab.page)).toEqual(noAudit);
    await screenshot(tab.page, 'console-search-deleted');
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  }, 60_000);
});
