// "Really delete X?": the question, the danger button with its progress, and the server's refusal
// (a team that still has conversations, a role someone holds) shown in the dialog.
import { createTask } from '../task.js';
import { t } from '../i18n.js';
import { Dialog } from './Dialog.jsx';
import { ErrorNotice } from './Feedback.jsx';

export function ConfirmDialog(props: { title: string; question: string; confirmLabel: string; onConfirm: () => Promise<void>; onClose: () => void; returnFocus?: () => HTMLElement | undefined }) {
  const task = createTask();
  const confirm = async () => {
    if (await task.run(props.onConfirm)) props.onClose();
  };
  return (
    <Dialog title={props.title} onClose={() => props.onClose()} testId="admin-confirm" returnFocus={props.returnFocus}>
      <p>{props.question}</p>
      <ErrorNotice error={task.error()} />
      <div class="admin-actions">
        <button type="button" class="button danger" disabled={task.busy()} onClick={() => void confirm()}>
          {task.busy() ? t('common.working') : props.confirmLabel}
        </button>
        <button type="button" class="button" onClick={() => props.onClose()}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
