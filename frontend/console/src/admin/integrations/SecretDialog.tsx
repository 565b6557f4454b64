// A secret shown the one time it exists in the open (a new API key, a signing secret): selected for
// copying, with a copy button and the warning that it cannot be shown again. The server keeps no
// readable copy for the console; closing the dialog forgets it.
import { createUniqueId } from 'solid-js';
import { createStatusLine } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { StatusText } from '../ui/Feedback.jsx';
import { t } from './i18n.js';

export function SecretDialog(props: { title: string; secret: string; use: string; onClose: () => void; returnFocus?: () => HTMLElement | undefined }) {
  const id = createUniqueId();
  const status = createStatusLine();
  let field!: HTMLInputElement;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      status.say(t('secret.copied'));
    } catch {
      // No clipboard permission (an older browser, a locked-down profile): the selection way.
      field.focus();
      field.select();
      status.say(document.execCommand('copy') ? t('secret.copied') : t('secret.copyFailed'));
    }
  };

  return (
    <Dialog title={props.title} onClose={() => props.onClose()} testId="admin-secret-dialog" returnFocus={props.returnFocus} wide>
      <p id={`${id}-warning`} class="admin-warning" data-testid="admin-secret-warning">
        <strong>{t('secret.warning')}</strong>
      </p>
      <div class="field">
        <label for={`${id}-secret`}>{t('secret.label')}</label>
        <div class="admin-inline">
          <input
            ref={field}
            id={`${id}-secret`}
            class="input admin-secret"
            readOnly
            spellcheck={false}
            autocomplete="off"
            value={props.secret}
            aria-describedby={`${id}-warning ${id}-use`}
            onFocus={(event) => event.currentTarget.select()}
            data-testid="admin-secret-value"
          />
          <button type="button" class="button" onClick={() => void copy()} data-testid="admin-secret-copy">
            {t('secret.copy')}
          </button>
        </div>
        <p id={`${id}-use`} class="admin-hint">
          {props.use}
        </p>
      </div>
      <StatusText text={status.text()} />
      <div class="admin-actions">
        <button type="button" class="button primary" onClick={() => props.onClose()} data-testid="admin-secret-done">
          {t('secret.done')}
        </button>
      </div>
    </Dialog>
  );
}
