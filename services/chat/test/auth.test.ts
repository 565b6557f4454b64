import { TestResources } from '@smartchat/platform/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, startChatCluster, type ChatCluster } from './support/cluster.js';

describe('authentication', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let agent: { id: string; email: string; password: string };

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_RATE_LIMIT_PER_MINUTE: '60', SMARTCHAT_SEND_LIMIT_PER_10S: '5' });
    agent = await cluster.createAgent('Ольга Кузнецова');
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('logs an agent in with e-mail and password, and refuses a wrong password the same way as an unknown e-mail', async () => {
    const node = cluster.nodes[0]!;
    const ok = await api<{ token: string; agent: { id: string } }>(node, 'POST', '/v1/auth/login', undefined, { email: agent.email.toUpperCase(), password: agent.password });
    expect(ok.status).toBe(200);
    expect(ok.body.agent.id).toBe(agent.id);
    const wrong = await api(node, 'POST', '/v1/auth/login', undefined, { email: agent.email, password: 'nope' });
    const unknown = await api(node, 'POST', '/v1/auth/login', undefined, { email: 'nobody@desk.test', password: 'nope' });
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'SC_ERR_AUTH_BAD_CREDENTIALS', message: 'Wrong e-mail or password' } } });
    expect(unknown).toEqual(wrong);
    const malformed = await api<{ error: { code: string; details: unknown[] } }>(node, 'POST', '/v1/auth/login', undefined, { email: 'not-an-email' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('SC_ERR_VALIDATION');
  });

  it('reaches nothing without a valid token', async () => {
    const node = cluster.nodes[0]!;
    expect(await api(node, 'GET', '/v1/conversations', undefined)).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_REQUIRED' } } });
    expect(await api(node, 'GET', '/v1/conversations', 'garbage')).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_INVALID_TOKEN' } } });
    const expired = await cluster.customerToken('cust-expired', 'X', -10);
    expect(await api(node, 'GET', '/v1/conversations', expired)).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_INVALID_TOKEN' } } });
    // Signed with another key: a forged customer token.
    const forged = await new SignJWT({ name: 'Mallory' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('cust-1')
      .setIssuer('backoffice')
      .setAudience('smartchat-customer')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(48)));
    expect(await api(node, 'GET', '/v1/conversations', forged)).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_INVALID_TOKEN' } } });
    await expect(cluster.socket(node, undefined)).rejects.toMatchObject({ data: { code: 'SC_ERR_AUTH_REQUIRED' } });
    await expect(cluster.socket(node, forged)).rejects.toMatchObject({ data: { code: 'SC_ERR_AUTH_INVALID_TOKEN' } });
  });

  it('revokes a session on logout: the token stops working and its open sockets are disconnected', async () => {
    const node = cluster.nodes[0]!;
    const token = await cluster.login(node, agent.email, agent.password);
    const socket = await cluster.socket(node, token);
    const revoked = new Promise<void>((resolve) => socket.on('session:revoked', () => resolve()));
    const disconnected = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    expect((await api(node, 'POST', '/v1/auth/logout', token)).status).toBe(204);
    await revoked;
    await disconnected;
    expect(await api(node, 'GET', '/v1/conversations', token)).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_SESSION_REVOKED' } } });
    await expect(cluster.socket(node, token)).rejects.toMatchObject({ data: { code: 'SC_ERR_AUTH_SESSION_REVOKED' } });
  });

  it('ends a socket when the token it connected with expires, and refuses to reconnect with that token', async () => {
    const node = cluster.nodes[0]!;
    const shortLived = await cluster.customerToken('cust-short-lived', 'Пётр', 3);
    const socket = await cluster.socket(node, shortLived);
    const connectedAt = Date.now();
    const expired = new Promise<number>((resolve) => socket.on('session:expired', () => resolve(Date.now())));
    const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    // Still served before it expires.
    expect(await call(socket, 'resume', { lastSeen: {} })).toMatchObject({ ok: true });
    const expiredAt = await expired;
    expect(await disconnected).toBe('io server disconnect');
    // JWT expiry has one-second resolution: the token ends 2-3 s after it was signed.
    expect(expiredAt - connectedAt).toBeGreaterThan(1000);
    expect(expiredAt - connectedAt).toBeLessThan(6000);
    await expect(cluster.socket(node, shortLived)).rejects.toMatchObject({ data: { code: 'SC_ERR_AUTH_INVALID_TOKEN' } });
    // A socket with a long-lived token stays.
    const lasting = await cluster.socket(node, await cluster.customerToken('cust-long-lived', 'Вера', 3600));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lasting.connected).toBe(true);
    lasting.disconnect();
  });

  it('publishes an OpenAPI document for every /v1 route', async () => {
    const document = await api<{ openapi: string; paths: Record<string, unknown> }>(cluster.nodes[0]!, 'GET', '/v1/openapi.json', undefined);
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths).sort()).toEqual([
      '/v1/agents',
      '/v1/agents/{id}',
      '/v1/agents/{id}/password-reset',
      '/v1/agents/{id}/status',
      '/v1/attachments/{attachmentId}',
      '/v1/audit',
      '/v1/auth/desk',
      '/v1/auth/login',
      '/v1/auth/logout',
      '/v1/auth/logout-everywhere',
      '/v1/auth/password',
      '/v1/auth/password-policy',
      '/v1/auth/password-reset',
      '/v1/backoffice/conversations/internal',
      '/v1/backoffice/signals',
      '/v1/conversations',
      '/v1/conversations/counts',
      '/v1/conversations/internal',
      '/v1/conversations/{id}',
      '/v1/conversations/{id}/actions',
      '/v1/conversations/{id}/actions/{key}',
      '/v1/conversations/{id}/attachments',
      '/v1/conversations/{id}/close',
      '/v1/conversations/{id}/csat',
      '/v1/conversations/{id}/csat/{surveyId}',
      '/v1/conversations/{id}/mail',
      '/v1/conversations/{id}/mail/deliveries/{deliveryId}/retry',
      '/v1/conversations/{id}/mail/received/{receivedId}/html',
      '/v1/conversations/{id}/mail/received/{receivedId}/original',
      '/v1/conversations/{id}/messages',
      '/v1/conversations/{id}/messages/{messageId}',
      '/v1/conversations/{id}/messages/{messageId}/history',
      '/v1/conversations/{id}/messages/{messageId}/restore',
      '/v1/conversations/{id}/reads',
      '/v1/conversations/{id}/reopen',
      '/v1/conversations/{id}/snooze',
      '/v1/customers/{id}',
      '/v1/integrations',
      '/v1/integrations/events',
      '/v1/integrations/rules',
      '/v1/integrations/{id}',
      '/v1/integrations/{id}/actions',
      '/v1/integrations/{id}/events',
      '/v1/integrations/{id}/events/{eventId}/retry',
      '/v1/integrations/{id}/keys',
      '/v1/integrations/{id}/keys/{keyId}',
      '/v1/integrations/{id}/keys/{keyId}/rotate',
      '/v1/integrations/{id}/signing-secrets',
      '/v1/integrations/{id}/webhooks',
      '/v1/integrations/{id}/webhooks/{endpointId}',
      '/v1/integrations/{id}/webhooks/{endpointId}/deliveries',
      '/v1/integrations/{id}/webhooks/{endpointId}/deliveries/{deliveryId}',
      '/v1/integrations/{id}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver',
      '/v1/integrations/{id}/webhooks/{endpointId}/secret',
      '/v1/integrations/{id}/webhooks/{endpointId}/test',
      '/v1/macros',
      '/v1/macros/{id}',
      '/v1/mail/blocked-senders',
      '/v1/mailboxes',
      '/v1/mailboxes/{id}',
      '/v1/mailboxes/{id}/received',
      '/v1/me',
      '/v1/mentions',
      '/v1/roles',
      '/v1/roles/{name}',
      '/v1/search',
      '/v1/statistics/agents',
      '/v1/statistics/agents/export',
      '/v1/statistics/csat',
      '/v1/statistics/heatmap',
      '/v1/statistics/live',
      '/v1/statistics/metrics',
      '/v1/statistics/overview',
      '/v1/statistics/reports',
      '/v1/statistics/reports/{id}',
      '/v1/statistics/reports/{id}/pdf',
      '/v1/statistics/reports/{id}/xlsx',
      '/v1/statistics/series',
      '/v1/statistics/sla',
      '/v1/statistics/teams',
      '/v1/statistics/teams/export',
      '/v1/teams',
      '/v1/teams/{id}',
      '/v1/teams/{id}/assignment',
      '/v1/teams/{id}/members',
      '/v1/topics',
    ]);
  });

  it('answers a socket event it does not know about or with a missing ack without crashing', async () => {
    const token = await cluster.customerToken('cust-3003');
    const socket = await cluster.socket(cluster.nodes[0]!, token);
    socket.emit('message:send', { nonsense: true });
    socket.emit('no-such-event', 1, 2, 3);
    expect(await call(socket, 'read', { conversationId: 'x' })).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION' } });
  });

  it('limits each identity: messages per 10 s over any transport, REST requests per minute', async () => {
    const node = cluster.nodes[0]!;
    const token = await cluster.customerToken('cust-busy');
    const conversation = await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic: 'Много сообщений' });
    const socket = await cluster.socket(node, token);
    const results = [];
    for (let index = 0; index < 6; index += 1) {
      results.push(await call(socket, 'message:send', { conversationId: conversation.body.conversation.id, clientMessageId: `busy-message-${index}`, body: `#${index}` }));
    }
    expect(results.slice(0, 5).every((result) => result.ok)).toBe(true);
    expect(results[5]).toMatchObject({ ok: false, error: { code: 'SC_ERR_RATE_LIMITED' } });
    // Another customer is not affected.
    const calm = await cluster.customerToken('cust-calm');
    expect((await api(node, 'GET', '/v1/conversations', calm)).status).toBe(200);

    let limited: { status: number; body: unknown } | undefined;
    for (let index = 0; index < 70 && !limited; index += 1) {
      const response = await api(node, 'GET', '/v1/conversations', token);
      if (response.status === 429) limited = response;
    }
    expect(limited).toEqual({ status: 429, body: { error: { code: 'SC_ERR_RATE_LIMITED', message: 'Too many requests; slow down' } } });
  });
});
