import { describe, expect, it } from 'vitest';
import { connectionNotice } from '../src/frame/connection-notice.js';

describe('the connection banner', () => {
  it('says nothing while live', () => expect(connectionNotice('live', true)).toBeNull());
  it('says connecting until the first time live, reconnecting after', () => {
    expect(connectionNotice('connecting', false)).toBe('connecting');
    expect(connectionNotice('resyncing', false)).toBe('connecting');
    expect(connectionNotice('reconnecting', true)).toBe('reconnecting');
    expect(connectionNotice('resyncing', true)).toBe('reconnecting');
  });
  it('says offline when the browser has no network', () => expect(connectionNotice('offline', true)).toBe('offline'));
});
