// The header fields of an answer: one thread in the customer's client, and the customer's next reply
// found again (In-Reply-To, References, Reply-To), "Re: " once, the signature, and our own automatic
// mail marked so that other robots do not answer it.
import { describe, expect, it } from 'vitest';
import { MAX_REFERENCES, nodemailerOptions, outgoingMessage, replyReferences, replySubject } from '../src/index.js';

const token = 'Tk_0123456789abcdefXYZ';
const mailbox = { address: 'Support@Travel.example', name: 'Поддержка', signature: 'Служба поддержки\n+7 800 000-00-00' };

describe('an outgoing message', () => {
  it('answers the customer’s last message in its thread, with our own id and the reply address', () => {
    const message = outgoingMessage({
      mailbox,
      to: 'Анна <anna@example.ru>',
      subject: 'Обмен билета',
      text: 'Предлагаем рейс в 18:40.\n\n',
      replyToken: token,
      answering: { messageId: 'from-anna@example.ru', references: ['root@example.ru', 'sent-1@travel.example'], subject: 'Re: Обмен билета' },
    });
    expect(message.messageId).toMatch(/^[0-9a-f-]{36}@travel\.example$/);
    expect(message).toMatchObject({
      from: { name: 'Поддержка', address: 'support@travel.example' },
      to: 'anna@example.ru',
      replyTo: `reply+${token}@travel.example`,
      subject: 'Re: Обмен билета',
      inReplyTo: 'from-anna@example.ru',
      references: ['root@example.ru', 'sent-1@travel.example', 'from-anna@example.ru'],
      text: 'Предлагаем рейс в 18:40.\n\n-- \nСлужба поддержки\n+7 800 000-00-00\n',
      headers: {},
    });
    expect(nodemailerOptions(message)).toMatchObject({ messageId: `<${message.messageId}>`, inReplyTo: '<from-anna@example.ru>', references: ['<root@example.ru>', '<sent-1@travel.example>', '<from-anna@example.ru>'] });
    expect(outgoingMessage({ mailbox, to: 'anna@example.ru', subject: 'x', text: 'y', replyToken: token }).messageId).not.toBe(message.messageId);
  });

  it('starts a thread when it answers nothing, and marks Smartchat’s own mail as automatic', () => {
    const message = outgoingMessage({ mailbox: { address: 'support@travel.example' }, to: 'anna@example.ru', subject: ' Ваше обращение принято ', text: 'Мы ответим в течение часа.', replyToken: token, automatic: true });
    expect(message).toMatchObject({ subject: 'Ваше обращение принято', references: [], headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' }, text: 'Мы ответим в течение часа.' });
    expect(message.inReplyTo).toBeUndefined();
    expect(nodemailerOptions(message).references).toBeUndefined();
  });

  it('says "Re:" once, in either language', () => {
    expect(replySubject('Обмен билета')).toBe('Re: Обмен билета');
    expect(replySubject('RE: Обмен билета')).toBe('RE: Обмен билета');
    expect(replySubject('Ответ: Обмен билета')).toBe('Ответ: Обмен билета');
    expect(replySubject('Re[2]: Обмен')).toBe('Re[2]: Обмен');
    expect(replySubject('Resort booking')).toBe('Re: Resort booking');
  });

  it('keeps the root and the nearest ids of a long chain, each once', () => {
    const chain = Array.from({ length: 40 }, (_, index) => `m${index}@x`);
    const references = replyReferences({ messageId: 'last@x', references: [...chain, 'm5@x'], subject: 's' });
    expect(references).toHaveLength(MAX_REFERENCES);
    expect(references[0]).toBe('m0@x');
    expect(references.at(-1)).toBe('last@x');
    expect(new Set(references).size).toBe(references.length);
  });

  it('refuses addresses that are not ones', () => {
    expect(() => outgoingMessage({ mailbox: { address: 'support' }, to: 'anna@example.ru', subject: 's', text: 't', replyToken: token })).toThrow(RangeError);
    expect(() => outgoingMessage({ mailbox, to: 'anna', subject: 's', text: 't', replyToken: token })).toThrow(RangeError);
  });
});
