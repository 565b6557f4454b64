// POST /v1/auth/login and /v1/auth/logout for agents.
import { loginInput, loginResult, SmartchatError } from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.js';
import type { AuditLog } from '../access/audit-log.js';
import type { SessionStore } from '../auth/sessions.js';
import { signAgentToken } from '../auth/tokens.js';
import type { ChatSocketServer } from '../gateway/socket-server.js';
import { rooms } from '../messaging/rooms.js';
import { requireAgent } from './auth-plugin.js';
import { errorResponseSchema } from './errors.js';

export interface AuthRouteDeps {
  pg: PgPool;
  audit: AuditLog;
  sessions: SessionStore;
  sessionSecret: string;
  sessionTtlHours: number;
  /** The socket server is created after the routes (it needs the HTTP server), hence a getter. */
  io: () => ChatSocketServer;
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/v1/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Agent login with e-mail and password', body: loginInput, response: { 200: loginResult, 400: errorResponseSchema, 401: errorResponseSchema } },
    },
    async (request) => {
      const { email, password } = request.body;
      const { rows } = await deps.pg.query<{ id: string; email: string; name: string; role: string; password_hash: string }>(
        'SELECT id, email, name, role, password_hash FROM agents WHERE email = $1 AND disabled_at IS NULL',
        [email],
      );
      const agent = rows[0];
      const valid = await verifyPassword(agent?.password_hash ?? DUMMY_HASH, password);
      if (!agent || !valid) {
        request.log.warn({ ip: request.ip }, 'failed login');
        await deps.audit.record({ actor: agent ? `agent:${agent.id}` : 'anonymous', action: 'auth.login_failed', target: null, outcome: 'failed', ip: request.ip, details: { email } });
        throw new SmartchatError('SC_ERR_AUTH_BAD_CREDENTIALS');
      }
      const session = await deps.sessions.create(agent.id, deps.sessionTtlHours, { ip: request.ip, userAgent: request.headers['user-agent'] });
      await deps.audit.record({ actor: `agent:${agent.id}`, action: 'auth.login', target: `session:${session.sessionId}`, ip: request.ip });
      const token = await signAgentToken(deps.sessionSecret, { agentId: agent.id, sessionId: session.sessionId, name: agent.name, role: agent.role }, session.expiresAt);
      return { token, expiresAt: session.expiresAt.toISOString(), agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role } };
    },
  );

  api.post(
    '/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Revoke the current session; its sockets are disconnected', response: { 204: z.null().describe('No content'), 401: errorResponseSchema } } },
    async (request, reply) => {
      const agent = requireAgent(request);
      await deps.sessions.revoke(agent.sessionId);
      await deps.audit.record({ actor: `agent:${agent.agentId}`, action: 'auth.logout', target: `session:${agent.sessionId}`, ip: request.ip });
      deps.io().in(rooms.session(agent.sessionId)).emit('session:revoked');
      deps.io().in(rooms.session(agent.sessionId)).disconnectSockets(true);
      return reply.code(204).send(null);
    },
  );
}
