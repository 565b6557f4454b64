// An integration's API keys: name and public prefix, scopes, when each was made, expires and was
// last used, and its state. A new key and a rotated one show their secret once; revoking asks first.
import type { ApiKey, Integration } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createSignal, For, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { api, me } from '../../state/session.js';
import { t as ta } from '../i18n.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.jsx';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { t } from './i18n.js';
import { KeyDialog, type CreatedKey } from './KeyDialog.jsx';
import { RotateDialog } from './RotateDialog.jsx';
import { SecretDialog } from './SecretDialog.jsx';

const STATE_BADGES: Record<ApiKey['state'], string> = { active: 'badge ok', expired: 'badge', revoked: 'badge danger' };

export function KeysPanel(props: { integration: Integration; onChanged: () => Promise<unknown>; say: (text: string) => void; returnFocus: () => HTMLElement | undefined }) {
  const [creating, setCreating] = createSignal(false);
  const [rotating, setRotating] = createSignal<ApiKey | null>(null);
  const [revoking, setRevoking] = createSignal<ApiKey | null>(null);
  const [shown, setShown] = createSignal<CreatedKey | null>(null);
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);
  const prefixOf = (keyId: string | null) => props.integration.keys.find((key) => key.id === keyId)?.prefix ?? `sck_${keyId ?? ''}`;

  const created = (made: CreatedKey) => {
    setShown(made);
    props.say(t('keys.created', { prefix: made.key.prefix }));
    void props.onChanged();
  };
  const rotate = async (key: ApiKey, overlapMinutes: number) => {
    const successor = await api.post('/v1/integrations/{id}/keys/{keyId}/rotate', { params: { path: { id: props.integration.id, keyId: key.id } }, body: { overlapMinutes } });
    setRotating(null);
    setShown(successor);
    props.say(t('keys.rotated', { old: key.prefix, prefix: successor.key.prefix }));
    void props.onChanged();
  };
  const revoke = async (key: ApiKey) => {
    await api.delete('/v1/integrations/{id}/keys/{keyId}', { params: { path: { id: props.integration.id, keyId: key.id } } });
    props.say(t('keys.revoked', { prefix: key.prefix }));
    await props.onChanged();
  };

  return (
    <div data-testid="admin-integration-keys">
      <div class="admin-head">
        <p class="admin-hint">{t('keys.hint')}</p>
        <button type="button" class="button primary" onClick={() => setCreating(true)} data-testid="admin-key-new">
          {t('keys.new')}
        </button>
      </div>
      <table class="table admin-table">
        <caption class="visually-hidden">{t('integrations.panel.keys')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('keys.name')}</th>
            <th scope="col">{t('keys.scopes')}</th>
            <th scope="col">{t('keys.createdAt')}</th>
            <th scope="col">{t('keys.expiresAt')}</th>
            <th scope="col">{t('keys.lastUsed')}</th>
            <th scope="col">{t('keys.state')}</th>
            <th scope="col">
              <span class="visually-hidden">{ta('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.integration.keys} fallback={<EmptyRow columns={7} text={t('keys.none')} />}>
            {(key) => (
              <tr data-testid="admin-key-row" data-id={key.id} data-state={key.state}>
                <th scope="row">
                  {key.name}
                  <br />
                  <code class="admin-code" data-testid="admin-key-prefix">
                    {key.prefix}
                  </code>
                </th>
                <td>
                  <For each={key.scopes}>{(scope) => <code class="admin-scope">{scope}</code>}</For>
                </td>
                <td class="admin-nowrap">{when(key.createdAt)}</td>
                <td class="admin-nowrap">{key.expiresAt ? when(key.expiresAt) : <span class="muted">{t('keys.never')}</span>}</td>
                <td class="admin-nowrap">{key.lastUsedAt ? when(key.lastUsedAt) : <span class="muted">{t('keys.notUsed')}</span>}</td>
                <td>
                  <span class={STATE_BADGES[key.state]} data-testid="admin-key-state">
                    {t(`keys.state.${key.state}`)}
                  </span>
                  <Show when={key.replacedBy}>
                    {(successor) => (
                      <>
                        <br />
                        <span class="muted admin-description" data-testid="admin-key-replaced-by">
                          {t('keys.replacedBy', { prefix: prefixOf(successor()) })}
                        </span>
                      </>
                    )}
                  </Show>
                </td>
                <td class="admin-row-actions">
                  <Show when={key.state === 'active'}>
                    <Show when={!key.replacedBy}>
                      <button type="button" class="button small" onClick={() => setRotating(key)} aria-label={t('keys.rotateLabel', { name: key.name, prefix: key.prefix })} data-testid="admin-key-rotate">
                        {t('keys.rotate')}
                      </button>
                    </Show>
                    <button type="button" class="button small danger" onClick={() => setRevoking(key)} aria-label={t('keys.revokeLabel', { name: key.name, prefix: key.prefix })} data-testid="admin-key-revoke">
                      {t('keys.revoke')}
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={creating()}>
        <KeyDialog integrationId={props.integration.id} onCreated={created} onClose={() => setCreating(false)} />
      </Show>
      <Show when={rotating()}>
        {(key) => (
          <RotateDialog
            title={t('rotate.keyTitle', { name: key().name })}
            explain={t('rotate.keyExplain', { prefix: key().prefix })}
            onRotate={(overlap) => rotate(key(), overlap)}
            onClose={() => setRotating(null)}
            returnFocus={props.returnFocus}
          />
        )}
      </Show>
      <Show when={revoking()}>
        {(key) => (
          <ConfirmDialog
            title={t('keys.revokeTitle')}
            question={t('keys.revokeQuestion', { name: key().name, prefix: key().prefix })}
            confirmLabel={t('keys.revoke')}
            onConfirm={() => revoke(key())}
            onClose={() => setRevoking(null)}
            returnFocus={props.returnFocus}
          />
        )}
      </Show>
      <Show when={shown()}>
        {(made) => <SecretDialog title={t('secret.keyTitle', { name: made().key.name })} secret={made().secret} use={t('secret.keyUse')} onClose={() => setShown(null)} returnFocus={props.returnFocus} />}
      </Show>
    </div>
  );
}
