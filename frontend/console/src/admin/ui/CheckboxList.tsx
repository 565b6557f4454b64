// Choosing several of many (a team's members among 300 agents, an agent's teams): a group of
// labelled checkboxes with a filter once the list is long, and a count of what is chosen.
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { t } from '../i18n.js';

export interface CheckboxOption {
  value: string;
  label: string;
  hint?: string;
}

const FILTER_FROM = 8;

export function CheckboxList(props: { legend: string; options: CheckboxOption[]; selected: string[]; onChange: (values: string[]) => void; disabled?: boolean; testId?: string }) {
  const filterId = createUniqueId();
  const [filter, setFilter] = createSignal('');
  const chosen = createMemo(() => new Set(props.selected));
  const shown = createMemo(() => {
    const needle = filter().trim().toLowerCase();
    return needle ? props.options.filter((option) => `${option.label} ${option.hint ?? ''}`.toLowerCase().includes(needle)) : props.options;
  });
  const toggle = (value: string, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(value);
    else next.delete(value);
    // Keep the options' order, so that comparing before and after does not see a change in order.
    props.onChange(props.options.map((option) => option.value).filter((candidate) => next.has(candidate)));
  };
  return (
    <fieldset class="admin-checklist" disabled={props.disabled} data-testid={props.testId}>
      <legend>
        {props.legend} <span class="muted">({t('common.chosen', { count: chosen().size })})</span>
      </legend>
      <Show when={props.options.length >= FILTER_FROM}>
        <label class="visually-hidden" for={filterId}>
          {t('common.filterIn', { list: props.legend })}
        </label>
        <input id={filterId} class="input" type="search" placeholder={t('common.filter')} value={filter()} onInput={(event) => setFilter(event.currentTarget.value)} />
      </Show>
      <div class="admin-checklist-items">
        <For each={shown()} fallback={<p class="muted">{t('common.nothingFound')}</p>}>
          {(option) => (
            <label class="admin-check">
              <input type="checkbox" checked={chosen().has(option.value)} onChange={(event) => toggle(option.value, event.currentTarget.checked)} />
              <span class="admin-check-text">
                <span>{option.label}</span>
                <Show when={option.hint}>
                  <span class="muted">{option.hint}</span>
                </Show>
              </span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
