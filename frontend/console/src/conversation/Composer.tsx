// The composer: reply or note (a note turns the whole composer yellow and is labelled so), a draft
// per conversation (what was typed, its kind and its files wait while the agent looks at another
// conversation, and through a reload of the tab), Enter
// sends and Shift+Enter breaks the line, the input grows with its text, `/` opens macros (their
// {variables} filled in), `@` opens mention autocomplete, an emoji picker, and files attached by
// the button, paste or drop. The input is the kit's rich-text editor (ProseMirror): bold, italic,
// code, lists and quotes show as they will look (toolbar, keys, or typed markup), and images sit
// in the text where they were put; what is sent is the message markup. Sending goes through the
// outbox: the message is kept (with its clientMessageId) until the server accepts it, so nothing
// typed is lost while offline.
import type { Attachment, Conversation } from '@smartchat/contracts';
import { fillMacro } from '@smartchat/core';
import { Icon, newClientMessageId } from '@smartchat/frontend-kit';
import type { ComposerEditor, Format } from '@smartchat/frontend-kit/editor';
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n.js';
import { customerContext } from '../state/customers.js';
import { agents, api, can, connection, macros, me, queueMessage, reloadAgentsIfOlderThan } from '../state/session.js';
import { FORMAT_KEYS } from '../ui/shortcuts.js';

export interface ComposerHandle {
  focus(kind: 'reply' | 'note'): void;
}

/**
 * Unsent drafts by conversation, for this tab (sessionStorage: they survive a reload, and are gone
 * with the tab, so nothing typed stays on a shared computer). Kept as markup, the images in it by
 * their attachment ids, the files listed under it as attachments.
 */
interface Draft {
  kind: 'reply' | 'note';
  markup: string;
  attachments: Attachment[];
}
const DRAFTS_KEY = 'smartchat.console.drafts';
function readDrafts(): Record<string, Draft> {
  try {
    return JSON.parse(sessionStorage.getItem(DRAFTS_KEY) ?? '{}') as Record<string, Draft>;
  } catch {
    return {};
  }
}
function saveDraft(conversationId: string, draft: Draft | null): void {
  const drafts = readDrafts();
  if (draft) drafts[conversationId] = draft;
  else delete drafts[conversationId];
  try {
    sessionStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
  } catch {
    // Storage full or refused: the draft lives as long as the composer.
  }
}

const EMOJI = ['😀', '🙂', '😉', '😊', '🙏', '👍', '👌', '👋', '✅', '❗', '❓', '⏳', '✈️', '🚆', '🏨', '🚕', '📄', '📎', '💳', '📅', '⭐', '🎉', '😔', '🤝'];
const TYPING_REFRESH_MS = 3_000;

type Popup = { type: 'mention' | 'macro'; query: string; length: number } | { type: 'emoji' } | null;

