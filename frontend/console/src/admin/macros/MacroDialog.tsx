// Writing a macro: name, body with the variables the console fills in (a button inserts one where
// the cursor is), a preview with example values, and "shared with every agent" for those with
// macros.manage. The preview is plain text, as the agent's draft will be.
import type { Macro } from '@smartchat/contracts';
import { fillMacro, MACRO_VARIABLES, type MacroValues, type MacroVariable } from '@smartchat/core';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { api, me } from '../../state/session.js';
import { canDo } from '../me-access.js';
import { t } from '../i18n.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';

export function MacroDialog(props: { macro: Macro | null; onSaved: (macro: Macro, created: boolean) => void; onUnchanged: () => void; onClose: () => void }) {
  const original = props.macro;
  const id = createUniqueId();
  const [name, setName] = createSignal(original?.name ?? '');
  const [body, setBody] = createSignal(original?.body ?? '');
  const [shared, setShared] = createSignal(original?.shared ?? false);
  const mayShare = canDo('macros.manage');
  const task = createTask();
  let bodyField!: HTMLTextAreaElement;

  const examples = (): MacroValues => ({
    'customer.name': t('macros.exampleCustomerName'),
    'customer.email': 'ivan.petrov@example.com',
    'agent.name': me()?.name ?? t('macros.exampleAgentName'),
    'conversation.topic': t('macros.exampleTopic'),
  });
  const preview = createMemo(() => fillMacro(body(), examples()));

  const insert = (variable: MacroVariable) => {
    const token = `{${variable}}`;
    const start = bodyField.selectionStart;
    const end = bodyField.selectionEnd;
    setBody(body().slice(0, start) + token + body().slice(end));
    bodyField.focus();
    bodyField.setSelectionRange(start + token.length, start + token.length);
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(async () => {
      if (!original) {
        const created = await api.post('/v1/macros', { body: { name: name().trim(), body: body(), shared: mayShare && shared() } });
        props.onSaved(created, true);
        props.onClose();
        return;
      }
      const changes: { name?: string; body?: string; shared?: boolean } = {};
      if (name().trim() !== original.name) changes.name = name().trim();
      if (body() !== original.body) changes.body = body();
      if (shared() !== original.shared) changes.shared = shared();
      if (Object.keys(changes).length === 0) {
        props.onUnchanged();
      } else {
        props.onSaved(await api.patch('/v1/macros/{id}', { params: { path: { id: original.id } }, body: changes }), false);
      }
      props.onClose();
    });
  };

  return (
    <Dialog title={original ? t('macros.editTitle', { name: original.name }) : t('macros.createTitle')} onClose={() => props.onClose()} testId="admin-macro-dialog" wide>
      <form class="admin-form" onSubmit={save} noValidate>
        <div class="field">
          <label for={`${id}-name`}>{t('macros.name')}</label>
          <input id={`${id}-name`} class="input" required maxLength={100} value={name()} onInput={(event) => setName(event.currentTarget.value)} />
        </div>
        <div class="admin-macro-editor">
          <div class="field">
            <label for={`${id}-body`}>{t('macros.body')}</label>
            <textarea
              ref={bodyField}
              id={`${id}-body`}
              class="input admin-macro-body"
              rows={8}
              required
              maxLength={10_000}
              aria-describedby={`${id}-variables`}
              value={body()}
              onInput={(event) => setBody(event.currentTarget.value)}
            />
          </div>
          <div id={`${id}-variables`} class="admin-variables">
            <p class="field-label">{t('macros.variables')}</p>
            <ul>
              <For each={MACRO_VARIABLES}>
                {(variable) => (
                  <li>
                    <span>
                      <code>{`{${variable}}`}</code>
                      <span class="muted"> — {t(`variable.${variable}`)}</span>
                    </span>
                    <button type="button" class="button small" onClick={() => insert(variable)} aria-label={t('macros.insertLabel', { variable: `{${variable}}` })}>
                      {t('macros.insert')}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </div>
        <div class="field">
          <span class="field-label" id={`${id}-preview-label`}>
            {t('macros.preview')}
          </span>
          <div class="admin-preview" role="region" aria-labelledby={`${id}-preview-label`} data-testid="admin-macro-preview">
            <Show when={body().trim()} fallback={<span class="muted">{t('macros.previewEmpty')}</span>}>
              {preview()}
            </Show>
          </div>
        </div>
        <Show when={mayShare} fallback={<p class="admin-hint">{original?.shared ? t('macros.sharedReadOnly') : t('macros.personalHint')}</p>}>
          <label class="admin-check">
            <input type="checkbox" checked={shared()} onChange={(event) => setShared(event.currentTarget.checked)} aria-describedby={`${id}-shared-hint`} />
            <span>{t('macros.shared')}</span>
          </label>
          <p id={`${id}-shared-hint`} class="admin-hint">
            {t('macros.sharedHint')}
          </p>
        </Show>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()}>
            {task.busy() ? t('common.saving') : original ? t('common.save') : t('macros.create')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
