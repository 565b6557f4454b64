// One conversation: its header (an e-mail's subject, else the topic) with the actions (assign,
// team, priority, snooze, close/reopen), the thread, who else is viewing or typing, and the
// composer. It joins the conversation's room while open and leaves it when closed; if access is
// revoked while it is open, it says so.
import type { Conversation } from '@smartchat/contracts';
import { SNOOZE_PRESETS } from '@smartchat/core';
import { ApiError, formatDateTime, Icon, type ApiBody } from '@smartchat/frontend-kit';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { i18n, t } from '../i18n.js';
import { conversationChanged, inAgentsShape, latest, remember } from '../state/inbox.js';
import { typing, viewers } from '../state/live.js';
import { api, can, connection, me, teams, agents } from '../state/session.js';
import { leaveThread, openThread, setOpenThread } from '../state/threads.js';
import { clearRevoked, revoked } from '../state/events.js';
import { Composer, type ComposerHandle } from './Composer.jsx';
import { Thread } from './Thread.jsx';

export interface ConversationActions {
  focusComposer(kind: 'reply' | 'note'): void;
  openSnooze(): void;
  close(): Promise<void>;
  assignToMe(): Promise<void>;
  unassign(): Promise<void>;
}
const [actions, setActions] = createSignal<ConversationActions | null>(null);
export const conversationActions = actions;

/** The heading's full text as a tooltip, for when it is cut short: an e-mail's subject, then the topic. */
function headingTitle(conversation: Conversation): string | undefined {
  return [conversation.subject, conversation.topic].filter((part): part is string => Boolean(part)).join(' · ') || undefined;
}

