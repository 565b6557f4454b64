import { describe, expect, it } from 'vitest';
import { isToken, parseFrameMessage, parseHostMessage } from '../src/protocol.js';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl';

describe('messages between the host page and the widget frame', () => {
  it('the frame accepts a token, open and close, and nothing else', () => {
    expect(parseHostMessage({ type: 'smartchat:token', token })).toEqual({ type: 'smartchat:token', token });
    expect(parseHostMessage({ type: 'smartchat:open' })).toEqual({ type: 'smartchat:open' });
    expect(parseHostMessage({ type: 'smartchat:close', extra: 1 })).toEqual({ type: 'smartchat:close' });
    expect(parseHostMessage({ type: 'smartchat:eval', code: 'alert(1)' })).toBeNull();
    expect(parseHostMessage('smartchat:open')).toBeNull();
    expect(parseHostMessage(null)).toBeNull();
  });

  it('a token message must carry something shaped like a JWT', () => {
    expect(parseHostMessage({ type: 'smartchat:token', token: '<img src=x onerror=alert(1)>' })).toBeNull();
    expect(parseHostMessage({ type: 'smartchat:token', token: 42 })).toBeNull();
    expect(parseHostMessage({ type: 'smartchat:token', token: `${token}${'a'.repeat(9000)}` })).toBeNull();
    expect(isToken(token)).toBe(true);
    expect(isToken(undefined)).toBe(false);
  });

  it('the loader accepts ready, layout with a boolean and a known locale', () => {
    expect(parseFrameMessage({ type: 'smartchat:ready' })).toEqual({ type: 'smartchat:ready' });
    expect(parseFrameMessage({ type: 'smartchat:layout', open: true })).toEqual({ type: 'smartchat:layout', open: true });
    expect(parseFrameMessage({ type: 'smartchat:layout', open: 'yes' })).toBeNull();
    expect(parseFrameMessage({ type: 'smartchat:locale', locale: 'en' })).toEqual({ type: 'smartchat:locale', locale: 'en' });
    expect(parseFrameMessage({ type: 'smartchat:locale', locale: 'de' })).toBeNull();
    expect(parseFrameMessage({ type: 'smartchat:token', token })).toBeNull();
  });
});
