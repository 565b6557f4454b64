// One search as the page runs it: the first page whenever the request changes (the request before
// it aborted, its late answer dropped), then further pages by the keyset cursor on demand. The last
// results stay on screen while the next search runs, so the list does not flicker while typing.
import type { AgentSearchResult } from '@smartchat/contracts';
import { batch, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { searchMessages, type SearchPage } from './search-api.js';
import type { SearchApiQuery } from './search-state.js';

export type SearchPhase = 'idle' | 'loading' | 'done' | 'error';

export interface SearchSession {
  phase: Accessor<SearchPhase>;
  results: Accessor<readonly AgentSearchResult[]>;
  terms: Accessor<SearchPage['terms']>;
  hasMore: Accessor<boolean>;
  loadingMore: Accessor<boolean>;
  /** The failure of the first page or of a further one. */
  error: Accessor<unknown>;
  /** The next page; resolves with how many conversations it added. */
  loadMore(): Promise<number>;
  /** Asks again for what failed. */
  retry(): void;
}

export function createSearchSession(request: Accessor<SearchApiQuery | null>, onResults?: (query: SearchApiQuery) => void): SearchSession {
  const [phase, setPhase] = createSignal<SearchPhase>('idle');
  const [results, setResults] = createSignal<readonly AgentSearchResult[]>([]);
  const [terms, setTerms] = createSignal<SearchPage['terms']>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  let controller: AbortController | null = null;
  let current: SearchApiQuery | null = null;

  const start = async (query: SearchApiQuery | null) => {
    controller?.abort();
    controller = null;
    current = query;
    setLoadingMore(false);
    if (!query) {
      batch(() => {
        setPhase('idle');
        setResults([]);
        setTerms([]);
        setCursor(null);
        setError(null);
      });
      return;
    }
    const mine = new AbortController();
    controller = mine;
    batch(() => {
      setPhase('loading');
      setError(null);
    });
    try {
      const page = await searchMessages(query, mine.signal);
      if (mine.signal.aborted) return;
      batch(() => {
        setResults(page.results);
        setTerms(page.terms);
        setCursor(page.nextCursor);
        setPhase('done');
      });
      onResults?.(query);
    } catch (failure) {
      if (mine.signal.aborted) return;
      batch(() => {
        setResults([]);
        setTerms([]);
        setCursor(null);
        setError(() => failure);
        setPhase('error');
      });
    }
  };

  const loadMore = async (): Promise<number> => {
    const after = cursor();
    const mine = controller;
    const query = current;
    if (!after || !mine || !query || loadingMore() || phase() !== 'done') return 0;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await searchMessages({ ...query, cursor: after }, mine.signal);
      if (mine.signal.aborted) return 0;
      // A conversation already shown (it got a newer match meanwhile) is not listed twice.
      const shown = new Set(results().map((result) => result.conversation.id));
      const added = page.results.filter((result) => !shown.has(result.conversation.id));
      batch(() => {
        setResults([...results(), ...added]);
        setCursor(page.nextCursor);
      });
      return added.length;
    } catch (failure) {
      if (!mine.signal.aborted) setError(() => failure);
      return 0;
    } finally {
      if (!mine.signal.aborted) setLoadingMore(false);
    }
  };

  // Compared as text: the same search asked again (a new object, same values) does not run again.
  const key = createMemo(() => JSON.stringify(request()));
  createEffect(on(key, () => void start(request())));
  onCleanup(() => controller?.abort());

  return {
    phase,
    results,
    terms,
    hasMore: () => cursor() !== null,
    loadingMore,
    error,
    loadMore,
    // A failed further page is asked again; a failed first page starts the search again.
    retry: () => void (phase() === 'done' ? loadMore() : start(request())),
  };
}
