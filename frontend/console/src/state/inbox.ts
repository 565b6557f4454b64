// The inbox: which list is shown (view, sort, filters), its conversations paged in from the server
// (keyset cursor, so 10,000 conversations load page by page as the list scrolls), the count of every
// view, and how the lists stay live: a changed conversation is fetched again and put in or taken
// out of the list; a lost one (access revoked) disappears at once.
import type { Conversation, InboxConversation, InboxSort, InboxView } from '@smartchat/contracts';
import { ApiError, type ApiPaths } from '@smartchat/frontend-kit';
import { batch, createSignal } from 'solid-js';
import { api, me } from './session.js';

/** The contract's views in the navigation's order (a value import of contracts would bundle zod). */
export const VIEWS = ['mine', 'unassigned', 'teams', 'mentions', 'snoozed', 'all', 'closed'] as const satisfies readonly InboxView[];
export type View = InboxView;
export type Sort = InboxSort;
export type { InboxConversation };

export interface Filters {
  teamId: string;
  /** '' for any. */
  channel: InboxQuery['channel'] | '';
  sla: InboxQuery['sla'] | '';
  q: string;
}

/** The inbox's query, as the document gives it. */
type InboxQuery = NonNullable<NonNullable<ApiPaths['/v1/conversations']['get']['parameters']['query']>>;
export const CHANNEL_FILTERS = ['widget', 'email', 'api', 'internal'] as const satisfies readonly NonNullable<InboxQuery['channel']>[];
export const SLA_FILTERS = ['breached', 'ok'] as const satisfies readonly NonNullable<InboxQuery['sla']>[];

/** A select's value as a filter: one of `allowed`, or '' (any). */
export function filterValue<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return allowed.find((candidate) => candidate === value) ?? '';
}

/**
 * The console is for agents, and the server answers an agent in the agents' shape; the document's
 * lists and conversations also carry the customers' shape (the same routes serve the widget).
 */
export function inAgentsShape<T extends object>(conversation: T): conversation is Extract<T, { channel: unknown }> {
  return 'channel' in conversation;
}

const PAGE = 200;

const [view, setView] = createSignal<View>('mine');
const [sort, setSort] = createSignal<Sort>('priority');
const [filters, setFilters] = createSignal<Filters>({ teamId: '', channel: '', sla: '', q: '' });
const [items, setItems] = createSignal<InboxConversation[]>([]);
const [cursor, setCursor] = createSignal<string | null>(null);
const [loading, setLoading] = createSignal(false);
const [counts, setCounts] = createSignal<Partial<Record<View, number>>>({});
const [loadError, setLoadError] = createSignal<string | null>(null);
/** The newest copy of each conversation seen (list pages, fetches): the open view follows it. */
const [latest, setLatest] = createSignal<Record<string, Conversation>>({});
export { latest };
export function remember(conversations: readonly Conversation[]): void {
  if (!conversations.length) return;
  const next = { ...latest() };
  for (const conversation of conversations) {
    const known = next[conversation.id];
    if (!known || known.updatedAt <= conversation.updatedAt) next[conversation.id] = conversation;
  }
  setLatest(next);
}

export { view, sort, filters, items, loading, counts, loadError };
export const hasMore = () => cursor() !== null;

let generation = 0;

function query(extra: Pick<InboxQuery, 'limit' | 'cursor'>): { params: { query: InboxQuery } } {
  const current = filters();
  return { params: { query: { view: view(), sort: sort(), teamId: current.teamId || undefined, channel: current.channel || undefined, sla: current.sla || undefined, q: current.q.trim() || undefined, ...extra } } };
}

/** Shows another list: the first page replaces what was shown. */
export async function showList(next: { view?: View; sort?: Sort; filters?: Partial<Filters> }): Promise<void> {
  batch(() => {
    if (next.view) setView(next.view);
    if (next.sort) setSort(next.sort);
    if (next.filters) setFilters({ ...filters(), ...next.filters });
  });
  await reload();
}

export async function reload(): Promise<void> {
  const mine = ++generation;
  setLoading(true);
  setLoadError(null);
  try {
    const page = await api.get('/v1/conversations', query({ limit: PAGE }));
    if (mine !== generation) return;
    const conversations = page.conversations.filter(inAgentsShape);
    remember(conversations);
    batch(() => {
      setItems(conversations);
      setCursor(page.nextCursor ?? null);
    });
  } catch (error) {
    if (mine === generation) setLoadError(error instanceof Error ? error.message : String(error));
  } finally {
    if (mine === generation) setLoading(false);
  }
  void refreshCounts();
}

/** The next page, when the list is scrolled near its end. */
export async function loadMore(): Promise<void> {
  const next = cursor();
  if (!next || loading()) return;
  const mine = generation;
  setLoading(true);
  try {
    const page = await api.get('/v1/conversations', query({ limit: PAGE, cursor: next }));
    if (mine !== generation) return;
    const conversations = page.conversations.filter(inAgentsShape);
    remember(conversations);
    const known = new Set(items().map((item) => item.id));
    batch(() => {
      setItems([...items(), ...conversations.filter((item) => !known.has(item.id))]);
      setCursor(page.nextCursor ?? null);
    });
  } catch (error) {
    setLoadError(error instanceof Error ? error.message : String(error));
  } finally {
    setLoading(false);
  }
}

