// The one script a host page embeds:
//   <script src="https://CHAT/widget/loader.js" data-token="<customer JWT>" data-lang="ru" async></script>
// It adds the widget's iframe (served by chat next to this file, so styles and scripts of the two
// pages never mix), resizes it when the frame asks, hands it the token once the frame says it is
// ready (to the chat origin only), and exposes window.SmartchatWidget for the host page.
import { baseFrameStyle, frameStyle, type FrameStyle } from './layout.js';
import { isToken, parseFrameMessage, type HostMessage, type Locale } from './protocol.js';

export interface SmartchatWidgetApi {
  open(): void;
  close(): void;
  /** A fresh token (the old one is about to expire): the frame uses it from now on. */
  setToken(token: string): void;
}

declare global {
  interface Window {
    SmartchatWidget?: SmartchatWidgetApi;
  }
}

const TITLES: Record<Locale, string> = { ru: 'Чат поддержки', en: 'Support chat' };

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  // document.currentScript is null when a tag manager injects this script in odd ways.
  return document.querySelector<HTMLScriptElement>('script[src*="/widget/loader.js"]');
}

function applyStyle(element: HTMLElement, style: FrameStyle): void {
  // !important: the host page's own CSS (iframe { ... }) must not move or hide the widget.
  for (const [name, value] of Object.entries(style)) element.style.setProperty(name, value, 'important');
}

function start(script: HTMLScriptElement): void {
  const frameUrl = new URL('index.html', script.src);
  const chatOrigin = frameUrl.origin;
  const locale: Locale = script.dataset.lang?.toLowerCase().startsWith('en') ? 'en' : 'ru';
  frameUrl.searchParams.set('lang', locale);

  let token = isToken(script.dataset.token) ? script.dataset.token : null;
  let ready = false;
  let open = false;
  /** open()/close() asked before the frame was ready: done once it is. */
  let pendingOpen: boolean | null = null;

  const iframe = document.createElement('iframe');
  iframe.src = frameUrl.toString();
  iframe.title = TITLES[locale];
  iframe.setAttribute('allow', 'clipboard-write');
  iframe.setAttribute('data-smartchat-widget', '');
  applyStyle(iframe, baseFrameStyle);

  const layout = () => applyStyle(iframe, frameStyle(open, { width: window.innerWidth, height: window.innerHeight }));
  const post = (message: HostMessage) => {
    // The exact origin: the token never goes to a frame that navigated elsewhere.
    if (ready) iframe.contentWindow?.postMessage(message, chatOrigin);
  };

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow || event.origin !== chatOrigin) return;
    const message = parseFrameMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'smartchat:ready':
        ready = true;
        if (token) post({ type: 'smartchat:token', token });
        if (pendingOpen !== null) post({ type: pendingOpen ? 'smartchat:open' : 'smartchat:close' });
        pendingOpen = null;
        break;
      case 'smartchat:layout':
        open = message.open;
        layout();
        break;
      case 'smartchat:locale':
        iframe.title = TITLES[message.locale];
        break;
    }
  });
  window.addEventListener('resize', layout);
  layout();

  const command = (wantOpen: boolean) => {
    if (!ready) {
      pendingOpen = wantOpen;
      return;
    }
    // Focus follows into the frame so that its composer can take it.
    if (wantOpen) iframe.focus();
    post({ type: wantOpen ? 'smartchat:open' : 'smartchat:close' });
  };
  window.SmartchatWidget = {
    open: () => command(true),
    close: () => command(false),
    setToken(next: string) {
      if (!isToken(next)) throw new TypeError('SmartchatWidget.setToken: not a token');
      token = next;
      post({ type: 'smartchat:token', token });
    },
  };

  const mount = () => document.body.appendChild(iframe);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

// Embedded twice (a tag manager and the page): one widget.
if (!window.SmartchatWidget) {
  const script = ownScript();
  if (script) start(script);
  else console.error('Smartchat: the loader cannot find its own <script> element');
}
