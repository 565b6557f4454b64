// The back-office's actions in the conversation's context pane, in Chromium against the real stack:
// an admin declares them through the REST API (a link into the back-office, a request with a field
// prefilled from the conversation, a request the back-office refuses, one it is too slow for); the
// back-office is this test's own HTTP server. An agent opens a customer's conversation, follows the
// link's address, runs the request with the prefilled field edited (busy while it waits, then the
// back-office's answer beside it and as a system message in the thread, the call signed with the
// integration's secret), is told in words when the back-office refuses or does not answer in time,
// with a retry, and sees another conversation's own actions. The pane passes the accessibility audit.
import { verifyWebhook } from '@smartchat/platform';
import { TestResources } from '@smartchat/platform/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './support/audit.js';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const run = randomUUID().slice(0, 8);
const CUSTOMER = `actions-${run}`;
const OTHER_CUSTOMER = `actions-other-${run}`;
const TOPIC = 'Авиабилеты';
const ANSWER = 'Акт сверки запрошен';
const REFUSAL = 'Заявки на изменение сейчас не принимаются';
/** How long the back-office takes to request an act: long enough to see the button busy. */
const ACT_DELAY_MS = 1_500;

interface Call {
  path: string;
  body: { action?: string; conversation?: { id?: string; topic?: string }; customer?: { id?: string } | null; fields?: Record<string, string> };
  verified: boolean;
}

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let agent: WatchedPage;
let anna: Awaited<ReturnType<Stack['createAgent']>>;
let signingSecret = '';
const calls: Call[] = [];
const conversations = { mine: '', other: '' };

const noAudit = { unnamed: [], lowContrast: [], axe: [] };
const pane = (page: Page) => page.getByTestId('actions');
const card = (page: Page, key: string) => pane(page).locator(`[data-testid="action"][data-key="${key}"]`);
const row = (page: Page, conversationId: string) => page.locator(`[data-testid="conversation-row"][data-id="${conversationId}"]`);
const systemMessage = (page: Page, text: string) => page.getByTestId('thread').locator('[data-testid="message"][data-kind="system"]').filter({ hasText: text });
const callsTo = (path: string) => calls.filter((call) => call.path === path);