let countsTimer: ReturnType<typeof setTimeout> | undefined;
export function refreshCounts(delayMs = 0): Promise<void> {
  clearTimeout(countsTimer);
  return new Promise((resolve) => {
    countsTimer = setTimeout(() => {
      api
        .get('/v1/conversations/counts')
        .then((result) => setCounts(result.counts))
        .catch(() => undefined)
        .finally(resolve);
    }, delayMs);
  });
}

/** Whether a conversation belongs in the shown list, judged on the client for live updates. */
export function belongs(conversation: Conversation | InboxConversation, shown: View, current: Filters, agentId: string, teamIds: readonly string[]): boolean {
  if (current.teamId && conversation.teamId !== current.teamId) return false;
  // The search (topic, customer name or e-mail contains it, as the server's), where the row says who the customer is.
  const needle = current.q.trim().toLowerCase();
  if (needle && 'customer' in conversation && conversation.customer) {
    const { customer } = conversation;
    if (![conversation.topic, customer.name, customer.email].some((text) => text?.toLowerCase().includes(needle))) return false;
  }
  if (current.channel && conversation.channel !== current.channel) return false;
  if (current.sla === 'breached' && !conversation.slaBreach) return false;
  if (current.sla === 'ok' && conversation.slaBreach) return false;
  switch (shown) {
    case 'mine':
      return conversation.assigneeId === agentId && conversation.status === 'open';
    case 'unassigned':
      return conversation.assigneeId === null && conversation.status === 'open';
    case 'teams':
      return conversation.teamId !== null && teamIds.includes(conversation.teamId) && conversation.status === 'open';
    case 'snoozed':
      return conversation.status === 'snoozed';
    case 'closed':
      return conversation.status === 'closed';
    case 'all':
      return conversation.status === 'open';
    case 'mentions':
      return true;
  }
}

/** A conversation changed (or may have): fetch it and update the list and the counts. */
export async function conversationChanged(id: string): Promise<Conversation | null> {
  let fresh: Conversation | null = null;
  try {
    const answer = await api.get('/v1/conversations/{id}', { params: { path: { id } } });
    fresh = inAgentsShape(answer) ? answer : null;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  if (fresh) remember([fresh]);
  const agent = me();
  if (!fresh || !agent || !belongs(fresh, view(), filters(), agent.id, agent.teamIds)) {
    removeConversation(id);
  } else {
    // GET /v1/conversations/:id carries no customer or preview: upsert keeps what the list had.
    upsert({ customer: null, preview: null, ...fresh });
  }
  void refreshCounts(300);
  return fresh;
}

/**
 * Live lists: a conversation's row as the server pushed it (`inbox:changed`, to agents who may see
 * it): into the shown list or out of it by the list's own rule, and the counts read again soon.
 */
export function listChanged(row: InboxConversation): void {
  remember([row]);
  const agent = me();
  // A row older than the one shown (pushes and fetches can cross) changes nothing.
  const shown = items().find((item) => item.id === row.id);
  if (shown && shown.updatedAt > row.updatedAt) return;
  if (!agent || !belongs(row, view(), filters(), agent.id, agent.teamIds)) removeConversation(row.id);
  else if (view() !== 'mentions' || shown) upsert(row);
  countsAfterPush();
}

/** Live lists: the conversation moved away from where this agent could see it (`inbox:removed`). */
export function listRemoved(id: string): void {
  removeConversation(id);
  countsAfterPush();
}

/**
 * The counts after pushes: read 250 ms after the first push of a burst, and then at most once a
 * second while pushes keep coming (a busy desk pushes all the time; the counts must still move).
 */
const COUNTS_AFTER_PUSH_MS = 250;
const COUNTS_EVERY_MS = 1_000;
let countsPushTimer: ReturnType<typeof setTimeout> | undefined;
let countsPushedAt = 0;
function countsAfterPush(): void {
  if (countsPushTimer) return;
  const wait = Math.max(COUNTS_AFTER_PUSH_MS, countsPushedAt + COUNTS_EVERY_MS - Date.now());
  countsPushTimer = setTimeout(() => {
    countsPushTimer = undefined;
    countsPushedAt = Date.now();
    void refreshCounts();
  }, wait);
}

export function removeConversation(id: string): void {
  if (items().some((item) => item.id === id)) setItems(items().filter((item) => item.id !== id));
}

function upsert(conversation: InboxConversation): void {
  const current = items();
  const index = current.findIndex((item) => item.id === conversation.id);
  // GET /v1/conversations/:id carries no customer or preview: keep what the list had.
  const merged = index >= 0 ? { ...current[index]!, ...conversation, customer: conversation.customer ?? current[index]!.customer, preview: conversation.preview ?? current[index]!.preview } : conversation;
  const without = index >= 0 ? current.filter((_, i) => i !== index) : current;
  const position = without.findIndex((item) => compare(merged, item, sort()) < 0);
  setItems(position < 0 ? (cursor() ? without : [...without, merged]) : [...without.slice(0, position), merged, ...without.slice(position)]);
}

/** The server's order, for placing one updated conversation without a reload. */
export function compare(a: Conversation, b: Conversation, by: Sort): number {
  const time = (value: string | null, missing: number) => (value ? Date.parse(value) : missing);
  if (by === 'recent') return time(b.lastMessageAt, 0) - time(a.lastMessageAt, 0) || a.id.localeCompare(b.id);
  if (by === 'priority' && a.priority !== b.priority) return b.priority - a.priority;
  return time(a.waitingSince, Infinity) - time(b.waitingSince, Infinity) || a.id.localeCompare(b.id);
}
