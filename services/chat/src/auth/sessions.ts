// Agent sessions. Postgres holds them; Redis holds the live ones (key until expiry) so that each
// request checks revocation with one GET. A revoked session's sockets are disconnected at once.
import { SmartchatError } from '@smartchat/contracts';
import type { PgPool, Redis } from '@smartchat/platform';

const sessionKey = (sessionId: string) => `session:${sessionId}`;

export class SessionStore {
  constructor(private readonly pg: PgPool, private readonly redis: Redis) {}

  async create(agentId: string, ttlHours: number, client: { ip?: string; userAgent?: string }): Promise<{ sessionId: string; expiresAt: Date }> {
    const { rows } = await this.pg.query<{ id: string; expires_at: Date }>(
      `INSERT INTO agent_sessions (agent_id, expires_at, ip, user_agent) VALUES ($1, now() + make_interval(hours => $2), $3, $4) RETURNING id, expires_at`,
      [agentId, ttlHours, client.ip ?? null, client.userAgent?.slice(0, 500) ?? null],
    );
    const session = rows[0]!;
    await this.redis.set(sessionKey(session.id), agentId, 'PXAT', session.expires_at.getTime());
    return { sessionId: session.id, expiresAt: session.expires_at };
  }

  /** Throws unless the session is live. Falls back to Postgres if Redis lost the key (flush, failover). */
  async assertLive(sessionId: string): Promise<void> {
    if (await this.redis.exists(sessionKey(sessionId))) return;
    const { rows } = await this.pg.query<{ agent_id: string; expires_at: Date; revoked_at: Date | null }>(
      'SELECT agent_id, expires_at, revoked_at FROM agent_sessions WHERE id = $1',
      [sessionId],
    );
    const session = rows[0];
    if (!session || session.revoked_at || session.expires_at.getTime() <= Date.now()) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED');
    await this.redis.set(sessionKey(sessionId), session.agent_id, 'PXAT', session.expires_at.getTime());
  }

  async revoke(sessionId: string): Promise<void> {
    await this.pg.query('UPDATE agent_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
    await this.redis.del(sessionKey(sessionId));
  }
}
