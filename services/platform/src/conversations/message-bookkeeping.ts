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
import type { AcceptedMessage, MessageKind } from '@smartchat/contracts';
import { actionsOutcomes, conversationStatuses, type ActionsOutcome, type ConversationAction, type ConversationStatus } from '@smartchat/core';
import cassandra from 'cassandra-driver';
import { backoffDelay, sleep } from '../backoff.js';
import type { Logger } from '../logger.js';
import type { PgPool } from '../postgres.js';
import { balancerJobId, type BalancerQueue } from './balancer-queue.js';
import { statusColumns, statusEvent } from './status-changes.js';

const { TimeUuid } = cassandra.types;

/** The inbox preview: which kinds a customer sees (only those are previewed) and a message's preview text. */
export interface PreviewRules {
  shows(kind: MessageKind): boolean;
  text(message: AcceptedMessage): string;
}

/** What a message does to its conversation's status, if anything. */
function actionOf(kind: MessageKind): ConversationAction | null {
  return kind === 'customer' ? 'customer_message' : kind === 'note' ? 'note' : null;
}

interface Entry {
  lastAt: Date;
  lastId: string;
  repliedAt: Date | null;
  waitingFrom: Date | null;
  customerAt: Date | null;
  publicAt: Date | null;
  publicMessage: AcceptedMessage | null;
  /** The messages that act on the status, in order, and what they do. */
  actions: ConversationAction[];
  causes: { message: AcceptedMessage; at: Date }[];
}

interface ChangedRow {
  id: string;
  old_status: string;
  status: string;
  old_snoozed_until: Date | null;
  waiting_flipped: boolean;
  replied: boolean;
  team_id: string | null;
  last_message_id: string;
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
  WITH v AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::jsonb[])
               AS v(id, last_at, last_id, replied_at, waiting_from, public_at, public_id, public_kind, public_preview, customer_at, changes)),
       old AS (SELECT c.id, c.status, c.snoozed_until, c.waiting_since, v.changes -> c.status AS change FROM conversations c JOIN v ON v.id = c.id FOR UPDATE OF c),
       moved AS (
         UPDATE conversations c SET
           last_message_at = GREATEST(c.last_message_at, v.last_at),
           last_message_id = CASE WHEN c.last_message_at IS NULL OR v.last_at >= c.last_message_at THEN v.last_id ELSE c.last_message_id END,
           updated_at = now(),
           waiting_since = CASE WHEN v.replied_at IS NOT NULL THEN v.waiting_from ELSE COALESCE(c.waiting_since, v.waiting_from) END,
           first_replied_at = COALESCE(c.first_replied_at, v.replied_at),
           last_replied_at = GREATEST(c.last_replied_at, v.replied_at),
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
                   (old.waiting_since IS NULL) <> (c.waiting_since IS NULL) AS waiting_flipped, v.replied_at IS NOT NULL AS replied, c.team_id, c.last_message_id),
       recorded AS (
         INSERT INTO event_outbox (key, type, payload)
         SELECT id, event ->> 'type', jsonb_set(event, '{data,assigneeId}', COALESCE(to_jsonb(assignee_id), 'null'::jsonb))
           FROM moved WHERE event IS NOT NULL AND status <> old_status)
  SELECT id, old_status, status, old_snoozed_until, waiting_flipped, replied, team_id, last_message_id FROM moved`;

export class MessageBookkeeping {
  /** The machine's outcomes for each run of actions seen (a handful: most batches hold one or two messages per conversation). */
  private readonly outcomes = new Map<string, Record<ConversationStatus, ActionsOutcome>>();
  private readonly teamTimers = new Map<string, { has: boolean; until: number }>();

  constructor(private readonly options: { pg: PgPool; queue: BalancerQueue; preview: PreviewRules; logger: Logger }) {}

  /** Records a batch of delivered messages (any order across conversations; in order within one). */
  async record(messages: readonly AcceptedMessage[]): Promise<void> {
    const byConversation = this.summarise(messages);
    const ids = [...byConversation.keys()];
    const rows = ids.map((id) => byConversation.get(id)!);
    // Named, so each connection plans it once: planning this statement cost a quarter of its
    // execution time again on every delivery batch.
    const { rows: changed } = await this.options.pg.query<ChangedRow>({
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
      ],
    });
    // The rows are updated now: a failure from here on must not re-run the update (which would no
    // longer see the change), so the jobs are retried on their own.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.tellBalancer(changed);
        return;
      } catch (error) {
        if (attempt >= 5) {
          this.options.logger.error({ err: error, conversations: changed.length }, 'could not tell the balancer about woken conversations; the sweep picks up SLA timers');
          return;
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
        entry = { lastAt: at, lastId: message.id, repliedAt: null, waitingFrom: null, customerAt: null, publicAt: null, publicMessage: null, actions: [], causes: [] };
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
      } else if (message.kind === 'customer') {
        if (entry.waitingFrom === null) entry.waitingFrom = at;
        if (entry.customerAt === null || at > entry.customerAt) entry.customerAt = at;
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
