// The e-mail channel end to end, with real mail: a chat process and the mail role (services/chat/
// src/mail-main.ts) started as OS processes, the local mail server (GreenMail: SMTP and IMAP) as
// the customers' mail and the support mailbox. Mail sent from an ordinary SMTP client opens a
// conversation for the mailbox's team; an agent's reply arrives in the customer's mailbox in the same
// thread and a note never does; the customer's answer joins the conversation; an auto-reply storm
// opens and acknowledges nothing; a forged References reaches no one else's conversation; bounces,
// blocked senders, duplicates, oversized mail and a dead SMTP server each end as documented.
import type { Conversation, ConversationMail, Mailbox, Message, ReceivedMail } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { localMailServer, mailboxMessages } from '@smartchat/mail/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmartchatClient } from '@smartchat/client';
import { api, clientMessageId, freePort, startChatCluster, startService, type ChatCluster, type ChatNode } from './support/cluster.js';
import { startBalancer } from './support/balancers.js';
import { collectEvents } from './support/events.js';
import { upload } from './support/uploads.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';

const { host: smtpHost, port: smtpPort } = localMailServer.smtp;
const { host: imapHost, port: imapPort } = localMailServer.imap;
const MAX_BYTES = 200_000;

const ids = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).map((id) => id.replace(/^<|>$/g, ''));

