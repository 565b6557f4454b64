// A request action's form fields in the editor: each with the name it is sent under, its label,
// its type, whether it is required and a default (a template filled from the conversation); added
// (at most 10), removed and moved. Each control says its problem beside it.
import { For, Index, Show } from 'solid-js';
import { t as ta } from '../i18n.js';
import { FIELD_TYPES, isFieldType, MAX_FIELDS, newField, type FieldDraft } from './actions-form.js';
import { t } from './i18n.js';
import { moveRule, removeRule } from './rules-form.js';

export function ActionFields(props: {
  fields: FieldDraft[];
  actionNumber: number;
  idPrefix: string;
  /** The problem at a field's control, by the API's path within the fields (`0.name`). */
  issueAt: (name: string) => string | undefined;
  /** The problem of the list as a whole (too many fields). */
  tooMany: string | undefined;
  onChange: (fields: FieldDraft[]) => void;
}) {
  let box!: HTMLFieldSetElement;
  const control = (index: number, name: string) => `${props.idPrefix}-field-${index}-${name}`;
  const change = (index: number, patch: Partial<FieldDraft>) => props.onChange(props.fields.map((field, position) => (position === index ? { ...field, ...patch } : field)));
  const focus = (index: number, name: string) => queueMicrotask(() => box.querySelectorAll<HTMLElement>(`[data-field-control="${name}"]`)[index]?.focus());
  const move = (index: number, by: -1 | 1) => {
    props.onChange(moveRule(props.fields, index, by));
    const target = index + by;
    focus(target, target === 0 ? 'down' : target === props.fields.length - 1 ? 'up' : by === -1 ? 'up' : 'down');
  };
  const remove = (index: number) => {
    props.onChange(removeRule(props.fields, index));
    if (props.fields.length > 0) focus(Math.min(index, props.fields.length - 1), 'remove');
    else queueMicrotask(() => box.querySelector<HTMLElement>('[data-testid="admin-field-add"]')?.focus());
  };
  const add = () => {
    props.onChange([...props.fields, newField()]);
    focus(props.fields.length - 1, 'name');
  };

  return (
    <fieldset ref={box} class="admin-fieldset admin-action-fields" aria-describedby={`${props.idPrefix}-fields-hint`} data-testid="admin-action-fields">
      <legend>{t('actions.fields')}</legend>
      <p id={`${props.idPrefix}-fields-hint`} class="admin-hint">
        {t('actions.fieldsHint')}
      </p>
      <Show when={props.fields.length === 0}>
        <p class="muted">{t('actions.noFields')}</p>
      </Show>
      <ol class="admin-rule-list">
        <Index each={props.fields}>
          {(field, index) => {
            const number = () => index + 1;
            const problemId = (name: string) => `${control(index, name)}-problem`;
            const issue = (name: string) => props.issueAt(`${index}.${name}`);
            const Problem = (problem: { name: string }) => (
              <Show when={issue(problem.name)}>
                {(text) => (
                  <p id={problemId(problem.name)} class="error-text admin-problem" data-testid="admin-action-problem" data-path={`fields.${index}.${problem.name}`}>
                    {text()}
                  </p>
                )}
              </Show>
            );
            const textControl = (name: 'name' | 'label' | 'default', label: string, maxLength: number) => (
              <div class="field">
                <label for={control(index, name)}>{label}</label>
                <input
                  id={control(index, name)}
                  class="input"
                  required={name !== 'default'}
                  maxLength={maxLength}
                  spellcheck={name === 'label'}
                  aria-invalid={issue(name) ? 'true' : undefined}
                  aria-describedby={issue(name) ? problemId(name) : undefined}
                  value={field()[name]}
                  onInput={(event) => change(index, { [name]: event.currentTarget.value })}
                  data-field-control={name}
                  data-testid={`admin-field-${name}`}
                />
                <Problem name={name} />
              </div>
            );
            return (
              <li data-testid="admin-action-field">
                <fieldset class="admin-fieldset">
                  <legend>{t('actions.field', { number: number() })}</legend>
                  <div class="admin-form-grid">
                    {textControl('name', t('actions.fieldName'), 50)}
                    {textControl('label', t('actions.fieldLabel'), 100)}
                    <div class="field">
                      <label for={control(index, 'type')}>{t('actions.fieldType')}</label>
                      <select
                        id={control(index, 'type')}
                        class="input"
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          if (isFieldType(value)) change(index, { type: value });
                        }}
                        data-testid="admin-field-type"
                      >
                        <For each={FIELD_TYPES}>
                          {(type) => (
                            <option value={type} selected={type === field().type}>
                              {t(`actions.fieldType.${type}`)}
                            </option>
                          )}
                        </For>
                      </select>
                    </div>
                    {textControl('default', t('actions.fieldDefault'), 1000)}
                  </div>
                  <label class="admin-check">
                    <input type="checkbox" checked={field().required} onChange={(event) => change(index, { required: event.currentTarget.checked })} data-testid="admin-field-required" />
                    <span>{t('actions.fieldRequired')}</span>
                  </label>
                  <div class="admin-actions admin-rule-actions">
                    <button
                      type="button"
                      class="button small"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={t('actions.fieldUpLabel', { field: number(), number: props.actionNumber })}
                      data-field-control="up"
                      data-testid="admin-field-up"
                    >
                      <span aria-hidden="true">↑</span> {t('actions.up')}
                    </button>
                    <button
                      type="button"
                      class="button small"
                      disabled={index === props.fields.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={t('actions.fieldDownLabel', { field: number(), number: props.actionNumber })}
                      data-field-control="down"
                      data-testid="admin-field-down"
                    >
                      <span aria-hidden="true">↓</span> {t('actions.down')}
                    </button>
                    <button
                      type="button"
                      class="button small danger"
                      onClick={() => remove(index)}
                      aria-label={t('actions.fieldRemoveLabel', { field: number(), number: props.actionNumber })}
                      data-field-control="remove"
                      data-testid="admin-field-remove"
                    >
                      {ta('common.delete')}
                    </button>
                  </div>
                </fieldset>
              </li>
            );
          }}
        </Index>
      </ol>
      <Show when={props.tooMany}>
        {(text) => (
          <p class="error-text admin-problem" data-testid="admin-action-problem" data-path="fields">
            {text()}
          </p>
        )}
      </Show>
      <button type="button" class="button small" onClick={add} disabled={props.fields.length >= MAX_FIELDS} data-testid="admin-field-add">
        {t('actions.addField')}
      </button>
    </fieldset>
  );
}
