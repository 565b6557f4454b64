// Roles: the built-in ones (read-only) and the custom ones with their scope and permissions.
// Those who hand roles out (agents.manage) read them here; defining, changing and deleting custom
// roles is for roles.manage.
import type { Role } from '@smartchat/contracts';
import { createMemo, createSignal, For, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { api } from '../../state/session.js';
import { canDo } from '../me-access.js';
import { t } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.jsx';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { LoadState, StatusText } from '../ui/Feedback.jsx';
import { groupedPermissions } from './permission-groups.js';
import { RoleDialog } from './RoleDialog.jsx';

export function RolesSection() {
  const [roles, setRoles] = createStore<Role[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [editing, setEditing] = createSignal<{ role: Role | null } | null>(null);
  const [deleting, setDeleting] = createSignal<Role | null>(null);
  const loading = createTask();
  const status = createStatusLine();
  const mayDefine = () => canDo('roles.manage');
  let heading!: HTMLHeadingElement;

  const load = () =>
    loading.run(async () => {
      const result = await api.get('/v1/roles');
      setRoles(reconcile(result.roles, { key: 'name' }));
      setLoaded(true);
    });
  onMount(() => void load());

  // Built-in first (in the server's order), then custom ones by name.
  const sorted = createMemo(() => [...roles.filter((role) => role.builtin), ...roles.filter((role) => !role.builtin).sort((a, b) => a.name.localeCompare(b.name))]);

  const saved = (role: Role, created: boolean) => {
    const exists = roles.some((candidate) => candidate.name === role.name);
    setRoles(reconcile(exists ? roles.map((candidate) => (candidate.name === role.name ? role : candidate)) : [...roles, role], { key: 'name' }));
    status.say(created ? t('roles.created', { name: role.name }) : t('roles.saved', { name: role.name }));
  };
  const remove = async (role: Role) => {
    await api.delete('/v1/roles/{name}', { params: { path: { name: role.name } } });
    setRoles(reconcile(roles.filter((candidate) => candidate.name !== role.name), { key: 'name' }));
    status.say(t('roles.deleted', { name: role.name }));
  };

  return (
    <section data-testid="admin-roles" aria-labelledby="admin-roles-title">
      <div class="admin-head">
        <h2 id="admin-roles-title" ref={heading} tabIndex={-1}>
          {t('section.roles')}
        </h2>
        <Show when={mayDefine()}>
          <button type="button" class="button primary" onClick={() => setEditing({ role: null })}>
            {t('roles.new')}
          </button>
        </Show>
      </div>
      <Show when={!mayDefine()}>
        <p class="admin-hint">{t('roles.readOnlyHint')}</p>
      </Show>
      <StatusText text={status.text()} />
      <LoadState task={loading} retry={() => void load()} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('section.roles')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('roles.name')}</th>
              <th scope="col">{t('roles.scope')}</th>
              <th scope="col">{t('roles.permissions')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={sorted()} fallback={<EmptyRow columns={4} />}>
              {(role) => (
                <tr data-testid="admin-role-row" data-name={role.name} data-builtin={String(role.builtin)}>
                  <th scope="row">
                    {role.name}{' '}
                    <Show when={role.builtin}>
                      <span class="badge">{t('roles.builtinBadge')}</span>
                    </Show>
                    <Show when={role.description}>
                      <div class="muted admin-description">{role.description}</div>
                    </Show>
                  </th>
                  <td>{t(`scope.${role.scope}`)}</td>
                  <td>
                    <Show when={role.permissions.length > 0} fallback={<span class="muted">{t('roles.noPermissions')}</span>}>
                      <dl class="admin-permission-list">
                        <For each={groupedPermissions(role.permissions)}>
                          {(entry) => (
                            <>
                              <dt>{t(`group.${entry.group}`)}</dt>
                              <dd>
                                <For each={entry.permissions}>
                                  {(permission) => (
                                    <span class="badge accent" title={permission}>
                                      {t(`perm.${permission}`)}
                                    </span>
                                  )}
                                </For>
                              </dd>
                            </>
                          )}
                        </For>
                      </dl>
                    </Show>
                  </td>
                  <td class="admin-row-actions">
                    <Show when={!role.builtin && mayDefine()} fallback={<span class="muted">{role.builtin ? t('roles.readOnly') : ''}</span>}>
                      <button type="button" class="button small" onClick={() => setEditing({ role })} aria-label={t('roles.editLabel', { name: role.name })}>
                        {t('common.edit')}
                      </button>
                      <button type="button" class="button small danger" onClick={() => setDeleting(role)} aria-label={t('roles.deleteLabel', { name: role.name })}>
                        {t('common.delete')}
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={editing()}>{(open) => <RoleDialog role={open().role} onSaved={saved} onClose={() => setEditing(null)} />}</Show>
      <Show when={deleting()}>
        {(role) => (
          <ConfirmDialog
            title={t('roles.deleteTitle')}
            question={t('roles.deleteQuestion', { name: role().name })}
            confirmLabel={t('common.delete')}
            onConfirm={() => remove(role())}
            onClose={() => setDeleting(null)}
            returnFocus={() => heading}
          />
        )}
      </Show>
    </section>
  );
}
