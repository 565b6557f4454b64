// Ctrl/Cmd-K: one box to jump to a conversation in the list, run an action on the open one, or find
// a message: from two characters on it also searches messages (search/quick-search.ts) and lists a
// few conversations with their newest matching message, and offers the full search page for the
// text. A command that also has a key of its own (shortcuts.ts) shows that key beside it. Arrow
// keys move through commands and messages alike; Enter runs the one marked.
import type { AgentSearchResult } from '@smartchat/contracts';
import { createEffect, createMemo, createSignal, For, on, onMount, Show } from 'solid-js';
import { i18n, t } from '../i18n.js';
import { conversationLink, messageLink } from '../inbox/links.js';
import { items, view } from '../state/inbox.js';
import { can } from '../state/session.js';
import { conversationActions } from '../conversation/ConversationView.jsx';
import { Highlighted } from '../search/Highlighted.jsx';
import { t as searchT } from '../search/i18n.js';
import { conversationName, searchErrorText } from '../search/labels.js';
import { createQuickSearch } from '../search/quick-search.js';
import { EMPTY_SEARCH, searchPath } from '../search/search-state.js';
import { setHelpOpen } from './ShortcutsHelp.jsx';
import { shortcut, type ShortcutId } from './shortcuts.js';


interface Command {
  id: string;
  label: string;
  shortcut?: ShortcutId;
  run: () => void;
}

/** Something Enter can run: a command, a conversation found by its messages, or "search all messages". */
type Entry = { type: 'command'; command: Command } | { type: 'message'; result: AgentSearchResult; run: () => void } | { type: 'search-all'; run: () => void };

const optionId = (index: number) => `command-option-${index}`;

export function CommandMenu(props: { onClose: () => void; navigate: (path: string) => void }) {
  let input!: HTMLInputElement;
  let list!: HTMLDivElement;
  const previous = document.activeElement as HTMLElement | null;
  const [query, setQuery] = createSignal('');
  const [highlight, setHighlight] = createSignal(0);
  const messages = createQuickSearch(query);
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
    list.push({ id: 'search', label: t('command.search'), shortcut: 'search', run: () => props.navigate('/search') });
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
  const messageEntries = createMemo<Entry[]>(() => {
    if (!messages.active()) return [];
    const found: Entry[] = messages.results().map((result) => {
      const hit = result.hits[0];
      const to = hit ? messageLink(result.conversation.id, hit.messageId) : conversationLink(result.conversation.id);
      return { type: 'message', result, run: () => props.navigate(to) };
    });
    const q = messages.query();
    found.push({ type: 'search-all', run: () => props.navigate(searchPath({ ...EMPTY_SEARCH, q })) });
    return found;
  });
  const entries = createMemo<Entry[]>(() => [...commands().map((command): Entry => ({ type: 'command', command })), ...messageEntries()]);
  // The marked entry stays on the list as it changes under it (results arriving, text typed).
  createEffect(on(entries, (list) => highlight() >= list.length && setHighlight(Math.max(0, list.length - 1))));
  createEffect(on(highlight, (index) => list?.querySelector(`#${optionId(index)}`)?.scrollIntoView({ block: 'nearest' }), { defer: true }));

  const run = (index: number) => {
    const entry = entries()[index];
    if (!entry) return;
    props.onClose();
    if (entry.type === 'command') entry.command.run();
    else entry.run();
  };
  onMount(() => input.focus());
  const firstMessageIndex = () => commands().length;
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
          aria-autocomplete="list"
          aria-activedescendant={entries().length ? optionId(highlight()) : undefined}
          value={query()}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setHighlight(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
            else if (event.key === 'ArrowDown') setHighlight(Math.min(entries().length - 1, highlight() + 1));
            else if (event.key === 'ArrowUp') setHighlight(Math.max(0, highlight() - 1));
            else if (event.key === 'Enter') run(highlight());
            else return;
            event.preventDefault();
          }}
          data-testid="command-input"
        />
        <div class="command-list" id="command-list" role="listbox" aria-label={t('shortcuts.command')} ref={list}>
          <Show when={commands().length > 0}>
            <ul role="group" aria-label={searchT('command.commands')}>
              <For each={commands()}>
                {(command, index) => (
                  <li id={optionId(index())} role="option" aria-selected={index() === highlight()} onClick={() => run(index())} data-testid="command-option" data-command={command.id}>
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
          </Show>
          <Show when={messageEntries().length > 0}>
            <div role="presentation" data-testid="command-messages">
              <div class="command-heading" id="command-messages-heading" aria-hidden="true">
                {searchT('command.messages')}
              </div>
              <ul role="group" aria-labelledby="command-messages-heading">
                <For each={messageEntries()}>
                  {(entry, offset) => {
                    const index = () => firstMessageIndex() + offset();
                    return (
                      <li
                        id={optionId(index())}
                        role="option"
                        class={entry.type === 'message' ? 'command-message' : undefined}
                        aria-selected={index() === highlight()}
                        onClick={() => run(index())}
                        data-testid={entry.type === 'message' ? 'command-message' : 'command-search-all'}
                        data-conversation-id={entry.type === 'message' ? entry.result.conversation.id : undefined}
                      >
                        <Show when={entry.type === 'message' && entry.result} fallback={<span>{searchT('command.searchAll', { query: messages.query() })}</span>}>
                          {(result) => (
                            <>
                              <span class="command-message-title">
                                <span>{conversationName(result().conversation)}</span>
                                <span class="muted">{result().conversation.subject ?? result().conversation.topic ?? ''}</span>
                              </span>
                              <Show when={result().hits[0]?.snippet ?? result().subject}>{(snippet) => <Highlighted snippet={snippet()} class="command-message-snippet" testId="command-message-snippet" />}</Show>
                            </>
                          )}
                        </Show>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </div>
          </Show>
        </div>
        <Show when={messages.active()}>
          <p class="muted command-status" role="status" data-testid="command-messages-status">
            {messages.loading() ? searchT('command.searching') : messages.error() ? searchErrorText(messages.error()) : messages.results().length ? '' : searchT('command.noMessages')}
          </p>
        </Show>
        <Show when={!entries().length}>
          <p class="muted">{t('command.empty')}</p>
        </Show>
      </div>
    </div>
  );
}
