// Writes search_messages: upserts of documents read from the message store, in one statement per
// batch, and the removal of messages the store no longer has. A document's lexemes are computed by
// PostgreSQL (smartchat_search_vector, migration 0017), the same function queries use.
import type pg from 'pg';
import { isMissingPartition, MonthPartitions } from '../pipeline/partitions.js';
import type { IndexDocument } from './message-source.js';

export class IndexWriter {
  private readonly partitions: MonthPartitions;

  constructor(private readonly pool: pg.Pool) {
    this.partitions = new MonthPartitions(pool, 'search_messages');
  }

  /**
   * Writes the documents (the last of each message counts). `unlessIndexedSince`: a rebuild leaves
   * alone a row the live indexer wrote after the rebuild began (it read the message later).
   */
  async upsert(documents: readonly IndexDocument[], options: { unlessIndexedSince?: Date } = {}): Promise<void> {
    const byMessage = new Map(documents.map((document) => [document.messageId, document]));
    if (byMessage.size === 0) return;
    const rows = [...byMessage.values()];
    const months = new Map(rows.map((row) => [`${row.createdAt.getUTCFullYear()}-${row.createdAt.getUTCMonth()}`, row.createdAt]));
    for (const at of months.values()) await this.partitions.ensure(at);
    const guard = options.unlessIndexedSince ? 'WHERE search_messages.indexed_at < $8' : '';
    const values: unknown[] = [
      rows.map((row) => row.createdAt.toISOString()),
      rows.map((row) => row.messageId),
      rows.map((row) => row.conversationId),
      rows.map((row) => row.kind),
      rows.map((row) => row.text),
      rows.map((row) => row.hasAttachment),
      rows.map((row) => row.deleted),
      ...(options.unlessIndexedSince ? [options.unlessIndexedSince.toISOString()] : []),
    ];
    try {
      await this.pool.query(
        `INSERT INTO search_messages (created_at, message_id, conversation_id, kind, body, has_attachment, deleted, tsv)
         SELECT r.created_at, r.message_id, r.conversation_id, r.kind, r.body, r.has_attachment, r.deleted, smartchat_search_vector(r.body)
           FROM unnest($1::timestamptz[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::boolean[], $7::boolean[])
                AS r(created_at, message_id, conversation_id, kind, body, has_attachment, deleted)
         ON CONFLICT (created_at, message_id) DO UPDATE
            SET kind = EXCLUDED.kind, body = EXCLUDED.body, has_attachment = EXCLUDED.has_attachment, deleted = EXCLUDED.deleted,
                tsv = EXCLUDED.tsv, indexed_at = clock_timestamp()
          ${guard}`,
        values,
      );
    } catch (error) {
      // Someone dropped a partition this process had seen: look again next time (the batch is retried).
      if (isMissingPartition(error)) for (const at of months.values()) this.partitions.forget(at);
      throw error;
    }
  }

  /** Removes messages the store does not have (any more). */
  async remove(messages: readonly { messageId: string; createdAt: Date }[]): Promise<void> {
    if (messages.length === 0) return;
    await this.pool.query('DELETE FROM search_messages WHERE (created_at, message_id) IN (SELECT * FROM unnest($1::timestamptz[], $2::uuid[]))', [
      messages.map((message) => message.createdAt.toISOString()),
      messages.map((message) => message.messageId),
    ]);
  }

  /** A rebuild: of a conversation's rows older than `before`, those not among `keep` (the store no longer has them). */
  async removeOthers(conversationId: string, keep: readonly string[], before: Date): Promise<number> {
    const result = await this.pool.query('DELETE FROM search_messages WHERE conversation_id = $1 AND indexed_at < $3 AND NOT (message_id = ANY($2::uuid[]))', [conversationId, keep, before.toISOString()]);
    return result.rowCount ?? 0;
  }
}
