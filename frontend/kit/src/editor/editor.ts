// The composer's editor: ProseMirror over the message-markup schema (schema.ts). It shows bold,
// italic, code, lists, quotes, code blocks, addresses as links and uploaded images as the message
// will, and hands the host (the console's Composer) the keys it owns first: Enter sends, arrows and
// Tab pick in the @/`/` pop-ups, Escape leaves. Shift+Enter breaks the line (a new item in a list,
// leaving the list from an empty item). Typing markup converts as you go (`**bold**`, `_italic_`,
// `` `code` ``, `- ` or `1. ` for lists, `> ` for a quote, ``` for code), and pasted text is read
// as markup; pasted HTML keeps only what the markup has.
import { scanAutolink } from '@smartchat/core';
import { baseKeymap, chainCommands, exitCode, setBlockType, toggleMark, wrapIn, lift } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { InputRule, inputRules, undoInputRule } from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import { type Fragment, Slice, type MarkType, type Node, type NodeType } from 'prosemirror-model';
import { liftListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { EditorState, Plugin, Selection, type Command, type TextSelection, type Transaction } from 'prosemirror-state';
import { findWrapping } from 'prosemirror-transform';
import { Decoration, DecorationSet, EditorView, type NodeView } from 'prosemirror-view';
import { docFromMarkup } from './parse.js';
import { composerSchema as schema } from './schema.js';
import { markupFromDoc } from './serialize.js';

export type Format = 'strong' | 'em' | 'code' | 'bullet_list' | 'ordered_list' | 'blockquote' | 'code_block';

export interface ComposerEditorOptions {
  /** The element's accessible name and placeholder; read again on refresh(). */
  label: () => string;
  placeholder: () => string;
  /** The name of an image's remove button (translated by the host). */
  removeImageLabel: (name: string) => string;
  /** The host's keys come first; true when it handled the key. */
  onKeyDown: (event: KeyboardEvent) => boolean;
  /** After every change of the text or the caret. */
  onUpdate: () => void;
  onBlur?: () => void;
  /** Files pasted or dropped into the editor (the host uploads them). */
  onFiles: (files: File[]) => void;
  /** A URL to show an uploaded image with (the console's authenticated blob URL). */
  imageUrl: (attachmentId: string) => Promise<string>;
}

export interface ComposerEditor {
  readonly view: EditorView;
  /** The document as message markup, as it will be sent. */
  markup(): string;
  isEmpty(): boolean;
  clear(): void;
  /** Replaces the document with `markup` (a saved draft), the caret at its end, history cleared. */
  setMarkup(markup: string): void;
  focus(): void;
  blur(): void;
  /** The current line up to the caret (line breaks as "\n"); empty when the selection is not a caret. */
  textBeforeCaret(): string;
  /** Replaces the `length` characters before the caret with plain text. */
  replaceBeforeCaret(length: number, text: string): void;
  /** Replaces the `length` characters before the caret with markup (a macro's body). */
  replaceBeforeCaretWithMarkup(length: number, markup: string): void;
  insertText(text: string): void;
  insertImage(attachmentId: string, alt: string): void;
  /** Attachment ids of the images in the document, in order. */
  imageIds(): string[];
  toggle(format: Format): void;
  active(): Set<Format>;
  /** Reads the label and placeholder again. */
  refresh(): void;
  destroy(): void;
}

const nodes = schema.nodes as Record<'paragraph' | 'blockquote' | 'bullet_list' | 'ordered_list' | 'list_item' | 'code_block' | 'image' | 'hard_break', NodeType>;
const marks = schema.marks as Record<'strong' | 'em' | 'code', MarkType>;

/** `**text**` and the like: typing the closing marker turns the text into marked text. */
function markRule(pattern: RegExp, type: MarkType): InputRule {
  return new InputRule(pattern, (state, match, start, end) => {
    const [, before = '', text = ''] = match;
    if (!text) return null;
    const from = start + before.length;
    // What is typed next is not marked: the closing marker ended the mark.
    return state.tr.replaceWith(from, end, schema.text(text, type.create().addToSet(state.doc.resolve(from).marks()))).removeStoredMark(type);
  });
}

/**
 * A marker typed at the start of a line (of the text block, or after a Shift+Enter line break,
 * which input rules see as U+FFFC) turns that line into a list, a quote or code: after a line break
 * the block is split there first, so the line becomes a block of its own.
 */
function lineStartRule(marker: string, apply: (tr: Transaction, position: number, match: RegExpMatchArray) => boolean): InputRule {
  return new InputRule(new RegExp(`(^|\ufffc)${marker}$`, 'u'), (state, match, start, end) => {
    const tr = state.tr.delete(start, end);
    let position = start;
    if (match[1] === '\ufffc') {
      tr.split(start);
      position = start + 2;
    }
    return apply(tr, position, match) ? tr : null;
  });
}

const wrapLine =
  (type: NodeType, attrs?: (match: RegExpMatchArray) => Record<string, unknown>) =>
  (tr: Transaction, position: number, match: RegExpMatchArray): boolean => {
    const range = tr.doc.resolve(position).blockRange();
    const wrapping = range && findWrapping(range, type, attrs?.(match));
    if (!range || !wrapping) return false;
    tr.wrap(range, wrapping);
    return true;
  };

const rules = inputRules({
  rules: [
    markRule(/(^|[\s(\ufffc])\*\*([^*\s](?:[^*]*[^*\s])?)\*\*$/u, marks.strong),
    markRule(/(^|[\s(\ufffc])_([^_\s](?:[^_]*[^_\s])?)_$/u, marks.em),
    markRule(/(^|[^*\p{L}\p{N}])\*([^*\s](?:[^*]*[^*\s])?)\*$/u, marks.em),
    markRule(/(^|[^`])`([^`]+)`$/u, marks.code),
    lineStartRule('\\s*[-*•]\\s', wrapLine(nodes.bullet_list)),
    lineStartRule('(\\d{1,3})[.)]\\s', wrapLine(nodes.ordered_list, (match) => ({ order: Number(match[2]) }))),
    lineStartRule('\\s*>\\s', wrapLine(nodes.blockquote)),
    lineStartRule('```', (tr, position) => {
      const $position = tr.doc.resolve(position);
      if (!$position.parent.isTextblock || $position.depth !== 1) return false;
      tr.setBlockType(position, position, nodes.code_block);
      return true;
    }),
  ],
});

const inList = (state: EditorState): boolean => {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth -= 1) if ($from.node(depth).type === nodes.list_item) return true;
  return false;
};

/** Shift+Enter: a new line in code, a new item in a list (out of it from an empty one), else a line break. */
const newLine: Command = (state, dispatch) => {
  const { $from } = state.selection;
  if ($from.parent.type === nodes.code_block) {
    dispatch?.(state.tr.insertText('\n').scrollIntoView());
    return true;
  }
  if (inList(state)) {
    if ($from.parent.content.size === 0) return liftListItem(nodes.list_item)(state, dispatch);
    return splitListItem(nodes.list_item)(state, dispatch);
  }
  dispatch?.(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
  return true;
};

/** Backspace at the start of a list item or a quote takes the line out of it. */
const liftAtStart: Command = (state, dispatch) => {
  const { $cursor } = state.selection as TextSelection;
  if (!$cursor || $cursor.parentOffset > 0) return false;
  if (inList(state)) return liftListItem(nodes.list_item)(state, dispatch);
  if ($cursor.depth > 1 && $cursor.node($cursor.depth - 1).type === nodes.blockquote) return lift(state, dispatch);
  return false;
};

function toggleList(type: NodeType): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const list = $from.depth >= 2 ? $from.node($from.depth - 2) : undefined;
    if (list?.type === type) return liftListItem(nodes.list_item)(state, dispatch);
    if (list && (list.type === nodes.bullet_list || list.type === nodes.ordered_list)) {
      if (dispatch) dispatch(state.tr.setNodeMarkup($from.before($from.depth - 2), type, type === nodes.ordered_list ? { order: 1 } : null));
      return true;
    }
    return wrapInList(type)(state, dispatch);
  };
}

const toggleQuote: Command = (state, dispatch) => {
  const { $from } = state.selection;
  if ($from.depth > 1 && $from.node($from.depth - 1).type === nodes.blockquote) return lift(state, dispatch);
  return wrapIn(nodes.blockquote)(state, dispatch);
};

const toggleCodeBlock: Command = (state, dispatch) =>
  state.selection.$from.parent.type === nodes.code_block ? setBlockType(nodes.paragraph)(state, dispatch) : setBlockType(nodes.code_block)(state, dispatch);

const commands: Record<Format, Command> = {
  strong: toggleMark(marks.strong),
  em: toggleMark(marks.em),
  code: toggleMark(marks.code),
  bullet_list: toggleList(nodes.bullet_list),
  ordered_list: toggleList(nodes.ordered_list),
  blockquote: toggleQuote,
  code_block: toggleCodeBlock,
};

/** Addresses look like the links they will be: the parser's own scan marks them. */
const autolinks = new Plugin({
  props: {
    decorations(state) {
      const decorations: Decoration[] = [];
      state.doc.descendants((node, position) => {
        if (!node.isTextblock || node.type === nodes.code_block) return true;
        node.forEach((child, offset) => {
          if (!child.isText || !child.text || child.marks.some((mark) => mark.type === marks.code)) return;
          const text = child.text;
          for (let index = 0; index < text.length; index += 1) {
            const character = text[index];
            if (character !== 'h' && character !== 'H' && character !== 'm' && character !== 'M') continue;
            const scan = scanAutolink(text, index);
            if (!scan) continue;
            if (scan.isLink) decorations.push(Decoration.inline(position + 1 + offset + index, position + 1 + offset + scan.end, { class: 'autolink' }));
            index = scan.end - 1;
          }
        });
        return false;
      });
      return DecorationSet.create(state.doc, decorations);
    },
  },
});

function placeholder(text: () => string): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const first = state.doc.firstChild;
        if (state.doc.childCount !== 1 || !first || first.type !== nodes.paragraph || first.content.size > 0) return null;
        return DecorationSet.create(state.doc, [Decoration.node(0, first.nodeSize, { class: 'placeholder', 'data-placeholder': text() })]);
      },
    },
  });
}

