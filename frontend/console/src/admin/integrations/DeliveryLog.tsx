// An endpoint's delivery log: what was sent, newest first, page by page, filtered by status: when it
// was queued, which event about which conversation, where it is (delivered, retrying at, dead), how
// many attempts, the last answer or error. Any delivery can be sent again (its row is read again
// until the sender has tried it); its detail, every attempt's request and answer, opens in a dialog.
import type { WebhookDelivery } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { A } from '@solidjs/router';
import { createEffect, createSignal, createUniqueId, For, on, onCleanup, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { i18n } from '../../i18n.js';
import { conversationLink } from '../../inbox/links.js';
import { api, me } from '../../state/session.js';
import { t as ta } from '../i18n.js';
import { createTask } from '../task.js';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { ErrorNotice, LoadState } from '../ui/Feedback.jsx';
import { DeliveryDialog } from './DeliveryDialog.jsx';
import { t } from './i18n.js';
import { DELIVERY_STATUSES, deliveryState, deliveryStateText, isDeliveryStatus, lastProblem, STATE_BADGES, type DeliveryStatus } from './webhook-form.js';

const PAGE_SIZE = 50;
/** After a redelivery the row is read again every second, for at most this many seconds. */
const FOLLOW_ROUNDS = 20;
const FOLLOW_MS = 1_000;

export function DeliveryLog(props: {
  integrationId: string;
  endpointId: string;
  /** Changes when the log should be read again from the top (after a test send). */
  version: number;
  onChanged: () => Promise<unknown>;
  say: (text: string) => void;
}) {
  const id = createUniqueId();
  // A store matched by id: a row read again keeps its elements (and the focus on its buttons).
  const [deliveries, setDeliveries] = createStore<WebhookDelivery[]>([]);
  const show = (list: readonly WebhookDelivery[]) => setDeliveries(reconcile([...list], { key: 'id' }));
  const [status, setStatus] = createSignal<DeliveryStatus | undefined>(undefined);
  const [more, setMore] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const [open, setOpen] = createSignal<WebhookDelivery | null>(null);
  const [redelivering, setRedelivering] = createSignal<string | null>(null);
  const loading = createTask();
  const redelivery = createTask();
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);
  const path = () => ({ id: props.integrationId, endpointId: props.endpointId });
  let disposed = false;
  onCleanup(() => {
    disposed = true;
  });

  const load = (older: boolean) =>
    loading.run(async () => {
      const shown = older ? [...deliveries] : [];
      const before = shown[shown.length - 1]?.id;
      const { deliveries: page } = await api.get('/v1/integrations/{id}/webhooks/{endpointId}/deliveries', { params: { path: path(), query: { status: status(), before, limit: PAGE_SIZE } } });
      const known = new Set(shown.map((delivery) => delivery.id));
      show([...shown, ...page.filter((delivery) => !known.has(delivery.id))]);
      setMore(page.length === PAGE_SIZE);
      setLoaded(true);
    });
  onMount(() => void load(false));
  createEffect(on(() => props.version, () => void load(false), { defer: true }));

  const replace = (delivery: WebhookDelivery) => show(deliveries.map((candidate) => (candidate.id === delivery.id ? delivery : candidate)));

  /** The row read again until the sender has tried it once more (or FOLLOW_ROUNDS seconds passed). */
  const follow = async (deliveryId: string) => {
    for (let round = 0; round < FOLLOW_ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
      if (disposed) return;
      const { delivery } = await api.get('/v1/integrations/{id}/webhooks/{endpointId}/deliveries/{deliveryId}', { params: { path: { ...path(), deliveryId } } });
      replace(delivery);
      if (delivery.status !== 'pending' || delivery.attempts > 0) break;
    }
    if (!disposed) await props.onChanged();
  };

  const redeliver = (delivery: WebhookDelivery) =>
    void redelivery.run(async () => {
      setRedelivering(delivery.id);
      try {
        const again = await api.post('/v1/integrations/{id}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver', { params: { path: { ...path(), deliveryId: delivery.id } } });
        replace(again);
        props.say(t('deliveries.redelivered', { type: again.eventType }));
        void props.onChanged();
      } finally {
        setRedelivering(null);
      }
      follow(delivery.id).catch((error: unknown) => redelivery.setError(error));
    });

  return (
    <div data-testid="admin-webhook-deliveries">
      <p class="admin-hint">{t('deliveries.hint')}</p>
      <div class="admin-toolbar">
        <label for={`${id}-status`}>{t('deliveries.status')}</label>
        <select
          id={`${id}-status`}
          class="input"
          onChange={(event) => {
            const value = event.currentTarget.value;
            setStatus(isDeliveryStatus(value) ? value : undefined);
            void load(false);
          }}
          data-testid="admin-deliveries-status"
        >
          <option value="" selected={status() === undefined}>
            {t('deliveries.anyStatus')}
          </option>
          <For each={DELIVERY_STATUSES}>
            {(value) => (
              <option value={value} selected={status() === value}>
                {t(`deliveries.filter.${value}`)}
              </option>
            )}
          </For>
        </select>
        <button
          type="button"
          class="button small"
          disabled={loading.busy()}
          onClick={() => {
            // The endpoint's counts of waiting and dead deliveries above are read again with it.
            void load(false);
            void props.onChanged();
          }}
          data-testid="admin-deliveries-refresh"
        >
          {ta('common.refresh')}
        </button>
      </div>
      <LoadState task={loading} retry={() => void load(deliveries.length > 0)} />
      <ErrorNotice error={redelivery.error()} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('webhooks.deliveries')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deliveries.createdAt')}</th>
              <th scope="col">{t('deliveries.event')}</th>
              <th scope="col">{t('deliveries.status')}</th>
              <th scope="col">{t('deliveries.attempts')}</th>
              <th scope="col">
                <span class="visually-hidden">{ta('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={deliveries} fallback={<EmptyRow columns={5} text={t('deliveries.none')} />}>
              {(delivery) => {
                const state = () => deliveryState(delivery);
                const stateText = () => deliveryStateText(delivery, when);
                const labelVars = () => ({ type: delivery.eventType, time: when(delivery.createdAt) });
                return (
                  <tr data-testid="admin-delivery-row" data-id={delivery.id} data-status={delivery.status} data-state={state()} data-type={delivery.eventType}>
                    <td class="admin-nowrap">{when(delivery.createdAt)}</td>
                    <td>
                      <code>{delivery.eventType}</code>
                      <br />
                      <span class="admin-code">{delivery.webhookId}</span>
                      <Show when={delivery.conversationId}>
                        {(conversationId) => (
                          <>
                            <br />
                            <A href={conversationLink(conversationId())} aria-label={t('deliveries.conversationLabel', labelVars())} data-testid="admin-delivery-conversation">
                              {t('deliveries.conversation')}
                            </A>
                          </>
                        )}
                      </Show>
                    </td>
                    <td>
                      <span class={STATE_BADGES[state()]} data-testid="admin-delivery-state">
                        {t(stateText().key, stateText().vars)}
                      </span>
                      <Show when={delivery.deliveredAt}>
                        {(at) => (
                          <>
                            <br />
                            <span class="muted admin-description">{t('deliveries.deliveredAt', { time: when(at()) })}</span>
                          </>
                        )}
                      </Show>
                      <Show when={state() === 'dead'}>
                        <br />
                        <span class="admin-description">{t('deliveries.deadHint')}</span>
                      </Show>
                      <Show when={lastProblem(delivery)}>
                        {(problem) => (
                          <p class={delivery.status === 'failed' ? 'error-text admin-event-error' : 'muted admin-event-error'} data-testid="admin-delivery-error">
                            {t(problem().key, problem().vars)}
                          </p>
                        )}
                      </Show>
                    </td>
                    <td class="admin-count">{delivery.attempts}</td>
                    <td class="admin-row-actions">
                      <button type="button" class="button small" onClick={() => setOpen(delivery)} aria-label={t('deliveries.detailsLabel', labelVars())} data-testid="admin-delivery-details">
                        {t('deliveries.details')}
                      </button>
                      <button
                        type="button"
                        class={state() === 'dead' ? 'button small primary' : 'button small'}
                        aria-disabled={redelivering() === delivery.id}
                        onClick={() => redeliver(delivery)}
                        aria-label={t('deliveries.redeliverLabel', labelVars())}
                        data-testid="admin-delivery-redeliver"
                      >
                        {redelivering() === delivery.id ? ta('common.working') : t('deliveries.redeliver')}
                      </button>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
        <Show when={more()}>
          <button type="button" class="button admin-more" disabled={loading.busy()} onClick={() => void load(true)} data-testid="admin-deliveries-more">
            {loading.busy() ? ta('common.loading') : ta('common.loadMore')}
          </button>
        </Show>
      </Show>
      <Show when={open()}>{(delivery) => <DeliveryDialog integrationId={props.integrationId} endpointId={props.endpointId} delivery={delivery()} onLoaded={replace} onClose={() => setOpen(null)} />}</Show>
    </div>
  );
}
