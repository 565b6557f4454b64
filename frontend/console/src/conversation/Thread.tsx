// The thread: virtualised with measured row heights (a 5,000-message conversation keeps only the
// rows in view in the DOM), older pages loaded when the top comes near with the scroll position
// kept, day separators in the agent's time zone, and the view pinned to the bottom while the agent
// is there. Messages not yet delivered (queued offline, sending, failed) follow at the end. Opened at
// a message (`target`: a search result, a shared link), it loads the history back to that message,
// scrolls it into the middle, outlines it for a few seconds and moves focus to it; a message that
// cannot be found is said so, and the thread then opens at its end as usual.
import type { Message } from '@smartchat/contracts';
import { compareMessageIds, dayKey, formatDay, type OutboxItem } from '@smartchat/frontend-kit';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { i18n, t } from '../i18n.js';
import { customerRead } from '../state/live.js';
import { connection, me, outboxItems } from '../state/session.js';
import { acceptedAwaiting, loadOlder, pruneAccepted, revealMessage, thread } from '../state/threads.js';
import { MessageItem, PendingItem } from './MessageItem.jsx';

type Row = { key: string; type: 'day'; label: string } | { key: string; type: 'message'; message: Message } | { key: string; type: 'pending'; item: OutboxItem; accepted: boolean } | { key: string; type: 'start' };

/** How long the message a link opened stays outlined. */
const TARGET_HIGHLIGHT_MS = 4_000;
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Notice = { kind: 'looking' } | { kind: 'missing' } | { kind: 'failed'; reason: string };

