// Authentication for every /v1 route except the ones that exist to obtain a token. Decided on the
// route the router matched, never on the raw URL: the router decodes %-escapes ("/%761/..." is
// "/v1/..."), so a test of the raw text would let an encoded path skip it.
import { SmartchatError, type Identity } from '@smartchat/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken, type Authenticator } from '../auth/identity.js';

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a token (login, the OpenAPI document). */
    public?: boolean;
    /** Routes an agent who must change their password may still call (who am I, the change, sign-out). */
    duringPasswordChange?: boolean;
  }
}

/** True for a request the router matched to one of the API's routes (/v1/...). */
export function isApiRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/v1/') === true;
}

export function installAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.addHook('onRequest', async (request) => {
    if (!isApiRoute(request) || request.routeOptions.config?.public) return;
    request.identity = await authenticator.authenticate(bearerToken(request.headers.authorization), { duringPasswordChange: request.routeOptions.config?.duringPasswordChange === true });
  });
}

export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw new SmartchatError('SC_ERR_AUTH_REQUIRED');
  return request.identity;
}

export function requireAgent(request: FastifyRequest): Extract<Identity, { type: 'agent' }> {
  const identity = identityOf(request);
  if (identity.type !== 'agent') throw new SmartchatError('SC_ERR_FORBIDDEN', 'This is for agents only');
  return identity;
}
