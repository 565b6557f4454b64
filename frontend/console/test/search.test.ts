// Message search in the console, without a browser: what a search URL means and how it is written
// back, the request it becomes (checked against the API's own contract), the recent searches kept
// per agent, how a snippet and the understood terms read, and which words a refusal gets.
import { channels, conversationStatuses, SEARCH_MATCH_COUNT_CAP, SEARCH_PAGE_MAX, SEARCH_PREFIX_MIN, SEARCH_QUERY_MAX, SEARCH_TERMS_MAX, searchAuthorKinds, searchQuery, searchSorts } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { RECENT_MAX, recentSearches, recentSearchesKey, type RecentStorage } from '../src/search/recent-searches.js';
import { describeSearchError, PREFIX_MIN, TERMS_MAX } from '../src/search/search-errors.js';
import {
  AUTHOR_KINDS,
  EMPTY_SEARCH,
  filterCount,
  PAGE_SIZE,
  QUERY_MAX,
  readSearchState,
  sameSearch,
  SEARCH_CHANNELS,
  SEARCH_SORTS,
  SEARCH_STATUSES,
  searchPath,
  searchRequest,
  searchStateQuery,
  searchZone,
  type SearchState,
} from '../src/search/search-state.js';
import { MATCH_COUNT_CAP, matchesCapped, pluralCategory, snippetParts, snippetText, termText } from '../src/search/snippet.js';

const TEAM = '0b6f3c1e-8f3a-4a4e-9d42-6f1f0c7f2a10';
const AGENT = '5f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

const search = (overrides: Partial<SearchState> = {}): SearchState => ({ ...EMPTY_SEARCH, ...overrides });

/** A Storage in memory, with a switch to make it refuse writes (private mode, quota). */
function memoryStorage(): RecentStorage & { items: Map<string, string>; refuse: boolean } {
  const items = new Map<string, string>();
  return {
    items,
    refuse: false,
    getItem: (key) => items.get(key) ?? null,
    setItem(key, value) {
      if (this.refuse) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key) => void items.delete(key),
  };
}

describe('the console follows the search contract', () => {
  it('uses the API’s limits, sorts, author kinds, channels and statuses', () => {
    expect(QUERY_MAX).toBe(SEARCH_QUERY_MAX);
    expect(PAGE_SIZE).toBeLessThanOrEqual(SEARCH_PAGE_MAX);
    expect(PREFIX_MIN).toBe(SEARCH_PREFIX_MIN);
    expect(TERMS_MAX).toBe(SEARCH_TERMS_MAX);
    expect(MATCH_COUNT_CAP).toBe(SEARCH_MATCH_COUNT_CAP);
    expect([...SEARCH_SORTS]).toEqual([...searchSorts]);
    expect([...AUTHOR_KINDS]).toEqual([...searchAuthorKinds]);
    expect([...SEARCH_CHANNELS].sort()).toEqual([...channels].sort());
    expect([...SEARCH_STATUSES].sort()).toEqual([...conversationStatuses].sort());
  });
});

