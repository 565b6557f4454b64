// What one client can ask of the chat tier: per-socket budgets for every socket event, a cap on a
// socket's handlers at once, replays in capped pieces with a continuation, the per-customer limit
// on opening conversations, and the message limit that retries count against. The limits are set
// small here so that a flood is a few dozen events.
import type { AcceptedMessage, Message, TypingEvent } from '@smartchat/contracts';
import { createRedis } from '@smartchat/platform';
import { TestResources } from '@smartchat/platform/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageStore, newMessageId } from '../src/store/messages.js';
import { api, call, clientMessageId, startChatCluster, type ChatCluster } from './support/cluster.js';

const LIMITS = {
  SMARTCHAT_SEND_LIMIT_PER_10S: '5',
  SMARTCHAT_SOCKET_JOINS_PER_10S: '20',
  SMARTCHAT_SOCKET_TYPING_PER_10S: '10',
  SMARTCHAT_SOCKET_READS_PER_10S: '10',
  SMARTCHAT_SOCKET_MAX_IN_FLIGHT: '3',
  SMARTCHAT_REPLAY_MAX_MESSAGES: '7',
  SMARTCHAT_REPLAY_MAX_BODY_BYTES: '1024',
  SMARTCHAT_RESUME_CONVERSATIONS_PER_CALL: '2',
  SMARTCHAT_CUSTOMER_OPENS_PER_HOUR: '3',
};

type Ack<T> = Awaited<ReturnType<typeof call<T>>>;
type ResumeData = { missed: Record<string, Message[]>; more?: Record<string, string> };

