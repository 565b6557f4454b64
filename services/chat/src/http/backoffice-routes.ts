// The back-office calling as itself: it opens internal conversations about a customer (a refund
// to check, a booking problem) that agents work on and the customer never sees. Authenticated by
// a short-lived back-office service token (not the agents' or customers' tokens), audited.
import { conversationSchema, SmartchatError } from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessChanges } from '../access/access-changes.js';
import type { AuditLog } from '../access/audit-log.js';
import { bearerToken } from '../auth/identity.js';
import { verifyBackofficeToken } from '../auth/tokens.js';
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
}

const input = z.object({
  /** The customer, by the back-office's own id (as in customer tokens). */
  customerExternalId: z.string().min(1).max(200),
  topic: z.string().trim().min(1).max(200),
  teamId: z.uuid().optional(),
});

export function registerBackofficeRoutes(app: FastifyInstance, deps: BackofficeRouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/backoffice/conversations/internal',
    {
      // Not through the agent/customer authentication: this route checks its own kind of token.
      config: { public: true },
      schema: {
        tags: ['back-office'],
        summary: 'The back-office opens an internal conversation about a customer (never visible to the customer)',
        body: input,
        response: { 201: conversationSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { service } = await verifyBackofficeToken(bearerToken(request.headers.authorization), deps.secret);
      const { customerExternalId, topic, teamId } = request.body;
      if (teamId) {
        const { rows } = await deps.pg.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
        if (rows.length === 0) throw new SmartchatError('SC_ERR_VALIDATION', 'No such team', [{ path: 'teamId', message: 'unknown team' }]);
      }
      const customerId = await deps.customers.resolve(customerExternalId, { name: null, email: null });
      const conversation = await deps.conversations.createInternal({ topic, customerId, createdBy: null, teamId: teamId ?? null });
      await deps.audit.record({ actor: `backoffice:${service}`, action: 'conversation.create_internal', target: `conversation:${conversation.id}`, ip: request.ip, details: { customerExternalId, teamId: teamId ?? null } });
      if (teamId) {
        const { rows } = await deps.pg.query<{ agent_id: string }>('SELECT agent_id FROM team_members WHERE team_id = $1', [teamId]);
        await deps.changes.announce({ reason: 'conversation', agents: rows.map((row) => row.agent_id) });
      }
      return reply.code(201).send(conversation);
    },
  );
}
