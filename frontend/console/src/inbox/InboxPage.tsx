// The inbox screen: the list pane (sort and filters above the virtualised list), the open
// conversation and the customer context; the URL holds the view and the open conversation, so a
// reload or a shared link lands in the same place (with ?message=<id>, at that message). Keyboard
// (keys in ui/shortcuts.ts): j/k move, r/n focus the composer as reply or note, z snooze, e close;
// Ctrl/Cmd-K, ? and / work everywhere (ui/global-keys.ts).
import { useLocation, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n.js';
import { CHANNEL_FILTERS, filterValue, filters, items, showList, SLA_FILTERS, sort, VIEWS, type Sort, type View } from '../state/inbox.js';
import { teams } from '../state/session.js';
import { isTyping } from '../ui/global-keys.js';
import { shortcutForKey } from '../ui/shortcuts.js';
import { ConversationView, conversationActions } from '../conversation/ConversationView.jsx';
import { ContextPane } from '../conversation/ContextPane.jsx';
import { InboxList } from './InboxList.jsx';
import { hasView, homeView, MESSAGE_PARAM } from './links.js';

export function InboxPage() {
  const params = useParams<{ view?: string; conversationId?: string }>();
  const navigate = useNavigate();
  const location = useLocation();
  // ?message=<id>: the open conversation scrolls to that message (a search result, a shared link).
  const [linkQuery] = useSearchParams<Record<typeof MESSAGE_PARAM, string>>();
  const targetMessage = () => {
    const value = linkQuery[MESSAGE_PARAM];
    return typeof value === 'string' && value ? value : undefined;
  };
  // Mine after sign-in; a list the agent does not have (an old link to "all") is the list links open in.
  const currentView = (): View => {
    if (!(VIEWS as readonly string[]).includes(params.view ?? '')) return 'mine';
    return hasView(params.view as View) ? (params.view as View) : homeView();
  };
  // The address names the list shown, so the navigation marks it (after sign-in "/" is Mine).
  createEffect(() => {
    if (params.view === currentView()) return;
    navigate(`/inbox/${currentView()}${selectedId() ? `/${selectedId()}${location.search}` : ''}`, { replace: true });
  });
  const selectedId = () => params.conversationId ?? null;
  const [searchText, setSearchText] = createSignal(filters().q);

  createEffect(on(currentView, (next) => void showList({ view: next })));

  const open = (id: string) => navigate(`/inbox/${currentView()}/${id}`);
  const move = (step: number) => {
    const list = items();
    if (!list.length) return;
    const index = list.findIndex((item) => item.id === selectedId());
    const next = list[Math.max(0, Math.min(list.length - 1, index < 0 ? 0 : index + step))];
    if (next) open(next.id);
  };

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const search = (value: string) => {
    setSearchText(value);
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void showList({ filters: { q: value } }), 250);
  };

  onMount(() => {
    // Ctrl/Cmd-K, ? and / work on every page (ui/global-keys.ts); these are the inbox's own.
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const actions = conversationActions();
      switch (shortcutForKey(event.key)) {
        case 'next':
          move(1);
          break;
        case 'prev':
          move(-1);
          break;
        case 'reply':
          actions?.focusComposer('reply');
          break;
        case 'note':
          actions?.focusComposer('note');
          break;
        case 'snooze':
          actions?.openSnooze();
          break;
        case 'close':
          void actions?.close();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  return (
    <>
      <section class="list-pane" aria-label={t(`view.${currentView()}`)}>
        <div class="list-tools">
          <input class="input wide" type="search" placeholder={t('filter.search')} aria-label={t('filter.search')} value={searchText()} onInput={(event) => search(event.currentTarget.value)} data-testid="filter-search" />
          <label class="visually-hidden" for="sort">
            {t('sort.label')}
          </label>
          <select id="sort" class="input" value={sort()} onChange={(event) => void showList({ sort: event.currentTarget.value as Sort })} data-testid="sort">
            <option value="priority">{t('sort.priority')}</option>
            <option value="waiting">{t('sort.waiting')}</option>
            <option value="recent">{t('sort.recent')}</option>
          </select>
          <label class="visually-hidden" for="filter-team">
            {t('filter.team')}
          </label>
          <select id="filter-team" class="input" value={filters().teamId} onChange={(event) => void showList({ filters: { teamId: event.currentTarget.value } })} data-testid="filter-team">
            <option value="">
              {t('filter.team')}: {t('filter.anyTeam')}
            </option>
            <For each={teams()}>{(team) => <option value={team.id}>{team.name}</option>}</For>
          </select>
          <label class="visually-hidden" for="filter-channel">
            {t('filter.channel')}
          </label>
          <select id="filter-channel" class="input" value={filters().channel} onChange={(event) => void showList({ filters: { channel: filterValue(event.currentTarget.value, CHANNEL_FILTERS) } })} data-testid="filter-channel">
            <option value="">
              {t('filter.channel')}: {t('filter.any')}
            </option>
            <For each={CHANNEL_FILTERS}>{(channel) => <option value={channel}>{t(`channel.${channel}`)}</option>}</For>
          </select>
          <label class="visually-hidden" for="filter-sla">
            {t('filter.sla')}
          </label>
          <select id="filter-sla" class="input" value={filters().sla} onChange={(event) => void showList({ filters: { sla: filterValue(event.currentTarget.value, SLA_FILTERS) } })} data-testid="filter-sla">
            <option value="">
              {t('filter.sla')}: {t('filter.any')}
            </option>
            <option value="breached">{t('sla.breached')}</option>
            <option value="ok">{t('sla.ok')}</option>
          </select>
        </div>
        <InboxList selectedId={selectedId()} onSelect={open} />
      </section>
      <Show
        when={selectedId()}
        keyed
        fallback={
          <main class="conversation" style={{ display: 'grid', 'place-items': 'center' }}>
            <p class="muted">{t('conversation.none')}</p>
          </main>
        }
      >
        {(id) => <ConversationView id={id} messageId={targetMessage()} />}
      </Show>
      <Show when={selectedId()} keyed fallback={<aside class="context" />}>
        {(id) => <ContextPane conversationId={id} />}
      </Show>
    </>
  );
}
