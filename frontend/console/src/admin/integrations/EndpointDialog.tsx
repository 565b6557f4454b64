// Adding a webhook endpoint (its URL, the events it is sent, whether internal data goes too) or
// changing one (also switching it off and on). A new endpoint's secret comes back with it: the
// panel shows it once.
import type { WebhookEndpoint } from '@smartchat/contracts';
import { createSignal, createUniqueId, For } from 'solid-js';
import { api } from '../../state/session.js';
import { FormProblem } from '../errors.js';
import { t as ta } from '../i18n.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { t } from './i18n.js';
import { endpointBody, endpointChanges, endpointDraftOf, EVENT_TYPES, newEndpoint, type EndpointDraft } from './webhook-form.js';

/** A new endpoint with its secret: the only answer that carries the secret. */
export interface CreatedEndpoint {
  endpoint: WebhookEndpoint;
  secret: string;
}

export function EndpointDialog(props: {
  integrationId: string;
  /** null: a new endpoint. */
  endpoint: WebhookEndpoint | null;
  onCreated: (created: CreatedEndpoint) => void;
  onSaved: (endpoint: WebhookEndpoint) => void;
  onUnchanged: () => void;
  onClose: () => void;
}) {
  const original = props.endpoint;
  const id = createUniqueId();
  const [draft, setDraft] = createSignal<EndpointDraft>(original ? endpointDraftOf(original) : newEndpoint());
  const set = <K extends keyof EndpointDraft>(key: K, value: EndpointDraft[K]) => setDraft({ ...draft(), [key]: value });
  const toggle = (type: EndpointDraft['eventTypes'][number], on: boolean) => set('eventTypes', on ? [...draft().eventTypes, type] : draft().eventTypes.filter((chosen) => chosen !== type));
  const task = createTask();

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(async () => {
      if (!original) {
        const result = endpointBody(draft());
        if ('problem' in result) throw new FormProblem(t(`webhooks.${result.problem}`));
        const created = await api.post('/v1/integrations/{id}/webhooks', { params: { path: { id: props.integrationId } }, body: result.body });
        props.onClose();
        props.onCreated(created);
        return;
      }
      const result = endpointChanges(draft(), original);
      if ('problem' in result) throw new FormProblem(t(`webhooks.${result.problem}`));
      if (Object.keys(result.changes).length === 0) props.onUnchanged();
      else props.onSaved(await api.patch('/v1/integrations/{id}/webhooks/{endpointId}', { params: { path: { id: props.integrationId, endpointId: original.id } }, body: result.changes }));
      props.onClose();
    });
  };

  return (
    <Dialog title={original ? t('webhooks.editTitle') : t('webhooks.createTitle')} onClose={() => props.onClose()} testId="admin-webhook-dialog" wide>
      <form class="admin-form" onSubmit={save} noValidate autocomplete="off">
        <div class="field">
          <label for={`${id}-url`}>{t('webhooks.url')}</label>
          <input
            id={`${id}-url`}
            class="input admin-secret"
            type="url"
            required
            maxLength={2000}
            spellcheck={false}
            aria-describedby={`${id}-url-hint`}
            value={draft().url}
            onInput={(event) => set('url', event.currentTarget.value)}
            data-testid="admin-webhook-url"
          />
          <p id={`${id}-url-hint`} class="admin-hint">
            {t('webhooks.urlHint')}
          </p>
        </div>
        <div class="field">
          <label for={`${id}-description`}>{t('webhooks.description')}</label>
          <input
            id={`${id}-description`}
            class="input"
            maxLength={500}
            aria-describedby={`${id}-description-hint`}
            value={draft().description}
            onInput={(event) => set('description', event.currentTarget.value)}
            data-testid="admin-webhook-description"
          />
          <p id={`${id}-description-hint`} class="admin-hint">
            {t('webhooks.descriptionHint')}
          </p>
        </div>
        <fieldset class="admin-fieldset" data-testid="admin-webhook-events">
          <legend>{t('webhooks.eventsLegend')}</legend>
          <For each={EVENT_TYPES}>
            {(type) => (
              <label class="admin-check">
                <input type="checkbox" value={type} checked={draft().eventTypes.includes(type)} onChange={(event) => toggle(type, event.currentTarget.checked)} />
                <span>{t(`webhooks.event.${type}`)}</span>
              </label>
            )}
          </For>
        </fieldset>
        <label class="admin-check">
          <input
            type="checkbox"
            checked={draft().includeInternal}
            onChange={(event) => set('includeInternal', event.currentTarget.checked)}
            aria-describedby={`${id}-internal-hint`}
            data-testid="admin-webhook-internal"
          />
          <span>{t('webhooks.includeInternal')}</span>
        </label>
        <p id={`${id}-internal-hint`} class="admin-hint" data-testid="admin-webhook-internal-hint">
          {t('webhooks.includeInternalHint')}
        </p>
        <label class="admin-check">
          <input type="checkbox" checked={draft().enabled} onChange={(event) => set('enabled', event.currentTarget.checked)} aria-describedby={`${id}-enabled-hint`} data-testid="admin-webhook-enabled" />
          <span>{t('webhooks.enabled')}</span>
        </label>
        <p id={`${id}-enabled-hint`} class="admin-hint">
          {t('webhooks.enabledHint')}
        </p>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()} data-testid="admin-webhook-save">
            {task.busy() ? (original ? ta('common.saving') : ta('common.creating')) : original ? ta('common.save') : t('webhooks.create')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {ta('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
