// One integration: its name, description and state (changed in a dialog), and its keys, signing
// secrets, event log, webhook endpoints and agent actions as tabs. The tab (and a webhook endpoint
// whose log is open) is kept in the address, so that a reload or a shared link opens the same one.
import type { Integration } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createSignal, Match, onMount, Show, Switch } from 'solid-js';
import { i18n } from '../../i18n.js';
import { me } from '../../state/session.js';
import { t as ta } from '../i18n.js';
import { Tabs } from '../ui/Tabs.jsx';
import { EventLogPanel } from './EventLogPanel.jsx';
import { t } from './i18n.js';
import { ActionsEditor } from './ActionsEditor.jsx';
import { IntegrationDialog } from './IntegrationDialog.jsx';
import { KeysPanel } from './KeysPanel.jsx';
import { SigningSecretsPanel } from './SigningSecretsPanel.jsx';
import { WebhooksPanel } from './WebhooksPanel.jsx';

export const INTEGRATION_PANELS = ['keys', 'secrets', 'events', 'webhooks', 'actions'] as const;
export type IntegrationPanel = (typeof INTEGRATION_PANELS)[number];

export function isIntegrationPanel(value: string | undefined): value is IntegrationPanel {
  return (INTEGRATION_PANELS as readonly (string | undefined)[]).includes(value);
}

export function IntegrationDetail(props: {
  integration: Integration;
  panel: IntegrationPanel;
  onPanel: (panel: IntegrationPanel) => void;
  /** The webhook endpoint whose delivery log is open (webhooks tab). */
  endpoint: string | undefined;
  onEndpoint: (endpointId: string | undefined) => void;
  onBack: () => void;
  onSaved: (integration: Integration) => void;
  onChanged: () => Promise<unknown>;
  say: (text: string) => void;
}) {
  const [editing, setEditing] = createSignal(false);
  let heading!: HTMLHeadingElement;
  const returnFocus = () => heading;
  // Opened from the list, whose button is gone: focus starts at the integration's name (unless a
  // dialog, such as a new integration's secret, already holds it).
  onMount(() => {
    if (!document.activeElement?.closest('[role="dialog"]')) heading.focus();
  });

  return (
    <div data-testid="admin-integration-detail" data-id={props.integration.id}>
      <p>
        <button type="button" class="button small" onClick={() => props.onBack()} data-testid="admin-integration-back">
          ← {t('integrations.back')}
        </button>
      </p>
      <div class="admin-head">
        <div class="admin-inline">
          <h3 ref={heading} class="admin-subtitle" tabIndex={-1} data-testid="admin-integration-title">
            {props.integration.name}
          </h3>
          <span class={props.integration.disabled ? 'badge danger' : 'badge ok'} data-testid="admin-integration-state">
            {props.integration.disabled ? t('integrations.disabledBadge') : t('integrations.enabledBadge')}
          </span>
        </div>
        <button type="button" class="button" onClick={() => setEditing(true)} aria-label={t('integrations.editLabel', { name: props.integration.name })} data-testid="admin-integration-edit">
          {ta('common.edit')}
        </button>
      </div>
      <Show when={props.integration.description}>{(description) => <p class="admin-pre">{description()}</p>}</Show>
      <p class="admin-hint">
        {t('integrations.createdAt')}: {formatDateTime(props.integration.createdAt, i18n.locale(), me()?.timeZone)}
      </p>
      <Tabs
        label={t('integrations.panels')}
        tabs={INTEGRATION_PANELS.map((id) => ({ id, label: t(`integrations.panel.${id}`) }))}
        selected={props.panel}
        onSelect={(panel) => props.onPanel(panel)}
        testId="admin-integration-tabs"
      >
        <Switch>
          <Match when={props.panel === 'keys'}>
            <KeysPanel integration={props.integration} onChanged={props.onChanged} say={props.say} returnFocus={returnFocus} />
          </Match>
          <Match when={props.panel === 'secrets'}>
            <SigningSecretsPanel integration={props.integration} onChanged={props.onChanged} say={props.say} returnFocus={returnFocus} />
          </Match>
          <Match when={props.panel === 'events'}>
            <EventLogPanel integration={props.integration} />
          </Match>
          <Match when={props.panel === 'webhooks'}>
            <WebhooksPanel integration={props.integration} endpointId={props.endpoint} onEndpoint={props.onEndpoint} say={props.say} returnFocus={returnFocus} />
          </Match>
          <Match when={props.panel === 'actions'}>
            <ActionsEditor integration={props.integration} />
          </Match>
        </Switch>
      </Tabs>
      <Show when={editing()}>
        <IntegrationDialog
          integration={props.integration}
          onSaved={(integration) => props.onSaved(integration)}
          onUnchanged={() => props.say(ta('common.unchanged'))}
          onClose={() => setEditing(false)}
        />
      </Show>
    </div>
  );
}
