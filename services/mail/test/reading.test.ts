// Reading a received message: automatic mail and bounces, threading (and a forged References that
// must not reach another customer's conversation), the new part of a reply in Russian and English
// clients' formats. Table tests over the header fields and texts real clients send.
import { describe, expect, it } from 'vitest';
import { classifyAutomatic, htmlText, mailHeaders, receivedMessageKey, receivedSender, sanitizeMailHtml, messageIds, normalizeAddress, replyAddress, replyTokenOf, splitQuoted, threadOf, type ThreadCandidate, type ThreadLookup } from '../src/index.js';

const headers = (fields: Record<string, string>) => mailHeaders(Object.entries(fields));

describe('header fields', () => {
  it('reads message ids with or without brackets, each once, the last hundred of a huge field', () => {
    expect(messageIds('<a@x> <b@y>\r\n <a@x>')).toEqual(['a@x', 'b@y']);
    expect(messageIds('bare@example.org')).toEqual(['bare@example.org']);
    expect(messageIds('not an id')).toEqual([]);
    expect(messageIds(undefined)).toEqual([]);
    const huge = Array.from({ length: 500 }, (_, index) => `<m${index}@x>`).join(' ');
    expect(messageIds(huge)).toHaveLength(100);
    expect(messageIds(huge).at(-1)).toBe('m499@x');
  });

  it('compares addresses in lower case, from either form, and refuses what is not one', () => {
    expect(normalizeAddress('Анна Петрова <Anna.Petrova@Example.RU>')).toBe('anna.petrova@example.ru');
    expect(normalizeAddress(' anna@example.ru ')).toBe('anna@example.ru');
    expect(normalizeAddress('anna')).toBeNull();
    expect(normalizeAddress('<>')).toBeNull();
    expect(normalizeAddress('anna@example..ru')).toBeNull();
    // A hostile field is refused, not read at length.
    expect(normalizeAddress(`a@${'b'.repeat(100_000)}`)).toBeNull();
    expect(normalizeAddress(`${'x'.repeat(300)}@${'y'.repeat(300)}.ru`)).toBeNull();
  });
});

