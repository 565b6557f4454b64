// SLA and auto-close timers as delayed jobs. `schedule` looks at a conversation's waiting state and
// adds the timer that state calls for, with an id derived from what it measures from, so adding it
// again is a no-op; a timer that fires after the state moved on finds nothing to do.
//  - SLA: the customer waits (waiting_since); due after the team's first- or next-response time,
//    counted in the team's business hours. The clock is the one stored on the row (started with
//    sla.started by the delivery, platform sla-clocks.ts); a wait without one (the team got its
//    target while the customer already waited) gets one started here. Breached unless an agent
//    replied meanwhile (the reply meets it: sla.met).
//  - Auto-close: the agent replied last (last_replied_at) and the customer is silent; closes the
//    conversation with a system message after the team's auto-close time.
import type { SlaKind } from '@smartchat/contracts';
import type { BusinessHours, ConversationStatus } from '@smartchat/core';
import {
  SYSTEM_ACTOR,
  balancerJobId,
  changeStatus,
  conversationEvent,
  inTransaction,
  publishSystemMessage,
  slaClockFor,
  slaKindOf,
  startSlaClock,
  systemMessageId,
  writeOutbox,
  type SlaClock,
  type BalancerQueue,
  type ChannelWrapper,
  type Logger,
  type PgPool,
} from '@smartchat/platform';
import type { AccessAnnouncer } from '../access-announcer.js';
import type { BalancerMetrics } from '../metrics.js';

interface TimerRow {
  status: string;
  waiting_since: Date | null;
  first_replied_at: Date | null;
  last_replied_at: Date | null;
  team_id: string | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  business_hours: BusinessHours | null;
  auto_close_after_minutes: number | null;
  sla_kind: SlaKind | null;
  sla_since: Date | null;
  sla_due_at: Date | null;
}

export class ConversationTimers {
  constructor(
    private readonly options: { pg: PgPool; queue: BalancerQueue; publisher: ChannelWrapper; shards: number; announcer: AccessAnnouncer; metrics: BalancerMetrics; logger: Logger },
  ) {}

  async schedule(conversationId: string): Promise<void> {
    const { rows } = await this.options.pg.query<TimerRow>(
      `SELECT c.status, c.waiting_since, c.first_replied_at, c.last_replied_at, c.team_id, c.sla_kind, c.sla_since, c.sla_due_at,
              t.first_response_minutes, t.next_response_minutes, t.business_hours, t.auto_close_after_minutes
         FROM conversations c LEFT JOIN teams t ON t.id = c.team_id WHERE c.id = $1`,
      [conversationId],
    );
    const row = rows[0];
    if (!row || row.status !== 'open') return;
    if (row.waiting_since) {
      const clock = await this.clockOf(conversationId, row, row.waiting_since);
      if (!clock) return;
      const waitingSince = clock.since.getTime();
      const dueAt = clock.dueAt.getTime();
      await this.options.queue.add('sla', { conversationId, kind: clock.kind, waitingSince, dueAt }, { runAt: dueAt, jobId: balancerJobId('sla', conversationId, waitingSince) });
    } else if (row.last_replied_at && row.auto_close_after_minutes !== null) {
      const repliedAt = row.last_replied_at.getTime();
      await this.options.queue.add('autoclose', { conversationId, repliedAt }, { runAt: repliedAt + row.auto_close_after_minutes * 60_000, jobId: balancerJobId('autoclose', conversationId, repliedAt) });
    }
  }

  /** The wait's clock: the stored one, or one started now if the team has a target for it. */
  private async clockOf(conversationId: string, row: TimerRow, waitingSince: Date): Promise<SlaClock | null> {
    if (row.sla_kind && row.sla_due_at && row.sla_since?.getTime() === waitingSince.getTime()) return { kind: row.sla_kind, since: row.sla_since, dueAt: row.sla_due_at };
    const clock = slaClockFor(slaKindOf(row.first_replied_at), waitingSince, {
      firstResponseMinutes: row.first_response_minutes,
      nextResponseMinutes: row.next_response_minutes,
      businessHours: row.business_hours,
    });
    if (!clock) return null;
    // Stored and announced once; whoever lost a race to start it still times the same clock.
    if (await inTransaction(this.options.pg, (client) => startSlaClock(client, conversationId, clock))) {
      this.options.logger.info({ conversationId, kind: clock.kind }, 'SLA clock started for a wait that had none');
    }
    return clock;
  }

