// Rebuilding the search index from the message store: every conversation's messages, month by
// month, written over the index in place (search keeps answering all along, from the rows already
// there), then the rows of messages the store no longer has removed. A row the live indexer wrote
// after the rebuild began is left alone: the indexer read that message later than the rebuild did.
// Conversations are taken in id order, so a rebuild stopped half way can be started again with
// `after` (it prints where it got to).
import type { Logger } from '@smartchat/platform';
import type pg from 'pg';
import { eachLimited } from './each-limited.js';
import { IndexWriter } from './index-writer.js';
import type { MessageSource } from './message-source.js';

export interface ReindexProgress {
  conversationsDone: number;
  conversationsTotal: number;
  messages: number;
  removed: number;
  /** The last conversation finished, in id order (start again after it). */
  lastConversationId: string | null;
  elapsedMs: number;
}

export interface ReindexOptions {
  pool: pg.Pool;
  source: MessageSource;
  logger?: Logger;
  /** Start after this conversation id (a rebuild that was stopped). */
  after?: string;
  /** Conversations read at once from the message store. */
  concurrency?: number;
  /** Called after every batch of conversations. */
  onProgress?: (progress: ReindexProgress) => void;
  signal?: AbortSignal;
}

const BATCH = 200;

export async function reindex(options: ReindexOptions): Promise<ReindexProgress> {
  const writer = new IndexWriter(options.pool);
  const started = new Date();
  const startedAt = performance.now();
  const [{ total }] = (await options.pool.query<{ total: string }>('SELECT count(*) AS total FROM conversations WHERE id > $1', [options.after ?? '00000000-0000-0000-0000-000000000000'])).rows as [{ total: string }];
  const progress: ReindexProgress = { conversationsDone: 0, conversationsTotal: Number(total), messages: 0, removed: 0, lastConversationId: options.after ?? null, elapsedMs: 0 };
  for (;;) {
    options.signal?.throwIfAborted();
    const { rows } = await options.pool.query<{ id: string; created_at: Date }>('SELECT id, created_at FROM conversations WHERE id > $1 ORDER BY id LIMIT $2', [
      progress.lastConversationId ?? '00000000-0000-0000-0000-000000000000',
      BATCH,
    ]);
    if (rows.length === 0) break;
    await eachLimited(rows, options.concurrency ?? 8, async (conversation) => {
      const kept: string[] = [];
      // A message written since the rebuild began is the live indexer's: the rebuild reads to now.
      for await (const documents of options.source.conversation(conversation.id, conversation.created_at, new Date())) {
        await writer.upsert(documents, { unlessIndexedSince: started });
        kept.push(...documents.map((document) => document.messageId));
        progress.messages += documents.length;
      }
      // Awaited first: `removed += await …` would read the total before another worker added to it.
      const removed = await writer.removeOthers(conversation.id, kept, started);
      progress.removed += removed;
    });
    progress.conversationsDone += rows.length;
    progress.lastConversationId = rows.at(-1)!.id;
    progress.elapsedMs = performance.now() - startedAt;
    options.onProgress?.({ ...progress });
  }
  progress.elapsedMs = performance.now() - startedAt;
  options.logger?.info({ ...progress }, 'search index rebuilt');
  return progress;
}
