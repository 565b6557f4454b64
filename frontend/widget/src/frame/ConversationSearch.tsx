// The search over the customer's conversations, as shown in the list view: the field (Escape or
// the clear button returns to the list) and the conversations found, each with its topic, the
// highlighted subject or messages that matched, and when. Snippets are plain text runs with <mark>
// around what matched; nothing from the server is ever read as HTML.
import { SEARCH_PREFIX_MIN, SEARCH_QUERY_MAX, SEARCH_TERMS_MAX, type CustomerSearchResult, type Snippet } from '@smartchat/contracts';
import { dayKey, formatDay, formatTime, Icon } from '@smartchat/frontend-kit';
import { For, Match, Show, Switch } from 'solid-js';
import type { ConversationSearch } from './conversation-search.js';
import type { WidgetI18n } from './i18n.js';
import { shownHits, snippetParts, type SearchProblem } from './search-rules.js';

export function SearchField(props: { search: ConversationSearch; i18n: WidgetI18n }) {
  const t = props.i18n.t;
  let field: HTMLInputElement | undefined;
  const clear = () => {
    props.search.clear();
    field?.focus();
  };
  // Attached to the field itself (not delegated), so that an Escape that clears the search stops
  // here and does not also close the widget; an Escape in an empty field still closes it.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && props.search.input() !== '') {
      event.preventDefault();
      event.stopPropagation();
      props.search.clear();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      props.search.submit();
    }
  };
  return (
    <div class="search" role="search">
      <label class="visually-hidden" for="widget-search-input">
        {t('searchLabel')}
      </label>
      <input
        ref={field}
        id="widget-search-input"
        class="field search__input"
        type="search"
        data-testid="widget-search"
        autocomplete="off"
        enterkeyhint="search"
        maxLength={SEARCH_QUERY_MAX}
        placeholder={t('searchPlaceholder')}
        aria-controls="widget-conversations"
        value={props.search.input()}
        onInput={(event) => props.search.type(event.currentTarget.value)}
        on:keydown={onKeyDown}
      />
      <Show when={props.search.input() !== ''}>
        <button type="button" class="icon-button search__clear" data-testid="widget-search-clear" aria-label={t('searchClear')} title={t('searchClear')} onClick={clear}>
          <Icon name="close" />
        </button>
      </Show>
    </div>
  );
}

export function SearchResults(props: { search: ConversationSearch; i18n: WidgetI18n; onOpen(conversationId: string, messageId: string | null): void }) {
  const t = props.i18n.t;
  const state = () => props.search.state();
  const found = () => props.search.found();
  return (
    <>
      {/* There before any search, so that what it says is announced; empty while no query is in the field. */}
      <p class="search__status" role="status" data-testid="widget-search-status">
        <Switch>
          <Match when={state().status === 'searching'}>{t('searching')}</Match>
          <Match when={found()?.results.length === 0}>
            <span class="empty" data-testid="widget-search-empty">
              {t('searchNothing')}
            </span>
          </Match>
          <Match when={found()}>{t('searchFound', { count: found()?.results.length ?? 0 })}</Match>
        </Switch>
      </p>
      <Show when={state().status !== 'idle'}>
        <SearchOutcome search={props.search} i18n={props.i18n} onOpen={props.onOpen} />
      </Show>
    </>
  );
}

/** The results of the query in the field, or why there are none. */
function SearchOutcome(props: { search: ConversationSearch; i18n: WidgetI18n; onOpen(conversationId: string, messageId: string | null): void }) {
  const t = props.i18n.t;
  const problemText = (problem: SearchProblem) => t(problem, { max: SEARCH_TERMS_MAX, min: SEARCH_PREFIX_MIN });
  const state = () => props.search.state();
  const found = () => props.search.found();
  return (
    <>
      <Show when={props.search.failed()}>
        {(current) => (
          <p class="notice notice--error" role="alert" data-testid="widget-search-error" data-problem={current().problem}>
            {problemText(current().problem)}{' '}
            <Show when={current().problem === 'searchNetwork' || current().problem === 'searchFailed'}>
              <button type="button" class="link-button" onClick={() => props.search.submit()}>
                {t('retry')}
              </button>
            </Show>
          </p>
        )}
      </Show>
      <ul class="conversations" aria-busy={state().status === 'searching'}>
        <For each={props.search.results()}>{(result) => <SearchResultItem result={result} i18n={props.i18n} onOpen={props.onOpen} />}</For>
      </ul>
      <Show when={found()?.moreProblem}>
        {(problem) => (
          <p class="notice notice--error" role="alert">
            {problemText(problem())}
          </p>
        )}
      </Show>
      <Show when={found()?.nextCursor}>
        <button type="button" class="secondary-button" data-testid="widget-search-more" disabled={found()?.loadingMore} onClick={() => void props.search.loadMore()}>
          {found()?.loadingMore ? t('loadingOlder') : t('searchMore')}
        </button>
      </Show>
    </>
  );
}

function SearchResultItem(props: { result: CustomerSearchResult; i18n: WidgetI18n; onOpen(conversationId: string, messageId: string | null): void }) {
  const t = props.i18n.t;
  const conversation = () => props.result.conversation;
  const hits = () => shownHits(props.result);
  const at = () => hits()[0]?.at ?? conversation().lastMessageAt ?? conversation().createdAt;
  const when = () => (dayKey(at()) === dayKey(new Date().toISOString()) ? formatTime(at(), props.i18n.locale()) : formatDay(at(), props.i18n.locale()));
  return (
    <li>
      <button
        type="button"
        class="conversation search-result"
        data-testid="widget-search-result"
        data-id={conversation().id}
        onClick={() => props.onOpen(conversation().id, hits()[0]?.messageId ?? null)}
      >
        <span class="conversation__topic">{conversation().topic ?? t('noTopic')}</span>
        <Show when={props.result.subject ?? (conversation().subject ? [{ text: conversation().subject!, match: false }] : null)}>
          {(subject) => (
            <span class="search-result__subject" data-testid="widget-search-subject">
              <Highlighted snippet={subject()} />
            </span>
          )}
        </Show>
        <For each={hits()}>
          {(hit) => (
            <span class="search-result__hit" data-testid="widget-search-snippet" data-kind={hit.kind}>
              <span class="search-result__who">{hit.kind === 'customer' ? t('you') : hit.kind === 'notice' ? t('notice') : t('agent')}: </span>
              <Highlighted snippet={hit.snippet} />
            </span>
          )}
        </For>
        <span class="conversation__meta">
          <time dateTime={at()}>{when()}</time>
          <span aria-hidden="true"> · </span>
          <span class={`status status--${conversation().status === 'closed' ? 'closed' : 'open'}`}>{conversation().status === 'closed' ? t('statusClosed') : t('statusOpen')}</span>
          <Show when={props.result.matches > hits().length}>
            <span aria-hidden="true"> · </span>
            <span>{t('searchMatches', { count: props.result.matches })}</span>
          </Show>
        </span>
      </button>
    </li>
  );
}

/** A snippet as text, what matched in <mark>. */
function Highlighted(props: { snippet: Snippet }) {
  return <For each={snippetParts(props.snippet)}>{(part) => (part.match ? <mark>{part.text}</mark> : part.text)}</For>;
}