export function Thread(props: { conversationId: string; target?: string }) {
  let scroller!: HTMLDivElement;
  const current = thread(props.conversationId);
  const messages = current.messages;

  const rows = createMemo<Row[]>(() => {
    const timeZone = me()?.timeZone;
    const locale = i18n.locale();
    const list = messages();
    const result: Row[] = [];
    if (current.nextBefore() === null) result.push({ key: 'start', type: 'start' });
    let previousDay = '';
    for (const message of list) {
      const day = dayKey(message.createdAt, timeZone);
      if (day !== previousDay) {
        result.push({ key: `day-${day}`, type: 'day', label: formatDay(message.createdAt, locale, timeZone) });
        previousDay = day;
      }
      result.push({ key: message.id, type: 'message', message });
    }
    const delivered = new Set(list.map((message) => message.clientMessageId).filter((id): id is string => id !== null));
    for (const item of acceptedAwaiting()) if (item.conversationId === props.conversationId && !delivered.has(item.clientMessageId)) result.push({ key: `p-${item.clientMessageId}`, type: 'pending', item, accepted: true });
    for (const item of outboxItems()) if (item.conversationId === props.conversationId && !delivered.has(item.clientMessageId)) result.push({ key: `p-${item.clientMessageId}`, type: 'pending', item, accepted: false });
    return result;
  });

  createEffect(() => {
    const delivered = new Set(messages().map((message) => message.clientMessageId).filter((id): id is string => id !== null));
    pruneAccepted(props.conversationId, delivered);
  });

  // The newest reply the customer has read up to: "read" shows under that one only.
  const readReplyId = createMemo(() => {
    const readUpTo = customerRead()[props.conversationId];
    if (!readUpTo) return null;
    let found: string | null = null;
    for (const message of messages()) if (message.kind === 'reply' && compareMessageIds(message.id, readUpTo) <= 0) found = message.id;
    return found;
  });

  const virtualizer = createVirtualizer({
    get count() {
      return rows().length;
    },
    getScrollElement: () => scroller,
    estimateSize: (index) => (rows()[index]?.type === 'message' ? 72 : 32),
    getItemKey: (index) => rows()[index]?.key ?? index,
    overscan: 6,
  });

  let pinned = true;
  let initialised = false;
  // While the history is loaded back to a linked message, the view neither follows the end nor pages by scrolling.
  let revealing = Boolean(props.target);
  const [highlighted, setHighlighted] = createSignal<string | null>(null);
  const [focusTarget, setFocusTarget] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<Notice | null>(null);
  let highlightTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(highlightTimer));
  const scrollToEnd = () => {
    const count = rows().length;
    if (count) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  };

  // New rows at the end: follow them while pinned to the bottom. Rows added at the top (an older
  // page): keep what the agent was reading where it was.
  createEffect(
    on(
      () => [rows().length, rows()[rows().length - 1]?.key] as const,
      () => {
        if (revealing) return;
        if (!initialised && messages().length) {
          initialised = true;
          requestAnimationFrame(scrollToEnd);
          requestAnimationFrame(() => requestAnimationFrame(scrollToEnd));
          return;
        }
        if (pinned) requestAnimationFrame(scrollToEnd);
      },
    ),
  );

  const onScroll = () => {
    pinned = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    if (scroller.scrollTop < 300 && initialised && !revealing) void older();
  };
  const older = async () => {
    if (!current.nextBefore() || current.loadingOlder()) return;
    const firstKey = rows().find((row) => row.type === 'message')?.key;
    const firstIndex = rows().findIndex((row) => row.key === firstKey);
    const offsetBefore = firstIndex >= 0 ? (virtualizer.getOffsetForIndex(firstIndex, 'start')?.[0] ?? 0) : 0;
    const topBefore = scroller.scrollTop;
    const added = await loadOlder(props.conversationId);
    if (!added || !firstKey) return;
    requestAnimationFrame(() => {
      const index = rows().findIndex((row) => row.key === firstKey);
      const offsetAfter = virtualizer.getOffsetForIndex(index, 'start')?.[0] ?? 0;
      scroller.scrollTop = topBefore + (offsetAfter - offsetBefore);
    });
  };

  const rowIndex = (messageId: string) => rows().findIndex((row) => row.key === messageId);
  /** Scrolls the message into the middle (twice: rows measured on the way move it), outlines it and focuses it. */
  const showTarget = (messageId: string) => {
    setFocusTarget(messageId);
    setHighlighted(messageId);
    clearTimeout(highlightTimer);
    highlightTimer = setTimeout(() => setHighlighted(null), TARGET_HIGHLIGHT_MS);
    const scrollToTarget = () => {
      const index = rowIndex(messageId);
      if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    };
    scrollToTarget();
    requestAnimationFrame(() => {
      scrollToTarget();
      requestAnimationFrame(() => {
        scrollToTarget();
        const element = scroller.querySelector<HTMLElement>(`[data-testid="message"][data-id="${CSS.escape(messageId)}"]`);
        element?.focus({ preventScroll: true });
      });
    });
  };
  let revealRun = 0;
  const reveal = async (messageId: string) => {
    // A newer link followed meanwhile takes over.
    const run = ++revealRun;
    revealing = true;
    pinned = false;
    setNotice(null);
    // Said only when it takes a while (many pages back), so that a message near the end does not flash a notice.
    const looking = setTimeout(() => run === revealRun && setNotice({ kind: 'looking' }), 400);
    let found = false;
    try {
      found = MESSAGE_ID.test(messageId) && (await revealMessage(props.conversationId, messageId));
      if (run === revealRun && !found) setNotice({ kind: 'missing' });
    } catch (error) {
      if (run === revealRun) setNotice({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
    clearTimeout(looking);
    if (run !== revealRun) return;
    if (found) setNotice(null);
    revealing = false;
    initialised = true;
    // The rows of the pages just loaded are drawn first.
    requestAnimationFrame(() => {
      if (found && rowIndex(messageId) >= 0) showTarget(messageId);
      else {
        pinned = true;
        scrollToEnd();
      }
    });
  };
  // A memo, so that only another message in the link starts another reveal.
  const target = createMemo(() => props.target);
  createEffect(
    on(target, (messageId) => {
      if (messageId) void reveal(messageId);
    }),
  );

  // Tell the customer (and other agents) that this agent read the newest message.
  createEffect(
    on(
      () => messages()[messages().length - 1]?.id,
      (newest) => {
        const live = connection();
        if (newest && live?.socket.connected && document.hasFocus()) void live.request('read', { conversationId: props.conversationId, messageId: newest }).catch(() => undefined);
      },
    ),
  );
  const onFocus = () => {
    const newest = messages()[messages().length - 1]?.id;
    const live = connection();
    if (newest && live?.socket.connected) void live.request('read', { conversationId: props.conversationId, messageId: newest }).catch(() => undefined);
  };
  window.addEventListener('focus', onFocus);
  onCleanup(() => window.removeEventListener('focus', onFocus));

  return (
    <>
      <Show when={notice()} keyed>
        {(shown) => (
          <div class="thread-notice" role={shown.kind === 'looking' ? 'status' : 'alert'} data-testid="thread-notice" data-kind={shown.kind}>
            <span>{shown.kind === 'looking' ? t('conversation.messageLooking') : shown.kind === 'missing' ? t('conversation.messageMissing') : t('conversation.messageFailed', { reason: shown.reason })}</span>
            <Show when={shown.kind !== 'looking'}>
              <button type="button" class="button small" onClick={() => setNotice(null)}>
                {t('common.close')}
              </button>
            </Show>
          </div>
        )}
      </Show>
      <div class="thread" ref={scroller} onScroll={onScroll} role="log" aria-live="polite" aria-relevant="additions" aria-label={t('nav.inbox')} tabindex="0" data-testid="thread">
        <div class="thread-inner" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          <For each={virtualizer.getVirtualItems()}>
            {(item) => {
              const row = () => rows()[item.index];
              return (
                <div class="thread-row" data-index={item.index} ref={(element) => queueMicrotask(() => element.isConnected && virtualizer.measureElement(element))} style={{ transform: `translateY(${item.start}px)` }}>
                  <Show when={row()}>
                    {(value) => (
                      <Switch>
                        <Match when={value().type === 'start'}>
                          <div class="day" data-testid="thread-start">
                            {t('conversation.start')}
                          </div>
                        </Match>
                        <Match when={value().type === 'day' && (value() as Extract<Row, { type: 'day' }>)}>
                          {(day) => (
                            <div class="day" role="separator" data-testid="day-separator">
                              {day().label}
                            </div>
                          )}
                        </Match>
                        <Match when={value().type === 'message' && (value() as Extract<Row, { type: 'message' }>)}>
                          {(entry) => <MessageItem message={entry().message} readByCustomer={readReplyId() === entry().message.id} focusable={focusTarget() === entry().message.id} highlighted={highlighted() === entry().message.id} />}
                        </Match>
                        <Match when={value().type === 'pending' && (value() as Extract<Row, { type: 'pending' }>)}>{(entry) => <PendingItem item={entry().item} accepted={entry().accepted} />}</Match>
                      </Switch>
                    )}
                  </Show>
                </div>
              );
            }}
          </For>
        </div>
        <Show when={current.loadingOlder()}>
          <p class="day" style={{ position: 'sticky', top: 0 }}>
            {t('conversation.loadOlder')}
          </p>
        </Show>
      </div>
    </>
  );
}
