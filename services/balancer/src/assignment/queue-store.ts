// What the balancer reads and writes in Postgres to serve a team's queue: the conversations
// waiting (the team's own, and other teams' that overflowed to it), the agents who may take them,
// and the one transaction that assigns a conversation without overfilling its agent.
import { SYSTEM_ACTOR, conversationEvent, inTransaction, lockAgentLoad, writeOutbox, type PgPool } from '@smartchat/platform';

/** What serving a team's queue needs of the team (its SLA and auto-close times are the timers'). */
export interface TeamSettings {
  id: string;
  assignmentPaused: boolean;
  overflowTeamId: string | null;
  overflowAfterMinutes: number | null;
}

export interface WaitingConversation {
  id: string;
  teamId: string;
  priority: number;
  tripDepartsAt: Date | null;
  queuedAt: Date;
  /** Set when it waited long enough to overflow: that team's agents may take it too. */
  overflowTeamId: string | null;
}

export interface TeamMember {
  teamId: string;
  agentId: string;
  capacity: number;
  paused: boolean;
  openConversations: number;
  lastAssignedAt: Date | null;
}

export type AssignOutcome =
  | { result: 'assigned'; openConversations: number; capacity: number }
  | { result: 'agent_unavailable'; openConversations: number; capacity: number }
  | { result: 'gone' };

export class QueueStore {
  constructor(private readonly pg: PgPool) {}

  async team(id: string): Promise<TeamSettings | null> {
    const { rows } = await this.pg.query<TeamSettings>(
      'SELECT id, assignment_paused AS "assignmentPaused", overflow_team_id AS "overflowTeamId", overflow_after_minutes AS "overflowAfterMinutes" FROM teams WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** The conversations team `teamId`'s agents may take now: the head of the queue (core's rankQueue orders it exactly). */
  async waitingFor(teamId: string, limit = 1000): Promise<WaitingConversation[]> {
    const { rows } = await this.pg.query<{ id: string; team_id: string; priority: number; trip_departs_at: Date | null; queued_at: Date; overflowed_to: string | null }>(
      `SELECT c.id, c.team_id, c.priority, c.trip_departs_at, c.queued_at,
              CASE WHEN o.id IS NOT NULL AND NOT o.assignment_paused AND c.queued_at <= now() - make_interval(mins => t.overflow_after_minutes) THEN o.id END AS overflowed_to
         FROM conversations c
         JOIN teams t ON t.id = c.team_id
         LEFT JOIN teams o ON o.id = t.overflow_team_id
        WHERE c.queued_at IS NOT NULL AND c.status = 'open' AND c.assignee_id IS NULL AND NOT t.assignment_paused
          AND (c.team_id = $1
               OR (t.overflow_team_id = $1 AND NOT o.assignment_paused AND c.queued_at <= now() - make_interval(mins => t.overflow_after_minutes)))
        -- the page holds the queue's head: the same order as core's rankQueue (trip within 24 h = +1)
        ORDER BY c.priority + COALESCE(c.trip_departs_at BETWEEN now() AND now() + interval '24 hours', false)::int DESC, c.queued_at
        LIMIT $2`,
      [teamId, limit],
    );
    return rows.map((row) => ({ id: row.id, teamId: row.team_id, priority: row.priority, tripDepartsAt: row.trip_departs_at, queuedAt: row.queued_at, overflowTeamId: row.overflowed_to }));
  }

  /** Enabled, unpaused members of these teams who are not away, with their current load. */
  async members(teamIds: readonly string[]): Promise<TeamMember[]> {
    const { rows } = await this.pg.query<{ team_id: string; agent_id: string; capacity: number; assignment_paused: boolean; open: number; last_assigned_at: Date | null }>(
      `SELECT tm.team_id, a.id AS agent_id, a.capacity, a.assignment_paused OR a.status = 'away' AS assignment_paused, a.last_assigned_at,
              (SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open')::int AS open
         FROM team_members tm JOIN agents a ON a.id = tm.agent_id
        WHERE tm.team_id = ANY($1::uuid[]) AND a.disabled_at IS NULL`,
      [[...teamIds]],
    );
    return rows.map((row) => ({ teamId: row.team_id, agentId: row.agent_id, capacity: row.capacity, paused: row.assignment_paused, openConversations: row.open, lastAssignedAt: row.last_assigned_at }));
  }

  /**
   * Assigns `conversation` to `agentId` if, under the lock on the agent's row, the agent still has
   * room and the conversation still waits unassigned. Writes the assignment event
   * in the same transaction.
   */
  async assign(conversation: WaitingConversation, agentId: string, details: { effectivePriority: number; viaOverflowTeamId: string | null }): Promise<AssignOutcome> {
    return inTransaction(this.pg, async (client): Promise<AssignOutcome> => {
      // The conversation's row first, then the agent's: the order every other writer (an agent's
      // manual assignment, a return) takes them in, so a race between them waits, never deadlocks.
      await client.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conversation.id]);
      const load = await lockAgentLoad(client, agentId);
      if (!load || load.disabled || load.paused || load.away || load.openConversations >= load.capacity) {
        return { result: 'agent_unavailable', openConversations: load?.openConversations ?? 0, capacity: load?.capacity ?? 0 };
      }
      const { rowCount } = await client.query(
        `UPDATE conversations SET assignee_id = $2, assigned_at = now(), queued_at = NULL, updated_at = now()
          WHERE id = $1 AND assignee_id IS NULL AND status = 'open' AND queued_at IS NOT NULL`,
        [conversation.id, agentId],
      );
      if (rowCount === 0) return { result: 'gone' };
      await client.query('UPDATE agents SET last_assigned_at = now() WHERE id = $1', [agentId]);
      const openConversations = load.openConversations + 1;
      await writeOutbox(client, [
        conversationEvent('conversation.assigned', conversation.id, SYSTEM_ACTOR, {
          assigneeId: agentId,
          previousAssigneeId: null,
          teamId: conversation.teamId,
          reason: 'auto',
          effectivePriority: details.effectivePriority,
          queuedAt: conversation.queuedAt.toISOString(),
          openConversations,
          capacity: load.capacity,
          viaOverflowTeamId: details.viaOverflowTeamId,
        }),
      ]);
      return { result: 'assigned', openConversations, capacity: load.capacity };
    });
  }
}
