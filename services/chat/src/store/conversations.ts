// Conversations in Postgres.
import { SmartchatError, type Conversation, type ConversationEvent, type CustomerConversation, type EventActor, type Message } from '@smartchat/contracts';
import type { ConversationAccessFacts } from '@smartchat/core';
import { conversationEvent, writeOutbox, type PgPool } from '@smartchat/platform';

export interface ConversationRow {
  id: string;
  customer_id: string | null;
  channel: Conversation['channel'];
  internal: boolean;
  team_id: string | null;
  assignee_id: string | null;
  status: Conversation['status'];
  priority: number;
  topic: string | null;
  subject: string | null;
  created_at: Date;
  updated_at: Date;
  last_message_at: Date | null;
  waiting_since: Date | null;
  participants: string[] | null;
  queued_at: Date | null;
  snoozed_until: Date | null;
  sla_breach: 'first_response' | 'next_response' | null;
  sla_breached_at: Date | null;
  assigned_at: Date | null;
  first_replied_at: Date | null;
  last_replied_at: Date | null;
  last_customer_message_at: Date | null;
  closed_at: Date | null;
  reopened_at: Date | null;
  trip_departs_at: Date | null;
}

const SELECT = `SELECT c.*, (SELECT array_agg(p.agent_id) FROM conversation_participants p WHERE p.conversation_id = c.id) AS participants FROM conversations c`;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    internal: row.internal,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    status: row.status,
    priority: row.priority,
    topic: row.topic,
    subject: row.subject ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastMessageAt: iso(row.last_message_at),
    waitingSince: iso(row.waiting_since),
    participants: row.participants ?? [],
    queuedAt: iso(row.queued_at),
    snoozedUntil: iso(row.snoozed_until),
    slaBreach: row.sla_breach && row.sla_breached_at ? { kind: row.sla_breach, at: row.sla_breached_at.toISOString() } : null,
    assignedAt: iso(row.assigned_at),
    firstReplyAt: iso(row.first_replied_at),
    lastReplyAt: iso(row.last_replied_at),
    lastCustomerMessageAt: iso(row.last_customer_message_at),
    closedAt: iso(row.closed_at),
    reopenedAt: iso(row.reopened_at),
    tripDepartsAt: iso(row.trip_departs_at),
  };
}

/** The part of a conversation that visibility looks at. */
export function accessFactsOf(conversation: Conversation): ConversationAccessFacts {
  return { customerId: conversation.customerId, internal: conversation.internal, teamId: conversation.teamId, assigneeId: conversation.assigneeId, participantIds: conversation.participants };
}

/** What a customer may see of their own conversation: no team, assignee, priority or participants. */
export function toCustomerConversation(conversation: Conversation): CustomerConversation {
  return { id: conversation.id, status: conversation.status, topic: conversation.topic, subject: conversation.subject, createdAt: conversation.createdAt, lastMessageAt: conversation.lastMessageAt };
}

/**
 * What a customer may see of a message of theirs: an agent's reply keeps the agent's name but not
 * their id. Every path that hands a message to a customer goes through here: live delivery, edits,
 * replays and history. Other messages are returned as they are, without a copy.
 */
export function toCustomerMessage(message: Message): Message {
  if (message.author.type !== 'agent') return message;
  return { ...message, author: { type: 'agent', id: null, name: message.author.name } };
}

export class ConversationStore {
  constructor(private readonly pg: PgPool) {}

  async get(id: string): Promise<Conversation | undefined> {
    const { rows } = await this.pg.query<ConversationRow>(`${SELECT} WHERE c.id = $1`, [id]);
    return rows[0] && toConversation(rows[0]);
  }

  async require(id: string): Promise<Conversation> {
    const conversation = await this.get(id);
    if (!conversation) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    return conversation;
  }

  /**
   * An internal conversation, opened by an agent (who becomes its participant) or by the
   * back-office (`actor`); its events are written in the same transaction.
   */
  async createInternal(input: { topic: string; customerId: string | null; createdBy: string | null; teamId?: string | null; actor: EventActor }): Promise<Conversation> {
    const client = await this.pg.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<ConversationRow>(
        `INSERT INTO conversations (customer_id, channel, internal, topic, team_id) VALUES ($1, 'internal', true, $2, $3) RETURNING *, NULL::uuid[] AS participants`,
        [input.customerId, input.topic, input.teamId ?? null],
      );
      const row = rows[0]!;
      const events: ConversationEvent[] = [
        conversationEvent('conversation.created', row.id, input.actor, { channel: 'internal', customerId: row.customer_id, internal: true, topic: row.topic, teamId: row.team_id, priority: row.priority, tripDepartsAt: null }, row.created_at),
      ];
      if (input.createdBy) {
        await client.query(`INSERT INTO conversation_participants (conversation_id, agent_id, reason) VALUES ($1, $2, 'added')`, [row.id, input.createdBy]);
        row.participants = [input.createdBy];
        events.push(conversationEvent('conversation.participant_added', row.id, input.actor, { agentId: input.createdBy, reason: 'added', messageId: null }, row.created_at));
      }
      await writeOutbox(client, events);
      await client.query('COMMIT');
      return toConversation(row);
    } catch (error) {
      await client.query('ROLLBACK');
      // A customer id that names no customer (foreign key violation): bad input, not a failure.
      if ((error as { code?: string }).code === '23503' && input.customerId) {
        throw new SmartchatError('SC_ERR_VALIDATION', undefined, [{ path: 'customerId', message: 'no such customer' }]);
      }
      throw error;
    } finally {
      client.release();
    }
  }

  async listForCustomer(customerId: string, limit = 50): Promise<Conversation[]> {
    const { rows } = await this.pg.query<ConversationRow>(
      `${SELECT} WHERE c.customer_id = $1 AND NOT c.internal ORDER BY c.last_message_at DESC NULLS LAST, c.created_at DESC LIMIT $2`,
      [customerId, limit],
    );
    return rows.map(toConversation);
  }

  /**
   * An edit, deletion or restoration of the message an inbox preview shows reaches the preview at
   * once (a deleted message's text must not linger in lists). Only while it is still the latest
   * public message: a newer one has replaced the preview otherwise.
   */
  async refreshPreview(conversationId: string, messageId: string, preview: string): Promise<void> {
    await this.pg.query('UPDATE conversations SET last_public_preview = $3 WHERE id = $1 AND last_public_id = $2', [conversationId, messageId, preview]);
  }
}
