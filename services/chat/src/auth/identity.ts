// Who is asking: one function for REST requests and socket handshakes.
import { SmartchatError, type Identity } from '@smartchat/contracts';
import type { CustomerStore } from '../store/customers.js';
import type { SessionStore } from './sessions.js';
import { verifyToken } from './tokens.js';

export class Authenticator {
  constructor(
    private readonly secrets: { session: string; customer: string },
    private readonly sessions: SessionStore,
    private readonly customers: CustomerStore,
  ) {}

  async authenticate(token: string | undefined): Promise<Identity> {
    if (!token) throw new SmartchatError('SC_ERR_AUTH_REQUIRED');
    const verified = await verifyToken(token, this.secrets);
    if (verified.kind === 'agent') {
      await this.sessions.assertLive(verified.sessionId);
      return { type: 'agent', agentId: verified.agentId, sessionId: verified.sessionId, name: verified.name, role: verified.role };
    }
    const customerId = await this.customers.resolve(verified.externalId, verified);
    return { type: 'customer', customerId, externalId: verified.externalId, name: verified.name };
  }
}

/** The token from "Authorization: Bearer <token>". */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
