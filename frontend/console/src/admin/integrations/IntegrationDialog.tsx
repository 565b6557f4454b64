// Adding an integration (a name, a description) or changing one (also switching it off and on).
// A new integration's first signing secret comes back with it: the section shows it once.
import type { Integration } from '@smartchat/contracts';
import { ApiError } from '@smartchat/frontend-kit';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { api } from '../../state/session.js';
import { FormProblem } from '../errors.js';
import { t as ta } from '../i18n.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { t } from './i18n.js';

/** A new integration with its first signing secret: the only answer that carries the secret. */
export interface CreatedIntegration {
  integration: Integration;
  signingSecret: string;
}
type IntegrationChanges = { name?: string; description?: string | null; disabled?: boolean };

export function IntegrationDialog(props: {
  integration: Integration | null;
  /** A new integration (the dialog opened without one). */
  onCreated?: (created: CreatedIntegration) => void;
  onSaved: (integration: Integration) => void;
  onUnchanged: () => void;
  onClose: () => void;
}) {
  const original = props.integration;
  const id = createUniqueId();
  const [name, setName] = createSignal(original?.name ?? '');
  const [description, setDescription] = createSignal(original?.description ?? '');
  const [disabled, setDisabled] = createSignal(original?.disabled ?? false);
  const task = createTask();

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(async () => {
      const chosenName = name().trim();
      const chosenDescription = description().trim();
      if (!chosenName) throw new FormProblem(t('integrations.nameRequired'));
      if (!original) {
        const body = { name: chosenName, ...(chosenDescription ? { description: chosenDescription } : {}) };
        const created = await api.post('/v1/integrations', { body }).catch((error: unknown) => {
          throw nameTaken(error, chosenName);
        });
        props.onClose();
        props.onCreated?.(created);
        return;
      }
      const changes: IntegrationChanges = {};
      if (chosenName !== original.name) changes.name = chosenName;
      if (chosenDescription !== (original.description ?? '')) changes.description = chosenDescription || null;
      if (disabled() !== original.disabled) changes.disabled = disabled();
      if (Object.keys(changes).length === 0) props.onUnchanged();
      else
        props.onSaved(
          await api.patch('/v1/integrations/{id}', { params: { path: { id: original.id } }, body: changes }).catch((error: unknown) => {
            throw nameTaken(error, chosenName);
          }),
        );
      props.onClose();
    });
  };

  return (
    <Dialog title={original ? t('integrations.editTitle', { name: original.name }) : t('integrations.createTitle')} onClose={() => props.onClose()} testId="admin-integration-dialog">
      <form class="admin-form" onSubmit={save} noValidate autocomplete="off">
        <div class="field">
          <label for={`${id}-name`}>{t('integrations.name')}</label>
          <input id={`${id}-name`} class="input" required maxLength={100} value={name()} onInput={(event) => setName(event.currentTarget.value)} data-testid="admin-integration-name" />
        </div>
        <div class="field">
          <label for={`${id}-description`}>{t('integrations.description')}</label>
          <textarea
            id={`${id}-description`}
            class="input admin-signature"
            rows={2}
            maxLength={500}
            aria-describedby={`${id}-description-hint`}
            value={description()}
            onInput={(event) => setDescription(event.currentTarget.value)}
            data-testid="admin-integration-description"
          />
          <p id={`${id}-description-hint`} class="admin-hint">
            {t('integrations.descriptionHint')}
          </p>
        </div>
        <Show when={original}>
          <label class="admin-check">
            <input type="checkbox" checked={disabled()} onChange={(event) => setDisabled(event.currentTarget.checked)} aria-describedby={`${id}-disabled-hint`} data-testid="admin-integration-disabled" />
            <span>{t('integrations.disabled')}</span>
          </label>
          <p id={`${id}-disabled-hint`} class="admin-hint">
            {t('integrations.disabledHint')}
          </p>
        </Show>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()} data-testid="admin-integration-save">
            {task.busy() ? ta('common.saving') : original ? ta('common.save') : t('integrations.create')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {ta('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A taken name (409) said in the section's words, keeping the code for the notice. */
function nameTaken(error: unknown, name: string): unknown {
  if (!(error instanceof ApiError) || error.code !== 'SC_ERR_CONFLICT') return error;
  return new ApiError(error.status, { code: error.code, message: t('integrations.nameTaken', { name }), details: error.details }, error.message);
}
