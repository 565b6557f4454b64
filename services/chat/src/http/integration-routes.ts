// The back-office integration's API (docs/integration.md). Two kinds of caller:
//
// - admins with integrations.manage: integrations, their API keys (the secret shown once) and
//   signing secrets, the rules for trip events, and each integration's event log; audited;
// - the back-office itself, with an API key scoped `events.send`: POST /v1/integrations/events,
//   signed with the Standard Webhooks scheme. The key is checked before the body is read; the
//   signature before the body is looked at; every call, accepted or refused, is audited under the
//   integration's identity.
import {
  createApiKeyInput,
  createdApiKeySchema,
  createdIntegrationSchema,
  createdSigningSecretSchema,
  createIntegrationInput,
  inboundEventReceiptSchema,
  inboundEventRecordSchema,
  inboundEventSchema,
  inboundEventsQuery,
  integrationSchema,
  rotateInput,
  SmartchatError,
  tripRulesInput,
  tripRulesSchema,
  updateIntegrationInput,
  createdWebhookEndpointSchema,
  createWebhookEndpointInput,
  rotatedWebhookSecretSchema,
  updateWebhookEndpointInput,
  webhookDeliveriesQuery,
  webhookDeliveryDetailSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookTestResultSchema,
  WEBHOOK_TOLERANCE_SECONDS,
  actionResultSchema,
  agentActionsInput,
  agentActionsSchema,
  conversationActionSchema,
  runActionInput,
  type IntegrationScope,
} from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessStore } from '../access/access-store.js';
import { auditActor, type AuditLog } from '../access/audit-log.js';
import { bearerToken } from '../auth/identity.js';
import type { AgentActions } from '../integrations/agent-actions.js';
import type { InboundEvents } from '../integrations/inbound-events.js';
import type { IntegrationCaller, IntegrationStore } from '../integrations/integration-store.js';
import type { TripRules } from '../integrations/trip-rules.js';
import { webhookIdOf, type WebhookEndpoints } from '../integrations/webhook-endpoints.js';
import type { WebhookSender } from '../integrations/webhook-sender.js';
import { identityOf, requireAgent } from './auth-plugin.js';
import { auditAs, errorResponseSchema } from './errors.js';

export interface IntegrationRouteDeps {
  access: AccessStore;
  audit: AuditLog;
  store: IntegrationStore;
  events: InboundEvents;
  rules: TripRules;
  webhooks: WebhookEndpoints;
  sender: WebhookSender;
  actions: AgentActions;
  pg: PgPool;
  /** The largest document file (SMARTCHAT_ATTACHMENT_MAX_BYTES): the events route takes its base64 and a margin. */
  maxFileBytes: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The integration calling with an API key, set before the body is read. */
    integration?: IntegrationCaller;
  }
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 422: errorResponseSchema, 429: errorResponseSchema };
const idParams = z.object({ id: z.uuid() });
const keyParams = z.object({ id: z.uuid(), keyId: z.string().regex(/^[A-Za-z0-9]{16}$/, 'must be a key id') });
const endpointParams = z.object({ id: z.uuid(), endpointId: z.uuid() });
const deliveryParams = z.object({ id: z.uuid(), endpointId: z.uuid(), deliveryId: z.uuid() });
const noEndpoint = () => new SmartchatError('SC_ERR_NOT_FOUND', 'No such webhook endpoint');
/** An integration's API key (components.securitySchemes in openapi.ts). */
export const integrationKeySecurity = [{ integrationKey: [] }];

const notFound = () => new SmartchatError('SC_ERR_NOT_FOUND', 'No such integration');

/** Refused unless the key carries `scope` (403, `details.missing`). */
export function requireScope(caller: IntegrationCaller, scope: IntegrationScope): void {
  if (!caller.scopes.has(scope)) throw new SmartchatError('SC_ERR_FORBIDDEN', `This API key is not scoped for ${scope}`, { missing: [scope] });
}

