// Who is asking: one function for REST requests and socket handshakes. An agent's token must name
// a live session of an enabled account; the account's current name and role (not the token's
// claims, which were true at login) make the identity.
import { SmartchatError, type Identity } from '@smartchat/contracts';
import type { AgentAccount } from '../access/access-store.js';
import type { CustomerStore } from '../store/customers.js';
import type { SessionStore } from './sessions.js';
import { verifyToken } from './tokens.js';

export interface AuthenticateOptions {
  /**
   * The few things an agent who must change their password may still do: read who they are, change
   * it, sign out. Everything else answers SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED.
   */
  duringPasswordChange?: boolean;
}

export class Authenticator {
  constructor(
    private readonly secrets: { session: string; customer: string },
    private readonly sessions: SessionStore,
    private readonly customers: CustomerStore,
    /** The account behind an agent token; undefined when it is disabled or gone (AccessStore.agentAccess). */
    private readonly accountOf: (agentId: string) => Promise<AgentAccount | undefined>,
  ) {}

  async authenticate(token: string | undefined, options: AuthenticateOptions = {}): Promise<Identity> {
    if (!token) throw new SmartchatError('SC_ERR_AUTH_REQUIRED');
    const verified = await verifyToken(token, this.secrets);
    if (verified.kind === 'agent') {
      const [, account] = await Promise.all([this.sessions.assertLive(verified.sessionId), this.accountOf(verified.agentId)]);
      // Disabling also revokes the sessions; this covers the moment in between and a process whose
      // Redis view of the session is stale.
      if (!account) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
      if (account.mustChangePassword && !options.duringPasswordChange) throw new SmartchatError('SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED');
      return { type: 'agent', agentId: verified.agentId, sessionId: verified.sessionId, name: account.name, role: account.role };
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
