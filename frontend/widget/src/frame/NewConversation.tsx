// Starting a conversation: a topic (chosen from the topics the desk routes, or typed when none are
// configured) and the first message, sent together.
import { ApiError, newClientMessageId } from '@smartchat/frontend-kit';
import { createSignal, onMount, Show, For } from 'solid-js';
import { describeError } from './errors.js';
import type { WidgetI18n } from './i18n.js';
import { MessageField } from './MessageField.jsx';
import type { WidgetSession } from './session.js';

export function NewConversation(props: { session: WidgetSession; i18n: WidgetI18n; onStarted(id: string): void }) {
  const t = props.i18n.t;
  /** undefined while loading; null when the topic is free text. */
  const [topics, setTopics] = createSignal<readonly string[] | null | undefined>(undefined);
  const [topic, setTopic] = createSignal('');
  const [body, setBody] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let topicField: HTMLSelectElement | HTMLInputElement | undefined;
  let bodyField: HTMLTextAreaElement | undefined;

  onMount(() => {
    props.session.api.get('/v1/topics').then(
      (result) => setTopics(result.topics.length ? result.topics : null),
      (failure: unknown) => {
        // No topics configured (or an older chat without the route): the customer names it.
        if (!(failure instanceof ApiError) || failure.status !== 401) setTopics(null);
      },
    );
  });

  // One clientMessageId per attempted draft: sending the same topic and text again after a failure
  // (the first request may have reached the server) reuses it, so the server opens one
  // conversation, not two. Changed text is a new message with a new id.
  let attempt: { key: string; clientMessageId: string } | null = null;
  const submit = async () => {
    if (busy()) return;
    if (!topic().trim()) {
      topicField?.focus();
      return;
    }
    if (!body().trim()) {
      bodyField?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const key = `${topic().trim()}\u0000${body()}`;
      if (attempt?.key !== key) attempt = { key, clientMessageId: newClientMessageId() };
      props.onStarted(await props.session.store.start(topic().trim(), body(), attempt.clientMessageId));
      attempt = null;
    } catch (failure) {
      setError(t('startFailed', { reason: describeError(failure, props.i18n) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="new-conversation"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label class="field-label" for="widget-topic">
        {t('topic')}
      </label>
      <Show
        when={topics() !== null}
        fallback={
          <input
            ref={(element) => (topicField = element)}
            id="widget-topic"
            class="field"
            data-testid="widget-topic"
            data-autofocus=""
            maxLength={200}
            required
            placeholder={t('topicFreePlaceholder')}
            value={topic()}
            onInput={(event) => setTopic(event.currentTarget.value)}
          />
        }
      >
        <select
          ref={(element) => (topicField = element)}
          id="widget-topic"
          class="field"
          data-testid="widget-topic"
          data-autofocus=""
          required
          disabled={topics() === undefined}
          value={topic()}
          onChange={(event) => setTopic(event.currentTarget.value)}
        >
          <option value="" disabled>
            {topics() === undefined ? t('topicsLoading') : t('topicChoose')}
          </option>
          <For each={topics() ?? []}>{(name) => <option value={name}>{name}</option>}</For>
        </select>
      </Show>
      <label class="field-label" for="widget-first-message">
        {t('firstMessageLabel')}
      </label>
      <MessageField
        ref={(element: HTMLTextAreaElement) => (bodyField = element)}
        id="widget-first-message"
        class="field field--message"
        data-testid="widget-composer"
        placeholder={t('composerPlaceholder')}
        maxLength={10_000}
        value={body()}
        onValue={setBody}
        onSubmit={() => void submit()}
      />
      <Show when={error()}>
        <p class="notice notice--error" role="alert" data-testid="widget-error">
          {error()}
        </p>
      </Show>
      <button type="submit" class="primary-button" data-testid="widget-send" disabled={busy()}>
        {busy() ? t('starting') : t('start')}
      </button>
    </form>
  );
}