class ImageView implements NodeView {
  dom: HTMLElement;
  private image: HTMLImageElement;

  constructor(node: Node, view: EditorView, getPos: () => number | undefined, options: ComposerEditorOptions) {
    this.dom = document.createElement('figure');
    this.dom.className = 'composer-image';
    this.dom.dataset.attachmentId = String(node.attrs.attachmentId);
    this.dom.dataset.testid = 'composer-image';
    this.image = document.createElement('img');
    this.image.alt = String(node.attrs.alt);
    this.dom.append(this.image);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', options.removeImageLabel(String(node.attrs.alt)));
    remove.addEventListener('mousedown', (event) => {
      event.preventDefault();
      const position = getPos();
      if (position !== undefined) view.dispatch(view.state.tr.delete(position, position + node.nodeSize));
    });
    this.dom.append(remove);
    void options.imageUrl(String(node.attrs.attachmentId)).then(
      (url) => (this.image.src = url),
      () => undefined,
    );
  }

  stopEvent(event: Event): boolean {
    return event.target instanceof HTMLButtonElement;
  }

  ignoreMutation(): boolean {
    return true;
  }
}

export function createComposerEditor(mount: HTMLElement, options: ComposerEditorOptions): ComposerEditor {
  const state = EditorState.create({
    schema,
    plugins: [
      rules,
      keymap({
        'Mod-b': commands.strong,
        'Mod-i': commands.em,
        'Mod-e': commands.code,
        'Mod-Shift-8': commands.bullet_list,
        'Mod-Shift-7': commands.ordered_list,
        'Mod-Shift-9': commands.blockquote,
        'Mod-z': undo,
        'Mod-Shift-z': redo,
        'Mod-y': redo,
        'Shift-Enter': newLine,
        'Mod-Enter': chainCommands(exitCode, newLine),
        Backspace: chainCommands(undoInputRule, liftAtStart),
      }),
      keymap(baseKeymap),
      history(),
      autolinks,
      placeholder(options.placeholder),
    ],
  });
  const attributes = () => ({
    id: 'composer-input',
    class: 'composer-editor',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': options.label(),
    'aria-placeholder': options.placeholder(),
    'data-testid': 'composer-input',
  });
  const view: EditorView = new EditorView(mount, {
    state,
    attributes,
    nodeViews: { image: (node, editorView, getPos) => new ImageView(node, editorView, getPos, options) },
    handleKeyDown: (_view, event) => options.onKeyDown(event),
    handleDOMEvents: {
      blur: () => {
        options.onBlur?.();
        return false;
      },
    },
    handlePaste: (_view, event) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return false;
      options.onFiles(files);
      return true;
    },
    handleDrop: (_view, event) => {
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return false;
      event.preventDefault();
      options.onFiles(files);
      return true;
    },
    // Pasted plain text is read as markup, as it would be sent.
    clipboardTextParser: (text) => {
      const doc = docFromMarkup(schema, text);
      return Slice.maxOpen(doc.content);
    },
    dispatchTransaction(transaction) {
      view.updateState(view.state.apply(transaction));
      options.onUpdate();
    },
  });

  const caret = () => {
    const selection = view.state.selection;
    return selection.empty ? selection.$from : undefined;
  };
  const textBeforeCaret = (): string => {
    const $from = caret();
    if (!$from || !$from.parent.isTextblock) return '';
    return $from.parent.textBetween(0, $from.parentOffset, undefined, '\n');
  };
  const replaceBefore = (length: number, content: Fragment | string) => {
    const $from = caret();
    if (!$from) return;
    const from = Math.max($from.start(), $from.pos - length);
    let tr = view.state.tr;
    if (typeof content === 'string') tr = tr.insertText(content, from, $from.pos);
    else if (content.childCount === 1 && content.firstChild!.type === nodes.paragraph) tr = tr.replaceWith(from, $from.pos, content.firstChild!.content);
    else tr = tr.replaceRange(from, $from.pos, Slice.maxOpen(content));
    view.dispatch(tr.scrollIntoView());
    view.focus();
  };

  return {
    view,
    markup: () => markupFromDoc(view.state.doc),
    isEmpty: () => view.state.doc.childCount === 1 && view.state.doc.firstChild!.type === nodes.paragraph && view.state.doc.firstChild!.content.size === 0,
    clear() {
      const empty = EditorState.create({ schema, plugins: view.state.plugins });
      view.updateState(empty);
      options.onUpdate();
    },
    setMarkup(markup) {
      const doc = docFromMarkup(schema, markup);
      view.updateState(EditorState.create({ schema, doc, plugins: view.state.plugins, selection: Selection.atEnd(doc) }));
      options.onUpdate();
    },
    focus: () => view.focus(),
    blur: () => (view.dom as HTMLElement).blur(),
    textBeforeCaret,
    replaceBeforeCaret: (length, text) => replaceBefore(length, text),
    replaceBeforeCaretWithMarkup: (length, markup) => replaceBefore(length, docFromMarkup(schema, markup).content),
    insertText(text) {
      view.dispatch(view.state.tr.insertText(text).scrollIntoView());
      view.focus();
    },
    insertImage(attachmentId, alt) {
      const node = nodes.image.create({ attachmentId, alt });
      const tr = view.state.tr.replaceSelectionWith(node);
      view.dispatch(tr.scrollIntoView());
      view.focus();
    },
    imageIds() {
      const ids: string[] = [];
      view.state.doc.forEach((node) => {
        if (node.type === nodes.image && !ids.includes(String(node.attrs.attachmentId))) ids.push(String(node.attrs.attachmentId));
      });
      return ids;
    },
    toggle(format) {
      commands[format](view.state, view.dispatch);
      view.focus();
    },
    active() {
      const { state: current } = view;
      const result = new Set<Format>();
      const { $from, from, to, empty } = current.selection;
      for (const name of ['strong', 'em', 'code'] as const) {
        const type = marks[name];
        if (empty ? type.isInSet(current.storedMarks ?? $from.marks()) : current.doc.rangeHasMark(from, to, type)) result.add(name);
      }
      for (let depth = $from.depth; depth >= 0; depth -= 1) {
        const name = $from.node(depth).type.name;
        if (name === 'bullet_list' || name === 'ordered_list' || name === 'blockquote' || name === 'code_block') result.add(name);
      }
      return result;
    },
    refresh: () => view.setProps({ attributes }),
    destroy: () => view.destroy(),
  };
}