/** The back-office: requests an act (after a moment), refuses change requests, and is too slow to check anything. */
async function startBackoffice(): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = (name: string) => request.headers[name] as string | undefined;
      const verified = verifyWebhook([signingSecret], { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') }, raw, 300).ok;
      calls.push({ path: request.url ?? '', body: JSON.parse(raw.toString('utf8')) as Call['body'], verified });
      const answer = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.url === '/acts') setTimeout(() => answer(200, { message: ANSWER, url: 'https://bo.example/acts/1' }), ACT_DELAY_MS);
      else if (request.url === '/changes') answer(500, { message: REFUSAL });
      else if (request.url === '/slow') setTimeout(() => answer(200, { message: 'слишком поздно' }), 5_000);
      else answer(404, { message: 'no such thing' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.defer('stop the back-office', () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const backoffice = await startBackoffice();
  // Signing secrets are kept sealed with the server's keyring.
  stack = await startStack(resources, { env: { SMARTCHAT_SECRET_KEYS: `test:${randomBytes(32).toString('base64')}` } });
  browser = await launchBrowser();
  const admin = await stack.createAgent('Ирина Интеграторова', { role: 'admin' });
  const adminToken = await stack.cluster.login(stack.chat[0]!, admin.email, PASSWORD);
  anna = await stack.createAgent('Анна Действиева');

  const created = await stack.api<{ integration: { id: string }; signingSecret: string }>(adminToken, 'POST', '/v1/integrations', { name: `Бэк-офис ${run}` });
  signingSecret = created.signingSecret;
  await stack.api(adminToken, 'PUT', `/v1/integrations/${created.integration.id}/actions`, {
    actions: [
      { key: 'open-trip', label: 'Открыть поездку', kind: 'link', url: 'https://bo.example/trips/{customer.id}' },
      { key: 'request-act', label: 'Запросить акт сверки', kind: 'request', url: `${backoffice}/acts`, fields: [{ name: 'period', label: 'Период', type: 'text', required: true, default: '{conversation.topic}' }] },
      { key: 'request-change', label: 'Создать заявку на изменение', kind: 'request', url: `${backoffice}/changes` },
      { key: 'check-visa', label: 'Проверить визу', kind: 'request', url: `${backoffice}/slow`, timeoutMs: 1_000 },
    ],
  });

  const open = async (externalId: string, name: string, topic: string, body: string) => {
    const token = await stack.cluster.customerToken(externalId, name);
    return (await stack.api<{ conversation: { id: string } }>(token, 'POST', '/v1/conversations', { topic, clientMessageId: `${externalId}-1`, body })).conversation.id;
  };
  conversations.mine = await open(CUSTOMER, 'Ольга Сверкина', TOPIC, 'Пришлите, пожалуйста, акт сверки.');
  conversations.other = await open(OTHER_CUSTOMER, 'Пётр Отелев', 'Отели', 'Нужно поменять даты в отеле.');
  agent = await openPage(browser);
  // The refusals the test provokes are logged by the browser as failed requests.
  agent.allow.push(/status of (502|504) .*\/v1\/conversations\/[^/]+\/actions\//);
}, 240_000);

// A failed step leaves a picture of the console behind.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40);
  await screenshot(agent.page, `failed-actions-${name}`).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe("the back-office's actions in the context pane", () => {
  it('lists the actions of the open conversation: a link into the back-office in a new tab, requests as buttons', async () => {
    const { page } = agent;
    await loginToConsole(page, stack.consoleUrl(1), anna.email, PASSWORD);
    await page.getByTestId('view-teams').click();
    await row(page, conversations.mine).click();
    await pane(page).waitFor({ timeout: 15_000 });
    expect(await pane(page).getByRole('heading', { level: 3 }).innerText()).toMatch(/^(Действия|Actions)$/i);
    expect(await pane(page).getByTestId('action').evaluateAll((cards) => cards.map((item) => item.getAttribute('data-key')))).toEqual(['open-trip', 'request-act', 'request-change', 'check-visa']);

    // The link: filled in from the conversation's customer, opened in a new tab without a way back to the console.
    const link = card(page, 'open-trip').getByTestId('action-link');
    expect(await link.getAttribute('href')).toBe(`https://bo.example/trips/${CUSTOMER}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.innerText()).toContain('Открыть поездку');
    // A request with a field opens its form; one without runs from its button.
    expect(await card(page, 'request-act').getByTestId('action-open').getAttribute('aria-expanded')).toBe('false');
    expect(await card(page, 'request-change').getByTestId('action-run').innerText()).toBe('Создать заявку на изменение');
    expect(await audit(page)).toEqual(noAudit);
    expect(calls).toEqual([]);
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('runs a request with its prefilled field edited: busy while the back-office works, then its answer beside it and in the thread', async () => {
    const { page } = agent;
    const act = card(page, 'request-act');
    await act.getByTestId('action-open').click();
    expect(await act.getByTestId('action-open').getAttribute('aria-expanded')).toBe('true');
    const period = act.getByRole('textbox', { name: /Период/ });
    // Prefilled from the conversation's topic, required, and focused for typing.
    expect(await period.inputValue()).toBe(TOPIC);
    expect(await period.evaluate((input) => (input as HTMLInputElement).required)).toBe(true);
    await expect.poll(() => period.evaluate((input) => document.activeElement === input)).toBe(true);

    // Left blank, it is named before anything is sent.
    await period.fill('   ');
    await act.getByTestId('action-submit').click();
    expect(await act.getByTestId('action-field-error').innerText()).toMatch(/Заполните это поле|Fill in this field/);
    expect(await period.getAttribute('aria-invalid')).toBe('true');
    expect(await period.getAttribute('aria-describedby')).toBe(await act.getByTestId('action-field-error').getAttribute('id'));
    expect(await audit(page)).toEqual(noAudit);
    expect(callsTo('/acts')).toHaveLength(0);

    await period.fill('Ноябрь 2026');
    await act.getByTestId('action-submit').click();
    const submit = act.getByTestId('action-submit');
    expect(await submit.getAttribute('aria-busy')).toBe('true');
    expect(await submit.isDisabled()).toBe(true);
    expect(await submit.innerText()).toMatch(/Выполняется…|Running…/);

    const result = act.getByTestId('action-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.innerText()).toContain(ANSWER);
    expect(await result.getByTestId('action-result-link').getAttribute('href')).toBe('https://bo.example/acts/1');
    expect(await result.getByTestId('action-result-link').getAttribute('rel')).toBe('noopener noreferrer');
    // The answer is announced (a status region), and the form has closed.
    expect(await act.locator('[role="status"]').innerText()).toContain(ANSWER);
    expect(await act.getByTestId('action-form').count()).toBe(0);
    expect(await act.getByTestId('action-open').getAttribute('aria-expanded')).toBe('false');

    // The server posted it into the conversation: it arrives in the thread like any message.
    await systemMessage(page, ANSWER).waitFor({ timeout: 15_000 });
    expect(await systemMessage(page, ANSWER).innerText()).toContain('Запросить акт сверки');

    // What the back-office received: signed with the integration's secret, the field as edited.
    const [call] = callsTo('/acts');
    expect(call).toMatchObject({ verified: true, body: { action: 'request-act', conversation: { id: conversations.mine, topic: TOPIC }, customer: { id: CUSTOMER }, fields: { period: 'Ноябрь 2026' } } });
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-actions-done');
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('says in words when the back-office refuses or does not answer in time, and offers to try again', async () => {
    const { page } = agent;
    const change = card(page, 'request-change');
    await change.getByTestId('action-run').click();
    const refused = change.getByTestId('action-error');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.innerText()).toMatch(new RegExp(`^(Бэк-офис отказал|The back-office refused): ${REFUSAL}$`));
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(callsTo('/changes')).toHaveLength(1);
    // Trying again calls the back-office again (and is refused again).
    await change.getByTestId('action-retry').click();
    await expect.poll(() => callsTo('/changes').length).toBe(2);
    await refused.waitFor();
    expect(await refused.innerText()).toContain(REFUSAL);

    const visa = card(page, 'check-visa');
    await visa.getByTestId('action-run').click();
    expect(await visa.getByTestId('action-run').getAttribute('aria-busy')).toBe('true');
    await visa.getByTestId('action-error').waitFor({ timeout: 15_000 });
    expect(await visa.getByTestId('action-error').innerText()).toMatch(/Бэк-офис не ответил вовремя|The back-office did not answer in time/);
    expect(await visa.getByTestId('action-retry').isVisible()).toBe(true);
    expect(await visa.getByTestId('action-run').getAttribute('aria-busy')).toBe('false');

    // A refused run posts nothing into the conversation.
    expect(await page.getByTestId('thread').locator('[data-kind="system"]').filter({ hasText: /Создать заявку|Проверить визу/ }).count()).toBe(0);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-actions-refused');
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it("shows another conversation's own actions when the agent moves to it", async () => {
    const { page } = agent;
    await row(page, conversations.other).click();
    await expect.poll(() => card(page, 'open-trip').getByTestId('action-link').getAttribute('href'), { timeout: 15_000 }).toBe(`https://bo.example/trips/${OTHER_CUSTOMER}`);
    // Nothing of the other conversation's runs is carried over; the field is prefilled from this one.
    expect(await pane(page).getByTestId('action-result').count()).toBe(0);
    expect(await pane(page).getByTestId('action-error').count()).toBe(0);
    await card(page, 'request-act').getByTestId('action-open').click();
    expect(await card(page, 'request-act').getByRole('textbox', { name: /Период/ }).inputValue()).toBe('Отели');
    expect(await audit(page)).toEqual(noAudit);
    expect(agent.errors).toEqual([]);
  }, 60_000);
});
