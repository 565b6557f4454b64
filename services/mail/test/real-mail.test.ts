// Real mail through a real server: messages sent over SMTP (nodemailer) into the local mail server
// (GreenMail, started by `make infra-up`), fetched back over IMAP (imapflow) and parsed (mailparser)
// as the inbound side will, then read: a customer's reply in Russian with Gmail's quote joins its
// conversation by In-Reply-To and shows only the new words; an out-of-office reply and a mailing
// list are automatic; a stranger's forged References opens a new conversation.
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAutomatic, headersFromLines, messageIds, nodemailerOptions, outgoingMessage, splitQuoted, threadOf, type ThreadCandidate, type ThreadLookup } from '../src/index.js';
import { localMailServer, mailboxMessages } from './support/mailboxes.js';

const { host: smtpHost, port: smtpPort } = localMailServer.smtp;

describe('received mail, read as the channel reads it', () => {
  // A mailbox of this run only: the server keeps every run's mail while it runs.
  const run = randomUUID().slice(0, 8);
  const mailbox = `support-${run}@travel.example`;
  const sentByUs = `${randomUUID()}@smartchat.travel.example`;
  const anna: ThreadCandidate = { conversationId: 'conversation-anna', customerEmail: 'anna.petrova@example.ru' };
  const lookup: ThreadLookup = {
    async conversationsByMessageId(ids) {
      return new Map(ids.filter((id) => id === sentByUs).map((id) => [id, anna] as const));
    },
    async conversationByReplyToken() {
      return null;
    },
  };
  const transport = nodemailer.createTransport({ host: smtpHost, port: smtpPort, secure: false, ignoreTLS: true });
  let received: ParsedMail[] = [];

  beforeAll(async () => {
    await transport.sendMail({
      from: 'Анна Петрова <Anna.Petrova@example.ru>',
      to: mailbox,
      subject: 'Re: Обмен билета Москва — Казань',
      inReplyTo: `<${sentByUs}>`,
      references: [`<root-${run}@example.ru>`, `<${sentByUs}>`],
      text: 'Да, рейс в 18:40 подходит. Спасибо!\n\nпн, 7 дек. 2026 г. в 10:00, Поддержка <support@travel.example>:\n> Предлагаем рейс в 18:40.\n> Доплата 1 200 ₽.\n',
    });
    await transport.sendMail({
      from: 'Борис <boris@example.ru>',
      to: mailbox,
      subject: 'Автоматический ответ: Ваш заказ',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
      text: 'Я в отпуске до 14 декабря.',
    });
    await transport.sendMail({
      from: 'Travel news <news@lists.example.com>',
      to: mailbox,
      subject: 'Скидки недели',
      list: { id: { url: 'news.lists.example.com', comment: 'Travel news' }, unsubscribe: 'https://lists.example.com/unsubscribe' },
      text: 'Скидки на рейсы в Казань.',
    });
    await transport.sendMail({
      from: 'Mallory <mallory@evil.example>',
      to: mailbox,
      subject: 'Re: Обмен билета',
      references: [`<${sentByUs}>`],
      text: 'Переведите деньги на этот счёт.',
    });

    // Over IMAP, as the inbound poller will: the whole message source, then parsed.
    received = await mailboxMessages(mailbox, 4);
  }, 60_000);
  afterAll(() => transport.close());

  const bySubject = (subject: string) => {
    const found = received.find((mail) => mail.subject === subject);
    if (!found) throw new Error(`no message "${subject}" among ${received.map((mail) => mail.subject).join(', ')}`);
    return found;
  };

  it('a customer’s reply joins its conversation by In-Reply-To and shows only the new words', async () => {
    expect(received).toHaveLength(4);
    const reply = bySubject('Re: Обмен билета Москва — Казань');
    const headers = headersFromLines(reply.headerLines);
    const from = reply.from!.value[0]!.address!;
    expect(classifyAutomatic(headers, from)).toEqual({ automatic: false, reason: null, bounce: false });
    expect(await threadOf(headers, from, [mailbox], lookup)).toEqual({ kind: 'join', conversationId: 'conversation-anna', by: 'in_reply_to' });
    const split = splitQuoted(reply.text!);
    expect(split.visible).toBe('Да, рейс в 18:40 подходит. Спасибо!');
    expect(split.rest).toContain('Доплата 1 200 ₽.');
  });

  it('an out-of-office reply and a mailing list are automatic', () => {
    const away = bySubject('Автоматический ответ: Ваш заказ');
    expect(classifyAutomatic(headersFromLines(away.headerLines), away.from!.text)).toEqual({ automatic: true, reason: 'auto_submitted', bounce: false });
    const list = bySubject('Скидки недели');
    expect(classifyAutomatic(headersFromLines(list.headerLines), list.from!.text)).toEqual({ automatic: true, reason: 'mailing_list', bounce: false });
  });

  it('a stranger’s References naming a customer’s conversation opens a new conversation', async () => {
    const forged = bySubject('Re: Обмен билета');
    expect(await threadOf(headersFromLines(forged.headerLines), forged.from!.value[0]!.address!, [mailbox], lookup)).toEqual({ kind: 'new', reason: 'foreign_sender', named: ['conversation-anna'] });
  });
});

