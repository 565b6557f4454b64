import { DELIVERY_EXCHANGE, type Message, type ReadEvent, type TypingEvent, type ViewersEvent } from '@smartchat/contracts';
import { shardOf } from '@smartchat/core';
import { createRedis } from '@smartchat/platform';
import amqplib from 'amqplib';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupKeys } from '../src/messaging/accept.js';
import { MessageStore, newMessageId } from '../src/store/messages.js';
import { api, call, clientMessageId, inbox, startChatCluster, type ChatCluster } from './support/cluster.js';

// Two chat processes share one database, keyspace and broker: a customer talks to one, the
// agent to the other.
describe('messages between a customer and an agent on different chat processes', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let agentToken: string;
  let agentId: string;
  let customerToken: string;
  let conversationId: string;

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2);
    const agent = await cluster.createAgent('Анна Смирнова');
    agentId = agent.id;
    agentToken = await cluster.login(cluster.nodes[1]!, agent.email, agent.password);
    customerToken = await cluster.customerToken('cust-1001', 'Иван Петров');
    const created = await api<{ conversation: { id: string } }>(cluster.nodes[0]!, 'POST', '/v1/conversations', customerToken, { topic: 'Поездка в Казань' });
    expect(created.status).toBe(201);
    conversationId = created.body.conversation.id;
  }, 120_000);
  afterAll(() => resources.cleanup());

  /** Publishes straight to the conversation's delivery shard, past the accepting path: one broker message each, confirmed. */
  const publishToShard = async (...payloads: unknown[]) => {
    const connection = await amqplib.connect(cluster.env.SMARTCHAT_RABBITMQ_URL!);
    try {
      const channel = await connection.createConfirmChannel();
      for (const payload of payloads) channel.publish(DELIVERY_EXCHANGE, String(shardOf(conversationId, 4)), Buffer.from(JSON.stringify(payload)), { persistent: true });
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
  };

  it('delivers in real time both ways, keeps notes from the customer, and stores everything in order', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    const customerInbox = inbox(customer);
    const agentInbox = inbox(agent);
    expect(await call(customer, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    expect(await call(agent, 'conversation:join', { conversationId })).toMatchObject({ ok: true, data: { conversation: { id: conversationId, status: 'open' } } });

    const sent = await call<{ id: string; status: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Здравствуйте! Поезд отменили.' });
    expect(sent).toMatchObject({ ok: true, data: { status: 'accepted' } });
    await eventually('agent receives the customer message', async () => agentInbox.length === 1);
    expect(agentInbox[0]).toMatchObject({ kind: 'customer', body: 'Здравствуйте! Поезд отменили.', author: { type: 'customer', name: 'Иван Петров' } });

    await call(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind: 'note', body: 'Проверить билет в бэк-офисе' });
    const reply = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind: 'reply', body: 'Сейчас **проверю** и вернусь.' });
    expect(reply.ok).toBe(true);
    await eventually('customer receives the reply', async () => customerInbox.some((message) => message.kind === 'reply'));
    await eventually('agent sees all three', async () => agentInbox.length === 3);
    // The note never reaches the customer's socket.
    expect(customerInbox.map((message) => message.kind)).toEqual(['customer', 'reply']);

    const history = await api<{ messages: Message[] }>(cluster.nodes[1]!, 'GET', `/v1/conversations/${conversationId}/messages`, agentToken);
    expect(history.body.messages.map((message) => message.kind)).toEqual(['reply', 'note', 'customer']);
    const customerHistory = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages`, customerToken);
    expect(customerHistory.body.messages.map((message) => message.kind)).toEqual(['reply', 'customer']);

    const row = await cluster.pg.query('SELECT last_message_id, waiting_since FROM conversations WHERE id = $1', [conversationId]);
    expect(row.rows[0]).toEqual({ last_message_id: reply.ok ? reply.data.id : null, waiting_since: null });
  });

  it('accepts a retried message once: same clientMessageId, same id, one stored message', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const input = { conversationId, clientMessageId: clientMessageId(), body: 'Это сообщение отправлено дважды' };
    const [first, second] = await Promise.all([call<{ id: string }>(customer, 'message:send', input), call<{ id: string }>(customer, 'message:send', input)]);
    const again = await api<{ id: string }>(cluster.nodes[1]!, 'POST', `/v1/conversations/${conversationId}/messages`, customerToken, { clientMessageId: input.clientMessageId, body: input.body });
    expect(first.ok && second.ok).toBe(true);
    const ids = new Set([first.ok && first.data.id, second.ok && second.data.id, again.body.id]);
    expect(ids.size).toBe(1);
    await eventually('stored', async () => {
      const history = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=200`, customerToken);
      return history.body.messages.filter((message) => message.body === input.body).length === 1;
    });
  });

  it('keeps the first content of a clientMessageId: concurrent retries with another body or kind, from any socket or process, are refused and never stored or shown', async () => {
    // The attack: an agent's retries alternating reply and note with different bodies, all at once
    // from two processes. Each used to get the same id; sockets saw one version, the store kept another.
    const [first, second] = [await cluster.socket(cluster.nodes[0]!, agentToken), await cluster.socket(cluster.nodes[1]!, agentToken)];
    const observer = await cluster.socket(cluster.nodes[0]!, agentToken);
    const customer = await cluster.socket(cluster.nodes[1]!, customerToken);
    const seenBy = { first: inbox(first), second: inbox(second), observer: inbox(observer), customer: inbox(customer) };
    for (const socket of [first, second, observer, customer]) expect(await call(socket, 'conversation:join', { conversationId })).toMatchObject({ ok: true });

    const id = clientMessageId();
    const attempts = Array.from({ length: 8 }, (_, index) => ({ kind: index % 2 === 0 ? ('reply' as const) : ('note' as const), body: `Попытка ${index} (${index % 2 === 0 ? 'ответ' : 'заметка'})` }));
    const acks = await Promise.all(attempts.map((attempt, index) => call<{ id: string }>(index % 2 === 0 ? first : second, 'message:send', { conversationId, clientMessageId: id, ...attempt })));
    const accepted = acks.flatMap((ack, index) => (ack.ok ? [{ ...attempts[index]!, id: ack.data.id }] : []));
    expect(accepted).toHaveLength(1);
    const winner = accepted[0]!;
    for (const ack of acks.filter((ack) => !ack.ok)) expect(ack).toMatchObject({ ok: false, error: { code: 'SC_ERR_MESSAGE_ID_REUSED', message: expect.stringContaining('clientMessageId') } });

    // The identical retry is still the same message; a changed one still is not.
    expect(await call(second, 'message:send', { conversationId, clientMessageId: id, kind: winner.kind, body: winner.body })).toEqual({ ok: true, data: { id: winner.id, status: 'accepted' } });
    const changedKind = await api(cluster.nodes[1]!, 'POST', `/v1/conversations/${conversationId}/messages`, agentToken, { clientMessageId: id, kind: winner.kind === 'reply' ? 'note' : 'reply', body: winner.body });
    expect(changedKind).toMatchObject({ status: 409, body: { error: { code: 'SC_ERR_MESSAGE_ID_REUSED' } } });

    await eventually('every agent socket has the message', async () => [seenBy.first, seenBy.second, seenBy.observer].every((seen) => seen.some((message) => message.id === winner.id)));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // anything republished would arrive by now
    for (const seen of [seenBy.first, seenBy.second, seenBy.observer]) {
      expect(seen.filter((message) => message.clientMessageId === id).map((message) => [message.id, message.kind, message.body])).toEqual([[winner.id, winner.kind, winner.body]]);
    }
    const customerSees = seenBy.customer.filter((message) => message.id === winner.id || attempts.some((attempt) => attempt.body === message.body));
    expect(customerSees.map((message) => [message.kind, message.body])).toEqual(winner.kind === 'reply' ? [['reply', winner.body]] : []);

    // The store: REST history for both sides, and the row itself.
    const agentHistory = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=50`, agentToken);
    expect(agentHistory.body.messages.filter((message) => message.clientMessageId === id).map((message) => [message.id, message.kind, message.body, message.editedAt])).toEqual([[winner.id, winner.kind, winner.body, null]]);
    const customerHistory = await api<{ messages: Message[] }>(cluster.nodes[1]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=50`, customerToken);
    expect(customerHistory.body.messages.filter((message) => message.id === winner.id || attempts.some((attempt) => attempt.body === message.body)).map((message) => message.body)).toEqual(winner.kind === 'reply' ? [winner.body] : []);
    const store = new MessageStore(await resources.cqlClient(), cluster.env.SMARTCHAT_CASSANDRA_KEYSPACE!);
    expect(await store.get(conversationId, winner.id)).toMatchObject({ kind: winner.kind, body: winner.body, editedAt: null, clientMessageId: id });
  });

  it("never shows a customer an agent's id: live, edited, replayed, in history or in the conversation", async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    // Everything the customer's socket receives, as raw JSON.
    const received: string[] = [];
    customer.onAny((event: string, ...payload: unknown[]) => received.push(JSON.stringify([event, payload])));
    const agentInbox = inbox(agent);
    const customerInbox = inbox(customer);
    const before = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Есть кто-нибудь?' });
    const beforeId = before.ok ? before.data.id : '';
    expect(await call(agent, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    expect(await call(customer, 'conversation:join', { conversationId })).toMatchObject({ ok: true });

    // A reply over the socket and one over REST, an edit and a deletion, typing and reading.
    const bySocket = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind: 'reply', body: 'Да, я здесь' });
    const byRest = await api<{ id: string }>(cluster.nodes[1]!, 'POST', `/v1/conversations/${conversationId}/messages`, agentToken, { clientMessageId: clientMessageId(), body: 'Смотрю вашу бронь' });
    const replyIds = [bySocket.ok ? bySocket.data.id : '', byRest.body.id];
    await eventually('the customer has both replies', async () => replyIds.every((id) => customerInbox.some((message) => message.id === id)));
    expect(await call(agent, 'message:edit', { conversationId, messageId: replyIds[0], body: 'Да, я здесь, добрый день' })).toMatchObject({ ok: true });
    expect(await call(agent, 'message:delete', { conversationId, messageId: replyIds[1] })).toMatchObject({ ok: true });
    agent.emit('typing', { conversationId, kind: 'reply', typing: true });
    expect(await call(agent, 'read', { conversationId, messageId: beforeId })).toMatchObject({ ok: true });
    // The conversation changes under the customer's eyes: closed and reopened by the agent.
    expect((await api(cluster.nodes[1]!, 'POST', `/v1/conversations/${conversationId}/close`, agentToken)).status).toBe(200);
    expect((await api(cluster.nodes[1]!, 'POST', `/v1/conversations/${conversationId}/reopen`, agentToken)).status).toBe(200);
    await eventually('the customer saw the edit, the deletion, typing, the read and the reopening', async () =>
      ['"message:updated"', '"typing"', '"read"', '"conversation:updated"'].every((event) => received.some((item) => item.startsWith(`[${event}`))) &&
      received.filter((item) => item.startsWith('["message:updated"')).length === 2 &&
      received.some((item) => item.startsWith('["conversation:updated"') && item.includes('"open"')),
    );
    // Agents still get the author's id.
    expect(agentInbox.find((message) => message.id === replyIds[0])?.author).toEqual({ type: 'agent', id: agentId, name: 'Анна Смирнова' });

    // What the customer asks for: replays, history, the conversation, the list.
    const resumed = await call(customer, 'resume', { lastSeen: { [conversationId]: beforeId } });
    const joined = await call(customer, 'conversation:join', { conversationId, lastSeenId: beforeId });
    const history = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=50`, customerToken);
    const one = await api(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}`, customerToken);
    const list = await api(cluster.nodes[0]!, 'GET', '/v1/conversations', customerToken);
    for (const answer of [resumed, joined]) received.push(JSON.stringify(answer));
    for (const answer of [history, one, list]) received.push(JSON.stringify(answer.body));
    const reply = history.body.messages.find((message) => message.id === replyIds[0]);
    expect(reply).toMatchObject({ kind: 'reply', author: { type: 'agent', id: null, name: 'Анна Смирнова' }, body: 'Да, я здесь, добрый день' });
    expect(resumed.ok && (resumed.data as { missed: Record<string, Message[]> }).missed[conversationId]!.some((message) => message.id === replyIds[0] && message.author.name === 'Анна Смирнова')).toBe(true);

    const everything = received.join('\n');
    expect(everything).toContain('Анна Смирнова');
    expect(everything).not.toContain(agentId);
  });

  it('takes a conversation id in capitals as the same conversation: the message reaches the sockets live', async () => {
    // Ids are keys outside Postgres too (rooms, Redis, Kafka): one in capitals was stored but
    // went to a room nobody had joined.
    const upper = conversationId.toUpperCase();
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    const agentInbox = inbox(agent);
    const customerInbox = inbox(customer);
    expect(await call(agent, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    expect(await call(customer, 'conversation:join', { conversationId: upper })).toMatchObject({ ok: true });
    const bySocket = await call<{ id: string }>(customer, 'message:send', { conversationId: upper, clientMessageId: clientMessageId(), body: 'Заглавными по сокету' });
    const byRest = await api<{ id: string }>(cluster.nodes[0]!, 'POST', `/v1/conversations/${upper}/messages`, customerToken, { clientMessageId: clientMessageId(), body: 'Заглавными по REST' });
    expect(bySocket.ok && byRest.status).toBe(202);
    await eventually('the agent has both live', async () => agentInbox.filter((message) => message.body.startsWith('Заглавными')).length === 2);
    expect(agentInbox.filter((message) => message.body.startsWith('Заглавными')).map((message) => message.conversationId)).toEqual([conversationId, conversationId]);
    await eventually('the customer joined with capitals has both too', async () => customerInbox.filter((message) => message.body.startsWith('Заглавными')).length === 2);
  });

  it('frees the clientMessageId of a refused send for the corrected retry, and keeps claims in a day hash of the conversation', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const id = clientMessageId();
    const refused = await call(customer, 'message:send', { conversationId, clientMessageId: id, body: 'С вложением', attachments: ['00000000-0000-4000-8000-000000000000'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION' } });
    const corrected = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: id, body: 'Без вложения' });
    expect(corrected).toMatchObject({ ok: true, data: { status: 'accepted' } });
    const retried = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: id, body: 'Без вложения' });
    expect(retried.ok && corrected.ok && retried.data.id === corrected.data.id).toBe(true);

    // The conversation's claims are one hash per day with an expiry, not a key per message.
    const redis = createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger });
    try {
      const { today, yesterday } = dedupKeys(conversationId);
      // Read both: the send may have crossed midnight (UTC) since.
      const claims = { ...(await redis.hgetall(yesterday)), ...(await redis.hgetall(today)) };
      const claimed = Object.entries(claims).filter(([field]) => field.endsWith(`:${id}`));
      // The claim holds the id, its state and a hash of the content it was claimed for.
      expect(claimed).toEqual([[expect.stringMatching(/^customer:/), expect.stringMatching(new RegExp(`^${corrected.ok ? corrected.data.id : 'none'}\\|accepted\\|[A-Za-z0-9_-]{22}$`))]]);
      const ttl = Math.max(await redis.ttl(today), await redis.ttl(yesterday));
      expect(ttl).toBeGreaterThan(47 * 3600);

      // The expiry is set by a hash's first claim and left alone by later ones (an EXPIRE per
      // send was a write of its own in Redis' append-only file); a hash without one gets it back.
      const hash = dedupKeys(conversationId).today;
      const send = async (body: string) => expect(await call(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body })).toMatchObject({ ok: true });
      await redis.expire(hash, 600);
      await send('Ещё одно');
      const sameDay = dedupKeys(conversationId).today === hash; // false only if UTC midnight passed just now
      if (sameDay) expect(await redis.ttl(hash)).toBeLessThanOrEqual(600);
      await redis.persist(hash);
      await send('И ещё одно');
      if (dedupKeys(conversationId).today === hash) expect(await redis.ttl(hash)).toBeGreaterThan(47 * 3600);
    } finally {
      redis.disconnect();
    }
  });

  it('answers a retry of a message claimed yesterday with yesterday\'s id, and claims nothing today', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const first = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Вчерашнее сообщение' });
    expect(first.ok).toBe(true);
    const firstId = first.ok ? first.data.id : '';
    // A claim as yesterday's send left it; the retry arrives today. "Today" is taken a minute
    // ahead: should midnight (UTC) fall within that minute, the claim is in the server's own day
    // hash instead, which it reads as well.
    const id = clientMessageId();
    const redis = createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger });
    try {
      const { yesterday } = dedupKeys(conversationId, Date.now() + 60_000);
      const customerId = (await cluster.pg.query<{ customer_id: string }>('SELECT customer_id FROM conversations WHERE id = $1', [conversationId])).rows[0]!.customer_id;
      await redis.hset(yesterday, `customer:${customerId}:${id}`, `${firstId}|accepted`);
      await redis.expire(yesterday, 3600);
      const retried = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: id, body: 'Вчерашнее сообщение' });
      expect(retried).toEqual({ ok: true, data: { id: firstId, status: 'accepted' } });
      expect(await redis.hexists(dedupKeys(conversationId, Date.now() + 60_000).today, `customer:${customerId}:${id}`)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('replays exactly what a reconnecting client missed', async () => {
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    await call(agent, 'conversation:join', { conversationId });
    const last = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Последнее, что видел клиент' });
    const lastSeenId = last.ok ? last.data.id : '';
    await eventually('stored', async () => (await api<{ messages: Message[] }>(cluster.nodes[1]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=1`, agentToken)).body.messages[0]?.id === lastSeenId);

    // The customer is offline while three replies and a note are written.
    const missedBodies = ['Билет найден', 'Перебронировал на завтра', 'Подтверждение на почте'];
    for (const body of missedBodies) await call(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), body });
    await call(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind: 'note', body: 'Клиенту не показывать' });
    await eventually('all stored', async () => (await api<{ messages: Message[] }>(cluster.nodes[1]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=4`, agentToken)).body.messages.length === 4 &&
      (await api<{ messages: Message[] }>(cluster.nodes[1]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=1`, agentToken)).body.messages[0]?.kind === 'note');

    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const resumed = await call<{ missed: Record<string, Message[]> }>(customer, 'resume', { lastSeen: { [conversationId]: lastSeenId } });
    expect(resumed.ok).toBe(true);
    expect(resumed.ok && resumed.data.missed[conversationId]!.map((message) => message.body)).toEqual(missedBodies);
  });

  it('shows a reply being typed to the customer but never a note', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    await call(customer, 'conversation:join', { conversationId });
    await call(agent, 'conversation:join', { conversationId });
    const seen: TypingEvent[] = [];
    customer.on('typing', (event: TypingEvent) => seen.push(event));
    agent.emit('typing', { conversationId, kind: 'note', typing: true });
    agent.emit('typing', { conversationId, kind: 'reply', typing: true });
    await eventually('customer sees the reply typing', async () => seen.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ conversationId, kind: 'reply', typing: true, who: { type: 'agent', id: '', name: 'Анна Смирнова' } });
  });

  it('tells the agent that the customer read, and the customer that an agent read, without naming the agent', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    await call(customer, 'conversation:join', { conversationId });
    await call(agent, 'conversation:join', { conversationId });
    const customerSees: ReadEvent[] = [];
    const agentSees: ReadEvent[] = [];
    customer.on('read', (event: ReadEvent) => customerSees.push(event));
    agent.on('read', (event: ReadEvent) => agentSees.push(event));
    const customerInbox = inbox(customer);
    const reply = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Прочитайте, пожалуйста' });
    const messageId = reply.ok ? reply.data.id : '';
    // A client reads what it was shown.
    await eventually('the customer got the reply', async () => customerInbox.some((message) => message.id === messageId));
    expect(await call(customer, 'read', { conversationId, messageId })).toEqual({ ok: true, data: null });
    await eventually('agent sees the customer read', async () => agentSees.some((event) => event.who.type === 'customer' && event.messageId === messageId));
    expect(await call(agent, 'read', { conversationId, messageId })).toEqual({ ok: true, data: null });
    await eventually('customer sees an agent read', async () => customerSees.some((event) => event.who.type === 'agent'));
    expect(customerSees.find((event) => event.who.type === 'agent')?.who.id).toBe('');
  });

  it('gives the read positions again after a reload, and never names a note to the customer', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    await call(customer, 'conversation:join', { conversationId });
    const customerSees: ReadEvent[] = [];
    customer.on('read', (event: ReadEvent) => customerSees.push(event));
    const sent = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Когда будет ответ?' });
    const reply = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Уже смотрю' });
    const note = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind: 'note', body: 'Проверить тариф' });
    const [customerMessage, replyId, noteId] = [sent, reply, note].map((result) => (result.ok ? result.data.id : ''));
    const reads = (token: string) => api<{ reads: ReadEvent[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/reads`, token);
    const stored = new MessageStore(await resources.cqlClient(), cluster.env.SMARTCHAT_CASSANDRA_KEYSPACE!);
    await eventually('the three messages are stored', async () => (await Promise.all([customerMessage!, replyId!, noteId!].map((id) => stored.get(conversationId, id)))).every(Boolean));

    // An agent's position on a note: nothing of it reaches the customer, live or after a reload.
    expect(await call(agent, 'read', { conversationId, messageId: noteId })).toEqual({ ok: true, data: null });
    expect(await call(customer, 'read', { conversationId, messageId: replyId })).toEqual({ ok: true, data: null });
    const asCustomer = await reads(customerToken);
    expect(asCustomer.status).toBe(200);
    expect(asCustomer.body.reads).toEqual([{ conversationId, who: { type: 'customer', id: expect.any(String) }, messageId: replyId, readAt: expect.any(String) }]);
    expect(JSON.stringify(asCustomer.body)).not.toContain(noteId);
    expect(customerSees.some((event) => event.messageId === noteId)).toBe(false);

    // On the customer's message: the customer gets it live and after a reload, without the agent's id.
    expect(await call(agent, 'read', { conversationId, messageId: customerMessage })).toEqual({ ok: true, data: null });
    await eventually('the customer sees the agent read', async () => customerSees.some((event) => event.messageId === customerMessage));
    const again = await reads(customerToken);
    expect(again.body.reads).toContainEqual({ conversationId, who: { type: 'agent', id: '' }, messageId: customerMessage, readAt: expect.any(String) });
    expect(JSON.stringify(again.body)).not.toContain(agentId);
    // The agent gets every position with the real ids.
    const asAgent = await reads(agentToken);
    expect(asAgent.body.reads).toEqual(
      expect.arrayContaining([
        { conversationId, who: { type: 'agent', id: agentId }, messageId: customerMessage, readAt: expect.any(String) },
        { conversationId, who: { type: 'customer', id: expect.any(String) }, messageId: replyId, readAt: expect.any(String) },
      ]),
    );
    // Someone else's conversation is not found.
    const stranger = await cluster.customerToken('cust-reads-stranger', 'Чужой');
    expect((await reads(stranger)).status).toBe(404);
  });

  it("fills a customer's history page past the notes the customer may not see", async () => {
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    const agentInbox = inbox(agent);
    await call(agent, 'conversation:join', { conversationId });
    const sent: string[] = [];
    for (const [kind, body] of [['reply', 'Первый ответ'], ['reply', 'Ответ до заметок'], ['note', 'Заметка 1'], ['note', 'Заметка 2'], ['note', 'Заметка 3']] as const) {
      const result = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind, body });
      if (!result.ok) throw new Error(result.error.code);
      sent.push(result.data.id);
    }
    await eventually('all five stored', async () => sent.every((id) => agentInbox.some((message) => message.id === id)));
    const customerPage = await api<{ messages: Message[]; nextBefore: string | null }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=2`, customerToken);
    expect(customerPage.body.messages.map((message) => message.body)).toEqual(['Ответ до заметок', 'Первый ответ']);
    // Paging on from there continues below the page, with nothing skipped or repeated.
    const next = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=200&before=${customerPage.body.nextBefore}`, customerToken);
    const all = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=200`, customerToken);
    expect([...customerPage.body.messages, ...next.body.messages].map((message) => message.id)).toEqual(all.body.messages.map((message) => message.id));
    const agentPage = await api<{ messages: Message[] }>(cluster.nodes[1]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=2`, agentToken);
    expect(agentPage.body.messages.map((message) => message.body)).toEqual(['Заметка 3', 'Заметка 2']);
  });

  it('takes a read position only at a message of the conversation the reader may see', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    await call(agent, 'conversation:join', { conversationId });
    const agentSees: ReadEvent[] = [];
    agent.on('read', (event: ReadEvent) => agentSees.push(event));
    const agentInbox = inbox(agent);
    const note = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind: 'note', body: 'Заметка, которой клиент не видит' });
    if (!note.ok) throw new Error(note.error.code);
    await eventually('the note is stored', async () => agentInbox.some((message) => message.id === note.data.id));
    const other = await api<{ conversation: { id: string } }>(cluster.nodes[0]!, 'POST', '/v1/conversations', customerToken, { topic: 'Другой вопрос', clientMessageId: clientMessageId(), body: 'Второе обращение' });
    const otherHistory = await eventually('the other conversation has its message', async () => {
      const history = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${other.body.conversation.id}/messages`, customerToken);
      return history.body.messages[0];
    });
    // An id made a minute from now, as a client could: it would mark the next replies read before they exist.
    const future = note.data.id.replace(/^[0-9a-f]{8}/, (low) => ((parseInt(low, 16) + 600_000_000) % 0x1_0000_0000).toString(16).padStart(8, '0'));
    for (const [what, messageId] of [
      ['a note, to the customer', note.data.id],
      ['a message of another conversation', otherHistory.id],
      ['an id no message has', future],
    ] as const) {
      expect(await call(customer, 'read', { conversationId, messageId }), what).toMatchObject({ ok: false, error: { code: 'SC_ERR_MESSAGE_NOT_FOUND' } });
    }
    // The agent may read the note.
    expect(await call(agent, 'read', { conversationId, messageId: note.data.id })).toEqual({ ok: true, data: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(agentSees.filter((event) => event.who.type === 'customer')).toEqual([]);
  });

  it("shows agents each other's presence and who else is viewing or typing in a conversation", async () => {
    const colleague = await cluster.createAgent('Борис Иванов');
    const watcher = await cluster.socket(cluster.nodes[0]!, agentToken);
    const presence: { agentId: string; status: string }[] = [];
    const viewers: ViewersEvent[] = [];
    watcher.on('presence', (event: { agentId: string; status: string }) => presence.push(event));
    watcher.on('viewers', (event: ViewersEvent) => viewers.push(event));
    await call(watcher, 'conversation:join', { conversationId });

    const other = await cluster.socket(cluster.nodes[1]!, await cluster.login(cluster.nodes[1]!, colleague.email, colleague.password));
    await eventually('colleague online', async () => presence.some((event) => event.agentId === colleague.id && event.status === 'online'));
    await call(other, 'conversation:join', { conversationId });
    await eventually('colleague viewing', async () => viewers.at(-1)?.viewers.some((viewer) => viewer.agentId === colleague.id && viewer.typing === null));
    other.emit('typing', { conversationId, kind: 'note', typing: true });
    await eventually('colleague typing a note', async () => viewers.at(-1)?.viewers.find((viewer) => viewer.agentId === colleague.id)?.typing === 'note');
    other.disconnect();
    await eventually('colleague gone', async () => viewers.at(-1)?.viewers.every((viewer) => viewer.agentId !== colleague.id));
    await eventually('colleague offline', async () => presence.some((event) => event.agentId === colleague.id && event.status === 'offline'));
  });

  it('edits and deletes keep every version in history, visible and restorable only with the history permission', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    await call(customer, 'conversation:join', { conversationId });
    const updates: Message[] = [];
    customer.on('message:updated', (message: Message) => updates.push(message));
    const sent = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Ваш рейс в 10:00' });
    const messageId = sent.ok ? sent.data.id : '';
    await eventually('stored', async () => (await api(cluster.nodes[1]!, 'GET', `/v1/conversations/${conversationId}/messages/${messageId}/history`, agentToken)).status !== 404);

    expect(await call(agent, 'message:edit', { conversationId, messageId, body: 'Ваш рейс в 11:00' })).toMatchObject({ ok: true, data: { body: 'Ваш рейс в 11:00' } });
    await eventually('customer sees the edit', async () => updates.some((message) => message.body === 'Ваш рейс в 11:00' && message.editedAt !== null));
    expect(await call(customer, 'message:edit', { conversationId, messageId, body: 'взлом' })).toMatchObject({ ok: false, error: { code: 'SC_ERR_FORBIDDEN' } });
    const colleague = await cluster.createAgent('Коллега');
    const colleagueToken = await cluster.login(cluster.nodes[0]!, colleague.email, colleague.password);
    expect(await api(cluster.nodes[0]!, 'DELETE', `/v1/conversations/${conversationId}/messages/${messageId}`, colleagueToken)).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN' } } });

    expect(await api(cluster.nodes[1]!, 'DELETE', `/v1/conversations/${conversationId}/messages/${messageId}`, agentToken)).toMatchObject({ status: 200, body: { deleted: true, body: '' } });
    await eventually('customer sees the deletion', async () => updates.some((message) => message.id === messageId && message.deleted && message.body === ''));
    // Without the history permission the text is gone; with it, every version is there.
    expect(await api(cluster.nodes[1]!, 'GET', `/v1/conversations/${conversationId}/messages/${messageId}/history`, agentToken)).toMatchObject({ status: 403 });
    const admin = await cluster.createAgent('Мария Админова', { role: 'admin' });
    const adminToken = await cluster.login(cluster.nodes[0]!, admin.email, admin.password);
    const history = await api<{ message: Message; history: { action: string; body: string }[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages/${messageId}/history`, adminToken);
    expect(history.body.message).toMatchObject({ deleted: true, body: 'Ваш рейс в 11:00' });
    expect(history.body.history.map((entry) => [entry.action, entry.body])).toEqual([
      ['edit', 'Ваш рейс в 10:00'],
      ['delete', 'Ваш рейс в 11:00'],
    ]);
    expect(await api(cluster.nodes[0]!, 'POST', `/v1/conversations/${conversationId}/messages/${messageId}/restore`, agentToken)).toMatchObject({ status: 403 });
    expect(await api(cluster.nodes[0]!, 'POST', `/v1/conversations/${conversationId}/messages/${messageId}/restore`, adminToken)).toMatchObject({ status: 200, body: { deleted: false, body: 'Ваш рейс в 11:00' } });
    await eventually('customer sees the restoration', async () => updates.some((message) => message.id === messageId && !message.deleted && message.body === 'Ваш рейс в 11:00'));
    // Deletions, restorations and refused attempts at them are in the audit log, with an address.
    const { rows: audited } = await cluster.pg.query<{ action: string; outcome: string; actor: string; ip: string | null }>(
      'SELECT action, outcome, actor, host(ip) AS ip FROM audit_log WHERE target = $1 ORDER BY id',
      [`message:${conversationId}/${messageId}`],
    );
    const entries = audited.map((entry) => [entry.action, entry.outcome, entry.actor]);
    expect(entries.filter(([action]) => action !== 'message.history')).toEqual([
      ['message.edit', 'denied', expect.stringMatching(/^customer:/)],
      ['message.delete', 'denied', `agent:${colleague.id}`],
      ['message.delete', 'ok', `agent:${agentId}`],
      ['message.restore', 'denied', `agent:${agentId}`],
      ['message.restore', 'ok', `agent:${admin.id}`],
    ]);
    // Reading the history without the permission is refused and audited each time (the wait for
    // the message above asked too).
    const historyReads = entries.filter(([action]) => action === 'message.history');
    expect(historyReads.length).toBeGreaterThanOrEqual(2);
    expect(historyReads.every(([, outcome, actor]) => outcome === 'denied' && actor === `agent:${agentId}`)).toBe(true);
    expect(audited.every((entry) => entry.ip === '127.0.0.1')).toBe(true);
  });

  it("tells a customer who opens a conversation what to expect from the team's hours and first-response target", async () => {
    // One team always open with a 15-minute target; one open only on the day after tomorrow (UTC).
    const openDay = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2));
    const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[openDay.getUTCDay()]!;
    await cluster.pg.query(`INSERT INTO teams (name, topics, first_response_minutes) VALUES ('Ожидание: всегда', '{Ожидание всегда}', 15)`);
    await cluster.pg.query(`INSERT INTO teams (name, topics, business_hours) VALUES ('Ожидание: послезавтра', '{Ожидание послезавтра}', $1)`, [
      JSON.stringify({ timeZone: 'UTC', days: { [weekday]: [['00:00', '24:00']] } }),
    ]);
    const token = await cluster.customerToken('cust-expectation', 'Ожидающий');
    const open = (topic: string) => api<{ expectation: { open: boolean; replyBy: string | null; opensAt: string | null } | null }>(cluster.nodes[0]!, 'POST', '/v1/conversations', token, { topic, clientMessageId: clientMessageId(), body: 'Здравствуйте' });

    const before = Date.now();
    const always = await open('Ожидание всегда');
    expect(always.status).toBe(201);
    expect(always.body.expectation).toMatchObject({ open: true, opensAt: null });
    const due = Date.parse(always.body.expectation!.replyBy!);
    expect(due).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 15 * 60_000);

    const later = await open('Ожидание послезавтра');
    expect(later.body.expectation).toEqual({ open: false, replyBy: null, opensAt: openDay.toISOString() });
  });

  it('rejects bad input with a clear code and changes nothing', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const other = await cluster.socket(cluster.nodes[0]!, await cluster.customerToken('cust-2002'));
    const cases: [unknown, string][] = [
      [{ conversationId, body: 'без clientMessageId' }, 'SC_ERR_VALIDATION'],
      [{ conversationId, clientMessageId: clientMessageId(), body: 'x'.repeat(10_001) }, 'SC_ERR_VALIDATION'],
      [{ conversationId, clientMessageId: clientMessageId(), body: '   ' }, 'SC_ERR_VALIDATION'],
      ['not an object', 'SC_ERR_VALIDATION'],
      [{ conversationId: 'not-a-uuid', clientMessageId: clientMessageId(), body: 'hi' }, 'SC_ERR_VALIDATION'],
      [{ conversationId: '00000000-0000-4000-8000-000000000000', clientMessageId: clientMessageId(), body: 'hi' }, 'SC_ERR_CONVERSATION_NOT_FOUND'],
      [{ conversationId, clientMessageId: clientMessageId(), kind: 'note', body: 'customers cannot write notes' }, 'SC_ERR_MESSAGE_KIND_NOT_ALLOWED'],
    ];
    for (const [input, code] of cases) {
      const result = await call(customer, 'message:send', input);
      expect(result, JSON.stringify(input).slice(0, 80)).toMatchObject({ ok: false, error: { code } });
    }
    // Another customer cannot write into, join or read this conversation: it does not exist for them.
    expect(await call(other, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'чужой разговор' })).toMatchObject({ ok: false, error: { code: 'SC_ERR_CONVERSATION_NOT_FOUND' } });
    expect(await call(other, 'conversation:join', { conversationId })).toMatchObject({ ok: false, error: { code: 'SC_ERR_CONVERSATION_NOT_FOUND' } });
    const read = await api(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages`, await cluster.customerToken('cust-2002'));
    expect(read).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_CONVERSATION_NOT_FOUND' } } });

    const history = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${conversationId}/messages?limit=200`, customerToken);
    expect(history.body.messages.some((message) => ['чужой разговор', 'customers cannot write notes', 'hi'].includes(message.body))).toBe(false);
  });

  it('opens a conversation once per clientMessageId, and opens none when its first message is refused', async () => {
    const node = cluster.nodes[0]!;
    const token = await cluster.customerToken(`cust-open-${Date.now()}`, 'Ольга Новикова');
    const mine = async () => (await api<{ conversations: { id: string }[] }>(node, 'GET', '/v1/conversations', token)).body.conversations.map((conversation) => conversation.id);

    const refused = await api(node, 'POST', '/v1/conversations', token, { topic: 'Возврат билета', clientMessageId: clientMessageId(), body: '   ' });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', details: [{ path: 'body.body' }] } } });
    expect(await mine()).toEqual([]);

    // A retry of the same request (its answer was lost), and two at once: one conversation, one message.
    const request = { topic: 'Возврат билета', clientMessageId: clientMessageId(), body: 'Хочу вернуть билет' };
    type Opened = { conversation: { id: string }; message: { id: string } };
    const first = await api<Opened>(node, 'POST', '/v1/conversations', token, request);
    const [second, third] = await Promise.all([api<Opened>(cluster.nodes[1]!, 'POST', '/v1/conversations', token, request), api<Opened>(node, 'POST', '/v1/conversations', token, request)]);
    expect(first.status).toBe(201);
    for (const again of [second, third]) expect(again).toMatchObject({ status: 201, body: { conversation: { id: first.body.conversation.id }, message: { id: first.body.message.id } } });
    expect(await mine()).toEqual([first.body.conversation.id]);
    await eventually('the first message is stored', async () => {
      const history = await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${first.body.conversation.id}/messages`, token);
      return history.body.messages.length === 1 && history.body.messages[0]!.id === first.body.message.id;
    });

    // Another request opens another conversation.
    const other = await api<Opened>(node, 'POST', '/v1/conversations', token, { ...request, clientMessageId: clientMessageId() });
    expect(other.body.conversation.id).not.toBe(first.body.conversation.id);
    expect((await mine()).sort()).toEqual([first.body.conversation.id, other.body.conversation.id].sort());
  });

  it('answers malformed REST requests in the one error shape, with the catalogue message and what was wrong', async () => {
    const node = cluster.nodes[0]!;
    const url = `${node.url}/v1/conversations/${conversationId}/messages`;
    const post = async (body: string, contentType: string) => {
      const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${customerToken}`, 'content-type': contentType }, body });
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; details?: { path: string; message: string }[] } } };
    };
    const catalogue = 'The request is invalid';
    const invalidJson = await post('{"clientMessageId": "cm_1", "body": ', 'application/json');
    expect(invalidJson).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', message: catalogue, details: [{ path: 'body' }] } } });
    expect(await post('', 'application/json')).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', message: catalogue, details: [{ path: 'body' }] } } });
    expect(await post('"just a string"', 'application/json')).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', message: catalogue, details: [{ path: 'body' }] } } });
    // Above the 64 KiB request limit, whatever the body says.
    const tooLarge = await post(JSON.stringify({ clientMessageId: clientMessageId(), body: 'я'.repeat(40_000) }), 'application/json');
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: 'SC_ERR_BODY_TOO_LARGE' } } });
    for (const response of [invalidJson, tooLarge]) expect(Object.keys(response.body)).toEqual(['error']);

    const history = await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${conversationId}/messages?limit=200`, customerToken);
    expect(history.body.messages.some((message) => message.body.startsWith('яяя'))).toBe(false);
  });

  it('shows a conversation closed and reopened, live, to the customer and the agents who have it open', async () => {
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    const bystander = await cluster.socket(cluster.nodes[0]!, await cluster.customerToken('cust-bystander'));
    expect(await call(customer, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    expect(await call(agent, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    const updates = (socket: typeof customer) => {
      const received: Record<string, unknown>[] = [];
      socket.on('conversation:updated', (conversation: Record<string, unknown>) => received.push(conversation));
      return received;
    };
    const [toCustomer, toAgent, toBystander] = [updates(customer), updates(agent), updates(bystander)];

    expect((await api(cluster.nodes[1]!, 'POST', `/v1/conversations/${conversationId}/close`, agentToken)).status).toBe(200);
    await eventually('both sides see it closed', async () => toCustomer.some((c) => c.status === 'closed') && toAgent.some((c) => c.status === 'closed'));
    expect(await api(cluster.nodes[1]!, 'POST', `/v1/conversations/${conversationId}/reopen`, agentToken)).toMatchObject({ status: 200 });
    await eventually('both sides see it open again', async () => toCustomer.at(-1)?.status === 'open' && toAgent.at(-1)?.status === 'open');

    // The customer gets the customer's shape only (no team, assignee or priority); the agent the whole conversation.
    for (const conversation of toCustomer) expect(Object.keys(conversation).sort()).toEqual(['createdAt', 'id', 'lastMessageAt', 'status', 'subject', 'topic']);
    expect(toAgent.at(-1)).toMatchObject({ id: conversationId, internal: false, status: 'open' });
    expect(Object.keys(toAgent.at(-1)!)).toEqual(expect.arrayContaining(['assigneeId', 'teamId', 'priority', 'waitingSince']));
    expect(toBystander).toEqual([]);
  });

  it('refuses NUL characters and ids from outside the conversation\'s time, without a server error', async () => {
    const node = cluster.nodes[0]!;
    const customer = await cluster.socket(node, customerToken);
    // A NUL in a message body was accepted, then failed the conversation update on every retry and
    // held up delivery for everyone: it is refused at the door, over the socket and REST alike.
    expect(await call(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'a\u0000b' })).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION', details: [{ path: 'body' }] } });
    expect(await api(node, 'POST', `/v1/conversations/${conversationId}/messages`, customerToken, { clientMessageId: clientMessageId(), body: 'a\u0000b' })).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', details: [{ path: 'body.body' }] } } });
    expect(await api(node, 'GET', '/v1/conversations?q=a%00b', agentToken)).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', details: [{ path: 'querystring.q' }] } } });
    // Malformed paths get the same error shape, before any route runs.
    expect(await api(node, 'GET', '/v1/conversations/%E0%A4%A', customerToken)).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION' } } });
    expect(await api(node, 'GET', `/v1/conversations/${'a'.repeat(300)}`, customerToken)).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION' } } });
    // Well-formed message ids from before the conversation (1582) or far in the future.
    const history = await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${conversationId}/messages?limit=200`, customerToken);
    const ancient = '00000000-0000-1000-8000-000000000000';
    const future = 'ffffffff-ffff-1fff-bfff-ffffffffffff';
    const joined = await call<{ missed: Message[] }>(customer, 'conversation:join', { conversationId, lastSeenId: ancient });
    expect(joined.ok && joined.data.missed.map((message) => message.id)).toEqual(history.body.messages.map((message) => message.id).reverse());
    expect(await call(customer, 'conversation:join', { conversationId, lastSeenId: future })).toMatchObject({ ok: true, data: { missed: [] } });
    expect(await call(customer, 'resume', { lastSeen: { [conversationId]: future } })).toMatchObject({ ok: true, data: { missed: { [conversationId]: [] } } });
    const page = await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${conversationId}/messages?limit=200&before=${future}`, customerToken);
    expect(page.body.messages.map((message) => message.id)).toEqual(history.body.messages.map((message) => message.id));
    expect(await api(node, 'GET', `/v1/conversations/${conversationId}/messages?before=${ancient}`, customerToken)).toMatchObject({ status: 200, body: { messages: [] } });
    // A page size is decimal digits: hex, exponents, blanks and empty values are mistakes, not 16, 100, 7 or 0.
    for (const limit of ['0x10', '1e2', '%207', '', '2.5', '-1', '0', '201']) {
      expect(await api(node, 'GET', `/v1/conversations/${conversationId}/messages?limit=${limit}`, customerToken), limit).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', details: [{ path: 'querystring.limit' }] } } });
    }
    expect(await api(node, 'GET', '/v1/conversations?limit=0x10', agentToken)).toMatchObject({ status: 400, body: { error: { details: [{ path: 'querystring.limit' }] } } });
    expect(await api(node, 'GET', `/v1/conversations/${conversationId}/messages?limit=2`, customerToken)).toMatchObject({ status: 200, body: { messages: history.body.messages.slice(0, 2) } });
    // An event sent with an ack and no input is answered too.
    expect(await customer.timeout(10_000).emitWithAck('message:send')).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION' } });
  });

  it('keeps delivering when the delivery queue holds a message the store would refuse', async () => {
    // Only our publishers write the delivery queues, after validation; a message that slipped past
    // them (a conversation id that is not a uuid, say) would fail its step on every retry and hold
    // up every later delivery of the lane. The consumer refuses it at the door instead.
    const poison = { id: '5f0c1a10-eef2-11f1-8000-00000000dead', conversationId: 'not-a-uuid', kind: 'customer', author: { type: 'customer', id: 'x', name: 'x' }, body: 'poison', attachments: [], clientMessageId: null, acceptedAt: Date.now(), internal: false, customerId: null };
    await publishToShard(poison);
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const received = inbox(agent);
    expect(await call(agent, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    const sent = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'После битого сообщения' });
    expect(sent.ok).toBe(true);
    await eventually('the next message is delivered', async () => received.some((message) => sent.ok && message.id === sent.data.id));
  });

  it('emits a message that reaches the delivery queue more than once only once to each socket', async () => {
    // A client that retries after a confirm it never heard of can have its message published
    // again under the same id, and copies can meet in one delivery batch. Three copies, then a normal message.
    const agent = await cluster.socket(cluster.nodes[1]!, agentToken);
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);
    const atAgent = inbox(agent);
    const atCustomer = inbox(customer);
    expect(await call(agent, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    expect(await call(customer, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    const first = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Первое' });
    expect(first.ok).toBe(true);
    const firstId = first.ok ? first.data.id : '';
    await eventually('the first message reaches the agent', async () => atAgent.some((message) => message.id === firstId));
    const author = atAgent.find((message) => message.id === firstId)!.author;
    const copy = { id: newMessageId(), conversationId, kind: 'customer', author, body: 'Одно сообщение, три публикации', attachments: [], clientMessageId: clientMessageId(), acceptedAt: Date.now(), internal: false, customerId: null };
    // Two copies in one publish group (one batch), then a third on its own (the next batch).
    await publishToShard([copy, copy], copy);
    const after = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'После копий' });
    expect(after.ok).toBe(true);
    const afterId = after.ok ? after.data.id : '';
    await eventually('the message after the copies reaches both sockets', async () => atAgent.some((message) => message.id === afterId) && atCustomer.some((message) => message.id === afterId));
    expect(atAgent.filter((message) => message.id === copy.id)).toHaveLength(1);
    expect(atCustomer.filter((message) => message.id === copy.id)).toHaveLength(1);
  });

  it('answers malformed input on every socket event with a validation error and keeps serving', async () => {
    const node = cluster.nodes[1]!;
    const agent = await cluster.socket(node, agentToken);
    const customer = await cluster.socket(node, customerToken);
    const sent = await call<{ id: string }>(agent, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Проверю и вернусь' });
    expect(sent.ok).toBe(true);
    const messageId = sent.ok ? sent.data.id : '';
    const malformed: unknown[] = [undefined, null, 'not an object', 42, [], {}, { conversationId: 'not-a-uuid' }];
    const cases: [string, unknown][] = [
      ...['message:send', 'message:edit', 'message:delete', 'message:restore', 'conversation:join', 'conversation:leave', 'resume', 'read'].flatMap((event) => malformed.map((input): [string, unknown] => [event, input])),
      // Inputs that are well-formed except for one field, for the events that change messages.
      ['message:edit', { conversationId, messageId, body: '   ' }],
      ['message:edit', { conversationId, messageId, body: 'x'.repeat(10_001) }],
      ['message:delete', { conversationId, messageId: 'not-an-id' }],
      ['message:restore', { conversationId }],
      ['read', { conversationId, messageId: 'not-an-id' }],
    ];
    for (const socket of [agent, customer]) {
      for (const [event, input] of cases) {
        const result = await call(socket, event, input);
        expect(result, `${event} ${JSON.stringify(input)?.slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION' } });
      }
      // Typing has no ack: malformed input is dropped.
      for (const input of malformed) socket.emit('typing', input);
    }

    // The process is still up, the sockets still connected, and nothing was changed.
    expect((await fetch(`${node.opsUrl}/healthz`)).status).toBe(200);
    expect(agent.connected && customer.connected).toBe(true);
    const history = await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${conversationId}/messages?limit=200`, agentToken);
    expect(history.body.messages.find((message) => message.id === messageId)).toMatchObject({ body: 'Проверю и вернусь', deleted: false });
    expect(await call(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Спасибо!' })).toMatchObject({ ok: true });
  });
});