describe('a search in the URL', () => {
  it('reads every filter the page offers', () => {
    const state = readSearchState({ q: 'вернуть билеты', team: TEAM, assignee: AGENT.toUpperCase(), channel: 'email', status: 'closed', from: '2026-11-01', to: '2026-11-30', attachment: 'with', author: 'customer', deleted: '1', sort: 'relevance' });
    expect(state).toEqual({ q: 'вернуть билеты', teamId: TEAM, assigneeId: AGENT, channel: 'email', status: 'closed', from: '2026-11-01', to: '2026-11-30', attachment: 'with', author: 'customer', includeDeleted: true, sort: 'relevance' });
  });

  it('leaves out what makes no sense instead of failing', () => {
    const state = readSearchState({ q: 'x'.repeat(500), team: 'not-a-uuid', channel: 'fax', status: 'pending', from: '2026-02-30', to: '26-11-01', attachment: 'maybe', author: 'robot', deleted: 'yes', sort: 'oldest' });
    expect(state).toEqual({ ...EMPTY_SEARCH, q: 'x'.repeat(SEARCH_QUERY_MAX) });
  });

  it('takes the first of a repeated key', () => {
    expect(readSearchState({ q: ['билет', 'отель'], status: ['open', 'closed'] })).toMatchObject({ q: 'билет', status: 'open' });
  });

  it('is written back compactly and read back the same', () => {
    expect(searchStateQuery(EMPTY_SEARCH)).toEqual({ q: undefined, team: undefined, assignee: undefined, channel: undefined, status: undefined, from: undefined, to: undefined, attachment: undefined, author: undefined, deleted: undefined, sort: undefined });
    const state = search({ q: 'возврат "двойное списание"', teamId: TEAM, from: '2026-12-01', attachment: 'without', includeDeleted: true, sort: 'relevance' });
    const query = Object.fromEntries(Object.entries(searchStateQuery(state)).filter((entry): entry is [string, string] => entry[1] !== undefined));
    expect(readSearchState(query)).toEqual(state);
    expect(searchPath(search())).toBe('/search');
    expect(searchPath(search({ q: 'билет & отель', status: 'open' }))).toBe('/search?q=%D0%B1%D0%B8%D0%BB%D0%B5%D1%82+%26+%D0%BE%D1%82%D0%B5%D0%BB%D1%8C&status=open');
    expect(readSearchState(Object.fromEntries(new URLSearchParams(searchPath(state).split('?')[1])))).toEqual(state);
  });

  it('counts the filters that narrow it, not the sort', () => {
    expect(filterCount(search({ q: 'билет', sort: 'relevance' }))).toBe(0);
    expect(filterCount(search({ teamId: TEAM, from: '2026-12-01', includeDeleted: true }))).toBe(3);
  });

  it('is the same search whatever the case and spacing of its words', () => {
    expect(sameSearch(search({ q: '  Билет   отель ' }), search({ q: 'билет отель' }))).toBe(true);
    expect(sameSearch(search({ q: 'билет' }), search({ q: 'билет', status: 'open' }))).toBe(false);
  });
});

