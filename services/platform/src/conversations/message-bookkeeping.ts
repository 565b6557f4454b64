// What delivered messages do to their conversations, one statement per delivery batch: the latest
// message and the inbox preview, who waits for whom (waiting since, first and latest reply, the
// customer's latest message), and the status: a customer's message wakes a snoozed conversation
// and reopens a closed one, a note wakes a snoozed one. The status is decided by the core state
// machine for each status the row may be in (`actionsOutcomes`), before the row is read; the
// statement picks the outcome for the status it finds, writes it with `statusColumns`, and writes
// the change's event to the outbox, all in one round trip. Then the balancer hears of conversations
// that came back (to return them to their agent or the queue) and of SLA or auto-close timers to
// restart. The delivery consumer calls `record` in its settle stage; a failure before the statement
// committed is retried by it (the update only moves forward), one after it never re-runs it.
//
// In the same transaction, the SLA clocks (sla-clocks.ts): a customer who starts waiting in a team
// with a response target starts a clock (stored on the row, sla.started), and an agent reply that
// ends a wait before its clock is due meets it (sla.met). Both follow from the row as it was
// before the batch and the batch's messages in order, so that a redelivered batch, which finds
// the row already moved on, announces nothing twice.
import type { AcceptedMessage, DomainEvent, MessageKind, SlaKind } from '@smartchat/contracts';
import { actionsOutcomes, conversationStatuses, type ActionsOutcome, type BusinessHours, type ConversationAction, type ConversationStatus } from '@smartchat/core';
import cassandra from 'cassandra-driver';
import { backoffDelay, sleep } from '../backoff.js';
import type { Logger } from '../logger.js';
import { inTransaction, type PgPool } from '../postgres.js';
import { balancerJobId, type BalancerQueue } from './balancer-queue.js';
import { writeOutbox } from './outbox.js';
import { slaOutcome, type SlaClock } from './sla-clocks.js';
import { statusColumns, statusEvent } from './status-changes.js';

const { TimeUuid } = cassandra.types;

/** The inbox preview: which kinds a customer sees (only those are previewed) and a message's preview text. */
export interface PreviewRules {
  shows(kind: MessageKind): boolean;
  text(message: AcceptedMessage): string;
}

