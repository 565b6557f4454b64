// One back-office action in the context pane. A link opens the back-office in a new tab. A request
// runs at once (no fields) or from a small form prefilled from the conversation; while it waits
// the button is busy and counts the seconds; then the back-office's answer (and its link) shows
// here for a while — it also arrives in the thread as a system message — or what went wrong, with
// a retry where another try may work.
import type { AvailableAction } from '@smartchat/contracts';
import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { api } from '../state/session.js';
import { actionId, describeRefusal, initialValues, missingFields, runBody, runningText, type ActionRefusal, type FieldValues, type Text } from './action-run.js';
import { say, t } from './actions-i18n.js';

/** How long an answer stays under the action (longer while the pointer or the focus is on it). */
const RESULT_SHOWN_MS = 30_000;

type Outcome = { kind: 'done'; message: string | null; url: string | null } | { kind: 'refused'; refusal: ActionRefusal };

const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : undefined);

export function ActionCard(props: { conversationId: string; action: AvailableAction; onStale: (text: Text) => void }) {
  const action = () => props.action;
  const domId = `action-${props.action.integrationId}-${props.action.key}`;
  const [formOpen, setFormOpen] = createSignal(false);
  const [values, setValues] = createSignal<FieldValues>(initialValues(props.action));
  const [fieldErrors, setFieldErrors] = createSignal<Record<string, Text>>({});
  const [running, setRunning] = createSignal(false);
  const [seconds, setSeconds] = createSignal(0);
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  let trigger: HTMLButtonElement | undefined;
  let form: HTMLFormElement | undefined;
  let submit: HTMLButtonElement | undefined;
  let result: HTMLDivElement | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    clearInterval(ticker);
    clearTimeout(hideTimer);
  });

  const hideResultLater = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (result && (result.matches(':hover') || result.contains(document.activeElement))) return hideResultLater();
      setOutcome((current) => (current?.kind === 'done' ? null : current));
    }, RESULT_SHOWN_MS);
  };
  const focusField = (name: string) => form?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus();

  const run = async () => {
    if (running()) return;
    const missing = missingFields(action(), values());
    setFieldErrors(missing);
    const firstMissing = Object.keys(missing)[0];
    if (firstMissing) {
      setOutcome({ kind: 'refused', refusal: { text: { key: 'actions.error.fields' }, fields: missing, retry: false, stale: false } });
      return focusField(firstMissing);
    }
    const focused = document.activeElement;
    setOutcome(null);
    setRunning(true);
    setSeconds(0);
    const started = Date.now();
    ticker = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    try {
      const answer = await api.post('/v1/conversations/{id}/actions/{key}', { params: { path: { id: props.conversationId, key: action().key } }, body: runBody(action(), values()) });
      setOutcome({ kind: 'done', message: answer.message, url: answer.url });
      hideResultLater();
      if (formOpen()) {
        setFormOpen(false);
        setValues(initialValues(action()));
      }
    } catch (error) {
      const refusal = describeRefusal(error);
      setFieldErrors(refusal.fields);
      if (refusal.stale) return props.onStale(refusal.text);
      setOutcome({ kind: 'refused', refusal });
      const named = Object.keys(refusal.fields)[0];
      if (named && formOpen()) focusField(named);
    } finally {
      clearInterval(ticker);
      setRunning(false);
    }
    // The button pressed was disabled (or removed) while it ran: give the focus a place again,
    // unless the agent has moved on meanwhile.
    const now = document.activeElement;
    if (now === null || now === document.body || now === focused) (formOpen() ? submit : trigger)?.focus();
  };

  const toggleForm = () => {
    const open = !formOpen();
    setFormOpen(open);
    setFieldErrors({});
    if (outcome()?.kind === 'refused') setOutcome(null);
    if (open) queueMicrotask(() => form?.querySelector<HTMLElement>('input, textarea')?.focus());
    else setValues(initialValues(action()));
  };
  const cancel = () => {
    toggleForm();
    trigger?.focus();
  };

  const busyText = () => say(runningText(seconds()));
  const fieldId = (name: string) => `${domId}-field-${name}`;
  const fieldError = (name: string) => fieldErrors()[name];
  const hasFields = () => action().fields.length > 0;
  /** What a field's input and textarea share: its name, value, and whether the last try refused it. */
  const control = (field: AvailableAction['fields'][number]) => ({
    id: fieldId(field.name),
    name: field.name,
    class: 'input',
    get value() {
      return values()[field.name] ?? '';
    },
    required: field.required,
    get 'aria-invalid'() {
      return fieldError(field.name) ? true : undefined;
    },
    get 'aria-describedby'() {
      return fieldError(field.name) ? `${fieldId(field.name)}-error` : undefined;
    },
    onInput: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => setValues({ ...values(), [field.name]: event.currentTarget.value }),
    'data-testid': 'action-field',
  });

  return (
    <li class="action-card" data-testid="action" data-id={actionId(action())} data-key={action().key} data-kind={action().kind}>
      <Switch>
        <Match when={action().kind === 'link'}>
          <a class="action-link" href={safeUrl(action().url)} target="_blank" rel="noopener noreferrer" data-testid="action-link">
            {action().label}
            <span aria-hidden="true"> ↗</span>
            <span class="visually-hidden"> {t('actions.newTab')}</span>
          </a>
        </Match>
        <Match when={!hasFields()}>
          <button ref={trigger} type="button" class="button small action-button" disabled={running()} aria-busy={running()} onClick={() => void run()} data-testid="action-run">
            <Show when={running()} fallback={action().label}>
              <span class="action-spinner" aria-hidden="true" />
              {action().label} · {busyText()}
            </Show>
          </button>
        </Match>
        <Match when={hasFields()}>
          <button ref={trigger} type="button" class="button small action-button" aria-expanded={formOpen()} aria-controls={`${domId}-form`} onClick={toggleForm} data-testid="action-open">
            {action().label}
          </button>
          <Show when={formOpen()}>
            <form ref={form} id={`${domId}-form`} class="action-form" noValidate aria-label={t('actions.formLabel', { label: action().label })} onSubmit={(event) => (event.preventDefault(), void run())} data-testid="action-form">
              <For each={action().fields}>
                {(field) => (
                  <div class="field">
                    <label for={fieldId(field.name)}>
                      {field.label}
                      <Show when={field.required}>
                        <span aria-hidden="true"> *</span>
                      </Show>
                    </label>
                    <Show when={field.type === 'textarea'} fallback={<input type={field.type} {...control(field)} />}>
                      <textarea rows={3} {...control(field)} />
                    </Show>
                    <Show when={fieldError(field.name)}>
                      {(error) => (
                        <p id={`${fieldId(field.name)}-error`} class="error-text action-field-error" data-testid="action-field-error">
                          {say(error())}
                        </p>
                      )}
                    </Show>
                  </div>
                )}
              </For>
              <Show when={action().fields.some((field) => field.required)}>
                <p class="muted action-hint">{t('actions.requiredHint')}</p>
              </Show>
              <div class="action-form-buttons">
                <button ref={submit} type="submit" class="button small primary" disabled={running()} aria-busy={running()} data-testid="action-submit">
                  <Show when={running()} fallback={outcome()?.kind === 'refused' ? t('actions.retry') : t('actions.run')}>
                    <span class="action-spinner" aria-hidden="true" />
                    {busyText()}
                  </Show>
                </button>
                <button type="button" class="button small" onClick={cancel}>
                  {t('actions.cancel')}
                </button>
              </div>
            </form>
          </Show>
        </Match>
      </Switch>
      <div ref={result} role="status" class="action-status">
        <Show when={running()}>
          <span class="visually-hidden">{t('actions.runningStatus', { label: action().label })}</span>
        </Show>
        <Show when={outcome()?.kind === 'done' ? (outcome() as Extract<Outcome, { kind: 'done' }>) : null}>
          {(done) => (
            <div class="action-result" data-testid="action-result">
              <p>{done().message ?? t('actions.done', { label: action().label })}</p>
              <Show when={safeUrl(done().url)}>
                {(url) => (
                  <a href={url()} target="_blank" rel="noopener noreferrer" data-testid="action-result-link">
                    {t('actions.resultLink')}
                    <span class="visually-hidden"> {t('actions.newTab')}</span>
                  </a>
                )}
              </Show>
            </div>
          )}
        </Show>
      </div>
      <Show when={outcome()?.kind === 'refused' ? (outcome() as Extract<Outcome, { kind: 'refused' }>).refusal : null}>
        {(refusal) => (
          <div class="action-error">
            <p class="error-text" role="alert" data-testid="action-error">
              {say(refusal().text)}
            </p>
            <Show when={refusal().retry && !formOpen()}>
              <button type="button" class="button small" disabled={running()} aria-label={t('actions.retryLabel', { label: action().label })} onClick={() => void run()} data-testid="action-retry">
                {t('actions.retry')}
              </button>
            </Show>
          </div>
        )}
      </Show>
    </li>
  );
}
