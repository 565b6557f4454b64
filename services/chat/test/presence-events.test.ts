// An agent's presence as events, so that online and away time can be computed from the log: real
// chat and balancer processes, real sockets, and agent.status_changed read back from Kafka. Every
// path that changes presence announces it exactly once: the first socket in, away and back, the
// last socket gone (after the reconnect grace period), a revoked session, and the balancers' sweep
// for a chat process that died with its sockets.
import type { AgentStatusChangedEvent, EventActor } from '@smartchat/contracts';
import { createRedis, presenceKey } from '@smartchat/platform';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer } from './support/balancers.js';
import { api, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';
import { collectEvents, type EventLog } from './support/events.js';

describe("an agent's presence as domain events", () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let events: EventLog;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    events = await collectEvents(resources);
    cluster = await startChatCluster(resources, 2, { SMARTCHAT_EVENTS_TOPIC: events.topic });
    node = cluster.nodes[0]!;
    await startBalancer(resources, cluster);
    const created = await cluster.createAgent('Админ Присутствия', { role: 'admin' });
    admin = { id: created.id, token: await cluster.login(node, created.email, created.password) };
  }, 180_000);
  afterAll(() => resources.cleanup());

  const agentActor = (id: string): EventActor => ({ type: 'agent', id });
  const changes = (agentId: string) => events.of('agent.status_changed', agentId).map((event) => [event.data.previousStatus, event.data.status, event.actor.type]);
  const waitFor = (agentId: string, count: number) => events.wait('agent.status_changed', agentId, count, 20_000);
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 2500));

  it('announces the first socket in, away and back, and the last socket gone after the grace period', async () => {
    const agent = await cluster.createAgent('Вера Присутствия');
    const token = await cluster.login(node, agent.email, agent.password);
    const first = await cluster.socket(node, token);
    const [online] = await waitFor(agent.id, 1);
    expect(online).toMatchObject({ version: 2, agentId: agent.id, actor: agentActor(agent.id), data: { status: 'online', previousStatus: 'offline' } });
    // A second tab, on the other chat process: still online, nothing to announce.
    const second = await cluster.socket(cluster.nodes[1]!, token);
    expect((await api(node, 'PUT', `/v1/agents/${agent.id}/status`, token, { status: 'away' })).status).toBe(204);
    expect((await api(node, 'PUT', `/v1/agents/${agent.id}/status`, admin.token, { status: 'online' })).status).toBe(204);
    const [, away, back] = await waitFor(agent.id, 3);
    expect(away).toMatchObject({ actor: agentActor(agent.id), data: { status: 'away', previousStatus: 'online' } });
    expect(back).toMatchObject({ actor: agentActor(admin.id), data: { status: 'online', previousStatus: 'away' } });

    // One tab closed: the other keeps the agent online. Both closed: offline once the grace period is over.
    first.disconnect();
    await quiet();
    expect(changes(agent.id)).toHaveLength(3);
    const closedAt = Date.now();
    second.disconnect();
    const [, , , offline] = await waitFor(agent.id, 4);
    expect(offline).toMatchObject({ actor: agentActor(agent.id), data: { status: 'offline', previousStatus: 'online' } });
    expect(Date.parse(offline!.occurredAt)).toBeGreaterThanOrEqual(closedAt + 1500 - 100);
    expect((await cluster.pg.query<{ presence: string }>('SELECT presence FROM agents WHERE id = $1', [agent.id])).rows[0]!.presence).toBe('offline');
  });

  it('keeps a chosen "away" for the next sign-in; a chosen status changes nothing while offline', async () => {
    const agent = await cluster.createAgent('Глеб Присутствия');
    const token = await cluster.login(node, agent.email, agent.password);
    expect((await api(node, 'PUT', `/v1/agents/${agent.id}/status`, token, { status: 'away' })).status).toBe(204);
    await quiet();
    expect(changes(agent.id)).toEqual([]);
    const socket = await cluster.socket(node, token);
    const [signedIn] = await waitFor(agent.id, 1);
    expect(signedIn).toMatchObject({ actor: agentActor(agent.id), data: { status: 'away', previousStatus: 'offline' } });
    socket.disconnect();
    await waitFor(agent.id, 2);
    expect(changes(agent.id)).toEqual([
      ['offline', 'away', 'agent'],
      ['away', 'offline', 'agent'],
    ]);
  });

  it('announces offline when the session is revoked', async () => {
    const agent = await cluster.createAgent('Дина Присутствия');
    const token = await cluster.login(node, agent.email, agent.password);
    await cluster.socket(cluster.nodes[1]!, token);
    await waitFor(agent.id, 1);
    expect((await api(node, 'POST', '/v1/auth/logout-everywhere', token)).status).toBe(204);
    const [, offline] = await waitFor(agent.id, 2);
    expect(offline!.data).toEqual({ status: 'offline', previousStatus: 'online' });
  });

  it("the balancers' sweep announces the agents of a chat process that died: online while its sockets' entries last, offline once they expire", async () => {
    const agent = await cluster.createAgent('Ефим Присутствия');
    // What a chat process leaves behind when it is killed with the agent's socket open: an entry
    // that nobody refreshes or removes, and nobody to announce anything.
    const redis = createRedis({ url: cluster.env.SMARTCHAT_REDIS_URL!, logger: resources.logger, name: 'presence-test' });
    resources.defer('close the test redis client', async () => redis.disconnect());
    const until = Date.now() + 6000;
    await redis.zadd(presenceKey(agent.id), until, 'socket-of-a-dead-process');
    await redis.pexpire(presenceKey(agent.id), 60_000);
    const [online] = await waitFor(agent.id, 1);
    expect(online).toMatchObject({ actor: { type: 'system', id: null }, data: { status: 'online', previousStatus: 'offline' } });
    const [, offline] = await events.wait('agent.status_changed', agent.id, 2, 30_000);
    expect(offline).toMatchObject({ actor: { type: 'system', id: null }, data: { status: 'offline', previousStatus: 'online' } });
    expect(Date.parse(offline!.occurredAt)).toBeGreaterThanOrEqual(until);
    await quiet();
    expect(changes(agent.id)).toHaveLength(2);
  });

  it('every change on the log pairs up: each one starts where the one before ended', async () => {
    const byAgent = new Map<string, AgentStatusChangedEvent[]>();
    for (const event of events.seen) if (event.type === 'agent.status_changed') byAgent.set(event.agentId, [...(byAgent.get(event.agentId) ?? []), event]);
    expect(byAgent.size).toBeGreaterThanOrEqual(4);
    for (const [agentId, list] of byAgent) {
      let status: string = 'offline';
      for (const event of list) {
        expect(event.data.previousStatus, agentId).toBe(status);
        status = event.data.status;
      }
    }
    await eventually('nothing left online', async () => (await cluster.pg.query("SELECT 1 FROM agents WHERE presence <> 'offline'")).rows.length === 0, 10_000, 200);
  });
});
