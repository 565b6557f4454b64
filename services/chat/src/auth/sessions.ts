// Agent sessions. Postgres holds them; Redis holds the live ones (key until expiry) so that each
// request checks revocation with one GET. A revoked session's key becomes a tombstone rather than
// disappearing: a request that was reading the session from Postgres at that moment (the key was
// missing after a Redis flush) puts it back only if the key is absent (SET NX), so it can never
// bring a revoked session back to life.
import { SmartchatError } from '@smartchat/contracts';
import type { PgPool, Redis } from '@smartchat/platform';

const sessionKey = (sessionId: string) => `session:${sessionId}`;
const REVOKED = 'revoked';
/** How long a tombstone outlives its session's expiry at most (tokens end at their exp anyway). */
const TOMBSTONE_MAX_MS = 31 * 24 * 3600 * 1000;

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
    const cached = await this.redis.get(sessionKey(sessionId));
    if (cached === REVOKED) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED');
    if (cached !== null) return;
    const { rows } = await this.pg.query<{ agent_id: string; expires_at: Date; revoked_at: Date | null }>(
      'SELECT agent_id, expires_at, revoked_at FROM agent_sessions WHERE id = $1',
      [sessionId],
    );
    const session = rows[0];
    if (!session || session.revoked_at || session.expires_at.getTime() <= Date.now()) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED');
    await this.redis.set(sessionKey(sessionId), session.agent_id, 'PXAT', session.expires_at.getTime(), 'NX');
  }

  async revoke(sessionId: string): Promise<void> {
    await this.pg.query('UPDATE agent_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
    const { rows } = await this.pg.query<{ expires_at: Date }>('SELECT expires_at FROM agent_sessions WHERE id = $1', [sessionId]);
    if (rows[0]) await this.tombstone([{ id: sessionId, expiresAt: rows[0].expires_at }]);
  }

  /**
   * Ends every live session of the agent (disabled, demoted, password changed or reset, "sign out
   * everywhere"), or every one but `keep`. Returns the sessions ended.
   */
  async revokeAllOf(agentId: string, options: { keep?: string } = {}): Promise<string[]> {
    const { rows: ended } = await this.pg.query<{ id: string }>(
      `UPDATE agent_sessions SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2) RETURNING id`,
      [agentId, options.keep ?? null],
    );
    // Every revoked session that has not expired, not only those just ended: when an earlier
    // attempt failed to reach Redis after Postgres, its retry finds nothing left to revoke there.
    const { rows: revoked } = await this.pg.query<{ id: string; expires_at: Date }>(
      'SELECT id, expires_at FROM agent_sessions WHERE agent_id = $1 AND revoked_at IS NOT NULL AND expires_at > now()',
      [agentId],
    );
    await this.tombstone(revoked.map((row) => ({ id: row.id, expiresAt: row.expires_at })));
    return ended.map((row) => row.id);
  }

  private async tombstone(sessions: { id: string; expiresAt: Date }[]): Promise<void> {
    if (sessions.length === 0) return;
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const session of sessions) {
      const until = Math.min(Math.max(session.expiresAt.getTime(), now + 1000), now + TOMBSTONE_MAX_MS);
      pipeline.set(sessionKey(session.id), REVOKED, 'PXAT', until);
    }
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0]!;
  }
}
