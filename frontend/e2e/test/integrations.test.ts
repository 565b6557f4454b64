// The back-office integration set up in the console and used, in Chromium against the real stack
// (issue 27): an admin adds an integration and reads its signing secret once, makes an API key
// with events.send and reads its secret once (afterwards only its prefix is shown), rotates it and
// revokes the old one, and writes the rules for trip events. The back-office (this test, with
// node's crypto) then sends a signed trip change: the event log shows it done with a link to the
// conversation it opened, and the console shows the notice as Smartchat's card; a document for the
// trip follows with a PDF. The customer sees both in the widget and downloads the file, as the
// agent can. Every screen passes the accessibility audit.
import { API_KEY_PATTERN, SIGNING_SECRET_PATTERN, type Integration, type TripRule } from '@smartchat/contracts';
import { TestResources } from '@smartchat/platform/testing';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './support/audit.js';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const run = randomUUID().slice(0, 8);
const integrationName = `Бэк-офис ${run}`;
const TOPIC = 'Изменения поездок';
const TRIP_TITLE = 'Москва → Сочи';
/** A customer of the demo site: the widget's token makes them known to Smartchat. */
const CUSTOMER = 'demo-customer-1';
/** The smallest file that is a PDF, as the back-office's document. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PDF_NAME = 'itinerary-SU1234.pdf';

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let agent: WatchedPage;
let customer: WatchedPage;
let admin: Awaited<ReturnType<Stack['createAgent']>>;
let adminToken: string;
let integrationId: string;
let signingSecret: string;
let firstKey: ReturnType<typeof keyOf>;
let currentKey: ReturnType<typeof keyOf>;
let conversationId: string;

const noAudit = { unnamed: [], lowContrast: [], axe: [] };
const widget = (page: Page): FrameLocator => page.frameLocator('iframe[src*="/widget/"]');

/** What the page shows and holds: its text, its markup and every field's value (a secret must be in none of them once its dialog is closed). */
const everythingShown = (page: Page) =>
  page.evaluate(() => [document.body.innerText, document.documentElement.outerHTML, ...[...document.querySelectorAll('input, textarea, select')].map((field) => (field as HTMLInputElement).value)].join('\n'));

/** Reads the one-time secret from its dialog, checks the warning, and closes the dialog. */
async function readSecretOnce(page: Page): Promise<string> {
  const dialog = page.getByTestId('admin-secret-dialog');
  await dialog.waitFor();
  expect(await dialog.getByTestId('admin-secret-warning').innerText()).toMatch(/только один раз|shown this once/);
  const secret = await dialog.getByTestId('admin-secret-value').inputValue();
  expect(await audit(page)).toEqual(noAudit);
  await dialog.getByTestId('admin-secret-done').click();
  await dialog.waitFor({ state: 'detached' });
  return secret;
}

/** The key's id and public part, as the API and the console show them. */
function keyOf(secret: string): { secret: string; id: string; prefix: string } {
  const match = API_KEY_PATTERN.exec(secret);
  expect(match, `${secret.slice(0, 8)}… is an API key`).not.toBeNull();
  return { secret, id: match![1]!, prefix: `sck_${match![1]}` };
}
/** A key's row in the console, by the key's id. */
const keyRow = (page: Page, key: { id: string }) => page.getByTestId('admin-integration-detail').locator(`[data-testid="admin-key-row"][data-id="${key.id}"]`);

/** POST /v1/integrations/events as the back-office sends it: Standard Webhooks signature, the API key as a bearer token. */
async function sendEvent(apiKey: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const raw = JSON.stringify(body);
  const id = `msg_${randomUUID()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(signingSecret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${raw}`).digest('base64');
  const response = await fetch(`${stack.chat[0]!.url}/v1/integrations/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` },
    body: raw,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  // Signing secrets are kept sealed with the server's keyring.
  stack = await startStack(resources, { env: { SMARTCHAT_SECRET_KEYS: `test:${randomBytes(32).toString('base64')}` }, topics: [TOPIC, 'Авиабилеты'] });
  browser = await launchBrowser();
  admin = await stack.createAgent('Ирина Интеграторова', { role: 'admin' });
  adminToken = await stack.cluster.login(stack.chat[0]!, admin.email, PASSWORD);
  agent = await openPage(browser);
  customer = await openPage(browser, { viewport: { width: 1280, height: 860 } });
}, 240_000);

