// A new API key: its name, its scopes (at least one) and, if it should expire, its last day. The
// answer carries the secret, which the panel then shows once.
import type { ApiKey } from '@smartchat/contracts';
import { createSignal, createUniqueId, For } from 'solid-js';
import { api, me } from '../../state/session.js';
import { FormProblem } from '../errors.js';
import { t as ta } from '../i18n.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { t } from './i18n.js';
import { keyBody, SCOPES, type KeyDraft } from './key-form.js';

/** A new key with its secret: the only answer that carries the secret. */
export interface CreatedKey {
  key: ApiKey;
  secret: string;
}

export function KeyDialog(props: { integrationId: string; onCreated: (created: CreatedKey) => void; onClose: () => void }) {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal<KeyDraft>({ name: '', scopes: ['events.send'], lastDay: '' });
  const set = <K extends keyof KeyDraft>(key: K, value: KeyDraft[K]) => setDraft({ ...draft(), [key]: value });
  const toggle = (scope: KeyDraft['scopes'][number], on: boolean) => set('scopes', on ? [...draft().scopes, scope] : draft().scopes.filter((chosen) => chosen !== scope));
  const zone = () => me()?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const task = createTask();

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(async () => {
      const result = keyBody(draft(), zone(), new Date());
      if ('problem' in result) throw new FormProblem(t(`keys.${result.problem}`));
      const created = await api.post('/v1/integrations/{id}/keys', { params: { path: { id: props.integrationId } }, body: result.body });
      props.onClose();
      props.onCreated(created);
    });
  };

  return (
    <Dialog title={t('keys.createTitle')} onClose={() => props.onClose()} testId="admin-key-dialog">
      <form class="admin-form" onSubmit={save} noValidate autocomplete="off">
        <div class="field">
          <label for={`${id}-name`}>{t('keys.name')}</label>
          <input
            id={`${id}-name`}
            class="input"
            required
            maxLength={100}
            aria-describedby={`${id}-name-hint`}
            value={draft().name}
            onInput={(event) => set('name', event.currentTarget.value)}
            data-testid="admin-key-name"
          />
          <p id={`${id}-name-hint`} class="admin-hint">
            {t('keys.nameHint')}
          </p>
        </div>
        <fieldset class="admin-fieldset" data-testid="admin-key-scopes">
          <legend>{t('keys.scopesLegend')}</legend>
          <For each={SCOPES}>
            {(scope) => (
              <label class="admin-check">
                <input type="checkbox" value={scope} checked={draft().scopes.includes(scope)} onChange={(event) => toggle(scope, event.currentTarget.checked)} />
                <span>{t(`keys.scope.${scope}`)}</span>
              </label>
            )}
          </For>
        </fieldset>
        <div class="field">
          <label for={`${id}-expiry`}>{t('keys.expiry')}</label>
          <input id={`${id}-expiry`} class="input" type="date" aria-describedby={`${id}-expiry-hint`} value={draft().lastDay} onInput={(event) => set('lastDay', event.currentTarget.value)} data-testid="admin-key-expiry" />
          <p id={`${id}-expiry-hint`} class="admin-hint">
            {t('keys.expiryHint', { zone: zone() })}
          </p>
        </div>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()} data-testid="admin-key-save">
            {task.busy() ? ta('common.creating') : t('keys.create')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {ta('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
