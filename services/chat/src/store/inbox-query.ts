// The SQL of the agents' inbox: which conversations a view holds, narrowed to what the agent may
// see (the same rule as canSeeConversation in @smartchat/core, written as SQL so that LIMIT counts
// visible rows; test/visibility-sql.test.ts proves the two equal over every combination of the
// facts the rule reads), filtered, sorted and continued by keyset. Pure: it builds text and values; the
// store runs them. Lists and counts share the view and access conditions, so a count always
// matches its list.
import { INBOX_CLOSED_COUNT_CAP, inboxViews, type Conversation, type InboxSort, type InboxView } from '@smartchat/contracts';
import type { AgentAccess } from '@smartchat/core';
import type { InboxCursor } from './inbox-cursor.js';

export interface InboxSelection {
  /** Omitted: no view condition and no default status (a customer's context). */
  view?: InboxView;
  /** Replaces the view's default status. */
  status?: Conversation['status'];
  teamId?: string;
  channel?: Conversation['channel'];
  sla?: 'breached' | 'ok';
  q?: string;
  customerId?: string;
  /** Leave out internal conversations. */
  publicOnly?: boolean;
  sort: InboxSort;
  limit: number;
  after?: InboxCursor;
}

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** The status each view shows unless `status` says otherwise; null = any. */
export const VIEW_STATUS: Record<InboxView, Conversation['status'] | null> = {
  mine: 'open',
  unassigned: 'open',
  teams: 'open',
  mentions: null,
  snoozed: 'snoozed',
  all: 'open',
  closed: 'closed',
};

/**
 * Each sort as a key of expressions compared as one row, in one direction, so that "after the last
 * row" is a single row comparison an index can start from. The expressions match the indexes of
 * migration 0006 exactly; `type` casts the cursor's text back.
 */
export const SORT_KEYS: Record<InboxSort, { parts: { sql: string; type: string }[]; direction: 'ASC' | 'DESC' }> = {
  // priority high to low = -priority low to high; nobody waiting = waiting since forever after
  priority: {
    parts: [
      { sql: '(-c.priority)', type: 'smallint' },
      { sql: "COALESCE(c.waiting_since, 'infinity'::timestamptz)", type: 'timestamptz' },
      { sql: 'c.id', type: 'uuid' },
    ],
    direction: 'ASC',
  },
  waiting: {
    parts: [
      { sql: "COALESCE(c.waiting_since, 'infinity'::timestamptz)", type: 'timestamptz' },
      { sql: 'c.id', type: 'uuid' },
    ],
    direction: 'ASC',
  },
  // newest first, never-written-to last
  recent: {
    parts: [
      { sql: "COALESCE(c.last_message_at, '-infinity'::timestamptz)", type: 'timestamptz' },
      { sql: 'c.id', type: 'uuid' },
    ],
    direction: 'DESC',
  },
};

/** Numbered parameters; the agent's id and teams are added once however often they are used. */
export class Parameters {
  readonly values: unknown[] = [];
  private meAt?: string;
  private teamsAt?: string;

  /** Without an agent (a customer's query) only add() may be used. */
  constructor(private readonly access?: AgentAccess) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  me(): string {
    return (this.meAt ??= this.add(this.agent().agentId));
  }

  teams(): string {
    return (this.teamsAt ??= `${this.add([...this.agent().teamIds])}::uuid[]`);
  }

  private agent(): AgentAccess {
    if (!this.access) throw new Error('an agent condition in a query without an agent');
    return this.access;
  }
}

/**
 * What the agent may see, as SQL on `c` (canSeeConversation): their scope's conversations, plus
 * those assigned to them, plus those they were added to or mentioned in. Null when they see all.
 * Message search (search/search-sql.ts) narrows its hits with this same condition.
 */
export function accessCondition(access: AgentAccess, p: Parameters): string | null {
  if (access.scope === 'all') return null;
  const parts = [`c.assignee_id = ${p.me()}`, `EXISTS (SELECT 1 FROM conversation_participants cp WHERE cp.conversation_id = c.id AND cp.agent_id = ${p.me()})`];
  // Their teams' conversations, and customer conversations not yet routed (the common queue).
  if (access.scope === 'teams') parts.push(`c.team_id = ANY(${p.teams()})`, '(c.team_id IS NULL AND NOT c.internal)');
  return `(${parts.join(' OR ')})`;
}

/** Who a view is about (its status aside). */
function viewCondition(view: InboxView, p: Parameters): string | null {
  switch (view) {
    case 'mine':
      return `c.assignee_id = ${p.me()}`;
    case 'unassigned':
      return 'c.assignee_id IS NULL';
    case 'teams':
      return `c.team_id = ANY(${p.teams()})`;
    case 'mentions':
      return `c.id IN (SELECT m.conversation_id FROM mentions m WHERE m.agent_id = ${p.me()})`;
    case 'snoozed':
    case 'all':
    case 'closed':
      return null;
  }
}

