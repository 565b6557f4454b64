// Redis pub/sub keeps nothing for a subscriber that was away: a chat process whose subscription
// was lost for a while (a Redis restart, or Redis closing a subscriber that fell behind) missed
// the message batches and access announcements published meanwhile, while its sockets stayed
// connected. Once subscribed again it must tell them, so that their clients catch up.
import type { AccessChangedEvent, Message } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, clientMessageId, inbox, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';
import { createRedisUser, type RedisTestUser } from './support/redis-user.js';

describe('a chat process that lost its Redis subscriptions for a while', () => {
  const resources = new TestResources();
  // The second process connects to Redis as its own user, so that only its subscriptions can be
  // taken away (Redis 7 closes the connections subscribed to channels a user may no longer use).
  let redisUser: RedisTestUser;
  let cluster: ChatCluster;
  let second: ChatNode;

  beforeAll(async () => {
    redisUser = await createRedisUser(resources, 'sub');
    // The first process starts alone, so it is the active consumer of every delivery shard: the
    // second one's sockets get messages only through the fan-out.
    cluster = await startChatCluster(resources, 1);
    second = await cluster.startNode({ SMARTCHAT_REDIS_URL: redisUser.url });
  }, 120_000);
  afterAll(() => resources.cleanup());

  /** The second process's subscriber connections, with their subscription counts. */
  const subscribers = async () =>
    String(await redisUser.admin.call('CLIENT', 'LIST'))
      .split('\n')
      .filter((line) => line.includes(` user=${redisUser.name} `) && /name=chat-(io|access)-sub /.test(line))
      .map((line) => ({ name: /name=(\S+)/.exec(line)![1]!, subscriptions: Number(/ sub=(\d+)/.exec(line)![1]) + Number(/ psub=(\d+)/.exec(line)![1]) }));

  it('asks its sockets to resync, and they get what was sent meanwhile by resuming', async () => {
    const [first] = cluster.nodes as [ChatNode];
    const agentAccount = await cluster.createAgent('Агент второго узла');
    const customerToken = await cluster.customerToken('lost-subscription');
    const created = await api<{ conversation: { id: string } }>(first, 'POST', '/v1/conversations', customerToken, { topic: 'Пропавшая подписка' });
    const conversationId = created.body.conversation.id;
    const customer = await cluster.socket(first, customerToken);
    const agent = await cluster.socket(second, await cluster.login(second, agentAccount.email, agentAccount.password));
    const agentInbox = inbox(agent);
    let resyncs = 0;
    agent.on('resync', () => (resyncs += 1));
    const accessChanges: AccessChangedEvent[] = [];
    agent.on('access:changed', (event: AccessChangedEvent) => accessChanges.push(event));
    expect(await call(agent, 'conversation:join', { conversationId })).toMatchObject({ ok: true });

    const before = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'До обрыва' });
    if (!before.ok) throw new Error(before.error.code);
    await eventually('the agent got the first message live', async () => agentInbox.some((message) => message.id === before.data.id));
    expect((await subscribers()).every((connection) => connection.subscriptions > 0)).toBe(true);

    await redisUser.setRules('resetchannels');
    // Closed by Redis, connected again, and refused their subscriptions.
    await eventually('the second process has lost its subscriptions', async () => {
      const connections = await subscribers();
      return connections.length === 2 && connections.every((connection) => connection.subscriptions === 0);
    }, 30_000, 100);
    const during = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Во время обрыва' });
    if (!during.ok) throw new Error(during.error.code);
    await eventually('stored', async () => {
      const history = await api<{ messages: Message[] }>(first, 'GET', `/v1/conversations/${conversationId}/messages`, customerToken);
      return history.body.messages.some((message) => message.id === during.data.id);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(agentInbox.some((message) => message.id === during.data.id)).toBe(false);
    expect(agent.connected).toBe(true);
    expect(resyncs).toBe(0);

    await redisUser.setRules('allchannels');
    await eventually('the socket was asked to resync', async () => resyncs > 0, 30_000, 100);
    // Every agent socket was re-checked against fresh access (announcements may have been missed).
    await eventually('access re-checked', async () => accessChanges.some((event) => event.reason === 'resync'));
    // Subscribed again: the next message arrives live — here before the client acts on the
    // resync, so the newest message it has is newer than the one it missed.
    const after = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'После обрыва' });
    if (!after.ok) throw new Error(after.error.code);
    await eventually('the agent got the next message live', async () => agentInbox.some((message) => message.id === after.data.id));
    expect((await subscribers()).every((connection) => connection.subscriptions > 0)).toBe(true);
    expect(agentInbox.some((message) => message.id === during.data.id)).toBe(false);

    // What a client does on `resync`: resume from the newest message it has. The first catch-up
    // after a resync reads from before the gap, so the missed message is there (with what the
    // client has already, which it merges by id).
    const resumed = await call<{ missed: Record<string, Message[]> }>(agent, 'resume', { lastSeen: { [conversationId]: after.data.id } });
    expect(resumed.ok && resumed.data.missed[conversationId]!.map((message) => message.body)).toEqual(['До обрыва', 'Во время обрыва', 'После обрыва']);
    // Once caught up, a catch-up goes on from where the client is.
    const again = await call<{ missed: Record<string, Message[]> }>(agent, 'resume', { lastSeen: { [conversationId]: after.data.id } });
    expect(again.ok && again.data.missed[conversationId]).toEqual([]);
  }, 120_000);
});
