// One agent action in the editor: its key and label, link or request, the URL template and who may
// run it; for a request also the method, where the answer goes, the timeout and the form's fields
// (hidden for a link, which only opens its URL). Each control says its problem beside it.
import { For, Show } from 'solid-js';
import { t as ta } from '../i18n.js';
import { ActionFields } from './ActionFields.jsx';
import { ACTION_KINDS, ACTION_METHODS, ACTION_PERMISSIONS, ACTION_RESULTS, isActionKind, isActionMethod, isActionPermission, isActionResult, type ActionDraft } from './actions-form.js';
import { t } from './i18n.js';

export function ActionItem(props: {
  draft: ActionDraft;
  index: number;
  count: number;
  idPrefix: string;
  /** The problem at a control of this action, by the API's path within it (`url`, `fields.0.name`). */
  issueAt: (name: string) => string | undefined;
  onChange: (patch: Partial<ActionDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const number = () => props.index + 1;
  const control = (name: string) => `${props.idPrefix}-${name.replace(/\./g, '-')}`;
  const describedBy = (name: string, hint = false) => [hint ? `${control(name)}-hint` : '', props.issueAt(name) ? `${control(name)}-problem` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = (name: string) => (props.issueAt(name) ? 'true' : undefined);
  const Problem = (problem: { name: string }) => (
    <Show when={props.issueAt(problem.name)}>
      {(text) => (
        <p id={`${control(problem.name)}-problem`} class="error-text admin-problem" data-testid="admin-action-problem" data-path={problem.name}>
          {text()}
        </p>
      )}
    </Show>
  );

  return (
    <li class="admin-rule" data-testid="admin-action" data-kind={props.draft.kind}>
      <fieldset class="admin-fieldset">
        <legend>{props.draft.label.trim() ? t('actions.actionNamed', { number: number(), label: props.draft.label.trim() }) : t('actions.action', { number: number() })}</legend>
        <div class="admin-form-grid">
          <div class="field">
            <label for={control('key')}>{t('actions.key')}</label>
            <input
              id={control('key')}
              class="input"
              required
              maxLength={50}
              spellcheck={false}
              aria-invalid={invalid('key')}
              aria-describedby={describedBy('key', true)}
              value={props.draft.key}
              onInput={(event) => props.onChange({ key: event.currentTarget.value })}
              data-action-control="key"
              data-testid="admin-action-key"
            />
            <p id={`${control('key')}-hint`} class="admin-hint">
              {t('actions.keyHint')}
            </p>
            <Problem name="key" />
          </div>
          <div class="field">
            <label for={control('label')}>{t('actions.label')}</label>
            <input
              id={control('label')}
              class="input"
              required
              maxLength={100}
              aria-invalid={invalid('label')}
              aria-describedby={describedBy('label')}
              value={props.draft.label}
              onInput={(event) => props.onChange({ label: event.currentTarget.value })}
              data-testid="admin-action-label"
            />
            <Problem name="label" />
          </div>
          <div class="field">
            <label for={control('kind')}>{t('actions.kind')}</label>
            <select
              id={control('kind')}
              class="input"
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isActionKind(value)) props.onChange({ kind: value });
              }}
              data-testid="admin-action-kind"
            >
              <For each={ACTION_KINDS}>
                {(kind) => (
                  <option value={kind} selected={kind === props.draft.kind}>
                    {t(`actions.kind.${kind}`)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="field">
            <label for={control('permission')}>{t('actions.permission')}</label>
            <select
              id={control('permission')}
              class="input"
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isActionPermission(value)) props.onChange({ permission: value });
              }}
              data-testid="admin-action-permission"
            >
              <For each={ACTION_PERMISSIONS}>
                {(permission) => (
                  <option value={permission} selected={permission === props.draft.permission}>
                    {ta(`perm.${permission}`)} ({permission})
                  </option>
                )}
              </For>
            </select>
          </div>
        </div>
        <div class="field">
          <label for={control('url')}>{t('actions.url')}</label>
          <input
            id={control('url')}
            class="input admin-secret"
            required
            maxLength={2000}
            spellcheck={false}
            aria-invalid={invalid('url')}
            aria-describedby={describedBy('url', true)}
            value={props.draft.url}
            onInput={(event) => props.onChange({ url: event.currentTarget.value })}
            data-testid="admin-action-url"
          />
          <p id={`${control('url')}-hint`} class="admin-hint">
            {t(`actions.urlHint.${props.draft.kind}`)}
          </p>
          <Problem name="url" />
        </div>
        <Show when={props.draft.kind === 'request'}>
          <div class="admin-form-grid" data-testid="admin-action-request">
            <div class="field">
              <label for={control('method')}>{t('actions.method')}</label>
              <select
                id={control('method')}
                class="input"
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  if (isActionMethod(value)) props.onChange({ method: value });
                }}
                data-testid="admin-action-method"
              >
                <For each={ACTION_METHODS}>
                  {(method) => (
                    <option value={method} selected={method === props.draft.method}>
                      {method}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <div class="field">
              <label for={control('result')}>{t('actions.result')}</label>
              <select
                id={control('result')}
                class="input"
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  if (isActionResult(value)) props.onChange({ result: value });
                }}
                data-testid="admin-action-result"
              >
                <For each={ACTION_RESULTS}>
                  {(result) => (
                    <option value={result} selected={result === props.draft.result}>
                      {t(`actions.result.${result}`)}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <div class="field">
              <label for={control('timeoutMs')}>{t('actions.timeout')}</label>
              <input
                id={control('timeoutMs')}
                class="input"
                type="number"
                min={0.5}
                max={30}
                step={0.5}
                inputMode="decimal"
                aria-invalid={invalid('timeoutMs')}
                aria-describedby={describedBy('timeoutMs', true)}
                value={props.draft.timeoutSeconds}
                onInput={(event) => props.onChange({ timeoutSeconds: event.currentTarget.value })}
                data-testid="admin-action-timeout"
              />
              <p id={`${control('timeoutMs')}-hint`} class="admin-hint">
                {t('actions.timeoutHint')}
              </p>
              <Problem name="timeoutMs" />
            </div>
          </div>
          <ActionFields
            fields={props.draft.fields}
            actionNumber={number()}
            idPrefix={props.idPrefix}
            issueAt={(name) => props.issueAt(`fields.${name}`)}
            tooMany={props.issueAt('fields')}
            onChange={(fields) => props.onChange({ fields })}
          />
        </Show>
        <div class="admin-actions admin-rule-actions">
          <button
            type="button"
            class="button small"
            disabled={props.index === 0}
            onClick={() => props.onMove(-1)}
            aria-label={t('actions.upLabel', { number: number() })}
            data-action-control="up"
            data-testid="admin-action-up"
          >
            <span aria-hidden="true">↑</span> {t('actions.up')}
          </button>
          <button
            type="button"
            class="button small"
            disabled={props.index === props.count - 1}
            onClick={() => props.onMove(1)}
            aria-label={t('actions.downLabel', { number: number() })}
            data-action-control="down"
            data-testid="admin-action-down"
          >
            <span aria-hidden="true">↓</span> {t('actions.down')}
          </button>
          <button type="button" class="button small danger" onClick={() => props.onRemove()} aria-label={t('actions.removeLabel', { number: number() })} data-action-control="remove" data-testid="admin-action-remove">
            {ta('common.delete')}
          </button>
        </div>
      </fieldset>
    </li>
  );
}
