// "Sign out everywhere" asks first: every session of the agent ends, this browser's too.
import { t as ta } from '../admin/i18n.js';
import { createTask } from '../admin/task.js';
import { Dialog } from '../admin/ui/Dialog.jsx';
import { ErrorNotice } from '../admin/ui/Feedback.jsx';
import { logoutEverywhere } from '../state/session.js';
import { t } from './i18n.js';
import '../admin/admin.css';

export default function LogoutEverywhereDialog(props: { onClose: () => void; returnFocus: () => HTMLElement | undefined }) {
  const task = createTask();
  return (
    <Dialog title={t('everywhere.title')} onClose={() => props.onClose()} testId="logout-everywhere-dialog" returnFocus={props.returnFocus}>
      <p>{t('everywhere.question')}</p>
      <ErrorNotice error={task.error()} />
      <div class="admin-actions">
        <button type="button" class="button danger" disabled={task.busy()} onClick={() => void task.run(logoutEverywhere)} data-testid="logout-everywhere-confirm">
          {task.busy() ? ta('common.working') : t('everywhere.confirm')}
        </button>
        <button type="button" class="button" onClick={() => props.onClose()}>
          {ta('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
