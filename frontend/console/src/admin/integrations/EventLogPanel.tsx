// An integration's event log: what the back-office sent, newest first, page by page, filtered by
// status: when, which event about what (its business key), where it is, how many attempts, the
// conversation it opened or added to, and why it failed or was superseded.
import { inboundEventStatuses, type InboundEventRecord, type Integration } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { A } from '@solidjs/router';
import { createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { conversationLink } from '../../inbox/links.js';
import { api, me } from '../../state/session.js';
import { t as ta } from '../i18n.js';
import { createTask } from '../task.js';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { LoadState } from '../ui/Feedback.jsx';
import { t } from './i18n.js';

const PAGE_SIZE = 50;

type InboundEventStatus = InboundEventRecord['status'];

const STATUS_BADGES: Record<InboundEventStatus, string> = { queued: 'badge', processing: 'badge accent', done: 'badge ok', superseded: 'badge', failed: 'badge danger' };

function isStatus(value: string): value is InboundEventStatus {
  return (inboundEventStatuses as readonly string[]).includes(value);
}

export function EventLogPanel(props: { integration: Integration }) {
  const id = createUniqueId();
  const [events, setEvents] = createSignal<InboundEventRecord[]>([]);
  const [status, setStatus] = createSignal<InboundEventStatus | undefined>(undefined);
  const [more, setMore] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const loading = createTask();
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);

  const load = (older: boolean) =>
    loading.run(async () => {
      const shown = older ? events() : [];
      const before = shown[shown.length - 1]?.id;
      const { events: page } = await api.get('/v1/integrations/{id}/events', { params: { path: { id: props.integration.id }, query: { status: status(), before, limit: PAGE_SIZE } } });
      const known = new Set(shown.map((event) => event.id));
      setEvents([...shown, ...page.filter((event) => !known.has(event.id))]);
      setMore(page.length === PAGE_SIZE);
      setLoaded(true);
    });
  onMount(() => void load(false));

  return (
    <div data-testid="admin-integration-events">
      <p class="admin-hint">{t('events.hint')}</p>
      <div class="admin-toolbar">
        <label for={`${id}-status`}>{t('events.status')}</label>
        <select
          id={`${id}-status`}
          class="input"
          onChange={(event) => {
            const value = event.currentTarget.value;
            setStatus(isStatus(value) ? value : undefined);
            void load(false);
          }}
          data-testid="admin-events-status"
        >
          <option value="" selected={status() === undefined}>
            {t('events.anyStatus')}
          </option>
          <For each={inboundEventStatuses}>
            {(value) => (
              <option value={value} selected={status() === value}>
                {t(`events.status.${value}`)}
              </option>
            )}
          </For>
        </select>
        <button type="button" class="button small" disabled={loading.busy()} onClick={() => void load(false)} data-testid="admin-events-refresh">
          {ta('common.refresh')}
        </button>
      </div>
      <LoadState task={loading} retry={() => void load(events().length > 0)} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('integrations.panel.events')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.receivedAt')}</th>
              <th scope="col">{t('events.type')}</th>
              <th scope="col">{t('events.status')}</th>
              <th scope="col">{t('events.attempts')}</th>
              <th scope="col">{t('events.result')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={events()} fallback={<EmptyRow columns={5} text={t('events.none')} />}>
              {(event) => (
                <tr data-testid="admin-event-row" data-id={event.id} data-status={event.status} data-type={event.type}>
                  <td class="admin-nowrap">
                    {when(event.receivedAt)}
                    <Show when={event.processedAt}>
                      {(processed) => (
                        <>
                          <br />
                          <span class="muted admin-description">{t('events.processedAt', { time: when(processed()) })}</span>
                        </>
                      )}
                    </Show>
                  </td>
                  <td>
                    <code>{event.type}</code>
                    <Show when={event.businessKey}>
                      {(key) => (
                        <>
                          <br />
                          <span class="admin-code" title={t('events.businessKey')}>
                            {key()}
                          </span>
                        </>
                      )}
                    </Show>
                    <br />
                    <span class="admin-code">{t('events.webhookId', { id: event.webhookId })}</span>
                  </td>
                  <td>
                    <span class={STATUS_BADGES[event.status]} data-testid="admin-event-status">
                      {t(`events.status.${event.status}`)}
                    </span>
                  </td>
                  <td class="admin-count">{event.attempts}</td>
                  <td class="admin-pre">
                    <Show when={event.conversationId}>
                      {(conversationId) => (
                        <>
                          <A
                            href={conversationLink(conversationId())}
                            aria-label={t('events.openConversationLabel', { type: event.type, time: when(event.receivedAt) })}
                            data-testid="admin-event-conversation"
                          >
                            {t('events.openConversation')}
                          </A>
                          <Show when={event.opened}>
                            {' '}
                            <span class="badge accent" data-testid="admin-event-opened">
                              {t('events.opened')}
                            </span>
                          </Show>
                        </>
                      )}
                    </Show>
                    <Show when={event.error}>
                      {(error) => (
                        <p class={event.status === 'failed' ? 'error-text admin-event-error' : 'muted admin-event-error'} data-testid="admin-event-error">
                          {error()}
                        </p>
                      )}
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={more()}>
          <button type="button" class="button admin-more" disabled={loading.busy()} onClick={() => void load(true)} data-testid="admin-events-more">
            {loading.busy() ? ta('common.loading') : ta('common.loadMore')}
          </button>
        </Show>
      </Show>
    </div>
  );
}
