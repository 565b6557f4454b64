// Runs in the serial fault phase of `make test` (vitest.faults.config.ts): it restarts shared
// dependencies, which would disturb tests running beside it.
import type { Message } from '@smartchat/contracts';
import { eventually, infraScript, killDependency, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startChatCluster, type ChatCluster } from '../test/support/cluster.js';
import { customersWithConversations, ResilientClient } from '../test/support/resilient-client.js';

const CUSTOMERS = 6;
const MESSAGES_EACH = 40;


describe.each(['rabbitmq', 'cassandra', 'redis'] as const)('%s killed and restarted while customers write', (dependency) => {
  const resources = new TestResources();
  let cluster: ChatCluster;

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2);
  }, 120_000);
  afterAll(async () => {
    await infraScript(dependency, 'up');
    await resources.cleanup();
  });

  it('gives clients retriable errors or delays, never silent loss or duplicates', async () => {
    const urls = cluster.nodes.map((node) => node.url);
    const agentAccount = await cluster.createAgent('Агент на смене');
    const agent = new ResilientClient(urls, await cluster.login(cluster.nodes[1]!, agentAccount.email, agentAccount.password), 1);
    await agent.connect();
    const customers = await customersWithConversations(cluster, agent, { count: CUSTOMERS, label: `${dependency}-restart`, homeOf: (index) => index % 2 });

    let sent = 0;
    // How far behind delivery is, as a platform engineer's alert sees it: the largest
    // smartchat_delivery_oldest_unacked_seconds of the two processes, read while the dependency is down.
    const oldestUnacked = async () => {
      const values = await Promise.all(
        cluster.nodes.map(async (node) => {
          const text = await (await fetch(`${node.opsUrl}/metrics`)).text();
          return Number(/^smartchat_delivery_oldest_unacked_seconds(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
        }),
      );
      return Math.max(...values);
    };
    let stuckFor = 0;
    let watching = true;
    const watchUntil = Date.now() + 240_000; // stops by itself should the test fail before it is told
    const watcher = (async () => {
      while (watching && Date.now() < watchUntil) {
        stuckFor = Math.max(stuckFor, await oldestUnacked().catch(() => 0));
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const outage = (async () => {
      await eventually('some messages sent', async () => sent >= (CUSTOMERS * MESSAGES_EACH) / 4, 60_000, 20);
      await killDependency(dependency);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await infraScript(dependency, 'up');
    })();
    await Promise.all(
      customers.map(async (customer) => {
        for (let index = 0; index < MESSAGES_EACH; index += 1) {
          customer.accepted.push(await customer.client.send(customer.conversationId, `${dependency} ${index}`));
          sent += 1;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }),
    );
    await outage;

    const allAccepted = customers.flatMap((customer) => customer.accepted);
    const agentToken = await cluster.login(cluster.nodes[0]!, agentAccount.email, agentAccount.password);
    await eventually('the agent has every accepted message', async () => allAccepted.every((id) => agent.received.has(id)), 60_000, 250).catch(async (error: Error) => {
      const missing = allAccepted.filter((id) => !agent.received.has(id));
      const stored = new Set<string>();
      for (const customer of customers) {
        const history = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${customer.conversationId}/messages?limit=200`, agentToken);
        for (const message of history.body.messages) stored.add(message.id);
      }
      throw new Error(`${error.message}: ${missing.length} missing at the agent, ${missing.filter((id) => stored.has(id)).length} of them stored; agent socket ${agent.connected ? 'connected' : 'disconnected'}, ${agent.reconnects} reconnects, ${agent.resyncs} resyncs, failed catch-ups: ${JSON.stringify(agent.resumeFailures)}; chat output: ${cluster.nodes.map((node) => node.output.join('').slice(-1500)).join('\n---\n')}`);
    });
    for (const customer of customers) {
      // Right after a restart a read may still get a retriable error; a client retries it.
      const history = await eventually('history answers', async () => {
        const answer = await api<{ messages: Message[] }>(cluster.nodes[0]!, 'GET', `/v1/conversations/${customer.conversationId}/messages?limit=200`, agentToken);
        return answer.status === 200 && answer;
      }, 30_000, 250);
      expect(history.body.messages.map((message) => message.id).reverse()).toEqual(customer.accepted);
      expect(history.body.messages.map((message) => message.body).reverse()).toEqual(Array.from({ length: MESSAGES_EACH }, (_, index) => `${dependency} ${index}`));
    }
    watching = false;
    await watcher;
    // A store's outage delays messages; it does not end sockets (the agent only reads, so its
    // socket would have to drop for it to reconnect).
    expect(agent.reconnects).toBe(0);
    if (dependency === 'redis') {
      // The sockets stayed connected while the processes' subscriptions were gone: every process
      // asks its sockets to catch up once it is subscribed again. That can come after the agent
      // already has every message (when the agent's own process delivered them all, or the other
      // one's publishes waited for Redis until this subscriber was back), and a subscriber's
      // reconnect backs off up to 3 s, so it is awaited rather than expected at once.
      await eventually('the agent was asked to resync', async () => agent.resyncs > 0, 20_000, 100);
    }
    if (dependency === 'cassandra') {
      // Messages taken off the queues waited unacked while the store was down: the gauge showed it...
      expect(stuckFor).toBeGreaterThan(1);
    }
    // ...and every process is back to holding nothing once all is delivered.
    await eventually('nothing left unacked', async () => (await oldestUnacked()) === 0, 30_000, 250);
    for (const customer of customers) customer.client.disconnect();
    agent.disconnect();
  }, 300_000);
});
