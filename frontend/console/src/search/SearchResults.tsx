// The results: one entry per conversation (who it is with, its subject or topic, status, how many
// messages matched) with its newest matching messages as highlighted snippets, each a link that
// opens the conversation at that message. Further pages come with "show more"; focus then moves to
// the first conversation added, so a keyboard or screen reader user goes on reading from there.
import type { AgentSearchResult, SearchHit } from '@smartchat/contracts';
import { formatDateTime, Icon } from '@smartchat/frontend-kit';
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { i18n, t as consoleT } from '../i18n.js';
import { conversationLink, messageLink } from '../inbox/links.js';
import { agentName, me, teamName } from '../state/session.js';
import { Highlighted } from './Highlighted.jsx';
import { t } from './i18n.js';
import { conversationName, matchesText, searchErrorText } from './labels.js';
import type { SearchSession } from './search-session.js';
import { termText } from './snippet.js';

export function SearchResults(props: { session: SearchSession; onOpen: () => void }) {
  let list: HTMLOListElement | undefined;
  const session = () => props.session;
  const loadMore = async () => {
    const before = session().results().length;
    const added = await session().loadMore();
    if (added > 0) list?.querySelectorAll<HTMLElement>('[data-testid="search-result-link"]')[before]?.focus();
  };
  const status = () => {
    const phase = session().phase();
    if (phase === 'loading') return t('search.searching');
    if (phase !== 'done') return '';
    const count = session().results().length;
    if (!count) return t('search.empty');
    return t(session().hasMore() ? 'search.shownMore' : 'search.shown', { count });
  };
  return (
    <section class="search-results" aria-labelledby="search-results-title" aria-busy={session().phase() === 'loading'} data-testid="search-results" data-phase={session().phase()}>
      <div class="search-results-head">
        <h2 id="search-results-title">{t('search.results')}</h2>
        <Show when={session().terms().length > 0}>
          <p class="search-terms" data-testid="search-terms">
            <span class="muted">{t('search.searched')}</span>{' '}
            <For each={session().terms()}>
              {(term) => (
                <span class="chip" data-kind={term.kind}>
                  {termText(term, i18n.locale())}
                </span>
              )}
            </For>
          </p>
        </Show>
      </div>
      <p class="search-status muted" role="status" data-testid="search-summary">
        {status()}
      </p>
      <Show when={session().phase() === 'error' || session().error()}>
        <div class="search-error" role="alert" data-testid="search-error">
          <span>{searchErrorText(session().error())}</span>{' '}
          <button type="button" class="button small" onClick={() => session().retry()}>
            {t('error.retry')}
          </button>
        </div>
      </Show>
      <Show when={session().results().length > 0}>
        <ol class="search-result-list" ref={list} classList={{ stale: session().phase() === 'loading' }}>
          <For each={session().results()}>{(result) => <ResultItem result={result} onOpen={props.onOpen} />}</For>
        </ol>
      </Show>
      <Show when={session().phase() === 'done' && session().hasMore()}>
        <p class="search-more">
          <button type="button" class="button" disabled={session().loadingMore()} onClick={() => void loadMore()} data-testid="search-load-more">
            {session().loadingMore() ? t('search.loadingMore') : t('search.loadMore')}
          </button>
        </p>
      </Show>
    </section>
  );
}

function ResultItem(props: { result: AgentSearchResult; onOpen: () => void }) {
  const conversation = () => props.result.conversation;
  const headingId = () => `search-result-${conversation().id}`;
  const name = () => conversationName(conversation());
  // The topic goes with the details when an e-mail's subject heads the entry.
  const details = () =>
    [conversation().subject ? conversation().topic : null, consoleT(`channel.${conversation().channel}`), teamName(conversation().teamId), agentName(conversation().assigneeId)].filter((part): part is string => Boolean(part)).join(' · ');
  return (
    <li class="search-result" data-testid="search-result" data-conversation-id={conversation().id}>
      <article aria-labelledby={headingId()}>
        <header class="search-result-head">
          <h3 id={headingId()}>
            <A href={conversationLink(conversation().id)} onClick={() => props.onOpen()} data-testid="search-result-link">
              <Show when={conversation().internal}>
                <Icon name="lock" label={t('search.internal')} />{' '}
              </Show>
              {name()}
            </A>
          </h3>
          <span class="badge" data-testid="search-result-status" data-status={conversation().status}>
            {consoleT(`status.${conversation().status}`)}
          </span>
          <span class="search-matches" data-testid="search-matches">
            {matchesText(props.result.matches)}
          </span>
        </header>
        <p class="search-result-subject">
          <Show when={props.result.subject} fallback={<span>{conversation().subject ?? conversation().topic ?? t('search.noSubject')}</span>}>
            {(subject) => <Highlighted snippet={subject()} testId="search-result-subject" />}
          </Show>
          <Show when={props.result.matchedFields.includes('customer')}>
            {' '}
            <span class="badge accent">{t('search.matchedCustomer')}</span>
          </Show>
          <Show when={details()}>
            <span class="muted"> · {details()}</span>
          </Show>
        </p>
        <Show when={props.result.hits.length > 0}>
          <ul class="search-hits" aria-label={t('search.hits', { name: name() })}>
            <For each={props.result.hits}>{(hit) => <HitItem conversationId={conversation().id} hit={hit} onOpen={props.onOpen} />}</For>
          </ul>
        </Show>
      </article>
    </li>
  );
}

function HitItem(props: { conversationId: string; hit: SearchHit; onOpen: () => void }) {
  return (
    <li>
      <A class="search-hit" href={messageLink(props.conversationId, props.hit.messageId)} onClick={() => props.onOpen()} data-testid="search-hit" data-message-id={props.hit.messageId} data-deleted={props.hit.deleted ? 'true' : undefined}>
        <span class="search-hit-meta">
          <span class="search-hit-kind">{t(`search.kind.${props.hit.kind}`)}</span>
          <Show when={props.hit.deleted}>
            <span class="badge danger" data-testid="search-hit-deleted">
              {t('search.deleted')}
            </span>
          </Show>
          <Show when={props.hit.hasAttachment}>
            <Icon name="paperclip" label={t('search.withAttachment')} />
          </Show>
          <time datetime={props.hit.at}>{formatDateTime(props.hit.at, i18n.locale(), me()?.timeZone)}</time>
        </span>
        <Highlighted snippet={props.hit.snippet} class="search-snippet" testId="search-snippet" />
      </A>
    </li>
  );
}