describe('the request a search becomes', () => {
  const options = { zone: 'Europe/Moscow', mayIncludeDeleted: true };

  it('is none without words, or with the dates the wrong way round', () => {
    expect(searchRequest(search({ q: '   ' }), options)).toEqual({ problem: 'empty' });
    expect(searchRequest(search({ q: 'билет', from: '2026-12-02', to: '2026-12-01' }), options)).toEqual({ problem: 'dates' });
  });

  it('sends the filters chosen, days as the agent’s whole days, and what the API accepts', () => {
    const request = searchRequest(search({ q: '  вернуть   билеты ', teamId: TEAM, assigneeId: AGENT, channel: 'widget', status: 'open', from: '2026-12-01', to: '2026-12-01', attachment: 'with', author: 'customer', includeDeleted: true, sort: 'relevance' }), options);
    expect(request).toEqual({
      query: {
        q: 'вернуть билеты',
        teamId: TEAM,
        assigneeId: AGENT,
        channel: 'widget',
        status: 'open',
        from: '2026-11-30T21:00:00.000Z',
        to: '2026-12-01T21:00:00.000Z',
        hasAttachment: true,
        author: 'customer',
        includeDeleted: true,
        sort: 'relevance',
        limit: PAGE_SIZE,
      },
    });
    // The query as the API would receive it in a URL: every value as text.
    const sent = Object.fromEntries(Object.entries((request as { query: Record<string, unknown> }).query).map(([key, value]) => [key, String(value)]));
    const parsed = searchQuery.safeParse(sent);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('asks for files or for none, and leaves the attachment filter out when either will do', () => {
    expect(searchRequest(search({ q: 'счёт', attachment: 'without' }), options)).toMatchObject({ query: { hasAttachment: false } });
    expect('hasAttachment' in (searchRequest(search({ q: 'счёт' }), options) as { query: object }).query).toBe(false);
  });

  it('asks for deleted messages only for an agent who may see them, whatever the link says', () => {
    const request = searchRequest(search({ q: 'билет', includeDeleted: true }), { ...options, mayIncludeDeleted: false });
    expect(request).toEqual({ query: { q: 'билет', sort: 'newest', limit: PAGE_SIZE } });
  });

  it('counts days in a zone the browser knows', () => {
    expect(searchZone('Europe/Moscow', 'UTC')).toBe('Europe/Moscow');
    expect(searchZone('Mars/Olympus', 'Asia/Yekaterinburg')).toBe('Asia/Yekaterinburg');
    expect(searchZone(null, undefined)).toBe('UTC');
  });
});

describe('recent searches', () => {
  it('lists the newest first, a repeat moved up rather than listed twice', () => {
    const storage = memoryStorage();
    const recent = recentSearches(storage, AGENT);
    recent.remember(search({ q: 'билет' }));
    recent.remember(search({ q: 'отель', status: 'open' }));
    const list = recent.remember(search({ q: '  БИЛЕТ ' }));
    expect(list.map((entry) => entry.q)).toEqual(['БИЛЕТ', 'отель']);
    // Read back by a new page load, with the filters.
    expect(recentSearches(storage, AGENT).list()).toEqual([search({ q: 'БИЛЕТ' }), search({ q: 'отель', status: 'open' })]);
  });

  it('keeps the same words with other filters as another search', () => {
    const recent = recentSearches(memoryStorage(), AGENT);
    recent.remember(search({ q: 'билет' }));
    expect(recent.remember(search({ q: 'билет', teamId: TEAM }))).toHaveLength(2);
  });

  it(`keeps the last ${RECENT_MAX}`, () => {
    const recent = recentSearches(memoryStorage(), AGENT);
    for (let n = 1; n <= RECENT_MAX + 3; n += 1) recent.remember(search({ q: `запрос ${n}` }));
    const list = recent.list();
    expect(list).toHaveLength(RECENT_MAX);
    expect(list[0]!.q).toBe(`запрос ${RECENT_MAX + 3}`);
    expect(list[RECENT_MAX - 1]!.q).toBe('запрос 4');
  });

  it('does not remember a search without words', () => {
    const recent = recentSearches(memoryStorage(), AGENT);
    expect(recent.remember(search({ q: '  ', status: 'open' }))).toEqual([]);
  });

  it('are each agent’s own', () => {
    const storage = memoryStorage();
    recentSearches(storage, AGENT).remember(search({ q: 'билет' }));
    expect(recentSearches(storage, TEAM).list()).toEqual([]);
    expect([...storage.items.keys()]).toEqual([recentSearchesKey(AGENT)]);
  });

  it('are forgotten by "clear"', () => {
    const storage = memoryStorage();
    const recent = recentSearches(storage, AGENT);
    recent.remember(search({ q: 'билет' }));
    recent.clear();
    expect(recent.list()).toEqual([]);
    expect(recentSearches(storage, AGENT).list()).toEqual([]);
  });

  it('survive a broken or edited entry, and storage that refuses', () => {
    const storage = memoryStorage();
    storage.items.set(recentSearchesKey(AGENT), JSON.stringify([{ q: 'билет', status: 'nonsense' }, 42, null, { q: '' }, { q: ['x'] }, { q: 'отель', team: TEAM }]));
    expect(recentSearches(storage, AGENT).list()).toEqual([search({ q: 'билет' }), search({ q: 'отель', teamId: TEAM })]);
    storage.items.set(recentSearchesKey(AGENT), '{not json');
    expect(recentSearches(storage, AGENT).list()).toEqual([]);
    storage.refuse = true;
    const recent = recentSearches(storage, AGENT);
    expect(recent.remember(search({ q: 'виза' })).map((entry) => entry.q)).toEqual(['виза']);
    expect(recent.list().map((entry) => entry.q)).toEqual(['виза']);
    expect(recentSearches(null, AGENT).remember(search({ q: 'виза' }))).toHaveLength(1);
  });
});

describe('a snippet on screen', () => {
  it('marks the matched parts, one <mark> per run, on one line', () => {
    expect(
      snippetParts([
        { text: '…хочу\nвернуть ', match: false },
        { text: 'билет', match: true },
        { text: 'ы', match: true },
        { text: '', match: false },
        { text: '  на   рейс ', match: false },
        { text: 'SU-100', match: true },
      ]),
    ).toEqual([
      { text: '…хочу вернуть ', match: false },
      { text: 'билеты', match: true },
      { text: ' на рейс ', match: false },
      { text: 'SU-100', match: true },
    ]);
  });

  it('keeps markup in the customer’s text as text', () => {
    const parts = snippetParts([{ text: '<img src=x onerror=alert(1)> ', match: false }, { text: '<b>', match: true }]);
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: '<b>', match: true },
    ]);
    expect(snippetText([{ text: ' Билеты ', match: true }, { text: 'в Казань\n', match: false }])).toBe('Билеты в Казань');
    expect(snippetParts([])).toEqual([]);
  });

  it('shows the terms as typed: phrases in quotes, prefixes with their star', () => {
    expect(termText({ text: 'билет', kind: 'word' }, 'ru')).toBe('билет');
    expect(termText({ text: 'двойное списание', kind: 'phrase' }, 'ru')).toBe('«двойное списание»');
    expect(termText({ text: 'double charge', kind: 'phrase' }, 'en')).toBe('“double charge”');
    expect(termText({ text: '123-q', kind: 'prefix' }, 'en')).toBe('123-q*');
    expect(termText({ text: '123-q*', kind: 'prefix' }, 'en')).toBe('123-q*');
  });

  it('counts matches in the right form: 1 совпадение, 3 совпадения, 5 совпадений', () => {
    expect([1, 3, 5, 11, 21, 22, 25].map((count) => pluralCategory(count, 'ru'))).toEqual(['one', 'few', 'many', 'many', 'one', 'few', 'many']);
    expect([1, 3].map((count) => pluralCategory(count, 'en'))).toEqual(['one', 'other']);
    expect(matchesCapped(SEARCH_MATCH_COUNT_CAP)).toBe(true);
    expect(matchesCapped(SEARCH_MATCH_COUNT_CAP - 1)).toBe(false);
  });
});

