// GET /v1/me: who the token belongs to. For an agent, their profile and what their role lets them
// do right now (permissions, scope), so the console can hide what they may not do; the server
// checks every action anyway. For a customer, who they are to us.
import { meSchema, SmartchatError, type Me } from '@smartchat/contracts';
import { PERMISSIONS } from '@smartchat/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AccessStore } from '../access/access-store.js';
import type { Directory } from '../access/directory.js';
import type { CustomerStore } from '../store/customers.js';
import { identityOf } from './auth-plugin.js';
import { errorResponseSchema } from './errors.js';

export interface MeRouteDeps {
  access: AccessStore;
  directory: Directory;
  customers: CustomerStore;
}

export function registerMeRoutes(app: FastifyInstance, deps: MeRouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/me',
    {
      // An agent who must change their password still learns who they are (and that they must).
      config: { duringPasswordChange: true },
      schema: { tags: ['auth'], summary: 'Who am I: an agent with their permissions and scope (and whether they must change their password first), or a customer', response: { 200: meSchema, 401: errorResponseSchema, 429: errorResponseSchema } },
    },
    async (request): Promise<Me> => {
      const identity = identityOf(request);
      if (identity.type === 'customer') {
        const profile = await deps.customers.profile(identity.customerId);
        return { type: 'customer', customer: { id: identity.customerId, name: profile?.name ?? identity.name, externalId: identity.externalId } };
      }
      const [access, agent] = await Promise.all([deps.access.agentAccess(identity.agentId), deps.directory.agent(identity.agentId)]);
      if (!access || !agent) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
      // In catalogue order, so the answer is stable.
      return { type: 'agent', ...agent, permissions: PERMISSIONS.filter((permission) => access.permissions.has(permission)), scope: access.scope, mustChangePassword: access.mustChangePassword };
    },
  );
}
