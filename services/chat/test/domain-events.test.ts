// Every change is an event: this walks every state-changing REST route (listed from the running
// server's own route registrations, through /v1/openapi.json) and every client socket event (listed
// from the contract's event map, `budgetOfEvent`), makes each change once as a real caller, and
// reads the domain events back from a real Kafka topic of its own (chat and balancer processes
// write there through SMARTCHAT_EVENTS_TOPIC). A route or socket event that is neither walked here
// nor named below as changing nothing fails the first test; one that emits nothing, or emits with
// the wrong actor or version, fails the second. It also checks the balancer's jobs that change a
// conversation (a snooze timer, an automatic assignment) and the lifecycle times clients read back.
import { domainEventVersions, type Conversation, type DomainEvent, type DomainEventType, type EventActor } from '@smartchat/contracts';
import { TestResources, eventually } from '@smartchat/platform/testing';
import { webhookHeaders } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBackofficeToken } from '../src/auth/tokens.js';
import { budgetOfEvent } from '../src/gateway/socket-budget.js';
import { startBalancer } from './support/balancers.js';
import { api, call, clientMessageId, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

/** An event the walk expects: its type, whose it is, who made it, and some of its data. */
interface Expected {
  type: DomainEventType;
  subject: { conversationId: string } | { agentId: string } | { teamId: string };
  actor: EventActor;
  data?: Record<string, unknown>;
}

/** Changes nothing a statistic or a consumer of the log follows: why, in words. */
const CHANGES_NO_DOMAIN_STATE: Record<string, string> = {
  'POST /v1/auth/login': 'a session (audit log: auth.login, auth.login_failed)',
  'POST /v1/auth/logout': 'a session (audit log)',
  'POST /v1/auth/logout-everywhere': 'sessions (audit log)',
  'POST /v1/auth/password': "an agent's credentials (audit log)",
  'POST /v1/auth/password-reset': "an agent's credentials (audit log)",
  'POST /v1/agents/{id}/password-reset': 'a reset link (audit log)',
  'POST /v1/roles': 'access configuration (audit log; roles change what agents may do, not the desk\'s work)',
  'PATCH /v1/roles/{name}': 'access configuration (audit log)',
  'DELETE /v1/roles/{name}': 'access configuration (audit log)',
  'POST /v1/macros': 'canned replies (audit log)',
  'PATCH /v1/macros/{id}': 'canned replies (audit log)',
  'DELETE /v1/macros/{id}': 'canned replies (audit log)',
  'POST /v1/statistics/reports': 'a report build of figures derived from the events (audit log: report.create)',
  'POST /v1/conversations/{id}/attachments': 'an upload is nothing in the conversation until a message carries it (message.created)',
  'POST /v1/mailboxes': 'mail configuration (audit log: mailbox.create)',
  'PATCH /v1/mailboxes/{id}': 'mail configuration (audit log: mailbox.update)',
  'PUT /v1/mail/blocked-senders': 'mail configuration (audit log)',
  'POST /v1/conversations/{id}/mail/deliveries/{deliveryId}/retry': 'sends again, by e-mail, a reply whose message.created is in the log already (audit log: mail.delivery.retry)',
  'POST /v1/integrations': 'integration configuration (audit log: integration.create)',
  'PATCH /v1/integrations/{id}': 'integration configuration (audit log: integration.update)',
  'POST /v1/integrations/{id}/keys': 'an API key (audit log: integration.key_create)',
  'POST /v1/integrations/{id}/keys/{keyId}/rotate': 'an API key (audit log: integration.key_rotate)',
  'DELETE /v1/integrations/{id}/keys/{keyId}': 'an API key (audit log: integration.key_revoke)',
  'POST /v1/integrations/{id}/signing-secrets': 'a signing secret (audit log: integration.secret_rotate)',
  'PUT /v1/integrations/rules': 'integration configuration (audit log: integration.rules_update)',
  'PUT /v1/integrations/{id}/actions': 'integration configuration (audit log: integration.actions_update)',
  'POST /v1/integrations/{id}/events/{eventId}/retry': 'queues a received event again; what it then changes is walked under POST /v1/integrations/events (audit log: integration.event_retry)',
  'POST /v1/integrations/{id}/webhooks': 'webhook configuration (audit log: integration.webhook_create)',
  'PATCH /v1/integrations/{id}/webhooks/{endpointId}': 'webhook configuration (audit log: integration.webhook_update)',
  'DELETE /v1/integrations/{id}/webhooks/{endpointId}': 'webhook configuration (audit log: integration.webhook_delete)',
  'POST /v1/integrations/{id}/webhooks/{endpointId}/secret': 'a signing secret (audit log: integration.webhook_secret_rotate)',
  'POST /v1/integrations/{id}/webhooks/{endpointId}/test': 'sends a test event out; nothing of the desk changes (audit log: integration.webhook_test)',
  'POST /v1/integrations/{id}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver': 'sends an event again whose domain event is in the log already (audit log: integration.webhook_redeliver)',
  'conversation:join': 'joins a room (and makes an agent a viewer, which is presence, not state)',
  'conversation:leave': 'leaves a room',
  resume: 'replays what was missed',
  typing: 'ephemeral, never stored',
};

/**
 * Changes state but emits no event yet, with the reason; each is a known gap to fill. A gap that
 * starts emitting must move to the walk (the test fails when one does).
 */
const KNOWN_GAPS: Record<string, { event: DomainEventType; why: string }> = {};

describe('every state change is a domain event on Kafka, with its actor', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let topic: string;
  const seen: DomainEvent[] = [];
  const walked = new Map<string, Expected[]>();
  const started = Date.now();

  let admin: { id: string; token: string };
  let anna: { id: string; token: string };
  let teamId: string;
  const topicName = `events-${randomUUID().slice(0, 8)}`;
  const customerExternalId = `events-customer-${randomUUID()}`;
  let customer: { id: string; token: string };
  let conversationId: string;
  let annaSocket: Socket;
  let backofficeToken: string;
  const agentActor = (who: { id: string }): EventActor => ({ type: 'agent', id: who.id });

  beforeAll(async () => {
    topic = await resources.kafkaTopic('events', 3);
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_EVENTS_TOPIC: topic });
    node = cluster.nodes[0]!;
    await startBalancer(resources, cluster);
    const consumer = resources.kafka().consumer({ groupId: `${resources.id}-events` });
    await consumer.connect();
    resources.defer('disconnect the events consumer', () => consumer.disconnect());
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString()) as DomainEvent) });

    const created = await cluster.createAgent('Админ Событий', { role: 'super-admin' });
    admin = { id: created.id, token: await cluster.login(node, created.email, created.password) };
    const agent = await cluster.createAgent('Анна Событий');
    anna = { id: agent.id, token: await cluster.login(node, agent.email, agent.password) };
    backofficeToken = await signBackofficeToken(cluster.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!, 'test-backoffice');
    const token = await cluster.customerToken(customerExternalId, 'Клиент Событий');
    // The customer's row is made on their first authenticated request.
    expect((await api(node, 'GET', '/v1/conversations', token)).status).toBe(200);
    const { rows } = await cluster.pg.query<{ id: string }>('SELECT id FROM customers WHERE external_id = $1', [customerExternalId]);
    customer = { id: rows[0]!.id, token };
  }, 180_000);
  afterAll(() => resources.cleanup());

  const ok = async <T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<T> => {
    const response = await api<T>(node, method, path, token, body);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body;
  };
  const socketOf = async (token: string): Promise<Socket> => cluster.socket(node, token);
  const acked = async <T>(socket: Socket, event: string, input: unknown): Promise<T> => {
    const result = await call<T>(socket, event, input);
    expect(result, `${event}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
    return (result as { data: T }).data;
  };
  /** Waits until the message is stored (edits and deletions need it there). */
  const stored = (conversation: string, messageId: string, token: string) =>
    eventually(`message ${messageId} stored`, async () => (await api<{ messages: { id: string }[] }>(node, 'GET', `/v1/conversations/${conversation}/messages`, token)).body.messages.some((message) => message.id === messageId), 20_000, 100);
  const conversation = async (id: string) => ok<Conversation>('GET', `/v1/conversations/${id}`, admin.token);

  /** A walk step: the route or socket event it exercises, and the events it must produce. */
  const walk = async (key: string, run: () => Promise<Expected[]>) => {
    walked.set(key, [...(walked.get(key) ?? []), ...(await run())]);
  };

  it('walks every state-changing REST route and socket event (a new one must be walked or named)', async () => {
    // --- teams and agents ---
    await walk('POST /v1/teams', async () => {
      const team = await ok<{ id: string }>('POST', '/v1/teams', admin.token, { name: `Команда ${topicName}` });
      teamId = team.id;
      return [{ type: 'team.created', subject: { teamId }, actor: agentActor(admin), data: { name: `Команда ${topicName}` } }];
    });
    await walk('PATCH /v1/teams/{id}', async () => {
      await ok('PATCH', `/v1/teams/${teamId}`, admin.token, { name: `Команда ${topicName}!` });
      return [{ type: 'team.updated', subject: { teamId }, actor: agentActor(admin), data: { name: `Команда ${topicName}!`, previousName: `Команда ${topicName}` } }];
    });
    await walk('PATCH /v1/teams/{id}/assignment', async () => {
      // Response targets, so that the customer's waits start SLA clocks (an hour: none is breached here).
      await ok('PATCH', `/v1/teams/${teamId}/assignment`, admin.token, { topics: [topicName], firstResponseMinutes: 60, nextResponseMinutes: 60 });
      return [
        {
          type: 'team.assignment_changed',
          subject: { teamId },
          actor: agentActor(admin),
          data: { before: { topics: [], firstResponseMinutes: null, nextResponseMinutes: null }, after: { topics: [topicName], firstResponseMinutes: 60, nextResponseMinutes: 60 } },
        },
      ];
    });
    let bob = { id: '', email: `bob-${randomUUID().slice(0, 8)}@desk.test`, password: 'Long enough pass phrase 42' };
    await walk('POST /v1/agents', async () => {
      const created = await ok<{ id: string }>('POST', '/v1/agents', admin.token, { email: bob.email, name: 'Боб Событий', password: bob.password, capacity: 3 });
      bob = { ...bob, id: created.id };
      return [{ type: 'agent.created', subject: { agentId: bob.id }, actor: agentActor(admin), data: { capacity: 3, role: 'agent', teamIds: [] } }];
    });
    await walk('PATCH /v1/agents/{id}', async () => {
      await ok('PATCH', `/v1/agents/${bob.id}`, admin.token, { capacity: 4, assignmentPaused: true });
      return [{ type: 'agent.updated', subject: { agentId: bob.id }, actor: agentActor(admin), data: { before: { capacity: 3, assignmentPaused: false }, after: { capacity: 4, assignmentPaused: true } } }];
    });
    await walk('PUT /v1/teams/{id}/members', async () => {
      await ok('PUT', `/v1/teams/${teamId}/members`, admin.token, { agentIds: [anna.id, bob.id] });
      return [{ type: 'team.members_changed', subject: { teamId }, actor: agentActor(admin), data: { added: expect.arrayContaining([anna.id, bob.id]), removed: [] } }];
    });
    await walk('PUT /v1/agents/{id}/status', async () => {
      // Presence: Anna's console connects (online, by her), then an admin sets her away. Away, the
      // balancer leaves her out: the walk assigns her by hand.
      annaSocket = await socketOf(anna.token);
      const online = { type: 'agent.status_changed' as const, subject: { agentId: anna.id }, actor: agentActor(anna), data: { status: 'online', previousStatus: 'offline' } };
      await eventually('Anna announced online', async () => seen.some((event) => 'agentId' in event && event.agentId === anna.id && event.type === 'agent.status_changed'), 20_000, 100);
      await ok('PUT', `/v1/agents/${anna.id}/status`, admin.token, { status: 'away' });
      // A chosen status of an agent who is not connected changes no presence: no event.
      await ok('PUT', `/v1/agents/${bob.id}/status`, admin.token, { status: 'away' });
      return [online, { type: 'agent.status_changed', subject: { agentId: anna.id }, actor: agentActor(admin), data: { status: 'away', previousStatus: 'online' } }];
    });
    await walk('DELETE /v1/teams/{id}', async () => {
      const spare = await ok<{ id: string }>('POST', '/v1/teams', admin.token, { name: `Лишняя ${topicName}` });
      await ok('DELETE', `/v1/teams/${spare.id}`, admin.token);
      return [{ type: 'team.deleted', subject: { teamId: spare.id }, actor: agentActor(admin), data: { name: `Лишняя ${topicName}` } }];
    });

    // --- a customer's conversation, from open to reopen ---
    const customerActor: EventActor = { type: 'customer', id: customer.id };
    const systemActor: EventActor = { type: 'system', id: null };
    await walk('POST /v1/conversations', async () => {
      const opened = await ok<{ conversation: { id: string }; message: { id: string } }>('POST', '/v1/conversations', customer.token, { topic: topicName, clientMessageId: clientMessageId(), body: 'Здравствуйте' });
      conversationId = opened.conversation.id;
      const subject = { conversationId };
      return [
        { type: 'conversation.created', subject, actor: customerActor, data: { channel: 'widget', internal: false, teamId, topic: topicName, priority: 0 } },
        { type: 'conversation.queued', subject, actor: customerActor, data: { teamId, reason: 'new' } },
        // (Its assignee is whoever holds it when the delivery records it: the assignment below may come first.)
        { type: 'message.created', subject, actor: customerActor, data: { messageId: opened.message.id, kind: 'customer', teamId } },
        { type: 'sla.started', subject, actor: systemActor, data: { kind: 'first_response', teamId, messageId: opened.message.id } },
      ];
    });
    await walk('PATCH /v1/conversations/{id}', async () => {
      await ok('PATCH', `/v1/conversations/${conversationId}`, admin.token, { priority: 2 });
      await ok('PATCH', `/v1/conversations/${conversationId}`, admin.token, { assigneeId: anna.id });
      const subject = { conversationId };
      return [
        { type: 'conversation.prioritised', subject, actor: agentActor(admin), data: { reason: 'manual', priority: 2, previousPriority: 0, effectivePriority: 2, queued: true } },
        { type: 'conversation.assigned', subject, actor: agentActor(admin), data: { assigneeId: anna.id, reason: 'manual' } },
      ];
    });
    // Anna is back (her own choice): a conversation that comes back stays with her.
    await ok('PUT', `/v1/agents/${anna.id}/status`, anna.token, { status: 'online' });
    walked.get('PUT /v1/agents/{id}/status')!.push({ type: 'agent.status_changed', subject: { agentId: anna.id }, actor: agentActor(anna), data: { status: 'online', previousStatus: 'away' } });
    await walk('POST /v1/backoffice/signals', async () => {
      const departs = new Date(Date.now() + 3_600_000).toISOString();
      const response = await fetch(`${node.url}/v1/backoffice/signals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${backofficeToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customerExternalId, tripDepartsAt: departs }),
      });
      expect(response.status).toBe(200);
      return [
        {
          type: 'conversation.prioritised',
          subject: { conversationId },
          actor: { type: 'backoffice', id: 'test-backoffice' },
          data: { reason: 'trip_signal', priority: 2, tripDepartsAt: departs, previousTripDepartsAt: null, effectivePriority: 3, previousEffectivePriority: 2 },
        },
      ];
    });
    let replyId = '';
    await walk('POST /v1/conversations/{id}/messages', async () => {
      replyId = (await ok<{ id: string }>('POST', `/v1/conversations/${conversationId}/messages`, anna.token, { clientMessageId: clientMessageId(), body: 'Добрый день' })).id;
      const subject = { conversationId };
      return [
        { type: 'message.created', subject, actor: agentActor(anna), data: { messageId: replyId, kind: 'reply', teamId, assigneeId: anna.id } },
        // The reply ends the first wait within its hour.
        { type: 'sla.met', subject, actor: agentActor(anna), data: { kind: 'first_response', teamId, assigneeId: anna.id, messageId: replyId } },
      ];
    });
    await stored(conversationId, replyId, anna.token);
    await walk('PATCH /v1/conversations/{id}/messages/{messageId}', async () => {
      await ok('PATCH', `/v1/conversations/${conversationId}/messages/${replyId}`, anna.token, { body: 'Добрый день!' });
      return [{ type: 'message.edited', subject: { conversationId }, actor: agentActor(anna), data: { messageId: replyId, kind: 'reply' } }];
    });
    await walk('DELETE /v1/conversations/{id}/messages/{messageId}', async () => {
      await ok('DELETE', `/v1/conversations/${conversationId}/messages/${replyId}`, anna.token);
      return [{ type: 'message.deleted', subject: { conversationId }, actor: agentActor(anna), data: { messageId: replyId } }];
    });
    await walk('POST /v1/conversations/{id}/messages/{messageId}/restore', async () => {
      await ok('POST', `/v1/conversations/${conversationId}/messages/${replyId}/restore`, admin.token);
      return [{ type: 'message.restored', subject: { conversationId }, actor: agentActor(admin), data: { messageId: replyId } }];
    });
    await walk('POST /v1/conversations/{id}/snooze', async () => {
      const until = new Date(Date.now() + 3_600_000).toISOString();
      await ok('POST', `/v1/conversations/${conversationId}/snooze`, anna.token, { until });
      return [{ type: 'conversation.snoozed', subject: { conversationId }, actor: agentActor(anna), data: { until, assigneeId: anna.id } }];
    });
    let noteId = '';
    await walk('message:send', async () => {
      // A note that mentions Bob wakes the snoozed conversation and makes Bob a participant.
      noteId = (await acked<{ id: string }>(annaSocket, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind: 'note', body: 'Посмотри, @Боб Событий' })).id;
      const subject = { conversationId };
      return [
        { type: 'message.created', subject, actor: agentActor(anna), data: { messageId: noteId, kind: 'note', internal: false } },
        { type: 'conversation.participant_added', subject, actor: agentActor(anna), data: { agentId: bob.id, reason: 'mentioned', messageId: noteId } },
        { type: 'conversation.woken', subject, actor: agentActor(anna), data: { by: 'note', messageId: noteId, assigneeId: anna.id } },
      ];
    });
    await stored(conversationId, noteId, anna.token);
    await walk('message:edit', async () => {
      await acked(annaSocket, 'message:edit', { conversationId, messageId: noteId, body: 'Посмотри, пожалуйста' });
      return [{ type: 'message.edited', subject: { conversationId }, actor: agentActor(anna), data: { messageId: noteId, kind: 'note' } }];
    });
    await walk('message:delete', async () => {
      await acked(annaSocket, 'message:delete', { conversationId, messageId: noteId });
      return [{ type: 'message.deleted', subject: { conversationId }, actor: agentActor(anna), data: { messageId: noteId, kind: 'note' } }];
    });
    const adminSocket = await socketOf(admin.token);
    await walk('message:restore', async () => {
      await acked(adminSocket, 'message:restore', { conversationId, messageId: noteId });
      return [{ type: 'message.restored', subject: { conversationId }, actor: agentActor(admin), data: { messageId: noteId, kind: 'note' } }];
    });
    await walk('POST /v1/conversations/{id}/close', async () => {
      await ok('POST', `/v1/conversations/${conversationId}/close`, anna.token);
      const subject = { conversationId };
      return [
        { type: 'conversation.closed', subject, actor: agentActor(anna), data: { by: 'agent', assigneeId: anna.id } },
        // The team asks for ratings (the default): credited to Anna, who closed it and replied last.
        { type: 'csat.requested', subject, actor: agentActor(anna), data: { teamId, closedBy: anna.id, lastResponderId: anna.id, cycle: 1, by: 'agent' } },
      ];
    });
    await walk('PUT /v1/conversations/{id}/csat/{surveyId}', async () => {
      const { surveys } = await ok<{ surveys: { id: string }[] }>('GET', `/v1/conversations/${conversationId}/csat`, customer.token);
      const surveyId = surveys[0]!.id;
      await ok('PUT', `/v1/conversations/${conversationId}/csat/${surveyId}`, customer.token, { rating: 4, comment: 'Спасибо' });
      // Changed within the window: a second event, with the rating it replaces.
      await ok('PUT', `/v1/conversations/${conversationId}/csat/${surveyId}`, customer.token, { rating: 5, comment: 'Спасибо!' });
      const subject = { conversationId };
      return [
        { type: 'csat.submitted', subject, actor: customerActor, data: { surveyId, rating: 4, comment: 'Спасибо', previousRating: null, teamId, closedBy: anna.id, lastResponderId: anna.id, cycle: 1 } },
        { type: 'csat.submitted', subject, actor: customerActor, data: { surveyId, rating: 5, comment: 'Спасибо!', previousRating: 4, cycle: 1 } },
      ];
    });
    const closed = await conversation(conversationId);
    expect(closed.closedAt).not.toBeNull();
    // The customer writes into the closed conversation: reopened, by them.
    const customerSocket = await socketOf(customer.token);
    const customerMessageId = (await acked<{ id: string }>(customerSocket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Ещё вопрос' })).id;
    walked.get('message:send')!.push(
      { type: 'message.created', subject: { conversationId }, actor: customerActor, data: { messageId: customerMessageId, kind: 'customer', teamId, assigneeId: anna.id } },
      { type: 'conversation.reopened', subject: { conversationId }, actor: customerActor, data: { by: 'customer_message', messageId: customerMessageId, assigneeId: anna.id } },
      // After Anna's reply, a wait for the next response.
      { type: 'sla.started', subject: { conversationId }, actor: systemActor, data: { kind: 'next_response', teamId, assigneeId: anna.id, messageId: customerMessageId } },
    );
    await eventually('reopened by the customer', async () => (await conversation(conversationId)).status === 'open', 20_000, 100);
    // The reopen started the second cycle: its close asks again.
    await ok('POST', `/v1/conversations/${conversationId}/close`, anna.token);
    walked.get('POST /v1/conversations/{id}/close')!.push({
      type: 'csat.requested',
      subject: { conversationId },
      actor: agentActor(anna),
      data: { teamId, closedBy: anna.id, lastResponderId: anna.id, cycle: 2, by: 'agent' },
    });
    await walk('POST /v1/conversations/{id}/reopen', async () => {
      await ok('POST', `/v1/conversations/${conversationId}/reopen`, anna.token);
      return [{ type: 'conversation.reopened', subject: { conversationId }, actor: agentActor(anna), data: { by: 'agent', messageId: null } }];
    });
    await walk('read', async () => {
      await acked(customerSocket, 'read', { conversationId, messageId: replyId });
      return [{ type: 'message.read', subject: { conversationId }, actor: customerActor, data: { messageId: replyId } }];
    });

    // --- internal conversations ---
    await walk('POST /v1/conversations/internal', async () => {
      const internal = await ok<{ id: string }>('POST', '/v1/conversations/internal', anna.token, { topic: 'Внутреннее' });
      const subject = { conversationId: internal.id };
      return [
        { type: 'conversation.created', subject, actor: agentActor(anna), data: { channel: 'internal', internal: true, customerId: null } },
        { type: 'conversation.participant_added', subject, actor: agentActor(anna), data: { agentId: anna.id, reason: 'added' } },
      ];
    });
    await walk('POST /v1/backoffice/conversations/internal', async () => {
      const response = await fetch(`${node.url}/v1/backoffice/conversations/internal`, {
        method: 'POST',
        headers: { authorization: `Bearer ${backofficeToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customerExternalId, topic: 'Возврат', teamId }),
      });
      expect(response.status).toBe(201);
      const internal = (await response.json()) as { id: string };
      return [{ type: 'conversation.created', subject: { conversationId: internal.id }, actor: { type: 'backoffice', id: 'test-backoffice' }, data: { internal: true, customerId: customer.id, teamId } }];
    });

    let integrationEvents = { integrationId: '', conversationId: '' };
    await walk('POST /v1/integrations/events', async () => {
      const created = await ok<{ integration: { id: string }; signingSecret: string }>('POST', '/v1/integrations', admin.token, { name: 'Events back-office' });
      const key = await ok<{ secret: string }>('POST', `/v1/integrations/${created.integration.id}/keys`, admin.token, { name: 'events', scopes: ['events.send'] });
      const body = JSON.stringify({
        type: 'trip.changed',
        timestamp: new Date().toISOString(),
        data: { customerId: customerExternalId, tripId: 'T-events', version: 1, changes: [{ field: 'flight', old: 'SU 1', new: 'SU 2' }] },
      });
      const response = await fetch(`${node.url}/v1/integrations/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json', ...webhookHeaders([created.signingSecret], 'msg_events_walk', body) },
        body,
      });
      expect(response.status).toBe(202);
      const { eventId } = (await response.json()) as { eventId: string };
      let opened = '';
      let noticeId = '';
      await eventually('the trip event applied', async () => {
        const { rows } = await cluster.pg.query<{ status: string; conversation_id: string; message_id: string }>('SELECT status, conversation_id, message_id FROM integration_events WHERE id = $1', [eventId]);
        opened = rows[0]?.conversation_id ?? '';
        noticeId = rows[0]?.message_id ?? '';
        return rows[0]?.status === 'done';
      }, 20_000, 100);
      const subject = { conversationId: opened };
      integrationEvents = { integrationId: created.integration.id, conversationId: opened };
      return [
        { type: 'conversation.created', subject, actor: { type: 'backoffice', id: 'Events back-office' }, data: { channel: 'api', internal: false, customerId: customer.id, topic: 'Изменение поездки' } },
        { type: 'message.created', subject, actor: systemActor, data: { messageId: noticeId, kind: 'notice' } },
      ];
    });
    await walk('POST /v1/conversations/{id}/actions/{key}', async () => {
      const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"done"}'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/act`;
        await ok('PUT', `/v1/integrations/${integrationEvents.integrationId}/actions`, admin.token, { actions: [{ key: 'act', label: 'Act', kind: 'request', url }] });
        const result = await ok<{ messageId: string }>('POST', `/v1/conversations/${integrationEvents.conversationId}/actions/act`, admin.token, { integrationId: integrationEvents.integrationId });
        return [{ type: 'message.created', subject: { conversationId: integrationEvents.conversationId }, actor: systemActor, data: { messageId: result.messageId, kind: 'system' } }];
      } finally {
        server.close();
      }
    });

    // Every state-changing route of the running server and every client socket event is walked,
    // named as changing nothing, or a known gap — and none is more than one of these.
    const document = await ok<{ paths: Record<string, Record<string, unknown>> }>('GET', '/v1/openapi.json', undefined);
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const socketEvents = Object.keys(budgetOfEvent);
    const everything = [...routes, ...socketEvents].sort();
    expect(routes.length).toBeGreaterThan(30);
    const accounted = (key: string) => [walked.has(key), key in CHANGES_NO_DOMAIN_STATE, key in KNOWN_GAPS].filter(Boolean).length;
    expect(everything.filter((key) => accounted(key) !== 1), 'routes and socket events neither walked nor named, or named twice').toEqual([]);
    // What the lists name that the server no longer has.
    expect([...walked.keys(), ...Object.keys(CHANGES_NO_DOMAIN_STATE), ...Object.keys(KNOWN_GAPS)].filter((key) => !everything.includes(key))).toEqual([]);
  }, 120_000);

  it('reads every change back from Kafka with its actor, version and values', async () => {
    const all = [...walked.entries()].flatMap(([key, expected]) => expected.map((item) => ({ key, ...item })));
    const matches = (event: DomainEvent, item: Expected) =>
      event.type === item.type &&
      Object.entries(item.subject).every(([field, value]) => (event as unknown as Record<string, unknown>)[field] === value) &&
      event.actor.type === item.actor.type &&
      event.actor.id === item.actor.id &&
      // Two messages of one conversation by the same actor are told apart by their ids.
      (item.data?.messageId === undefined || (event.data as { messageId?: unknown }).messageId === item.data.messageId);
    await eventually(
      'every expected event on Kafka',
      async () => all.every((item) => seen.some((event) => matches(event, item))),
      45_000,
      200,
    ).catch(() => undefined);
    const missing = all.filter((item) => !seen.some((event) => matches(event, item)));
    expect(missing.map((item) => `${item.key}: ${item.type} by ${item.actor.type}:${item.actor.id}`), 'changes without their event').toEqual([]);
    for (const item of all) {
      const event = seen.find((candidate) => matches(candidate, item) && (!item.data || isMatch(candidate.data, item.data)));
      expect(event, `${item.key}: ${item.type} with ${JSON.stringify(item.data)}; seen ${JSON.stringify(seen.filter((candidate) => matches(candidate, item)).map((candidate) => candidate.data))}`).toBeDefined();
      expect(event!.version).toBe(domainEventVersions[item.type]);
      expect(Date.parse(event!.occurredAt)).toBeGreaterThanOrEqual(started - 60_000);
      expect(event!.eventId).toEqual(expect.any(String));
    }
    // Known gaps stay gaps until they are filled: then they belong to the walk.
    for (const [key, gap] of Object.entries(KNOWN_GAPS)) expect(seen.some((event) => event.type === gap.event), `${key} now emits ${gap.event}: walk it instead`).toBe(false);
    // Event ids are unique.
    expect(new Set(seen.map((event) => event.eventId)).size).toBe(seen.length);
  }, 60_000);

  it('records the balancer\'s changes as the system: a snooze timer wakes, the queue assigns', async () => {
    // Anna is away (so the woken conversation cannot stay with her), Bob paused and away: nobody
    // takes the new conversation until Anna is given it by hand.
    await ok('PUT', `/v1/agents/${anna.id}/status`, anna.token, { status: 'away' });
    const opened = await ok<{ conversation: { id: string } }>('POST', '/v1/conversations', customer.token, { topic: topicName });
    const id = opened.conversation.id;
    await ok('PATCH', `/v1/conversations/${id}`, admin.token, { assigneeId: anna.id });
    await ok('POST', `/v1/conversations/${id}/snooze`, anna.token, { until: new Date(Date.now() + 1500).toISOString() });
    // The timer wakes it back into the queue; Bob, online and resumed, gets it from there.
    const bob = await bobId();
    await ok('PATCH', `/v1/agents/${bob}`, admin.token, { assignmentPaused: false });
    await ok('PUT', `/v1/agents/${bob}/status`, admin.token, { status: 'online' });
    const bobSocket = await socketOf(await bobToken());
    const events = () => seen.filter((event) => 'conversationId' in event && event.conversationId === id);
    await eventually('woken, returned to the queue and assigned to Bob', async () => events().some((event) => event.type === 'conversation.assigned' && event.data.assigneeId === bob), 30_000, 200);
    bobSocket.disconnect();
    const types = events().map((event) => `${event.type}:${event.actor.type}`);
    expect(types).toEqual(
      expect.arrayContaining(['conversation.woken:system', 'conversation.unassigned:system', 'conversation.queued:system', 'conversation.assigned:system']),
    );
    const woken = events().find((event) => event.type === 'conversation.woken')!;
    expect(woken).toMatchObject({ version: 2, data: { by: 'timer', messageId: null, assigneeId: anna.id } });
    const after = await conversation(id);
    expect(after).toMatchObject({ status: 'open', assigneeId: bob, queuedAt: null });
    expect(Date.parse(after.assignedAt!)).toBeGreaterThanOrEqual(Date.parse(woken.occurredAt));
  }, 60_000);

  it('gives a conversation its lifecycle times, over REST and in the inbox', async () => {
    const current = await conversation(conversationId);
    expect(current).toMatchObject({ status: 'open', assigneeId: anna.id, closedAt: null });
    for (const field of ['createdAt', 'assignedAt', 'firstReplyAt', 'lastReplyAt', 'lastCustomerMessageAt', 'reopenedAt', 'tripDepartsAt'] as const) {
      expect(Date.parse(current[field]!), field).not.toBeNaN();
    }
    expect(Date.parse(current.lastCustomerMessageAt!)).toBeGreaterThan(Date.parse(current.firstReplyAt!));
    const inbox = await ok<{ conversations: Conversation[] }>('GET', `/v1/conversations?view=all&status=open&limit=500`, admin.token);
    expect(inbox.conversations.find((item) => item.id === conversationId)).toMatchObject({ reopenedAt: current.reopenedAt, assignedAt: current.assignedAt });
  });

  const bobRow = async () => (await cluster.pg.query<{ id: string; email: string }>("SELECT id, email FROM agents WHERE name = 'Боб Событий'")).rows[0]!;
  const bobId = async () => (await bobRow()).id;
  const bobToken = async () => {
    const { email } = await bobRow();
    // Created by an admin, Bob must choose his own password first.
    const first = await cluster.login(node, email, 'Long enough pass phrase 42');
    await ok('POST', '/v1/auth/password', first, { currentPassword: 'Long enough pass phrase 42', newPassword: 'Another long pass phrase 43' });
    return cluster.login(node, email, 'Another long pass phrase 43');
  };
});

/** Whether `actual` holds every field of `expected` (recursively; arrays and asymmetric matchers as expect does). */
function isMatch(actual: unknown, expected: Record<string, unknown>): boolean {
  try {
    expect(actual).toMatchObject(expected);
    return true;
  } catch {
    return false;
  }
}