/** What a message does to its conversation's status, if anything: a notice (a trip change) wakes a snoozed one, as a note does. */
function actionOf(kind: MessageKind): ConversationAction | null {
  return kind === 'customer' ? 'customer_message' : kind === 'note' || kind === 'notice' ? 'note' : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who held a conversation when its messages were recorded: message.created carries it. */
export interface ConversationHolder {
  teamId: string | null;
  assigneeId: string | null;
}

interface Entry {
  lastAt: Date;
  lastId: string;
  repliedAt: Date | null;
  waitingFrom: Date | null;
  customerAt: Date | null;
  publicAt: Date | null;
  publicMessage: AcceptedMessage | null;
  /** The agent whose reply is the batch's latest (its author id, when it is an id). */
  replierId: string | null;
  /** The messages that act on the status, in order, and what they do. */
  actions: ConversationAction[];
  causes: { message: AcceptedMessage; at: Date }[];
  /** Customer messages and replies in order: who waits for whom, for the SLA clocks. */
  turns: { message: AcceptedMessage; at: Date }[];
}

interface ChangedRow {
  id: string;
  old_status: string;
  status: string;
  old_snoozed_until: Date | null;
  waiting_flipped: boolean;
  replied: boolean;
  team_id: string | null;
  assignee_id: string | null;
  last_message_id: string;
  // The row before the batch, for the SLA clocks, and its team's targets.
  old_waiting_since: Date | null;
  old_first_replied_at: Date | null;
  old_sla_breached_at: Date | null;
  old_sla_kind: SlaKind | null;
  old_sla_since: Date | null;
  old_sla_due_at: Date | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  business_hours: BusinessHours | null;
}

const newerPublic = 'v.public_at IS NOT NULL AND (c.last_public_at IS NULL OR v.public_at >= c.last_public_at)';
const next = "COALESCE(old.change ->> 'status', c.status)";
/**
 * `changes` holds, for each status a batch would change, `{status, event}`: the status after it,
 * and its event (at the causing message's time, the time the columns take too) without its
 * assignee, which the locked row supplies. The outbox insert takes the events of rows whose status
 * did change.
 */
const UPDATE_CONVERSATIONS = `
  WITH v AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::jsonb[], $12::uuid[])
               AS v(id, last_at, last_id, replied_at, waiting_from, public_at, public_id, public_kind, public_preview, customer_at, changes, replier_id)),
       old AS (SELECT c.id, c.status, c.snoozed_until, c.waiting_since, c.first_replied_at, c.sla_breached_at, c.sla_kind, c.sla_since, c.sla_due_at, v.changes -> c.status AS change
                 FROM conversations c JOIN v ON v.id = c.id FOR UPDATE OF c),
       moved AS (
         UPDATE conversations c SET
           last_message_at = GREATEST(c.last_message_at, v.last_at),
           last_message_id = CASE WHEN c.last_message_at IS NULL OR v.last_at >= c.last_message_at THEN v.last_id ELSE c.last_message_id END,
           updated_at = now(),
           waiting_since = CASE WHEN v.replied_at IS NOT NULL THEN v.waiting_from ELSE COALESCE(c.waiting_since, v.waiting_from) END,
           first_replied_at = COALESCE(c.first_replied_at, v.replied_at),
           last_replied_at = GREATEST(c.last_replied_at, v.replied_at),
           last_responder_id = CASE WHEN v.replied_at IS NOT NULL AND (c.last_replied_at IS NULL OR v.replied_at >= c.last_replied_at) THEN v.replier_id ELSE c.last_responder_id END,
           last_customer_message_at = GREATEST(c.last_customer_message_at, v.customer_at),
           ${statusColumns({ next, at: "(old.change -> 'event' ->> 'occurredAt')::timestamptz", until: 'NULL::timestamptz' })},
           -- the inbox preview only moves forward, so a redelivered older message leaves it alone
           last_public_id = CASE WHEN ${newerPublic} THEN v.public_id ELSE c.last_public_id END,
           last_public_kind = CASE WHEN ${newerPublic} THEN v.public_kind ELSE c.last_public_kind END,
           last_public_preview = CASE WHEN ${newerPublic} THEN v.public_preview ELSE c.last_public_preview END,
           last_public_at = CASE WHEN ${newerPublic} THEN v.public_at ELSE c.last_public_at END
         FROM v JOIN old ON old.id = v.id
         WHERE c.id = v.id
         RETURNING c.id, old.status AS old_status, c.status, old.snoozed_until AS old_snoozed_until, c.assignee_id, old.change -> 'event' AS event,
                   (old.waiting_since IS NULL) <> (c.waiting_since IS NULL) AS waiting_flipped, v.replied_at IS NOT NULL AS replied, c.team_id, c.last_message_id,
                   old.waiting_since AS old_waiting_since, old.first_replied_at AS old_first_replied_at, old.sla_breached_at AS old_sla_breached_at,
                   old.sla_kind AS old_sla_kind, old.sla_since AS old_sla_since, old.sla_due_at AS old_sla_due_at),
       recorded AS (
         INSERT INTO event_outbox (key, type, payload)
         SELECT id, event ->> 'type', jsonb_set(event, '{data,assigneeId}', COALESCE(to_jsonb(assignee_id), 'null'::jsonb))
           FROM moved WHERE event IS NOT NULL AND status <> old_status)
  SELECT m.id, m.old_status, m.status, m.old_snoozed_until, m.waiting_flipped, m.replied, m.team_id, m.assignee_id, m.last_message_id,
         m.old_waiting_since, m.old_first_replied_at, m.old_sla_breached_at, m.old_sla_kind, m.old_sla_since, m.old_sla_due_at,
         t.first_response_minutes, t.next_response_minutes, t.business_hours
    FROM moved m LEFT JOIN teams t ON t.id = m.team_id`;

/** The clocks the bookkeeping started, stored on their rows (running while sla_since = waiting_since). */
const STORE_CLOCKS = `
  UPDATE conversations c SET sla_kind = v.kind, sla_since = v.since, sla_due_at = v.due_at
    FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS v(id, kind, since, due_at)
   WHERE c.id = v.id`;

export class MessageBookkeeping {
  /** The machine's outcomes for each run of actions seen (a handful: most batches hold one or two messages per conversation). */
  private readonly outcomes = new Map<string, Record<ConversationStatus, ActionsOutcome>>();
  private readonly teamTimers = new Map<string, { has: boolean; until: number }>();

  constructor(private readonly options: { pg: PgPool; queue: BalancerQueue; preview: PreviewRules; logger: Logger }) {}

  /**
   * Records a batch of delivered messages (any order across conversations; in order within one).
   * Gives each conversation's team and assignee as recorded (a conversation that is gone has none).
   */
  async record(messages: readonly AcceptedMessage[]): Promise<Map<string, ConversationHolder>> {
    const byConversation = this.summarise(messages);
    const ids = [...byConversation.keys()];
    const rows = ids.map((id) => byConversation.get(id)!);
    const changed = await inTransaction(this.options.pg, async (client) => {
      // Named, so each connection plans it once: planning this statement cost a quarter of its
      // execution time again on every delivery batch.
      const { rows: changed } = await client.query<ChangedRow>({
        name: 'delivery-update-conversations',
        text: UPDATE_CONVERSATIONS,
        values: [
          ids,
          rows.map((row) => row.lastAt),
          rows.map((row) => row.lastId),
          rows.map((row) => row.repliedAt),
          rows.map((row) => row.waitingFrom),
          rows.map((row) => row.publicAt),
          rows.map((row) => row.publicMessage?.id ?? null),
          rows.map((row) => row.publicMessage?.kind ?? null),
          // Only the newest public message of each conversation is rendered to preview text.
          rows.map((row) => (row.publicMessage ? this.options.preview.text(row.publicMessage) : null)),
          rows.map((row) => row.customerAt),
          ids.map((id, index) => this.statusChanges(id, rows[index]!)),
          rows.map((row) => row.replierId),
        ],
      });
      const clocks: { id: string; clock: SlaClock }[] = [];
      const events: DomainEvent[] = [];
      for (const row of changed) {
        const outcome = slaOutcome(
          {
            conversationId: row.id,
            status: row.status,
            teamId: row.team_id,
            assigneeId: row.assignee_id,
            waitingSince: row.old_waiting_since,
            firstRepliedAt: row.old_first_replied_at,
            breachedAt: row.old_sla_breached_at,
            clock: row.old_sla_kind && row.old_sla_since && row.old_sla_due_at ? { kind: row.old_sla_kind, since: row.old_sla_since, dueAt: row.old_sla_due_at } : null,
            targets: { firstResponseMinutes: row.first_response_minutes, nextResponseMinutes: row.next_response_minutes, businessHours: row.business_hours },
          },
          byConversation.get(row.id)!.turns,
        );
        events.push(...outcome.events);
        if (outcome.started) clocks.push({ id: row.id, clock: outcome.started });
      }
      if (clocks.length > 0) {
        await client.query(STORE_CLOCKS, [clocks.map((item) => item.id), clocks.map((item) => item.clock.kind), clocks.map((item) => item.clock.since), clocks.map((item) => item.clock.dueAt)]);
      }
      await writeOutbox(client, events);
      return changed;
    });
    // The rows are updated now: a failure from here on must not re-run the update (which would no
    // longer see the change), so the jobs are retried on their own.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.tellBalancer(changed);
        return holdersOf(changed);
      } catch (error) {
        if (attempt >= 5) {
          this.options.logger.error({ err: error, conversations: changed.length }, 'could not tell the balancer about woken conversations; the sweep picks up SLA timers');
          return holdersOf(changed);
        }
        await sleep(backoffDelay(attempt, 100, 2000));
      }
    }
  }

  /**
   * One row per conversation: its newest message, the agent's latest reply in this batch, the first
   * customer message after the last reply (from then on the customer is waiting), the customer's
   * latest message, the newest message the customer can see (for the inbox preview), and the
   * messages that act on the status.
   */
  private summarise(messages: readonly AcceptedMessage[]): Map<string, Entry> {
    const byConversation = new Map<string, Entry>();
    for (const message of messages) {
      const at = TimeUuid.fromString(message.id).getDate();
      let entry = byConversation.get(message.conversationId);
      if (!entry) {
        entry = { lastAt: at, lastId: message.id, repliedAt: null, waitingFrom: null, customerAt: null, publicAt: null, publicMessage: null, replierId: null, actions: [], causes: [], turns: [] };
        byConversation.set(message.conversationId, entry);
      }
      if (at >= entry.lastAt) {
        entry.lastAt = at;
        entry.lastId = message.id;
      }
      if (this.options.preview.shows(message.kind) && (entry.publicAt === null || at >= entry.publicAt)) {
        entry.publicAt = at;
        entry.publicMessage = message;
      }
      if (message.kind === 'reply') {
        entry.repliedAt = at;
        entry.waitingFrom = null;
        // Only an id goes into the uuid column: anything else would fail the batch on every retry.
        entry.replierId = message.author.id !== null && UUID.test(message.author.id) ? message.author.id.toLowerCase() : null;
        entry.turns.push({ message, at });
      } else if (message.kind === 'customer') {
        if (entry.waitingFrom === null) entry.waitingFrom = at;
        if (entry.customerAt === null || at > entry.customerAt) entry.customerAt = at;
        entry.turns.push({ message, at });
      }
      const action = actionOf(message.kind);
      if (action) {
        entry.actions.push(action);
        entry.causes.push({ message, at });
      }
    }
    return byConversation;
  }

  /** What the batch does to the conversation's status, for each status it may find (JSON), or null when nothing. */
  private statusChanges(conversationId: string, entry: Entry): string | null {
    if (entry.actions.length === 0) return null;
    const outcomes = this.outcomesOf(entry.actions);
    let changes: Record<string, unknown> | null = null;
    for (const status of conversationStatuses) {
      const { status: after, change } = outcomes[status];
      if (after === status || change === null) continue;
      const { message, at } = entry.causes[change.index]!;
      const action = entry.actions[change.index]!;
      const actor = { type: message.author.type, id: message.author.id };
      // The assignee is the locked row's: filled in by the statement.
      const event = statusEvent(change.event, action, conversationId, null, { actor, now: at, messageId: message.id });
      (changes ??= {})[status] = { status: after, event };
    }
    return changes && JSON.stringify(changes);
  }

  private outcomesOf(actions: ConversationAction[]): Record<ConversationStatus, ActionsOutcome> {
    const key = actions.join(',');
    let outcomes = this.outcomes.get(key);
    if (!outcomes) {
      // Times play no part in message actions.
      outcomes = actionsOutcomes(actions, 0);
      if (this.outcomes.size >= 1000) this.outcomes.clear();
      this.outcomes.set(key, outcomes);
    }
    return outcomes;
  }

  /**
   * Conversations a message brought back (woken, reopened) return to their assignee or their
   * team's queue; in teams with SLA or auto-close, a change of who waits for whom restarts the
   * timers. Only those rows make jobs: most messages change neither.
   */
  private async tellBalancer(changed: ChangedRow[]): Promise<void> {
    const { queue } = this.options;
    for (const row of changed) {
      if (row.old_status !== 'open' && row.status === 'open') {
        if (row.old_snoozed_until) await queue.remove(balancerJobId('wake', row.id, row.old_snoozed_until.getTime()));
        await queue.add('returned', { conversationId: row.id, how: row.old_status === 'snoozed' ? 'woken' : 'reopened' }, { jobId: balancerJobId('returned', row.id, row.last_message_id) });
      }
      if (row.team_id && (row.waiting_flipped || row.replied) && (await this.teamHasTimers(row.team_id))) {
        await queue.add('timers', { conversationId: row.id }, { jobId: balancerJobId('timers', row.id, row.last_message_id) });
      }
    }
  }

  /** Whether a team has SLA or auto-close times (cached for a few seconds: checked per message). */
  private async teamHasTimers(teamId: string): Promise<boolean> {
    const cached = this.teamTimers.get(teamId);
    if (cached && cached.until > Date.now()) return cached.has;
    const { rows } = await this.options.pg.query<{ has: boolean }>(
      'SELECT first_response_minutes IS NOT NULL OR next_response_minutes IS NOT NULL OR auto_close_after_minutes IS NOT NULL AS has FROM teams WHERE id = $1',
      [teamId],
    );
    const has = rows[0]?.has ?? false;
    this.teamTimers.set(teamId, { has, until: Date.now() + 5000 });
    return has;
  }
}

function holdersOf(rows: readonly ChangedRow[]): Map<string, ConversationHolder> {
  return new Map(rows.map((row) => [row.id, { teamId: row.team_id, assigneeId: row.assignee_id }]));
}
