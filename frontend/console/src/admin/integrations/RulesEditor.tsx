// The rules for trip events, for every integration: an ordered list (the first rule that matches
// applies), each rule choosing the event and, for a trip change, what changed; whether the
// customer is told (else an internal conversation); the conversation's topic and team. Added,
// removed and moved here, saved as a whole list.
import type { TripRule } from '@smartchat/contracts';
import { createSignal, createUniqueId, For, Index, onMount, Show } from 'solid-js';
import { api, reloadTeams, teams } from '../../state/session.js';
import { FormProblem } from '../errors.js';
import { t as ta } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { ErrorNotice, LoadState, StatusText } from '../ui/Feedback.jsx';
import { t } from './i18n.js';
import { CHANGE_FIELDS, draftOf, EVENT_TYPES, isChangeField, isEventType, moveRule, newRule, removeRule, rulesBody, rulesChanged, type RuleDraft } from './rules-form.js';

export function RulesEditor() {
  const id = createUniqueId();
  const [drafts, setDrafts] = createSignal<RuleDraft[]>([]);
  const [saved, setSaved] = createSignal<TripRule[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const loading = createTask();
  const saving = createTask();
  const status = createStatusLine();
  let list!: HTMLOListElement;

  const show = (rules: TripRule[]) => {
    setSaved(rules);
    setDrafts(rules.map(draftOf));
  };
  const load = () =>
    loading.run(async () => {
      show((await api.get('/v1/integrations/rules')).rules);
      setLoaded(true);
    });
  onMount(() => void Promise.all([load(), reloadTeams()]));

  const change = (index: number, patch: Partial<RuleDraft>) => setDrafts(drafts().map((draft, position) => (position === index ? { ...draft, ...patch } : draft)));
  /** After a move the rule's button is elsewhere: focus follows the rule (or its neighbour, once removed). */
  const focusRule = (index: number, control: string) => queueMicrotask(() => list.querySelectorAll<HTMLElement>(`[data-rule-control="${control}"]`)[index]?.focus());
  const move = (index: number, by: -1 | 1) => {
    setDrafts(moveRule(drafts(), index, by));
    const target = index + by;
    // At an end the button it moved away from is disabled: focus the one that still moves it.
    focusRule(target, target === 0 ? 'down' : target === drafts().length - 1 ? 'up' : by === -1 ? 'up' : 'down');
  };
  const remove = (index: number) => {
    setDrafts(removeRule(drafts(), index));
    if (drafts().length > 0) focusRule(Math.min(index, drafts().length - 1), 'remove');
    else list.parentElement?.querySelector<HTMLElement>('[data-testid="admin-rules-add"]')?.focus();
  };
  const add = () => {
    setDrafts([...drafts(), newRule()]);
    focusRule(drafts().length - 1, 'event');
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void saving.run(async () => {
      const body = rulesBody(drafts());
      if ('problem' in body) throw new FormProblem(t('rules.topicRequired', { number: body.number }));
      const { rules } = await api.put('/v1/integrations/rules', { body: { rules: body.rules } });
      show(rules);
      status.say(t('rules.saved', { count: rules.length }));
    });
  };

  const sortedTeams = () => [...teams()].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section class="admin-rules" aria-labelledby={`${id}-title`} data-testid="admin-integration-rules">
      <h3 id={`${id}-title`} class="admin-subtitle">
        {t('rules.title')}
      </h3>
      <p id={`${id}-hint`} class="admin-hint" data-testid="admin-rules-hint">
        {t('rules.hint')}
      </p>
      <LoadState task={loading} retry={() => void load()} />
      <Show when={loaded()}>
        <form class="admin-form" onSubmit={save} noValidate>
          <Show when={drafts().length === 0}>
            <p class="muted" data-testid="admin-rules-none">
              {t('rules.none')}
            </p>
          </Show>
          <ol ref={list} class="admin-rule-list">
            {/* By position, not by rule: typing into a rule replaces it, and its fields must keep focus. */}
            <Index each={drafts()}>
              {(draft, index) => {
                const number = () => index + 1;
                const field = (name: string) => `${id}-${index}-${name}`;
                return (
                  <li class="admin-rule" data-testid="admin-rule">
                    <fieldset class="admin-fieldset">
                      <legend>{t('rules.rule', { number: number() })}</legend>
                      <div class="admin-form-grid">
                        <div class="field">
                          <label for={field('event')}>{t('rules.eventType')}</label>
                          <select
                            id={field('event')}
                            class="input"
                            data-rule-control="event"
                            onChange={(event) => {
                              const value = event.currentTarget.value;
                              if (isEventType(value)) change(index, { eventType: value });
                            }}
                            data-testid="admin-rule-event"
                          >
                            <For each={EVENT_TYPES}>
                              {(type) => (
                                <option value={type} selected={type === draft().eventType}>
                                  {t(`rules.eventType.${type}`)}
                                </option>
                              )}
                            </For>
                          </select>
                        </div>
                        <Show when={draft().eventType === 'trip.changed'}>
                          <div class="field">
                            <label for={field('change')}>{t('rules.change')}</label>
                            <select
                              id={field('change')}
                              class="input"
                              onChange={(event) => {
                                const value = event.currentTarget.value;
                                change(index, { change: isChangeField(value) ? value : '' });
                              }}
                              data-testid="admin-rule-change"
                            >
                              <option value="" selected={draft().change === ''}>
                                {t('rules.change.any')}
                              </option>
                              <For each={CHANGE_FIELDS}>
                                {(fieldName) => (
                                  <option value={fieldName} selected={fieldName === draft().change}>
                                    {t(`rules.change.${fieldName}`)}
                                  </option>
                                )}
                              </For>
                            </select>
                          </div>
                        </Show>
                        <div class="field">
                          <label for={field('topic')}>{t('rules.topic')}</label>
                          <input id={field('topic')} class="input" required maxLength={200} value={draft().topic} onInput={(event) => change(index, { topic: event.currentTarget.value })} data-testid="admin-rule-topic" />
                        </div>
                        <div class="field">
                          <label for={field('team')}>{t('rules.team')}</label>
                          <select id={field('team')} class="input" onChange={(event) => change(index, { teamId: event.currentTarget.value })} data-testid="admin-rule-team">
                            <option value="" selected={draft().teamId === ''}>
                              {t('rules.teamByTopic')}
                            </option>
                            <For each={sortedTeams()}>
                              {(team) => (
                                <option value={team.id} selected={team.id === draft().teamId}>
                                  {team.name}
                                </option>
                              )}
                            </For>
                            {/* A team the console does not know (deleted meanwhile) stays chosen, by its id. */}
                            <Show when={draft().teamId && !teams().some((team) => team.id === draft().teamId)}>
                              <option value={draft().teamId} selected>
                                {t('rules.unknownTeam')} ({draft().teamId.slice(0, 8)})
                              </option>
                            </Show>
                          </select>
                        </div>
                      </div>
                      <label class="admin-check">
                        <input
                          type="checkbox"
                          checked={draft().notifyCustomer}
                          onChange={(event) => change(index, { notifyCustomer: event.currentTarget.checked })}
                          aria-describedby={`${id}-notify-hint`}
                          data-testid="admin-rule-notify"
                        />
                        <span>{t('rules.notifyCustomer')}</span>
                      </label>
                      <div class="admin-actions admin-rule-actions">
                        <button
                          type="button"
                          class="button small"
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                          aria-label={t('rules.upLabel', { number: number() })}
                          data-rule-control="up"
                          data-testid="admin-rule-up"
                        >
                          <span aria-hidden="true">↑</span> {t('rules.up')}
                        </button>
                        <button
                          type="button"
                          class="button small"
                          disabled={index === drafts().length - 1}
                          onClick={() => move(index, 1)}
                          aria-label={t('rules.downLabel', { number: number() })}
                          data-rule-control="down"
                          data-testid="admin-rule-down"
                        >
                          <span aria-hidden="true">↓</span> {t('rules.down')}
                        </button>
                        <button type="button" class="button small danger" onClick={() => remove(index)} aria-label={t('rules.removeLabel', { number: number() })} data-rule-control="remove" data-testid="admin-rule-remove">
                          {ta('common.delete')}
                        </button>
                      </div>
                    </fieldset>
                  </li>
                );
              }}
            </Index>
          </ol>
          <p id={`${id}-notify-hint`} class="admin-hint">
            {t('rules.notifyCustomerHint')}
          </p>
          <ErrorNotice error={saving.error()} />
          <StatusText text={status.text()} />
          <Show when={rulesChanged(drafts(), saved())}>
            <p class="admin-hint" data-testid="admin-rules-unsaved">
              {t('rules.unsaved')}
            </p>
          </Show>
          <div class="admin-actions">
            <button type="button" class="button" onClick={add} data-testid="admin-rules-add">
              {t('rules.add')}
            </button>
            <button type="submit" class="button primary" disabled={saving.busy()} data-testid="admin-rules-save">
              {saving.busy() ? ta('common.saving') : t('rules.save')}
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}
