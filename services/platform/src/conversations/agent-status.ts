// An agent's presence as assignment sees it, announced as agent.status_changed (v2) on every
// change so that online and away time can be computed from the log: offline while none of their
// console sockets is connected (presence.ts, after the reconnect grace period), else away if they
// chose "away" (agents.status), else online. Every path that may change it asks `settleAgentPresence`:
// a chat process when an agent's first socket connects or the last one is gone (sign-out, revoked
// session, closed tab), the status route, and the balancers' sweep (sockets of a chat process that
// died expire without anyone noticing). It decides with the agent's row locked and writes the
// announced presence (agents.presence) with its event, so a change is announced exactly once
// however many processes look at once.
import type { EventActor } from '@smartchat/contracts';
import type { Logger } from '../logger.js';
import { inTransaction, type PgPool } from '../postgres.js';
import type { Redis } from '../redis.js';
import { agentEvent, SYSTEM_ACTOR, writeOutbox } from './outbox.js';
import { onlineAgents } from './presence.js';

export type AgentPresence = 'online' | 'away' | 'offline';

/** The presence of an agent who is (or is not) connected and chose `status`. */
export function presenceOf(connected: boolean, status: string): AgentPresence {
  if (!connected) return 'offline';
  return status === 'away' ? 'away' : 'online';
}

/**
 * Brings the agent's announced presence in line with their sockets and chosen status, announcing a
 * change (by `actor`). Returns the presence, or null for an agent that does not exist.
 */
export async function settleAgentPresence(pg: PgPool, redis: Redis, agentId: string, actor: EventActor): Promise<AgentPresence | null> {
  return inTransaction(pg, async (client) => {
    const { rows } = await client.query<{ status: string; presence: AgentPresence }>('SELECT status, presence FROM agents WHERE id = $1 FOR UPDATE', [agentId]);
    const row = rows[0];
    if (!row) return null;
    // Read with the row locked: a socket connecting meanwhile settles after this commits, and sees
    // what this one wrote.
    const connected = (await onlineAgents(redis, [agentId])).has(agentId);
    const next = presenceOf(connected, row.status);
    if (next === row.presence) return next;
    await client.query('UPDATE agents SET presence = $2 WHERE id = $1', [agentId, next]);
    await writeOutbox(client, [agentEvent('agent.status_changed', agentId, actor, { status: next, previousStatus: row.presence })]);
    return next;
  });
}

/**
 * The sweep's part: an agent whose announced presence differs from what their sockets and chosen
 * status say, at this sweep and the one before (`suspects`), is settled as the system: a chat
 * process died with their sockets, or was not there to announce. A difference seen once only may
 * be a chat process about to announce it itself (a socket just connected, a grace period just
 * over), which then names the agent as its actor. Gives how many changed and this sweep's suspects.
 */
export async function sweepAgentPresence(pg: PgPool, redis: Redis, logger: Logger, suspects: ReadonlySet<string>): Promise<{ settled: number; suspects: Set<string> }> {
  const { rows } = await pg.query<{ id: string; status: string; presence: AgentPresence }>(`SELECT id, status, presence FROM agents WHERE disabled_at IS NULL OR presence <> 'offline'`);
  const next = new Set<string>();
  if (rows.length === 0) return { settled: 0, suspects: next };
  const online = await onlineAgents(
    redis,
    rows.map((row) => row.id),
  );
  let settled = 0;
  for (const row of rows) {
    if (presenceOf(online.has(row.id), row.status) === row.presence) continue;
    if (!suspects.has(row.id)) {
      next.add(row.id);
      continue;
    }
    try {
      const after = await settleAgentPresence(pg, redis, row.id, SYSTEM_ACTOR);
      if (after !== null && after !== row.presence) settled += 1;
    } catch (error) {
      logger.warn({ err: error, agentId: row.id }, 'settling an agent presence failed; the next sweep retries');
      next.add(row.id);
    }
  }
  return { settled, suspects: next };
}
