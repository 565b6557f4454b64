// The customer's search over their own conversations (GET /v1/search with their token; customers
// may send only q, limit and cursor): what is in the field, the request that follows typing
// (debounced, the previous one aborted), the results found so far and further pages.
import type { CustomerSearchResult, SearchResponse } from '@smartchat/contracts';
import type { Api } from '@smartchat/frontend-kit';
import { createSignal, onCleanup } from 'solid-js';
import { createDebouncedRequest } from './debounced-request.js';
import { searchableQuery, searchProblem, type SearchProblem } from './search-rules.js';

/** Typing must pause this long before a search goes out. */
const SEARCH_DELAY_MS = 300;
const SEARCH_PAGE_SIZE = 20;

interface SearchPage {
  results: CustomerSearchResult[];
  nextCursor: string | null;
}

export type SearchState =
  /** The field holds fewer than two characters: the normal list is shown. */
  | { status: 'idle' }
  /** A search for `query` is waiting for typing to pause or for its answer. */
  | { status: 'searching'; query: string }
  | { status: 'found'; query: string; results: readonly CustomerSearchResult[]; nextCursor: string | null; loadingMore: boolean; moreProblem: SearchProblem | null }
  | { status: 'failed'; query: string; problem: SearchProblem };

/** The server answers customers in the customers' shape; the contract's list also has the agents'. */
function isCustomerResult(result: SearchResponse['results'][number]): result is CustomerSearchResult {
  return !('channel' in result.conversation);
}

async function searchOwnConversations(api: Api, q: string, signal: AbortSignal, cursor?: string): Promise<SearchPage> {
  const page: SearchResponse = await api.get('/v1/search', { params: { query: { q, limit: SEARCH_PAGE_SIZE, ...(cursor ? { cursor } : {}) } }, signal });
  return { results: page.results.filter(isCustomerResult), nextCursor: page.nextCursor };
}

export type ConversationSearch = ReturnType<typeof createConversationSearch>;

export function createConversationSearch(api: Api) {
  const [input, setInput] = createSignal('');
  const [state, setState] = createSignal<SearchState>({ status: 'idle' });
  /** The results shown while the next query is on its way, so that the list does not flicker. */
  const [previous, setPrevious] = createSignal<readonly CustomerSearchResult[]>([]);
  let more: AbortController | null = null;

  const request = createDebouncedRequest<string, SearchPage>({
    delayMs: SEARCH_DELAY_MS,
    run: (q, signal) => searchOwnConversations(api, q, signal),
    onAnswer: (page, query) => {
      setPrevious(page.results);
      setState({ status: 'found', query, results: page.results, nextCursor: page.nextCursor, loadingMore: false, moreProblem: null });
    },
    onError: (error, query) => {
      setPrevious([]);
      setState({ status: 'failed', query, problem: searchProblem(error) });
    },
  });

  const search = (value: string, now: boolean) => {
    setInput(value);
    const query = searchableQuery(value);
    const current = state();
    if (query !== null && current.status !== 'idle' && current.query === query && !now) return;
    more?.abort();
    more = null;
    if (query === null) {
      request.cancel();
      setPrevious([]);
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'searching', query });
    if (now) request.runNow(query);
    else request.schedule(query);
  };

  async function loadMore(): Promise<void> {
    const current = state();
    if (current.status !== 'found' || !current.nextCursor || current.loadingMore) return;
    const controller = new AbortController();
    more = controller;
    setState({ ...current, loadingMore: true, moreProblem: null });
    try {
      const page = await searchOwnConversations(api, current.query, controller.signal, current.nextCursor);
      if (more !== controller) return;
      const known = new Set(current.results.map((result) => result.conversation.id));
      const results = [...current.results, ...page.results.filter((result) => !known.has(result.conversation.id))];
      setPrevious(results);
      setState({ ...current, results, nextCursor: page.nextCursor, loadingMore: false });
    } catch (error) {
      if (more !== controller) return;
      setState({ ...current, loadingMore: false, moreProblem: searchProblem(error) });
    } finally {
      if (more === controller) more = null;
    }
  }

  onCleanup(() => {
    request.cancel();
    more?.abort();
  });

  return {
    /** What is in the field. */
    input,
    state,
    found: () => {
      const current = state();
      return current.status === 'found' ? current : null;
    },
    failed: () => {
      const current = state();
      return current.status === 'failed' ? current : null;
    },
    /** The conversations to show: this query's, or the last query's while this one is on its way. */
    results: (): readonly CustomerSearchResult[] => {
      const current = state();
      return current.status === 'found' ? current.results : current.status === 'searching' ? previous() : [];
    },
    /** The field changed: search once typing pauses. */
    type: (value: string) => search(value, false),
    /** Search now (Enter, retry). */
    submit: () => search(input(), true),
    clear: () => search('', false),
    loadMore,
  };
}
