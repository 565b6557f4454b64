// The composer's rich-text editor, a separate entry point of the kit so that only the console
// (which uses it) pays for ProseMirror; the widget's bundle does not include it.
import 'prosemirror-view/style/prosemirror.css';
export { createComposerEditor, type ComposerEditor, type ComposerEditorOptions, type Format } from './editor.js';
export { composerSchema } from './schema.js';
export { markupFromDoc, escapeText } from './serialize.js';
export { docFromMarkup } from './parse.js';
