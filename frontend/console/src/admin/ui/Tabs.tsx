// Tabs over one panel, as the WAI-ARIA tabs pattern has them: a tablist named by `label`, the
// chosen tab in the Tab order and the others reached with the arrow keys, Home and End (each
// chosen as it is reached), and the panel named by its tab.
import { createUniqueId, For, type JSX } from 'solid-js';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

export function Tabs<T extends string>(props: { label: string; tabs: readonly TabItem<T>[]; selected: T; onSelect: (id: T) => void; children: JSX.Element; testId?: string }) {
  const prefix = createUniqueId();
  const tabId = (id: T) => `${prefix}-tab-${id}`;
  const panelId = `${prefix}-panel`;
  let list!: HTMLDivElement;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = props.tabs.length - 1;
    const target = event.key === 'ArrowRight' ? (index === last ? 0 : index + 1) : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    const tab = target === null ? undefined : props.tabs[target];
    if (!tab) return;
    event.preventDefault();
    props.onSelect(tab.id);
    list.querySelector<HTMLElement>(`#${CSS.escape(tabId(tab.id))}`)?.focus();
  };

  return (
    <div class="admin-tabs" data-testid={props.testId}>
      <div ref={list} role="tablist" aria-label={props.label} class="admin-tablist">
        <For each={props.tabs}>
          {(tab, index) => (
            <button
              type="button"
              role="tab"
              id={tabId(tab.id)}
              aria-selected={tab.id === props.selected}
              aria-controls={panelId}
              tabIndex={tab.id === props.selected ? 0 : -1}
              class="admin-tab"
              onClick={() => props.onSelect(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index())}
              data-tab={tab.id}
            >
              {tab.label}
            </button>
          )}
        </For>
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(props.selected)} class="admin-tabpanel">
        {props.children}
      </div>
    </div>
  );
}
