// A conversation comes back: its snooze timer ran out (the wake is done here, through the
// conversations' status changes in platform), or a message or an agent woke or reopened it. It
// returns to its assignee if the assignee is online, not paused and below capacity (counted under
// the lock on the agent's row, as every assignment is); otherwise it goes back into its team's queue.
import type { ConversationEvent } from '@smartchat/contracts';
import { effectivePriority, type ConversationStatus } from '@smartchat/core';
import { SYSTEM_ACTOR, changeStatus, conversationEvent, inTransaction, lockAgentLoad, onlineAgents, writeOutbox, type PgPool, type Redis } from '@smartchat/platform';
import type { AccessAnnouncer } from '../access-announcer.js';
import type { BalancerMetrics } from '../metrics.js';

export type ReturnCause = { how: 'woken'; by: 'timer'; until: number } | { how: 'woken' | 'reopened'; by: 'message' };

export interface ReturnOutcome {
  /** The team whose queue it joined, to be served next; null when it stayed with its assignee. */
  queuedInTeam: string | null;
}

interface Row {
  status: ConversationStatus;
  assignee_id: string | null;
  team_id: string | null;
  snoozed_until: Date | null;
  priority: number;
  trip_departs_at: Date | null;
}

export class Returns {
  constructor(private readonly options: { pg: PgPool; redis: Redis; announcer: AccessAnnouncer; metrics: BalancerMetrics }) {}

  async returnConversation(conversationId: string, cause: ReturnCause): Promise<ReturnOutcome | null> {
    const { pg, redis } = this.options;
    const { rows: peek } = await pg.query<{ assignee_id: string | null }>('SELECT assignee_id FROM conversations WHERE id = $1', [conversationId]);
    const assigneeOnline = peek[0]?.assignee_id ? (await onlineAgents(redis, [peek[0].assignee_id])).has(peek[0].assignee_id) : false;
    const outcome = await inTransaction(pg, async (client) => {
      const { rows } = await client.query<Row>('SELECT status, assignee_id, team_id, snoozed_until, priority, trip_departs_at FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      const row = rows[0];
      const stale = !row || (cause.by === 'timer' ? row.status !== 'snoozed' || row.snoozed_until?.getTime() !== cause.until : row.status !== 'open');
      if (!row || stale) return null;
      // The timer's wake is the status change itself (with its event); a message's wake or reopen
      // was recorded by the delivery consumer, and an agent's reopen by the agent's request.
      if (cause.by === 'timer') await changeStatus(client, { id: conversationId, status: row.status, assigneeId: row.assignee_id }, 'wake', { actor: SYSTEM_ACTOR, now: new Date() });
      let keep = false;
      if (row.assignee_id && row.assignee_id === peek[0]?.assignee_id && assigneeOnline) {
        const load = await lockAgentLoad(client, row.assignee_id, conversationId);
        keep = !!load && !load.disabled && !load.paused && !load.away && load.openConversations < load.capacity;
      }
      const events: ConversationEvent[] = [];
      if (row.assignee_id && !keep) {
        await client.query('UPDATE conversations SET assignee_id = NULL, assigned_at = NULL WHERE id = $1', [conversationId]);
        events.push(conversationEvent('conversation.unassigned', conversationId, SYSTEM_ACTOR, { previousAssigneeId: row.assignee_id, teamId: row.team_id, reason: 'returned_to_queue' }));
      }
      const queue = !keep && row.team_id !== null;
      if (queue) {
        const { rows: queued } = await client.query<{ queued_at: Date }>(`UPDATE conversations SET queued_at = now() WHERE id = $1 RETURNING queued_at`, [conversationId]);
        events.push(
          conversationEvent('conversation.queued', conversationId, SYSTEM_ACTOR, {
            teamId: row.team_id!,
            priority: row.priority,
            effectivePriority: effectivePriority({ priority: row.priority, tripDepartsAt: row.trip_departs_at }, new Date()),
            queuedAt: queued[0]!.queued_at.toISOString(),
            reason: cause.how,
            tripDepartsAt: row.trip_departs_at?.toISOString() ?? null,
          }),
        );
      }
      await writeOutbox(client, events);
      return { queuedInTeam: queue ? row.team_id : null, assigneeId: keep ? row.assignee_id : null, previous: row.assignee_id };
    });
    if (!outcome) return null;
    if (outcome.assigneeId) this.options.metrics.assignments.inc({ reason: 'returned' });
    await this.options.announcer.announce({
      reason: 'conversation',
      conversations: [conversationId],
      agents: [outcome.previous].filter((id): id is string => id !== null),
    });
    return { queuedInTeam: outcome.queuedInTeam };
  }
}
