// The frame's side of the conversation with the host page's loader (src/protocol.ts). Only
// messages from window.parent with a documented type are acted on. What the frame sends holds
// nothing secret (ready, open/closed, language), so it goes to whatever origin the parent has:
// the frame cannot know which site embedded it.
import { parseHostMessage, type FrameMessage, type Locale } from '../protocol.js';

export interface HostHandlers {
  token(token: string): void;
  open(): void;
  close(): void;
}

export interface HostBridge {
  /** The frame is embedded in a page (not opened on its own). */
  embedded: boolean;
  layout(open: boolean): void;
  locale(locale: Locale): void;
  dispose(): void;
}

export function connectHost(handlers: HostHandlers): HostBridge {
  const parent = window.parent;
  const embedded = parent !== window;
  const post = (message: FrameMessage) => {
    if (embedded) parent.postMessage(message, '*');
  };
  const onMessage = (event: MessageEvent) => {
    if (!embedded || event.source !== parent) return;
    const message = parseHostMessage(event.data);
    if (!message) return;
    if (message.type === 'smartchat:token') handlers.token(message.token);
    else if (message.type === 'smartchat:open') handlers.open();
    else handlers.close();
  };
  window.addEventListener('message', onMessage);
  post({ type: 'smartchat:ready' });
  return {
    embedded,
    layout: (open) => post({ type: 'smartchat:layout', open }),
    locale: (locale) => post({ type: 'smartchat:locale', locale }),
    dispose: () => window.removeEventListener('message', onMessage),
  };
}
