// One conversation: its messages (older pages load when scrolled to the top, the view stays put),
// the agent's typing, a note and the satisfaction survey when it is closed, and the composer.
// While it is on screen and the window has focus, its messages count as seen and the newest is
// reported `read`. Opened from a search, it brings the message found into view (when it is in the
// pages loaded on opening) instead of the newest.
import { compareMessageIds, dayKey, formatDay } from '@smartchat/frontend-kit';
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show, untrack } from 'solid-js';
import { Composer } from './Composer.jsx';
import { describeError } from './errors.js';
import type { WidgetI18n } from './i18n.js';
import { PendingMessage, ServerMessage } from './MessageItem.jsx';
import { createPageActive } from './page-focus.js';
import type { WidgetSession } from './session.js';
import { Survey } from './Survey.jsx';
import { dayLabel, reuseEntries, threadEntries, type ThreadEntry } from './thread-items.js';

/** Closer than this to the top starts loading the previous page. */
const LOAD_OLDER_THRESHOLD_PX = 80;

/** "14:35" today, "пн, 09:00" / "Mon, 09:00" on another day, in the customer's own time zone. */
function formatWhen(iso: string, locale: string): string {
  const at = new Date(iso);
  const sameDay = dayKey(iso) === dayKey(new Date().toISOString());
  return new Intl.DateTimeFormat(locale, sameDay ? { hour: '2-digit', minute: '2-digit' } : { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
}
/** Closer than this to the bottom counts as "at the bottom": new messages keep it there. */
const STICK_THRESHOLD_PX = 48;

export function Thread(props: { session: WidgetSession; conversationId: string; messageId?: string | undefined; visible: boolean; i18n: WidgetI18n }) {
  const store = props.session.store;
  const t = props.i18n.t;
  const thread = () => store.thread(props.conversationId);
  const conversation = () => store.conversations().find((item) => item.id === props.conversationId);
  const [error, setError] = createSignal<string | null>(null);
  const pageActive = createPageActive();
  const dayOf = (iso: string) => dayKey(iso);

  const entries = createMemo<ThreadEntry[]>(
    (previous) => reuseEntries(previous, threadEntries(thread().messages, store.locals(props.conversationId), { dayOf, compareIds: compareMessageIds, agentReadId: thread().agentReadId })),
    [],
  );

  onMount(() => {
    store.open(props.conversationId).catch((failure: unknown) => setError(describeError(failure, props.i18n)));
  });
  onCleanup(() => store.close(props.conversationId));

  createEffect(() => {
    const seeable = props.visible && pageActive() && props.session.connection.state() === 'live' && thread().messages.length > 0;
    if (seeable) untrack(() => store.markSeen(props.conversationId));
  });

  // Scrolling: stay at the bottom while the customer is there; when an older page is added above,
  // keep what they were looking at in place (the browser's own scroll anchoring is off for this).
  let log: HTMLDivElement | undefined;
  let stick = true;
  let lastHeight = 0;
  let lastFirstKey: string | undefined;
  const atBottom = () => !log || log.scrollHeight - log.scrollTop - log.clientHeight < STICK_THRESHOLD_PX;
  const keepBottom = () => {
    if (log && stick) log.scrollTop = log.scrollHeight;
    if (log) lastHeight = log.scrollHeight;
  };
  const loadOlder = () => {
    store.loadOlder(props.conversationId).catch((failure: unknown) => setError(describeError(failure, props.i18n)));
  };
  const fillViewport = () => {
    // A first page shorter than the panel: fetch more until it scrolls (or the start is reached).
    if (log && props.visible && log.clientHeight > 0 && log.scrollHeight <= log.clientHeight + 8 && thread().olderCursor) loadOlder();
  };
  createEffect(
    on([entries, () => props.visible], ([list]) => {
      if (!log) return;
      // Day separators keep their key when older messages of the same day arrive: compare messages.
      const firstKey = list.find((entry) => entry.type !== 'day')?.key;
      const prepended = !stick && lastFirstKey !== undefined && firstKey !== lastFirstKey && list.some((entry) => entry.key === lastFirstKey);
      if (prepended) log.scrollTop += log.scrollHeight - lastHeight;
      else if (stick) log.scrollTop = log.scrollHeight;
      lastHeight = log.scrollHeight;
      lastFirstKey = firstKey;
      fillViewport();
    }),
  );
  // The message found by a search, once: centred and marked, and the view no longer kept at the bottom.
  let found = props.messageId;
  createEffect(
    on(entries, (list) => {
      if (!log || !found || !list.some((entry) => entry.type === 'message' && entry.message.id === found)) return;
      const element = log.querySelector<HTMLElement>(`[data-testid="widget-message"][data-id="${CSS.escape(found)}"]`);
      found = undefined;
      if (!element) return;
      // The log alone scrolls (scrollIntoView could also move the host page around the frame).
      const box = element.getBoundingClientRect();
      log.scrollTop += box.top - log.getBoundingClientRect().top - Math.max(0, (log.clientHeight - box.height) / 2);
      element.classList.add('message--found');
      stick = atBottom();
      lastHeight = log.scrollHeight;
    }),
  );
  const onScroll = () => {
    if (!log) return;
    stick = atBottom();
    lastHeight = log.scrollHeight;
    if (log.scrollTop < LOAD_OLDER_THRESHOLD_PX) loadOlder();
  };

  const dayText = (at: string) => {
    const label = dayLabel(at, new Date(), dayOf);
    return label ? t(label) : formatDay(at, props.i18n.locale());
  };

  return (
    <div class="thread-view">
      <div ref={log} class="thread" role="log" aria-live="polite" aria-label={t('threadLabel')} data-testid="widget-thread" tabindex="0" onScroll={onScroll}>
        <Show when={thread().olderCursor === null}>
          <p class="thread__start">{t('historyStart')}</p>
        </Show>
        <Show when={thread().loadingOlder}>
          <p class="thread__loading">{t('loadingOlder')}</p>
        </Show>
        <For each={entries()}>
          {(entry) =>
            entry.type === 'day' ? (
              <p class="day-separator">
                <span>{dayText(entry.at)}</span>
              </p>
            ) : entry.type === 'message' ? (
              <ServerMessage message={entry.message} read={entry.read} api={props.session.api} i18n={props.i18n} onMediaLoad={keepBottom} />
            ) : (
              <PendingMessage
                local={entry.local}
                i18n={props.i18n}
                onMediaLoad={keepBottom}
                onRetry={() => store.retry(entry.local.clientMessageId)}
                onDiscard={() => store.discard(entry.local.clientMessageId)}
              />
            )
          }
        </For>
      </div>
      <div class="typing-slot" role="status">
        <Show when={store.agentTyping(props.conversationId)}>
          <p class="typing" data-testid="widget-typing">
            <span class="typing__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t('agentTyping')}
          </p>
        </Show>
      </div>
      <Show when={!thread().messages.some((message) => message.kind === 'reply') && store.expectation(props.conversationId)}>
        {(expectation) => (
          <p class="notice" role="status" data-testid="widget-received">
            {t('received')}{' '}
            {expectation().opensAt
              ? t('replyAfterOpening', { when: formatWhen(expectation().opensAt!, props.i18n.locale()) })
              : expectation().replyBy
                ? t('replyBy', { when: formatWhen(expectation().replyBy!, props.i18n.locale()) })
                : t('replySoon')}
          </p>
        )}
      </Show>
      <Show when={error()}>
        <p class="notice notice--error" role="alert" data-testid="widget-error">
          {error()}
        </p>
      </Show>
      <Survey session={props.session} conversationId={props.conversationId} closed={conversation()?.status === 'closed'} i18n={props.i18n} />
      <Show when={conversation()?.status === 'closed'}>
        <p class="notice">{t('closedNotice')}</p>
      </Show>
      <Composer
        session={props.session}
        conversationId={props.conversationId}
        i18n={props.i18n}
        onSent={() => {
          stick = true;
          queueMicrotask(keepBottom);
        }}
      />
    </div>
  );
}
