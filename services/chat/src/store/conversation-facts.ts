// The facts about a conversation that never change after it is created (its customer, whether it
// is internal, when it started), cached in-process: the send path asks for them on every message.
import type { PgPool } from '@smartchat/platform';

export interface ConversationFactsEntry {
  customerId: string | null;
  internal: boolean;
  createdAt: Date;
}

export class ConversationFacts {
  private readonly cache = new Map<string, ConversationFactsEntry>();

  constructor(private readonly pg: PgPool, private readonly cacheSize = 100_000) {}

  async get(conversationId: string): Promise<ConversationFactsEntry | undefined> {
    const cached = this.cache.get(conversationId);
    if (cached) return cached;
    const { rows } = await this.pg.query<{ customer_id: string | null; internal: boolean; created_at: Date }>(
      'SELECT customer_id, internal, created_at FROM conversations WHERE id = $1',
      [conversationId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const facts = { customerId: row.customer_id, internal: row.internal, createdAt: row.created_at };
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(conversationId, facts);
    return facts;
  }
}
