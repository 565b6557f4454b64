// The topics a team is routed by: a list of removable chips and a field that adds one (Enter or the
// button). A customer's new conversation with one of these topics goes to this team.
import { Icon } from '@smartchat/frontend-kit';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { t } from '../i18n.js';

export function TopicsEditor(props: { topics: string[]; onChange: (topics: string[]) => void }) {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal('');
  let input!: HTMLInputElement;
  const add = () => {
    const topic = draft().trim();
    if (!topic) return;
    if (!props.topics.some((existing) => existing.toLowerCase() === topic.toLowerCase())) props.onChange([...props.topics, topic]);
    setDraft('');
    input.focus();
  };
  const remove = (topic: string) => {
    props.onChange(props.topics.filter((existing) => existing !== topic));
    input.focus();
  };
  return (
    <fieldset class="admin-fieldset" data-testid="admin-team-topics">
      <legend>{t('teams.topics')}</legend>
      <p id={`${id}-hint`} class="admin-hint">
        {t('teams.topicsHint')}
      </p>
      <Show when={props.topics.length > 0} fallback={<p class="muted">{t('teams.noTopics')}</p>}>
        <ul class="chips admin-chips">
          <For each={props.topics}>
            {(topic) => (
              <li class="chip">
                <span>{topic}</span>
                <button type="button" class="button small icon-only" aria-label={t('teams.removeTopic', { topic })} onClick={() => remove(topic)}>
                  <Icon name="close" />
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="admin-inline">
        <label class="visually-hidden" for={`${id}-topic`}>
          {t('teams.newTopic')}
        </label>
        <input
          ref={input}
          id={`${id}-topic`}
          class="input"
          maxLength={200}
          placeholder={t('teams.newTopic')}
          aria-describedby={`${id}-hint`}
          value={draft()}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="button" onClick={add} disabled={!draft().trim()}>
          {t('teams.addTopic')}
        </button>
      </div>
    </fieldset>
  );
}
