// Replacing a key or the signing secret: what happens, and how long the old one keeps working
// beside the new one (a day unless chosen otherwise). The new secret is shown once afterwards.
import { createSignal, createUniqueId, For } from 'solid-js';
import { t as ta } from '../i18n.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { t } from './i18n.js';
import { DEFAULT_OVERLAP, isOverlapChoice, OVERLAP_CHOICES, type OverlapChoice } from './key-form.js';

export function RotateDialog(props: { title: string; explain: string; onRotate: (overlapMinutes: number) => Promise<void>; onClose: () => void; returnFocus?: () => HTMLElement | undefined }) {
  const id = createUniqueId();
  const [overlap, setOverlap] = createSignal<OverlapChoice>(DEFAULT_OVERLAP);
  const task = createTask();

  const rotate = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(() => props.onRotate(overlap()));
  };

  return (
    <Dialog title={props.title} onClose={() => props.onClose()} testId="admin-rotate-dialog" returnFocus={props.returnFocus}>
      <form class="admin-form" onSubmit={rotate} noValidate>
        <p>{props.explain}</p>
        <div class="field">
          <label for={`${id}-overlap`}>{t('rotate.overlap')}</label>
          <select
            id={`${id}-overlap`}
            class="input"
            onChange={(event) => {
              const value = Number(event.currentTarget.value);
              if (isOverlapChoice(value)) setOverlap(value);
            }}
            data-testid="admin-rotate-overlap"
          >
            <For each={OVERLAP_CHOICES}>
              {(minutes) => (
                <option value={minutes} selected={minutes === overlap()}>
                  {t(`rotate.overlap.${minutes}`)}
                </option>
              )}
            </For>
          </select>
        </div>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()} data-testid="admin-rotate-confirm">
            {task.busy() ? ta('common.working') : t('rotate.confirm')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {ta('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