describe('limits on what one client can ask of the chat tier', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let store: MessageStore;
  let admin: { id: string; token: string };
  let customer: { token: string; id: string };
  const redis = () => createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger });

  /** A conversation of `token`'s customer, opened over REST. */
  const open = async (token: string, topic = 'Вопрос') => {
    const opened = await api<{ conversation: { id: string } }>(cluster.nodes[0]!, 'POST', '/v1/conversations', token, { topic, clientMessageId: clientMessageId() });
    expect(opened.status).toBe(201);
    return opened.body.conversation.id;
  };

  /** Messages written straight to the store (past the send limit, which is small here), oldest first. */
  const seed = async (conversationId: string, messages: { kind: 'customer' | 'reply' | 'note'; body: string }[]): Promise<string[]> => {
    const accepted: AcceptedMessage[] = messages.map(({ kind, body }) => ({
      id: newMessageId(),
      conversationId,
      kind,
      author: kind === 'customer' ? { type: 'customer', id: customer.id, name: 'Клиент' } : { type: 'agent', id: admin.id, name: 'Админ' },
      body,
      attachments: [],
      clientMessageId: null,
      acceptedAt: Date.now(),
      internal: false,
      customerId: customer.id,
    }));
    await store.insertMany(accepted);
    return accepted.map((message) => message.id);
  };

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2, LIMITS);
    store = new MessageStore(await resources.cqlClient(), cluster.env.SMARTCHAT_CASSANDRA_KEYSPACE!);
    const created = await cluster.createAgent('Админ', { role: 'admin' });
    admin = { id: created.id, token: await cluster.login(cluster.nodes[0]!, created.email, created.password) };
    const token = await cluster.customerToken('limits-customer', 'Клиент');
    const me = await api<{ customer: { id: string } }>(cluster.nodes[0]!, 'GET', '/v1/me', token);
    customer = { token, id: me.body.customer.id };
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('cuts off a flood of joins, reads and typing from one socket with SC_ERR_RATE_LIMITED, while another socket of the same agent keeps working', async () => {
    const conversationId = await open(await cluster.customerToken(`limits-flood-${Date.now()}`), 'Поток');
    const [firstMessage] = await seed(conversationId, [{ kind: 'customer', body: 'Здравствуйте' }]);
    const flooding = await cluster.socket(cluster.nodes[0]!, admin.token);
    const other = await cluster.socket(cluster.nodes[1]!, admin.token);
    const watcher = await cluster.createAgent('Наблюдатель', { role: 'admin' });
    const observer = await cluster.socket(cluster.nodes[1]!, await cluster.login(cluster.nodes[1]!, watcher.email, watcher.password));
    expect(await call(observer, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    const typingSeen: TypingEvent[] = [];
    observer.on('typing', (event: TypingEvent) => typingSeen.push(event));

    const flood = async (socket: Socket, event: string, input: unknown, times: number) => {
      const acks: Ack<unknown>[] = [];
      for (let index = 0; index < times; index += 1) acks.push(await call(socket, event, input));
      return acks;
    };
    const refusedOf = (acks: Ack<unknown>[]) => acks.filter((ack) => !ack.ok);

    // Right after each flood, the agent's other socket is served as usual.
    const joins = await flood(flooding, 'conversation:join', { conversationId }, 40);
    expect(await call(other, 'conversation:join', { conversationId })).toMatchObject({ ok: true, data: { conversation: { id: conversationId } } });
    const reads = await flood(flooding, 'read', { conversationId, messageId: firstMessage }, 25);
    expect(await call(other, 'read', { conversationId, messageId: firstMessage })).toEqual({ ok: true, data: null });
    for (const [acks, budget] of [[joins, 20], [reads, 10]] as const) {
      // The bucket's burst, plus what refills while the flood runs (a tenth of it per second).
      expect(acks.filter((ack) => ack.ok).length).toBeGreaterThanOrEqual(budget);
      expect(acks.filter((ack) => ack.ok).length).toBeLessThanOrEqual(budget + 2);
      for (const refused of refusedOf(acks)) {
        expect(refused).toMatchObject({ ok: false, error: { code: 'SC_ERR_RATE_LIMITED', details: { retryAfterMs: expect.any(Number) } } });
        expect((refused as { error: { details: { retryAfterMs: number } } }).error.details.retryAfterMs).toBeGreaterThan(0);
      }
    }
    // Typing has no answer: past the budget it is dropped. (Spaced out a little, so that what
    // refuses it is the budget and not the cap on handlers at once.)
    for (let index = 0; index < 40; index += 1) {
      flooding.emit('typing', { conversationId, kind: 'note', typing: index % 2 === 0 });
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const notesTyped = typingSeen.filter((event) => event.kind === 'note').length;
    expect(notesTyped).toBeGreaterThanOrEqual(9);
    expect(notesTyped).toBeLessThanOrEqual(12);
    other.emit('typing', { conversationId, kind: 'reply', typing: true });
    await expect.poll(() => typingSeen.some((event) => event.kind === 'reply')).toBe(true);
  });

  it("refuses a socket's handlers beyond the ones already running, and serves it again once they answered", async () => {
    const conversationId = await open(await cluster.customerToken(`limits-inflight-${Date.now()}`));
    const socket = await cluster.socket(cluster.nodes[0]!, admin.token);
    const acks = await Promise.all(Array.from({ length: 10 }, () => call(socket, 'conversation:join', { conversationId })));
    const refused = acks.filter((ack) => !ack.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThanOrEqual(3);
    for (const ack of refused) expect(ack).toMatchObject({ ok: false, error: { code: 'SC_ERR_RATE_LIMITED', message: expect.stringContaining('in progress'), details: { retryAfterMs: expect.any(Number) } } });
    expect(await call(socket, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
  });

  it('replays a long absence in capped pieces, and a client following `more` gets every message exactly once, in order', async () => {
    // Three conversations of one customer: a long one (with notes among the replies), a short one
    // with a large message, and one with nothing new.
    const [long, short, quiet] = [await open(customer.token, 'Долгий'), await open(customer.token, 'Короткий'), await open(customer.token, 'Тихий')];
    const [longStart] = await seed(long, [{ kind: 'customer', body: 'Начало' }]);
    const longMessages = Array.from({ length: 25 }, (_, index) => ({ kind: index % 5 === 4 ? ('note' as const) : ('reply' as const), body: `Ответ ${index}` }));
    const longIds = await seed(long, longMessages);
    const [shortStart] = await seed(short, [{ kind: 'customer', body: 'Начало' }]);
    const shortMessages = [{ kind: 'reply' as const, body: 'Коротко' }, { kind: 'reply' as const, body: 'Б'.repeat(1500) }, { kind: 'customer' as const, body: 'Спасибо' }, { kind: 'reply' as const, body: 'Пожалуйста' }];
    const shortIds = await seed(short, shortMessages);
    const [quietLast] = await seed(quiet, [{ kind: 'customer', body: 'Всё' }]);

    // What an independent client does (docs/client-api.md): resume, then resume {lastSeen: more} until no more.
    const resumeAll = async (socket: Socket, lastSeen: Record<string, string>) => {
      const pieces: ResumeData[] = [];
      let pending: Record<string, string> | undefined = lastSeen;
      while (pending && Object.keys(pending).length > 0) {
        const ack: Ack<ResumeData> = await call<ResumeData>(socket, 'resume', { lastSeen: pending });
        if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
        pieces.push(ack.data);
        pending = ack.data.more;
        expect(pieces.length).toBeLessThan(20);
      }
      return pieces;
    };
    const bodiesOf = (pieces: ResumeData[], conversationId: string) => pieces.flatMap((piece) => piece.missed[conversationId] ?? []);

    for (const who of ['agent', 'customer'] as const) {
      const socket = await cluster.socket(cluster.nodes[who === 'agent' ? 1 : 0]!, who === 'agent' ? admin.token : customer.token);
      const pieces = await resumeAll(socket, { [long]: longStart!, [short]: shortStart!, [quiet]: quietLast! });
      expect(pieces.length).toBeGreaterThan(3);
      for (const piece of pieces) {
        const messages = Object.values(piece.missed).flat();
        // At most 7 messages per piece (fewer for a customer: notes count as read but are not sent),
        // at most 2 conversations looked at, and about 1 KiB of bodies (one message may go over).
        expect(messages.length).toBeLessThanOrEqual(7);
        expect(Object.keys(piece.missed).length).toBeLessThanOrEqual(2);
        expect(messages.reduce((bytes, message) => bytes + Buffer.byteLength(message.body), 0)).toBeLessThanOrEqual(1024 + 3000);
      }
      const visibleLong = longMessages.map((message, index) => ({ ...message, id: longIds[index]! })).filter((message) => who === 'agent' || message.kind !== 'note');
      expect(bodiesOf(pieces, long).map((message) => message.id)).toEqual(visibleLong.map((message) => message.id));
      expect(bodiesOf(pieces, short).map((message) => message.id)).toEqual(shortIds);
      expect(bodiesOf(pieces, quiet)).toEqual([]);
      // Every conversation was answered (none is gone), each message once.
      expect(new Set(pieces.flatMap((piece) => Object.keys(piece.missed)))).toEqual(new Set([long, short, quiet]));
      if (who === 'customer') expect(bodiesOf(pieces, long).some((message) => message.kind === 'note')).toBe(false);
    }

    // conversation:join replays a piece too, and says where resume goes on.
    const socket = await cluster.socket(cluster.nodes[0]!, customer.token);
    const joined = await call<{ missed: Message[]; more?: Record<string, string> }>(socket, 'conversation:join', { conversationId: long, lastSeenId: longStart });
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    expect(joined.data.missed.length).toBeLessThanOrEqual(7);
    expect(Object.keys(joined.data.more ?? {})).toEqual([long]);
    const rest = await resumeAll(socket, joined.data.more!);
    expect([...joined.data.missed, ...bodiesOf(rest, long)].map((message) => message.body)).toEqual(longMessages.filter((message) => message.kind !== 'note').map((message) => message.body));
  });

  it('refuses a customer opening conversations in a loop past the limit, while a retry of an opened one still gets it', async () => {
    const token = await cluster.customerToken(`limits-opener-${Date.now()}`, 'Открывающий');
    const requests = Array.from({ length: 3 }, (_, index) => ({ topic: `Вопрос ${index}`, clientMessageId: clientMessageId(), body: `Первое сообщение ${index}` }));
    const opened: string[] = [];
    for (const request of requests) {
      const answer = await api<{ conversation: { id: string } }>(cluster.nodes[opened.length % 2]!, 'POST', '/v1/conversations', token, request);
      expect(answer.status).toBe(201);
      opened.push(answer.body.conversation.id);
    }
    const refused = await api<{ error: { code: string; message: string; details: { retryAfterMs: number } } }>(cluster.nodes[1]!, 'POST', '/v1/conversations', token, { topic: 'Ещё один', clientMessageId: clientMessageId() });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'SC_ERR_RATE_LIMITED', message: expect.stringContaining('per hour') } } });
    expect(refused.body.error.details.retryAfterMs).toBeGreaterThan(50 * 60 * 1000);
    // Without a clientMessageId too.
    expect((await api(cluster.nodes[0]!, 'POST', '/v1/conversations', token, { topic: 'И ещё' })).status).toBe(429);
    // A retry of an opened one (its answer was lost) is the same conversation, not a new one.
    const retried = await api<{ conversation: { id: string } }>(cluster.nodes[0]!, 'POST', '/v1/conversations', token, requests[1]);
    expect(retried).toMatchObject({ status: 201, body: { conversation: { id: opened[1] } } });
    const mine = await api<{ conversations: { id: string }[] }>(cluster.nodes[0]!, 'GET', '/v1/conversations', token);
    expect(mine.body.conversations.map((conversation) => conversation.id).sort()).toEqual([...opened].sort());
    // Another customer is not affected.
    expect((await api(cluster.nodes[1]!, 'POST', '/v1/conversations', await cluster.customerToken(`limits-other-${Date.now()}`), { topic: 'Другой' })).status).toBe(201);

    const client = redis();
    try {
      const { rows } = await cluster.pg.query<{ id: string }>(`SELECT id FROM customers WHERE external_id LIKE 'limits-%'`);
      await client.del(...rows.map((row) => `ratelimit:open:customer:${row.id}`));
    } finally {
      client.disconnect();
    }
  });

  it('counts every attempt against the sender\'s message limit, retries of an accepted message included', async () => {
    const token = await cluster.customerToken(`limits-sender-${Date.now()}`, 'Отправитель');
    const conversationId = await open(token);
    // The limit counts in windows aligned to 10 s: start early in one, so that all of this falls in it.
    while (Date.now() % 10_000 > 6_000) await new Promise((resolve) => setTimeout(resolve, 100));
    const sockets = [await cluster.socket(cluster.nodes[0]!, token), await cluster.socket(cluster.nodes[1]!, token)];
    const input = { conversationId, clientMessageId: clientMessageId(), body: 'Одно и то же сообщение' };
    const first = await call<{ id: string }>(sockets[0]!, 'message:send', input);
    expect(first).toMatchObject({ ok: true });
    const answers: { ok: boolean; code?: string; retryAfterMs?: number }[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      // Over both sockets and REST, so that no socket's own budget is what refuses.
      if (attempt % 3 === 2) {
        const rest = await api<{ id: string; error?: { code: string; details?: { retryAfterMs: number } } }>(cluster.nodes[0]!, 'POST', `/v1/conversations/${conversationId}/messages`, token, { clientMessageId: input.clientMessageId, body: input.body });
        answers.push(rest.status === 202 ? { ok: true } : { ok: false, code: rest.body.error?.code, retryAfterMs: rest.body.error?.details?.retryAfterMs });
      } else {
        const ack = await call<{ id: string }>(sockets[attempt % 3]!, 'message:send', input);
        answers.push(ack.ok ? { ok: true } : { ok: false, code: ack.error.code, retryAfterMs: (ack.error.details as { retryAfterMs: number }).retryAfterMs });
      }
    }
    // 5 per window: the first send and four retries; the fifth and sixth retry are refused.
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, true, false, false]);
    for (const refused of answers.slice(4)) {
      expect(refused.code).toBe('SC_ERR_RATE_LIMITED');
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(10_000);
    }
  });
});
