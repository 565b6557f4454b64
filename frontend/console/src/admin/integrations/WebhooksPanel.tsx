// An integration's webhook endpoints: where each sends, which events, whether it is on and sends
// internal data, and at a glance how many deliveries wait and how many are dead. A new endpoint
// shows its secret once; deleting one (with its delivery log) asks first. One endpoint's log is
// opened below the list, its id kept in the address.
import type { Integration, WebhookEndpoint } from '@smartchat/contracts';
import { createSignal, For, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { api } from '../../state/session.js';
import { t as ta } from '../i18n.js';
import { createTask } from '../task.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.jsx';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { ErrorNotice, LoadState } from '../ui/Feedback.jsx';
import { EndpointDialog, type CreatedEndpoint } from './EndpointDialog.jsx';
import { EndpointPanel } from './EndpointPanel.jsx';
import { t } from './i18n.js';
import { SecretDialog } from './SecretDialog.jsx';

export function WebhooksPanel(props: {
  integration: Integration;
  endpointId: string | undefined;
  onEndpoint: (endpointId: string | undefined) => void;
  say: (text: string) => void;
  returnFocus: () => HTMLElement | undefined;
}) {
  const [endpoints, setEndpoints] = createStore<WebhookEndpoint[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [editing, setEditing] = createSignal<{ endpoint: WebhookEndpoint | null } | null>(null);
  const [deleting, setDeleting] = createSignal<WebhookEndpoint | null>(null);
  const [shown, setShown] = createSignal<CreatedEndpoint | null>(null);
  const loading = createTask();
  const refreshing = createTask();
  let list!: HTMLDivElement;

  const path = () => ({ id: props.integration.id });
  const show = (found: readonly WebhookEndpoint[]) => setEndpoints(reconcile([...found], { key: 'id' }));
  const read = async () => show((await api.get('/v1/integrations/{id}/webhooks', { params: { path: path() } })).endpoints);
  const load = () =>
    loading.run(async () => {
      await read();
      setLoaded(true);
    });
  // After a test send or a redelivery: the counts as the server now has them, without "loading".
  const refresh = () => refreshing.run(read);
  onMount(() => void load());

  const replace = (endpoint: WebhookEndpoint) => show(endpoints.map((candidate) => (candidate.id === endpoint.id ? endpoint : candidate)));
  /** Focus for a dialog whose opener is gone: the open log's heading, else the list's first button. */
  const focusTarget = () => list.querySelector<HTMLElement>('[data-testid="admin-webhook-log-title"]') ?? list.querySelector<HTMLElement>('[data-testid="admin-webhook-new"]') ?? props.returnFocus();

  const created = (made: CreatedEndpoint) => {
    show([...endpoints, made.endpoint]);
    props.say(t('webhooks.created', { url: made.endpoint.url }));
    props.onEndpoint(made.endpoint.id);
    setShown(made);
  };
  const remove = async (endpoint: WebhookEndpoint) => {
    await api.delete('/v1/integrations/{id}/webhooks/{endpointId}', { params: { path: { ...path(), endpointId: endpoint.id } } });
    show(endpoints.filter((candidate) => candidate.id !== endpoint.id));
    if (props.endpointId === endpoint.id) props.onEndpoint(undefined);
    props.say(t('webhooks.deleted', { url: endpoint.url }));
  };

  return (
    <div ref={list} data-testid="admin-integration-webhooks">
      <div class="admin-head">
        <p class="admin-hint">{t('webhooks.hint')}</p>
        <button type="button" class="button primary" onClick={() => setEditing({ endpoint: null })} data-testid="admin-webhook-new">
          {t('webhooks.new')}
        </button>
      </div>
      <LoadState task={loading} retry={() => void load()} />
      <ErrorNotice error={refreshing.error()} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('integrations.panel.webhooks')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.url')}</th>
              <th scope="col">{t('webhooks.events')}</th>
              <th scope="col">{t('webhooks.state')}</th>
              <th scope="col">{t('webhooks.deliveries')}</th>
              <th scope="col">
                <span class="visually-hidden">{ta('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={endpoints} fallback={<EmptyRow columns={5} text={t('webhooks.none')} />}>
              {(endpoint) => (
                <tr data-testid="admin-webhook-row" data-id={endpoint.id} data-enabled={String(endpoint.enabled)} aria-current={endpoint.id === props.endpointId ? 'true' : undefined}>
                  <th scope="row">
                    <span class="admin-address" data-testid="admin-webhook-row-url">
                      {endpoint.url}
                    </span>
                    <Show when={endpoint.description}>
                      <br />
                      <span class="muted admin-description">{endpoint.description}</span>
                    </Show>
                  </th>
                  <td>
                    <For each={endpoint.eventTypes}>{(type) => <code class="admin-scope">{type}</code>}</For>
                  </td>
                  <td>
                    <span class={endpoint.enabled ? 'badge ok' : 'badge danger'}>{endpoint.enabled ? t('webhooks.enabledBadge') : t('webhooks.disabledBadge')}</span>
                    <Show when={endpoint.includeInternal}>
                      <br />
                      <span class="badge note" data-testid="admin-webhook-internal-badge">
                        {t('webhooks.internalBadge')}
                      </span>
                    </Show>
                  </td>
                  <td class="admin-nowrap">
                    <span class={endpoint.pending > 0 ? 'badge note' : 'badge'} data-testid="admin-webhook-pending" data-count={endpoint.pending}>
                      {t('webhooks.pending', { count: endpoint.pending })}
                    </span>
                    <br />
                    <span class={endpoint.failed > 0 ? 'badge danger' : 'badge'} data-testid="admin-webhook-failed" data-count={endpoint.failed}>
                      {t('webhooks.failed', { count: endpoint.failed })}
                    </span>
                  </td>
                  <td class="admin-row-actions">
                    <button type="button" class="button small primary" onClick={() => props.onEndpoint(endpoint.id)} aria-label={t('webhooks.openLabel', { url: endpoint.url })} data-testid="admin-webhook-open">
                      {t('webhooks.open')}
                    </button>
                    <button type="button" class="button small" onClick={() => setEditing({ endpoint })} aria-label={t('webhooks.editLabel', { url: endpoint.url })} data-testid="admin-webhook-edit">
                      {ta('common.edit')}
                    </button>
                    <button type="button" class="button small danger" onClick={() => setDeleting(endpoint)} aria-label={t('webhooks.deleteLabel', { url: endpoint.url })} data-testid="admin-webhook-delete">
                      {ta('common.delete')}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        {/* Keyed by the id: another endpoint opened is a fresh log (its own test result, its own pages). */}
        <Show when={props.endpointId} keyed>
          {(endpointId) => (
            <Show
              when={endpoints.find((endpoint) => endpoint.id === endpointId)}
              fallback={
                <p class="panel" data-testid="admin-webhook-missing">
                  {t('webhooks.endpointMissing')}
                </p>
              }
            >
              {(endpoint) => <EndpointPanel integrationId={props.integration.id} endpoint={endpoint()} onClose={() => props.onEndpoint(undefined)} onChanged={refresh} say={props.say} />}
            </Show>
          )}
        </Show>
      </Show>
      <Show when={editing()}>
        {(open) => (
          <EndpointDialog
            integrationId={props.integration.id}
            endpoint={open().endpoint}
            onCreated={created}
            onSaved={(endpoint) => {
              replace(endpoint);
              props.say(t('webhooks.saved', { url: endpoint.url }));
            }}
            onUnchanged={() => props.say(ta('common.unchanged'))}
            onClose={() => setEditing(null)}
          />
        )}
      </Show>
      <Show when={deleting()}>
        {(endpoint) => (
          <ConfirmDialog
            title={t('webhooks.deleteTitle')}
            question={t('webhooks.deleteQuestion', { url: endpoint().url })}
            confirmLabel={ta('common.delete')}
            onConfirm={() => remove(endpoint())}
            onClose={() => setDeleting(null)}
            returnFocus={focusTarget}
          />
        )}
      </Show>
      <Show when={shown()}>
        {(made) => <SecretDialog title={t('webhooks.secretTitle', { url: made().endpoint.url })} secret={made().secret} use={t('webhooks.secretUse')} onClose={() => setShown(null)} returnFocus={focusTarget} />}
      </Show>
    </div>
  );
}
