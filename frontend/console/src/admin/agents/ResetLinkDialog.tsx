// A one-time password reset link for an agent (POST /v1/agents/:id/password-reset): asked for on
// purpose, since a new link replaces the agent's earlier ones; then shown with a copy button and
// when it expires, for the admin to hand over. The link is the only copy: closing forgets it.
import type { Agent } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { api, me } from '../../state/session.js';
import { t } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice, StatusText } from '../ui/Feedback.jsx';

interface ResetLink {
  resetUrl: string;
  expiresAt: string;
}

export function ResetLinkDialog(props: { agent: Agent; onClose: () => void; returnFocus?: () => HTMLElement | undefined }) {
  const id = createUniqueId();
  const [link, setLink] = createSignal<ResetLink | null>(null);
  const task = createTask();
  const status = createStatusLine();
  let field: HTMLInputElement | undefined;

  const create = () =>
    void task.run(async () => {
      setLink(await api.post('/v1/agents/{id}/password-reset', { params: { path: { id: props.agent.id } } }));
      // The button that was pressed is gone: focus goes to the link, selected for copying.
      field?.focus();
      field?.select();
    });

  const copy = async () => {
    const url = link()?.resetUrl;
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      status.say(t('agents.copied'));
    } catch {
      // No clipboard permission (an older browser, a locked-down profile): the selection way.
      field?.select();
      status.say(document.execCommand('copy') ? t('agents.copied') : t('agents.copyFailed'));
    }
  };

  return (
    <Dialog title={t('agents.resetTitle', { name: props.agent.name })} onClose={() => props.onClose()} testId="admin-reset-link-dialog" returnFocus={props.returnFocus}>
      <Show
        when={link()}
        fallback={
          <>
            <p>{t('agents.resetExplain', { name: props.agent.name })}</p>
            <p class="admin-hint">{t('agents.resetReplaces')}</p>
            <ErrorNotice error={task.error()} />
            <div class="admin-actions">
              <button type="button" class="button primary" disabled={task.busy()} onClick={create} data-testid="admin-reset-link-create">
                {task.busy() ? t('common.creating') : t('agents.resetCreate')}
              </button>
              <button type="button" class="button" onClick={() => props.onClose()}>
                {t('common.cancel')}
              </button>
            </div>
          </>
        }
      >
        {(created) => (
          <>
            <div class="field">
              <label for={`${id}-url`}>{t('agents.resetUrl')}</label>
              <div class="admin-inline">
                <input
                  ref={field}
                  id={`${id}-url`}
                  class="input admin-reset-url"
                  readOnly
                  value={created().resetUrl}
                  aria-describedby={`${id}-expires ${id}-replaced`}
                  onFocus={(event) => event.currentTarget.select()}
                  data-testid="admin-reset-link-url"
                />
                <button type="button" class="button" onClick={() => void copy()} data-testid="admin-reset-link-copy">
                  {t('agents.copy')}
                </button>
              </div>
              <span id={`${id}-expires`} class="admin-hint" data-testid="admin-reset-link-expires">
                {t('agents.resetExpires', { time: formatDateTime(created().expiresAt, i18n.locale(), me()?.timeZone) })}
              </span>
            </div>
            <p id={`${id}-replaced`} class="admin-hint">
              {t('agents.resetReplaced')}
            </p>
            <StatusText text={status.text()} />
            <div class="admin-actions">
              <button type="button" class="button" onClick={() => props.onClose()}>
                {t('common.close')}
              </button>
            </div>
          </>
        )}
      </Show>
    </Dialog>
  );
}