describe('the e-mail channel', () => {
  const resources = new TestResources();
  const run = randomUUID().slice(0, 8);
  const support = `support-${run}@travel.example`;
  const relay = `relay-${run}@travel.example`;
  const anna = `anna-${run}@example.ru`;
  const boris = `boris-${run}@example.ru`;
  const secretKeys = `test:${randomBytes(32).toString('base64')}`;
  let cluster: ChatCluster;
  let node: ChatNode;
  let mailNode: ChatNode;
  let relayPort: number;
  let admin: string;
  let agent: string;
  let team: { id: string };
  let otherTeam: { id: string };
  let mailbox: Mailbox;
  let relayMailbox: Mailbox;
  let events: Awaited<ReturnType<typeof collectEvents>>;
  const customerMail = nodemailer.createTransport({ host: smtpHost, port: smtpPort, secure: false, ignoreTLS: true });

  beforeAll(async () => {
    events = await collectEvents(resources);
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_EVENTS_TOPIC: events.topic, SMARTCHAT_SECRET_KEYS: secretKeys });
    node = cluster.nodes[0]!;
    // The balancer relays the events written with a change (csat.requested among them) to Kafka.
    await startBalancer(resources, cluster);
    relayPort = await freePort();
    mailNode = await startService(resources, 'mail', 'services/chat/src/mail-main.ts', {
      ...cluster.env,
      SMARTCHAT_EVENTS_TOPIC: events.topic,
      SMARTCHAT_SECRET_KEYS: secretKeys,
      SMARTCHAT_MAIL_SMTP_HOST: '127.0.0.1',
      SMARTCHAT_MAIL_SMTP_PORT: String(relayPort),
      SMARTCHAT_MAIL_POLL_MS: '300',
      SMARTCHAT_MAIL_EVENTS_GROUP: `${resources.id}-mail`,
      SMARTCHAT_MAIL_SEND_ATTEMPTS: '3',
      SMARTCHAT_MAIL_RETRY_BASE_MS: '200',
      SMARTCHAT_MAIL_MAX_BYTES: String(MAX_BYTES),
      // Survey links point at the chat process.
      SMARTCHAT_PUBLIC_URL: node.url,
    });
    const created = await cluster.createAgent('Ольга Почтовая', { role: 'admin' });
    admin = await cluster.login(node, created.email, created.password);
    const plain = await cluster.createAgent('Пётр Без Доступа');
    agent = await cluster.login(node, plain.email, plain.password);
    team = (await api<{ id: string }>(node, 'POST', '/v1/teams', admin, { name: `Почта ${run}` })).body;
    otherTeam = (await api<{ id: string }>(node, 'POST', '/v1/teams', admin, { name: `Другая ${run}` })).body;
    const answer = await api<Mailbox>(node, 'POST', '/v1/mailboxes', admin, {
      address: support,
      displayName: 'Поддержка «Тревел»',
      teamId: team.id,
      topic: 'email',
      inbound: 'imap',
      imap: { host: imapHost, port: imapPort, tls: false, user: support, password: 'imap-secret-do-not-show' },
      smtp: { host: smtpHost, port: smtpPort, security: 'none', user: support, password: 'smtp-secret-do-not-show' },
      signature: 'Служба поддержки «Тревел»',
      autoAcknowledge: true,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    mailbox = answer.body;
    const relayAnswer = await api<Mailbox>(node, 'POST', '/v1/mailboxes', admin, {
      address: relay,
      teamId: otherTeam.id,
      inbound: 'smtp',
      smtp: { host: smtpHost, port: smtpPort, security: 'none' },
    });
    expect(relayAnswer.status, JSON.stringify(relayAnswer.body)).toBe(201);
    relayMailbox = relayAnswer.body;
  }, 240_000);
  afterAll(async () => {
    customerMail.close();
    await resources.cleanup();
  });

  const received = async (box: Mailbox) => (await api<{ received: ReceivedMail[] }>(node, 'GET', `/v1/mailboxes/${box.id}/received?limit=200`, admin)).body.received;
  /** The receipt of a message with this Message-ID once it was processed. */
  const processed = (box: Mailbox, messageId: string) =>
    eventually(
      `${messageId} processed`,
      async () => {
        const receipt = (await received(box)).find((entry) => entry.mailMessageId === messageId);
        return receipt && receipt.state !== 'stored' ? receipt : undefined;
      },
      45_000,
      200,
    ) as Promise<ReceivedMail>;
  const conversation = async (id: string) => (await api<Conversation>(node, 'GET', `/v1/conversations/${id}`, admin)).body;
  const history = async (id: string) => (await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${id}/messages?limit=200`, admin)).body.messages.slice().reverse();
  const mailOf = async (id: string) => (await api<ConversationMail>(node, 'GET', `/v1/conversations/${id}/mail`, admin)).body;

  let annaConversation: string;
  let annaFirstId: string;
  let replyMessageId: string;

  it('keeps passwords sealed: the API says only whether one is set, the database holds no plaintext', async () => {
    const listed = await api<{ mailboxes: Mailbox[] }>(node, 'GET', '/v1/mailboxes', admin);
    expect(listed.status).toBe(200);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain('secret-do-not-show');
    expect(listed.body.mailboxes.find((entry) => entry.id === mailbox.id)).toMatchObject({ imap: { passwordSet: true, user: support }, smtp: { passwordSet: true }, teamId: team.id });
    const { rows } = await cluster.pg.query<{ imap_password: string; smtp_password: string }>('SELECT imap_password, smtp_password FROM mailboxes WHERE id = $1', [mailbox.id]);
    expect(rows[0]!.imap_password).toMatch(/^sc1\./);
    expect(rows[0]!.smtp_password).toMatch(/^sc1\./);
    expect(JSON.stringify(rows)).not.toContain('secret-do-not-show');
    // A copy of one mailbox's sealed password in another's row does not open there (bound to its record).
    expect(rows[0]!.imap_password).not.toBe(rows[0]!.smtp_password);
  });

  it('lets only integrations.manage configure mailboxes', async () => {
    expect((await api(node, 'GET', '/v1/mailboxes', agent)).status).toBe(403);
    expect((await api(node, 'POST', '/v1/mailboxes', agent, { address: `x-${run}@travel.example`, teamId: team.id, inbound: 'smtp', smtp: { host: 'localhost' } })).status).toBe(403);
    const customer = await cluster.customerToken(`mail-customer-${run}`);
    expect((await api(node, 'GET', '/v1/mailboxes', customer)).status).toBe(403);
    // Bad settings are refused with a rule, before anything is stored.
    const noImap = await api<{ error: { code: string; details: { rule: string } } }>(node, 'POST', '/v1/mailboxes', admin, { address: `y-${run}@travel.example`, teamId: team.id, inbound: 'imap', smtp: { host: 'localhost' } });
    expect(noImap.status).toBe(422);
    expect(noImap.body.error.details.rule).toBe('imap_required');
    const duplicate = await api(node, 'POST', '/v1/mailboxes', admin, { address: support.toUpperCase(), teamId: team.id, inbound: 'smtp', smtp: { host: 'localhost' } });
    expect(duplicate.status).toBe(409);
  });

  it('opens a conversation for the mailbox team from mail sent by an ordinary client, and acknowledges it once', async () => {
    annaFirstId = `${randomUUID()}@mail.example.ru`;
    await customerMail.sendMail({
      from: `Анна Петрова <${anna}>`,
      to: support,
      subject: 'Обмен билета Москва — Казань',
      messageId: `<${annaFirstId}>`,
      text: 'Добрый день! Хочу обменять билет на рейс SU 1234 на 12 декабря.\n\n-- \nАнна Петрова\n+7 900 000-00-00',
    });
    const receipt = await processed(mailbox, annaFirstId);
    expect(receipt).toMatchObject({ state: 'processed', outcome: 'new_conversation', sender: anna, via: 'imap', hasOriginal: true });
    annaConversation = receipt.conversationId!;
    const opened = await conversation(annaConversation);
    expect(opened).toMatchObject({ channel: 'email', teamId: team.id, subject: 'Обмен билета Москва — Казань', topic: 'email', status: 'open' });
    expect(opened.queuedAt).not.toBeNull();
    // Like any conversation: its events say channel email (statistics by channel), and the customer now waits (SLA clocks).
    const [created] = await events.wait('conversation.created', annaConversation);
    expect(created!.data).toMatchObject({ channel: 'email', teamId: team.id, customerId: opened.customerId });
    await eventually('the customer waits', async () => (await conversation(annaConversation)).waitingSince !== null, 30_000, 200);
    const messages = await eventually('the first message stored', async () => ((await history(annaConversation)).length > 0 ? history(annaConversation) : undefined), 30_000, 200);
    expect(messages[0]).toMatchObject({ kind: 'customer', body: 'Добрый день! Хочу обменять билет на рейс SU 1234 на 12 декабря.' });
    // The customer is found (or created) by address.
    const { rows } = await cluster.pg.query<{ email: string; name: string }>('SELECT cu.email::text AS email, cu.name FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1', [annaConversation]);
    expect(rows[0]).toEqual({ email: anna, name: 'Анна Петрова' });

    // The acknowledgement: Smartchat's own automatic mail, in the thread.
    const [ack] = await mailboxMessages(anna, 1);
    expect(ack!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(ack!.inReplyTo).toBe(`<${annaFirstId}>`);
    expect(ack!.subject).toBe('Re: Обмен билета Москва — Казань');
    expect(ack!.replyTo?.value[0]?.address).toMatch(/^reply\+[A-Za-z0-9_-]{16,64}@travel\.example$/);
    expect((await mailOf(annaConversation)).deliveries).toEqual([expect.objectContaining({ kind: 'acknowledgement', state: 'sent', recipient: anna })]);
  });

  it('mails an agent reply in the thread, with the signature, and never a note', async () => {
    const note = await api(node, 'POST', `/v1/conversations/${annaConversation}/messages`, admin, { clientMessageId: clientMessageId(), kind: 'note', body: 'ВНУТРЕННЕЕ: тариф невозвратный, не обещать возврат' });
    expect(note.status).toBe(202);
    const reply = await api<{ id: string }>(node, 'POST', `/v1/conversations/${annaConversation}/messages`, admin, { clientMessageId: clientMessageId(), kind: 'reply', body: 'Здравствуйте, Анна! Обменять можно, **сбор 1 500 ₽**.' });
    expect(reply.status).toBe(202);
    replyMessageId = reply.body.id;
    const delivery = await eventually('the reply sent', async () => (await mailOf(annaConversation)).deliveries.find((entry) => entry.messageId === replyMessageId && entry.state === 'sent'), 45_000, 200);
    expect(delivery).toMatchObject({ kind: 'reply', recipient: anna, attempts: 1, lastError: null });

    const inbox = await mailboxMessages(anna, 2);
    expect(inbox).toHaveLength(2);
    const answer = inbox.find((mail) => mail.text?.includes('Обменять можно'))!;
    expect(answer.subject).toBe('Re: Обмен билета Москва — Казань');
    expect(answer.from?.value[0]).toMatchObject({ address: support, name: 'Поддержка «Тревел»' });
    expect(answer.inReplyTo).toBe(`<${annaFirstId}>`);
    expect(ids(answer.references)).toEqual([annaFirstId]);
    expect(answer.text).toContain('-- \nСлужба поддержки «Тревел»');
    expect(answer.html).toContain('<strong>сбор 1 500 ₽</strong>');
    expect(answer.headers.get('auto-submitted')).toBeUndefined();
    // The note is in no mail at all.
    for (const mail of inbox) expect(`${mail.text} ${mail.html}`).not.toContain('ВНУТРЕННЕЕ');
  });

  it("joins the customer's answer to the conversation, showing only what is new", async () => {
    const [answer] = (await mailboxMessages(anna, 2)).filter((mail) => mail.text?.includes('Обменять можно'));
    const ourId = answer!.messageId!.replace(/^<|>$/g, '');
    const customerReplyId = `${randomUUID()}@mail.example.ru`;
    // To the reply address, which the company's mail server relays to the mail role's SMTP listener.
    const relayTransport = nodemailer.createTransport({ host: '127.0.0.1', port: relayPort, secure: false, ignoreTLS: true });
    await relayTransport.sendMail({
      from: `Анна Петрова <${anna}>`,
      to: answer!.replyTo!.value[0]!.address!,
      subject: 'Re: Обмен билета Москва — Казань',
      messageId: `<${customerReplyId}>`,
      inReplyTo: `<${ourId}>`,
      references: [`<${annaFirstId}>`, `<${ourId}>`],
      text: 'Спасибо, согласна на сбор.\n\nПн, 7 дек. 2026 г. в 10:00, Поддержка «Тревел» <support@travel.example>:\n> Здравствуйте, Анна! Обменять можно',
    });
    relayTransport.close();
    const receipt = await processed(mailbox, customerReplyId);
    expect(receipt).toMatchObject({ outcome: 'joined', conversationId: annaConversation, via: 'smtp', detail: { by: 'in_reply_to' } });
    const messages = await eventually('the answer stored', async () => ((await history(annaConversation)).some((message) => message.body.startsWith('Спасибо')) ? history(annaConversation) : undefined), 30_000, 200);
    expect(messages.at(-1)).toMatchObject({ kind: 'customer', body: 'Спасибо, согласна на сбор.' });
    // The original is there in full, for agents.
    const original = await fetch(`${node.url}/v1/conversations/${annaConversation}/mail/received/${receipt.id}/original`, { headers: { authorization: `Bearer ${admin}` } });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toContain('message/rfc822');
    expect(await original.text()).toContain(customerReplyId);
  });

  it("mails a back-office trip change to the customer where the conversation's team has a mailbox, and their answer joins the conversation", async () => {
    const integration = await api<{ integration: { id: string }; signingSecret: string }>(node, 'POST', '/v1/integrations', admin, { name: `Back-office ${run}` });
    const key = await api<{ secret: string }>(node, 'POST', `/v1/integrations/${integration.body.integration.id}/keys`, admin, { name: 'events', scopes: ['events.send'] });
    // Trip changes go to the mailbox's team.
    expect((await api(node, 'PUT', '/v1/integrations/rules', admin, { rules: [{ eventType: 'trip.changed', notifyCustomer: true, topic: 'Изменение поездки', teamId: team.id }] })).status).toBe(200);
    // (Not vera-… : another test below mails that address.)
    const vera = `traveller-${run}@example.ru`;
    const client = createSmartchatClient({ baseUrl: node.url, apiKey: key.body.secret, signingSecret: integration.body.signingSecret });
    const receipt = await client.sendEvent({
      type: 'trip.changed',
      timestamp: new Date().toISOString(),
      data: { customerId: `traveller-${run}`, tripId: `T-${run}`, version: 1, title: 'Москва → Сочи', changes: [{ field: 'flight', old: 'SU 1234', new: 'SU 1236' }], customer: { name: 'Вера Почтовая', email: vera, locale: 'ru' } },
    });
    const conversationId = await eventually(
      'the trip event applied',
      async () => (await cluster.pg.query<{ conversation_id: string | null; status: string }>('SELECT conversation_id, status FROM integration_events WHERE id = $1', [receipt.eventId])).rows.find((row) => row.status === 'done')?.conversation_id ?? undefined,
      30_000,
      200,
    );
    // The notice, by e-mail, from the team's mailbox, with its reply address.
    const [notice] = await mailboxMessages(vera, 1);
    expect(notice!.subject).toBe('Изменение поездки «Москва → Сочи»');
    expect(notice!.from?.value[0]).toMatchObject({ address: support });
    expect(notice!.text).toContain('SU 1234 → SU 1236');
    expect(notice!.headers.get('auto-submitted')).toBe('auto-generated');
    expect((await mailOf(conversationId!)).deliveries).toEqual([expect.objectContaining({ kind: 'notice', state: 'sent', recipient: vera })]);
    // A document for that trip: into the same conversation, and mailed with the file attached.
    const pdf = Buffer.from('%PDF-1.4\n% act\n');
    await client.sendEvent({
      type: 'document.ready',
      timestamp: new Date().toISOString(),
      data: { customerId: `traveller-${run}`, documentId: `D-${run}`, tripId: `T-${run}`, kind: 'reconciliation_act', title: 'Акт сверки за ноябрь', file: { name: 'akt.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') } },
    });
    const mails = await mailboxMessages(vera, 2);
    const document = mails.find((mail) => mail.text?.includes('Документ готов'))!;
    expect(document.attachments.map((file) => [file.filename, file.content.equals(pdf)])).toEqual([['akt.pdf', true]]);
    // Her answer by e-mail joins the trip's conversation.
    const relayTransport = nodemailer.createTransport({ host: '127.0.0.1', port: relayPort, secure: false, ignoreTLS: true });
    const answerId = `${randomUUID()}@mail.example.ru`;
    await relayTransport.sendMail({
      from: `Вера Почтовая <${vera}>`,
      to: notice!.replyTo!.value[0]!.address!,
      subject: 'Re: Изменение поездки «Москва → Сочи»',
      messageId: `<${answerId}>`,
      inReplyTo: notice!.messageId!,
      text: 'Новый рейс подходит, спасибо.',
    });
    relayTransport.close();
    expect(await processed(mailbox, answerId)).toMatchObject({ outcome: 'joined', conversationId });
    await api(node, 'PUT', '/v1/integrations/rules', admin, { rules: [] });
  });

  it('keeps an auto-reply storm in its thread: nothing opened, acknowledged or reopened', async () => {
    expect((await api(node, 'POST', `/v1/conversations/${annaConversation}/close`, admin)).status).toBe(200);
    const [ack] = await mailboxMessages(anna, 1);
    const storm = Array.from({ length: 5 }, () => `${randomUUID()}@mail.example.ru`);
    for (const id of storm) {
      await customerMail.sendMail({
        from: anna,
        to: support,
        subject: 'Автоответ: Re: Обмен билета Москва — Казань',
        messageId: `<${id}>`,
        inReplyTo: ack!.messageId!,
        headers: { 'Auto-Submitted': 'auto-replied' },
        text: 'Я в отпуске до 20 декабря.',
      });
    }
    for (const id of storm) expect(await processed(mailbox, id)).toMatchObject({ state: 'processed', outcome: 'automatic_attached', conversationId: annaConversation });
    expect((await conversation(annaConversation)).status).toBe('closed');
    const kept = await eventually('the auto-replies kept', async () => {
      const system = (await history(annaConversation)).filter((message) => message.kind === 'system' && message.body.includes('Я в отпуске'));
      return system.length === 5 ? system : undefined;
    }, 30_000, 200);
    expect(kept).toHaveLength(5);
    // Mailed to the customer since the reply: the survey of the close only (nothing for the auto-replies).
    const mailed = await mailboxMessages(anna, 4, 3000);
    expect(mailed).toHaveLength(3);
    expect(mailed.filter((mail) => mail.text?.includes('/csat/'))).toHaveLength(1);
    // An auto-reply that answers nothing of ours opens nothing.
    const stray = `${randomUUID()}@mail.example.ru`;
    await customerMail.sendMail({ from: `noreply-${run}@bank.example`, to: support, subject: 'Уведомление', messageId: `<${stray}>`, text: 'Автоматическое уведомление' });
    expect(await processed(mailbox, stray)).toMatchObject({ state: 'rejected', outcome: 'automatic_unthreaded', conversationId: null });
  });

  it('mails the survey of a close with links that rate the conversation', async () => {
    const survey = (await mailboxMessages(anna, 3)).find((mail) => mail.text?.includes('/csat/'))!;
    expect(survey.headers.get('auto-submitted')).toBe('auto-generated');
    expect(survey.subject).toBe('Re: Обмен билета Москва — Казань');
    const links = [...survey.text!.matchAll(/(http:\/\/\S+\/csat\/[A-Za-z0-9._-]+)\?rating=(\d)/g)].map((match) => ({ url: match[1]!, rating: Number(match[2]) }));
    expect(links.map((link) => link.rating)).toEqual([5, 4, 3, 2, 1]);
    const url = links[0]!.url;
    expect(url.startsWith(`${node.url}/csat/`)).toBe(true);
    // Opening a link (as a mail scanner would) answers nothing: it shows the form, the rating chosen.
    const shown = await fetch(`${url}?rating=4`);
    expect(shown.status).toBe(200);
    const form = await shown.text();
    expect(form).toContain('value="4" checked');
    expect(form).toContain(`action="/csat/${url.split('/csat/')[1]}"`);
    const csat = async () => (await api<{ surveys: { rating: number | null; comment: string | null }[] }>(node, 'GET', `/v1/conversations/${annaConversation}/csat`, admin)).body.surveys;
    expect((await csat()).at(-1)).toMatchObject({ rating: null });
    // Sending the form answers the survey, as the widget would.
    const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const answered = await post(new URLSearchParams({ rating: '4', comment: 'Быстро, но сбор большой' }).toString());
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Спасибо за оценку');
    expect((await csat()).at(-1)).toMatchObject({ rating: 4, comment: 'Быстро, но сбор большой' });
    // Bad input and forged links: clear pages, nothing changed.
    expect((await post('rating=9')).status).toBe(422);
    expect((await post('comment=только текст')).status).toBe(422);
    const forged = url.replace(/\.[A-Za-z0-9_-]+$/, '.AAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'rating=1' })).status).toBe(404);
    expect((await fetch(`${node.url}/csat/not-a-token`)).status).toBe(404);
    expect((await csat()).at(-1)).toMatchObject({ rating: 4 });
    expect((await mailOf(annaConversation)).deliveries.filter((entry) => entry.kind === 'csat')).toEqual([expect.objectContaining({ state: 'sent', recipient: anna })]);
  });

  it("does not let a forged References reach another customer's conversation", async () => {
    const [answer] = (await mailboxMessages(anna, 2)).filter((mail) => mail.text?.includes('Обменять можно'));
    const forged = `${randomUUID()}@evil.example`;
    await customerMail.sendMail({
      from: `Борис <${boris}>`,
      to: support,
      subject: 'Re: Обмен билета Москва — Казань',
      messageId: `<${forged}>`,
      inReplyTo: answer!.messageId!,
      references: [answer!.messageId!],
      text: 'Отмените бронь Анны, пожалуйста.',
    });
    const receipt = await processed(mailbox, forged);
    expect(receipt.outcome).toBe('new_conversation');
    expect(receipt.conversationId).not.toBe(annaConversation);
    expect(receipt.detail).toMatchObject({ thread: 'foreign_sender', named: [annaConversation] });
    expect((await history(annaConversation)).some((message) => message.body.includes('Отмените бронь'))).toBe(false);
    const own = await conversation(receipt.conversationId!);
    expect(own.customerId).not.toBe((await conversation(annaConversation)).customerId);
  });

  it('limits acknowledgements per sender', async () => {
    const second = `${randomUUID()}@mail.example.ru`;
    // With a photo pasted into the text (an inline part): it is shown in the message, in its place.
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await customerMail.sendMail({
      from: anna,
      to: support,
      subject: 'Новый вопрос: багаж',
      messageId: `<${second}>`,
      text: 'Сколько стоит второй чемодан?',
      html: '<p>Сколько стоит второй чемодан?</p><img src="cid:suitcase@anna">',
      attachments: [{ filename: 'чемодан.png', content: photo, contentType: 'image/png', cid: 'suitcase@anna', contentDisposition: 'inline' }],
    });
    const receipt = await processed(mailbox, second);
    expect(receipt.outcome).toBe('new_conversation');
    expect((await mailOf(receipt.conversationId!)).deliveries).toEqual([]);
    const [message] = await eventually('the message stored', async () => ((await history(receipt.conversationId!)).length > 0 ? history(receipt.conversationId!) : undefined), 30_000, 200);
    expect(message!.attachments).toEqual([expect.objectContaining({ name: 'чемодан.png', contentType: 'image/png' })]);
    expect(message!.body).toBe(`Сколько стоит второй чемодан?\n\n![чемодан.png](attachment:${message!.attachments[0]!.id})`);
  });

  it('records blocked senders, duplicates and oversized mail without opening anything', async () => {
    expect((await api(node, 'PUT', '/v1/mail/blocked-senders', admin, { senders: [`@spam-${run}.example`] })).status).toBe(200);
    const spam = `${randomUUID()}@spam.example`;
    await customerMail.sendMail({ from: `seller@spam-${run}.example`, to: support, subject: 'Выгодное предложение', messageId: `<${spam}>`, text: 'Купите!' });
    expect(await processed(mailbox, spam)).toMatchObject({ state: 'rejected', outcome: 'blocked', conversationId: null, hasOriginal: true });

    const twice = `${randomUUID()}@mail.example.ru`;
    for (let copy = 0; copy < 2; copy += 1) await customerMail.sendMail({ from: boris, to: support, subject: 'Дубль', messageId: `<${twice}>`, text: 'Одно и то же письмо дважды' });
    const receipt = await processed(mailbox, twice);
    await eventually('both copies fetched', async () => (await mailboxMessages(support, 1)).filter((mail) => mail.messageId === `<${twice}>`).length === 2, 15_000, 200);
    // The second copy is seen by the reader (and kept by the server) but recorded once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await received(mailbox)).filter((entry) => entry.mailMessageId === twice)).toHaveLength(1);
    expect((await history(receipt.conversationId!)).filter((message) => message.body === 'Одно и то же письмо дважды')).toHaveLength(1);

    const huge = `${randomUUID()}@mail.example.ru`;
    await customerMail.sendMail({ from: boris, to: support, subject: 'Скан паспорта', messageId: `<${huge}>`, text: 'x'.repeat(MAX_BYTES + 10_000) });
    expect(await processed(mailbox, huge)).toMatchObject({ state: 'rejected', outcome: 'too_large', hasOriginal: false });
  });

  it('takes relayed mail over SMTP for its own addresses only, and refuses oversized mail', async () => {
    const relayTransport = nodemailer.createTransport({ host: '127.0.0.1', port: relayPort, secure: false, ignoreTLS: true });
    try {
      const id = `${randomUUID()}@mail.example.ru`;
      // HTML only (its script is not text), with a PDF and a file type the desk does not take.
      await relayTransport.sendMail({
        from: `Вера <vera-${run}@example.ru>`,
        to: relay,
        subject: 'Счёт за отель',
        messageId: `<${id}>`,
        html: '<p>Пришлите, пожалуйста, <b>счёт</b>.</p><script>alert("x")</script>',
        attachments: [
          { filename: 'бронь.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4\n% бронь\n%%EOF\n') },
          { filename: 'setup.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ not really') },
        ],
      });
      const receipt = await processed(relayMailbox, id);
      expect(receipt).toMatchObject({ outcome: 'new_conversation', via: 'smtp', detail: { refusedFiles: [{ name: 'setup.exe' }] } });
      expect(await conversation(receipt.conversationId!)).toMatchObject({ teamId: otherTeam.id, channel: 'email', subject: 'Счёт за отель' });
      const [first] = await eventually('the message stored', async () => ((await history(receipt.conversationId!)).length > 0 ? history(receipt.conversationId!) : undefined), 30_000, 200);
      expect(first!.body).toBe('Пришлите, пожалуйста, счёт.\n\n[setup.exe: не принят: тип файла / not attached: file type]');
      expect(first!.attachments).toEqual([expect.objectContaining({ name: 'бронь.pdf', contentType: 'application/pdf' })]);
      // Agents may see it laid out as sent, sanitised: the script is gone.
      const laidOut = await api<{ html: string | null }>(node, 'GET', `/v1/conversations/${receipt.conversationId}/mail/received/${receipt.id}/html`, admin);
      expect(laidOut).toEqual({ status: 200, body: { html: '<p>Пришлите, пожалуйста, <b>счёт</b>.</p>' } });
      // Mail that is not a readable message from someone: recorded, kept, nothing opened.
      const noSender = `${randomUUID()}@mail.example.ru`;
      await relayTransport.sendMail({ envelope: { from: 'bounce@example.ru', to: [relay] }, raw: `To: ${relay}\r\nSubject: без отправителя\r\nMessage-ID: <${noSender}>\r\n\r\nКто я?\r\n` });
      expect(await processed(relayMailbox, noSender)).toMatchObject({ state: 'rejected', outcome: 'no_sender', conversationId: null, hasOriginal: true });
      const garbage = `${randomUUID()}@mail.example.ru`;
      await relayTransport.sendMail({
        envelope: { from: 'bounce@example.ru', to: [relay] },
        raw: Buffer.concat([Buffer.from(`Message-ID: <${garbage}>\r\nContent-Type: multipart/mixed; boundary="\r\nFrom: =?x?Q?\xff\r\n\r\n--`), randomBytes(2000)]),
      });
      expect(await processed(relayMailbox, garbage)).toMatchObject({ state: 'rejected', conversationId: null, hasOriginal: true, outcome: expect.stringMatching(/^(no_sender|malformed)$/) });
      // A recipient of a transaction the client reset (RSET) does not get the next message.
      const afterReset = `${randomUUID()}@mail.example.ru`;
      const said = await smtpDialogue(relayPort, [
        'EHLO client.example.ru',
        'MAIL FROM:<vera@example.ru>',
        `RCPT TO:<${support}>`,
        'RSET',
        'MAIL FROM:<vera@example.ru>',
        `RCPT TO:<${relay}>`,
        'DATA',
        `From: vera-${run}@example.ru\r\nTo: ${relay}\r\nSubject: после RSET\r\nMessage-ID: <${afterReset}>\r\n\r\nТолько в relay.\r\n.`,
        'QUIT',
      ]);
      expect(said.filter((line) => line.startsWith('250')).length).toBeGreaterThanOrEqual(5);
      expect(await processed(relayMailbox, afterReset)).toMatchObject({ outcome: 'new_conversation' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await received(mailbox)).some((entry) => entry.mailMessageId === afterReset)).toBe(false);
      await expect(relayTransport.sendMail({ from: 'x@example.ru', to: `nobody-${run}@elsewhere.example`, subject: 'relay?', text: 'open relay?' })).rejects.toMatchObject({ responseCode: 550 });
      await expect(relayTransport.sendMail({ from: 'x@example.ru', to: relay, subject: 'big', text: 'y'.repeat(MAX_BYTES + 10_000) })).rejects.toMatchObject({ responseCode: 552 });
      expect((await received(relayMailbox)).some((entry) => entry.outcome === 'too_large')).toBe(true);
    } finally {
      relayTransport.close();
    }
  });

  it('marks an answer failed when the SMTP server is gone, with the reason, and lets an agent retry it', async () => {
    const deadPort = await freePort();
    expect((await api(node, 'PATCH', `/v1/mailboxes/${relayMailbox.id}`, admin, { smtp: { host: '127.0.0.1', port: deadPort, security: 'none' } })).status).toBe(200);
    const [receipt] = (await received(relayMailbox)).filter((entry) => entry.outcome === 'new_conversation');
    const conversationId = receipt!.conversationId!;
    const invoice = await upload(node, admin, conversationId, Buffer.from('%PDF-1.4\n% счёт 4711\n%%EOF\n'), { name: 'счёт-4711.pdf' });
    expect(invoice.status).toBe(201);
    const reply = await api<{ id: string }>(node, 'POST', `/v1/conversations/${conversationId}/messages`, admin, { clientMessageId: clientMessageId(), kind: 'reply', body: 'Счёт во вложении.', attachments: [invoice.body.id] });
    expect(reply.status).toBe(202);
    const failed = await eventually('the reply failed', async () => (await mailOf(conversationId)).deliveries.find((entry) => entry.messageId === reply.body.id && entry.state === 'failed'), 60_000, 250);
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    // The server is back: a retry sends it.
    expect((await api(node, 'PATCH', `/v1/mailboxes/${relayMailbox.id}`, admin, { smtp: { host: smtpHost, port: smtpPort, security: 'none' } })).status).toBe(200);
    const retried = await api<{ state: string }>(node, 'POST', `/v1/conversations/${conversationId}/mail/deliveries/${failed.id}/retry`, admin);
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('queued');
    await eventually('the retried reply sent', async () => (await mailOf(conversationId)).deliveries.find((entry) => entry.id === failed.id)?.state === 'sent', 30_000, 250);
    expect((await api(node, 'POST', `/v1/conversations/${conversationId}/mail/deliveries/${failed.id}/retry`, admin)).status).toBe(409);
    const mails = await mailboxMessages(`vera-${run}@example.ru`, 1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Счёт во вложении.');
    expect(mails[0]!.attachments.map((file) => [file.filename, file.contentType, file.content.toString()])).toEqual([['счёт-4711.pdf', 'application/pdf', '%PDF-1.4\n% счёт 4711\n%%EOF\n']]);
  });

  it('holds a disabled mailbox: no relayed mail taken, answers wait without using up their attempts', async () => {
    const [receipt] = (await received(relayMailbox)).filter((entry) => entry.outcome === 'new_conversation');
    const conversationId = receipt!.conversationId!;
    expect((await api(node, 'PATCH', `/v1/mailboxes/${relayMailbox.id}`, admin, { enabled: false })).status).toBe(200);
    const relayTransport = nodemailer.createTransport({ host: '127.0.0.1', port: relayPort, secure: false, ignoreTLS: true });
    try {
      await expect(relayTransport.sendMail({ from: `vera-${run}@example.ru`, to: relay, subject: 'пока выключен', text: 'Есть кто?' })).rejects.toMatchObject({ responseCode: 550 });
    } finally {
      relayTransport.close();
    }
    const reply = await api<{ id: string }>(node, 'POST', `/v1/conversations/${conversationId}/messages`, admin, { clientMessageId: clientMessageId(), kind: 'reply', body: 'Ответ, пока ящик выключен.' });
    expect(reply.status).toBe(202);
    const waiting = await eventually('the reply waiting', async () => (await mailOf(conversationId)).deliveries.find((entry) => entry.messageId === reply.body.id && entry.lastError !== null), 30_000, 200);
    // Several retry periods (200 ms here) later it still waits, its attempts untouched (3 would fail it).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const later = await eventually('a look between its re-checks', async () => (await mailOf(conversationId)).deliveries.find((entry) => entry.id === waiting.id && entry.state !== 'sending'), 10_000, 50);
    expect(later).toMatchObject({ state: 'queued', attempts: 0, lastError: expect.stringContaining('disabled') });
    expect((await api(node, 'PATCH', `/v1/mailboxes/${relayMailbox.id}`, admin, { enabled: true })).status).toBe(200);
    await eventually('the reply sent', async () => (await mailOf(conversationId)).deliveries.find((entry) => entry.id === waiting.id)?.state === 'sent', 30_000, 200);
  });

  it('marks an answer failed when its bounce comes back', async () => {
    const { deliveries } = await mailOf(annaConversation);
    const sent = deliveries.find((entry) => entry.kind === 'reply')!;
    const { rows } = await cluster.pg.query<{ mail_message_id: string }>('SELECT mail_message_id FROM mail_outbound WHERE id = $1', [sent.id]);
    const bounceId = `${randomUUID()}@mx.example.ru`;
    // A delivery status notification (RFC 3464) as a receiving server sends it back.
    const report = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.ru>',
      `To: ${support}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <${bounceId}>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="report-boundary"',
      '',
      '--report-boundary',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `<${anna}>: host mx.example.ru said: 550 5.1.1 mailbox unavailable`,
      '--report-boundary',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.ru',
      '',
      `Final-Recipient: rfc822; ${anna}`,
      'Action: failed',
      'Status: 5.1.1',
      '--report-boundary',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${rows[0]!.mail_message_id}>`,
      `From: ${support}`,
      `To: ${anna}`,
      'Subject: Re: test',
      '--report-boundary--',
      '',
    ].join('\r\n');
    await customerMail.sendMail({ envelope: { from: 'MAILER-DAEMON@mx.example.ru', to: [support] }, raw: report });
    expect(await processed(mailbox, bounceId)).toMatchObject({ outcome: 'bounce', conversationId: annaConversation });
    const after = (await mailOf(annaConversation)).deliveries.find((entry) => entry.id === sent.id)!;
    expect(after.state).toBe('failed');
    expect(after.lastError).toContain('550 5.1.1');
  });

  it("keeps reading the other mailboxes when one's password no longer opens", async () => {
    const create = (address: string) =>
      api<Mailbox>(node, 'POST', '/v1/mailboxes', admin, {
        address,
        teamId: team.id,
        inbound: 'imap',
        imap: { host: imapHost, port: imapPort, tls: false, user: address, password: 'any' },
        smtp: { host: smtpHost, port: smtpPort, security: 'none' },
      });
    const broken = (await create(`broken-${run}@travel.example`)).body;
    // Sealed with a key the keyring no longer has (a rotation that dropped the old key too early).
    await cluster.pg.query(`UPDATE mailboxes SET imap_password = 'sc1.gone.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA' WHERE id = $1`, [broken.id]);
    const second = (await create(`second-${run}@travel.example`)).body;
    const id = `${randomUUID()}@mail.example.ru`;
    await customerMail.sendMail({ from: boris, to: second.address, subject: 'Во второй ящик', messageId: `<${id}>`, text: 'Дошло?' });
    expect(await processed(second, id)).toMatchObject({ outcome: 'new_conversation' });
    expect(mailNode.output.join('')).toContain("a mailbox's password cannot be opened");
  });

  it('processes a message another mail process kept and died before processing', async () => {
    // What a mail process leaves when it dies after keeping a message: the raw file and a row in
    // 'stored', leased to it. Its lease passes; this mail process takes it over.
    const id = `${randomUUID()}@mail.example.ru`;
    const blobKey = randomUUID();
    const raw = [`From: ${boris}`, `To: ${support}`, 'Subject: После сбоя', `Message-ID: <${id}>`, 'Content-Type: text/plain; charset=utf-8', '', 'Письмо, которое пережило падение процесса.', ''].join('\r\n');
    const dir = join(cluster.env.SMARTCHAT_BLOB_DIR!, 'mail', blobKey.slice(0, 2), blobKey.slice(2, 4));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, blobKey), raw);
    await cluster.pg.query(`INSERT INTO mail_received (mailbox_id, message_id, via, blob_key, size, attempts, lease_until) VALUES ($1, $2, 'imap', $3, $4, 1, now() - interval '1 second')`, [
      mailbox.id,
      id,
      blobKey,
      raw.length,
    ]);
    const receipt = await processed(mailbox, id);
    expect(receipt).toMatchObject({ state: 'processed', outcome: 'new_conversation' });
    const messages = await eventually('the message stored', async () => ((await history(receipt.conversationId!)).length > 0 ? history(receipt.conversationId!) : undefined), 30_000, 200);
    expect(messages.map((message) => message.body)).toEqual(['Письмо, которое пережило падение процесса.']);
  });

  it("shows an e-mail conversation's mail side to agents who may see it, and to no one else", async () => {
    const customer = await cluster.customerToken(`mail-outsider-${run}`);
    expect((await api(node, 'GET', `/v1/conversations/${annaConversation}/mail`, customer)).status).toBe(404);
    // Pyotr is in no team: he does not see the conversation, so it is not there for him.
    expect((await api(node, 'GET', `/v1/conversations/${annaConversation}/mail`, agent)).status).toBe(404);
    const [first] = (await mailOf(annaConversation)).received;
    expect((await api(node, 'GET', `/v1/conversations/${annaConversation}/mail/received/${first!.id}/html`, customer)).status).toBe(404);
    expect((await api(node, 'GET', `/v1/conversations/${annaConversation}/mail/received/${first!.id}/original`, agent)).status).toBe(404);
    // A text-only message has no layout to show.
    expect((await api(node, 'GET', `/v1/conversations/${annaConversation}/mail/received/${first!.id}/html`, admin)).body).toEqual({ html: null });
    // The received log pages without gaps or repeats.
    const all = await received(mailbox);
    const pages: ReceivedMail[] = [];
    let before: string | undefined;
    for (;;) {
      const page = (await api<{ received: ReceivedMail[] }>(node, 'GET', `/v1/mailboxes/${mailbox.id}/received?limit=3${before ? `&before=${before}` : ''}`, admin)).body.received;
      pages.push(...page);
      if (page.length < 3) break;
      before = page.at(-1)!.id;
    }
    expect(pages.map((entry) => entry.id)).toEqual(all.map((entry) => entry.id));
    const { received: receivedMail, deliveries } = await mailOf(annaConversation);
    expect(receivedMail.length).toBeGreaterThan(0);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(mailNode.child.exitCode).toBeNull();
  });
});

/** An SMTP conversation line by line, each command sent once the previous answer is in; the answers' last lines. */
async function smtpDialogue(port: number, commands: string[]): Promise<string[]> {
  const socket = createConnection({ host: '127.0.0.1', port });
  const answers: string[] = [];
  let buffer = '';
  let waiting: ((line: string) => void) | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n')) !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      // The last line of a reply has a space after its code (multi-line replies use "250-").
      if (/^\d{3} /.test(line)) waiting?.(line);
    }
  });
  const next = () => new Promise<string>((resolve) => (waiting = resolve));
  try {
    answers.push(await next());
    for (const command of commands) {
      const answered = next();
      socket.write(`${command}\r\n`);
      const line = await answered;
      answers.push(line);
      // DATA is answered 354: the message and its final dot follow as the next "command".
    }
  } finally {
    socket.end();
  }
  return answers;
}