describe('a refused search', () => {
  const refusal = (status: number, code: string, details?: unknown) => Object.assign(new Error('server text'), { status, code, details });

  it('explains a query with nothing to search, a short prefix, too many words', () => {
    expect(describeSearchError(refusal(422, 'SC_ERR_UNPROCESSABLE', [{ path: 'q', rule: 'no_terms', message: 'x' }])).kind).toBe('noTerms');
    expect(describeSearchError(refusal(422, 'SC_ERR_UNPROCESSABLE', [{ path: 'q', rule: 'prefix_too_short', message: 'x' }])).kind).toBe('prefixTooShort');
    expect(describeSearchError(refusal(422, 'SC_ERR_UNPROCESSABLE', [{ path: 'querystring.to', rule: 'inverted_range', message: 'x' }])).kind).toBe('invertedRange');
    expect(describeSearchError(refusal(422, 'SC_ERR_UNPROCESSABLE', [{ path: 'q', rule: 'too_many_terms', message: 'x' }])).kind).toBe('tooManyTerms');
    expect(describeSearchError(refusal(422, 'SC_ERR_UNPROCESSABLE', { rule: 'no_terms' })).kind).toBe('noTerms');
    expect(describeSearchError(refusal(422, 'SC_ERR_UNPROCESSABLE', [{ path: 'q', rule: 'something_new' }]))).toEqual({ kind: 'unprocessable', message: 'server text', fields: [] });
  });

  it('says a slow search should be narrowed', () => {
    expect(describeSearchError(refusal(422, 'SC_ERR_SEARCH_TIMEOUT')).kind).toBe('timeout');
  });

  it('names the parameters a validation error names', () => {
    const described = describeSearchError(refusal(400, 'SC_ERR_VALIDATION', [{ path: 'querystring.from', message: 'bad' }, { path: 'querystring.to', message: 'bad' }, { path: 'querystring.from', message: 'again' }]));
    expect(described).toEqual({ kind: 'validation', message: 'server text', fields: ['from', 'to'] });
  });

  it('tells a forbidden filter, too many requests and an unreachable server apart', () => {
    expect(describeSearchError(refusal(403, 'SC_ERR_FORBIDDEN')).kind).toBe('forbidden');
    expect(describeSearchError(refusal(429, 'SC_ERR_RATE_LIMITED')).kind).toBe('rateLimited');
    expect(describeSearchError(refusal(0, 'SC_ERR_NETWORK')).kind).toBe('network');
    expect(describeSearchError(refusal(500, 'SC_ERR_INTERNAL')).kind).toBe('other');
    expect(describeSearchError('boom')).toEqual({ kind: 'other', message: 'boom', fields: [] });
  });
});
