// SLA clocks as events, end to end: a chat process delivers the messages, a balancer times the
// clocks, and the events are read back from Kafka. A customer who starts waiting in a team with a
// response target starts a clock (sla.started, due in the team's business hours); an agent reply in
// time meets it (sla.met); a clock whose due time passes is breached (sla.breached) and never met
// after that; a target set while a customer waits gets its clock from the balancer.
import type { BusinessHours } from '@smartchat/core';
import { addBusinessMinutes } from '@smartchat/core';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer } from './support/balancers.js';
import { api, clientMessageId, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';
import { collectEvents, type EventLog } from './support/events.js';

/** The time a time-ordered message id carries (its version-1 uuid timestamp). */
function messageTime(id: string): Date {
  const [low, mid, high] = id.split('-') as [string, string, string];
  const ticks = (BigInt(`0x${high.slice(1)}`) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
  return new Date(Number((ticks - 0x01b21dd213814000n) / 10_000n));
}

describe('SLA clocks as domain events', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let events: EventLog;
  let admin: { id: string; token: string };
  let anna: { id: string; token: string };

  beforeAll(async () => {
    events = await collectEvents(resources);
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_EVENTS_TOPIC: events.topic });
    node = cluster.nodes[0]!;
    await startBalancer(resources, cluster);
    const created = await cluster.createAgent('Админ Сроков', { role: 'admin' });
    admin = { id: created.id, token: await cluster.login(node, created.email, created.password) };
    const agent = await cluster.createAgent('Анна Сроков');
    anna = { id: agent.id, token: await cluster.login(node, agent.email, agent.password) };
  }, 180_000);
  afterAll(() => resources.cleanup());

  async function team(settings: Record<string, unknown>) {
    const topic = `sla-${randomUUID().slice(0, 8)}`;
    const { rows } = await cluster.pg.query<{ id: string }>('INSERT INTO teams (name, topics) VALUES ($1, $2) RETURNING id', [`Команда ${topic}`, [topic]]);
    const id = rows[0]!.id;
    await cluster.pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [id, anna.id]);
    if (Object.keys(settings).length > 0) expect((await api(node, 'PATCH', `/v1/teams/${id}/assignment`, admin.token, settings)).status).toBe(200);
    return { id, topic };
  }
  async function open(topic: string) {
    const token = await cluster.customerToken(`sla-customer-${randomUUID()}`);
    const response = await api<{ conversation: { id: string }; message: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic, clientMessageId: clientMessageId(), body: 'Когда вернут деньги?' });
    expect(response.status).toBe(201);
    const id = response.body.conversation.id;
    expect((await api(node, 'PATCH', `/v1/conversations/${id}`, admin.token, { assigneeId: anna.id })).status).toBe(200);
    return { id, token, firstMessageId: response.body.message.id };
  }
  const send = async (token: string, conversationId: string, body: string, kind?: 'reply' | 'note') => {
    const response = await api<{ id: string }>(node, 'POST', `/v1/conversations/${conversationId}/messages`, token, { clientMessageId: clientMessageId(), body, ...(kind ? { kind } : {}) });
    expect(response.status).toBe(202);
    return response.body.id;
  };
  const row = async (id: string) =>
    (await cluster.pg.query<{ waiting_since: Date | null; sla_kind: string | null; sla_since: Date | null; sla_due_at: Date | null }>('SELECT waiting_since, sla_kind, sla_since, sla_due_at FROM conversations WHERE id = $1', [id])).rows[0]!;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  it('starts a clock when the customer starts waiting, due in business hours, and a reply in time meets it (a note does not)', async () => {
    const hours: BusinessHours = { timeZone: 'Europe/Moscow', days: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] } };
    const { id: teamId, topic } = await team({ firstResponseMinutes: 30, nextResponseMinutes: 60, businessHours: hours });
    const { id, token, firstMessageId } = await open(topic);
    const waitingSince = messageTime(firstMessageId);
    const [started] = await events.wait('sla.started', id);
    const due = addBusinessMinutes(waitingSince, 30, hours);
    expect(started).toMatchObject({
      version: 1,
      actor: { type: 'system', id: null },
      occurredAt: waitingSince.toISOString(),
      data: { kind: 'first_response', teamId, waitingSince: waitingSince.toISOString(), dueAt: due.toISOString(), messageId: firstMessageId },
    });
    // The clock is kept on the conversation.
    expect(await row(id)).toMatchObject({ sla_kind: 'first_response', sla_since: waitingSince, sla_due_at: due });

    // Another customer message while waiting, and a note: the same clock runs on.
    await send(token, id, 'Алло?');
    await send(anna.token, id, 'Проверяю возврат', 'note');
    const replyId = await send(anna.token, id, 'Деньги вернутся в течение трёх дней');
    const [met] = await events.wait('sla.met', id);
    expect(met).toMatchObject({
      version: 1,
      eventId: `sla.met:${replyId}`,
      actor: { type: 'agent', id: anna.id },
      occurredAt: messageTime(replyId).toISOString(),
      data: { kind: 'first_response', teamId, assigneeId: anna.id, waitingSince: waitingSince.toISOString(), dueAt: due.toISOString(), answeredAt: messageTime(replyId).toISOString(), messageId: replyId },
    });

    // The customer writes again: a wait for the next response, with its own target.
    const againId = await send(token, id, 'А если не вернутся?');
    const startedTwice = await events.wait('sla.started', id, 2);
    expect(startedTwice[1]!.data).toMatchObject({ kind: 'next_response', assigneeId: anna.id, messageId: againId, dueAt: addBusinessMinutes(messageTime(againId), 60, hours).toISOString() });
    await settle();
    expect(events.of('sla.started', id)).toHaveLength(2);
    expect(events.of('sla.met', id)).toHaveLength(1);
    expect(events.of('sla.breached', id)).toHaveLength(0);
  });

  it('breaches a clock whose due time passes, and a late reply does not meet it', async () => {
    const { topic } = await team({ firstResponseMinutes: 1 });
    const { id } = await open(topic);
    await events.wait('sla.started', id);
    // The customer has waited 59 seconds already: the sweep re-times the stored clock.
    await cluster.pg.query(
      `UPDATE conversations SET waiting_since = waiting_since - interval '59 seconds', sla_since = sla_since - interval '59 seconds', sla_due_at = sla_due_at - interval '59 seconds' WHERE id = $1`,
      [id],
    );
    const clock = await row(id);
    const [breached] = await events.wait('sla.breached', id, 1, 30_000);
    expect(breached).toMatchObject({ actor: { type: 'system', id: null }, data: { kind: 'first_response', waitingSince: clock.sla_since!.toISOString(), dueAt: clock.sla_due_at!.toISOString(), assigneeId: anna.id } });

    await send(anna.token, id, 'Извините за ожидание');
    await eventually('the reply recorded', async () => (await row(id)).waiting_since === null, 20_000, 100);
    await settle();
    expect(events.of('sla.met', id)).toEqual([]);
    expect(events.of('sla.started', id)).toHaveLength(1);
  });

  it('starts the clock from the balancer when the team gets a target while the customer already waits', async () => {
    const { id: teamId, topic } = await team({});
    const { id } = await open(topic);
    await eventually('waiting', async () => (await row(id)).waiting_since !== null, 20_000, 100);
    await settle();
    expect(events.of('sla.started', id)).toEqual([]);

    expect((await api(node, 'PATCH', `/v1/teams/${teamId}/assignment`, admin.token, { firstResponseMinutes: 45 })).status).toBe(200);
    const [started] = await events.wait('sla.started', id, 1, 30_000);
    const { waiting_since: waitingSince } = await row(id);
    expect(started!.data).toMatchObject({ kind: 'first_response', teamId, waitingSince: waitingSince!.toISOString(), dueAt: new Date(waitingSince!.getTime() + 45 * 60_000).toISOString(), messageId: null });
    // Started once, however many sweeps look at it.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(events.of('sla.started', id)).toHaveLength(1);

    const replyId = await send(anna.token, id, 'Отвечаю');
    const [met] = await events.wait('sla.met', id);
    expect(met!.data).toMatchObject({ messageId: replyId, waitingSince: waitingSince!.toISOString() });
  });
});
