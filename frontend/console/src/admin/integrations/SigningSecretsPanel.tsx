// An integration's signing secrets: when each was made and until when it is accepted. A new one is
// made by rotation (the others stay accepted for the overlap chosen) and shown once.
import type { Integration } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createSignal, For, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { api, me } from '../../state/session.js';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { t } from './i18n.js';
import { RotateDialog } from './RotateDialog.jsx';
import { SecretDialog } from './SecretDialog.jsx';

export function SigningSecretsPanel(props: { integration: Integration; onChanged: () => Promise<unknown>; say: (text: string) => void; returnFocus: () => HTMLElement | undefined }) {
  const [rotating, setRotating] = createSignal(false);
  // Only the secret is kept, for the dialog; the list shows the new one from the server.
  const [shown, setShown] = createSignal<string | null>(null);
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);
  // Newest first: the one the back-office should be signing with is on top.
  const secrets = () => [...props.integration.signingSecrets].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const rotate = async (overlapMinutes: number) => {
    const made = await api.post('/v1/integrations/{id}/signing-secrets', { params: { path: { id: props.integration.id } }, body: { overlapMinutes } });
    setRotating(false);
    setShown(made.secret);
    props.say(t('secrets.rotated'));
    void props.onChanged();
  };

  return (
    <div data-testid="admin-integration-secrets">
      <div class="admin-head">
        <p class="admin-hint">{t('secrets.hint')}</p>
        <button type="button" class="button primary" onClick={() => setRotating(true)} data-testid="admin-secret-rotate">
          {t('secrets.rotate')}
        </button>
      </div>
      <table class="table admin-table">
        <caption class="visually-hidden">{t('integrations.panel.secrets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('secrets.id')}</th>
            <th scope="col">{t('secrets.createdAt')}</th>
            <th scope="col">{t('secrets.expiresAt')}</th>
            <th scope="col">{t('secrets.state')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={secrets()} fallback={<EmptyRow columns={4} text={t('secrets.none')} />}>
            {(secret) => (
              <tr data-testid="admin-signing-secret-row" data-id={secret.id} data-state={secret.state}>
                <th scope="row">
                  <code class="admin-code">{secret.id.slice(0, 8)}</code>
                </th>
                <td class="admin-nowrap">{when(secret.createdAt)}</td>
                <td class="admin-nowrap">{secret.expiresAt ? when(secret.expiresAt) : <span class="muted">{t('secrets.untilRotated')}</span>}</td>
                <td>
                  <span class={secret.state === 'active' ? 'badge ok' : 'badge'}>{t(`secrets.state.${secret.state}`)}</span>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={rotating()}>
        <RotateDialog title={t('rotate.secretTitle')} explain={t('rotate.secretExplain')} onRotate={rotate} onClose={() => setRotating(false)} returnFocus={props.returnFocus} />
      </Show>
      <Show when={shown()}>
        {(secret) => <SecretDialog title={t('secret.signingTitle')} secret={secret()} use={t('secret.signingUse')} onClose={() => setShown(null)} returnFocus={props.returnFocus} />}
      </Show>
    </div>
  );
}
