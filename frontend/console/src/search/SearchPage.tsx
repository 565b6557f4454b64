// Message search at /console/search?q=…&<filters>: the query box (searches as the agent types,
// a moment after the last key), the filters, the results by conversation, and the agent's recent
// searches while the box is empty. The URL holds the query and the filters, so a reload or a
// shared link runs the same search. Loaded lazily: the inbox bundle does not grow with it.
import { useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { can, me } from '../state/session.js';
import { focusRequests } from './focus.js';
import { t } from './i18n.js';
import { RecentSearches } from './RecentSearches.jsx';
import { recentSearches, type RecentStorage } from './recent-searches.js';
import { SearchFilters } from './SearchFilters.jsx';
import { SearchResults } from './SearchResults.jsx';
import { createSearchSession } from './search-session.js';
import { QUERY_MAX, readSearchState, searchPath, searchRequest, searchStateQuery, searchZone, type SearchState, type SearchUrlQuery } from './search-state.js';
import './search.css';

/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 300;

function browserStorage(): RecentStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export default function SearchPage() {
  const [params, setParams] = useSearchParams<SearchUrlQuery>();
  const fromUrl = createMemo(() => readSearchState({ ...params }));
  const store = recentSearches(browserStorage(), me()?.id ?? 'unknown');
  const [recent, setRecent] = createSignal(store.list());
  const [announcement, setAnnouncement] = createSignal('');
  const remember = (search: SearchState) => setRecent(store.remember(search));
  // The router moves the address in a transition, which lands a moment later: until it does, the
  // search last asked for is the one shown and the base of the next change (two quick changes,
  // a filter and Enter say, would otherwise each undo the other).
  const [asked, setAsked] = createSignal<SearchState | null>(null);
  let askedPaths: string[] = [];
  const state = createMemo(() => asked() ?? fromUrl(), undefined, { equals: (a, b) => searchPath(a) === searchPath(b) });
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let shownPath = searchPath(fromUrl());
  createEffect(
    on(
      fromUrl,
      (current) => {
        const path = searchPath(current);
        const latest = asked();
        if (latest && path === searchPath(latest)) {
          // The address reached what was asked last.
          askedPaths = [];
          setAsked(null);
        } else if (path !== shownPath && !askedPaths.includes(path)) {
          // It went elsewhere (back, a recent search, a link from the command menu): that search is
          // the agent's now, and what they were typing is dropped.
          askedPaths = [];
          setAsked(null);
          clearTimeout(typingTimer);
          if (current.q.trim()) remember(current);
        }
        shownPath = path;
      },
      { defer: true },
    ),
  );
  const [draft, setDraft] = createSignal(state().q);
  let input!: HTMLInputElement;

  const zone = () => searchZone(me()?.timeZone, Intl.DateTimeFormat().resolvedOptions().timeZone);
  const request = createMemo(() => searchRequest(state(), { zone: zone(), mayIncludeDeleted: can('messages.history') }));
  const problem = () => {
    const current = request();
    return 'problem' in current ? current.problem : null;
  };
  const session = createSearchSession(() => {
    const current = request();
    return 'query' in current ? current.query : null;
  });

  const change = (patch: Partial<SearchState>) => {
    const next = { ...state(), ...patch };
    askedPaths.push(searchPath(next));
    setAsked(next);
    setParams(searchStateQuery(next), { replace: true });
  };

  // Typing: the URL (and so the search) follows a moment after the last key.
  const type = (value: string) => {
    setDraft(value);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => change({ q: value }), TYPING_PAUSE_MS);
  };
  onCleanup(() => clearTimeout(typingTimer));
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    const next = { ...state(), q: draft() };
    if (next.q !== state().q) change({ q: next.q });
    remember(next);
  };
  // The address changed under the box (back, a recent search, a link): the box follows it.
  // (A memo: a change of filters alone leaves the box as it is.)
  const askedQuery = createMemo(() => state().q);
  createEffect(on(askedQuery, (q) => q !== draft() && setDraft(q), { defer: true }));

  const focusBox = () => {
    input.focus();
    input.select();
  };
  createEffect(on(focusRequests, focusBox, { defer: true }));
  onMount(() => {
    focusBox();
    // Opened with a query (a link, a reload, "search all messages" in the command menu): a search the agent ran.
    if (state().q.trim()) remember(state());
  });

  const clearRecent = () => {
    store.clear();
    setRecent([]);
    setAnnouncement(t('search.recent.cleared'));
    input.focus();
  };

  return (
    <main class="search-page" aria-labelledby="search-title" data-testid="search-page">
      <h1 id="search-title" class="search-title">
        {t('search.title')}
      </h1>
      <form role="search" aria-label={t('search.form')} class="search-form" onSubmit={submit} data-testid="search-form">
        <div class="search-box">
          <label for="search-q" class="visually-hidden">
            {t('search.query')}
          </label>
          <input
            ref={input}
            id="search-q"
            class="input"
            type="search"
            autocomplete="off"
            spellcheck={false}
            maxLength={QUERY_MAX}
            placeholder={t('search.placeholder')}
            aria-describedby="search-hint"
            value={draft()}
            onInput={(event) => type(event.currentTarget.value)}
            data-testid="search-input"
          />
          <button type="submit" class="button primary" data-testid="search-submit">
            {t('search.submit')}
          </button>
        </div>
        <p id="search-hint" class="muted search-hint">
          {t('search.hint')}
        </p>
        <SearchFilters state={state()} onChange={change} />
      </form>
      <Show when={problem() === 'empty'}>
        <p class="muted search-empty-query" data-testid="search-enter-query">
          {t('search.enterQuery')}
        </p>
        <RecentSearches searches={recent()} onClear={clearRecent} />
      </Show>
      <Show when={problem() === 'dates'}>
        <p class="error-text" role="alert" data-testid="search-dates-problem">
          {t('search.datesInverted')}
        </p>
      </Show>
      <Show when={problem() === null}>
        <SearchResults session={session} onOpen={() => remember(state())} />
      </Show>
      <p class="visually-hidden" role="status">
        {announcement()}
      </p>
    </main>
  );
}
