// Macros: the shared ones and the agent's own. Anyone writes their own; shared ones are changed and
// deleted with macros.manage. Changes reach the composer's macro menu at once.
import type { Agent, Macro } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createMemo, createSignal, For, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { i18n } from '../../i18n.js';
import { agents, api, me, reloadMacros } from '../../state/session.js';
import { canDo } from '../me-access.js';
import { t } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.jsx';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { LoadState, StatusText } from '../ui/Feedback.jsx';
import { MacroDialog } from './MacroDialog.jsx';

const BODY_SHOWN = 120;

export function MacrosSection() {
  const [macros, setMacros] = createStore<Macro[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [filter, setFilter] = createSignal('');
  const [editing, setEditing] = createSignal<{ macro: Macro | null } | null>(null);
  const [deleting, setDeleting] = createSignal<Macro | null>(null);
  const loading = createTask();
  const status = createStatusLine();
  let heading!: HTMLHeadingElement;

  const load = () =>
    loading.run(async () => {
      const result = await api.get('/v1/macros');
      setMacros(reconcile(result.macros, { key: 'id' }));
      setLoaded(true);
    });
  onMount(() => void load());

  const shown = createMemo(() => {
    const needle = filter().trim().toLowerCase();
    const matching = needle ? macros.filter((macro) => `${macro.name} ${macro.body}`.toLowerCase().includes(needle)) : [...macros];
    // Shared first, then one's own; by name within each.
    return matching.sort((a, b) => Number(b.shared) - Number(a.shared) || a.name.localeCompare(b.name));
  });
  const mayChange = (macro: Macro) => (macro.shared ? canDo('macros.manage') : macro.ownerId === me()?.id);
  const ownerName = (macro: Macro) => {
    if (macro.shared || !macro.ownerId) return t('macros.everyone');
    if (macro.ownerId === me()?.id) return t('macros.you');
    return agents().find((agent: Agent) => agent.id === macro.ownerId)?.name ?? macro.ownerId;
  };
  const excerpt = (body: string) => (body.length > BODY_SHOWN ? `${body.slice(0, BODY_SHOWN)}…` : body);

  const changed = (next: Macro[]) => {
    setMacros(reconcile(next, { key: 'id' }));
    void reloadMacros();
  };
  const saved = (macro: Macro, created: boolean) => {
    const exists = macros.some((candidate) => candidate.id === macro.id);
    changed(exists ? macros.map((candidate) => (candidate.id === macro.id ? macro : candidate)) : [...macros, macro]);
    status.say(created ? t('macros.created', { name: macro.name }) : t('macros.saved', { name: macro.name }));
  };
  const remove = async (macro: Macro) => {
    await api.delete('/v1/macros/{id}', { params: { path: { id: macro.id } } });
    changed(macros.filter((candidate) => candidate.id !== macro.id));
    status.say(t('macros.deleted', { name: macro.name }));
  };

  return (
    <section data-testid="admin-macros" aria-labelledby="admin-macros-title">
      <div class="admin-head">
        <h2 id="admin-macros-title" ref={heading} tabIndex={-1}>
          {t('section.macros')}
        </h2>
        <button type="button" class="button primary" onClick={() => setEditing({ macro: null })}>
          {t('macros.new')}
        </button>
      </div>
      <Show when={!canDo('macros.manage')}>
        <p class="admin-hint">{t('macros.personalHint')}</p>
      </Show>
      <StatusText text={status.text()} />
      <div class="admin-toolbar">
        <label for="admin-macros-filter">{t('macros.filter')}</label>
        <input id="admin-macros-filter" class="input" type="search" value={filter()} onInput={(event) => setFilter(event.currentTarget.value)} />
      </div>
      <LoadState task={loading} retry={() => void load()} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('section.macros')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('macros.name')}</th>
              <th scope="col">{t('macros.kind')}</th>
              <th scope="col">{t('macros.body')}</th>
              <th scope="col">{t('macros.updated')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()} fallback={<EmptyRow columns={5} text={t('macros.none')} />}>
              {(macro) => (
                <tr data-testid="admin-macro-row" data-id={macro.id} data-shared={String(macro.shared)}>
                  <th scope="row">{macro.name}</th>
                  <td>
                    <span class={macro.shared ? 'badge accent' : 'badge'}>{macro.shared ? t('macros.sharedBadge') : t('macros.personalBadge')}</span> <span class="muted">{ownerName(macro)}</span>
                  </td>
                  <td class="admin-pre">{excerpt(macro.body)}</td>
                  <td>{macro.updatedAt ? formatDateTime(macro.updatedAt, i18n.locale(), me()?.timeZone) : '—'}</td>
                  <td class="admin-row-actions">
                    <Show when={mayChange(macro)} fallback={<span class="muted">{t('macros.readOnly')}</span>}>
                      <button type="button" class="button small" onClick={() => setEditing({ macro })} aria-label={t('macros.editLabel', { name: macro.name })}>
                        {t('common.edit')}
                      </button>
                      <button type="button" class="button small danger" onClick={() => setDeleting(macro)} aria-label={t('macros.deleteLabel', { name: macro.name })}>
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
      <Show when={editing()}>
        {(open) => <MacroDialog macro={open().macro} onSaved={saved} onUnchanged={() => status.say(t('common.unchanged'))} onClose={() => setEditing(null)} />}
      </Show>
      <Show when={deleting()}>
        {(macro) => (
          <ConfirmDialog
            title={t('macros.deleteTitle')}
            question={t('macros.deleteQuestion', { name: macro().name })}
            confirmLabel={t('common.delete')}
            onConfirm={() => remove(macro())}
            onClose={() => setDeleting(null)}
            returnFocus={() => heading}
          />
        )}
      </Show>
    </section>
  );
}
