// The console's keyboard shortcuts, in one table: the key handlers (the console-wide one in
// ui/global-keys.ts, the inbox's) read their keys from here, the help (`?`) lists them, and the
// command menu shows each command's shortcut beside it.
import type { ConsoleKey } from '../i18n.js';
import type { IconName } from '@smartchat/frontend-kit';
import type { Format } from '@smartchat/frontend-kit/editor';

export type ShortcutId = 'next' | 'prev' | 'reply' | 'note' | 'snooze' | 'close' | 'command' | 'search' | 'help' | 'escape';

export interface Shortcut {
  id: ShortcutId;
  /** As shown to the agent. */
  keys: string;
  /** The KeyboardEvent.key that triggers it without modifiers, outside text fields. */
  key?: string;
  label: ConsoleKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'next', keys: 'j', key: 'j', label: 'shortcuts.next' },
  { id: 'prev', keys: 'k', key: 'k', label: 'shortcuts.prev' },
  { id: 'reply', keys: 'r', key: 'r', label: 'shortcuts.reply' },
  { id: 'note', keys: 'n', key: 'n', label: 'shortcuts.note' },
  { id: 'snooze', keys: 'z', key: 'z', label: 'shortcuts.snooze' },
  { id: 'close', keys: 'e', key: 'e', label: 'shortcuts.close' },
  { id: 'command', keys: 'Ctrl/Cmd K', label: 'shortcuts.command' },
  // The composer's own `/` (macros) is typed in a text field, where shortcuts do not apply.
  { id: 'search', keys: '/', key: '/', label: 'shortcuts.search' },
  { id: 'help', keys: '?', key: '?', label: 'shortcuts.help' },
  { id: 'escape', keys: 'Esc', label: 'shortcuts.escape' },
];

/** What the keys do in the composer: listed in the help, handled by the composer itself. */
export const COMPOSER_KEYS: readonly { keys: string; label: ConsoleKey }[] = [
  { keys: 'Enter', label: 'shortcuts.send' },
  { keys: 'Shift+Enter', label: 'shortcuts.newLine' },
  { keys: '/', label: 'shortcuts.macros' },
  { keys: '@', label: 'shortcuts.mention' },
];

/**
 * The composer's formatting: its toolbar buttons and their keys (the editor in
 * @smartchat/frontend-kit/editor binds the same keys), listed in the help too.
 */
export const FORMAT_KEYS: readonly { format: Format; keys: string; label: ConsoleKey; icon: IconName }[] = [
  { format: 'strong', keys: 'Ctrl/Cmd+B', label: 'composer.bold', icon: 'bold' },
  { format: 'em', keys: 'Ctrl/Cmd+I', label: 'composer.italic', icon: 'italic' },
  { format: 'code', keys: 'Ctrl/Cmd+E', label: 'composer.code', icon: 'code' },
  { format: 'bullet_list', keys: 'Ctrl/Cmd+Shift+8', label: 'composer.bulletList', icon: 'list-bullet' },
  { format: 'ordered_list', keys: 'Ctrl/Cmd+Shift+7', label: 'composer.orderedList', icon: 'list-ordered' },
  { format: 'blockquote', keys: 'Ctrl/Cmd+Shift+9', label: 'composer.quote', icon: 'quote' },
];

export function shortcut(id: ShortcutId): Shortcut {
  return SHORTCUTS.find((entry) => entry.id === id)!;
}

/** The shortcut a plain key press (no Ctrl, Cmd or Alt) stands for. */
export function shortcutForKey(key: string): ShortcutId | null {
  return SHORTCUTS.find((entry) => entry.key === key)?.id ?? null;
}
