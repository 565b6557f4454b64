// The command menu's look into messages: once the typed text has a couple of characters, a search
// for it a moment after the last key (the previous request aborted, a late answer dropped), a
// handful of conversations with their newest matching message.
import type { AgentSearchResult } from '@smartchat/contracts';
import { batch, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { searchMessages } from './search-api.js';
import { normalisedQuery, QUERY_MAX } from './search-state.js';

/** Fewer characters than this search nothing (every message has an "a"). */
export const QUICK_MIN_CHARS = 2;
export const QUICK_PAUSE_MS = 250;
export const QUICK_LIMIT = 5;

export interface QuickSearch {
  /** The text is long enough to be searched. */
  active: Accessor<boolean>;
  /** What the text is, as searched (normalised, at most QUERY_MAX characters). */
  query: Accessor<string>;
  results: Accessor<readonly AgentSearchResult[]>;
  loading: Accessor<boolean>;
  error: Accessor<unknown>;
}

export function createQuickSearch(text: Accessor<string>): QuickSearch {
  // A memo: a key that leaves the searched text as it was (a trailing space) starts nothing.
  const query = createMemo(() => normalisedQuery(text()).slice(0, QUERY_MAX));
  const active = () => query().length >= QUICK_MIN_CHARS;
  const [results, setResults] = createSignal<readonly AgentSearchResult[]>([]);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;

  const run = async (q: string) => {
    const mine = new AbortController();
    controller = mine;
    try {
      const page = await searchMessages({ q, limit: QUICK_LIMIT, sort: 'newest' }, mine.signal);
      if (mine.signal.aborted) return;
      batch(() => {
        setResults(page.results.slice(0, QUICK_LIMIT));
        setError(null);
        setLoading(false);
      });
    } catch (failure) {
      if (mine.signal.aborted) return;
      batch(() => {
        setResults([]);
        setError(() => failure);
        setLoading(false);
      });
    }
  };

  createEffect(
    on(query, (q) => {
      clearTimeout(timer);
      controller?.abort();
      controller = null;
      if (q.length < QUICK_MIN_CHARS) {
        batch(() => {
          setResults([]);
          setError(null);
          setLoading(false);
        });
        return;
      }
      setLoading(true);
      timer = setTimeout(() => void run(q), QUICK_PAUSE_MS);
    }),
  );
  onCleanup(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  return { active, query, results, loading, error };
}
