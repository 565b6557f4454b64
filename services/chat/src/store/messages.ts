// Messages in ScyllaDB/Cassandra: one partition per conversation and month (bucket), newest first.
import { bucketOf, bucketsDescending } from '@smartchat/core';
import type { CqlClient } from '@smartchat/platform';
import cassandra from 'cassandra-driver';
import { randomBytes } from 'node:crypto';

const { TimeUuid, Uuid } = cassandra.types;

import type { AcceptedMessage, Attachment, Message, MessageHistoryEntry, MessageKind } from '@smartchat/contracts';
export type { AcceptedMessage };

// Message ids are version-1 time UUIDs: time (milliseconds plus a 0..9999 sub-millisecond counter),
// then a clock sequence and a node id. Those two are drawn once per process (TimeUuid.now() draws
// them from the system's random source for every id, a measurable cost per message), and the
// counter makes the ids of one process strictly increasing, even within a millisecond or when the
// wall clock steps back. Two processes differ by their random node id and clock sequence.
const processNode = randomBytes(6);
const processClock = randomBytes(2);
let lastMs = 0;
let lastTick = 0;

export function newMessageId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    lastTick = 0;
  } else if (++lastTick >= 10_000) {
    // 10,000 ids in one millisecond: borrow the next one (never reached at real rates)
    lastMs += 1;
    lastTick = 0;
  }
  return TimeUuid.fromDate(new Date(lastMs), lastTick, processNode, processClock).toString();
}
export const messageTime = (id: string): Date => TimeUuid.fromString(id).getDate();

interface MessageRow {
  conversation_id: cassandra.types.Uuid;
  id: cassandra.types.TimeUuid;
  kind: MessageKind;
  author_type: Message['author']['type'];
  author_id: string | null;
  author_name: string | null;
  body: string;
  client_message_id: string | null;
  edited_at: Date | null;
  deleted_at: Date | null;
  attachments: string | null;
}

/** `withOriginal`: keep the body of a deleted message (only for those who may see history). */
function toMessage(row: MessageRow, withOriginal = false): Message {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id.toString(),
    conversationId: row.conversation_id.toString(),
    kind: row.kind,
    author: { type: row.author_type, id: row.author_id, name: row.author_name },
    body: deleted && !withOriginal ? '' : row.body,
    clientMessageId: row.client_message_id,
    createdAt: row.id.getDate().toISOString(),
    editedAt: row.edited_at ? row.edited_at.toISOString() : null,
    deleted,
    attachments: deleted && !withOriginal ? [] : row.attachments ? (JSON.parse(row.attachments) as Attachment[]) : [],
  };
}

export function toMessageDto(message: AcceptedMessage): Message {
  return {
    id: message.id,
    conversationId: message.conversationId,
    kind: message.kind,
    author: message.author,
    body: message.body,
    clientMessageId: message.clientMessageId,
    createdAt: messageTime(message.id).toISOString(),
    editedAt: null,
    deleted: false,
    attachments: message.attachments,
  };
}

/** How far ahead of this process's clock another pod's message ids may be. */
const MAX_CLOCK_SKEW_MS = 60_000;

// Batch limits, kept under the server's batch size warning threshold (see scripts/infra/cassandra.sh).
// Small on purpose: a node applies the rows of one batch one after another, and with group commit
// each row waits for the next commit-log sync (every 2 ms), so a batch of n rows takes about n
// syncs while separate batches run side by side. Five rows per batch halved the persist time of a
// delivery batch against ten, for a little more server CPU per row (docs/architecture.md, "Benchmark").
const MAX_BATCH_STATEMENTS = 5;
const MAX_BATCH_BYTES = 48 * 1024;

const COLUMNS = 'conversation_id, id, kind, author_type, author_id, author_name, body, client_message_id, edited_at, deleted_at, attachments';

export class MessageStore {
  constructor(private readonly cql: CqlClient, private readonly keyspace: string) {}

