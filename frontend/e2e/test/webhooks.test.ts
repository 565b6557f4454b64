// Outbound webhooks and agent actions set up in the console, in Chromium against the real stack
// (chat processes queueing webhooks from this stack's own events topic): an admin adds an endpoint
// pointing at a back-office stand-in this test runs on loopback, reads its secret once, sends a test
// event and sees its progress and what the endpoint answered. A customer then opens a conversation:
// its deliveries appear in the log and, refused by the back-office, die after their attempts; the
// admin reads one delivery's attempts (request and answer) and redelivers it once the back-office
// answers again. The endpoint is changed and deleted. The integration's agent actions are declared
// in the actions tab, the server's refusals shown beside their fields, and saved. Every screen
// passes the accessibility audit.
import { SIGNING_SECRET_PATTERN } from '@smartchat/contracts';
import { verifyWebhook } from '@smartchat/platform';
import { TestResources } from '@smartchat/platform/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './support/audit.js';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const run = randomUUID().slice(0, 8);
const FIRST_MESSAGE = `Здравствуйте! Где мой билет? (${run})`;

interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  event: { type: string; data: Record<string, unknown> };
  answered: number;
}

/** The back-office's webhook receiver on loopback: records every request, answers with `status` after `delayMs`. */
class BackOffice {
  readonly received: Received[] = [];
  status = 500;
  delayMs = 0;
  url = '';
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const status = this.status;
        this.received.push({ headers: request.headers, raw, event: JSON.parse(raw.toString('utf8')) as Received['event'], answered: status });
        setTimeout(() => response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `failure ${status}`), this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/smartchat/webhooks`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Whether the request carries a valid signature by `secret` (Standard Webhooks). */
  verified(request: Received, secret: string): boolean {
    const header = (name: string) => request.headers[name] as string | undefined;
    return verifyWebhook([secret], { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') }, request.raw, 300).ok;
  }
}

const resources = new TestResources();
const backOffice = new BackOffice();
let stack: Stack;
let browser: Browser;
let agent: WatchedPage;
let adminToken: string;
let integrationId: string;
let endpointId: string;
let endpointSecret: string;
let conversationId: string;

const noAudit = { unnamed: [], lowContrast: [], axe: [] };
const detail = (page: Page) => page.getByTestId('admin-integration-detail');
const endpointRow = (page: Page) => detail(page).locator(`[data-testid="admin-webhook-row"][data-id="${endpointId}"]`);
const deliveryRows = (page: Page, type: string) => detail(page).getByTestId('admin-delivery-row').and(page.locator(`[data-type="${type}"]`));
const searchParam = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);
/** A delivery row's state, null while there is no such row (without waiting for one). */
const stateOf = async (row: Locator) => ((await row.count()) === 1 ? row.getAttribute('data-state') : null);

/** What the page shows and holds: its text, its markup and every field's value. */
const everythingShown = (page: Page) =>
  page.evaluate(() => [document.body.innerText, document.documentElement.outerHTML, ...[...document.querySelectorAll('input, textarea, select')].map((field) => (field as HTMLInputElement).value)].join('\n'));

/** Reads the log again (with the endpoint's counts) until `check` holds. */
async function refreshUntil(page: Page, check: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      async () => {
        await detail(page).getByTestId('admin-deliveries-refresh').click();
        await detail(page).getByTestId('admin-deliveries-refresh').and(page.locator(':enabled')).waitFor();
        return check();
      },
      { timeout, interval: 500 },
    )
    .toBe(true);
}

beforeAll(async () => {
  await backOffice.start();
  resources.defer('stop the back-office stand-in', () => backOffice.stop());
  stack = await startStack(resources, {
    webhooks: true,
    env: {
      // Endpoint secrets are kept sealed with the server's keyring.
      SMARTCHAT_SECRET_KEYS: `test:${randomBytes(32).toString('base64')}`,
      // Two attempts a little apart: a refused delivery is dead within a second.
      SMARTCHAT_WEBHOOK_ATTEMPTS: '2',
      SMARTCHAT_WEBHOOK_RETRY_BASE_MS: '200',
      SMARTCHAT_INTEGRATION_POLL_MS: '200',
    },
  });
  browser = await launchBrowser();
  const admin = await stack.createAgent('Вера Вебхукова', { role: 'admin' });
  adminToken = await stack.cluster.login(stack.chat[0]!, admin.email, PASSWORD);
  integrationId = (await stack.api<{ integration: { id: string } }>(adminToken, 'POST', '/v1/integrations', { name: `Бэк-офис ${run}` })).integration.id;
  agent = await openPage(browser);
  // Opened by its address: the integration, on its webhooks tab.
  await loginToConsole(agent.page, stack.consoleUrl(), admin.email, PASSWORD, `admin/integrations?integration=${integrationId}&panel=webhooks`);
}, 240_000);

// A failed step leaves a picture behind.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await screenshot(agent.page, `failed-webhooks-${context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40)}`).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe('webhooks, set up in the console', () => {
  it('an admin adds an endpoint; its secret is shown once and its delivery log opens', async () => {
    const { page } = agent;
    await detail(page).waitFor();
    expect(await detail(page).getByRole('tab', { selected: true }).innerText()).toMatch(/^(Вебхуки|Webhooks)$/);
    const panel = detail(page).getByTestId('admin-integration-webhooks');
    await panel.getByText(/Адресов пока нет|No endpoints yet/).waitFor();
    expect(await audit(page)).toEqual(noAudit);

    await panel.getByTestId('admin-webhook-new').click();
    const dialog = page.getByTestId('admin-webhook-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('admin-webhook-url').fill(backOffice.url);
    await dialog.getByTestId('admin-webhook-description').fill('Бэк-офис, стенд');
    // What a back-office usually follows is chosen to begin with; internal data is not, and is explained.
    const events = dialog.getByTestId('admin-webhook-events');
    expect(await events.getByRole('checkbox', { checked: true }).count()).toBe(3);
    expect(await events.getByRole('checkbox', { name: /^message\.created/ }).isChecked()).toBe(true);
    expect(await dialog.getByTestId('admin-webhook-internal').isChecked()).toBe(false);
    expect(await dialog.getByTestId('admin-webhook-internal-hint').innerText()).toMatch(/заметки, системные сообщения и внутренние разговоры — только для адреса ваших собственных сотрудников/);
    expect(await audit(page)).toEqual(noAudit);
    await dialog.getByTestId('admin-webhook-save').click();
    await dialog.waitFor({ state: 'detached' });

    const secretDialog = page.getByTestId('admin-secret-dialog');
    await secretDialog.waitFor();
    expect(await secretDialog.getByTestId('admin-secret-warning').innerText()).toMatch(/только один раз|shown this once/);
    endpointSecret = await secretDialog.getByTestId('admin-secret-value').inputValue();
    expect(endpointSecret).toMatch(SIGNING_SECRET_PATTERN);
    expect(await audit(page)).toEqual(noAudit);
    await secretDialog.getByTestId('admin-secret-done').click();
    await secretDialog.waitFor({ state: 'detached' });

    const row = panel.getByTestId('admin-webhook-row');
    await row.waitFor();
    endpointId = (await row.getAttribute('data-id'))!;
    expect(await row.getAttribute('data-enabled')).toBe('true');
    expect(await row.innerText()).toContain(backOffice.url);
    expect(await row.getByTestId('admin-webhook-failed').getAttribute('data-count')).toBe('0');
    // The new endpoint's log is open, and kept in the address.
    await detail(page).getByTestId('admin-webhook-log').waitFor();
    expect(searchParam(page, 'endpoint')).toBe(endpointId);
    expect(searchParam(page, 'panel')).toBe('webhooks');
    // Once its dialog is closed the secret is nowhere in the page.
    expect(await everythingShown(page)).not.toContain(endpointSecret.slice('whsec_'.length));
    expect(await audit(page)).toEqual(noAudit);
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('a test send shows its progress while the endpoint is waited for, then what it answered', async () => {
    const { page } = agent;
    const log = detail(page).getByTestId('admin-webhook-log');
    const result = log.getByTestId('admin-webhook-test-result');
    backOffice.status = 500;
    backOffice.delayMs = 3_000;
    await log.getByTestId('admin-webhook-test').click();
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 5_000 }).toBe('waiting');
    expect(await log.getByTestId('admin-webhook-test').getAttribute('aria-disabled')).toBe('true');
    expect(await result.innerText()).toMatch(/Ждём ответа|Waiting for the answer/);
    await expect.poll(() => log.getByTestId('admin-webhook-test').innerText(), { timeout: 5_000 }).toMatch(/(Ждём ответа|Waiting for the answer)… [2-9] (с|s)/);
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    expect(await log.getByTestId('admin-webhook-test-outcome').innerText()).toMatch(/^(Не доставлено: ответ 500 за|Not delivered: answered 500 in) \d+ (мс|ms)\.$/);
    expect(await log.getByTestId('admin-webhook-test-answer').innerText()).toBe('failure 500');
    // The button kept focus while it waited.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('admin-webhook-test');
    expect(await audit(page)).toEqual(noAudit);

    backOffice.status = 200;
    backOffice.delayMs = 0;
    await log.getByTestId('admin-webhook-test').click();
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 15_000 }).toBe('delivered');
    expect(await log.getByTestId('admin-webhook-test-outcome').innerText()).toMatch(/^(Доставлено: ответ 200 за|Delivered: answered 200 in) \d+ (мс|ms)\.$/);

    // Both are in the log; the failed test is not called dead, and not counted as dead.
    const tests = deliveryRows(page, 'webhook.test');
    await expect.poll(() => tests.count(), { timeout: 10_000 }).toBe(2);
    expect(await tests.first().getAttribute('data-state')).toBe('delivered');
    expect(await tests.nth(1).getAttribute('data-state')).toBe('testFailed');
    expect(await endpointRow(page).getByTestId('admin-webhook-failed').getAttribute('data-count')).toBe('0');
    // What reached the back-office: two signed webhook.test events.
    expect(backOffice.received.map((request) => [request.event.type, request.answered])).toEqual([
      ['webhook.test', 500],
      ['webhook.test', 200],
    ]);
    expect(backOffice.received.every((request) => backOffice.verified(request, endpointSecret))).toBe(true);
    expect(backOffice.received[0]!.event.data).toMatchObject({ integrationId, endpointId });
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-webhooks-test-send');
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('a customer’s new conversation is sent to the endpoint; refused, its deliveries die after their attempts and say so', async () => {
    const { page } = agent;
    backOffice.status = 500;
    const customerToken = await stack.cluster.customerToken(`wh-${run}`, 'Пётр Клиентов');
    conversationId = (await stack.api<{ conversation: { id: string } }>(customerToken, 'POST', '/v1/conversations', { topic: 'Авиабилеты', clientMessageId: `wh-${run}-first`, body: FIRST_MESSAGE })).conversation.id;

    const message = deliveryRows(page, 'message.created');
    const opened = deliveryRows(page, 'conversation.created');
    await refreshUntil(page, async () => (await stateOf(message)) === 'dead' && (await stateOf(opened)) === 'dead');
    expect(await message.getByTestId('admin-delivery-state').innerText()).toMatch(/^(не доставлено|dead — not delivered)$/);
    expect(await message.innerText()).toMatch(/попытки исчерпаны — отправьте снова|attempts used up — redeliver it/);
    expect(await message.getByTestId('admin-delivery-error').innerText()).toMatch(/^(последний ответ|last answer): 500$/);
    expect(await message.locator('td.admin-count').innerText()).toBe('2');
    // The endpoint says at a glance that something is wrong.
    await expect.poll(() => endpointRow(page).getByTestId('admin-webhook-failed').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    expect(await endpointRow(page).getByTestId('admin-webhook-failed').getAttribute('class')).toContain('danger');

    // Only the dead ones, when asked.
    await detail(page).getByTestId('admin-deliveries-status').selectOption('failed');
    await expect.poll(() => detail(page).getByTestId('admin-delivery-row').and(page.locator('[data-status="delivered"]')).count(), { timeout: 10_000 }).toBe(0);
    expect(await message.count()).toBe(1);
    // Each delivery was tried twice, refused, with the same webhook-id.
    const tries = backOffice.received.filter((request) => request.event.type === 'message.created');
    expect(tries.map((request) => request.answered)).toEqual([500, 500]);
    expect(new Set(tries.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(tries[0]!.event.data).toMatchObject({ conversationId, body: FIRST_MESSAGE, kind: 'customer' });
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-webhooks-dead');
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('a dead delivery’s attempts show the request and the answer; redelivered once the back-office answers, it is delivered', async () => {
    const { page } = agent;
    const message = deliveryRows(page, 'message.created');
    await message.getByTestId('admin-delivery-details').click();
    const dialog = page.getByTestId('admin-delivery-dialog');
    await dialog.waitFor();
    const attempts = dialog.getByTestId('admin-delivery-attempt');
    await expect.poll(() => attempts.count(), { timeout: 10_000 }).toBe(2);
    for (const attempt of await attempts.all()) {
      expect(await attempt.getByTestId('admin-attempt-status').innerText()).toMatch(/^(ответ|answered) 500$/);
      const headers = await attempt.getByTestId('admin-attempt-headers').innerText();
      expect(headers).toMatch(/^webhook-id: msg_[0-9a-f]{32}$/m);
      expect(headers).toMatch(/^webhook-signature: v1,/m);
      const request = await attempt.getByTestId('admin-attempt-request').innerText();
      // Indented JSON: the event's type on its own line, the customer's words in it.
      expect(request).toMatch(/^ {2}"type": "message\.created",$/m);
      expect(request).toContain(FIRST_MESSAGE);
      expect(await attempt.getByTestId('admin-attempt-response').innerText()).toBe('failure 500');
    }
    expect(await dialog.getByTestId('admin-delivery-dialog-state').innerText()).toMatch(/^(не доставлено|dead — not delivered)$/);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-webhooks-delivery');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Focus is back on the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('admin-delivery-details');

    backOffice.status = 200;
    const before = backOffice.received.length;
    await message.getByTestId('admin-delivery-redeliver').click();
    // The row is read again until the sender has tried it.
    await expect.poll(() => message.getAttribute('data-state'), { timeout: 20_000 }).toBe('delivered');
    expect(await message.innerText()).toMatch(/доставлено \d|delivered \d/);
    const again = backOffice.received.slice(before).filter((request) => request.event.type === 'message.created');
    expect(again.map((request) => request.answered)).toEqual([200]);
    expect(backOffice.verified(again[0]!, endpointSecret)).toBe(true);
    expect(again[0]!.headers['webhook-id']).toBe(backOffice.received.find((request) => request.event.type === 'message.created')!.headers['webhook-id']);
    // One dead delivery is left (the conversation's opening), and the endpoint says so.
    await expect.poll(() => endpointRow(page).getByTestId('admin-webhook-failed').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    expect(await audit(page)).toEqual(noAudit);
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('a new secret is shown once; webhooks are signed with it, and with the old one beside it for the overlap', async () => {
    const { page } = agent;
    const log = detail(page).getByTestId('admin-webhook-log');
    await log.getByTestId('admin-webhook-rotate').click();
    const rotate = page.getByTestId('admin-rotate-dialog');
    await rotate.waitFor();
    expect(await rotate.getByTestId('admin-rotate-overlap').inputValue()).toBe('1440');
    expect(await audit(page)).toEqual(noAudit);
    await rotate.getByTestId('admin-rotate-confirm').click();
    await rotate.waitFor({ state: 'detached' });
    const secretDialog = page.getByTestId('admin-secret-dialog');
    await secretDialog.waitFor();
    expect(await secretDialog.innerText()).toMatch(/Прежний секрет подписывает рядом с ним \(вторая подпись\) до|The previous secret signs beside it \(a second signature\) until/);
    const rotated = await secretDialog.getByTestId('admin-secret-value').inputValue();
    expect(rotated).toMatch(SIGNING_SECRET_PATTERN);
    expect(rotated).not.toBe(endpointSecret);
    await secretDialog.getByTestId('admin-secret-done').click();
    await secretDialog.waitFor({ state: 'detached' });

    backOffice.status = 200;
    await log.getByTestId('admin-webhook-test').click();
    await expect.poll(() => log.getByTestId('admin-webhook-test-result').getAttribute('data-state'), { timeout: 15_000 }).toBe('delivered');
    const signed = backOffice.received[backOffice.received.length - 1]!;
    expect(signed.event.type).toBe('webhook.test');
    expect(backOffice.verified(signed, rotated)).toBe(true);
    expect(backOffice.verified(signed, endpointSecret)).toBe(true);
    expect(String(signed.headers['webhook-signature']).split(' ')).toHaveLength(2);
    endpointSecret = rotated;
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('the endpoint is switched off in its dialog, then deleted with its log after a question', async () => {
    const { page } = agent;
    await endpointRow(page).getByTestId('admin-webhook-edit').click();
    const dialog = page.getByTestId('admin-webhook-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('admin-webhook-url').inputValue()).toBe(backOffice.url);
    await dialog.getByTestId('admin-webhook-enabled').uncheck();
    await dialog.getByTestId('admin-webhook-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => endpointRow(page).getAttribute('data-enabled'), { timeout: 10_000 }).toBe('false');
    expect(await endpointRow(page).innerText()).toMatch(/выключен|disabled/);

    await endpointRow(page).getByTestId('admin-webhook-delete').click();
    const confirm = page.getByTestId('admin-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/Журнал доставок этого адреса удаляется вместе с ним|delivery log is deleted with it/);
    expect(await audit(page)).toEqual(noAudit);
    await confirm.getByRole('button', { name: /^(Удалить|Delete)$/ }).click();
    await confirm.waitFor({ state: 'detached' });
    await detail(page).getByText(/Адресов пока нет|No endpoints yet/).waitFor();
    expect(searchParam(page, 'endpoint')).toBeNull();
    expect((await stack.api<{ endpoints: unknown[] }>(adminToken, 'GET', `/v1/integrations/${integrationId}/webhooks`)).endpoints).toEqual([]);
    expect(agent.errors).toEqual([]);
  }, 60_000);
});

describe('agent actions, declared in the console', () => {
  it('a link and a request are added; the server’s refusals are shown beside their fields; saved in order', async () => {
    const { page } = agent;
    await detail(page).getByRole('tab', { name: /^(Действия|Actions)$/ }).click();
    const editor = detail(page).getByTestId('admin-integration-actions');
    await editor.getByTestId('admin-actions-none').waitFor();
    expect(searchParam(page, 'panel')).toBe('actions');
    // The names a template may use are listed as help.
    expect(await editor.getByTestId('admin-actions-templates').innerText()).toContain('{trip.id}');

    await editor.getByTestId('admin-actions-add').click();
    const link = editor.getByTestId('admin-action').nth(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('admin-action-key');
    await link.getByTestId('admin-action-key').fill('open-trip');
    await link.getByTestId('admin-action-label').fill('Открыть поездку');
    await link.getByTestId('admin-action-url').fill('https://backoffice.example.com/trips/{trip.id}');
    // A link has none of a request's settings.
    expect(await link.getByTestId('admin-action-request').count()).toBe(0);
    expect(await link.getByTestId('admin-action-fields').count()).toBe(0);

    await editor.getByTestId('admin-actions-add').click();
    const request = editor.getByTestId('admin-action').nth(1);
    // The same key twice and a template naming what is not offered: refused by the server below.
    await request.getByTestId('admin-action-key').fill('open-trip');
    await request.getByTestId('admin-action-label').fill('Запросить акт сверки');
    await request.getByTestId('admin-action-kind').selectOption('request');
    await request.getByTestId('admin-action-request').waitFor();
    await request.getByTestId('admin-action-url').fill('https://backoffice.example.com/api/acts/{booking.id}');
    await request.getByTestId('admin-action-method').selectOption('PUT');
    await request.getByTestId('admin-action-result').selectOption('notice');
    await request.getByTestId('admin-action-permission').selectOption('conversations.reply');
    await request.getByTestId('admin-action-timeout').fill('2.5');
    await request.getByTestId('admin-field-add').click();
    const field = request.getByTestId('admin-action-field').first();
    await field.getByTestId('admin-field-name').fill('period');
    await field.getByTestId('admin-field-label').fill('Период');
    await field.getByTestId('admin-field-required').check();
    await field.getByTestId('admin-field-default').fill('{conversation.topic}');
    await editor.getByTestId('admin-actions-unsaved').waitFor();
    expect(await audit(page)).toEqual(noAudit);

    agent.allow.push(/status of 400/, /status of 422/);
    await editor.getByTestId('admin-actions-save').click();
    const urlProblem = request.locator('[data-testid="admin-action-problem"][data-path="url"]');
    await urlProblem.waitFor();
    expect(await urlProblem.innerText()).toMatch(/только имена из списка выше|only the names listed above/);
    // Focus is on the field that was refused, which says so.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 5_000 }).toBe('admin-action-url');
    expect(await request.getByTestId('admin-action-url').getAttribute('aria-invalid')).toBe('true');
    expect(await editor.getByRole('alert').innerText()).toContain('SC_ERR_VALIDATION');
    expect(await audit(page)).toEqual(noAudit);

    await request.getByTestId('admin-action-url').fill('https://backoffice.example.com/api/acts?customer={customer.id}');
    await urlProblem.waitFor({ state: 'detached' });
    await editor.getByTestId('admin-actions-save').click();
    const keyProblem = request.locator('[data-testid="admin-action-problem"][data-path="key"]');
    await keyProblem.waitFor();
    expect(await keyProblem.innerText()).toMatch(/Такой ключ уже у другого действия|Another action has this key/);
    expect(await request.getByTestId('admin-action-key').getAttribute('aria-invalid')).toBe('true');
    expect(await audit(page)).toEqual(noAudit);
    agent.allow.splice(-2);

    await request.getByTestId('admin-action-key').fill('request-act');
    // The request first: moved up, focus follows it.
    await request.getByTestId('admin-action-up').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('admin-action-down');
    expect(await editor.getByTestId('admin-action').first().getByTestId('admin-action-key').inputValue()).toBe('request-act');
    await editor.getByTestId('admin-actions-save').click();
    await editor.getByText(/(Действия сохранены|Actions saved): 2\./).waitFor();
    await editor.getByTestId('admin-actions-unsaved').waitFor({ state: 'detached' });

    const saved = await stack.api<{ actions: unknown[] }>(adminToken, 'GET', `/v1/integrations/${integrationId}/actions`);
    expect(saved.actions).toEqual([
      {
        key: 'request-act',
        label: 'Запросить акт сверки',
        kind: 'request',
        method: 'PUT',
        url: 'https://backoffice.example.com/api/acts?customer={customer.id}',
        fields: [{ name: 'period', label: 'Период', type: 'text', required: true, default: '{conversation.topic}' }],
        permission: 'conversations.reply',
        result: 'notice',
        timeoutMs: 2500,
      },
      { key: 'open-trip', label: 'Открыть поездку', kind: 'link', method: 'POST', url: 'https://backoffice.example.com/trips/{trip.id}', fields: [], permission: 'conversations.note', result: 'system', timeoutMs: 10_000 },
    ]);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-integration-actions');

    // The tab is in the address: a reload opens it again, with what was saved.
    await page.reload();
    const reloaded = detail(page).getByTestId('admin-integration-actions');
    await reloaded.getByTestId('admin-action').nth(1).waitFor();
    expect(await detail(page).getByRole('tab', { selected: true }).innerText()).toMatch(/^(Действия|Actions)$/);
    expect(await reloaded.getByTestId('admin-action').first().getByTestId('admin-action-timeout').inputValue()).toBe('2.5');
    expect(await reloaded.getByTestId('admin-actions-unsaved').count()).toBe(0);
    expect(agent.errors).toEqual([]);
  }, 90_000);
});
