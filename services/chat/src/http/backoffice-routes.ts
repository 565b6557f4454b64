// The back-office calling as itself: it opens internal conversations about a customer (a refund
// to check, a booking problem) that agents work on and the customer never sees. Authenticated by
// a short-lived back-office service token (not the agents' or customers' tokens), or an
// integration's API key with the route's scope (conversations.internal, customers.signals), audited. It also
// sends signals about a customer (their trip departs soon) that raise their conversations' priority
// (each conversation whose trip changed gets a `conversation.prioritised` event, actor the service).
import { conversationSchema, customerSignalsInput, SmartchatError, topicSchema, type IntegrationScope } from '@smartchat/contracts';
import { conversationEvent, inTransaction, jobPriority, writeOutbox, type BalancerQueue, type PgPool } from '@smartchat/platform';
import { effectivePriority } from '@smartchat/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessChanges } from '../access/access-changes.js';
import type { AuditLog } from '../access/audit-log.js';
import { bearerToken } from '../auth/identity.js';
import { verifyBackofficeToken } from '../auth/tokens.js';
import type { IntegrationStore } from '../integrations/integration-store.js';
import { requireScope } from './integration-routes.js';
import type { ConversationStore } from '../store/conversations.js';
import type { CustomerStore } from '../store/customers.js';
import { errorResponseSchema } from './errors.js';

export interface BackofficeRouteDeps {
  pg: PgPool;
  secret: string;
  conversations: ConversationStore;
  customers: CustomerStore;
  changes: AccessChanges;
  audit: AuditLog;
  queue: BalancerQueue;
  integrations: IntegrationStore;
}

const input = z.strictObject({
  /** The customer, by the back-office's own id (as in customer tokens). */
  customerExternalId: z.string().min(1).max(200),
  topic: topicSchema,
  teamId: z.uuid().optional(),
});
/** The back-office's own token, not an agent's or a customer's (components.securitySchemes in openapi.ts). */
const backofficeSecurity: Record<string, string[]>[] = [{ backoffice: [] }, { integrationKey: [] }];

declare module 'fastify' {
  interface FastifyRequest {
    /** The calling back-office service, set by `backofficeOnly` before the body is read. */
    backofficeService?: string;
    /** Who the audit log names: backoffice:<service> or integration:<id>. */
    backofficeAuditActor?: string;
  }
}

