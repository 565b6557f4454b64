// The e-mail channel walked in Chromium with real mail (issue 25): an admin adds a support mailbox
// in the console, a customer writes to it from an ordinary mail client (GreenMail, the local mail
// server, plays both the support mailbox and the customer's), the conversation appears in the
// console with its subject and mail side, the agent notes and answers there, and the customer's
// mailbox holds the acknowledgement and the answer in the same thread, signed, and never the note.
// Chat and balancer processes and the mail role (services/chat/src/mail-main.ts) run as OS processes.
import { MAX_BLOCKED_SENDERS, type Mailbox } from '@smartchat/contracts';
import { TestResources } from '@smartchat/platform/testing';
import { freePort, startService } from '@smartchat/chat/testing';
import { localMailServer, mailboxMessages } from '@smartchat/mail/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './support/audit.js';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const { host: smtpHost, port: smtpPort } = localMailServer.smtp;
const { host: imapHost, port: imapPort } = localMailServer.imap;

// The mail server keeps every message while it runs: this run's addresses are its own.
const run = randomUUID().slice(0, 8);
const support = `support-${run}@travel.example`;
const customerAddress = `anna-${run}@example.ru`;
const imapPassword = `imap-${randomBytes(9).toString('base64url')}`;
const smtpPassword = `smtp-${randomBytes(9).toString('base64url')}`;
const signature = 'Служба поддержки «Тревел»';
const subject = `Перенос брони отеля в Казани ${run}`;
const customerMessageId = `${randomUUID()}@mail.example.ru`;
const customerText = 'Добрый день! Можно перенести бронь отеля в Казани на 14 декабря?';
const noteText = 'ВНУТРЕННЕЕ: тариф невозвратный, не обещать возврат';
const replyText = 'Здравствуйте, Анна! Перенесли бронь на 14 декабря, доплаты нет.';

const resources = new TestResources();
const customerMail = nodemailer.createTransport({ host: smtpHost, port: smtpPort, secure: false, ignoreTLS: true });
let stack: Stack;
let browser: Browser;
let agent: WatchedPage;
let admin: Awaited<ReturnType<Stack['createAgent']>>;
let adminToken: string;
let team: { id: string; name: string };
let conversationId: string;

const noAudit = { unnamed: [], lowContrast: [], axe: [] };
const consoleMessage = (page: Page, text: string) => page.getByTestId('thread').getByTestId('message').filter({ hasText: text });

/** Message ids of a References or In-Reply-To field, without their angle brackets. */
const ids = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).map((id) => id.replace(/^<|>$/g, ''));

/** What the page shows and holds: its text, its markup and every field's value (a password must be in none of them). */
const everythingShown = (page: Page) =>
  page.evaluate(() => [document.body.innerText, document.documentElement.outerHTML, ...[...document.querySelectorAll('input, textarea, select')].map((field) => (field as HTMLInputElement).value)].join('\n'));

beforeAll(async () => {
  // The mail role reads the agents' answers from the chat tier's events: one topic of this test's own for both.
  const eventsTopic = await resources.kafkaTopic('events', 3);
  // The keyring that seals mailbox passwords: the chat processes seal them, the mail role opens them.
  const secretKeys = `test:${randomBytes(32).toString('base64')}`;
  stack = await startStack(resources, { env: { SMARTCHAT_EVENTS_TOPIC: eventsTopic, SMARTCHAT_SECRET_KEYS: secretKeys } });
  await startService(resources, 'mail', 'services/chat/src/mail-main.ts', {
    ...stack.cluster.env,
    SMARTCHAT_EVENTS_TOPIC: eventsTopic,
    SMARTCHAT_SECRET_KEYS: secretKeys,
    SMARTCHAT_MAIL_SMTP_HOST: '127.0.0.1',
    SMARTCHAT_MAIL_SMTP_PORT: String(await freePort()),
    SMARTCHAT_MAIL_POLL_MS: '300',
    SMARTCHAT_MAIL_EVENTS_GROUP: `${resources.id}-mail`,
    SMARTCHAT_MAIL_RETRY_BASE_MS: '200',
  });
  browser = await launchBrowser();
  admin = await stack.createAgent('Ольга Почтовая', { role: 'admin', inTeam: false });
  adminToken = await stack.cluster.login(stack.chat[0]!, admin.email, PASSWORD);
  team = await stack.api<{ id: string; name: string }>(adminToken, 'POST', '/v1/teams', { name: `Почта ${run}` });
  await stack.api(adminToken, 'PUT', `/v1/teams/${team.id}/members`, { agentIds: [admin.id] });
  agent = await openPage(browser);
}, 240_000);

