// One delivery in full: where it is, and every attempt — when, the status answered or the error,
// how long it took, the request's headers and body (JSON indented) and the first 4 KiB of the
// answer, as the sender kept them.
import type { WebhookAttempt, WebhookDelivery } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createSignal, For, onMount, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { api, me } from '../../state/session.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { LoadState } from '../ui/Feedback.jsx';
import { t } from './i18n.js';
import { deliveryState, deliveryStateText, headerLines, readableBody, STATE_BADGES } from './webhook-form.js';
import './integrations.css';

export function DeliveryDialog(props: { integrationId: string; endpointId: string; delivery: WebhookDelivery; onLoaded: (delivery: WebhookDelivery) => void; onClose: () => void }) {
  const [attempts, setAttempts] = createSignal<WebhookAttempt[] | null>(null);
  const [delivery, setDelivery] = createSignal(props.delivery);
  const loading = createTask();
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);
  const stateText = () => deliveryStateText(delivery(), when);

  const load = () =>
    loading.run(async () => {
      const detail = await api.get('/v1/integrations/{id}/webhooks/{endpointId}/deliveries/{deliveryId}', { params: { path: { id: props.integrationId, endpointId: props.endpointId, deliveryId: props.delivery.id } } });
      setDelivery(detail.delivery);
      setAttempts(detail.attempts);
      // The row shows what the server holds now too.
      props.onLoaded(detail.delivery);
    });
  onMount(() => void load());

  return (
    <Dialog title={t('delivery.title', { type: props.delivery.eventType })} onClose={() => props.onClose()} testId="admin-delivery-dialog" wide>
      <p>
        <span class={STATE_BADGES[deliveryState(delivery())]} data-testid="admin-delivery-dialog-state">
          {t(stateText().key, stateText().vars)}
        </span>{' '}
        <span class="admin-code">{delivery().webhookId}</span>
        <br />
        <span class="admin-hint">{t('delivery.createdAt', { time: when(delivery().createdAt) })}</span>
      </p>
      <LoadState task={loading} retry={() => void load()} />
      <Show when={attempts()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">{t('delivery.noAttempts')}</p>}>
            <ol class="admin-attempts" aria-label={t('delivery.attempts')}>
              <For each={list()}>
                {(attempt, index) => (
                  <li class="admin-attempt" data-testid="admin-delivery-attempt" data-status={attempt.responseStatus ?? ''}>
                    <h3>{t('delivery.attempt', { number: index() + 1, time: when(attempt.attemptedAt) })}</h3>
                    <p>
                      <span class={attempt.responseStatus !== null && attempt.responseStatus >= 200 && attempt.responseStatus < 300 ? 'badge ok' : 'badge danger'} data-testid="admin-attempt-status">
                        {attempt.responseStatus === null ? t('delivery.noAnswer') : t('delivery.answered', { status: attempt.responseStatus })}
                      </span>{' '}
                      <span class="admin-count">{t('delivery.latency', { latency: attempt.latencyMs })}</span>
                    </p>
                    <Show when={attempt.error}>
                      <p class="error-text" data-testid="admin-attempt-error">
                        {attempt.error}
                      </p>
                    </Show>
                    <h4>{t('delivery.requestHeaders')}</h4>
                    <pre class="admin-webhook-pre" data-testid="admin-attempt-headers">
                      {headerLines(attempt.requestHeaders)}
                    </pre>
                    <h4>{t('delivery.requestBody')}</h4>
                    <pre class="admin-webhook-pre" data-testid="admin-attempt-request">
                      {readableBody(attempt.requestBody)}
                    </pre>
                    <Show when={attempt.responseStatus !== null}>
                      <h4>{t('delivery.responseBody')}</h4>
                      <pre class="admin-webhook-pre" data-testid="admin-attempt-response">
                        {readableBody(attempt.responseBody) || t('webhooks.emptyAnswer')}
                      </pre>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </Show>
    </Dialog>
  );
}
