// The conversation list: virtualised (only the rows in view exist in the DOM, so 10,000 rows
// scroll like 50), paged in from the server as the end comes near, keyboard-selectable.
import { formatAge, Icon } from '@smartchat/frontend-kit';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { i18n, t } from '../i18n.js';
import { hasMore, items, loadMore, loading, counts, view, type InboxConversation } from '../state/inbox.js';
import { agentName } from '../state/session.js';

export const ROW_HEIGHT = 76;

export function InboxList(props: { selectedId: string | null; onSelect: (id: string) => void }) {
  let scroller!: HTMLDivElement;
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(timer));

  const virtualizer = createVirtualizer({
    get count() {
      return items().length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // Near the end of what is loaded: fetch the next page.
  createEffect(() => {
    const visible = virtualizer.getVirtualItems();
    const last = visible[visible.length - 1];
    if (last && last.index >= items().length - 30 && hasMore() && !loading()) void loadMore();
  });

  // The selected row stays in view when j/k move past the edge.
  createEffect(() => {
    const index = items().findIndex((item) => item.id === props.selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  });

  return (
    <>
      {/* A listbox only while it has options (an empty one is an error to assistive technology); the empty state is then plain text. */}
      <div class="list-scroll" ref={scroller} role={items().length ? 'listbox' : undefined} aria-label={items().length ? t(`view.${view()}`) : undefined} tabindex="0" data-testid="conversation-list">
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          <For each={virtualizer.getVirtualItems()}>
            {(row) => {
              const conversation = () => items()[row.index];
              return (
                <Show when={conversation()}>
                  {(item) => <Row item={item()} top={row.start} selected={item().id === props.selectedId} now={now()} onSelect={props.onSelect} />}
                </Show>
              );
            }}
          </For>
        </div>
        <Show when={!items().length && !loading()}>
          <p class="muted" style={{ padding: '16px' }} data-testid="list-empty">
            {t(`list.empty.${view()}`)}
          </p>
        </Show>
      </div>
      <div class="list-footer" aria-live="polite">
        {loading() ? t('list.loading') : t('list.count', { shown: items().length, total: counts()[view()] ?? items().length })}
      </div>
    </>
  );
}

function Row(props: { item: InboxConversation; top: number; selected: boolean; now: number; onSelect: (id: string) => void }) {
  // "ждёт 5 мин" / "waiting 5 min" since the customer's unanswered message; nothing under a minute.
  const waited = () => {
    const since = props.item.waitingSince;
    return since && props.now - Date.parse(since) >= 60_000 ? formatAge(since, props.now, i18n.locale()) : null;
  };
  return (
    <div
      class="row"
      role="option"
      aria-selected={props.selected}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={() => props.onSelect(props.item.id)}
      data-testid="conversation-row"
      data-id={props.item.id}
      data-status={props.item.status}
    >
      <div class="line">
        <span class="who">
          <Show when={props.item.internal} fallback={props.item.customer?.name ?? props.item.customer?.email ?? t('list.noCustomer')}>
            <Icon name="lock" label={t('channel.internal')} /> {props.item.topic ?? ''}
          </Show>
        </span>
        <Show when={waited()}>
          {(age) => (
            <span class="muted" style={{ 'font-size': '12px' }} data-testid="row-waiting">
              {t('list.waiting', { age: age() })}
            </span>
          )}
        </Show>
      </div>
      <div class="line">
        {/* An e-mail's subject says more than its topic (usually just "email"); the topic stays in the tooltip. */}
        <span class="topic" title={props.item.subject ? [props.item.subject, props.item.topic].filter(Boolean).join(' · ') : undefined} data-testid={props.item.subject ? 'row-subject' : undefined}>
          {props.item.subject ?? props.item.topic ?? ''}
        </span>
        <span style={{ display: 'flex', gap: '4px' }}>
          <Show when={props.item.priority > 0}>
            <span class={props.item.priority >= 2 ? 'badge danger' : 'badge accent'}>{t(`priority.${Math.min(3, props.item.priority)}` as 'priority.0')}</span>
          </Show>
          <Show when={props.item.slaBreach}>
            <span class="badge danger" data-testid="sla-breached">
              {t('list.breached')}
            </span>
          </Show>
        </span>
      </div>
      <div class="preview">
        <Show when={props.item.assigneeId}>{(id) => <span class="badge">{agentName(id()) ?? '—'}</span>}</Show>{' '}
        {/* The latest public message may be Smartchat's own (a trip change): said so, not taken for the customer's words. */}
        <Show when={props.item.preview?.kind === 'notice'}>
          <span class="preview-kind" data-testid="row-preview-notice">
            {t('list.notice')}
          </span>{' '}
        </Show>
        {props.item.preview?.body ?? ''}
      </div>
    </div>
  );
}