  /**
   * Idempotent: the primary key is the message id, so a redelivered message overwrites itself.
   * Several messages in as few requests as possible: unlogged batches of at most
   * MAX_BATCH_STATEMENTS rows and about MAX_BATCH_BYTES of bodies each. Unlogged: every row is an
   * idempotent insert, so a batch that half failed is simply retried as a whole.
   */
  async insertMany(messages: AcceptedMessage[]): Promise<void> {
    const chunks: AcceptedMessage[][] = [];
    let current: AcceptedMessage[] = [];
    let bytes = 0;
    for (const message of messages) {
      const size = Buffer.byteLength(message.body) + 256;
      if (current.length > 0 && (current.length >= MAX_BATCH_STATEMENTS || bytes + size > MAX_BATCH_BYTES)) {
        chunks.push(current);
        current = [];
        bytes = 0;
      }
      current.push(message);
      bytes += size;
    }
    if (current.length > 0) chunks.push(current);
    await Promise.all(
      chunks.map((chunk) =>
        chunk.length === 1
          ? this.cql.execute(this.insertQuery, this.insertParams(chunk[0]!), { prepare: true })
          : this.cql.batch(chunk.map((message) => ({ query: this.insertQuery, params: this.insertParams(message) })), { prepare: true, logged: false }),
      ),
    );
  }

