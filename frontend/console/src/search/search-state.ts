// What the search page asks for, kept in the URL's query (so a reload or a shared link runs the
// same search): the query text and the filters. Read leniently (a value that makes no sense is left
// out), written compactly (defaults are left out), and turned into GET /v1/search's parameters with
// the days of the date range as instants in the agent's time zone. Pure, tested without a browser.
import type { Conversation, SEARCH_QUERY_MAX, SearchQuery, searchAuthorKinds, searchSorts } from '@smartchat/contracts';
import { addDays, startOfDay } from '../statistics/zone.js';

// The contract's limits, pinned by type (a value import of contracts would bundle zod).
export const QUERY_MAX = 200 satisfies typeof SEARCH_QUERY_MAX;
/** Conversations per page (the contract's SEARCH_PAGE_MAX is the most; a unit test holds this to it). */
export const PAGE_SIZE = 20;

export type Channel = Conversation['channel'];
export type Status = Conversation['status'];
export type SearchSort = (typeof searchSorts)[number];
export type AuthorKind = (typeof searchAuthorKinds)[number];
export type AttachmentFilter = 'with' | 'without';

// Every channel and status (the records make a new one in the contract a compile error here).
const CHANNEL_NAMES: Record<Channel, true> = { widget: true, email: true, api: true, internal: true };
const STATUS_NAMES: Record<Status, true> = { open: true, snoozed: true, closed: true };
export const SEARCH_CHANNELS = Object.keys(CHANNEL_NAMES) as Channel[];
export const SEARCH_STATUSES = Object.keys(STATUS_NAMES) as Status[];
export const SEARCH_SORTS = ['newest', 'relevance'] as const satisfies typeof searchSorts;
export const AUTHOR_KINDS = ['customer', 'agent', 'system'] as const satisfies typeof searchAuthorKinds;
export const ATTACHMENT_FILTERS = ['with', 'without'] as const satisfies readonly AttachmentFilter[];

export interface SearchState {
  /** As typed; trimmed only when sent. */
  q: string;
  /** '' for any, in every filter. */
  teamId: string;
  assigneeId: string;
  channel: Channel | '';
  status: Status | '';
  /** Calendar days (yyyy-mm-dd), both included, in the agent's time zone. */
  from: string;
  to: string;
  attachment: AttachmentFilter | '';
  author: AuthorKind | '';
  includeDeleted: boolean;
  sort: SearchSort;
}

export const EMPTY_SEARCH: SearchState = { q: '', teamId: '', assigneeId: '', channel: '', status: '', from: '', to: '', attachment: '', author: '', includeDeleted: false, sort: 'newest' };

/** The URL's keys, short so that links stay readable. */
export const URL_KEYS = ['q', 'team', 'assignee', 'channel', 'status', 'from', 'to', 'attachment', 'author', 'deleted', 'sort'] as const;
export type SearchUrlKey = (typeof URL_KEYS)[number];
export type SearchUrlQuery = Partial<Record<SearchUrlKey, string | string[]>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written yyyy-mm-dd (what a date field gives), else ''. */
export function dayOrEmpty(value: string | undefined): string {
  const match = value ? DAY.exec(value) : null;
  if (!match) return '';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value! : '';
}

