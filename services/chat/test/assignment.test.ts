// Automatic assignment end to end: customers open conversations on a chat process, agents come
// and go on sockets, and three balancer processes race to assign. Outcomes are read back from
// Postgres, the REST API, the balancers' metrics and the domain events on Kafka.
import { EVENTS_TOPIC, type ConversationAssignedEvent } from '@smartchat/contracts';
import { rankQueue } from '@smartchat/core';
import { BalancerQueue, createRedis } from '@smartchat/platform';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer } from './support/balancers.js';
import { api, clientMessageId, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

interface TestAgent {
  id: string;
  token: string;
  socket?: Socket;
}

describe('automatic assignment with three balancers', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let balancers: ChatNode[];
  let admin: TestAgent;
  // The local events topic is shared with make dev and the bench (millions of events after a few
  // benches): the suite reads only what was produced after it started.
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    cluster = await startChatCluster(resources, 1);
    node = cluster.nodes[0]!;
    balancers = await Promise.all([0, 1, 2].map(() => startBalancer(resources, cluster)));
    const created = await cluster.createAgent('Админ', { role: 'admin' });
    admin = { id: created.id, token: await cluster.login(node, created.email, created.password) };
  }, 180_000);
  afterAll(() => resources.cleanup());

  const team = async (settings: Record<string, unknown> = {}) => {
    const topic = `topic-${randomUUID().slice(0, 8)}`;
    const { rows } = await cluster.pg.query<{ id: string }>('INSERT INTO teams (name, topics) VALUES ($1, $2) RETURNING id', [`team ${topic}`, [topic]]);
    const id = rows[0]!.id;
    if (Object.keys(settings).length > 0) expect((await api(node, 'PATCH', `/v1/teams/${id}/assignment`, admin.token, settings)).status).toBe(200);
    return { id, topic };
  };
  const agent = async (teamId: string, capacity: number): Promise<TestAgent> => {
    const created = await cluster.createAgent(`Агент ${randomUUID().slice(0, 4)}`);
    await cluster.pg.query('UPDATE agents SET capacity = $2 WHERE id = $1', [created.id, capacity]);
    await cluster.pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [teamId, created.id]);
    return { id: created.id, token: await cluster.login(node, created.email, created.password) };
  };
  const online = async (who: TestAgent) => {
    who.socket = await cluster.socket(node, who.token);
  };
  const open = async (topic: string, body?: string) => {
    const token = await cluster.customerToken(`customer-${randomUUID()}`);
    const response = await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic, ...(body ? { body, clientMessageId: clientMessageId() } : {}) });
    expect(response.status).toBe(201);
    return { id: response.body.conversation.id, token };
  };
  const assigneeOf = async (conversationId: string) => (await cluster.pg.query<{ assignee_id: string | null }>('SELECT assignee_id FROM conversations WHERE id = $1', [conversationId])).rows[0]!.assignee_id;
  const loads = async (teamId: string) => {
    const { rows } = await cluster.pg.query<{ assignee_id: string; open: number }>(
      `SELECT assignee_id, count(*)::int AS open FROM conversations WHERE team_id = $1 AND status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id`,
      [teamId],
    );
    return new Map(rows.map((row) => [row.assignee_id, row.open]));
  };
  const queued = async (teamId: string) =>
    Number((await cluster.pg.query<{ n: string }>(`SELECT count(*) AS n FROM conversations WHERE team_id = $1 AND queued_at IS NOT NULL AND assignee_id IS NULL AND status = 'open'`, [teamId])).rows[0]!.n);

  /** The `conversation.assigned` events of these conversations, from Kafka. */
  const assignedEvents = async (conversationIds: Set<string>, expected: number): Promise<ConversationAssignedEvent[]> => {
    const kafkaAdmin = resources.kafka().admin();
    await kafkaAdmin.connect();
    const offsets = await kafkaAdmin.fetchTopicOffsetsByTimestamp(EVENTS_TOPIC, startedAt).finally(() => kafkaAdmin.disconnect());
    const consumer = resources.kafka().consumer({ groupId: `${resources.id}-${randomUUID()}` });
    const found: ConversationAssignedEvent[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: EVENTS_TOPIC, fromBeginning: false });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const event = JSON.parse(message.value!.toString()) as { type: string; conversationId: string };
          if (event.type === 'conversation.assigned' && conversationIds.has(event.conversationId)) found.push(event as ConversationAssignedEvent);
        },
      });
      // run() returns once the group is joined; the seeks apply before each partition's first fetch.
      for (const { partition, offset } of offsets) consumer.seek({ topic: EVENTS_TOPIC, partition, offset });
      await eventually(`${expected} assignment events on Kafka`, async () => found.length >= expected, 45_000, 200);
    } finally {
      await consumer.disconnect();
    }
    return found;
  };

  it('never fills an agent beyond capacity while three balancers race, and fills again as capacity appears', async () => {
    const { id: teamId, topic } = await team();
    const agents = [await agent(teamId, 3), await agent(teamId, 3)];
    await Promise.all(agents.map(online));
    const conversations = await Promise.all(Array.from({ length: 20 }, () => open(topic)));
    await eventually('six assigned', async () => (await queued(teamId)) === 14 && [...(await loads(teamId)).values()].reduce((a, b) => a + b, 0) === 6, 30_000, 100);
    // Give any late pass the chance to overfill, then check nothing moved.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect([...(await loads(teamId)).entries()].sort()).toEqual(agents.map((who) => [who.id, 3]).sort());

    const events = await assignedEvents(new Set(conversations.map((conversation) => conversation.id)), 6);
    expect(events).toHaveLength(6);
    for (const event of events) expect(event.data.openConversations).toBeLessThanOrEqual(event.data.capacity);
    expect(new Set(events.map((event) => event.conversationId)).size).toBe(6);

    // Closing one of agent 0's conversations gives them the next one in the queue.
    const closing = events.find((event) => event.data.assigneeId === agents[0]!.id)!;
    expect((await api(node, 'POST', `/v1/conversations/${closing.conversationId}/close`, agents[0]!.token)).status).toBe(200);
    await eventually('the freed slot filled', async () => (await loads(teamId)).get(agents[0]!.id) === 3 && (await queued(teamId)) === 13, 15_000, 100);
  });

  it('spreads conversations evenly over equal agents (within one)', async () => {
    const { id: teamId, topic } = await team();
    const agents = [await agent(teamId, 10), await agent(teamId, 10), await agent(teamId, 10)];
    await Promise.all(agents.map(online));
    for (let index = 0; index < 13; index += 1) await open(topic);
    await eventually('all assigned', async () => (await queued(teamId)) === 0 && [...(await loads(teamId)).values()].reduce((a, b) => a + b, 0) === 13, 30_000, 100);
    const counts = [...(await loads(teamId)).values()].sort();
    expect(counts).toEqual([4, 4, 5]);
  });

  it('serves the most urgent first, then the longest waiting; a trip departing within 24 hours raises the priority', async () => {
    const { id: teamId, topic } = await team();
    const first = await agent(teamId, 5);
    const opened = [];
    for (let index = 0; index < 12; index += 1) opened.push(await open(topic));
    // Nobody is online: everything waits. Priorities are set by hand, one customer's trip departs soon.
    const priorities = [0, 2, 1, 0, 3, 1, 0, 2, 0, 1, 0, 0];
    for (const [index, conversation] of opened.entries()) {
      if (priorities[index]! > 0) expect((await api(node, 'PATCH', `/v1/conversations/${conversation.id}`, admin.token, { priority: priorities[index] })).status).toBe(200);
    }
    const secret = cluster.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!;
    const { signBackofficeToken } = await import('../src/auth/tokens.js');
    const backoffice = await signBackofficeToken(secret, 'test-backoffice');
    const soonCustomer = JSON.parse(Buffer.from(opened[9]!.token.split('.')[1]!, 'base64url').toString()) as { sub: string };
    const signal = await fetch(`${node.url}/v1/backoffice/signals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backoffice}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerExternalId: soonCustomer.sub, tripDepartsAt: new Date(Date.now() + 3 * 3_600_000).toISOString() }),
    });
    expect(signal.status).toBe(200);
    expect(await queued(teamId)).toBe(12);

    const { rows } = await cluster.pg.query<{ id: string; priority: number; trip_departs_at: Date | null; queued_at: Date }>('SELECT id, priority, trip_departs_at, queued_at FROM conversations WHERE team_id = $1', [teamId]);
    const expectedOrder = rankQueue(rows.map((row) => ({ id: row.id, priority: row.priority, tripDepartsAt: row.trip_departs_at, queuedAt: row.queued_at })), new Date()).map((row) => row.id);
    expect(expectedOrder[0]).toBe(opened[4]!.id); // priority 3
    expect(expectedOrder.slice(1, 4)).toEqual([opened[1]!.id, opened[7]!.id, opened[9]!.id]); // 2, 2, and 1 + trip
    await online(first);
    await eventually('five assigned', async () => (await loads(teamId)).get(first.id) === 5, 20_000, 100);
    const { rows: assigned } = await cluster.pg.query<{ id: string }>('SELECT id FROM conversations WHERE team_id = $1 AND assignee_id IS NOT NULL', [teamId]);
    expect(new Set(assigned.map((row) => row.id))).toEqual(new Set(expectedOrder.slice(0, 5)));
  });

  it('stops assigning to an agent who disconnected (after the grace period) and resumes when they are back', async () => {
    const { id: teamId, topic } = await team();
    const who = await agent(teamId, 5);
    await online(who);
    const before = await open(topic);
    await eventually('assigned while online', async () => (await assigneeOf(before.id)) === who.id, 15_000, 100);
    who.socket!.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 2500)); // grace is 1.5 s in tests
    const during = await open(topic);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await assigneeOf(during.id)).toBeNull();
    await online(who);
    await eventually('assigned once back online', async () => (await assigneeOf(during.id)) === who.id, 15_000, 100);
  });

  it('snooze frees capacity; the timer wakes the conversation back into the queue when its agent is full; a customer message wakes it early', async () => {
    const { id: teamId, topic } = await team();
    const who = await agent(teamId, 1);
    await online(who);
    const first = await open(topic);
    await eventually('first assigned', async () => (await assigneeOf(first.id)) === who.id, 15_000, 100);
    const second = await open(topic);
    expect(await assigneeOf(second.id)).toBeNull();

    const until = new Date(Date.now() + 3000).toISOString();
    const snoozed = await api<{ status: string; snoozedUntil: string }>(node, 'POST', `/v1/conversations/${first.id}/snooze`, who.token, { until });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.status).toBe('snoozed');
    await eventually('second assigned into the freed slot', async () => (await assigneeOf(second.id)) === who.id, 15_000, 100);
    // The timer: the agent is full, so the woken conversation goes back to the queue.
    await eventually(
      'first woken into the queue',
      async () => {
        const { rows } = await cluster.pg.query<{ status: string; assignee_id: string | null; queued_at: Date | null }>('SELECT status, assignee_id, queued_at FROM conversations WHERE id = $1', [first.id]);
        return rows[0]!.status === 'open' && rows[0]!.assignee_id === null && rows[0]!.queued_at !== null;
      },
      20_000,
      100,
    );

    // Snoozing the second for an hour gives the agent room: the first comes back to them.
    expect((await api(node, 'POST', `/v1/conversations/${second.id}/snooze`, who.token, { preset: 'in_1_hour' })).status).toBe(200);
    await eventually('first assigned again', async () => (await assigneeOf(first.id)) === who.id, 15_000, 100);
    // The customer writes into the snoozed conversation: it wakes at once; the agent is full again, so it queues.
    const sent = await api(node, 'POST', `/v1/conversations/${second.id}/messages`, second.token, { clientMessageId: clientMessageId(), body: 'Вы тут?' });
    expect(sent.status).toBe(202);
    await eventually(
      'second woken by the message',
      async () => {
        const { rows } = await cluster.pg.query<{ status: string; snoozed_until: Date | null; assignee_id: string | null }>('SELECT status, snoozed_until, assignee_id FROM conversations WHERE id = $1', [second.id]);
        return rows[0]!.status === 'open' && rows[0]!.snoozed_until === null && rows[0]!.assignee_id === null;
      },
      20_000,
      100,
    );
  });

  it('an internal note or a mention wakes a snoozed conversation and cancels its timer', async () => {
    const { id: teamId, topic } = await team();
    const who = await agent(teamId, 5);
    await online(who);
    const conversation = await open(topic);
    await eventually('assigned', async () => (await assigneeOf(conversation.id)) === who.id, 15_000, 100);
    expect((await api(node, 'POST', `/v1/conversations/${conversation.id}/snooze`, who.token, { preset: 'next_week' })).status).toBe(200);
    const note = await api(node, 'POST', `/v1/conversations/${conversation.id}/messages`, admin.token, { clientMessageId: clientMessageId(), kind: 'note', body: 'Посмотри, пожалуйста, это срочно' });
    expect(note.status).toBe(202);
    await eventually(
      'woken by the note, back with its agent',
      async () => {
        const { rows } = await cluster.pg.query<{ status: string; snoozed_until: Date | null; assignee_id: string | null }>('SELECT status, snoozed_until, assignee_id FROM conversations WHERE id = $1', [conversation.id]);
        return rows[0]!.status === 'open' && rows[0]!.snoozed_until === null && rows[0]!.assignee_id === who.id;
      },
      15_000,
      100,
    );
    const redis = createRedis({ url: cluster.env.SMARTCHAT_REDIS_URL!, logger: resources.logger, forBullmq: true });
    const queue = new BalancerQueue(redis, cluster.env.SMARTCHAT_QUEUE_PREFIX!);
    try {
      const delayed = await queue.queue.getDelayed();
      expect(delayed.filter((job) => job.name === 'wake' && (job.data as { conversationId: string }).conversationId === conversation.id)).toEqual([]);
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });

  it('holds back while a team or an agent is paused, and serves the queue when resumed', async () => {
    const { id: teamId, topic } = await team({ assignmentPaused: true });
    const who = await agent(teamId, 5);
    await online(who);
    const first = await open(topic);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await assigneeOf(first.id)).toBeNull();
    // The agent pauses themselves (by an admin here), then the team resumes: still nobody to take it.
    expect((await api(node, 'PATCH', `/v1/agents/${who.id}`, admin.token, { assignmentPaused: true })).status).toBe(200);
    expect((await api(node, 'PATCH', `/v1/teams/${teamId}/assignment`, admin.token, { assignmentPaused: false })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await assigneeOf(first.id)).toBeNull();
    expect((await api(node, 'PATCH', `/v1/agents/${who.id}`, admin.token, { assignmentPaused: false })).status).toBe(200);
    await eventually('assigned once both resumed', async () => (await assigneeOf(first.id)) === who.id, 15_000, 100);
  });

  it('widens a queue to its overflow team once a conversation has waited the configured time', async () => {
    const { id: overflowTeam } = await team();
    const helper = await agent(overflowTeam, 5);
    await online(helper);
    const { id: teamId, topic } = await team({ overflowTeamId: overflowTeam, overflowAfterMinutes: 1 });
    const conversation = await open(topic);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await assigneeOf(conversation.id)).toBeNull(); // nobody of its own team is online
    // It has waited a minute now; the sweep serves the queue again, this time widened.
    await cluster.pg.query(`UPDATE conversations SET queued_at = queued_at - interval '61 seconds' WHERE id = $1`, [conversation.id]);
    await eventually('assigned to the overflow team', async () => (await assigneeOf(conversation.id)) === helper.id, 15_000, 100);
    const { rows } = await cluster.pg.query<{ team_id: string }>('SELECT team_id FROM conversations WHERE id = $1', [conversation.id]);
    expect(rows[0]!.team_id).toBe(teamId); // still its team's conversation
  });

  it('marks a missed first response as an SLA breach, visibly, with an event and a metric; auto-closes a conversation the customer left', async () => {
    const { id: teamId, topic } = await team({ firstResponseMinutes: 1, autoCloseAfterMinutes: 1 });
    const who = await agent(teamId, 5);
    await online(who);
    const conversation = await open(topic, 'Помогите с бронью');
    await eventually('waiting', async () => (await cluster.pg.query('SELECT 1 FROM conversations WHERE id = $1 AND waiting_since IS NOT NULL', [conversation.id])).rows.length === 1, 15_000, 100);
    // Make the customer have waited 59 s already; the sweep re-times the SLA from the stored state.
    await cluster.pg.query(`UPDATE conversations SET waiting_since = waiting_since - interval '59 seconds' WHERE id = $1`, [conversation.id]);
    await eventually(
      'breach visible on the conversation',
      async () => (await api<{ slaBreach: { kind: string } | null }>(node, 'GET', `/v1/conversations/${conversation.id}`, who.token)).body.slaBreach?.kind === 'first_response',
      30_000,
      200,
    );
    const metrics = await Promise.all(balancers.map(async (balancer) => (await fetch(`${balancer.url}/metrics`)).text()));
    expect(metrics.some((text) => new RegExp(`smartchat_balancer_sla_breaches_total\\{[^}]*team="${teamId}"[^}]*kind="first_response"[^}]*\\} 1`).test(text))).toBe(true);

    // The agent answers; the customer stays silent past the auto-close time.
    expect((await api(node, 'POST', `/v1/conversations/${conversation.id}/messages`, who.token, { clientMessageId: clientMessageId(), body: 'Проверяю' })).status).toBe(202);
    await eventually('reply recorded', async () => (await cluster.pg.query('SELECT 1 FROM conversations WHERE id = $1 AND last_replied_at IS NOT NULL AND waiting_since IS NULL', [conversation.id])).rows.length === 1, 15_000, 100);
    await cluster.pg.query(`UPDATE conversations SET last_replied_at = last_replied_at - interval '59 seconds' WHERE id = $1`, [conversation.id]);
    await eventually('closed automatically', async () => (await api<{ status: string }>(node, 'GET', `/v1/conversations/${conversation.id}`, who.token)).body.status === 'closed', 30_000, 200);
    await eventually(
      'with a system message saying why',
      async () => (await api<{ messages: { kind: string; body: string }[] }>(node, 'GET', `/v1/conversations/${conversation.id}/messages`, who.token)).body.messages.some((message) => message.kind === 'system' && message.body.includes('Closed automatically')),
      15_000,
      200,
    );
  });

  it('refuses bad manual changes with clear errors and changes nothing', async () => {
    const { id: teamId, topic } = await team();
    const { id: otherTeam } = await team();
    const member = await agent(teamId, 1);
    const outsider = await agent(otherTeam, 5);
    await online(member);
    const first = await open(topic);
    await eventually('assigned', async () => (await assigneeOf(first.id)) === member.id, 15_000, 100);
    const second = await open(topic);

    const outside = await api<{ error: { code: string } }>(node, 'PATCH', `/v1/conversations/${second.id}`, admin.token, { assigneeId: outsider.id });
    expect(outside.status).toBe(409);
    expect(outside.body.error.code).toBe('SC_ERR_ASSIGNMENT_OUTSIDE_TEAM');
    const full = await api<{ error: { code: string } }>(node, 'PATCH', `/v1/conversations/${second.id}`, admin.token, { assigneeId: member.id });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('SC_ERR_ASSIGNMENT_OVER_CAPACITY');
    // An agent without assignment.override cannot force it.
    expect((await api(node, 'PATCH', `/v1/conversations/${second.id}`, member.token, { assigneeId: member.id, override: true })).status).toBe(403);
    const past = await api<{ error: { code: string } }>(node, 'POST', `/v1/conversations/${first.id}/snooze`, member.token, { until: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('SC_ERR_CONVERSATION_SNOOZE_IN_PAST');
    // A team that does not exist matches the document's shape (a uuid) but names nothing: 422.
    const missing = await api<{ error: { code: string; details: { path: string }[] } }>(node, 'PATCH', `/v1/conversations/${second.id}`, admin.token, { teamId: randomUUID() });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('SC_ERR_UNPROCESSABLE');
    expect(missing.body.error.details[0]!.path).toBe('teamId');
    const { rows } = await cluster.pg.query<{ id: string; status: string; assignee_id: string | null; team_id: string }>('SELECT id, status, assignee_id, team_id FROM conversations WHERE id = ANY($1) ORDER BY created_at', [[first.id, second.id]]);
    expect(rows.map((row) => [row.status, row.assignee_id, row.team_id])).toEqual([
      ['open', member.id, teamId],
      ['open', null, teamId],
    ]);

    // The admin may override: over capacity, and the event says so.
    const forced = await api<{ assigneeId: string }>(node, 'PATCH', `/v1/conversations/${second.id}`, admin.token, { assigneeId: member.id, override: true });
    expect(forced.status).toBe(200);
    expect(forced.body.assigneeId).toBe(member.id);
    const [event] = await assignedEvents(new Set([second.id]), 1);
    expect(event!.data).toMatchObject({ reason: 'override', openConversations: 2, capacity: 1 });
  });
});