export function registerBackofficeRoutes(app: FastifyInstance, deps: BackofficeRouteDeps): void {
  // Who is asking comes first: a caller without a valid back-office token learns nothing about
  // the body these routes expect (onRequest runs before the body is read and validated).
  // An integration's API key (sck_…) names the integration; audited as integration:<id>.
  const backofficeOnly = (scope: IntegrationScope) => async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (token?.startsWith('sck_')) {
      const caller = await deps.integrations.authenticate(token);
      requireScope(caller, scope);
      request.backofficeService = caller.integrationName;
      request.backofficeAuditActor = `integration:${caller.integrationId}`;
      return;
    }
    request.backofficeService = (await verifyBackofficeToken(token, deps.secret)).service;
    request.backofficeAuditActor = `backoffice:${request.backofficeService}`;
  };
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/backoffice/conversations/internal',
    {
      // Not through the agent/customer authentication: this route checks its own kind of token.
      config: { public: true },
      onRequest: backofficeOnly('conversations.internal'),
      schema: {
        tags: ['back-office'],
        summary: 'The back-office opens an internal conversation about a customer (never visible to the customer)',
        security: backofficeSecurity,
        body: input,
        response: { 201: conversationSchema, 401: errorResponseSchema, 403: errorResponseSchema, 422: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const service = request.backofficeService!;
      const { customerExternalId, topic, teamId } = request.body;
      if (teamId) {
        const { rows } = await deps.pg.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
        if (rows.length === 0) throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'No such team', [{ path: 'teamId', message: 'unknown team' }]);
      }
      const customerId = await deps.customers.resolve(customerExternalId, { name: null, email: null });
      const conversation = await deps.conversations.createInternal({ topic, customerId, createdBy: null, teamId: teamId ?? null, actor: { type: 'backoffice', id: service } });
      await deps.audit.record({ actor: request.backofficeAuditActor!, action: 'conversation.create_internal', target: `conversation:${conversation.id}`, ip: request.ip, details: { customerExternalId, teamId: teamId ?? null } });
      if (teamId) {
        const { rows } = await deps.pg.query<{ agent_id: string }>('SELECT agent_id FROM team_members WHERE team_id = $1', [teamId]);
        await deps.changes.announce({ reason: 'conversation', agents: rows.map((row) => row.agent_id) });
      }
      return reply.code(201).send(conversation);
    },
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/backoffice/signals',
    {
      config: { public: true },
      onRequest: backofficeOnly('customers.signals'),
      schema: {
        tags: ['back-office'],
        summary: "Signals about a customer: when their trip departs (within 24 hours raises the priority of the customer's conversations)",
        security: backofficeSecurity,
        body: customerSignalsInput,
        response: { 200: z.object({ conversations: z.number().int() }), 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request) => {
      const service = request.backofficeService!;
      const { customerExternalId, tripDepartsAt } = request.body;
      const customerId = await deps.customers.resolve(customerExternalId, { name: null, email: null });
      const departs = tripDepartsAt === null ? null : new Date(tripDepartsAt);
      const rows = await inTransaction(deps.pg, async (client) => {
        await client.query('UPDATE customers SET trip_departs_at = $2, updated_at = now() WHERE id = $1', [customerId, departs]);
        const { rows } = await client.query<{ id: string; team_id: string | null; priority: number; queued: boolean; previous: Date | null }>(
          `WITH old AS (SELECT id, trip_departs_at FROM conversations WHERE customer_id = $1 AND status <> 'closed' FOR UPDATE)
           UPDATE conversations c SET trip_departs_at = $2, updated_at = now() FROM old WHERE c.id = old.id
           RETURNING c.id, c.team_id, c.priority, c.queued_at IS NOT NULL AS queued, old.trip_departs_at AS previous`,
          [customerId, departs],
        );
        // Each conversation whose trip changed: its place in the queue may have moved.
        const now = new Date();
        const actor = { type: 'backoffice' as const, id: service };
        await writeOutbox(
          client,
          rows
            .filter((row) => row.previous?.getTime() !== departs?.getTime())
            .map((row) =>
              conversationEvent('conversation.prioritised', row.id, actor, {
                reason: 'trip_signal',
                priority: row.priority,
                previousPriority: row.priority,
                tripDepartsAt: departs?.toISOString() ?? null,
                previousTripDepartsAt: row.previous?.toISOString() ?? null,
                effectivePriority: effectivePriority({ priority: row.priority, tripDepartsAt: departs }, now),
                previousEffectivePriority: effectivePriority({ priority: row.priority, tripDepartsAt: row.previous }, now),
                teamId: row.team_id,
                queued: row.queued,
              }, now),
            ),
        );
        return rows;
      });
      await deps.audit.record({ actor: request.backofficeAuditActor!, action: 'customer.signals', target: `customer:${customerId}`, ip: request.ip, details: { customerExternalId, tripDepartsAt } });
      // Open consoles show the new trip time (conversation:updated).
      if (rows.length > 0) await deps.changes.announce({ reason: 'conversation', conversations: rows.map((row) => row.id) });
      // Queues holding these conversations are served again in the new order.
      for (const row of rows) {
        if (row.queued && row.team_id) await deps.queue.add('match', { teamId: row.team_id, reason: 'queued' }, { priority: jobPriority(effectivePriority({ priority: row.priority, tripDepartsAt: departs }, new Date())) });
      }
      return { conversations: rows.length };
    },
  );
}