function one<T extends string>(value: string | undefined, allowed: readonly T[]): T | '' {
  return allowed.find((candidate) => candidate === value) ?? '';
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const uuidOrEmpty = (value: string | undefined) => (value && UUID.test(value) ? value.toLowerCase() : '');

/** The search a URL query describes. */
export function readSearchState(query: SearchUrlQuery): SearchState {
  const value = (key: SearchUrlKey) => single(query[key]);
  return {
    q: (value('q') ?? '').slice(0, QUERY_MAX),
    teamId: uuidOrEmpty(value('team')),
    assigneeId: uuidOrEmpty(value('assignee')),
    channel: one(value('channel'), SEARCH_CHANNELS),
    status: one(value('status'), SEARCH_STATUSES),
    from: dayOrEmpty(value('from')),
    to: dayOrEmpty(value('to')),
    attachment: one(value('attachment'), ATTACHMENT_FILTERS),
    author: one(value('author'), AUTHOR_KINDS),
    includeDeleted: value('deleted') === '1',
    sort: one(value('sort'), SEARCH_SORTS) || 'newest',
  };
}

/** The URL query for a search (undefined leaves a key out, or removes it from the address). */
export function searchStateQuery(state: SearchState): Record<SearchUrlKey, string | undefined> {
  const or = (value: string) => value || undefined;
  return {
    q: or(state.q),
    team: or(state.teamId),
    assignee: or(state.assigneeId),
    channel: or(state.channel),
    status: or(state.status),
    from: or(state.from),
    to: or(state.to),
    attachment: or(state.attachment),
    author: or(state.author),
    deleted: state.includeDeleted ? '1' : undefined,
    sort: state.sort === 'newest' ? undefined : state.sort,
  };
}

/** The search page's address for a search, as the router takes it (under /console). */
export function searchPath(state: SearchState): string {
  const entries = Object.entries(searchStateQuery(state)).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return entries.length ? `/search?${new URLSearchParams(entries).toString()}` : '/search';
}

/** The query as the server reads it: surrounding and repeated white space do not matter. */
export function normalisedQuery(q: string): string {
  return q.replace(/\s+/g, ' ').trim();
}

/** How many filters narrow the search (the sort is not one). */
export function filterCount(state: SearchState): number {
  return [state.teamId, state.assigneeId, state.channel, state.status, state.from, state.to, state.attachment, state.author].filter(Boolean).length + (state.includeDeleted ? 1 : 0);
}

/** The same search: the same words (case and spacing aside), filters and sort. */
export function sameSearch(a: SearchState, b: SearchState): boolean {
  return searchPath({ ...a, q: normalisedQuery(a.q).toLocaleLowerCase() }) === searchPath({ ...b, q: normalisedQuery(b.q).toLocaleLowerCase() });
}

/** GET /v1/search's parameters (the contract's, as the API reads them after parsing). */
export type SearchApiQuery = Pick<SearchQuery, 'q'> & Partial<Omit<SearchQuery, 'q'>>;

export type SearchRequest = { query: SearchApiQuery } | { problem: 'empty' | 'dates' };

/**
 * The request for a search, or why there is none yet: no words, or a date range that ends before
 * it starts. The days are the agent's (`zone`): "to" includes that whole day. Deleted messages are
 * asked for only by those who may see them (`mayIncludeDeleted`: messages.history), whatever the
 * link says.
 */
export function searchRequest(state: SearchState, options: { zone: string; mayIncludeDeleted: boolean; limit?: number }): SearchRequest {
  const q = normalisedQuery(state.q);
  if (!q) return { problem: 'empty' };
  if (state.from && state.to && state.from > state.to) return { problem: 'dates' };
  const query: SearchApiQuery = { q, sort: state.sort, limit: options.limit ?? PAGE_SIZE };
  if (state.teamId) query.teamId = state.teamId;
  if (state.assigneeId) query.assigneeId = state.assigneeId;
  if (state.channel) query.channel = state.channel;
  if (state.status) query.status = state.status;
  if (state.from) query.from = startOfDay(state.from, options.zone).toISOString();
  if (state.to) query.to = startOfDay(addDays(state.to, 1), options.zone).toISOString();
  if (state.attachment) query.hasAttachment = state.attachment === 'with';
  if (state.author) query.author = state.author;
  if (state.includeDeleted && options.mayIncludeDeleted) query.includeDeleted = true;
  return { query };
}

/** A time zone the browser knows: the agent's profile's, else the browser's own, else UTC. */
export function searchZone(profileZone: string | null | undefined, browserZone: string | undefined): string {
  for (const zone of [profileZone, browserZone]) {
    if (!zone) continue;
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone;
    } catch {
      // Not a zone this browser knows: try the next.
    }
  }
  return 'UTC';
}