export function Composer(props: { conversation: Conversation; ref?: (handle: ComposerHandle) => void }) {
  const canReply = () => !props.conversation.internal && can('conversations.reply');
  const canNote = () => can('conversations.note');
  const [kind, setKind] = createSignal<'reply' | 'note'>(canReply() ? 'reply' : 'note');
  // Whether the editor holds anything, and which formats apply at the caret (the toolbar's state).
  const [empty, setEmpty] = createSignal(true);
  const [formats, setFormats] = createSignal<Set<Format>>(new Set());
  const [attachments, setAttachments] = createSignal<Attachment[]>([]);
  const [uploads, setUploads] = createSignal<string[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  const [popup, setPopup] = createSignal<Popup>(null);
  const [highlight, setHighlight] = createSignal(0);
  let editorMount!: HTMLDivElement;
  let editor: ComposerEditor | undefined;
  let fileInput!: HTMLInputElement;

  props.ref?.({
    focus(next) {
      if (next === 'reply' && !canReply()) return;
      if (next === 'note' && !canNote()) return;
      setKind(next);
      if (editor) editor.focus();
      else focusWhenReady = true;
    },
  });

  // --- typing: true while typing (refreshed), false on send, blur or an empty input --------------
  let typingSentAt = 0;
  const sendTyping = (typing: boolean) => {
    const live = connection();
    if (!live?.socket.connected) return;
    live.socket.emit('typing', { conversationId: props.conversation.id, kind: kind(), typing });
  };
  const typed = () => {
    const now = Date.now();
    if (empty()) {
      if (typingSentAt) sendTyping(false);
      typingSentAt = 0;
    } else if (now - typingSentAt > TYPING_REFRESH_MS) {
      typingSentAt = now;
      sendTyping(true);
    }
  };
  const stopTyping = () => {
    if (typingSentAt) sendTyping(false);
    typingSentAt = 0;
  };
  onCleanup(stopTyping);

  // --- / macros and @ mentions ---------------------------------------------------------------
  const detectPopup = () => {
    const before = editor?.textBeforeCaret() ?? '';
    const match = /(^|\s)([@/])([^\s@/]*(?: [^\s@/]*)?)$/u.exec(before);
    if (!match) {
      if (popup()?.type !== 'emoji') setPopup(null);
      return;
    }
    const type = match[2] === '@' ? 'mention' : 'macro';
    // Macros open only at the start of a line; "/" inside a sentence is just a slash.
    if (type === 'macro' && !/(^|\n)\/[^\s]*$/u.test(before)) return setPopup(null);
    if (type === 'mention' && popup()?.type !== 'mention') reloadAgentsIfOlderThan(10_000);
    // `length`: the trigger and the query, which a choice replaces.
    setPopup({ type, query: match[3]!.toLocaleLowerCase(), length: match[3]!.length + 1 });
    setHighlight(0);
  };
  const mentionOptions = createMemo(() => {
    const current = popup();
    if (current?.type !== 'mention') return [];
    return agents()
      .filter((agent) => !agent.disabled && agent.id !== me()?.id)
      .filter((agent) => agent.name.toLocaleLowerCase().includes(current.query) || agent.email.toLocaleLowerCase().startsWith(current.query))
      .slice(0, 8);
  });
  const macroOptions = createMemo(() => {
    const current = popup();
    if (current?.type !== 'macro') return [];
    return macros()
      .filter((macro) => macro.name.toLocaleLowerCase().includes(current.query))
      .slice(0, 8);
  });
  const replaceQuery = (insert: string, as: 'text' | 'markup') => {
    const current = popup();
    if (!current || current.type === 'emoji' || !editor) return;
    setPopup(null);
    if (as === 'text') editor.replaceBeforeCaret(current.length, insert);
    else editor.replaceBeforeCaretWithMarkup(current.length, insert);
  };
  const chooseMention = (index: number) => {
    const agent = mentionOptions()[index];
    if (agent) replaceQuery(`@${agent.name} `, 'text');
  };
  const chooseMacro = (index: number) => {
    const macro = macroOptions()[index];
    if (!macro) return;
    replaceQuery(
      fillMacro(macro.body, {
        'customer.name': customerName() ?? '',
        'customer.email': customerEmail() ?? '',
        'agent.name': me()?.name ?? '',
        'conversation.topic': props.conversation.topic ?? '',
      }),
      'markup',
    );
  };
  const [customer, setCustomer] = createSignal<{ name: string | null; email: string | null } | null>(null);
  const customerName = () => customer()?.name;
  const customerEmail = () => customer()?.email;
  if (props.conversation.customerId) void customerContext(props.conversation.customerId).then((context) => setCustomer(context?.customer ?? null));

  const insertAtCaret = (value: string) => editor?.insertText(value);

  // --- attachments -----------------------------------------------------------------------------
  const upload = async (files: Iterable<File>) => {
    for (const file of files) {
      setUploads([...uploads(), file.name]);
      try {
        const attachment = await api.upload(props.conversation.id, file, file.name || 'image.png');
        // An image goes into the text where the caret is; other files are listed under it.
        if (attachment.contentType.startsWith('image/') && editor) editor.insertImage(attachment.id, attachment.name);
        else setAttachments([...attachments(), attachment]);
      } catch (failure) {
        setError(t('composer.uploadFailed', { name: file.name, reason: failure instanceof Error ? failure.message : String(failure) }));
      } finally {
        setUploads(uploads().filter((name) => name !== file.name));
      }
    }
  };
  // Files dropped on the composer around the editor (the editor takes its own drops and pastes).
  const onDrop = (event: DragEvent) => {
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length && !event.defaultPrevented) {
      event.preventDefault();
      void upload(files);
    }
  };

  // --- sending ---------------------------------------------------------------------------------
  const send = () => {
    if (!editor) return;
    const body = editor.markup();
    // The images in the text, then the files listed under it.
    const ids = [...new Set([...editor.imageIds(), ...attachments().map((attachment) => attachment.id)])];
    if ((!body && !ids.length) || uploads().length) return;
    setError(null);
    queueMessage({ conversationId: props.conversation.id, clientMessageId: newClientMessageId(), kind: kind(), body, attachments: ids });
    editor.clear();
    setAttachments([]);
    saveDraft(props.conversation.id, null);
    stopTyping();
  };

  /** What is typed now, kept for this conversation (or forgotten when nothing is). */
  const keepDraft = () => {
    if (!editor) return;
    const markup = editor.markup();
    saveDraft(props.conversation.id, markup || attachments().length ? { kind: kind(), markup, attachments: attachments() } : null);
  };

  /** The composer's keys, before the editor's own; true when handled here. */
  const onKeyDown = (event: KeyboardEvent): boolean => {
    const current = popup();
    if (current && current.type !== 'emoji') {
      const options = current.type === 'mention' ? mentionOptions() : macroOptions();
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setHighlight((highlight() + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % Math.max(1, options.length));
        return true;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && options.length) {
        event.preventDefault();
        if (current.type === 'mention') chooseMention(highlight());
        else chooseMacro(highlight());
        return true;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setPopup(null);
        return true;
      }
    }
    if (event.key === 'Escape') {
      editor?.blur();
      return true;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey && !event.isComposing) {
      event.preventDefault();
      send();
      return true;
    }
    return false;
  };

  const placeholder = () => (kind() === 'note' ? t('composer.placeholderNote') : t('composer.placeholderReply'));
  // The editor (ProseMirror, about 70 KB compressed) is a chunk of its own, loaded with the first
  // conversation opened rather than with the inbox; a focus asked for meanwhile is kept.
  let disposed = false;
  let focusWhenReady = false;
  onCleanup(() => (disposed = true));
  onMount(async () => {
    const { createComposerEditor } = await import('@smartchat/frontend-kit/editor');
    if (disposed) return;
    editor = createComposerEditor(editorMount, {
      label: () => (kind() === 'note' ? t('composer.note') : t('composer.reply')),
      placeholder,
      removeImageLabel: (name) => t('composer.removeImage', { name }),
      onKeyDown,
      onUpdate: () => {
        setEmpty(editor?.isEmpty() ?? true);
        setFormats(editor?.active() ?? new Set<Format>());
        detectPopup();
        typed();
      },
      onBlur: () => {
        keepDraft();
        stopTyping();
        setTimeout(() => popup()?.type !== 'emoji' && setPopup(null), 150);
      },
      onFiles: (files) => void upload(files),
      imageUrl: (id) => api.blobUrl(id),
    });
    const draft = readDrafts()[props.conversation.id];
    if (draft) {
      if ((draft.kind === 'reply' && canReply()) || (draft.kind === 'note' && canNote())) setKind(draft.kind);
      editor.setMarkup(draft.markup);
      setAttachments(draft.attachments);
    }
    if (focusWhenReady) editor.focus();
  });
  // The label and placeholder follow reply/note.
  createEffect(on(kind, () => editor?.refresh(), { defer: true }));
  // A reload or a closed tab ends the page without a blur.
  window.addEventListener('pagehide', keepDraft);
  onCleanup(() => {
    window.removeEventListener('pagehide', keepDraft);
    keepDraft();
    editor?.destroy();
  });

  const readOnly = () => !canReply() && !canNote();
  return (
    <Show when={!readOnly()} fallback={<p class="composer muted">{t('composer.readOnly')}</p>}>
      <form class="composer" classList={{ note: kind() === 'note' }} onSubmit={(event) => (event.preventDefault(), send())} onDragOver={(event) => event.preventDefault()} onDrop={onDrop} data-testid="composer" data-kind={kind()}>
        <div class="tabs" role="group" aria-label={`${t('composer.reply')} / ${t('composer.note')}`}>
          <Show when={canReply()}>
            <button type="button" class="button small" aria-pressed={kind() === 'reply'} onClick={() => setKind('reply')} data-testid="composer-reply">
              {t('composer.reply')}
            </button>
          </Show>
          <button type="button" class="button small" aria-pressed={kind() === 'note'} onClick={() => setKind('note')} data-testid="composer-note">
            <Icon name="lock" /> {t('composer.note')}
          </button>
          <Show when={kind() === 'note'}>
            <span class="badge note" data-testid="note-banner">
              {t('composer.noteBanner')}
            </span>
          </Show>
        </div>
        <Show when={popup()}>
          {(current) => (
            <div class="popup" role="listbox" aria-label={current().type === 'mention' ? t('composer.mentions') : current().type === 'macro' ? t('composer.macros') : t('composer.emoji')} data-testid={`popup-${current().type}`}>
              <Show when={current().type === 'mention'}>
                <For each={mentionOptions()}>
                  {(agent, index) => (
                    <div role="option" aria-selected={index() === highlight()} onMouseDown={(event) => (event.preventDefault(), chooseMention(index()))} data-testid="mention-option">
                      {agent.name} <span class="muted">{agent.email}</span>
                    </div>
                  )}
                </For>
              </Show>
              <Show when={current().type === 'macro'}>
                <For each={macroOptions()} fallback={<div class="muted">{t('composer.noMacros')}</div>}>
                  {(macro, index) => (
                    <div role="option" aria-selected={index() === highlight()} onMouseDown={(event) => (event.preventDefault(), chooseMacro(index()))} data-testid="macro-option">
                      <strong>{macro.name}</strong> <span class="muted">{macro.body.slice(0, 60)}</span>
                    </div>
                  )}
                </For>
              </Show>
              <Show when={current().type === 'emoji'}>
                <div class="emoji-grid">
                  <For each={EMOJI}>
                    {(emoji) => (
                      <button type="button" aria-label={emoji} onClick={() => (insertAtCaret(emoji), setPopup(null))}>
                        {emoji}
                      </button>
                    )}
                  </For>
                </div>
              </Show>
            </div>
          )}
        </Show>
        <div ref={editorMount} class="composer-input" />
        <Show when={attachments().length || uploads().length}>
          <div class="chips" style={{ 'margin-top': '6px' }}>
            <For each={attachments()}>
              {(attachment) => (
                <span class="chip" data-testid="composer-attachment">
                  <Icon name="paperclip" /> <span>{attachment.name}</span>
                  <button type="button" class="button small icon-only" aria-label={t('composer.removeAttachment', { name: attachment.name })} onClick={() => setAttachments(attachments().filter((item) => item.id !== attachment.id))}>
                    <Icon name="close" />
                  </button>
                </span>
              )}
            </For>
            <For each={uploads()}>{(name) => <span class="chip muted">{t('composer.uploading', { name })}</span>}</For>
          </div>
        </Show>
        <Show when={error()}>
          <p class="error-text" role="alert">
            {error()}
          </p>
        </Show>
        <div class="bar">
          <div class="format-buttons" role="group" aria-label={t('composer.formatting')}>
            <For each={FORMAT_KEYS}>
              {(entry) => (
                <button
                  type="button"
                  class="button small icon-only"
                  aria-label={t(entry.label)}
                  title={`${t(entry.label)} (${entry.keys})`}
                  aria-pressed={formats().has(entry.format)}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => editor?.toggle(entry.format)}
                  data-testid={`format-${entry.format}`}
                >
                  <Icon name={entry.icon} />
                </button>
              )}
            </For>
          </div>
          <button type="button" class="button small icon-only" aria-label={t('composer.emoji')} title={t('composer.emoji')} aria-expanded={popup()?.type === 'emoji'} onClick={() => setPopup(popup()?.type === 'emoji' ? null : { type: 'emoji' })} data-testid="emoji">
            <Icon name="smile" />
          </button>
          <button type="button" class="button small" onClick={() => fileInput.click()} data-testid="attach-button">
            <Icon name="paperclip" /> {t('composer.attach')}
          </button>
          <input ref={fileInput} type="file" multiple class="visually-hidden" tabindex="-1" aria-hidden="true" onChange={(event) => (void upload([...(event.currentTarget.files ?? [])]), (event.currentTarget.value = ''))} data-testid="attach-input" />
          <span class="spacer" />
          <button type="submit" class="button primary" disabled={uploads().length > 0} data-testid="composer-send">
            {t('composer.send')}
          </button>
        </div>
      </form>
    </Show>
  );
}
