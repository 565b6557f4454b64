// Ctrl/Cmd-K: one box to jump to a conversation in the list or run an action on the open one.
// A command that also has a key of its own (shortcuts.ts) shows that key beside it.
import { createMemo, createSignal, For, onMount, Show } from 'solid-js';
import { i18n, t } from '../i18n.js';
import { items, view } from '../state/inbox.js';
import { can } from '../state/session.js';
import { conversationActions } from '../conversation/ConversationView.jsx';
import { setHelpOpen } from './ShortcutsHelp.jsx';
import { shortcut, type ShortcutId } from './shortcuts.js';

const [commandMenuOpen, setCommandMenuOpen] = createSignal(false);
export { commandMenuOpen, setCommandMenuOpen };

interface Command {
  id: string;
  label: string;
  shortcut?: ShortcutId;
  run: () => void;
}

export function CommandMenu(props: { onClose: () => void; navigate: (path: string) => void }) {
  let input!: HTMLInputElement;
  const previous = document.activeElement as HTMLElement | null;
  const [query, setQuery] = createSignal('');
  const [highlight, setHighlight] = createSignal(0);
  const close = () => {
    props.onClose();
    previous?.focus();
  };
  const commands = createMemo<Command[]>(() => {
    const actions = conversationActions();
    const list: Command[] = [];
    if (actions) {
      list.push({ id: 'assign-me', label: t('command.assignMe'), run: () => void actions.assignToMe() });
      list.push({ id: 'unassign', label: t('command.unassign'), run: () => void actions.unassign() });
      list.push({ id: 'snooze', label: t('shortcuts.snooze'), shortcut: 'snooze', run: () => actions.openSnooze() });
      list.push({ id: 'close', label: t('shortcuts.close'), shortcut: 'close', run: () => void actions.close() });
      list.push({ id: 'note', label: t('shortcuts.note'), shortcut: 'note', run: () => actions.focusComposer('note') });
    }
    list.push({ id: 'language', label: t('command.language'), run: () => i18n.setLocale(i18n.locale() === 'ru' ? 'en' : 'ru') });
    list.push({ id: 'shortcuts', label: t('command.shortcuts'), shortcut: 'help', run: () => setHelpOpen(true) });
    list.push({ id: 'admin', label: t('command.admin'), run: () => props.navigate('/admin/agents') });
    if (can('statistics.view')) list.push({ id: 'statistics', label: t('command.statistics'), run: () => props.navigate('/statistics') });
    const needle = query().trim().toLocaleLowerCase();
    const matching = list.filter((command) => !needle || command.label.toLocaleLowerCase().includes(needle));
    if (needle) {
      for (const item of items()) {
        const name = `${item.customer?.name ?? ''} ${item.topic ?? ''}`;
        if (name.toLocaleLowerCase().includes(needle)) matching.push({ id: item.id, label: t('command.goto', { name: name.trim() }), run: () => props.navigate(`/inbox/${view()}/${item.id}`) });
        if (matching.length > 30) break;
      }
    }
    return matching;
  });
  const run = (index: number) => {
    const command = commands()[index];
    if (!command) return;
    props.onClose();
    command.run();
  };
  onMount(() => input.focus());
  return (
    <div class="overlay" onClick={(event) => event.target === event.currentTarget && close()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-label={t('shortcuts.command')} data-testid="command-menu">
        <input
          ref={input}
          class="input"
          style={{ width: '100%' }}
          placeholder={t('command.placeholder')}
          aria-label={t('command.placeholder')}
          role="combobox"
          aria-expanded="true"
          aria-controls="command-list"
          value={query()}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setHighlight(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
            else if (event.key === 'ArrowDown') setHighlight(Math.min(commands().length - 1, highlight() + 1));
            else if (event.key === 'ArrowUp') setHighlight(Math.max(0, highlight() - 1));
            else if (event.key === 'Enter') run(highlight());
            else return;
            event.preventDefault();
          }}
          data-testid="command-input"
        />
        <ul class="command-list" id="command-list" role="listbox">
          <For each={commands()}>
            {(command, index) => (
              <li role="option" aria-selected={index() === highlight()} onClick={() => run(index())} data-testid="command-option" data-command={command.id}>
                <span>{command.label}</span>
                <Show when={command.shortcut}>
                  {(id) => (
                    <kbd class="command-shortcut" data-testid="command-shortcut">
                      {shortcut(id()).keys}
                    </kbd>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={!commands().length}>
          <p class="muted">{t('command.empty')}</p>
        </Show>
      </div>
    </div>
  );
}
