// The agent's last searches (query and filters), newest first, kept in the browser per agent so
// that two agents sharing a computer do not see each other's. Stored as the URL query the search
// page uses and read back through the same lenient reader, so an entry from an older console (or
// edited by hand) never breaks the page. Storage that refuses (private mode, quota) is not an
// error: the list then lasts as long as the page.
import { normalisedQuery, readSearchState, sameSearch, searchStateQuery, type SearchState, type SearchUrlQuery } from './search-state.js';

export const RECENT_MAX = 10;

export type RecentStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface RecentSearches {
  list(): SearchState[];
  /** Puts a search first (a repeat moves up, it is not listed twice); returns the new list. */
  remember(state: SearchState): SearchState[];
  clear(): void;
}

export function recentSearchesKey(agentId: string): string {
  return `smartchat.console.search.recent.${agentId}`;
}

export function recentSearches(storage: RecentStorage | null, agentId: string): RecentSearches {
  const key = recentSearchesKey(agentId);
  let memory: SearchState[] | null = null;

  const read = (): SearchState[] => {
    if (memory) return memory;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(storage?.getItem(key) ?? 'null');
    } catch {
      parsed = null;
    }
    const entries = Array.isArray(parsed) ? parsed : [];
    const states: SearchState[] = [];
    for (const entry of entries) {
      if (typeof entry !== 'object' || entry === null) continue;
      const state = readSearchState(textValues(entry as Record<string, unknown>));
      state.q = normalisedQuery(state.q);
      if (state.q && !states.some((known) => sameSearch(known, state))) states.push(state);
    }
    memory = states.slice(0, RECENT_MAX);
    return memory;
  };

  const write = (states: SearchState[]) => {
    memory = states;
    try {
      storage?.setItem(key, JSON.stringify(states.map((state) => withoutUndefined(searchStateQuery(state)))));
    } catch {
      // Kept in memory only.
    }
  };

  return {
    list: () => [...read()],
    remember(state) {
      const entry = { ...state, q: normalisedQuery(state.q) };
      if (!entry.q) return [...read()];
      const next = [entry, ...read().filter((known) => !sameSearch(known, entry))].slice(0, RECENT_MAX);
      write(next);
      return [...next];
    },
    clear() {
      memory = [];
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing stored to remove.
      }
    },
  };
}

function textValues(entry: Record<string, unknown>): SearchUrlQuery {
  return Object.fromEntries(Object.entries(entry).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

function withoutUndefined(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((pair): pair is [string, string] => pair[1] !== undefined));
}
