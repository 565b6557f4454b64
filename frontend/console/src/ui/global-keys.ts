// The keys that work on every page of the console: Ctrl/Cmd-K opens the command menu, `?` the
// shortcut help, `/` the message search (its box focused). The inbox adds its own (j/k, r, n, z, e).
import { onCleanup, onMount } from 'solid-js';
import { requestSearchFocus } from '../search/focus.js';
import { commandMenuOpen, setCommandMenuOpen } from './command-menu-state.js';
import { helpOpen, setHelpOpen } from './ShortcutsHelp.jsx';
import { shortcutForKey } from './shortcuts.js';

/** Whether a key press is typing (into a field or an editor) rather than a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)));
}

export function useGlobalKeys(options: { onSearchPage: () => boolean; openSearch: () => void }): void {
  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      // Over a dialog (the menu itself, the help, an admin form), none of these: leaving the page
      // from there would drop what the dialog holds.
      const dialogOpen = commandMenuOpen() || helpOpen() || document.querySelector('[aria-modal="true"]') !== null;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (!dialogOpen) setCommandMenuOpen(true);
        return;
      }
      // A field being typed in, or a modified key: not a shortcut.
      if (dialogOpen || event.defaultPrevented || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      switch (shortcutForKey(event.key)) {
        case 'help':
          setHelpOpen(true);
          break;
        case 'search':
          if (!options.onSearchPage()) options.openSearch();
          requestSearchFocus();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });
}
