import type { Message } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emittedMarkKey } from '../src/messaging/delivery.js';
import { api, call, clientMessageId, inbox, startChatCluster, stopNode, type ChatCluster } from './support/cluster.js';
import { createRedisUser, type RedisTestUser } from './support/redis-user.js';
import { customersWithConversations, ResilientClient } from './support/resilient-client.js';

const CUSTOMERS = 8;
const MESSAGES_EACH = 25;

describe('a chat process killed with SIGKILL while customers write', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2);
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('loses no accepted message and shows none twice: clients fail over, resume and retry', async () => {
    const [doomed, survivor] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const agentAccount = await cluster.createAgent('Дежурный агент');
    const agent = new ResilientClient([survivor.url], await cluster.login(survivor, agentAccount.email, agentAccount.password));
    await agent.connect();

    // Every customer starts on the process that will be killed.
    const customers = await customersWithConversations(cluster, agent, { count: CUSTOMERS, label: 'failover', homeOf: () => 0 });

    let sent = 0;
    // How many of each customer's messages were accepted when the process was killed.
    let acceptedAtKill: number[] = [];
    const killed = (async () => {
      await eventually('a third of the messages sent', async () => sent >= (CUSTOMERS * MESSAGES_EACH) / 3, 60_000, 20);
      acceptedAtKill = customers.map((customer) => customer.accepted.length);
      await stopNode(doomed, 'SIGKILL');
    })();
    await Promise.all(
      customers.map(async (customer) => {
        for (let index = 0; index < MESSAGES_EACH; index += 1) {
          customer.accepted.push(await customer.client.send(customer.conversationId, `сообщение ${index}`));
          sent += 1;
        }
      }),
    );
    await killed;
    expect(doomed.child.signalCode).toBe('SIGKILL');
    expect(customers.some((customer) => customer.client.reconnects > 0)).toBe(true);

    const allAccepted = customers.flatMap((customer) => customer.accepted);
    expect(new Set(allAccepted).size).toBe(CUSTOMERS * MESSAGES_EACH);
    await eventually(
      'the agent has every accepted message',
      async () => {
        const missing = customers.flatMap((customer, index) => customer.accepted.filter((id) => !agent.received.has(id)).map((id) => `${id} (customer ${index}, message ${customer.accepted.indexOf(id)})`));
        if (missing.length === 0) return true;
        // Said when this times out: which messages, and whether the agent's socket is still up.
        throw new Error(`${missing.length} not received, first ${missing.slice(0, 3).join(', ')}; agent socket ${agent.connected ? 'connected' : 'disconnected'}, ${agent.reconnects} reconnects`);
      },
      60_000,
      200,
    );
    // Delivery to sockets is at least once: a message the killed process emitted before it could
    // record that (and ack) is emitted again by its successor. So only messages accepted before the
    // kill (and the one each customer had in flight, retried on the survivor) may come twice, and
    // none more than twice; clients render by id, so the agent still sees each message once
    // (received is keyed by id). How many that is depends on how far delivery lagged behind.
    for (const [id, count] of agent.receipts) {
      if (count === 1) continue;
      expect(count).toBe(2);
      const owner = customers.findIndex((customer) => customer.accepted.includes(id));
      expect(customers[owner]!.accepted.indexOf(id)).toBeLessThanOrEqual(acceptedAtKill[owner]!);
    }
    expect(agent.received.size).toBe(allAccepted.length);

    const agentToken = await cluster.login(survivor, agentAccount.email, agentAccount.password);
    for (const customer of customers) {
      const history = await api<{ messages: Message[] }>(survivor, 'GET', `/v1/conversations/${customer.conversationId}/messages?limit=200`, agentToken);
      // Stored once each, in the order they were sent.
      expect(history.body.messages.map((message) => message.id).reverse()).toEqual(customer.accepted);
      expect(history.body.messages.map((message) => message.body).reverse()).toEqual(Array.from({ length: MESSAGES_EACH }, (_, index) => `сообщение ${index}`));
      expect(customer.client.duplicates()).toBeLessThanOrEqual(1);
    }
    for (const customer of customers) customer.client.disconnect();
    agent.disconnect();
  }, 180_000);

  it("a chat process that stops gracefully disconnects only its own clients, not the other processes'", async () => {
    const extra = await cluster.startNode();
    const survivor = cluster.nodes[1]!;
    const onSurvivor = await cluster.socket(survivor, await cluster.customerToken('graceful-1'));
    const onExtra = await cluster.socket(extra, await cluster.customerToken('graceful-2'));
    const agent = await cluster.createAgent('Агент уходящего узла');
    await cluster.socket(extra, await cluster.login(extra, agent.email, agent.password));
    const extraGone = new Promise<void>((resolve) => onExtra.on('disconnect', () => resolve()));
    await stopNode(extra, 'SIGTERM');
    await extraGone;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onSurvivor.connected).toBe(true);
    // A clean exit, also with an agent connected (presence must not write to a closed Redis).
    expect(extra.child.exitCode, extra.output.join('').slice(-2000)).toBe(0);
  });
});

