import type { Message } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startChatCluster, stopNode, type ChatCluster } from './support/cluster.js';
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
    const killed = (async () => {
      await eventually('a third of the messages sent', async () => sent >= (CUSTOMERS * MESSAGES_EACH) / 3, 60_000, 20);
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
    await eventually('the agent has every accepted message', async () => allAccepted.every((id) => agent.received.has(id)), 60_000, 200);
    // Delivery to sockets is at least once: a message the killed process emitted in the instant
    // before it could record that (and ack) is emitted again by its successor. At most one message
    // per customer is in flight, so that bounds the re-emissions; clients render by id, so the
    // agent still sees each message once (received is keyed by id).
    expect(agent.duplicates()).toBeLessThanOrEqual(CUSTOMERS);
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
