// The agent's last searches under the empty search box: each is a link that runs it again with its
// filters (the page then remembers it as the newest); "clear" forgets them all.
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { t } from './i18n.js';
import { filtersSummary } from './labels.js';
import { normalisedQuery, searchPath, type SearchState } from './search-state.js';

export function RecentSearches(props: { searches: readonly SearchState[]; onClear: () => void }) {
  return (
    <Show when={props.searches.length > 0}>
      <section class="search-recent" aria-labelledby="search-recent-title" data-testid="search-recent">
        <div class="search-recent-head">
          <h2 id="search-recent-title">{t('search.recent')}</h2>
          <button type="button" class="button small" onClick={() => props.onClear()} data-testid="search-recent-clear">
            {t('search.recent.clear')}
          </button>
        </div>
        <ul>
          <For each={props.searches}>
            {(search) => {
              const summary = () => filtersSummary(search);
              return (
                <li>
                  <A href={searchPath(search)} data-testid="search-recent-item">
                    <span class="search-recent-query">{normalisedQuery(search.q)}</span>
                    <Show when={summary()}>{(text) => <span class="muted search-recent-filters"> · {text()}</span>}</Show>
                  </A>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </Show>
  );
}