/** A list row's columns and tables (store/inbox.ts toInboxConversation): the conversation, its participants, its customer. */
export const INBOX_ROW_COLUMNS = `c.*,
         (SELECT array_agg(pa.agent_id) FROM conversation_participants pa WHERE pa.conversation_id = c.id) AS participants,
         cu.name AS customer_name, cu.email::text AS customer_email`;
export const INBOX_ROW_TABLES = 'conversations c LEFT JOIN customers cu ON cu.id = c.customer_id';

const both = (...conditions: (string | null)[]): string => conditions.filter((condition) => condition !== null).join(' AND ') || 'TRUE';

/** LIKE pattern for "contains", with the pattern characters of the input taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/** One page: `limit + 1` rows, so the caller knows whether another page follows. */
export function inboxPageQuery(access: AgentAccess, selection: InboxSelection): SqlQuery {
  const p = new Parameters(access);
  const where: (string | null)[] = [accessCondition(access, p)];
  const status = selection.status ?? (selection.view ? VIEW_STATUS[selection.view] : null);
  if (status) where.push(`c.status = ${p.add(status)}`);
  if (selection.view) where.push(viewCondition(selection.view, p));
  if (selection.teamId) where.push(`c.team_id = ${p.add(selection.teamId)}`);
  if (selection.channel) where.push(`c.channel = ${p.add(selection.channel)}`);
  if (selection.sla) where.push(selection.sla === 'breached' ? 'c.sla_breach IS NOT NULL' : 'c.sla_breach IS NULL');
  if (selection.customerId) where.push(`c.customer_id = ${p.add(selection.customerId)}`);
  if (selection.publicOnly) where.push('NOT c.internal');
  if (selection.q) {
    const pattern = p.add(containsPattern(selection.q));
    where.push(`(c.topic ILIKE ${pattern} OR c.subject ILIKE ${pattern} OR cu.name ILIKE ${pattern} OR cu.email ILIKE ${pattern})`);
  }
  const key = SORT_KEYS[selection.sort];
  if (selection.after) {
    const after = selection.after.key.map((part, index) => `${p.add(part)}::${key.parts[index]!.type}`);
    where.push(`(${key.parts.map((part) => part.sql).join(', ')}) ${key.direction === 'ASC' ? '>' : '<'} (${after.join(', ')})`);
  }
  const text = `SELECT ${INBOX_ROW_COLUMNS},
         ARRAY[${key.parts.map((part) => `${part.sql}::text`).join(', ')}] AS sort_key
    FROM ${INBOX_ROW_TABLES}
   WHERE ${both(...where)}
   ORDER BY ${key.parts.map((part) => `${part.sql} ${key.direction}`).join(', ')}
   LIMIT ${p.add(selection.limit + 1)}`;
  return { text, values: p.values };
}

/**
 * Every view's count in one statement. Open and snoozed conversations are counted in one pass;
 * mentions (any status) and closed ones (an ever-growing set, counted up to the cap) in subqueries.
 */
export function inboxCountsQuery(access: AgentAccess): SqlQuery {
  const p = new Parameters(access);
  const visible = accessCondition(access, p);
  const columns = inboxViews.map((view) => {
    const status = VIEW_STATUS[view];
    const condition = viewCondition(view, p);
    if (status === 'open' || status === 'snoozed') return `count(*) FILTER (WHERE ${both(`c.status = '${status}'`, condition)}) AS "${view}"`;
    if (status === null) return `(SELECT count(*) FROM conversations c WHERE ${both(visible, condition)}) AS "${view}"`;
    return `(SELECT count(*) FROM (SELECT 1 FROM conversations c WHERE ${both(visible, `c.status = '${status}'`, condition)} LIMIT ${INBOX_CLOSED_COUNT_CAP}) capped) AS "${view}"`;
  });
  return { text: `SELECT ${columns.join(',\n       ')}\n  FROM conversations c WHERE ${both(visible, "c.status IN ('open', 'snoozed')")}`, values: p.values };
}

/** Whether the agent may see at least one conversation of the customer. */
export function customerVisibleQuery(access: AgentAccess, customerId: string): SqlQuery {
  const p = new Parameters(access);
  return { text: `SELECT EXISTS (SELECT 1 FROM conversations c WHERE ${both(`c.customer_id = ${p.add(customerId)}`, accessCondition(access, p))}) AS visible`, values: p.values };
}
