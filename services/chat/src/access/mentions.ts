// @mentions: who a reply or note mentions (the rule is @smartchat/core's mentionedAgents), and
// what a mention does — the agent becomes a participant of the conversation (so they may see it),
// gets an entry in their Mentions list (becoming a participant is a `conversation.participant_added`
// event), and their open sockets are told at once (`mention` and `access:granted`, on every chat
// process, through AccessChanges).
import type { Mention } from '@smartchat/contracts';
import { mentionedAgents, type MentionCandidate } from '@smartchat/core';
import { conversationEvent, type PgPool } from '@smartchat/platform';
import type { AccessChanges } from './access-changes.js';

export class Mentions {
  constructor(private readonly pg: PgPool, private readonly changes: AccessChanges) {}

  /**
   * Records the mentions of an accepted (or about to be accepted) message; idempotent, so a
   * retried send records nothing twice. Returns the mentioned agents' ids.
   */
  async record(message: { id: string; conversationId: string; body: string; authorId: string; authorName: string }): Promise<string[]> {
    if (!message.body.includes('@')) return [];
    const { rows: agents } = await this.pg.query<MentionCandidate>('SELECT id, name, email FROM agents WHERE disabled_at IS NULL');
    const mentioned = mentionedAgents(message.body, agents).filter((id) => id !== message.authorId);
    if (mentioned.length === 0) return [];
    // An agent who was not a participant yet becomes one, and that is an event (in the same statement).
    const events = mentioned.map((agentId) =>
      JSON.stringify(conversationEvent('conversation.participant_added', message.conversationId, { type: 'agent', id: message.authorId }, { agentId, reason: 'mentioned', messageId: message.id })),
    );
    await this.pg.query(
      `WITH participants AS (
         INSERT INTO conversation_participants (conversation_id, agent_id, reason)
         SELECT $1, unnest($2::uuid[]), 'mentioned' ON CONFLICT DO NOTHING
         RETURNING agent_id
       ), recorded AS (
         INSERT INTO event_outbox (key, type, payload)
         SELECT $1, 'conversation.participant_added', e.payload FROM unnest($2::uuid[], $5::jsonb[]) AS e(agent_id, payload) JOIN participants p ON p.agent_id = e.agent_id
       )
       INSERT INTO mentions (agent_id, message_id, conversation_id, mentioned_by)
       SELECT unnest($2::uuid[]), $3, $1, $4 ON CONFLICT DO NOTHING`,
      [message.conversationId, mentioned, message.id, message.authorId, events],
    );
    await this.changes.announce({
      reason: 'mention',
      conversations: [message.conversationId],
      agents: mentioned,
      grants: mentioned.map((agentId) => ({ agentId, conversationId: message.conversationId, mention: { messageId: message.id, by: { id: message.authorId, name: message.authorName } } })),
    });
    return mentioned;
  }

  /** The caller's Mentions list, newest first. */
  async list(agentId: string, limit: number): Promise<Mention[]> {
    const { rows } = await this.pg.query<{ conversation_id: string; message_id: string; mentioned_by: string | null; by_name: string | null; at: Date; topic: string | null }>(
      `SELECT m.conversation_id, m.message_id, m.mentioned_by, a.name AS by_name, m.at, c.topic
         FROM mentions m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN agents a ON a.id = m.mentioned_by
        WHERE m.agent_id = $1 ORDER BY m.at DESC LIMIT $2`,
      [agentId, limit],
    );
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      messageId: row.message_id,
      by: row.mentioned_by ? { id: row.mentioned_by, name: row.by_name ?? '' } : null,
      at: row.at.toISOString(),
      topic: row.topic,
    }));
  }
}
