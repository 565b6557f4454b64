// One deletion from the audit log: when, by whom, in which conversation; the original text with
// the message's history on request (messages.history) and a way back (messages.restore).
import type { AuditEntry, Message, MessageHistoryEntry } from '@smartchat/contracts';
import { A } from '@solidjs/router';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { agentName, api, me } from '../../state/session.js';
import { messageTarget } from '../audit/audit-names.js';
import { canDo } from '../me-access.js';
import { t } from '../i18n.js';
import { createTask } from '../task.js';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { conversationLink } from '../../inbox/links.js';

interface MessageWithHistory {
  message: Message;
  history: MessageHistoryEntry[];
}

/** `restored`: the audit log shows a restoration after this deletion (the history tells for sure). */
export function DeletedMessageRow(props: { entry: AuditEntry; restored: boolean; onRestored: (message: Message) => void }) {
  const target = messageTarget(props.entry.target);
  const detailsId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [loaded, setLoaded] = createSignal<MessageWithHistory | null>(null);
  // What this row learned itself (history loaded, restored here) wins over the audit log's hint.
  const [known, setKnown] = createSignal<boolean | null>(null);
  const restored = () => known() ?? props.restored;
  const setRestored = (value: boolean) => setKnown(value);
  const loading = createTask();
  const restoring = createTask();
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);
  const who = (actor: string | null) => {
    if (!actor) return t('deleted.someone');
    const id = actor.startsWith('agent:') ? actor.slice('agent:'.length) : actor;
    return agentName(id) ?? actor;
  };
  const path = () => ({ path: { id: target?.conversationId ?? '', messageId: target?.messageId ?? '' } });

  const loadHistory = () =>
    loading.run(async () => {
      const result = await api.get('/v1/conversations/{id}/messages/{messageId}/history', { params: path() });
      setLoaded(result);
      setRestored(!result.message.deleted);
    });
  const toggle = () => {
    const next = !open();
    setOpen(next);
    if (next && !loaded()) void loadHistory();
  };
  let toggleButton: HTMLButtonElement | undefined;
  const restore = () =>
    restoring.run(async () => {
      const message = await api.post('/v1/conversations/{id}/messages/{messageId}/restore', { params: path() });
      setRestored(true);
      // The Restore button is gone now; focus stays in the row.
      toggleButton?.focus();
      props.onRestored(message);
      if (loaded()) await loadHistory();
    });

  return (
    <>
      <tr data-testid="admin-deleted-row" data-id={props.entry.id} data-message-id={target?.messageId}>
        <td>{when(props.entry.at)}</td>
        <td>{who(props.entry.actor)}</td>
        <td>
          <Show when={target} fallback={<span class="muted">{props.entry.target ?? '—'}</span>}>
            {(message) => (
              <A href={conversationLink(message().conversationId)} aria-label={t('deleted.openConversationLabel', { id: message().conversationId.slice(0, 8) })}>
                {t('deleted.openConversation')} <span class="admin-code">{message().conversationId.slice(0, 8)}</span>
              </A>
            )}
          </Show>
        </td>
        <td>
          <Show when={restored()} fallback={<span class="badge danger">{t('deleted.deletedBadge')}</span>}>
            <span class="badge accent">{t('deleted.restoredBadge')}</span>
          </Show>
        </td>
        <td class="admin-row-actions">
          <Show when={target && canDo('messages.history')}>
            <button ref={toggleButton} type="button" class="button small" aria-expanded={open()} aria-controls={detailsId} onClick={toggle}>
              {open() ? t('deleted.hideOriginal') : t('deleted.showOriginal')}
            </button>
          </Show>
          <Show when={target && canDo('messages.restore') && !restored()}>
            <button type="button" class="button small" disabled={restoring.busy()} onClick={() => void restore()}>
              {restoring.busy() ? t('deleted.restoring') : t('deleted.restore')}
            </button>
          </Show>
          <ErrorNotice error={restoring.error()} />
        </td>
      </tr>
      <Show when={open()}>
        <tr class="admin-detail-row">
          <td colSpan={5} id={detailsId}>
            <Show when={loading.busy()}>
              <p class="muted">{t('common.loading')}</p>
            </Show>
            <ErrorNotice error={loading.error()} />
            <Show when={loaded()}>
              {(result) => (
                <div class="admin-original" data-testid="admin-deleted-original">
                  <p class="muted">
                    {t('deleted.writtenBy', { name: result().message.author.name ?? t(`author.${result().message.author.type}`), time: when(result().message.createdAt) })}
                    <Show when={result().message.kind === 'note'}>
                      {' '}
                      <span class="badge note">{t('deleted.note')}</span>
                    </Show>
                  </p>
                  <h3 class="admin-subhead">{t('deleted.originalText')}</h3>
                  <blockquote class="admin-quote admin-pre">{result().message.body || t('deleted.emptyBody')}</blockquote>
                  <h3 class="admin-subhead">{t('deleted.history')}</h3>
                  <Show when={result().history.length > 0} fallback={<p class="muted">{t('deleted.noHistory')}</p>}>
                    <ol class="admin-history">
                      <For each={result().history}>
                        {(change) => (
                          <li>
                            <span>{t('deleted.change', { action: t(`change.${change.action}`), name: who(change.actorId ? `agent:${change.actorId}` : null), time: when(change.at) })}</span>
                            <Show when={change.body}>
                              <div class="muted">{t('deleted.bodyBefore')}</div>
                              <blockquote class="admin-quote admin-pre">{change.body}</blockquote>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ol>
                  </Show>
                </div>
              )}
            </Show>
          </td>
        </tr>
      </Show>
    </>
  );
}