  private get insertQuery(): string {
    return `INSERT INTO ${this.keyspace}.messages (conversation_id, bucket, id, kind, author_type, author_id, author_name, body, client_message_id, attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  }

  private insertParams(message: AcceptedMessage): unknown[] {
    return [
      Uuid.fromString(message.conversationId),
      bucketOf(messageTime(message.id)),
      TimeUuid.fromString(message.id),
      message.kind,
      message.author.type,
      message.author.id,
      message.author.name,
      message.body,
      message.clientMessageId,
      // Nulls are bound on purpose: each writes a tombstone cell, but a row that has every column
      // is serialised without a column subset, and binding `unset` instead cost Cassandra about 8%
      // more CPU per message (4 alternating pairs at 1,200 msg/s, 2026-12-03).
      message.attachments.length > 0 ? JSON.stringify(message.attachments) : null,
    ];
  }

  /**
   * Messages newer than `afterId`, oldest first (what a reconnecting client missed), read from the
   * conversation's buckets only: an id older than the conversation (`since`, its creation) starts at
   * its first bucket, and an id from the future has nothing after it. A client sends these ids, so
   * they bound how many buckets are read, not a made-up time.
   */
  async after(conversationId: string, afterId: string, since: Date, limit = 1000): Promise<Message[]> {
    const found: Message[] = [];
    const now = Date.now();
    const afterAt = messageTime(afterId).getTime();
    if (afterAt > now + MAX_CLOCK_SKEW_MS) return found;
    const buckets = bucketsDescending(bucketOf(Math.max(now, afterAt)), bucketOf(Math.max(afterAt, since.getTime()))).reverse();
    for (const bucket of buckets) {
      const result = await this.cql.execute(
        `SELECT ${COLUMNS} FROM ${this.keyspace}.messages WHERE conversation_id = ? AND bucket = ? AND id > ? ORDER BY id ASC LIMIT ?`,
        [Uuid.fromString(conversationId), bucket, TimeUuid.fromString(afterId), limit - found.length],
        { prepare: true },
      );
      found.push(...(result.rows as unknown as MessageRow[]).map((row) => toMessage(row)));
      if (found.length >= limit) break;
    }
    return found;
  }

  /**
   * A page of history, newest first, older than `beforeId` (or the newest), back to `since` (the
   * conversation's creation). A `beforeId` from the future reads from now; one older than `since`
   * has nothing before it.
   */
  async before(conversationId: string, options: { beforeId?: string; limit: number; since: Date }): Promise<Message[]> {
    const found: Message[] = [];
    const now = Date.now();
    const beforeAt = options.beforeId ? messageTime(options.beforeId).getTime() : now;
    if (beforeAt < options.since.getTime() - MAX_CLOCK_SKEW_MS) return found;
    const start = bucketOf(Math.min(Math.max(beforeAt, options.since.getTime()), now + MAX_CLOCK_SKEW_MS));
    const end = Math.min(start, bucketOf(options.since));
    for (const bucket of bucketsDescending(start, end)) {
      const params: unknown[] = [Uuid.fromString(conversationId), bucket];
      let where = 'conversation_id = ? AND bucket = ?';
      if (options.beforeId) {
        where += ' AND id < ?';
        params.push(TimeUuid.fromString(options.beforeId));
      }
      params.push(options.limit - found.length);
      const result = await this.cql.execute(`SELECT ${COLUMNS} FROM ${this.keyspace}.messages WHERE ${where} LIMIT ?`, params, { prepare: true });
      found.push(...(result.rows as unknown as MessageRow[]).map((row) => toMessage(row)));
      if (found.length >= options.limit) break;
    }
    return found;
  }

  async get(conversationId: string, messageId: string, withOriginal = false): Promise<Message | undefined> {
    const result = await this.cql.execute(
      `SELECT ${COLUMNS} FROM ${this.keyspace}.messages WHERE conversation_id = ? AND bucket = ? AND id = ?`,
      [Uuid.fromString(conversationId), bucketOf(messageTime(messageId)), TimeUuid.fromString(messageId)],
      { prepare: true },
    );
    const row = result.first() as unknown as MessageRow | null;
    return row ? toMessage(row, withOriginal) : undefined;
  }

  /**
   * Changes a message and records what it was in message_history first, so that no version is
   * ever lost: edit (new body), delete (marks it; the body stays for history) or restore.
   */
  async change(
    message: Message & { originalBody: string },
    change: { action: 'edit'; body: string } | { action: 'delete' } | { action: 'restore' },
    actorId: string,
  ): Promise<void> {
    const key = [Uuid.fromString(message.conversationId), bucketOf(messageTime(message.id)), TimeUuid.fromString(message.id)];
    const history = {
      query: `INSERT INTO ${this.keyspace}.message_history (conversation_id, message_id, changed_at, action, body, actor_id) VALUES (?, ?, ?, ?, ?, ?)`,
      params: [Uuid.fromString(message.conversationId), TimeUuid.fromString(message.id), TimeUuid.now(), change.action, message.originalBody, actorId],
    };
    const update =
      change.action === 'edit'
        ? { query: `UPDATE ${this.keyspace}.messages SET body = ?, edited_at = ? WHERE conversation_id = ? AND bucket = ? AND id = ?`, params: [change.body, new Date(), ...key] }
        : change.action === 'delete'
          ? { query: `UPDATE ${this.keyspace}.messages SET deleted_at = ?, deleted_by = ? WHERE conversation_id = ? AND bucket = ? AND id = ?`, params: [new Date(), actorId, ...key] }
          : { query: `UPDATE ${this.keyspace}.messages SET deleted_at = null, deleted_by = null WHERE conversation_id = ? AND bucket = ? AND id = ?`, params: key };
    // A logged batch: both rows are written, or neither (they live in different partitions).
    await this.cql.batch([history, update], { prepare: true, logged: true });
  }

  async history(conversationId: string, messageId: string): Promise<MessageHistoryEntry[]> {
    const result = await this.cql.execute(
      `SELECT changed_at, action, body, actor_id FROM ${this.keyspace}.message_history WHERE conversation_id = ? AND message_id = ?`,
      [Uuid.fromString(conversationId), TimeUuid.fromString(messageId)],
      { prepare: true },
    );
    return result.rows.map((row) => ({
      action: row.action as MessageHistoryEntry['action'],
      body: row.body as string,
      actorId: row.actor_id as string | null,
      at: (row.changed_at as cassandra.types.TimeUuid).getDate().toISOString(),
    }));
  }

  /** Every participant's read position in the conversation ("agent:<id>" or "customer:<id>"). */
  async readPositions(conversationId: string): Promise<{ participant: string; messageId: string; readAt: Date }[]> {
    const result = await this.cql.execute(`SELECT participant, last_read_id, read_at FROM ${this.keyspace}.read_state WHERE conversation_id = ?`, [Uuid.fromString(conversationId)], { prepare: true });
    return result.rows.map((row) => ({ participant: row.participant as string, messageId: String(row.last_read_id), readAt: row.read_at as Date }));
  }

  async markRead(conversationId: string, participant: string, messageId: string): Promise<void> {
    await this.cql.execute(
      `INSERT INTO ${this.keyspace}.read_state (conversation_id, participant, last_read_id, read_at) VALUES (?, ?, ?, ?)`,
      [Uuid.fromString(conversationId), participant, TimeUuid.fromString(messageId), new Date()],
      { prepare: true },
    );
  }
}