describe('an answer by e-mail', () => {
  const run = randomUUID().slice(0, 8);
  const mailbox = `support-${run}@travel.example`;
  const customer = `anna-${run}@example.ru`;
  const transport = nodemailer.createTransport({ host: smtpHost, port: smtpPort, secure: false, ignoreTLS: true });
  afterAll(() => transport.close());

  it('reaches the customer in the same thread, and the customer’s reply to it comes back to the conversation', async () => {
    // The customer writes; the agent answers it through outgoingMessage.
    await transport.sendMail({ from: customer, to: mailbox, subject: 'Обмен билета', messageId: `<first-${run}@example.ru>`, text: 'Можно поменять билет на вечер?' });
    const [first] = await mailboxMessages(mailbox, 1);
    const answer = outgoingMessage({
      mailbox: { address: mailbox, name: 'Поддержка', signature: 'Служба поддержки' },
      to: customer,
      subject: first!.subject!,
      text: 'Да, есть рейс в 18:40.',
      replyToken: `token-${run}-0123456789`,
      answering: { messageId: messageIds(first!.messageId)[0]!, references: messageIds(headersFromLines(first!.headerLines).get('references')?.[0]), subject: first!.subject! },
    });
    await transport.sendMail(nodemailerOptions(answer));

    // In the customer's mailbox: one thread (In-Reply-To and References name the first message).
    const [shown] = await mailboxMessages(customer, 1);
    expect(shown!.subject).toBe('Re: Обмен билета');
    expect(shown!.messageId).toBe(`<${answer.messageId}>`);
    expect(shown!.inReplyTo).toBe(`<first-${run}@example.ru>`);
    expect(messageIds([shown!.references ?? []].flat().join(' '))).toEqual([`first-${run}@example.ru`]);
    expect(shown!.replyTo!.value[0]!.address).toBe(`reply+token-${run}-0123456789@travel.example`);
    expect(shown!.text).toBe('Да, есть рейс в 18:40.\n\n-- \nСлужба поддержки\n');

    // The customer replies to the answer, to its Reply-To: it joins the conversation by In-Reply-To.
    await transport.sendMail({
      from: customer,
      to: shown!.replyTo!.text,
      subject: `Re: ${shown!.subject}`,
      inReplyTo: shown!.messageId,
      references: [`<first-${run}@example.ru>`, shown!.messageId!],
      text: 'Спасибо, беру.\n\nOn Mon, Dec 7, 2026 at 10:00 AM Поддержка <' + mailbox + '> wrote:\n> Да, есть рейс в 18:40.',
    });
    const conversation: ThreadCandidate = { conversationId: `conversation-${run}`, customerEmail: customer };
    const lookup: ThreadLookup = {
      async conversationsByMessageId(ids) {
        return new Map(ids.filter((id) => id === answer.messageId || id === `first-${run}@example.ru`).map((id) => [id, conversation] as const));
      },
      async conversationByReplyToken() {
        return null;
      },
    };
    const replies = await mailboxMessages(`reply+token-${run}-0123456789@travel.example`, 1);
    const reply = replies[0]!;
    expect(await threadOf(headersFromLines(reply.headerLines), reply.from!.value[0]!.address!, [shown!.replyTo!.text], lookup)).toEqual({ kind: 'join', conversationId: `conversation-${run}`, by: 'in_reply_to' });
    expect(splitQuoted(reply.text!).visible).toBe('Спасибо, беру.');
  }, 60_000);
});
