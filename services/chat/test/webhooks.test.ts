// Outbound webhooks over the real path: conversations and messages made through the API become
// domain events on Kafka (through the balancer's outbox relay and the delivery consumer), the chat
// process's consumer group queues them as deliveries in PostgreSQL, and its sender POSTs them,
// signed, to a real HTTP server on loopback that plays the back-office: it verifies every
// signature, and can be told to fail, answer 500 or hang.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@smartchat/platform';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer } from './support/balancers.js';
import { api, clientMessageId, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
  event: { type: string; timestamp: string; data: Record<string, unknown> };
  verified: boolean;
  answered: number;
}

/** The back-office's webhook receiver: records each request, answers as told per request. */
class Receiver {
  readonly received: Received[] = [];
  secrets: string[] = [];
  /** How to answer a request: a status, or 'hang' (never answers). */
  answer: (event: Received['event'], body: string) => number | 'hang' = () => 200;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = raw.toString('utf8');
        const event = JSON.parse(body) as Received['event'];
        const header = (name: string) => request.headers[name] as string | undefined;
        const verdict = verifyWebhook(this.secrets, { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') }, raw, 300);
        const answer = this.answer(event, body);
        this.received.push({ at: Date.now(), headers: request.headers, body, event, verified: verdict.ok, answered: answer === 'hang' ? 0 : answer });
        if (answer === 'hang') return;
        response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : `failure ${answer}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** What reached us with a 2xx answer for this conversation, in the order answered. */
  deliveredFor(conversationId: string): Received[] {
    return this.received.filter((item) => item.event.data.conversationId === conversationId && item.answered >= 200 && item.answered < 300);
  }
}

describe('outbound webhooks', () => {
  const resources = new TestResources();
  const receiver = new Receiver();
  let cluster: ChatCluster;
  let node: ChatNode;
  let admin = '';
  let agent = '';
  let integrationId = '';
  let endpointId = '';
  let customer = '';
  let customerExternalId = '';

  const openConversation = async (token: string, body: string) => {
    const opened = await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic: 'Вопрос', clientMessageId: clientMessageId(), body });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    return opened.body.conversation.id;
  };
  const say = async (token: string, conversationId: string, body: string, kind?: 'note') => {
    const response = await api<{ id: string }>(node, 'POST', `/v1/conversations/${conversationId}/messages`, token, { clientMessageId: clientMessageId(), body, ...(kind ? { kind } : {}) });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return response.body.id;
  };
  const deliveriesOf = async (endpoint: string) =>
    (await api<{ deliveries: { id: string; status: string; eventType: string; conversationId: string | null; attempts: number; lastError: string | null }[] }>(node, 'GET', `/v1/integrations/${integrationId}/webhooks/${endpoint}/deliveries?limit=200`, admin)).body.deliveries;

  beforeAll(async () => {
    await receiver.start();
    resources.defer('stop the receiver', () => receiver.stop());
    const topic = await resources.kafkaTopic('events', 3);
    cluster = await startChatCluster(resources, 1, {
      SMARTCHAT_EVENTS_TOPIC: topic,
      SMARTCHAT_WEBHOOKS: 'true',
      SMARTCHAT_WEBHOOK_EVENTS_GROUP: `webhooks-${resources.id}`,
      SMARTCHAT_WEBHOOK_ATTEMPTS: '3',
      SMARTCHAT_WEBHOOK_RETRY_BASE_MS: '150',
      SMARTCHAT_WEBHOOK_TIMEOUT_MS: '800',
      SMARTCHAT_INTEGRATION_POLL_MS: '200',
    });
    node = cluster.nodes[0]!;
    // conversation.created and the other conversation events reach Kafka through the outbox.
    await startBalancer(resources, cluster);
    const adminAccount = await cluster.createAgent('Админ', { role: 'admin' });
    admin = await cluster.login(node, adminAccount.email, adminAccount.password);
    const agentAccount = await cluster.createAgent('Анна', { role: 'admin' });
    agent = await cluster.login(node, agentAccount.email, agentAccount.password);
    customerExternalId = `wh-${randomUUID().slice(0, 8)}`;
    customer = await cluster.customerToken(customerExternalId, 'Иван');

    const integration = await api<{ integration: { id: string } }>(node, 'POST', '/v1/integrations', admin, { name: 'Back-office' });
    integrationId = integration.body.integration.id;
    const endpoint = await api<{ endpoint: { id: string; eventTypes: string[] }; secret: string }>(node, 'POST', `/v1/integrations/${integrationId}/webhooks`, admin, {
      url: receiver.url,
      eventTypes: ['conversation.created', 'conversation.assigned', 'conversation.closed', 'message.created', 'csat.submitted'],
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    endpointId = endpoint.body.endpoint.id;
    receiver.secrets = [endpoint.body.secret];
  }, 180_000);
  afterAll(() => resources.cleanup());

  it('sends what happens in a conversation, signed, in order, with the message text, never a note or an internal conversation', async () => {
    const conversationId = await openConversation(customer, 'Где мой билет?');
    await say(agent, conversationId, 'Проверяю бронирование', 'note');
    const reply = await say(agent, conversationId, 'Билет отправлен на почту');
    const internal = await api<{ id: string }>(node, 'POST', '/v1/conversations/internal', agent, { topic: 'Между нами' });
    await say(agent, internal.body.id, 'Внутреннее обсуждение');
    expect((await api(node, 'POST', `/v1/conversations/${conversationId}/close`, agent, {})).status).toBe(200);

    await eventually('the close delivered', async () => receiver.deliveredFor(conversationId).some((item) => item.event.type === 'conversation.closed'), 30_000, 100);
    const got = receiver.deliveredFor(conversationId);
    expect(got.every((item) => item.verified)).toBe(true);
    // Each event once (conversation events come through the outbox relay, messages through the
    // delivery consumer: between those two, the log's order is the order sent).
    expect(got.map((item) => item.event.type).filter((type) => type !== 'conversation.assigned').sort()).toEqual(['conversation.closed', 'conversation.created', 'message.created', 'message.created']);
    expect(new Set(got.map((item) => item.headers['webhook-id'])).size).toBe(got.length);
    const messages = got.filter((item) => item.event.type === 'message.created');
    expect(messages.map((item) => [item.event.data.kind, item.event.data.body])).toEqual([
      ['customer', 'Где мой билет?'],
      ['reply', 'Билет отправлен на почту'],
    ]);
    expect(messages[1]!.event.data).toMatchObject({ messageId: reply, customerId: customerExternalId, internal: false, author: { type: 'agent', name: 'Анна' } });
    expect(got.find((item) => item.event.type === 'conversation.created')!.event.data).toMatchObject({ channel: 'widget', customerId: customerExternalId });
    // The webhook-id is the event's, the timestamp whole seconds, and the body exactly what was signed.
    expect(got[0]!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(got[0]!.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(receiver.received.some((item) => item.event.data.conversationId === internal.body.id)).toBe(false);
    expect(receiver.received.some((item) => JSON.stringify(item.event).includes('Проверяю бронирование'))).toBe(false);
  });

  it('retries a failing delivery with a growing wait, holding back only its own conversation, then delivers in order', async () => {
    const failing = await openConversation(customer, 'Первое сообщение');
    const fails = new Map<string, number>();
    receiver.answer = (event, body) => {
      if (event.data.conversationId !== failing || !body.includes('Первое сообщение')) return 200;
      const count = (fails.get(failing) ?? 0) + 1;
      fails.set(failing, count);
      return count <= 2 ? 500 : 200;
    };
    try {
      await say(customer, failing, 'Второе сообщение');
      await say(customer, failing, 'Третье сообщение');
      const other = await openConversation(customer, 'Другой разговор');
      await eventually('the failing conversation delivered', async () => receiver.deliveredFor(failing).filter((item) => item.event.type === 'message.created').length === 3, 30_000, 100);
      const delivered = receiver.deliveredFor(failing).filter((item) => item.event.type === 'message.created');
      expect(delivered.map((item) => item.event.data.body)).toEqual(['Первое сообщение', 'Второе сообщение', 'Третье сообщение']);
      const attempts = receiver.received.filter((item) => item.body.includes('"Первое сообщение"'));
      expect(attempts.map((item) => item.answered)).toEqual([500, 500, 200]);
      // The same webhook-id on every attempt; the waits grow.
      expect(new Set(attempts.map((item) => item.headers['webhook-id'])).size).toBe(1);
      expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(150);
      // The other conversation was not held back by the failing one.
      await eventually('the other conversation delivered', async () => receiver.deliveredFor(other).length >= 2, 30_000, 100);
      const otherFirst = receiver.deliveredFor(other)[0]!.at;
      const firstFailure = attempts[0]!.at;
      expect(otherFirst).toBeGreaterThanOrEqual(firstFailure);
      const log = await deliveriesOf(endpointId);
      expect(log.find((item) => item.conversationId === failing && item.eventType === 'message.created' && item.attempts === 3)).toMatchObject({ status: 'delivered' });
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('gives a delivery up after the last attempt (dead, with the answers in the log), goes on with the conversation, and redelivers it on request', async () => {
    const conversationId = await openConversation(customer, 'Обречённое сообщение');
    receiver.answer = (_event, body) => (body.includes('Обречённое') ? 503 : 200);
    try {
      await eventually('the delivery dead', async () => (await deliveriesOf(endpointId)).some((item) => item.conversationId === conversationId && item.status === 'failed'), 30_000, 100);
      const dead = (await deliveriesOf(endpointId)).find((item) => item.conversationId === conversationId && item.status === 'failed')!;
      expect(dead).toMatchObject({ eventType: 'message.created', attempts: 3, lastError: 'answered 503' });
      const detail = await api<{ attempts: { responseStatus: number; responseBody: string; latencyMs: number; requestHeaders: Record<string, string> }[] }>(
        node,
        'GET',
        `/v1/integrations/${integrationId}/webhooks/${endpointId}/deliveries/${dead.id}`,
        admin,
      );
      expect(detail.body.attempts).toHaveLength(3);
      expect(detail.body.attempts[0]).toMatchObject({ responseStatus: 503, responseBody: 'failure 503' });
      expect(detail.body.attempts[0]!.requestHeaders['webhook-id']).toMatch(/^msg_/);
      // Later events of the conversation are not held back by a dead one.
      await say(customer, conversationId, 'После неудачи');
      await eventually('the next message delivered', async () => receiver.deliveredFor(conversationId).some((item) => item.event.data.body === 'После неудачи'), 30_000, 100);
    } finally {
      receiver.answer = () => 200;
    }
    const redelivered = await api<{ status: string }>(node, 'POST', `/v1/integrations/${integrationId}/webhooks/${endpointId}/deliveries/${(await deliveriesOf(endpointId)).find((item) => item.conversationId === conversationId && item.status === 'failed')!.id}/redeliver`, admin);
    expect(redelivered.status).toBe(202);
    await eventually('the redelivery arrived', async () => receiver.deliveredFor(conversationId).some((item) => item.event.data.body === 'Обречённое сообщение'), 30_000, 100);
  });

  it('gives up on an endpoint that does not answer within the timeout, and tells why', async () => {
    const conversationId = await openConversation(customer, 'Зависший приёмник');
    receiver.answer = (_event, body) => (body.includes('Зависший') ? 'hang' : 200);
    try {
      await eventually('the delivery retried after a timeout', async () => (await deliveriesOf(endpointId)).some((item) => item.conversationId === conversationId && item.lastError === 'no answer within 800 ms'), 30_000, 100);
    } finally {
      receiver.answer = () => 200;
    }
    await eventually('delivered once the endpoint answers', async () => receiver.deliveredFor(conversationId).some((item) => item.event.data.body === 'Зависший приёмник'), 30_000, 100);
  });

  it('sends a test event on request and shows the attempt; an endpoint that refuses is reported', async () => {
    const test = await api<{ delivered: boolean; attempt: { responseStatus: number; latencyMs: number; requestBody: string } }>(node, 'POST', `/v1/integrations/${integrationId}/webhooks/${endpointId}/test`, admin);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ delivered: true, attempt: { responseStatus: 200 } });
    expect(JSON.parse(test.body.attempt.requestBody)).toMatchObject({ type: 'webhook.test', data: { endpointId } });
    expect(receiver.received.at(-1)!.verified).toBe(true);
    const nowhere = await api<{ endpoint: { id: string } }>(node, 'POST', `/v1/integrations/${integrationId}/webhooks`, admin, { url: 'http://127.0.0.1:9/closed', eventTypes: ['csat.submitted'] });
    const refused = await api<{ delivered: boolean; attempt: { responseStatus: number | null; error: string } }>(node, 'POST', `/v1/integrations/${integrationId}/webhooks/${nowhere.body.endpoint.id}/test`, admin);
    expect(refused.body).toMatchObject({ delivered: false, attempt: { responseStatus: null, error: expect.stringContaining('request failed') } });
    // In its delivery log, never counted as dead.
    const listed = await api<{ endpoints: { id: string; failed: number }[] }>(node, 'GET', `/v1/integrations/${integrationId}/webhooks`, admin);
    expect(listed.body.endpoints.find((endpoint) => endpoint.id === nowhere.body.endpoint.id)).toMatchObject({ failed: 0 });
    expect((await deliveriesOf(nowhere.body.endpoint.id)).map((item) => [item.eventType, item.status])).toEqual([['webhook.test', 'failed']]);
    expect((await api(node, 'DELETE', `/v1/integrations/${integrationId}/webhooks/${nowhere.body.endpoint.id}`, admin)).status).toBe(204);
  });

  it('signs with the old and the new secret during a rotation', async () => {
    const rotated = await api<{ secret: string }>(node, 'POST', `/v1/integrations/${integrationId}/webhooks/${endpointId}/secret`, admin, { overlapMinutes: 10 });
    expect(rotated.status).toBe(201);
    const [old] = receiver.secrets;
    receiver.secrets = [rotated.body.secret];
    await api(node, 'POST', `/v1/integrations/${integrationId}/webhooks/${endpointId}/test`, admin);
    const last = receiver.received.at(-1)!;
    expect(last.verified).toBe(true);
    expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(2);
    receiver.secrets = [old!];
    await api(node, 'POST', `/v1/integrations/${integrationId}/webhooks/${endpointId}/test`, admin);
    expect(receiver.received.at(-1)!.verified).toBe(true);
    receiver.secrets = [rotated.body.secret];
  });

  it('sends notes and internal conversations only to an endpoint that includes internal data', async () => {
    const internalReceiver = new Receiver();
    await internalReceiver.start();
    resources.defer('stop the internal receiver', () => internalReceiver.stop());
    const created = await api<{ secret: string }>(node, 'POST', `/v1/integrations/${integrationId}/webhooks`, admin, { url: internalReceiver.url, eventTypes: ['message.created'], includeInternal: true });
    internalReceiver.secrets = [created.body.secret];
    const conversationId = await openConversation(customer, 'Вопрос с заметкой');
    await say(agent, conversationId, 'Заметка для своих', 'note');
    await eventually('the note delivered to the internal endpoint', async () => internalReceiver.received.some((item) => item.event.data.body === 'Заметка для своих'), 30_000, 100);
    expect(internalReceiver.received.find((item) => item.event.data.body === 'Заметка для своих')!.event.data).toMatchObject({ kind: 'note', internal: false });
    await eventually('the customer message delivered to the public endpoint', async () => receiver.deliveredFor(conversationId).some((item) => item.event.data.body === 'Вопрос с заметкой'), 30_000, 100);
    expect(receiver.received.some((item) => item.event.data.body === 'Заметка для своих')).toBe(false);
    // An endpoint gets only what happened after it was added: nothing of the earlier conversations.
    expect(internalReceiver.received.some((item) => item.event.data.body === 'Где мой билет?')).toBe(false);
  });

  it('counts attempts and what is pending in its metrics', async () => {
    const metrics = await (await fetch(`${node.opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/smartchat_webhook_attempts_total\{result="delivered"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/smartchat_webhook_attempts_total\{result="retry"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/smartchat_webhook_attempts_total\{result="failed"[^}]*\} [1-9]/);
    expect(metrics).toContain('smartchat_webhook_pending{status="pending"');
    expect(metrics).toContain('smartchat_webhook_delivery_lag_seconds_bucket');
  });
});
