// The back-office integration over the real path: an admin makes an integration and its keys
// through the API; the back-office sends signed events (POST /v1/integrations/events) that are
// queued in PostgreSQL, applied by the chat process's worker, and turn into conversations and
// notices delivered through RabbitMQ into Cassandra, read back as the customer and as agents.
import { randomUUID } from 'node:crypto';
import type { Conversation, Integration, Message } from '@smartchat/contracts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSmartchatClient, type InboundEvent } from '@smartchat/client';
import { signWebhook, verifyWebhook } from '@smartchat/platform';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

interface Receipt {
  eventId: string;
  status: string;
  duplicate: boolean;
}
interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const HOUR = 3600_000;

describe('back-office integration', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let admin = '';
  let agent = '';
  let integration: Integration;
  let signingSecret = '';
  let eventsKey = '';
  const customer = { externalId: `bo-cust-${randomUUID().slice(0, 8)}`, token: '', id: '' };

  /** Sends a signed event as the back-office does; `sign` overrides what is signed or sent. */
  const send = async (
    event: unknown,
    options: { key?: string; secrets?: string[]; webhookId?: string; timestamp?: number; body?: string; signature?: string | null; omit?: string[] } = {},
  ) => {
    const body = options.body ?? JSON.stringify(event);
    const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = options.signature !== undefined ? options.signature : (options.secrets ?? [signingSecret]).map((secret) => signWebhook(secret, webhookId, timestamp, JSON.stringify(event))).join(' ');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${options.key ?? eventsKey}`,
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      ...(signature !== null ? { 'webhook-signature': signature } : {}),
    };
    for (const name of options.omit ?? []) delete headers[name];
    const response = await fetch(`${node.url}/v1/integrations/events`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Receipt & ErrorBody, webhookId };
  };
  const tripChanged = (tripId: string, version: number, extra: Record<string, unknown> = {}) => ({
    type: 'trip.changed',
    timestamp: new Date().toISOString(),
    data: {
      customerId: customer.externalId,
      tripId,
      version,
      title: 'Москва → Сочи',
      departureAt: new Date(Date.now() + 6 * HOUR).toISOString(),
      changes: [{ field: 'time', segment: 'SU 1234', old: '2026-12-12T07:00:00Z', new: '2026-12-12T11:30:00Z' }],
      ...extra,
    },
  });
  /** Waits until the event is applied; its record from the event log. */
  const applied = async (eventId: string) => {
    let record: { status: string; conversationId: string | null; messageId: string | null; opened: boolean; error: string | null } | undefined;
    await eventually(
      `event ${eventId} applied`,
      async () => {
        const { rows } = await cluster.pg.query<{ status: string; conversation_id: string | null; message_id: string | null; opened: boolean; error: string | null }>(
          'SELECT status, conversation_id, message_id, opened, error FROM integration_events WHERE id = $1',
          [eventId],
        );
        const row = rows[0];
        if (!row || row.status === 'queued' || row.status === 'processing') return false;
        record = { status: row.status, conversationId: row.conversation_id, messageId: row.message_id, opened: row.opened, error: row.error };
        return true;
      },
      30_000,
      50,
    );
    return record!;
  };
  const messagesOf = async (token: string, conversationId: string, count: number) => {
    let messages: Message[] = [];
    await eventually(
      `${count} messages in ${conversationId}`,
      async () => {
        const response = await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${conversationId}/messages`, token);
        // Oldest first, whatever order a page comes in.
        messages = [...(response.body.messages ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        return messages.length >= count;
      },
      30_000,
      100,
    );
    return messages;
  };
  const conversationsOfCustomer = async () =>
    (await cluster.pg.query<{ id: string; internal: boolean; status: string }>('SELECT id, internal, status FROM conversations WHERE customer_id = $1 ORDER BY created_at', [customer.id])).rows;

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_INTEGRATION_RETRY_BASE_MS: '200', SMARTCHAT_INTEGRATION_EVENT_ATTEMPTS: '3', SMARTCHAT_INTEGRATION_RATE_LIMIT_PER_MINUTE: '300',
      // A customer may open one conversation an hour themselves: what events open does not count.
      SMARTCHAT_CUSTOMER_OPENS_PER_HOUR: '1',
    });
    node = cluster.nodes[0]!;
    const adminAccount = await cluster.createAgent('Админ', { role: 'admin' });
    admin = await cluster.login(node, adminAccount.email, adminAccount.password);
    const agentAccount = await cluster.createAgent('Анна', { role: 'agent' });
    agent = await cluster.login(node, agentAccount.email, agentAccount.password);
    await cluster.pg.query(`UPDATE roles SET scope = 'all' WHERE name = 'agent'`).catch(() => undefined);
    // The customer has used the widget once: Smartchat knows them.
    customer.token = await cluster.customerToken(customer.externalId, 'Иван Петров');
    expect((await api(node, 'GET', '/v1/me', customer.token)).status).toBe(200);
    customer.id = (await cluster.pg.query<{ id: string }>('SELECT id FROM customers WHERE external_id = $1', [customer.externalId])).rows[0]!.id;

    const created = await api<{ integration: Integration; signingSecret: string }>(node, 'POST', '/v1/integrations', admin, { name: 'Back-office', description: 'Trips and documents' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    integration = created.body.integration;
    signingSecret = created.body.signingSecret;
    const key = await api<{ key: { id: string }; secret: string }>(node, 'POST', `/v1/integrations/${integration.id}/keys`, admin, { name: 'events', scopes: ['events.send'] });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    eventsKey = key.body.secret;
  }, 120_000);
  afterAll(() => resources.cleanup());

  describe('integrations and keys', () => {
    it('shows a key and a signing secret once, keeps only a hash of the key, and lists them without secrets', async () => {
      expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(eventsKey).toMatch(/^sck_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
      const listed = await api<{ integrations: Integration[] }>(node, 'GET', '/v1/integrations', admin);
      expect(listed.status).toBe(200);
      const text = JSON.stringify(listed.body);
      expect(text).not.toContain(eventsKey.split('_')[2]);
      expect(text).not.toContain(signingSecret.slice(6));
      const mine = listed.body.integrations.find((candidate) => candidate.id === integration.id)!;
      expect(mine.keys).toEqual([expect.objectContaining({ prefix: eventsKey.split('_').slice(0, 2).join('_'), scopes: ['events.send'], state: 'active' })]);
      expect(mine.signingSecrets).toEqual([expect.objectContaining({ state: 'active', expiresAt: null })]);
      const { rows } = await cluster.pg.query<{ dump: string }>(`SELECT row_to_json(k)::text AS dump FROM integration_keys k`);
      expect(rows.map((row) => row.dump).join()).not.toContain(eventsKey.split('_')[2]);
      const secrets = await cluster.pg.query<{ dump: string }>(`SELECT row_to_json(s)::text AS dump FROM integration_signing_secrets s`);
      expect(secrets.rows.map((row) => row.dump).join()).not.toContain(signingSecret.slice(6));
    });

    it('refuses agents without integrations.manage, and bad input, with clear errors', async () => {
      const refused = await api<ErrorBody>(node, 'GET', '/v1/integrations', agent);
      expect(refused.status).toBe(403);
      expect(refused.body.error.details).toEqual({ missing: ['integrations.manage'] });
      expect((await api<ErrorBody>(node, 'POST', `/v1/integrations/${integration.id}/keys`, agent, { name: 'x', scopes: ['events.send'] })).status).toBe(403);
      const noScopes = await api<ErrorBody>(node, 'POST', `/v1/integrations/${integration.id}/keys`, admin, { name: 'x', scopes: [] });
      expect(noScopes.status).toBe(400);
      const unknownScope = await api<ErrorBody>(node, 'POST', `/v1/integrations/${integration.id}/keys`, admin, { name: 'x', scopes: ['everything'] });
      expect(unknownScope.status).toBe(400);
      const past = await api<ErrorBody>(node, 'POST', `/v1/integrations/${integration.id}/keys`, admin, { name: 'x', scopes: ['events.send'], expiresAt: '2020-01-01T00:00:00Z' });
      expect(past.status).toBe(422);
      const taken = await api<ErrorBody>(node, 'POST', '/v1/integrations', admin, { name: 'BACK-OFFICE' });
      expect(taken.status).toBe(409);
      expect((await api(node, 'POST', `/v1/integrations/${randomUUID()}/keys`, admin, { name: 'x', scopes: ['events.send'] })).status).toBe(404);
    });

    it('refuses a missing, wrong, revoked, expired or unscoped key and a disabled integration; rotation overlaps', async () => {
      const event = tripChanged(`T-keys-${randomUUID().slice(0, 6)}`, 1);
      const invalid = async (key: string) => {
        const response = await send(event, { key });
        expect(response.status, JSON.stringify(response.body)).toBe(401);
        expect(response.body.error.code).toBe('SC_ERR_INTEGRATION_KEY_INVALID');
      };
      await invalid('');
      await invalid('not-a-key');
      await invalid(`${eventsKey.slice(0, -4)}AAAA`);
      await invalid(`sck_${'A'.repeat(16)}_${'B'.repeat(43)}`);

      const makeKey = async (scopes: string[], extra: Record<string, unknown> = {}) => {
        const response = await api<{ key: { id: string }; secret: string }>(node, 'POST', `/v1/integrations/${integration.id}/keys`, admin, { name: 'test', scopes, ...extra });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
        return response.body;
      };
      const unscoped = await makeKey(['customers.signals']);
      const refused = await send(event, { key: unscoped.secret });
      expect(refused.status).toBe(403);
      expect(refused.body.error.details).toEqual({ missing: ['events.send'] });

      const revoked = await makeKey(['events.send']);
      expect((await api(node, 'DELETE', `/v1/integrations/${integration.id}/keys/${revoked.key.id}`, admin)).status).toBe(204);
      await invalid(revoked.secret);

      const expiring = await makeKey(['events.send'], { expiresAt: new Date(Date.now() + 60_000).toISOString() });
      await cluster.pg.query(`UPDATE integration_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.key.id]);
      await invalid(expiring.secret);

      // Rotation: both keys work during the overlap; with no overlap the old one stops at once.
      const old = await makeKey(['events.send']);
      const rotated = await api<{ key: { id: string; scopes: string[] }; secret: string }>(node, 'POST', `/v1/integrations/${integration.id}/keys/${old.key.id}/rotate`, admin, { overlapMinutes: 60 });
      expect(rotated.status).toBe(201);
      expect(rotated.body.key.scopes).toEqual(['events.send']);
      const probe = tripChanged(`T-rot-${randomUUID().slice(0, 6)}`, 1);
      expect((await send(probe, { key: old.secret })).status).toBe(202);
      expect((await send(probe, { key: rotated.body.secret })).status).toBe(200);
      const again = await api<ErrorBody>(node, 'POST', `/v1/integrations/${integration.id}/keys/${old.key.id}/rotate`, admin, {});
      expect(again.status).toBe(422);
      const next = await api<{ secret: string }>(node, 'POST', `/v1/integrations/${integration.id}/keys/${rotated.body.key.id}/rotate`, admin, { overlapMinutes: 0 });
      expect(next.status).toBe(201);
      await invalid(rotated.body.secret);
      expect((await send(probe, { key: next.body.secret })).status).toBe(200);

      const disabled = await api<Integration>(node, 'PATCH', `/v1/integrations/${integration.id}`, admin, { disabled: true });
      expect(disabled.body.disabled).toBe(true);
      await invalid(eventsKey);
      expect((await api(node, 'PATCH', `/v1/integrations/${integration.id}`, admin, { disabled: false })).status).toBe(200);
      expect((await send(probe)).status).toBe(200);

      // Every call is in the audit log under the integration's identity (refusals too).
      const { rows } = await cluster.pg.query<{ outcome: string; n: string }>(
        `SELECT outcome, count(*) AS n FROM audit_log WHERE actor = $1 AND action = 'integration.event' GROUP BY outcome`,
        [`integration:${integration.id}`],
      );
      const byOutcome = Object.fromEntries(rows.map((row) => [row.outcome, Number(row.n)]));
      expect(byOutcome.ok).toBeGreaterThanOrEqual(4);
    });
  });

  describe('signatures', () => {
    it('refuses a missing, wrong or tampered signature and a stale or future timestamp; accepts any valid one of several', async () => {
      const event = tripChanged(`T-sig-${randomUUID().slice(0, 6)}`, 1);
      const expectCode = async (response: Awaited<ReturnType<typeof send>>, status: number, code: string) => {
        expect(response.status, JSON.stringify(response.body)).toBe(status);
        expect(response.body.error.code).toBe(code);
      };
      await expectCode(await send(event, { signature: null }), 401, 'SC_ERR_WEBHOOK_SIGNATURE_INVALID');
      await expectCode(await send(event, { secrets: [`whsec_${Buffer.alloc(32, 7).toString('base64')}`] }), 401, 'SC_ERR_WEBHOOK_SIGNATURE_INVALID');
      await expectCode(await send(event, { body: JSON.stringify({ ...event, data: { ...event.data, version: 2 } }) }), 401, 'SC_ERR_WEBHOOK_SIGNATURE_INVALID');
      await expectCode(await send(event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }), 401, 'SC_ERR_WEBHOOK_TIMESTAMP_INVALID');
      await expectCode(await send(event, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }), 401, 'SC_ERR_WEBHOOK_TIMESTAMP_INVALID');
      await expectCode(await send(event, { omit: ['webhook-timestamp'] }), 401, 'SC_ERR_WEBHOOK_TIMESTAMP_INVALID');
      // Nothing of the refused requests was kept.
      const { rows } = await cluster.pg.query('SELECT 1 FROM integration_events WHERE business_key = $1', [`trip:${event.data.tripId}:v1`]);
      expect(rows).toHaveLength(0);
      // Within the tolerance, with a wrong signature beside the right one.
      const accepted = await send(event, { timestamp: Math.floor(Date.now() / 1000) - 4 * 60, secrets: [`whsec_${Buffer.alloc(32, 9).toString('base64')}`, signingSecret] });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    });

    it('accepts the old and the new signing secret during a rotation, then only the new one', async () => {
      const rotated = await api<{ secret: string; signingSecret: { id: string } }>(node, 'POST', `/v1/integrations/${integration.id}/signing-secrets`, admin, { overlapMinutes: 30 });
      expect(rotated.status, JSON.stringify(rotated.body)).toBe(201);
      const fresh = rotated.body.secret;
      expect((await send(tripChanged(`T-rs-${randomUUID().slice(0, 6)}`, 1))).status).toBe(202);
      expect((await send(tripChanged(`T-rs-${randomUUID().slice(0, 6)}`, 1), { secrets: [fresh] })).status).toBe(202);
      const old = signingSecret;
      signingSecret = fresh;
      await cluster.pg.query(`UPDATE integration_signing_secrets SET expires_at = now() WHERE integration_id = $1 AND id <> $2`, [integration.id, rotated.body.signingSecret.id]);
      expect((await send(tripChanged(`T-rs-${randomUUID().slice(0, 6)}`, 1), { secrets: [old] })).status).toBe(401);
      expect((await send(tripChanged(`T-rs-${randomUUID().slice(0, 6)}`, 1))).status).toBe(202);
    });
  });

  describe('agent actions', () => {
    const calls: { path: string; body: Record<string, unknown>; verified: boolean }[] = [];
    let backoffice = '';
    let conversationId = '';
    let tripId = '';

    beforeAll(async () => {
      const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const raw = Buffer.concat(chunks);
          const header = (name: string) => request.headers[name] as string | undefined;
          const verified = verifyWebhook([signingSecret], { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') }, raw, 300).ok;
          calls.push({ path: request.url ?? '', body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, verified });
          if (request.url === '/slow') return;
          if (request.url === '/broken') return void response.writeHead(500).end('database is down');
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Акт сверки запрошен, будет готов завтра', url: 'https://bo.example/acts/77' }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      resources.defer('stop the back-office', () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
      backoffice = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      tripId = `T-${randomUUID().slice(0, 8)}`;
      conversationId = (await applied((await send(tripChanged(tripId, 1))).body.eventId)).conversationId!;
    });

    it('refuses a declaration with an unknown template name or a key twice', async () => {
      const unknownName = await api<ErrorBody>(node, 'PUT', `/v1/integrations/${integration.id}/actions`, admin, { actions: [{ key: 'x', label: 'X', kind: 'link', url: 'https://bo.example/{customer.password}' }] });
      expect(unknownName.status).toBe(400);
      const twice = await api<ErrorBody>(node, 'PUT', `/v1/integrations/${integration.id}/actions`, admin, {
        actions: [{ key: 'x', label: 'X', kind: 'link', url: 'https://bo.example/' }, { key: 'x', label: 'Y', kind: 'link', url: 'https://bo.example/' }],
      });
      expect(twice.status).toBe(422);
      expect((await api(node, 'PUT', `/v1/integrations/${integration.id}/actions`, agent, { actions: [] })).status).toBe(403);
    });

    it('shows the actions an agent may run, filled in from the conversation, and runs one: signed, with its answer posted for agents only', async () => {
      const declared = await api<{ actions: unknown[] }>(node, 'PUT', `/v1/integrations/${integration.id}/actions`, admin, {
        actions: [
          { key: 'open-trip', label: 'Открыть поездку', kind: 'link', url: 'https://bo.example/trips/{trip.id}?customer={customer.id}' },
          { key: 'request-act', label: 'Запросить акт сверки', kind: 'request', url: `${backoffice}/acts`, fields: [{ name: 'period', label: 'Период', type: 'text', required: true, default: '{conversation.topic}' }] },
          { key: 'slow', label: 'Медленно', kind: 'request', url: `${backoffice}/slow`, timeoutMs: 500 },
          { key: 'broken', label: 'Сломано', kind: 'request', url: `${backoffice}/broken` },
          { key: 'transfer-only', label: 'Только для переводящих', kind: 'request', url: `${backoffice}/acts`, permission: 'conversations.transfer' },
        ],
      });
      expect(declared.status, JSON.stringify(declared.body)).toBe(200);
      const available = await api<{ actions: { key: string; url: string | null; fields: { name: string; value: string }[] }[] }>(node, 'GET', `/v1/conversations/${conversationId}/actions`, admin);
      expect(available.status).toBe(200);
      const byKey = Object.fromEntries(available.body.actions.map((action) => [action.key, action]));
      expect(byKey['open-trip']!.url).toBe(`https://bo.example/trips/${tripId}?customer=${encodeURIComponent(customer.externalId)}`);
      expect(byKey['request-act']).toMatchObject({ url: null, fields: [{ name: 'period', value: 'Изменение поездки' }] });
      expect((await api(node, 'GET', `/v1/conversations/${conversationId}/actions`, customer.token)).status).toBe(404);
      // Where the conversation has no trip, the trip's link would lead nowhere: it is not offered.
      const internal = await api<{ id: string }>(node, 'POST', '/v1/conversations/internal', admin, { topic: 'Без поездки' });
      const withoutTrip = await api<{ actions: { key: string }[] }>(node, 'GET', `/v1/conversations/${internal.body.id}/actions`, admin);
      expect(withoutTrip.body.actions.map((action) => action.key)).not.toContain('open-trip');
      expect(withoutTrip.body.actions.map((action) => action.key)).toContain('request-act');

      const run = await api<{ message: string; url: string; messageId: string }>(node, 'POST', `/v1/conversations/${conversationId}/actions/request-act`, admin, { integrationId: integration.id, fields: { period: 'ноябрь 2026' } });
      expect(run.status, JSON.stringify(run.body)).toBe(200);
      expect(run.body).toMatchObject({ message: 'Акт сверки запрошен, будет готов завтра', url: 'https://bo.example/acts/77' });
      const call = calls.at(-1)!;
      expect(call.verified).toBe(true);
      expect(call.body).toMatchObject({ action: 'request-act', conversation: { id: conversationId }, customer: { id: customer.externalId }, trip: { id: tripId }, agent: { name: 'Админ' }, fields: { period: 'ноябрь 2026' } });
      const messages = await messagesOf(admin, conversationId, 2);
      expect(messages.find((message) => message.id === run.body.messageId)).toMatchObject({ kind: 'system', body: expect.stringContaining('Акт сверки запрошен, будет готов завтра') });
      const seenByCustomer = (await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${conversationId}/messages`, customer.token)).body.messages;
      expect(seenByCustomer.some((message) => message.id === run.body.messageId)).toBe(false);
      const { rows } = await cluster.pg.query<{ outcome: string }>(`SELECT outcome FROM audit_log WHERE action = 'integration.action' AND target = $1`, [`conversation:${conversationId}`]);
      expect(rows.map((row) => row.outcome)).toContain('ok');
    });

    it('answers a back-office that fails, hangs or is refused a field with a clear error, and posts nothing', async () => {
      const broken = await api<ErrorBody>(node, 'POST', `/v1/conversations/${conversationId}/actions/broken`, admin, { integrationId: integration.id });
      expect(broken.status).toBe(502);
      expect(broken.body.error).toMatchObject({ code: 'SC_ERR_ACTION_FAILED', details: { status: 500, answer: 'database is down' } });
      const slow = await api<ErrorBody>(node, 'POST', `/v1/conversations/${conversationId}/actions/slow`, admin, { integrationId: integration.id });
      expect(slow.status).toBe(504);
      expect(slow.body.error.code).toBe('SC_ERR_ACTION_TIMEOUT');
      const empty = await api<ErrorBody>(node, 'POST', `/v1/conversations/${conversationId}/actions/request-act`, admin, { integrationId: integration.id, fields: { period: '  ' } });
      expect(empty.status).toBe(422);
      expect(empty.body.error.details).toEqual([expect.objectContaining({ path: 'fields.period', rule: 'required_field' })]);
      const unknownField = await api<ErrorBody>(node, 'POST', `/v1/conversations/${conversationId}/actions/request-act`, admin, { integrationId: integration.id, fields: { amount: '1' } });
      expect(unknownField.status).toBe(422);
      expect(unknownField.body.error.details).toEqual([expect.objectContaining({ rule: 'unknown_field' })]);
      const link = await api<ErrorBody>(node, 'POST', `/v1/conversations/${conversationId}/actions/open-trip`, admin, { integrationId: integration.id });
      expect(link.status).toBe(422);
      const missing = await api<ErrorBody>(node, 'POST', `/v1/conversations/${conversationId}/actions/nothing-here`, admin, { integrationId: integration.id });
      expect(missing.status).toBe(404);
      // An agent without the action's permission neither sees nor runs it.
      await cluster.pg.query(`INSERT INTO roles (name, scope, permissions) VALUES ('replier', 'all', '{conversations.reply,conversations.note}') ON CONFLICT DO NOTHING`);
      const replierAccount = await cluster.createAgent('Пётр', { role: 'replier' });
      const replier = await cluster.login(node, replierAccount.email, replierAccount.password);
      const theirs = await api<{ actions: { key: string }[] }>(node, 'GET', `/v1/conversations/${conversationId}/actions`, replier);
      expect(theirs.body.actions.map((action) => action.key)).not.toContain('transfer-only');
      const refused = await api<ErrorBody>(node, 'POST', `/v1/conversations/${conversationId}/actions/transfer-only`, replier, { integrationId: integration.id });
      expect(refused.status).toBe(403);
      const messages = (await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${conversationId}/messages`, admin)).body.messages;
      expect(messages.filter((message) => message.kind === 'system')).toHaveLength(1);
    });
  });

  describe('events', () => {
    it('refuses an unknown event type, bad data and an unknown customer, keeping nothing', async () => {
      const unknownType = await send({ type: 'trip.teleported', timestamp: new Date().toISOString(), data: {} });
      expect(unknownType.status).toBe(422);
      expect(unknownType.body.error.details).toEqual([expect.objectContaining({ rule: 'unknown_event_type' })]);
      const badData = await send({ ...tripChanged('T-bad', 1), data: { ...tripChanged('T-bad', 1).data, version: 0 } });
      expect(badData.status).toBe(400);
      expect(JSON.stringify(badData.body.error.details)).toContain('data.version');
      const stranger = await send({ ...tripChanged('T-stranger', 1), data: { ...tripChanged('T-stranger', 1).data, customerId: 'nobody-we-know' } });
      expect(stranger.status).toBe(422);
      expect(stranger.body.error.details).toEqual([expect.objectContaining({ rule: 'unknown_customer' })]);
      const notJson = await send(null, { body: '{"type": ', signature: signWebhook(signingSecret, 'msg_notjson', Math.floor(Date.now() / 1000), '{"type": '), webhookId: 'msg_notjson' });
      expect(notJson.status).toBe(400);
      const { rows } = await cluster.pg.query(`SELECT 1 FROM integration_events WHERE business_key IN ('trip:T-bad:v1', 'trip:T-stranger:v1') OR webhook_id = 'msg_notjson'`);
      expect(rows).toHaveLength(0);
      expect((await cluster.pg.query(`SELECT 1 FROM customers WHERE external_id = 'nobody-we-know'`)).rows).toHaveLength(0);
    });

    it('opens a conversation for the customer on a trip change, with the change in their time zone and the priority of a trip within 24 hours', async () => {
      await cluster.pg.query(`UPDATE customers SET time_zone = 'Asia/Yekaterinburg' WHERE id = $1`, [customer.id]);
      const tripId = `T-${randomUUID().slice(0, 8)}`;
      const sent = await send(tripChanged(tripId, 1));
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      expect(sent.body).toEqual({ eventId: expect.any(String), status: 'queued', duplicate: false });
      const record = await applied(sent.body.eventId);
      expect(record).toMatchObject({ status: 'done', opened: true });
      const conversation = (await api<Conversation>(node, 'GET', `/v1/conversations/${record.conversationId}`, admin)).body;
      expect(conversation).toMatchObject({ channel: 'api', internal: false, topic: 'Изменение поездки', status: 'open' });
      // Departs within 24 hours: the trip's time is on the conversation (its effective priority is raised).
      expect(new Date(conversation.tripDepartsAt!).getTime()).toBeGreaterThan(Date.now());
      const [notice] = await messagesOf(customer.token, record.conversationId!, 1);
      expect(notice).toMatchObject({ id: record.messageId, kind: 'notice', author: { type: 'system', id: null } });
      // 07:00Z and 11:30Z are 12:00 and 16:30 in Yekaterinburg (UTC+5).
      expect(notice!.body).toContain('**Изменение поездки** «Москва → Сочи»');
      expect(notice!.body).toContain('12.12.2026, 12:00 (Asia/Yekaterinburg) → 12.12.2026, 16:30 (Asia/Yekaterinburg)');
      const listed = await api<{ conversations: { id: string }[] }>(node, 'GET', '/v1/conversations', customer.token);
      expect(listed.body.conversations.map((item) => item.id)).toContain(record.conversationId);
    });

    it("shows a conversation an event opens in the customer's open widget at once", async () => {
      const socket = await cluster.socket(node, customer.token);
      const updates: { id: string; topic: string | null }[] = [];
      socket.on('conversation:updated', (conversation: { id: string; topic: string | null }) => updates.push(conversation));
      const record = await applied((await send(tripChanged(`T-${randomUUID().slice(0, 8)}`, 1))).body.eventId);
      await eventually('the widget told of the new conversation', async () => updates.some((item) => item.id === record.conversationId), 10_000, 50);
      expect(updates.find((item) => item.id === record.conversationId)).toMatchObject({ topic: 'Изменение поездки' });
      // In the customer's shape: nothing of the desk's side.
      expect(Object.keys(updates.find((item) => item.id === record.conversationId)!).sort()).toEqual(['createdAt', 'id', 'lastMessageAt', 'status', 'subject', 'topic']);
      socket.disconnect();
    });

    it('adds later versions to the same conversation, supersedes older ones sent late, and never duplicates a replay', async () => {
      const tripId = `T-${randomUUID().slice(0, 8)}`;
      const first = await send(tripChanged(tripId, 1));
      const opened = await applied(first.body.eventId);
      const thirdEvent = tripChanged(tripId, 3, { changes: [{ field: 'flight', old: 'SU 1234', new: 'SU 1236' }] });
      const third = await send(thirdEvent);
      const late = await send(tripChanged(tripId, 2, { changes: [{ field: 'hotel', old: 'Radisson', new: 'Hyatt' }] }));
      expect((await applied(third.body.eventId)).conversationId).toBe(opened.conversationId);
      const superseded = await applied(late.body.eventId);
      expect(superseded.status).toBe('superseded');
      expect(superseded.error).toContain('version 3');
      // Replays: the same webhook-id (200, the first one's id), the same business key under a new one.
      const replay = await send(thirdEvent, { webhookId: third.webhookId });
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ eventId: third.body.eventId, duplicate: true, status: 'done' });
      const sameKey = await send(tripChanged(tripId, 1));
      expect(sameKey.body).toMatchObject({ eventId: first.body.eventId, duplicate: true });
      const reused = await send(tripChanged(tripId, 9), { webhookId: third.webhookId });
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe('SC_ERR_WEBHOOK_ID_REUSED');
      const cancelled = await send({ type: 'trip.cancelled', timestamp: new Date().toISOString(), data: { customerId: customer.externalId, tripId, version: 4, reason: 'Рейс отменён авиакомпанией' } });
      expect((await applied(cancelled.body.eventId)).conversationId).toBe(opened.conversationId);
      const messages = await messagesOf(customer.token, opened.conversationId!, 3);
      expect(messages.map((message) => message.kind)).toEqual(['notice', 'notice', 'notice']);
      expect(messages[1]!.body).toContain('SU 1234 → SU 1236');
      expect(messages[2]!.body).toContain('**Поездка отменена**');
      expect(messages.some((message) => message.body.includes('Hyatt'))).toBe(false);
      const { rows } = await cluster.pg.query(`SELECT 1 FROM conversations c JOIN integration_trips t ON t.customer_conversation_id = c.id WHERE t.trip_id = $1`, [tripId]);
      expect(rows).toHaveLength(1);
    });

    it('opens one conversation per trip when its events arrive concurrently and out of order', async () => {
      const trips = [`T-${randomUUID().slice(0, 8)}`, `T-${randomUUID().slice(0, 8)}`];
      const before = (await conversationsOfCustomer()).length;
      const events = trips.flatMap((tripId) => [5, 2, 4, 1, 3].map((version) => tripChanged(tripId, version, { changes: [{ field: 'flight', old: `V${version - 1}`, new: `V${version}` }] })));
      // Each sent twice at once, under different webhook-ids.
      const responses = await Promise.all([...events, ...events].map((event) => send(event)));
      expect(responses.every((response) => response.status === 202 || response.status === 200)).toBe(true);
      const ids = [...new Set(responses.map((response) => response.body.eventId))];
      expect(ids).toHaveLength(10);
      const records = await Promise.all(ids.map((id) => applied(id)));
      expect(records.every((record) => record.status === 'done' || record.status === 'superseded')).toBe(true);
      const after = await conversationsOfCustomer();
      expect(after.length - before).toBe(2);
      const { rows } = await cluster.pg.query<{ version: number }>('SELECT version FROM integration_trips WHERE trip_id = ANY($1)', [trips]);
      expect(rows.map((row) => row.version)).toEqual([5, 5]);
    });

    it('opens an internal conversation where the rule says so, which the customer never sees', async () => {
      const tripId = `T-${randomUUID().slice(0, 8)}`;
      const sent = await send({
        type: 'booking.failed',
        timestamp: new Date().toISOString(),
        data: { customerId: customer.externalId, tripId, version: 1, service: 'hotel', reason: 'No rooms left', title: 'Сочи, 12–14 дек' },
      });
      const record = await applied(sent.body.eventId);
      expect(record.status).toBe('done');
      const conversation = (await api<Conversation>(node, 'GET', `/v1/conversations/${record.conversationId}`, admin)).body;
      expect(conversation).toMatchObject({ internal: true, channel: 'internal', topic: 'Ошибка бронирования' });
      const [notice] = await messagesOf(admin, record.conversationId!, 1);
      expect(notice!.body).toContain('**Не удалось забронировать** отель «Сочи, 12–14 дек»');
      expect((await api(node, 'GET', `/v1/conversations/${record.conversationId}`, customer.token)).status).toBe(404);
      const listed = await api<{ conversations: { id: string }[] }>(node, 'GET', '/v1/conversations', customer.token);
      expect(listed.body.conversations.map((item) => item.id)).not.toContain(record.conversationId);
    });

    it('routes by the rules an admin sets, and opens a new conversation once the trip\'s one is closed', async () => {
      const { rows } = await cluster.pg.query<{ id: string }>(`INSERT INTO teams (name) VALUES ('Авиа ' || $1) RETURNING id`, [randomUUID().slice(0, 6)]);
      const teamId = rows[0]!.id;
      const unknownTeam = await api<ErrorBody>(node, 'PUT', '/v1/integrations/rules', admin, { rules: [{ eventType: 'trip.changed', notifyCustomer: true, topic: 'x', teamId: randomUUID() }] });
      expect(unknownTeam.status).toBe(422);
      const original = (await api<{ rules: unknown[] }>(node, 'GET', '/v1/integrations/rules', admin)).body.rules;
      const rules = [{ eventType: 'trip.changed', change: 'flight', notifyCustomer: true, topic: 'Смена рейса', teamId }, ...original];
      expect((await api(node, 'PUT', '/v1/integrations/rules', admin, { rules })).status).toBe(200);
      try {
        const tripId = `T-${randomUUID().slice(0, 8)}`;
        const first = await applied((await send(tripChanged(tripId, 1, { changes: [{ field: 'flight', old: 'SU 1', new: 'SU 2' }] }))).body.eventId);
        const conversation = (await api<Conversation>(node, 'GET', `/v1/conversations/${first.conversationId}`, admin)).body;
        expect(conversation).toMatchObject({ teamId, topic: 'Смена рейса' });
        expect((await api(node, 'POST', `/v1/conversations/${first.conversationId}/close`, admin, {})).status).toBe(200);
        const second = await applied((await send(tripChanged(tripId, 2))).body.eventId);
        expect(second.opened).toBe(true);
        expect(second.conversationId).not.toBe(first.conversationId);
      } finally {
        await api(node, 'PUT', '/v1/integrations/rules', admin, { rules: original });
      }
    });

    it('posts a document into the customer\'s conversation as an attachment the customer can download', async () => {
      const tripId = `T-${randomUUID().slice(0, 8)}`;
      const trip = await applied((await send(tripChanged(tripId, 1))).body.eventId);
      const pdf = Buffer.from('%PDF-1.4\n% reconciliation act\n');
      const document = (documentId: string, file: Record<string, unknown>) => ({
        type: 'document.ready',
        timestamp: new Date().toISOString(),
        data: { customerId: customer.externalId, documentId, tripId, kind: 'reconciliation_act', title: 'Акт сверки за ноябрь', file },
      });
      const sent = await send(document(`D-${randomUUID().slice(0, 8)}`, { name: 'akt-sverki.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }));
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      const record = await applied(sent.body.eventId);
      expect(record).toMatchObject({ status: 'done', conversationId: trip.conversationId, opened: false });
      const messages = await messagesOf(customer.token, trip.conversationId!, 2);
      const notice = messages.find((message) => message.id === record.messageId)!;
      expect(notice.body).toContain('**Документ готов**: Акт сверки — Акт сверки за ноябрь');
      expect(notice.attachments).toEqual([expect.objectContaining({ name: 'akt-sverki.pdf', contentType: 'application/pdf', size: pdf.length })]);
      const download = await fetch(`${node.url}/v1/attachments/${notice.attachments[0]!.id}`, { headers: { authorization: `Bearer ${customer.token}` } });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

      const tooLarge = await send(document(`D-${randomUUID().slice(0, 8)}`, { name: 'big.pdf', contentType: 'application/pdf', contentBase64: Buffer.alloc(10 * 1024 * 1024 + 1, 1).toString('base64') }));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.code).toBe('SC_ERR_ATTACHMENT_TOO_LARGE');
      const wrongType = await send(document(`D-${randomUUID().slice(0, 8)}`, { name: 'run.exe', contentType: 'application/x-msdownload', contentBase64: 'TVqQ' }));
      expect(wrongType.status).toBe(415);
      const { rows } = await cluster.pg.query(`SELECT 1 FROM integration_events WHERE type = 'document.ready'`);
      expect(rows).toHaveLength(1);
    });

    it('creates a customer from the details an event carries, and wakes a snoozed trip conversation with a notice', async () => {
      const externalId = `bo-inline-${randomUUID().slice(0, 8)}`;
      const tripId = `T-${randomUUID().slice(0, 8)}`;
      const first = await send({ ...tripChanged(tripId, 1), data: { ...tripChanged(tripId, 1).data, customerId: externalId, customer: { name: 'Ольга Новая', timeZone: 'Europe/Samara', locale: 'ru' } } });
      expect(first.status, JSON.stringify(first.body)).toBe(202);
      const opened = await applied(first.body.eventId);
      expect(opened.status).toBe('done');
      const { rows } = await cluster.pg.query<{ name: string; time_zone: string }>('SELECT name, time_zone FROM customers WHERE external_id = $1', [externalId]);
      expect(rows[0]).toEqual({ name: 'Ольга Новая', time_zone: 'Europe/Samara' });
      const [notice] = await messagesOf(admin, opened.conversationId!, 1);
      expect(notice!.body).toContain('(Europe/Samara)');
      expect((await api(node, 'POST', `/v1/conversations/${opened.conversationId}/snooze`, admin, { preset: 'in_1_hour' })).status).toBe(200);
      const second = await applied((await send({ ...tripChanged(tripId, 2), data: { ...tripChanged(tripId, 2).data, customerId: externalId } })).body.eventId);
      expect(second.conversationId).toBe(opened.conversationId);
      await eventually('the conversation woken by the notice', async () => (await api<Conversation>(node, 'GET', `/v1/conversations/${opened.conversationId}`, admin)).body.status === 'open', 15_000, 100);
    });

    it('creates a customer from their details, and applies customer updates in version order', async () => {
      const externalId = `bo-new-${randomUUID().slice(0, 8)}`;
      const update = (version: number, name: string) => ({ type: 'customer.updated', timestamp: new Date().toISOString(), data: { customerId: externalId, version, name, timeZone: 'Europe/Berlin', locale: 'en' } });
      const newer = await send(update(2, 'Anna Newer'));
      const older = await send(update(1, 'Anna Older'));
      expect(newer.status).toBe(202);
      expect(older.status === 202 || older.status === 200).toBe(true);
      expect((await applied(newer.body.eventId)).status).toBe('done');
      expect((await applied(older.body.eventId)).status).toBe('superseded');
      const { rows } = await cluster.pg.query<{ name: string; time_zone: string; locale: string }>('SELECT name, time_zone, locale FROM customers WHERE external_id = $1', [externalId]);
      expect(rows[0]).toEqual({ name: 'Anna Newer', time_zone: 'Europe/Berlin', locale: 'en' });
      // A trip change for them now reads in English, in their time zone.
      const record = await applied((await send({ ...tripChanged(`T-${randomUUID().slice(0, 8)}`, 1), data: { ...tripChanged('x', 1).data, tripId: `T-${randomUUID().slice(0, 8)}`, customerId: externalId } })).body.eventId);
      const { rows: conversation } = await cluster.pg.query<{ internal: boolean }>('SELECT internal FROM conversations WHERE id = $1', [record.conversationId]);
      expect(conversation[0]!.internal).toBe(false);
      const [notice] = await messagesOf(admin, record.conversationId!, 1);
      expect(notice!.body).toContain('**Trip changed** «Москва → Сочи»');
      expect(notice!.body).toContain('12/12/2026, 08:00 (Europe/Berlin)');
    });

    it('retries an event that cannot be applied, marks it failed with the reason after the last attempt, and applies it again on request', async () => {
      // The store refuses this one trip (as a database outage would, for it alone).
      await cluster.pg.query(`CREATE FUNCTION refuse_poison_trip() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.trip_id = 'T-poison' THEN RAISE EXCEPTION 'trips are not writable just now'; END IF; RETURN NEW; END $$`);
      await cluster.pg.query('CREATE TRIGGER refuse_poison_trip BEFORE INSERT ON integration_trips FOR EACH ROW EXECUTE FUNCTION refuse_poison_trip()');
      const sent = await send(tripChanged('T-poison', 1));
      const failed = await applied(sent.body.eventId);
      expect(failed).toMatchObject({ status: 'failed', conversationId: null, error: expect.stringContaining('trips are not writable just now') });
      const { rows } = await cluster.pg.query<{ attempts: number }>('SELECT attempts FROM integration_events WHERE id = $1', [sent.body.eventId]);
      expect(rows[0]!.attempts).toBe(3);
      const listed = await api<{ events: { id: string }[] }>(node, 'GET', `/v1/integrations/${integration.id}/events?status=failed`, admin);
      expect(listed.body.events.map((event) => event.id)).toEqual([sent.body.eventId]);
      // A replay is still the same event (not applied twice), and it stays failed until retried.
      expect((await send(tripChanged('T-poison', 1))).body).toMatchObject({ eventId: sent.body.eventId, status: 'failed', duplicate: true });
      await cluster.pg.query('DROP TRIGGER refuse_poison_trip ON integration_trips');
      const retried = await api<{ status: string }>(node, 'POST', `/v1/integrations/${integration.id}/events/${sent.body.eventId}/retry`, admin);
      expect(retried.status).toBe(202);
      expect((await applied(sent.body.eventId)).status).toBe('done');
      const again = await api<ErrorBody>(node, 'POST', `/v1/integrations/${integration.id}/events/${sent.body.eventId}/retry`, admin);
      expect(again.status).toBe(409);
    });

    it('works through the typed client: signed events sent once whatever is retried, back-office routes with the same key', async () => {
      const key = await api<{ secret: string }>(node, 'POST', `/v1/integrations/${integration.id}/keys`, admin, { name: 'client', scopes: ['events.send', 'customers.signals', 'conversations.internal'] });
      const client = createSmartchatClient({ baseUrl: node.url, apiKey: key.body.secret, signingSecret });
      const event = tripChanged(`T-${randomUUID().slice(0, 8)}`, 1);
      const first = await client.sendEvent(event as InboundEvent, { webhookId: 'msg_client_1' });
      expect(first).toMatchObject({ status: 'queued', duplicate: false });
      const again = await client.sendEvent(event as InboundEvent, { webhookId: 'msg_client_1' });
      expect(again).toMatchObject({ eventId: first.eventId, duplicate: true });
      await expect(client.sendEvent({ ...event, data: { ...event.data, tripId: 'T-nobody', customerId: 'nobody-at-all' } } as InboundEvent)).rejects.toMatchObject({ status: 422, code: 'SC_ERR_UNPROCESSABLE', retriable: false });
      const signals = await client.api.POST('/v1/backoffice/signals', { body: { customerExternalId: customer.externalId, tripDepartsAt: new Date(Date.now() + HOUR).toISOString() } });
      expect(signals.response.status).toBe(200);
      const internal = await client.api.POST('/v1/backoffice/conversations/internal', { body: { customerExternalId: customer.externalId, topic: 'Проверка возврата' } });
      expect(internal.response.status).toBe(201);
      const { rows } = await cluster.pg.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'conversation.create_internal' ORDER BY id DESC LIMIT 1`);
      expect(rows[0]!.actor).toBe(`integration:${integration.id}`);
      // A key without the scope is refused on the back-office routes as on the events route.
      const eventsOnly = createSmartchatClient({ baseUrl: node.url, apiKey: eventsKey, signingSecret });
      expect((await eventsOnly.api.POST('/v1/backoffice/signals', { body: { customerExternalId: customer.externalId, tripDepartsAt: null } })).response.status).toBe(403);
    });

    it('lists each event with what it did in the event log', async () => {
      const log = await api<{ events: { status: string; type: string; webhookId: string; conversationId: string | null }[] }>(node, 'GET', `/v1/integrations/${integration.id}/events?limit=5`, admin);
      expect(log.status).toBe(200);
      expect(log.body.events).toHaveLength(5);
      const page2 = await api<{ events: { id: string }[] }>(node, 'GET', `/v1/integrations/${integration.id}/events?limit=5&before=${(log.body.events as unknown as { id: string }[])[4]!.id}`, admin);
      expect(page2.body.events).toHaveLength(5);
      const metrics = await (await fetch(`${node.opsUrl}/metrics`)).text();
      expect(metrics).toMatch(/smartchat_integration_events_total\{type="trip.changed",outcome="done"[^}]*\} [1-9]/);
      expect(metrics).toMatch(/smartchat_integration_events_total\{type="trip.changed",outcome="superseded"[^}]*\} [1-9]/);
      expect(metrics).toMatch(/smartchat_integration_events_pending\{status="queued"[^}]*\} 0/);
      const failed = await api<{ events: unknown[] }>(node, 'GET', `/v1/integrations/${integration.id}/events?status=failed`, admin);
      expect(failed.body.events).toEqual([]);
      expect(metrics).toMatch(/smartchat_integration_events_total\{type="trip.changed",outcome="failed"[^}]*\} 1/);
      expect((await api(node, 'GET', `/v1/integrations/${integration.id}/events`, agent)).status).toBe(403);
    });
  });

  it('limits each integration on its own, whatever address it calls from', async () => {
    const other = await api<{ integration: { id: string } }>(node, 'POST', '/v1/integrations', admin, { name: 'Noisy back-office' });
    const key = await api<{ secret: string }>(node, 'POST', `/v1/integrations/${other.body.integration.id}/keys`, admin, { name: 'noisy', scopes: ['events.send'] });
    const statuses: number[] = [];
    for (let i = 0; i < 301; i += 1) statuses.push((await send(tripChanged('T-noisy', 1), { key: key.body.secret, signature: 'v1,AAAA' })).status);
    expect(statuses.slice(0, 300).every((status) => status === 401)).toBe(true);
    expect(statuses[300]).toBe(429);
    // The first integration, from the same address, is not held back by the other one.
    expect((await send(tripChanged(`T-${randomUUID().slice(0, 8)}`, 1))).status).toBe(202);
  });
});