// A failed step leaves a picture of both screens behind.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40);
  await screenshot(agent.page, `failed-integrations-console-${name}`).catch(() => undefined);
  await screenshot(customer.page, `failed-integrations-widget-${name}`).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe('the back-office integration, set up in the console', () => {
  it('an admin adds an integration; its signing secret is shown once, in a dialog', async () => {
    const { page } = agent;
    await loginToConsole(page, stack.consoleUrl(), admin.email, PASSWORD);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-nav').getByRole('link', { name: /^(Интеграции|Integrations)$/ }).click();
    const section = page.getByTestId('admin-integrations');
    await section.waitFor();
    await section.getByText(/Интеграций пока нет|No integrations yet/).waitFor();
    // Without a matching rule a trip event opens an internal conversation: the section says so.
    expect(await section.getByTestId('admin-rules-hint').innerText()).toMatch(/внутренний разговор|internal conversation/);
    expect(await audit(page)).toEqual(noAudit);

    await section.getByTestId('admin-integration-new').click();
    const dialog = page.getByTestId('admin-integration-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('admin-integration-name').fill(integrationName);
    await dialog.getByTestId('admin-integration-description').fill('Изменения поездок и документы');
    expect(await audit(page)).toEqual(noAudit);
    await dialog.getByTestId('admin-integration-save').click();
    await dialog.waitFor({ state: 'detached' });

    signingSecret = await readSecretOnce(page);
    expect(signingSecret).toMatch(SIGNING_SECRET_PATTERN);
    // The new integration is open, on its keys.
    const detail = page.getByTestId('admin-integration-detail');
    await detail.waitFor();
    integrationId = (await detail.getAttribute('data-id'))!;
    expect(await detail.getByTestId('admin-integration-title').innerText()).toBe(integrationName);
    expect(await detail.getByRole('tab', { selected: true }).innerText()).toMatch(/^(Ключи API|API keys)$/);
    expect(await everythingShown(page)).not.toContain(signingSecret.slice('whsec_'.length));
    expect(await audit(page)).toEqual(noAudit);

    // A second integration of the same name is refused, in the dialog's words.
    agent.allow.push(/status of 409/);
    await detail.getByTestId('admin-integration-back').click();
    await section.getByTestId('admin-integration-new').click();
    await dialog.getByTestId('admin-integration-name').fill(integrationName);
    await dialog.getByTestId('admin-integration-save').click();
    expect(await dialog.getByRole('alert').innerText()).toMatch(/уже есть|exists/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('admin-integration-row').count()).toBe(1);
    agent.allow.pop();
    expect(agent.errors).toEqual([]);
  }, 90_000);

  it('a key with events.send shows its secret once; afterwards the list shows only its prefix', async () => {
    const { page } = agent;
    await page.getByTestId('admin-integration-row').filter({ hasText: integrationName }).getByTestId('admin-integration-open').click();
    const detail = page.getByTestId('admin-integration-detail');
    await detail.waitFor();
    await detail.getByTestId('admin-key-new').click();
    const dialog = page.getByTestId('admin-key-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('admin-key-name').fill('Бэк-офис, продуктив');
    const scopes = dialog.getByTestId('admin-key-scopes');
    // events.send is chosen to begin with; nothing else.
    expect(await scopes.getByRole('checkbox', { name: /^events\.send/ }).isChecked()).toBe(true);
    expect(await scopes.getByRole('checkbox', { checked: true }).count()).toBe(1);
    expect(await audit(page)).toEqual(noAudit);
    await dialog.getByTestId('admin-key-save').click();
    await dialog.waitFor({ state: 'detached' });

    const secret = await readSecretOnce(page);
    firstKey = keyOf(secret);
    currentKey = firstKey;
    const row = keyRow(page, firstKey);
    await row.waitFor();
    expect(await row.getByTestId('admin-key-prefix').innerText()).toBe(firstKey.prefix);
    expect(await row.getAttribute('data-state')).toBe('active');
    expect(await row.innerText()).toContain('events.send');
    // The secret part is nowhere once the dialog is closed: not in the page, not in what the API lists.
    const secretPart = API_KEY_PATTERN.exec(secret)![2]!;
    expect(await everythingShown(page)).not.toContain(secretPart);
    const listed = await stack.api<{ integrations: Integration[] }>(adminToken, 'GET', '/v1/integrations');
    expect(JSON.stringify(listed)).not.toContain(secretPart);
    expect(listed.integrations.find((integration) => integration.id === integrationId)?.keys.map((key) => key.prefix)).toEqual([firstKey.prefix]);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-integration-keys');
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('the key is rotated (the old one keeps working for the overlap) and the old one revoked', async () => {
    const { page } = agent;
    const oldRow = keyRow(page, firstKey);
    await oldRow.getByTestId('admin-key-rotate').click();
    const rotate = page.getByTestId('admin-rotate-dialog');
    await rotate.waitFor();
    expect(await rotate.getByTestId('admin-rotate-overlap').inputValue()).toBe('1440');
    expect(await audit(page)).toEqual(noAudit);
    await rotate.getByTestId('admin-rotate-confirm').click();
    await rotate.waitFor({ state: 'detached' });
    const secret = await readSecretOnce(page);
    currentKey = keyOf(secret);
    expect(currentKey.prefix).not.toBe(firstKey.prefix);

    const newRow = keyRow(page, currentKey);
    await newRow.waitFor();
    expect(await newRow.getAttribute('data-state')).toBe('active');
    await expect.poll(() => oldRow.getByTestId('admin-key-replaced-by').innerText().catch(() => '')).toContain(currentKey.prefix);
    // Rotated, the old key still works until its overlap ends: it expires, it is not revoked.
    expect(await oldRow.getAttribute('data-state')).toBe('active');
    expect(await oldRow.getByTestId('admin-key-rotate').count()).toBe(0);

    await oldRow.getByTestId('admin-key-revoke').click();
    const confirm = page.getByTestId('admin-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(firstKey.prefix);
    expect(await audit(page)).toEqual(noAudit);
    await confirm.getByRole('button', { name: /^(Отозвать|Revoke)$/ }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => oldRow.getAttribute('data-state')).toBe('revoked');
    expect(await oldRow.getByTestId('admin-key-revoke').count()).toBe(0);
    expect(await newRow.getAttribute('data-state')).toBe('active');
    expect(await everythingShown(page)).not.toContain(API_KEY_PATTERN.exec(secret)![2]!);
    expect(await audit(page)).toEqual(noAudit);
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('the signing secrets tab lists the one made with the integration', async () => {
    const { page } = agent;
    const detail = page.getByTestId('admin-integration-detail');
    await detail.getByRole('tab', { name: /^(Ключи подписи|Signing secrets)$/ }).click();
    const secrets = detail.getByTestId('admin-integration-secrets');
    await secrets.waitFor();
    expect(await secrets.getByTestId('admin-signing-secret-row').count()).toBe(1);
    expect(await secrets.getByTestId('admin-signing-secret-row').getAttribute('data-state')).toBe('active');
    expect(new URL(page.url()).searchParams.get('panel')).toBe('secrets');
    expect(await audit(page)).toEqual(noAudit);
  }, 30_000);

  it('the rules for trip events: a rule added and moved to the top, one removed, saved in that order', async () => {
    const { page } = agent;
    await page.getByTestId('admin-integration-back').click();
    const rules = page.getByTestId('admin-integration-rules');
    await rules.waitFor();
    // The rules the installation starts with (services/schema), as the API has them.
    const initial = (await stack.api<{ rules: TripRule[] }>(adminToken, 'GET', '/v1/integrations/rules')).rules;
    expect(initial.length).toBeGreaterThan(1);
    await expect.poll(() => rules.getByTestId('admin-rule').count()).toBe(initial.length);

    // A time change, told to the customer and routed to the team, added at the end and moved to the top.
    await rules.getByTestId('admin-rules-add').click();
    const added = rules.getByTestId('admin-rule').nth(initial.length);
    expect(await added.getByTestId('admin-rule-event').inputValue()).toBe('trip.changed');
    await added.getByTestId('admin-rule-change').selectOption('time');
    await added.getByTestId('admin-rule-topic').fill(TOPIC);
    await added.getByTestId('admin-rule-team').selectOption({ label: 'Поддержка' });
    expect(await added.getByTestId('admin-rule-notify').isChecked()).toBe(true);
    for (let position = initial.length; position > 0; position--) {
      await rules.getByTestId('admin-rule').nth(position).getByTestId('admin-rule-up').click();
      // Focus follows the rule it moved (or, at the top, its other move button).
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(position === 1 ? 'admin-rule-down' : 'admin-rule-up');
    }
    const first = rules.getByTestId('admin-rule').first();
    expect(await first.getByTestId('admin-rule-topic').inputValue()).toBe(TOPIC);
    expect(await first.getByTestId('admin-rule-up').isDisabled()).toBe(true);
    // The last of the initial rules is removed.
    await rules.getByTestId('admin-rule').last().getByTestId('admin-rule-remove').click();
    await rules.getByTestId('admin-rules-unsaved').waitFor();
    expect(await audit(page)).toEqual(noAudit);
    await rules.getByTestId('admin-rules-save').click();
    await rules.getByText(new RegExp(`(Правила сохранены|Rules saved): ${initial.length}\\.`)).waitFor();
    await rules.getByTestId('admin-rules-unsaved').waitFor({ state: 'detached' });

    const saved = await stack.api<{ rules: TripRule[] }>(adminToken, 'GET', '/v1/integrations/rules');
    expect(saved.rules).toEqual([{ eventType: 'trip.changed', change: 'time', notifyCustomer: true, topic: TOPIC, teamId: stack.teamId }, ...initial.slice(0, -1)]);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-integration-rules');
    expect(agent.errors).toEqual([]);
  }, 60_000);
});

describe('a signed event from the back-office', () => {
  it('a trip change is received, applied and logged as done, with a link to the conversation it opened', async () => {
    // The customer is known to Smartchat once their widget has signed in.
    await customer.page.goto(`${stack.demoUrl}/?customer=${CUSTOMER}`);
    const frame = widget(customer.page);
    await frame.getByTestId('widget-launcher').click();
    await frame.getByTestId('widget-new').waitFor();

    const departure = '2026-12-12T07:00:00.000Z';
    const event = {
      type: 'trip.changed',
      timestamp: new Date().toISOString(),
      data: { customerId: CUSTOMER, tripId: `T-${run}`, version: 1, title: TRIP_TITLE, departureAt: departure, changes: [{ field: 'time', old: '2026-12-12T07:00:00.000Z', new: '2026-12-12T09:30:00.000Z' }] },
    };
    // The revoked key is refused before the body is looked at.
    const refused = await sendEvent(firstKey.secret, event);
    expect(refused.status).toBe(401);
    const accepted = await sendEvent(currentKey.secret, event);
    expect(accepted, JSON.stringify(accepted.json)).toMatchObject({ status: 202, json: { status: 'queued', duplicate: false } });

    const { page } = agent;
    await page.getByTestId('admin-integration-row').filter({ hasText: integrationName }).getByTestId('admin-integration-open').click();
    const detail = page.getByTestId('admin-integration-detail');
    await detail.getByRole('tab', { name: /^(Журнал событий|Event log)$/ }).click();
    const log = detail.getByTestId('admin-integration-events');
    await log.waitFor();
    const row = log.getByTestId('admin-event-row').filter({ hasText: 'trip.changed' });
    // Applied by the chat processes' worker within moments; the log is read again until it says so.
    await expect
      .poll(
        async () => {
          await log.getByTestId('admin-events-refresh').click();
          await log.getByTestId('admin-event-row').first().waitFor();
          return row.getAttribute('data-status');
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('done');
    // Its business key names the trip (and its version).
    expect(await row.innerText()).toContain(`T-${run}`);
    await row.getByTestId('admin-event-opened').waitFor();
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-integration-events');

    await row.getByTestId('admin-event-conversation').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/console\/inbox\/[a-z]+\/[0-9a-f-]{36}$/);
    conversationId = new URL(page.url()).pathname.split('/').pop()!;
    const notice = page.getByTestId('thread').getByTestId('message').and(page.locator('[data-kind="notice"]'));
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toMatch(/Сообщение системы|System notice/);
    expect(text).toContain('Изменение поездки');
    expect(text).toContain(TRIP_TITLE);
    // Its title is markup rendered as it is for every message: bold.
    expect(await notice.locator('strong').first().innerText()).toBe('Изменение поездки');
    // Smartchat's words: no author line, nothing to edit or delete.
    expect(await notice.getByTestId('edit').count()).toBe(0);
    expect(await notice.getByTestId('delete').count()).toBe(0);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-integration-notice');
    expect(agent.errors).toEqual([]);
  }, 90_000);

  it('a document for the trip comes with its file: a notice with a PDF both the agent and the customer can download', async () => {
    const posted = await sendEvent(currentKey.secret, {
      type: 'document.ready',
      timestamp: new Date().toISOString(),
      data: { customerId: CUSTOMER, documentId: `D-${run}`, tripId: `T-${run}`, kind: 'itinerary', title: 'SU 1234 Москва → Сочи', file: { name: PDF_NAME, contentType: 'application/pdf', contentBase64: PDF.toString('base64') } },
    });
    expect(posted, JSON.stringify(posted.json)).toMatchObject({ status: 202, json: { status: 'queued', duplicate: false } });

    // Into the trip's open conversation with the customer, which the console has open: it arrives live.
    const { page } = agent;
    const notice = page.getByTestId('thread').getByTestId('message').and(page.locator('[data-kind="notice"]')).filter({ hasText: PDF_NAME });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toMatch(/Документ готов|Document ready/);
    const [download] = await Promise.all([page.waitForEvent('download'), notice.getByTestId('attachment-file').click()]);
    expect(download.suggestedFilename()).toBe(PDF_NAME);
    expect(await readFile((await download.path())!)).toEqual(PDF);
    expect(await audit(page)).toEqual(noAudit);
    expect(agent.errors).toEqual([]);
  }, 60_000);

  it('the customer sees both notices in the widget, as cards of their own, and downloads the PDF', async () => {
    // Opened by the back-office while the widget was open, the conversation is in the customer's
    // list the next time the widget loads it.
    await customer.page.goto(`${stack.demoUrl}/?customer=${CUSTOMER}`);
    const frame = widget(customer.page);
    await frame.getByTestId('widget-launcher').click();
    const conversation = frame.getByTestId('widget-conversation').filter({ hasText: TOPIC });
    await conversation.waitFor();
    expect(await conversation.getAttribute('data-id')).toBe(conversationId);
    await conversation.click();
    const notices = frame.getByTestId('widget-thread').getByTestId('widget-message').and(frame.locator('[data-kind="notice"]'));
    await notices.nth(1).waitFor();
    const change = notices.filter({ hasText: TRIP_TITLE }).first();
    const text = await change.innerText();
    expect(text).toMatch(/Уведомление|Notice/);
    expect(text).toContain('Изменение поездки');
    expect(await change.locator('strong').first().innerText()).toBe('Изменение поездки');
    const withFile = notices.filter({ hasText: PDF_NAME });
    const [download] = await Promise.all([customer.page.waitForEvent('download'), withFile.getByRole('link', { name: new RegExp(PDF_NAME.replace('.', '\\.')) }).click()]);
    expect(download.suggestedFilename()).toBe(PDF_NAME);
    expect(await readFile((await download.path())!)).toEqual(PDF);
    await screenshot(customer.page, 'widget-integration-notice');
    const widgetFrame = customer.page.frames().find((candidate) => candidate.url().includes('/widget/'))!;
    expect(await audit(widgetFrame)).toEqual(noAudit);
    expect(customer.errors).toEqual([]);
  }, 60_000);
});