  /** True when the SLA was breached now (the conversation still waits since `waitingSince`). */
  async checkSla(job: { conversationId: string; kind: 'first_response' | 'next_response'; waitingSince: number; dueAt: number }): Promise<boolean> {
    const breached = await inTransaction(this.options.pg, async (client) => {
      const { rows } = await client.query<{ team_id: string | null; assignee_id: string | null }>(
        `UPDATE conversations SET sla_breach = $2, sla_breached_at = now(), updated_at = now()
          WHERE id = $1 AND status = 'open' AND waiting_since = $3
            AND (first_replied_at IS NULL) = ($2 = 'first_response')
            AND (sla_breached_at IS NULL OR sla_breached_at < waiting_since)
          RETURNING team_id, assignee_id`,
        [job.conversationId, job.kind, new Date(job.waitingSince)],
      );
      const breached = rows[0];
      if (breached) {
        await writeOutbox(client, [
          conversationEvent('sla.breached', job.conversationId, SYSTEM_ACTOR, {
            kind: job.kind,
            teamId: breached.team_id,
            assigneeId: breached.assignee_id,
            waitingSince: new Date(job.waitingSince).toISOString(),
            dueAt: new Date(job.dueAt).toISOString(),
          }),
        ]);
      }
      return breached;
    });
    if (!breached) return false;
    this.options.metrics.slaBreaches.inc({ team: breached.team_id ?? 'none', kind: job.kind });
    this.options.logger.info({ conversationId: job.conversationId, kind: job.kind, teamId: breached.team_id }, 'SLA breached');
    await this.options.announcer.announce({ reason: 'conversation', conversations: [job.conversationId], agents: [breached.assignee_id].filter((id): id is string => id !== null) });
    return true;
  }

  /** Closes the conversation if the customer stayed silent since the reply at `repliedAt`; gives the former assignee. */
  async autoClose(job: { conversationId: string; repliedAt: number }): Promise<{ closed: boolean; assigneeId: string | null; teamId: string | null }> {
    const { pg, publisher, shards } = this.options;
    const { rows } = await pg.query<{ internal: boolean; customer_id: string | null; auto_close_after_minutes: number | null }>(
      `SELECT c.internal, c.customer_id, t.auto_close_after_minutes FROM conversations c LEFT JOIN teams t ON t.id = c.team_id
        WHERE c.id = $1 AND c.status = 'open' AND c.waiting_since IS NULL AND c.last_replied_at = $2`,
      [job.conversationId, new Date(job.repliedAt)],
    );
    const row = rows[0];
    if (!row || row.auto_close_after_minutes === null) return { closed: false, assigneeId: null, teamId: null };
    // First the message (its id is derived from the reply it answers, so a retry repeats it, and
    // the delivery stores and shows it once), then the status: a conversation is never closed
    // without saying why.
    const minutes = row.auto_close_after_minutes;
    await publishSystemMessage(publisher, shards, {
      id: systemMessageId(`autoclose:${job.conversationId}:${job.repliedAt}`, new Date(job.repliedAt + minutes * 60_000)),
      conversationId: job.conversationId,
      body: `Диалог закрыт автоматически: клиент не ответил за ${minutes} мин. · Closed automatically: no reply from the customer in ${minutes} min.`,
      internal: row.internal,
      customerId: row.customer_id,
    });
    const result = await inTransaction(pg, async (client) => {
      // Still as the timer found it: open, the customer silent since that reply.
      const { rows: locked } = await client.query<{ status: ConversationStatus; assignee_id: string | null; team_id: string | null }>(
        `SELECT status, assignee_id, team_id FROM conversations WHERE id = $1 AND status = 'open' AND waiting_since IS NULL AND last_replied_at = $2 FOR UPDATE`,
        [job.conversationId, new Date(job.repliedAt)],
      );
      const row = locked[0];
      if (!row) return undefined;
      await changeStatus(client, { id: job.conversationId, status: row.status, assigneeId: row.assignee_id }, 'close', { actor: SYSTEM_ACTOR, now: new Date(), closedBy: 'auto_close' });
      return row;
    });
    if (!result) return { closed: false, assigneeId: null, teamId: null };
    await this.options.announcer.announce({ reason: 'conversation', conversations: [job.conversationId], agents: [result.assignee_id].filter((id): id is string => id !== null) });
    return { closed: true, assigneeId: result.assignee_id, teamId: result.team_id };
  }
}