describe('automatic mail', () => {
  const cases: { name: string; fields: Record<string, string>; from?: string; automatic: boolean; reason?: string; bounce?: boolean }[] = [
    { name: 'a person', fields: { subject: 'Вопрос по билету' }, automatic: false },
    { name: 'Auto-Submitted: no is a person', fields: { 'auto-submitted': 'no' }, automatic: false },
    { name: 'an out-of-office reply', fields: { 'Auto-Submitted': 'auto-replied; owner-email="a@b.c"' }, automatic: true, reason: 'auto_submitted' },
    { name: 'auto-generated notice', fields: { 'auto-submitted': 'Auto-Generated' }, automatic: true, reason: 'auto_submitted' },
    { name: 'Precedence: bulk', fields: { precedence: 'bulk' }, automatic: true, reason: 'precedence' },
    { name: 'Precedence: auto_reply', fields: { Precedence: 'auto_reply' }, automatic: true, reason: 'precedence' },
    { name: 'Precedence: first-class is a person', fields: { precedence: 'first-class' }, automatic: false },
    { name: 'a mailing list', fields: { 'List-Unsubscribe': '<mailto:unsub@list.example>' }, automatic: true, reason: 'mailing_list' },
    { name: 'List-Id', fields: { 'list-id': 'Travel news <news.example.com>' }, automatic: true, reason: 'mailing_list' },
    { name: 'a null Return-Path', fields: { 'return-path': '<>' }, automatic: true, reason: 'null_return_path' },
    { name: 'X-Autoreply', fields: { 'x-autoreply': 'yes' }, automatic: true, reason: 'autoreply_header' },
    { name: 'MAILER-DAEMON', fields: {}, from: 'Mail Delivery System <MAILER-DAEMON@mx.example.com>', automatic: true, reason: 'system_sender' },
    { name: 'no-reply sender', fields: {}, from: 'noreply-billing@airline.example', automatic: true, reason: 'system_sender' },
    { name: 'a person named like a robot is still a person', fields: {}, from: 'norelly@example.com', automatic: false },
    {
      name: 'a delivery status notification is a bounce',
      fields: { 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' },
      from: 'postmaster@mx.example.com',
      automatic: true,
      reason: 'delivery_status',
      bounce: true,
    },
    { name: 'X-Failed-Recipients marks a bounce', fields: { 'x-failed-recipients': 'nobody@example.com', 'auto-submitted': 'auto-replied' }, automatic: true, reason: 'auto_submitted', bounce: true },
  ];
  for (const entry of cases) {
    it(entry.name, () => {
      const verdict = classifyAutomatic(headers(entry.fields), entry.from ?? 'Анна <anna@example.ru>');
      expect(verdict).toEqual({ automatic: entry.automatic, reason: entry.reason ?? null, bounce: entry.bounce ?? false });
    });
  }
});

describe('threading', () => {
  const anna: ThreadCandidate = { conversationId: 'conversation-anna', customerEmail: 'Anna@Example.ru' };
  const boris: ThreadCandidate = { conversationId: 'conversation-boris', customerEmail: 'boris@example.ru' };
  const token = 'Tk_0123456789abcdefXYZ';
  const lookup: ThreadLookup = {
    async conversationsByMessageId(ids) {
      const known = new Map<string, ThreadCandidate>([
        ['sent-to-anna@smartchat', anna],
        ['from-anna@mail.example.ru', anna],
        ['sent-to-boris@smartchat', boris],
      ]);
      return new Map(ids.flatMap((id) => (known.has(id) ? [[id, known.get(id)!] as const] : [])));
    },
    async conversationByReplyToken(asked) {
      return asked === token ? anna : null;
    },
  };

  it('joins by In-Reply-To, then by the nearest known References id', async () => {
    expect(await threadOf(headers({ 'in-reply-to': '<sent-to-anna@smartchat>' }), 'anna@example.ru', [], lookup)).toEqual({ kind: 'join', conversationId: 'conversation-anna', by: 'in_reply_to' });
    expect(await threadOf(headers({ references: '<root@elsewhere> <from-anna@mail.example.ru> <unknown@x>' }), 'ANNA@example.ru', [], lookup)).toEqual({
      kind: 'join',
      conversationId: 'conversation-anna',
      by: 'references',
    });
  });

  it('joins by the reply address when the ids are lost, and only with the token as issued', async () => {
    const address = replyAddress(token, 'support@travel.example');
    expect(address).toBe(`reply+${token}@travel.example`);
    expect(replyTokenOf(`"Support" <${address}>`)).toBe(token);
    expect(await threadOf(headers({}), 'anna@example.ru', ['help@travel.example', address], lookup)).toEqual({ kind: 'join', conversationId: 'conversation-anna', by: 'reply_token' });
    expect(await threadOf(headers({}), 'anna@example.ru', [address.replace('Tk_', 'tk_')], lookup)).toEqual({ kind: 'new', reason: 'unthreaded', named: [] });
    expect(replyTokenOf('reply+short@travel.example')).toBeNull();
    expect(() => replyAddress('short', 'support@travel.example')).toThrow(RangeError);
  });

  it('a forged References or reply address does not let a stranger into another customer’s conversation', async () => {
    const forged = headers({ 'in-reply-to': '<sent-to-anna@smartchat>', references: '<sent-to-boris@smartchat> <sent-to-anna@smartchat>' });
    expect(await threadOf(forged, 'mallory@evil.example', [replyAddress(token, 'support@travel.example')], lookup)).toEqual({
      kind: 'new',
      reason: 'foreign_sender',
      named: ['conversation-anna', 'conversation-boris'],
    });
    // Boris quoting Anna's thread joins his own conversation, not hers.
    expect(await threadOf(forged, 'boris@example.ru', [], lookup)).toEqual({ kind: 'join', conversationId: 'conversation-boris', by: 'references' });
  });

  it('a message that points nowhere opens a new conversation', async () => {
    expect(await threadOf(headers({ subject: 'Новый вопрос' }), 'anna@example.ru', ['support@travel.example'], lookup)).toEqual({ kind: 'new', reason: 'unthreaded', named: [] });
  });
});

describe('the new part of a reply', () => {
  const cases: { name: string; text: string; visible: string; cut: boolean }[] = [
    {
      name: 'Gmail in English, its attribution wrapped over two lines',
      text: 'Thanks, that works.\n\nOn Mon, 7 Dec 2026 at 10:00, Smartchat Support <reply+abc@travel.example>\nwrote:\n> Your booking is confirmed.\n',
      visible: 'Thanks, that works.',
      cut: true,
    },
    { name: 'Gmail in English on one line', text: 'Yes.\r\nOn Mon, Dec 7, 2026 at 10:00 AM Support <s@t.example> wrote:\r\n> Shall we rebook?', visible: 'Yes.', cut: true },
    { name: 'Gmail in Russian', text: 'Спасибо!\n\nпн, 7 дек. 2026 г. в 10:00, Поддержка <support@travel.example>:\n> Билет выписан.', visible: 'Спасибо!', cut: true },
    { name: 'Yandex', text: 'Подходит.\n\n07.12.2026, 10:00, "Поддержка" <support@travel.example>:\n> Предлагаем рейс в 18:40.', visible: 'Подходит.', cut: true },
    { name: 'Mail.ru: … пишет:', text: 'Жду звонка.\n\nПонедельник, 7 декабря 2026, 10:00 +03:00 от Поддержка <support@travel.example>  пишет:', visible: 'Жду звонка.', cut: true },
    {
      name: 'Outlook in Russian',
      text: 'Добрый день, прошу вернуть деньги.\n\n-----Исходное сообщение-----\nОт: Поддержка <support@travel.example>\nОтправлено: 7 декабря 2026 г. 10:00\nТема: Ваш заказ',
      visible: 'Добрый день, прошу вернуть деньги.',
      cut: true,
    },
    { name: 'Outlook in English', text: 'Please cancel.\n\n-----Original Message-----\nFrom: Support\nSent: Monday', visible: 'Please cancel.', cut: true },
    { name: 'Outlook header block without a separator', text: 'OK\n\nFrom: Support <s@t.example>\nSent: Monday, December 7, 2026 10:00\nTo: Anna', visible: 'OK', cut: true },
    { name: 'a signature after "-- "', text: 'Confirmed.\n-- \nAnna Petrova\n+7 900 000-00-00', visible: 'Confirmed.', cut: true },
    { name: 'Отправлено с iPhone', text: 'Да, подтверждаю\n\nОтправлено с iPhone', visible: 'Да, подтверждаю', cut: true },
    { name: 'a quote block to the end', text: 'Agreed\n\n> earlier line\n> another', visible: 'Agreed', cut: true },
    { name: 'an interleaved answer keeps its quotes', text: '> Which date?\nThe 12th.\n> Which class?\nEconomy.', visible: '> Which date?\nThe 12th.\n> Which class?\nEconomy.', cut: false },
    { name: 'a message that is all quote stays whole', text: '-----Original Message-----\nFrom: Support\nSent: Monday', visible: '-----Original Message-----\nFrom: Support\nSent: Monday', cut: false },
    { name: 'a plain message', text: 'Здравствуйте! Нужна справка для бухгалтерии.\n', visible: 'Здравствуйте! Нужна справка для бухгалтерии.', cut: false },
    { name: 'a line saying "from:" in the text is not a header block', text: 'The invoice from: last week\nis wrong.', visible: 'The invoice from: last week\nis wrong.', cut: false },
  ];
  it('reads hostile texts in one pass: a megabyte on one line, ten thousand quoted lines', () => {
    const line = `${'7'.repeat(50)} ${'<'.repeat(10)}${'a'.repeat(1_000_000)}`;
    expect(splitQuoted(`${line}\n`).rest).toBeNull();
    const quoted = `Ответ\n\n${'> старое\n'.repeat(10_000)}`;
    expect(splitQuoted(quoted).visible).toBe('Ответ');
    const interleaved = `${'> вопрос\nответ\n'.repeat(10_000)}`;
    expect(splitQuoted(interleaved).rest).toBeNull();
  });

  for (const entry of cases) {
    it(entry.name, () => {
      const split = splitQuoted(entry.text);
      expect(split.visible).toBe(entry.visible);
      expect(split.rest !== null).toBe(entry.cut);
      // Nothing is lost: the new part and the rest are the whole text.
      if (split.rest !== null) expect(`${split.visible}\n${split.rest}`.replace(/\s+/g, ' ').trim()).toBe(entry.text.replace(/\r\n?/g, '\n').replace(/\s+/g, ' ').trim());
    });
  }
});

describe('the text of an HTML-only message', () => {
  it('keeps the words and drops scripts, styles, images and link targets', () => {
    expect(htmlText('<p>Пришлите, <b>счёт</b>.</p><script>alert("x")</script><style>p { color: red }</style><p><a href="https://evil.example/">ссылка</a><img src="https://tracker.example/1.gif" alt="pixel"></p>')).toBe('Пришлите, счёт.\n\nссылка');
  });

  it('reads hostile nesting in bounded time and keeps what it reads', () => {
    // 60,000 nested elements: cut to the first 200 KB and 200 levels (html-to-text's "..." for what is deeper), never a stack overflow.
    expect(htmlText(`${'<b>'.repeat(60_000)}глубоко`)).toBe('...');
    expect(htmlText(`<div>${'<span>'.repeat(150)}глубоко${'</span>'.repeat(150)}</div>`)).toBe('глубоко');
  });
});

describe('the HTML of a received message, sanitised for display', () => {
  it('keeps layout, text and plain links, and nothing that runs, loads or submits', () => {
    const html = sanitizeMailHtml(
      [
        '<html><head><title>x</title><style>body{background:url(https://tracker.example/bg)}</style></head><body>',
        '<p onclick="steal()">Здравствуйте, <b>Анна</b>!</p>',
        '<script>alert(1)</script><iframe src="https://evil.example"></iframe>',
        '<img src="https://tracker.example/pixel.gif"><img src="cid:logo">',
        '<a href="javascript:alert(1)">опасная</a> <a href="https://travel.example/trip/42" target="_self">поездка</a> <a href="//evil.example">без схемы</a>',
        '<form action="https://evil.example"><input name="card"></form>',
        '<table><tr><td colspan="2" style="color:red">Итого</td></tr></table>',
        '</body></html>',
      ].join(''),
    );
    expect(html).toBe(
      '<p>Здравствуйте, <b>Анна</b>!</p>' +
        '<a target="_blank" rel="noopener noreferrer nofollow">опасная</a> <a href="https://travel.example/trip/42" target="_blank" rel="noopener noreferrer nofollow">поездка</a> <a target="_blank" rel="noopener noreferrer nofollow">без схемы</a>' +
        '<table><tr><td colspan="2">Итого</td></tr></table>',
    );
  });
});

describe('what is read from the header section alone', () => {
  it('finds the sender and the Message-ID without parsing the message, and keys a message without one by its bytes', () => {
    const raw = Buffer.from('Subject: x\r\nFrom: =?UTF-8?B?0JDQvdC90LA=?=\r\n <Anna.Petrova@Example.RU>\r\nMessage-ID:\r\n <abc@mail.example.ru>\r\n\r\nFrom: someone@else.example\r\n');
    expect(receivedSender(raw)).toBe('anna.petrova@example.ru');
    expect(receivedMessageKey(raw)).toBe('abc@mail.example.ru');
    const anonymous = Buffer.from('Subject: no id\r\n\r\nbody');
    expect(receivedSender(anonymous)).toBeNull();
    expect(receivedMessageKey(anonymous)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(receivedMessageKey(anonymous)).toBe(receivedMessageKey(Buffer.from('Subject: no id\r\n\r\nbody')));
  });
});
