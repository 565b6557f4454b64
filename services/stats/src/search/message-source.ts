// What the search index is made of, read from the message store (Cassandra/ScyllaDB): a message's
// kind, text and file names, and whether it is deleted. The index never trusts an event's copy of a
// message (events carry none): it reads the message as it is now, so replaying any event, in any
// order, leaves the index holding the message's current state.
import { bucketOf, plainText } from '@smartchat/core';
import type { CqlClient } from '@smartchat/platform';
import cassandra from 'cassandra-driver';

const { TimeUuid, Uuid } = cassandra.types;

export type IndexedKind = 'customer' | 'reply' | 'note' | 'system' | 'notice';

/** One row of search_messages, before its lexemes are computed (in SQL). */
export interface IndexDocument {
  messageId: string;
  conversationId: string;
  createdAt: Date;
  kind: IndexedKind;
  /** The body without markup, then the names of its files, each on a line of its own. */
  text: string;
  hasAttachment: boolean;
  deleted: boolean;
}

interface MessageRow {
  id: cassandra.types.TimeUuid;
  kind: IndexedKind;
  body: string | null;
  attachments: string | null;
  deleted_at: Date | null;
}

const COLUMNS = 'id, kind, body, attachments, deleted_at';

/** A message's time: its id is the timeuuid it was given when accepted. */
export const messageTime = (messageId: string): Date => TimeUuid.fromString(messageId).getDate();

/** The text a message is found by: control characters (which the highlighter uses as markers) become spaces. */
export function indexedText(body: string, attachmentNames: readonly string[]): string {
  // eslint-disable-next-line no-control-regex
  const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
  const parts = [clean(plainText(body)).trim(), ...attachmentNames.map((name) => clean(name).trim())];
  return parts.filter((part) => part !== '').join('\n');
}

function toDocument(conversationId: string, row: MessageRow): IndexDocument {
  let names: string[] = [];
  if (row.attachments) {
    try {
      names = (JSON.parse(row.attachments) as { name?: unknown }[]).map((attachment) => (typeof attachment.name === 'string' ? attachment.name : '')).filter((name) => name !== '');
    } catch {
      names = [];
    }
  }
  return {
    messageId: row.id.toString(),
    conversationId,
    createdAt: row.id.getDate(),
    kind: row.kind,
    text: indexedText(row.body ?? '', names),
    hasAttachment: names.length > 0,
    deleted: row.deleted_at !== null,
  };
}

export class MessageSource {
  constructor(
    private readonly cql: CqlClient,
    private readonly keyspace: string,
  ) {}

  /** The message as it is now; undefined when the store has no such message. */
  async get(conversationId: string, messageId: string): Promise<IndexDocument | undefined> {
    const id = TimeUuid.fromString(messageId);
    const result = await this.cql.execute(
      `SELECT ${COLUMNS} FROM ${this.keyspace}.messages WHERE conversation_id = ? AND bucket = ? AND id = ?`,
      [Uuid.fromString(conversationId), bucketOf(id.getDate()), id],
      { prepare: true },
    );
    const row = result.first() as unknown as MessageRow | null;
    return row ? toDocument(conversationId, row) : undefined;
  }

  /** Every message of a conversation, month by month from `since` to `until` (a rebuild). */
  async *conversation(conversationId: string, since: Date, until: Date): AsyncGenerator<IndexDocument[]> {
    const last = bucketOf(until);
    for (let month = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), 1)); bucketOf(month) <= last; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
      let pageState: string | undefined;
      do {
        const result = await this.cql.execute(`SELECT ${COLUMNS} FROM ${this.keyspace}.messages WHERE conversation_id = ? AND bucket = ?`, [Uuid.fromString(conversationId), bucketOf(month)], {
          prepare: true,
          fetchSize: 1000,
          ...(pageState ? { pageState } : {}),
        });
        if (result.rows.length > 0) yield (result.rows as unknown as MessageRow[]).map((row) => toDocument(conversationId, row));
        pageState = result.pageState ?? undefined;
      } while (pageState);
    }
  }
}
