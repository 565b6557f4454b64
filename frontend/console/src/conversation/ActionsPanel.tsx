// The back-office's actions on the open conversation, in the context pane (as Intercom's app
// cards): links into the back-office and requests it acts on, only those this agent may run, their
// templates filled from the conversation by the server. No integration, no actions: nothing is
// shown. Its own chunk (ContextPane.tsx loads it lazily), so the first load does not grow.
import type { AvailableAction } from '@smartchat/contracts';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../state/session.js';
import { ActionCard } from './ActionCard.jsx';
import type { Text } from './action-run.js';
import { say, t } from './actions-i18n.js';
import './actions.css';

type Loaded = { actions: AvailableAction[] } | { failed: string } | { hidden: true };

async function actionsOf(conversationId: string): Promise<Loaded> {
  try {
    return { actions: (await api.get('/v1/conversations/{id}/actions', { params: { path: { id: conversationId } } })).actions };
  } catch (error) {
    // Not (or no longer) visible: the conversation pane says so; nothing to add here.
    if ((error as { status?: unknown }).status === 404) return { hidden: true };
    return { failed: error instanceof Error ? error.message : String(error) };
  }
}

export default function ActionsPanel(props: { conversationId: string }) {
  // Read again for another conversation (the pane is usually made anew for it anyway).
  const [loaded, { refetch }] = createResource(() => props.conversationId, actionsOf);
  const [notice, setNotice] = createSignal<Text | null>(null);
  const current = () => loaded.latest;
  const actions = () => {
    const value = current();
    return value && 'actions' in value ? value.actions : [];
  };
  const failed = () => {
    const value = current();
    return value && 'failed' in value ? value.failed : null;
  };
  const stale = (text: Text) => {
    setNotice(text);
    void refetch();
  };

  return (
    <Show when={actions().length > 0 || failed() || notice()}>
      <section class="actions-panel" aria-labelledby="actions-title" data-testid="actions">
        <h3 id="actions-title">{t('actions.title')}</h3>
        <Show when={failed()}>
          {(reason) => (
            <p class="muted" data-testid="actions-load-error">
              {t('actions.loadFailed', { reason: reason() })}{' '}
              <button type="button" class="button small" onClick={() => void refetch()}>
                {t('actions.reload')}
              </button>
            </p>
          )}
        </Show>
        <Show when={notice()}>
          {(text) => (
            <p class="error-text" role="alert" data-testid="actions-notice">
              {say(text())}
            </p>
          )}
        </Show>
        <ul class="actions-list">
          <For each={actions()}>{(action) => <ActionCard conversationId={props.conversationId} action={action} onStale={stale} />}</For>
        </ul>
      </section>
    </Show>
  );
}
