// The blocked senders, one address or "@domain" per line, saved as a whole list. A mistyped line is
// named by its number before anything is sent; what the server kept (lower-case, sorted, without
// repeats) replaces the text once saved.
import { createSignal, createUniqueId, onMount, Show } from 'solid-js';
import { api } from '../../state/session.js';
import { FormProblem } from '../errors.js';
import { t } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { ErrorNotice, LoadState, StatusText } from '../ui/Feedback.jsx';
import { formatBlockedSenders, MAX_SENDERS, parseBlockedSenders, type UnreadableLine } from './blocked-senders.js';

/** How many unreadable lines are named one by one; the rest are counted. */
const LINES_NAMED = 5;

export function BlockedSendersEditor() {
  const id = createUniqueId();
  const [text, setText] = createSignal('');
  const [saved, setSaved] = createSignal<string[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const loading = createTask();
  const saving = createTask();
  const status = createStatusLine();

  const load = () =>
    loading.run(async () => {
      const result = await api.get('/v1/mail/blocked-senders');
      setSaved(result.senders);
      setText(formatBlockedSenders(result.senders));
      setLoaded(true);
    });
  onMount(() => void load());

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void saving.run(async () => {
      const { senders, unreadable } = parseBlockedSenders(text());
      if (unreadable.length) throw new FormProblem(unreadableText(unreadable));
      if (senders.length > MAX_SENDERS) throw new FormProblem(t('blocked.tooMany', { count: senders.length, max: MAX_SENDERS }));
      const result = await api.put('/v1/mail/blocked-senders', { body: { senders } });
      setSaved(result.senders);
      setText(formatBlockedSenders(result.senders));
      status.say(t('blocked.saved', { count: result.senders.length }));
    });
  };

  return (
    <section class="admin-blocked" aria-labelledby={`${id}-title`} data-testid="admin-blocked-senders">
      <h3 id={`${id}-title`} class="admin-subtitle">
        {t('blocked.title')}
      </h3>
      <p id={`${id}-hint`} class="admin-hint">
        {t('blocked.hint', { max: MAX_SENDERS })}
      </p>
      <LoadState task={loading} retry={() => void load()} />
      <Show when={loaded()}>
        <form class="admin-form" onSubmit={save} noValidate>
          <div class="field">
            <label for={`${id}-senders`}>{t('blocked.label')}</label>
            <textarea
              id={`${id}-senders`}
              class="input admin-blocked-list"
              rows={8}
              spellcheck={false}
              autocomplete="off"
              aria-describedby={`${id}-hint ${id}-count`}
              aria-invalid={saving.error() instanceof FormProblem ? 'true' : undefined}
              value={text()}
              onInput={(event) => setText(event.currentTarget.value)}
              data-testid="admin-blocked-senders-text"
            />
            <p id={`${id}-count`} class="admin-hint">
              {t('blocked.count', { count: saved().length })}
            </p>
          </div>
          <ErrorNotice error={saving.error()} />
          <StatusText text={status.text()} />
          <div class="admin-actions">
            <button type="submit" class="button primary" disabled={saving.busy()} data-testid="admin-blocked-senders-save">
              {saving.busy() ? t('common.saving') : t('blocked.save')}
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}

function unreadableText(lines: readonly UnreadableLine[]): string {
  const named = lines.slice(0, LINES_NAMED).map((line) => t('blocked.unreadable', { line: line.line, text: line.text }));
  if (lines.length > LINES_NAMED) named.push(t('blocked.andMore', { count: lines.length - LINES_NAMED }));
  return named.join(' ');
}
