// Agents' sign-in and their own account: POST /v1/auth/login (throttled), logout, sign out
// everywhere, the password policy, a password change, and a reset through an admin's link.
import {
  changePasswordInput,
  changePasswordResult,
  loginInput,
  loginResult,
  deskIdentitySchema,
  passwordPolicySchema,
  passwordResetInput,
  SmartchatError,
} from '@smartchat/contracts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@smartchat/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessChanges } from '../access/access-changes.js';
import type { AuditLog } from '../access/audit-log.js';
import { assertPasswordPolicy, type AgentAccounts } from '../auth/accounts.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.js';
import type { SessionEnding } from '../auth/session-ending.js';
import type { SessionStore } from '../auth/sessions.js';
import { signAgentToken } from '../auth/tokens.js';
import { requireAgent } from './auth-plugin.js';
import { auditAs, errorResponseSchema } from './errors.js';

export interface AuthRouteDeps {
  accounts: AgentAccounts;
  audit: AuditLog;
  sessions: SessionStore;
  sessionEnding: SessionEnding;
  throttle: LoginThrottle;
  /** A password change clears the forced change everywhere (the account's cached view). */
  changes: AccessChanges;
  sessionSecret: string;
  sessionTtlHours: number;
  /** SMARTCHAT_COMPANY_NAME, for the sign-in page. */
  companyName?: string;
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 429: errorResponseSchema, 503: errorResponseSchema };
/** A new password against the policy, or a reset link that is not (or no longer) valid. */
const refusedPassword = { ...errors, 422: errorResponseSchema };

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const newSession = async (request: FastifyRequest, agent: { id: string; name: string; role: string }) => {
    const session = await deps.sessions.create(agent.id, deps.sessionTtlHours, { ip: request.ip, userAgent: request.headers['user-agent'] });
    const token = await signAgentToken(deps.sessionSecret, { agentId: agent.id, sessionId: session.sessionId, name: agent.name, role: agent.role }, session.expiresAt);
    return { session, token };
  };
  /** The account changed under every process's cache (a forced change is over). */
  const accountChanged = (agentId: string) => deps.changes.announce({ reason: 'agent', agents: [agentId] });

  api.post(
    '/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Agent login with e-mail and password; failed attempts are throttled per account and address (429 with Retry-After)',
        body: loginInput,
        response: { 200: loginResult, ...errors },
      },
    },
    async (request) => {
      const { email, password } = request.body;
      // Counted before the password is checked; refused unchecked while throttled.
      const lock = await deps.throttle.attempt(email, request.ip);
      const agent = await deps.accounts.byEmail(email);
      const valid = await verifyPassword(agent?.passwordHash ?? DUMMY_HASH, password);
      if (!agent || !valid) {
        request.log.warn({ ip: request.ip }, 'failed login');
        deps.throttle.failed();
        await deps.audit.record({ actor: agent ? `agent:${agent.id}` : 'anonymous', action: 'auth.login_failed', target: null, outcome: 'failed', ip: request.ip, details: { email } });
        if (lock) await deps.audit.record({ actor: 'anonymous', action: 'auth.login_throttled', target: agent ? `agent:${agent.id}` : null, outcome: 'denied', ip: request.ip, details: { email, scope: lock.scope, seconds: lock.seconds } });
        throw new SmartchatError('SC_ERR_AUTH_BAD_CREDENTIALS');
      }
      await deps.throttle.succeeded(email, request.ip);
      const { session, token } = await newSession(request, agent);
      await deps.audit.record({ actor: `agent:${agent.id}`, action: 'auth.login', target: `session:${session.sessionId}`, ip: request.ip });
      return { token, expiresAt: session.expiresAt.toISOString(), agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role }, mustChangePassword: agent.mustChangePassword };
    },
  );

  api.post(
    '/v1/auth/logout',
    {
      config: { duringPasswordChange: true },
      schema: { tags: ['auth'], summary: 'Revoke the current session; its sockets are disconnected', response: { 204: z.null().describe('No content'), ...errors } },
    },
    async (request, reply) => {
      const agent = requireAgent(request);
      await deps.sessionEnding.end(agent.sessionId);
      await deps.audit.record({ actor: `agent:${agent.agentId}`, action: 'auth.logout', target: `session:${agent.sessionId}`, ip: request.ip });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/v1/auth/logout-everywhere',
    {
      config: { duringPasswordChange: true },
      schema: { tags: ['auth'], summary: "End every session of the caller's account, this one included; every socket is disconnected", response: { 204: z.null().describe('No content'), ...errors } },
    },
    async (request, reply) => {
      const agent = requireAgent(request);
      await deps.sessionEnding.endAllOf(agent.agentId);
      await deps.audit.record({ actor: `agent:${agent.agentId}`, action: 'auth.logout_everywhere', target: `agent:${agent.agentId}`, ip: request.ip });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/v1/auth/desk',
    { config: { public: true }, schema: { tags: ['auth'], summary: "What the sign-in page shows: the product's name and the company whose desk this is (null when not configured)", response: { 200: deskIdentitySchema, 429: errorResponseSchema } } },
    async () => ({ product: 'Smartchat', company: deps.companyName ?? null }),
  );

  api.get(
    '/v1/auth/password-policy',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'The password policy: lengths (other rules: not the e-mail name, not a common password, not the current one)', response: { 200: passwordPolicySchema, 429: errorResponseSchema } } },
    async () => ({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  );

  api.post(
    '/v1/auth/password',
    {
      config: { duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your password: every session of the account ends (sockets too), and the answer carries a new token',
        body: changePasswordInput,
        response: { 200: changePasswordResult, ...refusedPassword },
      },
    },
    async (request) => {
      const caller = requireAgent(request);
      auditAs(request, 'auth.password_change', `agent:${caller.agentId}`);
      const account = await deps.accounts.byId(caller.agentId);
      if (!account) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
      // Guessing the current password with a stolen token is guessing a password: throttled alike.
      await deps.throttle.attempt(account.email, request.ip);
      if (!(await verifyPassword(account.passwordHash, request.body.currentPassword))) {
        deps.throttle.failed();
        throw new SmartchatError('SC_ERR_AUTH_WRONG_PASSWORD');
      }
      await deps.throttle.succeeded(account.email, request.ip);
      await assertPasswordPolicy(request.body.newPassword, { email: account.email, currentHash: account.passwordHash });
      await deps.accounts.setPassword(account.id, request.body.newPassword);
      await accountChanged(account.id);
      // Whoever else holds a session of this account (the reason to change a password) is out.
      await deps.sessionEnding.endAllOf(account.id);
      const { session, token } = await newSession(request, account);
      await deps.audit.record({ actor: `agent:${account.id}`, action: 'auth.password_change', target: `agent:${account.id}`, ip: request.ip, details: { session: session.sessionId } });
      return { token, expiresAt: session.expiresAt.toISOString() };
    },
  );

  api.post(
    '/v1/auth/password-reset',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: "Set a new password with an admin's one-time reset link (valid 24 h); every session of the account ends",
        body: passwordResetInput,
        response: { 204: z.null().describe('No content'), ...refusedPassword },
      },
    },
    async (request, reply) => {
      const agentId = await deps.accounts.resetPassword(request.body.token, request.body.newPassword);
      await accountChanged(agentId);
      await deps.sessionEnding.endAllOf(agentId);
      await deps.audit.record({ actor: 'anonymous', action: 'auth.password_reset', target: `agent:${agentId}`, ip: request.ip });
      return reply.code(204).send(null);
    },
  );
}
