// Customer satisfaction end to end: real chat and balancer processes, customers and agents over
// REST and sockets, the surveys read back through the API and the events from Kafka. A close asks
// once per cycle in teams that ask (never in internal conversations), the customer answers and may
// change the answer for a while, agents see it live, and nobody else can answer or read it.
import type { CsatSurvey, CustomerCsatSurvey } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer } from './support/balancers.js';
import { api, call, clientMessageId, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';
import { collectEvents, type EventLog } from './support/events.js';

interface TestAgent {
  id: string;
  token: string;
}

describe('customer satisfaction surveys', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let events: EventLog;
  let admin: TestAgent;
  let anna: TestAgent;
  let boris: TestAgent;
  let team: { id: string; topic: string };

  beforeAll(async () => {
    events = await collectEvents(resources);
    cluster = await startChatCluster(resources, 2, { SMARTCHAT_EVENTS_TOPIC: events.topic });
    node = cluster.nodes[0]!;
    await startBalancer(resources, cluster);
    admin = await agent('Админ Опросов', 'admin');
    anna = await agent('Анна Опросов');
    boris = await agent('Борис Опросов');
    team = await newTeam([anna, boris]);
  }, 180_000);
  afterAll(() => resources.cleanup());

  async function agent(name: string, role = 'agent'): Promise<TestAgent> {
    const created = await cluster.createAgent(name, { role });
    return { id: created.id, token: await cluster.login(node, created.email, created.password) };
  }
  async function newTeam(members: TestAgent[], settings: Record<string, unknown> = {}) {
    const topic = `csat-${randomUUID().slice(0, 8)}`;
    const created = await api<{ id: string }>(node, 'POST', '/v1/teams', admin.token, { name: `Команда ${topic}` });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await api(node, 'PATCH', `/v1/teams/${id}/assignment`, admin.token, { topics: [topic], ...settings })).status).toBe(200);
    expect((await api(node, 'PUT', `/v1/teams/${id}/members`, admin.token, { agentIds: members.map((member) => member.id) })).status).toBe(200);
    return { id, topic };
  }
  /** A customer opens a conversation with a first message; Anna gets it by hand and answers. */
  async function answeredConversation(topic = team.topic) {
    const token = await cluster.customerToken(`csat-customer-${randomUUID()}`, 'Клиент Опросов');
    const opened = await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic, clientMessageId: clientMessageId(), body: 'Не приходит маршрутная квитанция' });
    expect(opened.status).toBe(201);
    const id = opened.body.conversation.id;
    expect((await api(node, 'PATCH', `/v1/conversations/${id}`, admin.token, { assigneeId: anna.id, override: true })).status).toBe(200);
    expect((await api(node, 'POST', `/v1/conversations/${id}/messages`, anna.token, { clientMessageId: clientMessageId(), body: 'Отправила ещё раз' })).status).toBe(202);
    await eventually('the reply recorded', async () => (await cluster.pg.query('SELECT 1 FROM conversations WHERE id = $1 AND last_responder_id IS NOT NULL', [id])).rows.length === 1, 20_000, 100);
    return { id, token };
  }
  const close = async (id: string, who: TestAgent) => expect((await api(node, 'POST', `/v1/conversations/${id}/close`, who.token)).status).toBe(200);
  const surveysAs = async <T>(token: string, id: string) => {
    const response = await api<{ surveys: T[] }>(node, 'GET', `/v1/conversations/${id}/csat`, token);
    expect(response.status).toBe(200);
    return response.body.surveys;
  };
  const answer = (token: string, id: string, surveyId: string, body: unknown) => api<CustomerCsatSurvey & { error?: { code: string; details?: unknown } }>(node, 'PUT', `/v1/conversations/${id}/csat/${surveyId}`, token, body);
  const joined = async (token: string, id: string, on: ChatNode = node): Promise<{ socket: Socket; updates: unknown[] }> => {
    const socket = await cluster.socket(on, token);
    const updates: unknown[] = [];
    socket.on('csat:updated', (survey: unknown) => updates.push(survey));
    expect(await call(socket, 'conversation:join', { conversationId: id })).toMatchObject({ ok: true });
    return { socket, updates };
  };

  it('asks the customer after a close, credits the closer, records the last responder; the answer reaches the agents live', async () => {
    const { id, token } = await answeredConversation();
    // The conversation open in Anna's console on the other chat process, and in the customer's widget.
    const console = await joined(anna.token, id, cluster.nodes[1]!);
    const widget = await joined(token, id);
    await close(id, boris);

    const [requested] = await events.wait('csat.requested', id);
    expect(requested).toMatchObject({ version: 1, actor: { type: 'agent', id: boris.id }, data: { teamId: team.id, closedBy: boris.id, lastResponderId: anna.id, cycle: 1, by: 'agent' } });
    const [survey] = await surveysAs<CustomerCsatSurvey>(token, id);
    expect(survey).toEqual({
      id: requested!.data.surveyId,
      conversationId: id,
      cycle: 1,
      requestedAt: requested!.occurredAt,
      rating: null,
      comment: null,
      answeredAt: null,
      editableUntil: new Date(Date.parse(requested!.occurredAt) + 7 * 24 * 3_600_000).toISOString(),
    });
    // The customer's view names no agent.
    expect(JSON.stringify(survey)).not.toContain(boris.id);
    expect(JSON.stringify(survey)).not.toContain(anna.id);

    const first = await answer(token, id, survey!.id, { rating: 4, comment: '  Быстро, но пришлось напоминать  ' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rating: 4, comment: 'Быстро, но пришлось напоминать' });
    // From the first answer on, the customer may change it for 24 hours.
    expect(Date.parse(first.body.editableUntil) - Date.parse(first.body.answeredAt!)).toBe(24 * 3_600_000);
    await eventually('the agent sees the answer live', async () => console.updates.length === 1, 10_000, 50);
    expect(console.updates[0]).toMatchObject({ id: survey!.id, rating: 4, closedBy: boris.id, lastResponderId: anna.id, closedHow: 'agent' });
    await eventually("the customer's other tabs too, in the customer's shape", async () => widget.updates.length === 1, 10_000, 50);
    expect(widget.updates[0]).not.toHaveProperty('closedBy');

    // Changed: the latest answer counts; the window does not move.
    const changed = await answer(token, id, survey!.id, { rating: 5 });
    expect(changed.body).toMatchObject({ rating: 5, comment: null, editableUntil: first.body.editableUntil });
    const [agentView] = await surveysAs<CsatSurvey>(anna.token, id);
    expect(agentView).toMatchObject({ rating: 5, comment: null, closedBy: boris.id, closedHow: 'agent', lastResponderId: anna.id, teamId: team.id });

    const submitted = await events.wait('csat.submitted', id, 2);
    expect(submitted.map((event) => event.data)).toEqual([
      { surveyId: survey!.id, rating: 4, comment: 'Быстро, но пришлось напоминать', previousRating: null, teamId: team.id, closedBy: boris.id, lastResponderId: anna.id, cycle: 1, requestedAt: requested!.occurredAt },
      { surveyId: survey!.id, rating: 5, comment: null, previousRating: 4, teamId: team.id, closedBy: boris.id, lastResponderId: anna.id, cycle: 1, requestedAt: requested!.occurredAt },
    ]);
    expect(submitted.every((event) => event.actor.type === 'customer' && event.version === 1)).toBe(true);
    console.socket.disconnect();
    widget.socket.disconnect();
    // Anna's console is gone once its grace period is over: the balancer no longer assigns to her
    // (the next tests assign by hand).
    await eventually('Anna offline', async () => (await cluster.pg.query("SELECT 1 FROM agents WHERE id = $1 AND presence = 'offline'", [anna.id])).rows.length === 1, 20_000, 100);
  });

  it('asks once per cycle: a reopen (by an agent or by the customer writing) starts the next, a retried answer changes nothing', async () => {
    const { id, token } = await answeredConversation();
    await close(id, anna);
    expect((await api(node, 'POST', `/v1/conversations/${id}/close`, anna.token)).status).toBe(409); // closed already: no second survey
    expect((await api(node, 'POST', `/v1/conversations/${id}/reopen`, anna.token)).status).toBe(200);
    await close(id, anna);
    // The customer writes into the closed conversation: reopened, the third cycle.
    expect((await api(node, 'POST', `/v1/conversations/${id}/messages`, token, { clientMessageId: clientMessageId(), body: 'И ещё вопрос' })).status).toBe(202);
    await eventually('reopened by the customer', async () => (await cluster.pg.query("SELECT 1 FROM conversations WHERE id = $1 AND status = 'open'", [id])).rows.length === 1, 20_000, 100);
    await close(id, boris);

    const surveys = await surveysAs<CsatSurvey>(anna.token, id);
    expect(surveys.map((survey) => [survey.cycle, survey.closedBy])).toEqual([
      [1, anna.id],
      [2, anna.id],
      [3, boris.id],
    ]);
    const requested = await events.wait('csat.requested', id, 3);
    expect(requested.map((event) => event.data.cycle)).toEqual([1, 2, 3]);

    // The same answer twice (a retry whose response was lost): one event.
    const latest = surveys[2]!;
    expect((await answer(token, id, latest.id, { rating: 3, comment: 'Нормально' })).status).toBe(200);
    expect((await answer(token, id, latest.id, { rating: 3, comment: 'Нормально' })).status).toBe(200);
    // An earlier cycle's survey is its own: answered apart.
    expect((await answer(token, id, surveys[0]!.id, { rating: 1 })).status).toBe(200);
    await events.wait('csat.submitted', id, 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(events.of('csat.submitted', id).map((event) => [event.data.cycle, event.data.rating])).toEqual([
      [3, 3],
      [1, 1],
    ]);
  });

  it('closes the window: no change 24 hours after the first answer, no first answer a week after the close', async () => {
    const { id, token } = await answeredConversation();
    await close(id, anna);
    const [survey] = await surveysAs<CustomerCsatSurvey>(token, id);
    // A week went by without an answer.
    await cluster.pg.query(`UPDATE csat_surveys SET requested_at = requested_at - interval '8 days', editable_until = editable_until - interval '8 days' WHERE id = $1`, [survey!.id]);
    const late = await answer(token, id, survey!.id, { rating: 5 });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'SC_ERR_CSAT_CLOSED', details: { editableUntil: expect.any(String) } });

    const second = await answeredConversation();
    await close(second.id, anna);
    const [other] = await surveysAs<CustomerCsatSurvey>(second.token, second.id);
    expect((await answer(second.token, second.id, other!.id, { rating: 2, comment: 'Долго' })).status).toBe(200);
    // A day after the first answer.
    await cluster.pg.query(`UPDATE csat_surveys SET answered_at = answered_at - interval '25 hours', editable_until = editable_until - interval '25 hours' WHERE id = $1`, [other!.id]);
    const change = await answer(second.token, second.id, other!.id, { rating: 4 });
    expect(change.status).toBe(409);
    expect(change.body.error!.code).toBe('SC_ERR_CSAT_CLOSED');
    expect((await surveysAs<CustomerCsatSurvey>(second.token, second.id))[0]).toMatchObject({ rating: 2, comment: 'Долго' });
    await events.wait('csat.submitted', second.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(events.of('csat.submitted', second.id)).toHaveLength(1);
  });

  it('refuses bad answers and strangers with clear errors, and changes nothing', async () => {
    const { id, token } = await answeredConversation();
    await close(id, anna);
    const [survey] = await surveysAs<CustomerCsatSurvey>(token, id);
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 3.5 }, { rating: '5' }, {}, { rating: 5, comment: 'х'.repeat(1001) }, { rating: 5, extra: true }]) {
      const refused = await answer(token, id, survey!.id, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error!.code).toBe('SC_ERR_VALIDATION');
    }
    // Another customer: the conversation does not exist for them.
    const stranger = await cluster.customerToken(`csat-stranger-${randomUUID()}`);
    expect((await answer(stranger, id, survey!.id, { rating: 1 })).body.error!.code).toBe('SC_ERR_CONVERSATION_NOT_FOUND');
    expect((await api<{ error: { code: string } }>(node, 'GET', `/v1/conversations/${id}/csat`, stranger)).body.error.code).toBe('SC_ERR_CONVERSATION_NOT_FOUND');
    // A survey of another conversation of theirs is not one of this conversation.
    const other = await answeredConversation();
    await close(other.id, anna);
    const [otherSurvey] = await surveysAs<CustomerCsatSurvey>(other.token, other.id);
    const crossed = await answer(token, id, otherSurvey!.id, { rating: 1 });
    expect(crossed.status).toBe(404);
    expect(crossed.body.error!.code).toBe('SC_ERR_CSAT_SURVEY_NOT_FOUND');
    expect((await answer(token, id, randomUUID(), { rating: 1 })).body.error!.code).toBe('SC_ERR_CSAT_SURVEY_NOT_FOUND');
    // Agents read surveys; they never answer for the customer.
    const byAgent = await answer(anna.token, id, survey!.id, { rating: 5 });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error!.code).toBe('SC_ERR_FORBIDDEN');
    // An agent of no team may not see the team's conversation, nor its surveys.
    const outsider = await cluster.createAgent('Посторонний Опросов');
    const outsiderToken = await cluster.login(node, outsider.email, outsider.password);
    expect((await api(node, 'GET', `/v1/conversations/${id}/csat`, outsiderToken)).status).toBe(404);

    expect((await surveysAs<CustomerCsatSurvey>(token, id))[0]).toMatchObject({ rating: null, answeredAt: null });
    expect(events.of('csat.submitted', id)).toEqual([]);
  });

  it('never asks in internal conversations or in a team that does not ask', async () => {
    // An internal conversation about a customer, in the team that asks.
    const customerToken = await cluster.customerToken(`csat-internal-${randomUUID()}`);
    expect((await api(node, 'GET', '/v1/conversations', customerToken)).status).toBe(200);
    const backoffice = await fetch(`${node.url}/v1/backoffice/conversations/internal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await backofficeToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerExternalId: `csat-internal-${randomUUID()}`, topic: 'Возврат', teamId: team.id }),
    });
    expect(backoffice.status).toBe(201);
    const internal = (await backoffice.json()) as { id: string };
    await close(internal.id, admin);
    expect(await surveysAs(admin.token, internal.id)).toEqual([]);

    // A team that stopped asking: its change is an event too.
    const quiet = await newTeam([anna], { csatEnabled: false });
    await eventually(
      'the change of the setting on Kafka',
      async () => events.seen.some((event) => event.type === 'team.assignment_changed' && event.teamId === quiet.id && event.data.after.csatEnabled === false && event.data.before.csatEnabled === true),
      30_000,
      100,
    );
    const { id, token } = await answeredConversation(quiet.topic);
    await close(id, anna);
    expect(await surveysAs(token, id)).toEqual([]);
    const teams = await api<{ teams: { id: string; assignment: { csatEnabled: boolean } }[] }>(node, 'GET', '/v1/teams', admin.token);
    expect(teams.body.teams.find((item) => item.id === quiet.id)?.assignment.csatEnabled).toBe(false);
    expect(teams.body.teams.find((item) => item.id === team.id)?.assignment.csatEnabled).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(events.of('csat.requested', internal.id)).toEqual([]);
    expect(events.of('csat.requested', id)).toEqual([]);
  });

  it('asks after an automatic close too, credited to the assignee', async () => {
    const timed = await newTeam([anna], { autoCloseAfterMinutes: 1 });
    const { id, token } = await answeredConversation(timed.topic);
    // The customer has been silent for a minute after Anna's reply; the sweep times the auto-close.
    await cluster.pg.query(`UPDATE conversations SET last_replied_at = last_replied_at - interval '59 seconds' WHERE id = $1`, [id]);
    await eventually('closed automatically', async () => (await cluster.pg.query("SELECT 1 FROM conversations WHERE id = $1 AND status = 'closed'", [id])).rows.length === 1, 30_000, 200);
    const [requested] = await events.wait('csat.requested', id);
    expect(requested).toMatchObject({ actor: { type: 'system', id: null }, data: { closedBy: anna.id, lastResponderId: anna.id, by: 'auto_close', teamId: timed.id, cycle: 1 } });
    const [survey] = await surveysAs<CsatSurvey>(anna.token, id);
    expect(survey).toMatchObject({ closedHow: 'auto_close', closedBy: anna.id });
    expect((await answer(token, id, survey!.id, { rating: 5, comment: 'Всё решили' })).status).toBe(200);
  });

  async function backofficeToken(): Promise<string> {
    const { signBackofficeToken } = await import('../src/auth/tokens.js');
    return signBackofficeToken(cluster.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!, 'csat-test');
  }
});
