// A modal dialog: named by its heading, focus moves into it and stays there (Tab wraps), Escape
// closes it, and focus goes back to whatever opened it (or, when that is gone, to returnFocus).
import { createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';
import { t } from '../i18n.js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: JSX.Element;
  testId?: string;
  wide?: boolean;
  /** Where focus goes when the opener is gone (the row of a deleted item): the section's heading. */
  returnFocus?: () => HTMLElement | undefined;
}

export function Dialog(props: DialogProps) {
  const titleId = createUniqueId();
  // Read while the opener still has focus, before the dialog takes it.
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let box!: HTMLDivElement;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (!box.contains(document.activeElement)) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    } else if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  onMount(() => {
    const first = box.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ?? box.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box).focus();
    // On the document (capturing, so that the console's own shortcuts do not see Escape): a save
    // button that disables itself while saving drops focus to the page; Escape and Tab still work.
    document.addEventListener('keydown', onKeyDown, true);
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKeyDown, true);
    const target = opener?.isConnected ? opener : props.returnFocus?.();
    target?.focus();
  });

  return (
    <div class="overlay admin-overlay">
      <div
        ref={box}
        class="dialog admin-dialog"
        classList={{ wide: props.wide === true }}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={props.testId}
      >
        <div class="admin-dialog-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" class="button small" onClick={() => props.onClose()}>
            {t('common.close')}
          </button>
        </div>
        {props.children}
      </div>
    </div>
  );
}
