// The messages between the host page (the loader) and the widget frame, and their checks. The
// frame trusts only what comes from window.parent and has one of the HostMessage types; the
// loader trusts only its own iframe, from the chat origin. Anything else is ignored.

export type Locale = 'ru' | 'en';

/** Host page -> frame. */
export type HostMessage =
  /** The customer token (first one, or a refreshed one) for the chat API. */
  | { type: 'smartchat:token'; token: string }
  | { type: 'smartchat:open' }
  | { type: 'smartchat:close' };

/** Frame -> host page. Never carries anything secret, so it may go to any parent origin. */
export type FrameMessage =
  /** The frame listens now: send the token. Sent again if the frame reloads. */
  | { type: 'smartchat:ready' }
  /** Grow to the panel (open) or shrink to the launcher. */
  | { type: 'smartchat:layout'; open: boolean }
  /** The customer switched the language: the iframe's title follows. */
  | { type: 'smartchat:locale'; locale: Locale };

/** A JWT: three base64url parts. Customer tokens are small; anything huge is not one. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN_LENGTH = 8192;

export function isToken(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TOKEN_LENGTH && TOKEN_PATTERN.test(value);
}

function typeOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const type = (data as { type?: unknown }).type;
  return typeof type === 'string' ? type : null;
}

export function parseHostMessage(data: unknown): HostMessage | null {
  switch (typeOf(data)) {
    case 'smartchat:token': {
      const token = (data as { token?: unknown }).token;
      return isToken(token) ? { type: 'smartchat:token', token } : null;
    }
    case 'smartchat:open':
      return { type: 'smartchat:open' };
    case 'smartchat:close':
      return { type: 'smartchat:close' };
    default:
      return null;
  }
}

export function parseFrameMessage(data: unknown): FrameMessage | null {
  switch (typeOf(data)) {
    case 'smartchat:ready':
      return { type: 'smartchat:ready' };
    case 'smartchat:layout': {
      const open = (data as { open?: unknown }).open;
      return typeof open === 'boolean' ? { type: 'smartchat:layout', open } : null;
    }
    case 'smartchat:locale': {
      const locale = (data as { locale?: unknown }).locale;
      return locale === 'ru' || locale === 'en' ? { type: 'smartchat:locale', locale } : null;
    }
    default:
      return null;
  }
}
