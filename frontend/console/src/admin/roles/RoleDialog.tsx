// Defining a custom role (roles.manage): name, description, the conversations it sees (scope) and
// its permissions, grouped. Nobody grants more than they hold, so permissions and scopes wider than
// one's own are shown but cannot be chosen; the server applies the same rule.
import type { Role } from '@smartchat/contracts';
import { SCOPES, type Permission, type Scope } from '@smartchat/core';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { api } from '../../state/session.js';
import { canDo, canGrant } from '../me-access.js';
import { t } from '../i18n.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { groupedPermissions } from './permission-groups.js';

export function RoleDialog(props: { role: Role | null; onSaved: (role: Role, created: boolean) => void; onClose: () => void }) {
  const original = props.role;
  const id = createUniqueId();
  const [name, setName] = createSignal(original?.name ?? '');
  const [description, setDescription] = createSignal(original?.description ?? '');
  const [scope, setScope] = createSignal<Scope>(original?.scope ?? 'teams');
  const [permissions, setPermissions] = createSignal<Permission[]>(original ? [...original.permissions] : []);
  const chosen = createMemo(() => new Set(permissions()));
  const task = createTask();

  const toggle = (permission: Permission, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(permission);
    else next.delete(permission);
    setPermissions(groupedPermissions().flatMap((entry) => entry.permissions.filter((candidate) => next.has(candidate))));
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(async () => {
      if (!original) {
        const created = await api.post('/v1/roles', { body: { name: name().trim(), description: description(), scope: scope(), permissions: permissions() } });
        props.onSaved(created, true);
      } else {
        const updated = await api.patch('/v1/roles/{name}', { params: { path: { name: original.name } }, body: { description: description(), scope: scope(), permissions: permissions() } });
        props.onSaved(updated, false);
      }
      props.onClose();
    });
  };

  return (
    <Dialog title={original ? t('roles.editTitle', { name: original.name }) : t('roles.createTitle')} onClose={() => props.onClose()} testId="admin-role-dialog" wide>
      <form class="admin-form" onSubmit={save} noValidate>
        <div class="admin-form-grid">
          <Show when={!original}>
            <div class="field">
              <label for={`${id}-name`}>{t('roles.name')}</label>
              <input id={`${id}-name`} class="input" required maxLength={64} aria-describedby={`${id}-name-hint`} value={name()} onInput={(event) => setName(event.currentTarget.value)} />
              <span id={`${id}-name-hint`} class="admin-hint">
                {t('roles.nameHint')}
              </span>
            </div>
          </Show>
          <div class="field">
            <label for={`${id}-scope`}>{t('roles.scope')}</label>
            <select id={`${id}-scope`} class="input" aria-describedby={`${id}-scope-hint`} onChange={(event) => setScope(event.currentTarget.value as Scope)}>
              <For each={SCOPES}>
                {(value) => (
                  <option value={value} selected={value === scope()} disabled={!canGrant({ scope: value, permissions: [] })}>
                    {t(`scope.${value}`)}
                  </option>
                )}
              </For>
            </select>
            <span id={`${id}-scope-hint`} class="admin-hint">
              {t(`scopeHint.${scope()}`)}
            </span>
          </div>
        </div>
        <div class="field">
          <label for={`${id}-description`}>{t('roles.description')}</label>
          <textarea id={`${id}-description`} class="input" rows={2} maxLength={500} value={description()} onInput={(event) => setDescription(event.currentTarget.value)} />
        </div>
        <p class="admin-hint">{t('roles.grantHint')}</p>
        <div class="admin-permission-groups">
          <For each={groupedPermissions()}>
            {(entry) => (
              <fieldset class="admin-fieldset" data-testid="admin-role-permissions">
                <legend>{t(`group.${entry.group}`)}</legend>
                <For each={entry.permissions}>
                  {(permission) => (
                    <label class="admin-check">
                      <input type="checkbox" value={permission} checked={chosen().has(permission)} disabled={!canDo(permission) && !chosen().has(permission)} onChange={(event) => toggle(permission, event.currentTarget.checked)} />
                      <span>
                        {t(`perm.${permission}`)} <code class="admin-code">{permission}</code>
                        <Show when={!canDo(permission)}>
                          {' '}
                          <span class="muted">({t('roles.notYours')})</span>
                        </Show>
                      </span>
                    </label>
                  )}
                </For>
              </fieldset>
            )}
          </For>
        </div>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()}>
            {task.busy() ? t('common.saving') : original ? t('common.save') : t('roles.create')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
