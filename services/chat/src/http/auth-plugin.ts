// Authentication for every /v1 route except the ones that exist to obtain a token.
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
  }
}

export function installAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.public || !request.url.startsWith('/v1/')) return;
    request.identity = await authenticator.authenticate(bearerToken(request.headers.authorization));
  });
}

export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw new SmartchatError('SC_ERR_AUTH_REQUIRED');
  return request.identity;
}

export function requireAgent(request: FastifyRequest): Extract<Identity, { type: 'agent' }> {
  const identity = identityOf(request);
  if (identity.type !== 'agent') throw new SmartchatError('SC_ERR_FORBIDDEN');
  return identity;
}
