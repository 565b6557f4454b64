// The two ways an admin form answers: an error next to it (an alert) and a short polite status line.
import { createMemo, For, Show } from 'solid-js';
import { describeError } from '../errors.js';

export function ErrorNotice(props: { error: unknown; id?: string }) {
  const described = createMemo(() => (props.error === null || props.error === undefined ? null : describeError(props.error)));
  return (
    <Show when={described()}>
      {(error) => (
        <div class="error-text admin-error" role="alert" id={props.id}>
          <strong>{error().title}</strong>
          {': '}
          {error().message}
          <Show when={error().code}>{(code) => <span class="admin-code"> ({code()})</span>}</Show>
          <Show when={error().fields.length > 0}>
            <ul>
              <For each={error().fields}>{(field) => <li>{field}</li>}</For>
            </ul>
          </Show>
        </div>
      )}
    </Show>
  );
}

/** Always in the page, so that assistive technology notices when its text changes. */
export function StatusText(props: { text: string }) {
  return (
    <p class="admin-status" role="status" aria-live="polite">
      {props.text}
    </p>
  );
}
