// The facts about a conversation that visibility and the send path need on every message: its
// customer, whether it is internal, when it started, and who may see it (team, assignee,
// participants). Cached in-process: the immutable ones for good, the rest for at most `ttlMs`;
// whatever changes them calls `forget` at once.
import type { ConversationAccessFacts } from '@smartchat/core';
import type { PgPool } from '@smartchat/platform';

export interface ConversationFactsEntry extends ConversationAccessFacts {
  createdAt: Date;
}

interface FactsRow {
  customer_id: string | null;
  internal: boolean;
  created_at: Date;
  team_id: string | null;
  assignee_id: string | null;
  participant_ids: string[] | null;
}

export class ConversationFacts {
  private readonly cache = new Map<string, { facts: ConversationFactsEntry; at: number }>();

  constructor(private readonly pg: PgPool, private readonly ttlMs = 5000, private readonly cacheSize = 100_000) {}

  async get(conversationId: string): Promise<ConversationFactsEntry | undefined> {
    const cached = this.cache.get(conversationId);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.facts;
    // Named, so each connection plans it once (planning cost four times the execution).
    const { rows } = await this.pg.query<FactsRow>({
      name: 'conversation-facts',
      text: `SELECT c.customer_id, c.internal, c.created_at, c.team_id, c.assignee_id,
                    (SELECT array_agg(p.agent_id) FROM conversation_participants p WHERE p.conversation_id = c.id) AS participant_ids
               FROM conversations c WHERE c.id = $1`,
      values: [conversationId],
    });
    const row = rows[0];
    if (!row) return undefined;
    const facts: ConversationFactsEntry = {
      customerId: row.customer_id,
      internal: row.internal,
      createdAt: row.created_at,
      teamId: row.team_id,
      assigneeId: row.assignee_id,
      participantIds: row.participant_ids ?? [],
    };
    this.cache.delete(conversationId);
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(conversationId, { facts, at: Date.now() });
    return facts;
  }

  forget(conversationId: string): void {
    this.cache.delete(conversationId);
  }

  forgetAll(): void {
    this.cache.clear();
  }
}