export function registerIntegrationRoutes(app: FastifyInstance, deps: IntegrationRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** An admin with integrations.manage; a refusal is audited. */
  const manager = async (request: FastifyRequest, action: string, target: string): Promise<void> => {
    const access = await deps.access.agentAccess(requireAgent(request).agentId);
    if (!access) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
    if (!access.permissions.has('integrations.manage')) {
      auditAs(request, action, target);
      throw new SmartchatError('SC_ERR_FORBIDDEN', 'Integrations need the integrations.manage permission', { missing: ['integrations.manage'] });
    }
  };
  const audit = (request: FastifyRequest, action: string, target: string, details: Record<string, unknown> = {}) =>
    deps.audit.record({ actor: auditActor(request.identity), action, target, outcome: 'ok', ip: request.ip, details });
  const agentId = (request: FastifyRequest) => requireAgent(request).agentId;

  api.get('/v1/integrations', { schema: { tags: ['integrations'], summary: 'Integrations with their keys and signing secrets, never their secrets (integrations.manage)', response: { 200: z.object({ integrations: z.array(integrationSchema) }), ...errors } } }, async (request) => {
    await manager(request, 'integration.list', 'integrations');
    return { integrations: await deps.store.list() };
  });

  api.post(
    '/v1/integrations',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Add an integration (integrations.manage); the answer carries its first signing secret, shown this once',
        body: createIntegrationInput,
        response: { 201: createdIntegrationSchema, ...errors },
      },
    },
    async (request, reply) => {
      await manager(request, 'integration.create', 'integrations');
      const created = await deps.store.create(request.body, agentId(request));
      await audit(request, 'integration.create', `integration:${created.integration.id}`, { name: created.integration.name });
      return reply.code(201).send(created);
    },
  );

  api.get('/v1/integrations/:id', { schema: { tags: ['integrations'], summary: 'One integration (integrations.manage)', params: idParams, response: { 200: integrationSchema, ...errors } } }, async (request) => {
    await manager(request, 'integration.read', `integration:${request.params.id}`);
    const integration = await deps.store.get(request.params.id);
    if (!integration) throw notFound();
    return integration;
  });

  api.patch(
    '/v1/integrations/:id',
    { schema: { tags: ['integrations'], summary: 'Rename, describe, disable or enable an integration (integrations.manage)', params: idParams, body: updateIntegrationInput, response: { 200: integrationSchema, ...errors } } },
    async (request) => {
      await manager(request, 'integration.update', `integration:${request.params.id}`);
      const integration = await deps.store.update(request.params.id, request.body);
      if (!integration) throw notFound();
      await audit(request, 'integration.update', `integration:${integration.id}`, { ...request.body });
      return integration;
    },
  );

  api.post(
    '/v1/integrations/:id/keys',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Make an API key with the scopes listed (integrations.manage); its secret is in this answer only, kept as a hash',
        params: idParams,
        body: createApiKeyInput,
        response: { 201: createdApiKeySchema, ...errors },
      },
    },
    async (request, reply) => {
      await manager(request, 'integration.key_create', `integration:${request.params.id}`);
      const created = await deps.store.createKey(request.params.id, request.body, agentId(request));
      if (!created) throw notFound();
      await audit(request, 'integration.key_create', `integration:${request.params.id}`, { keyId: created.key.id, scopes: created.key.scopes, expiresAt: created.key.expiresAt });
      return reply.code(201).send(created);
    },
  );

  api.post(
    '/v1/integrations/:id/keys/:keyId/rotate',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Rotate an API key (integrations.manage): a successor with its name and scopes; the old key keeps working for overlapMinutes',
        params: keyParams,
        body: rotateInput,
        response: { 201: createdApiKeySchema, ...errors },
      },
    },
    async (request, reply) => {
      await manager(request, 'integration.key_rotate', `integration:${request.params.id}`);
      const created = await deps.store.rotateKey(request.params.id, request.params.keyId, request.body.overlapMinutes, agentId(request));
      if (!created) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such key');
      await audit(request, 'integration.key_rotate', `integration:${request.params.id}`, { keyId: request.params.keyId, successor: created.key.id, overlapMinutes: request.body.overlapMinutes });
      return reply.code(201).send(created);
    },
  );

  api.delete(
    '/v1/integrations/:id/keys/:keyId',
    { schema: { tags: ['integrations'], summary: 'Revoke an API key at once (integrations.manage)', params: keyParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await manager(request, 'integration.key_revoke', `integration:${request.params.id}`);
      if (!(await deps.store.revokeKey(request.params.id, request.params.keyId))) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such key');
      await audit(request, 'integration.key_revoke', `integration:${request.params.id}`, { keyId: request.params.keyId });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/v1/integrations/:id/signing-secrets',
    {
      schema: {
        tags: ['integrations'],
        summary: 'A new signing secret for inbound events (integrations.manage), shown this once; the others stay valid for overlapMinutes',
        params: idParams,
        body: rotateInput,
        response: { 201: createdSigningSecretSchema, ...errors },
      },
    },
    async (request, reply) => {
      await manager(request, 'integration.secret_rotate', `integration:${request.params.id}`);
      const created = await deps.store.rotateSigningSecret(request.params.id, request.body.overlapMinutes);
      if (!created) throw notFound();
      await audit(request, 'integration.secret_rotate', `integration:${request.params.id}`, { secretId: created.id, overlapMinutes: request.body.overlapMinutes });
      const integration = (await deps.store.get(request.params.id))!;
      return reply.code(201).send({ signingSecret: integration.signingSecrets.find((secret) => secret.id === created.id)!, secret: created.secret });
    },
  );

  api.get(
    '/v1/integrations/:id/events',
    {
      schema: {
        tags: ['integrations'],
        summary: "An integration's inbound events, newest first, with what each did (integrations.manage)",
        params: idParams,
        querystring: inboundEventsQuery,
        response: { 200: z.object({ events: z.array(inboundEventRecordSchema) }), ...errors },
      },
    },
    async (request) => {
      await manager(request, 'integration.events', `integration:${request.params.id}`);
      if (!(await deps.store.get(request.params.id))) throw notFound();
      return { events: await deps.events.list(request.params.id, request.query) };
    },
  );

  api.post(
    '/v1/integrations/:id/events/:eventId/retry',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Apply a failed or superseded inbound event again (integrations.manage); 409 for one queued or done',
        params: z.object({ id: z.uuid(), eventId: z.uuid() }),
        response: { 202: inboundEventRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      await manager(request, 'integration.event_retry', `integration:${request.params.id}`);
      const event = await deps.events.retry(request.params.id, request.params.eventId);
      if (!event) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such event');
      await audit(request, 'integration.event_retry', `integration-event:${event.id}`);
      return reply.code(202).send(event);
    },
  );

  api.get('/v1/integrations/rules', { schema: { tags: ['integrations'], summary: 'What trip events open, in order (integrations.manage)', response: { 200: tripRulesSchema, ...errors } } }, async (request) => {
    await manager(request, 'integration.rules', 'integration-rules');
    return { rules: await deps.rules.list() };
  });

  api.put(
    '/v1/integrations/rules',
    { schema: { tags: ['integrations'], summary: 'Replace the rules for trip events, in order; the first that matches applies (integrations.manage)', body: tripRulesInput, response: { 200: tripRulesSchema, ...errors } } },
    async (request) => {
      await manager(request, 'integration.rules_update', 'integration-rules');
      const rules = await deps.rules.replace(request.body.rules);
      await audit(request, 'integration.rules_update', 'integration-rules', { rules: rules.length });
      return { rules };
    },
  );

  // --- agent actions ----------------------------------------------------------------------------
  api.get(
    '/v1/integrations/:id/actions',
    { schema: { tags: ['integrations'], summary: "The integration's agent actions, in order (integrations.manage)", params: idParams, response: { 200: agentActionsSchema, ...errors } } },
    async (request) => {
      await manager(request, 'integration.actions', `integration:${request.params.id}`);
      if (!(await deps.store.get(request.params.id))) throw notFound();
      return { actions: await deps.actions.list(request.params.id) };
    },
  );

  api.put(
    '/v1/integrations/:id/actions',
    {
      schema: {
        tags: ['integrations'],
        summary: "Declare the integration's agent actions, all at once (integrations.manage): links and requests with URL templates, fields, permission, timeout",
        params: idParams,
        body: agentActionsInput,
        response: { 200: agentActionsSchema, ...errors },
      },
    },
    async (request) => {
      await manager(request, 'integration.actions_update', `integration:${request.params.id}`);
      const actions = await deps.actions.replace(request.params.id, request.body.actions);
      if (!actions) throw notFound();
      await audit(request, 'integration.actions_update', `integration:${request.params.id}`, { keys: actions.map((action) => action.key) });
      return { actions };
    },
  );

  api.get(
    '/v1/conversations/:id/actions',
    {
      schema: {
        tags: ['integrations'],
        summary: 'The back-office actions this agent may run on the conversation, links and fields filled in from it (agents who see it; customers get 404)',
        params: idParams,
        response: { 200: z.object({ actions: z.array(conversationActionSchema) }), ...errors },
      },
    },
    async (request) => ({ actions: await deps.actions.available(identityOf(request), request.params.id) }),
  );

  api.post(
    '/v1/conversations/:id/actions/:key',
    {
      schema: {
        tags: ['integrations'],
        summary: "Run a back-office action on the conversation; its answer is posted into it. 502 when the back-office refuses, 504 when it does not answer in the action's time",
        params: z.object({ id: z.uuid(), key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'must be an action key') }),
        body: runActionInput,
        response: { 200: actionResultSchema, 502: errorResponseSchema, 504: errorResponseSchema, ...errors },
      },
    },
    async (request) => deps.actions.run(identityOf(request), request.params.id, request.params.key, request.body, request.ip),
  );

  // --- outbound webhooks -------------------------------------------------------------------------
  api.get(
    '/v1/integrations/:id/webhooks',
    { schema: { tags: ['integrations'], summary: "An integration's webhook endpoints (integrations.manage)", params: idParams, response: { 200: z.object({ endpoints: z.array(webhookEndpointSchema) }), ...errors } } },
    async (request) => {
      await manager(request, 'integration.webhooks', `integration:${request.params.id}`);
      if (!(await deps.store.get(request.params.id))) throw notFound();
      return { endpoints: await deps.webhooks.list(request.params.id) };
    },
  );

  api.post(
    '/v1/integrations/:id/webhooks',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Add a webhook endpoint subscribed to event types (integrations.manage); its signing secret is in this answer only',
        params: idParams,
        body: createWebhookEndpointInput,
        response: { 201: createdWebhookEndpointSchema, ...errors },
      },
    },
    async (request, reply) => {
      await manager(request, 'integration.webhook_create', `integration:${request.params.id}`);
      const created = await deps.webhooks.create(request.params.id, request.body);
      if (!created) throw notFound();
      await audit(request, 'integration.webhook_create', `webhook-endpoint:${created.endpoint.id}`, { url: created.endpoint.url, eventTypes: created.endpoint.eventTypes, includeInternal: created.endpoint.includeInternal });
      return reply.code(201).send(created);
    },
  );

  api.patch(
    '/v1/integrations/:id/webhooks/:endpointId',
    { schema: { tags: ['integrations'], summary: 'Change a webhook endpoint: URL, event types, internal data, enabled (integrations.manage)', params: endpointParams, body: updateWebhookEndpointInput, response: { 200: webhookEndpointSchema, ...errors } } },
    async (request) => {
      await manager(request, 'integration.webhook_update', `webhook-endpoint:${request.params.endpointId}`);
      const endpoint = await deps.webhooks.update(request.params.id, request.params.endpointId, request.body);
      if (!endpoint) throw noEndpoint();
      await audit(request, 'integration.webhook_update', `webhook-endpoint:${endpoint.id}`, { ...request.body });
      return endpoint;
    },
  );

  api.delete(
    '/v1/integrations/:id/webhooks/:endpointId',
    { schema: { tags: ['integrations'], summary: 'Remove a webhook endpoint and its delivery log (integrations.manage)', params: endpointParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await manager(request, 'integration.webhook_delete', `webhook-endpoint:${request.params.endpointId}`);
      if (!(await deps.webhooks.remove(request.params.id, request.params.endpointId))) throw noEndpoint();
      await audit(request, 'integration.webhook_delete', `webhook-endpoint:${request.params.endpointId}`);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/v1/integrations/:id/webhooks/:endpointId/secret',
    {
      schema: {
        tags: ['integrations'],
        summary: "Rotate a webhook endpoint's signing secret (integrations.manage): the old one signs beside it for overlapMinutes; shown this once",
        params: endpointParams,
        body: rotateInput,
        response: { 201: rotatedWebhookSecretSchema, ...errors },
      },
    },
    async (request, reply) => {
      await manager(request, 'integration.webhook_secret_rotate', `webhook-endpoint:${request.params.endpointId}`);
      const rotated = await deps.webhooks.rotateSecret(request.params.id, request.params.endpointId, request.body.overlapMinutes);
      if (!rotated) throw noEndpoint();
      await audit(request, 'integration.webhook_secret_rotate', `webhook-endpoint:${request.params.endpointId}`, { overlapMinutes: request.body.overlapMinutes });
      return reply.code(201).send(rotated);
    },
  );

  api.post(
    '/v1/integrations/:id/webhooks/:endpointId/test',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Send a webhook.test event to the endpoint now and answer with the attempt (integrations.manage); it is in the delivery log too',
        params: endpointParams,
        response: { 200: webhookTestResultSchema, ...errors },
      },
    },
    async (request) => {
      await manager(request, 'integration.webhook_test', `webhook-endpoint:${request.params.endpointId}`);
      const endpoint = await deps.webhooks.get(request.params.id, request.params.endpointId);
      if (!endpoint) throw noEndpoint();
      const id = randomUUID();
      const payload = { type: 'webhook.test', timestamp: new Date().toISOString(), data: { integrationId: endpoint.integrationId, endpointId: endpoint.id } };
      const result = await deps.sender.attempt(endpoint.id, webhookIdOf({ id, event_id: null }), payload);
      if (!result) throw noEndpoint();
      const { attempt, delivered } = result;
      await deps.pg.query(
        `WITH delivery AS (
           INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload, status, attempts, delivered_at, last_status, last_error)
           VALUES ($1, $2, 'webhook.test', $3, $4, 1, CASE WHEN $4 = 'delivered' THEN now() END, $5, $6) RETURNING id)
         INSERT INTO webhook_attempts (delivery_id, attempted_at, request_headers, request_body, response_status, response_body, latency_ms, error)
         SELECT id, $7, $8, $9, $5, $10, $11, $6 FROM delivery`,
        [id, endpoint.id, JSON.stringify(payload), delivered ? 'delivered' : 'failed', attempt.responseStatus, delivered ? null : (attempt.error ?? `answered ${attempt.responseStatus}`), attempt.attemptedAt, JSON.stringify(attempt.requestHeaders), attempt.requestBody, attempt.responseBody, attempt.latencyMs],
      );
      await audit(request, 'integration.webhook_test', `webhook-endpoint:${endpoint.id}`, { delivered, status: attempt.responseStatus });
      return result;
    },
  );

  api.get(
    '/v1/integrations/:id/webhooks/:endpointId/deliveries',
    {
      schema: {
        tags: ['integrations'],
        summary: "An endpoint's deliveries, newest first (integrations.manage)",
        params: endpointParams,
        querystring: webhookDeliveriesQuery,
        response: { 200: z.object({ deliveries: z.array(webhookDeliverySchema) }), ...errors },
      },
    },
    async (request) => {
      await manager(request, 'integration.webhook_deliveries', `webhook-endpoint:${request.params.endpointId}`);
      if (!(await deps.webhooks.get(request.params.id, request.params.endpointId))) throw noEndpoint();
      return { deliveries: await deps.webhooks.deliveries(request.params.endpointId, request.query) };
    },
  );

  api.get(
    '/v1/integrations/:id/webhooks/:endpointId/deliveries/:deliveryId',
    { schema: { tags: ['integrations'], summary: 'One delivery with every attempt: request, answer, latency (integrations.manage)', params: deliveryParams, response: { 200: webhookDeliveryDetailSchema, ...errors } } },
    async (request) => {
      await manager(request, 'integration.webhook_delivery', `webhook-endpoint:${request.params.endpointId}`);
      if (!(await deps.webhooks.get(request.params.id, request.params.endpointId))) throw noEndpoint();
      const found = await deps.webhooks.delivery(request.params.endpointId, request.params.deliveryId);
      if (!found) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such delivery');
      return found;
    },
  );

  api.post(
    '/v1/integrations/:id/webhooks/:endpointId/deliveries/:deliveryId/redeliver',
    { schema: { tags: ['integrations'], summary: 'Send a delivery again (integrations.manage): due now, with its attempts counted afresh, in order with its conversation', params: deliveryParams, response: { 202: webhookDeliverySchema, ...errors } } },
    async (request, reply) => {
      await manager(request, 'integration.webhook_redeliver', `webhook-endpoint:${request.params.endpointId}`);
      if (!(await deps.webhooks.get(request.params.id, request.params.endpointId))) throw noEndpoint();
      const delivery = await deps.webhooks.redeliver(request.params.endpointId, request.params.deliveryId);
      if (!delivery) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such delivery');
      await audit(request, 'integration.webhook_redeliver', `webhook-endpoint:${request.params.endpointId}`, { deliveryId: delivery.id });
      deps.sender.poke();
      return reply.code(202).send(delivery);
    },
  );

  // The back-office's own route: in a scope of its own, where a JSON body arrives as its bytes
  // (the signature is over them, exactly as sent) and is read only after the key and the
  // signature are checked.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: Math.ceil((deps.maxFileBytes * 4) / 3) + 1024 * 1024 }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/v1/integrations/events',
      {
        config: { public: true },
        // The API key first: a caller without one learns nothing about what the route takes.
        onRequest: async (request) => {
          try {
            request.integration = await deps.store.authenticate(bearerToken(request.headers.authorization));
          } catch (error) {
            await deps.audit.record({ actor: 'anonymous', action: 'integration.event', target: 'integration-events', outcome: 'denied', ip: request.ip, details: { reason: 'api_key' } });
            throw error;
          }
          requireScope(request.integration, 'events.send');
        },
        // Validated by InboundEvents after the signature; the schema is for the document.
        validatorCompiler: () => (data: unknown) => ({ value: data }),
        schema: {
          tags: ['integrations'],
          summary: 'The back-office sends an event (API key with events.send; Standard Webhooks signature); 202 when queued, 200 for a duplicate',
          description:
            `Signed as Standard Webhooks: webhook-id, webhook-timestamp (seconds; within ${WEBHOOK_TOLERANCE_SECONDS} s of our clock) and webhook-signature ` +
            '(v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" with the integration\'s signing secret>). Idempotent on webhook-id and on the business key ' +
            '(tripId + version, documentId, customerId + version). See docs/integration.md.',
          security: integrationKeySecurity,
          headers: z.object({
            'webhook-id': z.string().describe('Unique per event; the same on every retry of it'),
            'webhook-timestamp': z.string().describe('Seconds since 1970 when it was signed'),
            'webhook-signature': z.string().describe('Space-separated v1,<base64> signatures'),
          }),
          body: inboundEventSchema,
          response: { 200: inboundEventReceiptSchema, 202: inboundEventReceiptSchema, 413: errorResponseSchema, 415: errorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const caller = request.integration!;
        const header = (name: string) => {
          const value = request.headers[name];
          return Array.isArray(value) ? value.join(' ') : value;
        };
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const actor = `integration:${caller.integrationId}`;
        try {
          const receipt = await deps.events.receive(caller, { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature'), body });
          await deps.audit.record({
            actor,
            action: 'integration.event',
            target: `integration-event:${receipt.eventId}`,
            ip: request.ip,
            details: { keyId: caller.keyId, webhookId: header('webhook-id'), duplicate: receipt.duplicate },
          });
          return reply.code(receipt.duplicate ? 200 : 202).send(receipt);
        } catch (error) {
          await deps.audit.record({
            actor,
            action: 'integration.event',
            target: 'integration-events',
            outcome: 'denied',
            ip: request.ip,
            details: { keyId: caller.keyId, webhookId: header('webhook-id')?.slice(0, 200) ?? null, code: error instanceof SmartchatError ? error.code : 'SC_ERR_INTERNAL' },
          });
          throw error;
        }
      },
    );
  });
}
