// Integrations (integrations.manage): the back-office's connections, each opened into its keys,
// signing secrets, event log, webhooks and agent actions
// (/admin/integrations?integration=<id>&panel=<tab>[&endpoint=<webhook endpoint>]), and below the
// list the rules that decide what a trip event opens. A new integration's signing secret, like
// every new key, is shown once.
import type { Integration } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { useSearchParams } from '@solidjs/router';
import { createSignal, For, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { i18n } from '../../i18n.js';
import { api, me } from '../../state/session.js';
import { t as ta } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { ErrorNotice, LoadState, StatusText } from '../ui/Feedback.jsx';
import { t } from './i18n.js';
import { IntegrationDetail, isIntegrationPanel, type IntegrationPanel } from './IntegrationDetail.jsx';
import { IntegrationDialog, type CreatedIntegration } from './IntegrationDialog.jsx';
import { RulesEditor } from './RulesEditor.jsx';
import { SecretDialog } from './SecretDialog.jsx';

type IntegrationQuery = { integration?: string; panel?: string; endpoint?: string };

const byName = (list: readonly Integration[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

export function IntegrationsSection() {
  const [search, setSearch] = useSearchParams<IntegrationQuery>();
  const [integrations, setIntegrations] = createStore<Integration[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [dialog, setDialog] = createSignal<{ integration: Integration | null } | null>(null);
  const [firstSecret, setFirstSecret] = createSignal<CreatedIntegration | null>(null);
  const loading = createTask();
  const refreshing = createTask();
  const status = createStatusLine();
  let heading!: HTMLHeadingElement;

  const show = (list: readonly Integration[]) => setIntegrations(reconcile(byName(list), { key: 'id' }));
  const load = () =>
    loading.run(async () => {
      show((await api.get('/v1/integrations')).integrations);
      setLoaded(true);
    });
  // After a key or a signing secret changed: the integration as the server now has it.
  const refresh = () => refreshing.run(async () => show((await api.get('/v1/integrations')).integrations));
  onMount(() => void load());

  const selectedId = () => search.integration;
  const selected = () => integrations.find((integration) => integration.id === selectedId());
  const panel = (): IntegrationPanel => (isIntegrationPanel(search.panel) ? search.panel : 'keys');
  const open = (id: string) => setSearch({ integration: id, panel: undefined, endpoint: undefined });
  const back = () => {
    setSearch({ integration: undefined, panel: undefined, endpoint: undefined });
    queueMicrotask(() => heading.focus());
  };
  const detailHeading = () => document.querySelector<HTMLElement>('[data-testid="admin-integration-title"]') ?? heading;

  const saved = (integration: Integration) => {
    show(integrations.map((candidate) => (candidate.id === integration.id ? integration : candidate)));
    status.say(t('integrations.saved', { name: integration.name }));
  };
  const created = (made: CreatedIntegration) => {
    show([...integrations, made.integration]);
    status.say(t('integrations.created', { name: made.integration.name }));
    open(made.integration.id);
    setFirstSecret(made);
  };
  const activeKeys = (integration: Integration) => integration.keys.filter((key) => key.state === 'active').length;

  return (
    <section data-testid="admin-integrations" aria-labelledby="admin-integrations-title">
      <div class="admin-head">
        <h2 id="admin-integrations-title" ref={heading} tabIndex={-1}>
          {ta('section.integrations')}
        </h2>
        <Show when={!selectedId()}>
          <button type="button" class="button primary" onClick={() => setDialog({ integration: null })} data-testid="admin-integration-new">
            {t('integrations.new')}
          </button>
        </Show>
      </div>
      <StatusText text={status.text()} />
      <LoadState task={loading} retry={() => void load()} />
      <ErrorNotice error={refreshing.error()} />
      <Show when={loaded()}>
        <Show
          when={selectedId()}
          fallback={
            <>
              <p class="admin-hint">{t('integrations.hint')}</p>
              <table class="table admin-table">
                <caption class="visually-hidden">{ta('section.integrations')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('integrations.name')}</th>
                    <th scope="col">{t('integrations.state')}</th>
                    <th scope="col">{t('integrations.keys')}</th>
                    <th scope="col">{t('integrations.createdAt')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{ta('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={integrations} fallback={<EmptyRow columns={5} text={t('integrations.none')} />}>
                    {(integration) => (
                      <tr data-testid="admin-integration-row" data-id={integration.id} data-disabled={String(integration.disabled)}>
                        <th scope="row">
                          {integration.name}
                          <Show when={integration.description}>
                            <br />
                            <span class="muted admin-description">{integration.description}</span>
                          </Show>
                        </th>
                        <td>
                          <span class={integration.disabled ? 'badge danger' : 'badge ok'}>{integration.disabled ? t('integrations.disabledBadge') : t('integrations.enabledBadge')}</span>
                        </td>
                        <td>
                          <span class="admin-count">{integration.keys.length}</span> <span class="muted">({t('integrations.activeKeys', { count: activeKeys(integration) })})</span>
                        </td>
                        <td class="admin-nowrap">{formatDateTime(integration.createdAt, i18n.locale(), me()?.timeZone)}</td>
                        <td class="admin-row-actions">
                          <button type="button" class="button small primary" onClick={() => open(integration.id)} aria-label={t('integrations.openLabel', { name: integration.name })} data-testid="admin-integration-open">
                            {t('integrations.open')}
                          </button>
                          <button type="button" class="button small" onClick={() => setDialog({ integration })} aria-label={t('integrations.editLabel', { name: integration.name })} data-testid="admin-integration-edit-row">
                            {ta('common.edit')}
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <RulesEditor />
            </>
          }
        >
          <Show
            when={selected()}
            fallback={
              <>
                <p class="panel" data-testid="admin-integration-missing">
                  {t('integrations.notFound')}
                </p>
                <button type="button" class="button" onClick={back}>
                  ← {t('integrations.back')}
                </button>
              </>
            }
          >
            {(integration) => (
              <IntegrationDetail
                integration={integration()}
                panel={panel()}
                onPanel={(next) => setSearch({ panel: next === 'keys' ? undefined : next, endpoint: undefined }, { replace: true })}
                endpoint={search.endpoint}
                onEndpoint={(endpoint) => setSearch({ endpoint })}
                onBack={back}
                onSaved={saved}
                onChanged={refresh}
                say={(text) => status.say(text)}
              />
            )}
          </Show>
        </Show>
      </Show>
      <Show when={dialog()}>
        {(open) => <IntegrationDialog integration={open().integration} onCreated={created} onSaved={saved} onUnchanged={() => status.say(ta('common.unchanged'))} onClose={() => setDialog(null)} />}
      </Show>
      <Show when={firstSecret()}>
        {(made) => (
          <SecretDialog
            title={t('secret.integrationTitle', { name: made().integration.name })}
            secret={made().signingSecret}
            use={t('secret.signingUse')}
            onClose={() => setFirstSecret(null)}
            returnFocus={detailHeading}
          />
        )}
      </Show>
    </section>
  );
}