// A failed step leaves a picture of the console behind.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40);
  await screenshot(agent.page, `failed-mail-console-${name}`).catch(() => undefined);
});

afterAll(async () => {
  customerMail.close();
  await browser?.close();
  await resources.cleanup();
});

describe('the e-mail channel in the console, with real mail', () => {
  it('an admin adds a support mailbox in the console; its passwords are never shown, only that they are set', async () => {
    const { page } = agent;
    await loginToConsole(page, stack.consoleUrl(), admin.email, PASSWORD);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-nav').getByRole('link', { name: /^(Почтовые ящики|Mailboxes)$/ }).click();
    const section = page.getByTestId('admin-mailboxes');
    await section.waitFor();
    await section.getByText(/Почтовых ящиков пока нет|No mailboxes yet/).waitFor();
    // The blocked senders' limit is the API's own.
    expect(await section.getByTestId('admin-blocked-senders').innerText()).toMatch(new RegExp(`(не больше|at most) ${MAX_BLOCKED_SENDERS}\\.`));
    expect(await audit(page)).toEqual(noAudit);

    await page.getByTestId('admin-mailbox-new').click();
    const dialog = page.getByTestId('admin-mailbox-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('admin-mailbox-address').fill(support);
    await dialog.getByLabel(/^(Имя отправителя|Display name)$/).fill('Поддержка «Тревел»');
    await dialog.getByTestId('admin-mailbox-team').selectOption({ label: team.name });
    // IMAP is the default way in; GreenMail speaks it without TLS.
    expect(await dialog.getByRole('radio', { name: /^IMAP/ }).isChecked()).toBe(true);
    const imap = dialog.getByTestId('admin-mailbox-imap');
    await imap.getByLabel(/^(Сервер|Server)$/).fill(imapHost);
    await imap.getByLabel(/^(Порт|Port)$/).fill(String(imapPort));
    await imap.getByLabel(/^(Имя пользователя|User name)$/).fill(support);
    await imap.getByTestId('admin-mailbox-imap-password').fill(imapPassword);
    await imap.getByRole('checkbox', { name: /^(TLS с самого начала|TLS from the start)/ }).uncheck();
    const smtp = dialog.getByTestId('admin-mailbox-smtp');
    await smtp.getByLabel(/^(Сервер|Server)$/).fill(smtpHost);
    await smtp.getByLabel(/^(Порт|Port)$/).fill(String(smtpPort));
    await smtp.getByLabel(/^(Шифрование|Security)$/).selectOption('none');
    await smtp.getByLabel(/^(Имя пользователя|User name)$/).fill(support);
    await smtp.getByTestId('admin-mailbox-smtp-password').fill(smtpPassword);
    await dialog.getByLabel(/^(Подпись|Signature)$/).fill(signature);
    await dialog.getByTestId('admin-mailbox-auto-ack').check();
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-mailbox-dialog');
    await dialog.getByTestId('admin-mailbox-save').click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByTestId('admin-mailbox-row').filter({ hasText: support });
    await row.waitFor();
    await section.getByText(new RegExp(`(Ящик|Mailbox) ${support.replace(/[.]/g, '\\.')} (добавлен|added)`)).waitFor();
    expect(await row.innerText()).toContain(team.name);
    expect(await row.innerText()).toContain(`${imapHost}:${imapPort}`);
    expect(await row.getByTestId('admin-mailbox-enabled-badge').innerText()).toMatch(/^(включён|enabled)$/);
    await row.getByTestId('admin-mailbox-auto-ack-badge').waitFor();
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-mailboxes');

    // Neither password is anywhere in the page, nor in what the API answers.
    for (const secret of [imapPassword, smtpPassword]) expect(await everythingShown(page)).not.toContain(secret);
    const listed = await stack.api<{ mailboxes: Mailbox[] }>(adminToken, 'GET', '/v1/mailboxes');
    for (const secret of [imapPassword, smtpPassword]) expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.mailboxes.find((mailbox) => mailbox.address === support)).toMatchObject({
      teamId: team.id,
      inbound: 'imap',
      imap: { host: imapHost, port: imapPort, tls: false, user: support, passwordSet: true },
      smtp: { host: smtpHost, port: smtpPort, security: 'none', user: support, passwordSet: true },
      signature,
      autoAcknowledge: true,
      enabled: true,
    });

    // Opened again, the dialog says each password is set and leaves its field empty.
    await row.getByTestId('admin-mailbox-edit').click();
    await dialog.waitFor();
    for (const field of ['admin-mailbox-imap-password', 'admin-mailbox-smtp-password']) {
      expect(await dialog.getByTestId(field).inputValue()).toBe('');
      expect(await dialog.getByTestId(`${field}-state`).getAttribute('data-password-set')).toBe('true');
      expect(await dialog.getByTestId(`${field}-state`).innerText()).toMatch(/^(Пароль задан|A password is set)\./);
    }
    for (const secret of [imapPassword, smtpPassword]) expect(await everythingShown(page)).not.toContain(secret);
    expect(await audit(page)).toEqual(noAudit);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(agent.errors).toEqual([]);
  }, 90_000);

  it("a customer's e-mail opens a conversation the console shows with its subject, the mailbox and the customer's address", async () => {
    const { page } = agent;
    await customerMail.sendMail({
      from: `Анна <${customerAddress}>`,
      to: support,
      subject,
      messageId: `<${customerMessageId}>`,
      text: `${customerText}\n\n-- \nАнна\n+7 900 000-00-00`,
      // Its HTML alternative, with what mail HTML carries and the console must never run or load.
      html: `<p>${customerText.replace('бронь', '<b>бронь</b>')}</p><img src="https://tracker.example/open.gif" alt="pixel"><script>document.title = 'owned'</script>`,
    });
    // An admin sees every conversation; the mail role reads the mailbox every 300 ms.
    await page.getByTestId('nav').getByTestId('view-all').click();
    const row = page.getByTestId('conversation-row').filter({ hasText: subject });
    await row.waitFor({ timeout: 45_000 });
    expect(await row.getByTestId('row-subject').innerText()).toBe(subject);
    conversationId = (await row.getAttribute('data-id'))!;
    await row.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/inbox/all/${conversationId}`);
    await consoleMessage(page, customerText).and(page.locator('[data-kind="customer"]')).waitFor();
    // What came in is the customer's text, not the signature under it.
    expect(await consoleMessage(page, customerText).innerText()).not.toContain('+7 900');
    expect(await page.getByTestId('conversation-subject').innerText()).toBe(subject);
    const panel = page.getByTestId('mail-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('mail-mailbox').innerText()).toBe(support);
    expect(await panel.getByTestId('mail-customer').innerText()).toBe(customerAddress);
    expect(await panel.getByTestId('mail-received-item').innerText()).toContain(subject);
    // Laid out as sent: sanitised, in a sandboxed frame — the bold stays, the pixel and the script are gone.
    await panel.getByTestId('mail-as-sent').click();
    const laidOut = panel.getByTestId('mail-html');
    await laidOut.waitFor();
    expect(await laidOut.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const frame = page.frameLocator('[data-testid="mail-html"]');
    expect(await frame.locator('b').innerText()).toBe('бронь');
    expect(await frame.locator('img, script').count()).toBe(0);
    expect(await page.title()).not.toBe('owned');
    await panel.getByTestId('mail-as-sent').click();
    await laidOut.waitFor({ state: 'detached' });
    // The acknowledgement went out at once, and the panel follows it until it is sent.
    const acknowledgement = panel.getByTestId('mail-delivery').filter({ hasText: /Автоответ|Acknowledgement/ });
    await expect.poll(() => acknowledgement.getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
    expect(agent.errors).toEqual([]);
  }, 90_000);

  it('the agent writes a note, then a reply; the reply is mailed and shown as sent, in the panel and on the message', async () => {
    const { page } = agent;
    const input = page.getByTestId('composer-input');
    await page.getByTestId('composer-note').click();
    await page.getByTestId('note-banner').waitFor();
    await input.fill(noteText);
    await input.press('Enter');
    await consoleMessage(page, noteText).and(page.locator('[data-kind="note"]')).waitFor();
    // A note is not mail: nothing about its delivery.
    expect(await consoleMessage(page, noteText).getByTestId('message-mail-state').count()).toBe(0);

    await page.getByTestId('composer-reply').click();
    await input.fill(replyText);
    await input.press('Enter');
    const reply = consoleMessage(page, replyText).and(page.locator('[data-kind="reply"]'));
    await reply.waitFor();
    const onMessage = reply.getByTestId('message-mail-state');
    await expect.poll(() => onMessage.getAttribute('data-state'), { timeout: 30_000 }).toBe('sent');
    // After its tick icon.
    expect((await onMessage.innerText()).trim()).toMatch(/^(Почта: отправлено|E-mail: sent)$/);
    const inPanel = page.getByTestId('mail-panel').getByTestId('mail-delivery').filter({ hasText: /Ответ от|Reply of/ });
    await expect.poll(() => inPanel.getAttribute('data-state'), { timeout: 15_000 }).toBe('sent');
    expect((await inPanel.getByTestId('mail-delivery-state').innerText()).trim()).toMatch(/^(отправлено|sent)$/);
    expect(await page.getByTestId('mail-panel').getByTestId('mail-delivery').count()).toBe(2);
    expect(await audit(page)).toEqual(noAudit);
    await screenshot(page, 'console-mail-conversation');
    expect(agent.errors).toEqual([]);
  }, 90_000);

  it("the customer's mailbox holds the acknowledgement and the reply in the thread, signed, and never the note", async () => {
    const inbox = await mailboxMessages(customerAddress, 2);
    expect(inbox).toHaveLength(2);
    const acknowledgement = inbox.find((mail) => mail.headers.get('auto-submitted') === 'auto-generated');
    const reply = inbox.find((mail) => mail.text?.includes(replyText));
    expect(acknowledgement, 'the acknowledgement').toBeDefined();
    expect(reply, 'the reply').toBeDefined();
    expect(acknowledgement!.inReplyTo).toBe(`<${customerMessageId}>`);

    expect(reply!.subject).toBe(`Re: ${subject}`);
    expect(reply!.from?.value[0]).toMatchObject({ address: support, name: 'Поддержка «Тревел»' });
    expect(reply!.to && !Array.isArray(reply!.to) ? reply!.to.value[0]?.address : undefined).toBe(customerAddress);
    expect(reply!.inReplyTo).toBe(`<${customerMessageId}>`);
    expect(ids(reply!.references)).toContain(customerMessageId);
    expect(reply!.replyTo?.value[0]?.address).toMatch(/^reply\+[A-Za-z0-9_-]+@travel\.example$/);
    expect(reply!.headers.get('auto-submitted')).toBeUndefined();
    expect(reply!.text).toContain(replyText);
    expect(reply!.text).toContain(`-- \n${signature}`);
    expect(reply!.text!.indexOf(replyText)).toBeLessThan(reply!.text!.indexOf(`-- \n${signature}`));

    // The note is in no mail, and no third mail came for it.
    for (const mail of inbox) expect(`${mail.subject} ${mail.text} ${mail.html || ''}`).not.toContain('ВНУТРЕННЕЕ');
    expect(await mailboxMessages(customerAddress, 3, 2_000)).toHaveLength(2);
  }, 60_000);
});