/** `messageId`: a message to open the thread at (a search result, a shared link). */
export function ConversationView(props: { id: string; messageId?: string }) {
  const [conversation, setConversation] = createSignal<Conversation | null>(null);
  const [missing, setMissing] = createSignal(false);
  const [actionError, setActionError] = createSignal<string | null>(null);
  const [snoozeOpen, setSnoozeOpen] = createSignal(false);
  const [customUntil, setCustomUntil] = createSignal('');
  let composer: ComposerHandle | undefined;
  let snoozeButton: HTMLButtonElement | undefined;

  const load = async () => {
    try {
      const fresh = await api.get('/v1/conversations/{id}', { params: { path: { id: props.id } } });
      if (!inAgentsShape(fresh)) throw new Error('This console is for agents');
      remember([fresh]);
      setConversation(fresh);
      clearRevoked(props.id);
      const joined = await openThread(props.id);
      if (joined) setConversation({ ...fresh, ...joined });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setMissing(true);
      else setActionError(error instanceof Error ? error.message : String(error));
    }
  };
  setOpenThread(props.id);
  void load();
  // The socket connected after the view opened (a reload): join now.
  createEffect(
    on(
      () => connection()?.state(),
      (state, previous) => {
        if (state === 'live' && previous && previous !== 'live' && conversation()) void openThread(props.id).catch(() => undefined);
      },
    ),
  );
  // A newer copy from the lists or a live event (the balancer assigned it, a snooze woke up).
  createEffect(
    on(
      () => latest()[props.id],
      (fresh) => {
        const shown = conversation();
        if (fresh && shown && fresh.updatedAt >= shown.updatedAt) setConversation(fresh);
      },
    ),
  );
  onCleanup(() => {
    setOpenThread(null);
    void leaveThread(props.id);
    setActions(null);
  });

  const gone = () => missing() || revoked().has(props.id);

  const act = async (run: () => Promise<Conversation>) => {
    setActionError(null);
    try {
      setConversation(await run());
      void conversationChanged(props.id);
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    }
  };
  const path = () => ({ path: { id: props.id } });
  const route = (body: ApiBody<'/v1/conversations/{id}', 'patch'>) => act(() => api.patch('/v1/conversations/{id}', { params: path(), body }));
  const snooze = (body: ApiBody<'/v1/conversations/{id}/snooze', 'post'>) => {
    setSnoozeOpen(false);
    return act(() => api.post('/v1/conversations/{id}/snooze', { params: path(), body }));
  };
  const close = () => act(() => api.post('/v1/conversations/{id}/close', { params: path() }));
  const reopen = () => act(() => api.post('/v1/conversations/{id}/reopen', { params: path() }));

  setActions({
    focusComposer: (kind) => composer?.focus(kind),
    openSnooze: () => {
      if (can('conversations.snooze')) setSnoozeOpen(true);
    },
    close: async () => {
      if (can('conversations.close') && conversation()?.status !== 'closed') await close();
    },
    assignToMe: () => route({ assigneeId: me()!.id }),
    unassign: () => route({ assigneeId: null }),
  });

  const others = () => (viewers()[props.id] ?? []).filter((viewer) => viewer.agentId !== me()?.id);
  const typists = () => typing()[props.id] ?? [];
  const teamAgents = () => {
    const teamId = conversation()?.teamId;
    const members = teamId ? new Set(teams().find((team) => team.id === teamId)?.memberIds ?? []) : null;
    return [...agents()].filter((agent) => !agent.disabled).sort((a, b) => Number(members?.has(b.id) ?? 0) - Number(members?.has(a.id) ?? 0) || a.name.localeCompare(b.name));
  };

  return (
    <main class="conversation" aria-labelledby="conversation-title" data-testid="conversation" data-id={props.id} data-status={conversation()?.status}>
      <Show
        when={!gone()}
        fallback={
          <div style={{ display: 'grid', 'place-items': 'center', height: '100%' }}>
            <p role="alert" data-testid="conversation-gone">
              {t('conversation.notFound')}
            </p>
          </div>
        }
      >
        <Show when={conversation()}>
          {(current) => (
            <>
              <header class="conversation-header">
                <h2 id="conversation-title" title={headingTitle(current())}>
                  <Show when={current().subject} fallback={current().topic ?? '—'}>
                    {(subject) => (
                      <>
                        <span data-testid="conversation-subject">{subject()}</span>
                        <Show when={current().topic}>{(topic) => <span class="conversation-topic"> · {topic()}</span>}</Show>
                      </>
                    )}
                  </Show>
                </h2>
                <span class="badge" data-testid="conversation-status">
                  {t(`status.${current().status}`)}
                </span>
                <Show when={current().status === 'snoozed' && current().snoozedUntil}>
                  {(until) => <span class="badge">{t('conversation.snoozedUntil', { time: formatDateTime(until(), i18n.locale(), me()?.timeZone) })}</span>}
                </Show>
                <label class="visually-hidden" for="assignee">
                  {t('conversation.assignee')}
                </label>
                <select id="assignee" class="input" disabled={!can('conversations.assign')} value={current().assigneeId ?? ''} onChange={(event) => void route({ assigneeId: event.currentTarget.value || null })} data-testid="assignee">
                  <option value="">{t('conversation.unassigned')}</option>
                  <For each={teamAgents()}>{(agent) => <option value={agent.id}>{agent.id === me()?.id ? `${agent.name} (${t('common.me')})` : agent.name}</option>}</For>
                </select>
                <label class="visually-hidden" for="team">
                  {t('conversation.team')}
                </label>
                <select id="team" class="input" disabled={!can('conversations.transfer')} value={current().teamId ?? ''} onChange={(event) => void route({ teamId: event.currentTarget.value || null })} data-testid="team">
                  <option value="">{t('conversation.noTeam')}</option>
                  <For each={teams()}>{(team) => <option value={team.id}>{team.name}</option>}</For>
                </select>
                <label class="visually-hidden" for="priority">
                  {t('conversation.priority')}
                </label>
                <select id="priority" class="input" disabled={!can('conversations.assign')} value={String(current().priority)} onChange={(event) => void route({ priority: Number(event.currentTarget.value) })} data-testid="priority">
                  <For each={[0, 1, 2, 3] as const}>{(level) => <option value={String(level)}>{t(`priority.${level}`)}</option>}</For>
                </select>
                <Show when={can('conversations.snooze') && current().status !== 'closed'}>
                  <button
                    type="button"
                    class="button icon-only"
                    ref={snoozeButton}
                    aria-haspopup="menu"
                    aria-expanded={snoozeOpen()}
                    aria-label={t('conversation.snooze')}
                    title={`${t('conversation.snooze')} (Z)`}
                    onClick={() => setSnoozeOpen(!snoozeOpen())}
                    data-testid="snooze"
                  >
                    <Icon name="clock" />
                  </button>
                </Show>
                <Show when={can('conversations.close')}>
                  <Show
                    when={current().status !== 'closed'}
                    fallback={
                      <button type="button" class="button" onClick={() => void reopen()} data-testid="reopen">
                        {t('conversation.reopen')}
                      </button>
                    }
                  >
                    <button type="button" class="button primary icon-only" aria-label={t('conversation.close')} title={`${t('conversation.close')} (E)`} onClick={() => void close()} data-testid="close">
                      <Icon name="check" />
                    </button>
                  </Show>
                </Show>
              </header>
              <Show when={snoozeOpen()}>
                <div class="panel" role="menu" aria-label={t('conversation.snooze')} style={{ margin: '6px 12px', display: 'flex', gap: '6px', 'flex-wrap': 'wrap', 'align-items': 'center' }} data-testid="snooze-menu" onKeyDown={(event) => event.key === 'Escape' && (setSnoozeOpen(false), snoozeButton?.focus())}>
                  <For each={SNOOZE_PRESETS}>
                    {(preset, index) => (
                      <button type="button" class="button" role="menuitem" ref={(element) => index() === 0 && queueMicrotask(() => element.focus())} onClick={() => void snooze({ preset })} data-testid={`snooze-${preset}`}>
                        {t(`snooze.${preset}`)}
                      </button>
                    )}
                  </For>
                  <label class="visually-hidden" for="snooze-until">
                    {t('snooze.custom')}
                  </label>
                  <input id="snooze-until" class="input" type="datetime-local" value={customUntil()} onInput={(event) => setCustomUntil(event.currentTarget.value)} data-testid="snooze-custom" />
                  <button type="button" class="button" disabled={!customUntil()} onClick={() => void snooze({ until: new Date(customUntil()).toISOString() })} data-testid="snooze-custom-apply">
                    {t('snooze.apply')}
                  </button>
                </div>
              </Show>
              <Show when={current().internal}>
                <div class="internal-banner" data-testid="internal-banner">
                  {t('conversation.internal')}
                </div>
              </Show>
              <Show when={actionError()}>
                <p class="error-text" role="alert" style={{ margin: '4px 12px' }} data-testid="action-error">
                  {actionError()}
                </p>
              </Show>
              <Thread conversationId={props.id} target={props.messageId} />
              <div class="presence-bar" aria-live="polite" data-testid="presence-bar">
                <Show when={others().length > 0}>
                  <span data-testid="viewers">{t('conversation.viewing', { names: others().map((viewer) => viewer.name ?? '—').join(', ') })} </span>
                </Show>
                <For each={typists()}>
                  {(typist) => (
                    <span data-testid="typing">
                      {typist.type === 'customer' ? t('conversation.customerTyping') : t(typist.kind === 'note' ? 'conversation.typingNote' : 'conversation.typing', { names: typist.name ?? '—' })}{' '}
                    </span>
                  )}
                </For>
              </div>
              <Composer ref={(handle) => (composer = handle)} conversation={current()} />
            </>
          )}
        </Show>
      </Show>
    </main>
  );
}
