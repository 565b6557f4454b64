// The agents' inbox in Postgres: pages of a view (keyset, see inbox-query.ts), the counts of every
// view, and whether an agent may see a customer at all.
import { SmartchatError, type InboxConversation, type InboxCounts } from '@smartchat/contracts';
import type { AgentAccess } from '@smartchat/core';
import type { PgPool } from '@smartchat/platform';
import { toConversation, type ConversationRow } from './conversations.js';
import type { InboxCursor } from './inbox-cursor.js';
import { customerVisibleQuery, INBOX_ROW_COLUMNS, INBOX_ROW_TABLES, inboxCountsQuery, inboxPageQuery, type InboxSelection, type SqlQuery } from './inbox-query.js';

interface InboxRow extends ConversationRow {
  customer_name: string | null;
  customer_email: string | null;
  last_public_kind: 'customer' | 'reply' | null;
  last_public_preview: string | null;
  last_public_at: Date | null;
  sort_key: string[];
}

export function toInboxConversation(row: InboxRow): InboxConversation {
  return {
    ...toConversation(row),
    customer: row.customer_id ? { id: row.customer_id, name: row.customer_name, email: row.customer_email } : null,
    preview: row.last_public_kind && row.last_public_at ? { kind: row.last_public_kind, body: row.last_public_preview ?? '', at: row.last_public_at.toISOString() } : null,
  };
}

export class InboxStore {
  constructor(private readonly pg: PgPool) {}

  /** One page, and the cursor of the next one (null on the last page). */
  async page(access: AgentAccess, selection: InboxSelection): Promise<{ conversations: InboxConversation[]; next: InboxCursor | null }> {
    const rows = await this.run<InboxRow>(inboxPageQuery(access, selection), selection.after !== undefined);
    const more = rows.length > selection.limit;
    const page = more ? rows.slice(0, selection.limit) : rows;
    return { conversations: page.map(toInboxConversation), next: more ? { sort: selection.sort, key: page[page.length - 1]!.sort_key } : null };
  }

  async counts(access: AgentAccess): Promise<InboxCounts> {
    const [row] = await this.run<Record<keyof InboxCounts, string>>(inboxCountsQuery(access), false);
    const count = (view: keyof InboxCounts) => Number(row![view]);
    return { mine: count('mine'), unassigned: count('unassigned'), teams: count('teams'), mentions: count('mentions'), snoozed: count('snoozed'), all: count('all'), closed: count('closed') };
  }

  /** The list rows of `ids` as they are now, whoever may see them (live lists: gateway/list-changes.ts checks each socket). */
  async rows(ids: readonly string[]): Promise<InboxConversation[]> {
    if (ids.length === 0) return [];
    // Not a named statement: `c.*` changes shape with a migration, which a prepared plan would refuse.
    const { rows } = await this.pg.query<InboxRow>({
      text: `SELECT ${INBOX_ROW_COLUMNS} FROM ${INBOX_ROW_TABLES} WHERE c.id = ANY($1::uuid[])`,
      values: [ids],
    });
    return rows.map(toInboxConversation);
  }

  async customerVisible(access: AgentAccess, customerId: string): Promise<boolean> {
    const [row] = await this.run<{ visible: boolean }>(customerVisibleQuery(access, customerId), false);
    return row?.visible ?? false;
  }

  private async run<T>(query: SqlQuery, withCursor: boolean): Promise<T[]> {
    try {
      return (await this.pg.query<T & object>(query.text, query.values)).rows;
    } catch (error) {
      // A cursor's parts passed their format check but not Postgres's (a priority out of range, a
      // 30th of February): still the client's input, not a server error.
      if (withCursor && /^22/.test((error as { code?: string }).code ?? '')) {
        throw new SmartchatError('SC_ERR_VALIDATION', 'The cursor is not valid for this list', [{ path: 'querystring.cursor', message: 'not a cursor from a previous page' }]);
      }
      throw error;
    }
  }
}
