// The customer's conversations, newest first (topic, last activity, status, unread replies), the
// search over them (its results take the list's place while the field holds a query), and the way
// to start a new one.
import type { CustomerConversation } from '@smartchat/contracts';
import { dayKey, formatDay, formatTime } from '@smartchat/frontend-kit';
import { For, Show } from 'solid-js';
import { createConversationSearch } from './conversation-search.js';
import { SearchField, SearchResults } from './ConversationSearch.jsx';
import { describeError } from './errors.js';
import type { WidgetI18n } from './i18n.js';
import type { WidgetSession } from './session.js';

export function ConversationList(props: {
  session: WidgetSession;
  i18n: WidgetI18n;
  focusId: string | null;
  /** `messageId`: the message to show (a search hit). */
  onOpen(id: string, messageId?: string): void;
  onNew(): void;
}) {
  const t = props.i18n.t;
  const store = props.session.store;
  const search = createConversationSearch(props.session.api);
  const searching = () => search.state().status !== 'idle';
  const when = (conversation: CustomerConversation) => {
    const at = conversation.lastMessageAt ?? conversation.createdAt;
    return dayKey(at) === dayKey(new Date().toISOString()) ? formatTime(at, props.i18n.locale()) : formatDay(at, props.i18n.locale());
  };
  const name = () => props.session.customerName();
  return (
    <div class="list-view">
      <p class="greeting">{name() ? t('greeting', { name: name()! }) : t('greetingAnonymous')}</p>
      <p class="intro">{t('intro')}</p>
      <button type="button" class="primary-button" data-testid="widget-new" data-autofocus={props.focusId ? undefined : ''} onClick={() => props.onNew()}>
        {t('newConversation')}
      </button>
      <Show when={store.listError()}>
        {(error) => (
          <p class="notice notice--error" role="alert" data-testid="widget-error">
            {t('loadFailed', { reason: describeError(error(), props.i18n) })}{' '}
            <button type="button" class="link-button" onClick={() => void store.refresh().catch(() => undefined)}>
              {t('retry')}
            </button>
          </p>
        )}
      </Show>
      <section class="conversations-section" id="widget-conversations" data-testid="widget-conversations" aria-labelledby="widget-conversations-title">
        <h2 class="section-title" id="widget-conversations-title">
          {searching() ? t('searchResults') : t('conversations')}
        </h2>
        {/* Shown once there is something to search, and kept while a query is in it. */}
        <Show when={store.conversations().length > 0 || search.input() !== ''}>
          <SearchField search={search} i18n={props.i18n} />
          <SearchResults search={search} i18n={props.i18n} onOpen={(id, messageId) => props.onOpen(id, messageId ?? undefined)} />
        </Show>
        <Show when={!searching() && store.listLoaded() && store.conversations().length === 0}>
          <p class="empty">{t('noConversations')}</p>
        </Show>
        <ul class="conversations" hidden={searching()}>
          <For each={store.conversations()}>
            {(conversation) => {
              const unread = () => store.unreadOf(conversation.id);
              return (
                <li>
                  <button
                    type="button"
                    class="conversation"
                    data-testid="widget-conversation"
                    data-id={conversation.id}
                    data-autofocus={props.focusId === conversation.id ? '' : undefined}
                    onClick={() => props.onOpen(conversation.id)}
                  >
                    <span class="conversation__topic">{conversation.topic ?? t('noTopic')}</span>
                    <span class="conversation__meta">
                      <time dateTime={conversation.lastMessageAt ?? conversation.createdAt}>{when(conversation)}</time>
                      <span aria-hidden="true"> · </span>
                      <span class={`status status--${conversation.status === 'closed' ? 'closed' : 'open'}`}>{conversation.status === 'closed' ? t('statusClosed') : t('statusOpen')}</span>
                    </span>
                    <Show when={unread() > 0}>
                      <span class="conversation__unread">
                        <span aria-hidden="true">{unread()}</span>
                        <span class="visually-hidden">{t('unreadInConversation', { count: unread() })}</span>
                      </span>
                    </Show>
                  </button>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </div>
  );
}