// The consumer emits a batch to its own sockets, hands it to the other processes through Redis,
// and marks it emitted so that a successor does not emit it again. The mark must not be written
// before Redis took the hand-over: killed in between, the process would leave a mark for messages
// the other processes' sockets never got, and its successor would skip them.
describe('a chat process killed while Redis refuses its hand-over to the other processes', () => {
  const resources = new TestResources();
  let redisUser: RedisTestUser;
  let cluster: ChatCluster;

  beforeAll(async () => {
    redisUser = await createRedisUser(resources, 'fanout');
    cluster = await startChatCluster(resources, 2, { SMARTCHAT_REDIS_URL: redisUser.url });
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('leaves no emitted mark, so the successor emits the message to the sockets that missed it', async () => {
    const agentAccount = await cluster.createAgent('Агент на двух узлах');
    const customerToken = await cluster.customerToken('fanout-refused');
    const created = await api<{ conversation: { id: string } }>(cluster.nodes[0]!, 'POST', '/v1/conversations', customerToken, { topic: 'Передача между узлами' });
    const conversationId = created.body.conversation.id;
    // One agent socket on each process: whichever consumes the conversation's shard emits to its
    // own socket, and the other socket depends on the hand-over.
    const agentSockets = await Promise.all(cluster.nodes.map(async (node) => cluster.socket(node, await cluster.login(node, agentAccount.email, agentAccount.password))));
    const inboxes = agentSockets.map((socket) => inbox(socket));
    for (const socket of agentSockets) expect(await call(socket, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    const customer = await cluster.socket(cluster.nodes[0]!, customerToken);

    await redisUser.setRules('-publish');
    const sent = await call<{ id: string }>(customer, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Пока Redis не принимает передачу' });
    if (!sent.ok) throw new Error(`send failed: ${sent.error.code}`);
    const messageId = sent.data.id;
    await eventually('the consuming process emitted to its own socket', async () => inboxes.some((received) => received.some((message) => message.id === messageId)), 30_000, 50);
    const consumer = inboxes.findIndex((received) => received.some((message) => message.id === messageId));
    const other = 1 - consumer;
    // Give the consumer time to write a mark, had it written one with the refused hand-over.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(inboxes[other]!.some((message) => message.id === messageId)).toBe(false);
    expect(await redisUser.admin.sismember(emittedMarkKey(messageId), messageId)).toBe(0);

    await stopNode(cluster.nodes[consumer]!, 'SIGKILL');
    // The other process takes over the shard, gets the unacked message again and emits it to its
    // own socket (a local emit needs no hand-over, so PUBLISH may stay refused).
    await eventually('the successor emitted the message to its socket', async () => inboxes[other]!.some((message) => message.id === messageId), 30_000, 100);
    await redisUser.setRules('+publish');
    await eventually('marked as emitted once the hand-over went through', async () => (await redisUser.admin.sismember(emittedMarkKey(messageId), messageId)) === 1, 30_000, 100);
  }, 120_000);
});
