// The two ways an admin form answers: an error next to it (an alert) and a short polite status line.
import { createMemo, For, Show } from 'solid-js';
import { describeError } from '../errors.js';
import { t } from '../i18n.js';
import type { Task } from '../task.js';

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

/** A section's first load: "loading" while it runs, then its error with a retry button. */
export function LoadState(props: { task: Task; retry: () => void }) {
  return (
    <>
      <Show when={props.task.busy()}>
        <p class="muted">{t('common.loading')}</p>
      </Show>
      <ErrorNotice error={props.task.error()} />
      <Show when={props.task.error()}>
        <button type="button" class="button" onClick={() => props.retry()}>
          {t('common.retry')}
        </button>
      </Show>
    </>
  );
}
