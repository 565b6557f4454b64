import { createSignal, For, onMount } from 'solid-js';
import { t } from '../i18n.js';
import { COMPOSER_KEYS, FORMAT_KEYS, SHORTCUTS } from './shortcuts.js';

const [helpOpen, setHelpOpen] = createSignal(false);
export { helpOpen, setHelpOpen };

export function ShortcutsHelp(props: { onClose: () => void }) {
  let closeButton!: HTMLButtonElement;
  const previous = document.activeElement as HTMLElement | null;
  const close = () => {
    props.onClose();
    previous?.focus();
  };
  onMount(() => closeButton.focus());
  return (
    <div class="overlay" onClick={(event) => event.target === event.currentTarget && close()} onKeyDown={(event) => event.key === 'Escape' && close()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts-help">
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <table class="table">
          <tbody>
            <For each={SHORTCUTS}>
              {(entry) => <KeyRow keys={entry.keys} label={t(entry.label)} />}
            </For>
          </tbody>
          <tbody>
            <tr>
              <th colSpan={2} scope="colgroup" class="shortcuts-subtitle">
                {t('shortcuts.inComposer')}
              </th>
            </tr>
            <For each={[...COMPOSER_KEYS, ...FORMAT_KEYS]}>
              {(entry) => <KeyRow keys={entry.keys} label={t(entry.label)} />}
            </For>
          </tbody>
        </table>
        <p style={{ 'text-align': 'right', margin: '10px 0 0' }}>
          <button type="button" class="button" ref={closeButton} onClick={close}>
            {t('common.close')}
          </button>
        </p>
      </div>
    </div>
  );
}

/** One line of the sheet: the keys, and what they do. */
function KeyRow(props: { keys: string; label: string }) {
  return (
    <tr>
      <td>
        <kbd>{props.keys}</kbd>
      </td>
      <td>{props.label}</td>
    </tr>
  );
}
