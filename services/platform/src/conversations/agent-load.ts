// An agent's load, read under a lock on the agent's row. Every assignment (the balancer's and a
// manual one) takes this lock before it counts, so two balancers can never both fill the last slot.
import type { Queryable } from './outbox.js';

export interface LockedAgentLoad {
  capacity: number;
  openConversations: number;
  paused: boolean;
  away: boolean;
  disabled: boolean;
}

/** Call inside a transaction; the lock holds until it ends. `excluding` is left out of the count. */
export async function lockAgentLoad(db: Queryable, agentId: string, excluding?: string): Promise<LockedAgentLoad | null> {
  const { rows } = (await db.query(
    `SELECT capacity, assignment_paused, status = 'away' AS away, disabled_at IS NOT NULL AS disabled FROM agents WHERE id = $1 FOR UPDATE`,
    [agentId],
  )) as { rows: { capacity: number; assignment_paused: boolean; away: boolean; disabled: boolean }[] };
  const agent = rows[0];
  if (!agent) return null;
  const { rows: counted } = (await db.query(
    `SELECT count(*)::int AS open FROM conversations WHERE assignee_id = $1 AND status = 'open' AND ($2::uuid IS NULL OR id <> $2)`,
    [agentId, excluding ?? null],
  )) as { rows: { open: number }[] };
  return {
    capacity: agent.capacity,
    openConversations: counted[0]!.open,
    paused: agent.assignment_paused,
    away: agent.away,
    disabled: agent.disabled,
  };
}
