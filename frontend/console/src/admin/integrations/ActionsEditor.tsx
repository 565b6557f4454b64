// An integration's agent actions, declared: an ordered list (the order of the buttons in the
// conversation's card), each action a link or a request with its URL template, fields, permission
// and, for a request, method, timeout and where the answer goes. Added, removed and moved here,
// saved as a whole list; what is wrong, found here or by the server, is said beside its field.
import type { Integration } from '@smartchat/contracts';
import { ApiError } from '@smartchat/frontend-kit';
import { createSignal, createUniqueId, For, Index, onMount, Show } from 'solid-js';
import { api } from '../../state/session.js';
import { FormProblem } from '../errors.js';
import { t as ta } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { ErrorNotice, LoadState, StatusText } from '../ui/Feedback.jsx';
import { ActionItem } from './ActionItem.jsx';
import { actionsBody, actionsChanged, draftOf, issuesOf, MAX_ACTIONS, newAction, TEMPLATE_NAMES, type ActionDraft, type ActionIssue, type SavedAction } from './actions-form.js';
import { moveRule, removeRule } from './rules-form.js';
import { t } from './i18n.js';
import './integrations.css';

export function ActionsEditor(props: { integration: Integration }) {
  const id = createUniqueId();
  const [drafts, setDrafts] = createSignal<ActionDraft[]>([]);
  const [saved, setSaved] = createSignal<SavedAction[]>([]);
  const [issues, setIssues] = createSignal<ActionIssue[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const loading = createTask();
  const saving = createTask();
  const status = createStatusLine();
  let list!: HTMLOListElement;
  const path = () => ({ id: props.integration.id });

  const show = (actions: SavedAction[]) => {
    setSaved(actions);
    setDrafts(actions.map(draftOf));
    setIssues([]);
  };
  const load = () =>
    loading.run(async () => {
      show((await api.get('/v1/integrations/{id}/actions', { params: { path: path() } })).actions);
      setLoaded(true);
    });
  onMount(() => void load());

  /** What is wrong at a control (by the API's path of it), in the desk's words where the form has them. */
  const issueAt = (at: string) => {
    const found = issues().find((issue) => issue.path === at);
    if (!found) return undefined;
    return found.problem ? t(`actions.problem.${found.problem}`) : found.message;
  };
  /** A control edited: its problem is no longer known. */
  const forget = (prefix: string) => setIssues(issues().filter((issue) => issue.path !== prefix && !issue.path.startsWith(`${prefix}.`)));
  const change = (index: number, patch: Partial<ActionDraft>) => {
    setDrafts(drafts().map((draft, position) => (position === index ? { ...draft, ...patch } : draft)));
    for (const key of Object.keys(patch)) forget(`actions.${index}.${key === 'timeoutSeconds' ? 'timeoutMs' : key}`);
  };
  // Problems are named by position: once the list's order changes they no longer point right.
  const reorder = (next: ActionDraft[]) => {
    setDrafts(next);
    setIssues([]);
  };
  /** After a move the action's button is elsewhere: focus follows the action (or its neighbour, once removed). */
  const focusAction = (index: number, control: string) => queueMicrotask(() => list.querySelectorAll<HTMLElement>(`[data-action-control="${control}"]`)[index]?.focus());
  const move = (index: number, by: -1 | 1) => {
    reorder(moveRule(drafts(), index, by));
    const target = index + by;
    focusAction(target, target === 0 ? 'down' : target === drafts().length - 1 ? 'up' : by === -1 ? 'up' : 'down');
  };
  const remove = (index: number) => {
    reorder(removeRule(drafts(), index));
    if (drafts().length > 0) focusAction(Math.min(index, drafts().length - 1), 'remove');
    else list.parentElement?.querySelector<HTMLElement>('[data-testid="admin-actions-add"]')?.focus();
  };
  const add = () => {
    setDrafts([...drafts(), newAction()]);
    focusAction(drafts().length - 1, 'key');
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void saving
      .run(async () => {
        const body = actionsBody(drafts());
        if ('issues' in body) {
          setIssues(body.issues);
          throw new FormProblem(t('actions.problems', { count: body.issues.length }));
        }
        try {
          const { actions } = await api.put('/v1/integrations/{id}/actions', { params: { path: path() }, body: body.body });
          show(actions);
          status.say(t('actions.saved', { count: actions.length }));
        } catch (error) {
          // A 400 names the fields that do not match the document, a 422 a key used twice.
          if (error instanceof ApiError) setIssues(issuesOf(error.details));
          throw error;
        }
      })
      .then((done) => {
        // The first field said to be wrong gets focus, so that the problem is read out beside it.
        if (!done) queueMicrotask(() => list.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      });
  };

  return (
    <div data-testid="admin-integration-actions">
      <p class="admin-hint">{t('actions.hint')}</p>
      <p id={`${id}-templates`} class="admin-hint">
        {t('actions.templates')}
      </p>
      <ul class="admin-templates" aria-labelledby={`${id}-templates`} data-testid="admin-actions-templates">
        <For each={TEMPLATE_NAMES}>
          {(name) => (
            <li>
              <code>{`{${name}}`}</code> — {t(`actions.template.${name}`)}
            </li>
          )}
        </For>
      </ul>
      <LoadState task={loading} retry={() => void load()} />
      <Show when={loaded()}>
        <form class="admin-form" onSubmit={save} noValidate autocomplete="off">
          <Show when={drafts().length === 0}>
            <p class="muted" data-testid="admin-actions-none">
              {t('actions.none')}
            </p>
          </Show>
          <ol ref={list} class="admin-rule-list">
            {/* By position, not by action: typing into an action replaces it, and its fields must keep focus. */}
            <Index each={drafts()}>
              {(draft, index) => (
                <ActionItem
                  draft={draft()}
                  index={index}
                  count={drafts().length}
                  idPrefix={`${id}-${index}`}
                  issueAt={(name) => issueAt(`actions.${index}.${name}`)}
                  onChange={(patch) => change(index, patch)}
                  onMove={(by) => move(index, by)}
                  onRemove={() => remove(index)}
                />
              )}
            </Index>
          </ol>
          <ErrorNotice error={saving.error()} />
          <StatusText text={status.text()} />
          <Show when={actionsChanged(drafts(), saved())}>
            <p class="admin-hint" data-testid="admin-actions-unsaved">
              {t('actions.unsaved')}
            </p>
          </Show>
          <div class="admin-actions">
            <button type="button" class="button" onClick={add} disabled={drafts().length >= MAX_ACTIONS} data-testid="admin-actions-add">
              {t('actions.add')}
            </button>
            <button type="submit" class="button primary" disabled={saving.busy()} data-testid="admin-actions-save">
              {saving.busy() ? ta('common.saving') : t('actions.save')}
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}
