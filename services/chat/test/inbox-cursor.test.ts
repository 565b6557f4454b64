import { INBOX_CURSOR_PATTERN } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { decodeInboxCursor, encodeInboxCursor } from '../src/store/inbox-cursor.js';

const id = '3f0e8d7c-1b2a-4c5d-8e9f-0a1b2c3d4e5f';

describe('the inbox cursor', () => {
  it('carries the sort key exactly, microseconds and offsets included, in the form the document gives', () => {
    for (const [sort, key, instant] of [
      ['priority', ['-2', '2026-01-05 10:11:12.123456+00', id], '2026-01-05T10:11:12.123456Z'],
      ['waiting', ['2026-01-05 13:11:12.5+03', id], '2026-01-05T10:11:12.500000Z'],
      ['recent', ['1969-12-31 23:59:59.999999+00', id], '1969-12-31T23:59:59.999999Z'],
      ['recent', ['2026-03-01 00:00:00+05:30', id], '2026-02-28T18:30:00.000000Z'],
    ] as const) {
      const text = encodeInboxCursor({ sort, key: [...key] });
      expect(text, text).toMatch(INBOX_CURSOR_PATTERN);
      const decoded = decodeInboxCursor(text);
      expect(decoded.sort).toBe(sort);
      expect(decoded.key.at(-1)).toBe(id);
      expect(decoded.key.at(-2)).toBe(instant);
    }
  });

  it('keeps a conversation never written to (infinity) and names its sort, which the page continues', () => {
    expect(encodeInboxCursor({ sort: 'waiting', key: ['infinity', id] })).toBe(`waiting.infinity.${id}`);
    expect(decodeInboxCursor(`recent.-infinity.${id}`)).toEqual({ sort: 'recent', key: ['-infinity', id] });
    expect(decodeInboxCursor(`priority.-3.0.${id}`)).toEqual({ sort: 'priority', key: ['-3', '1970-01-01T00:00:00.000000Z', id] });
  });

  it('refuses anything not of the pattern', () => {
    for (const text of ['', 'priority', `waiting.1.2.${id}`, `priority.-99999.0.${id}`, `recent.1.${id.toUpperCase()}`, `recent.12345678901234567.${id}`]) {
      expect(() => decodeInboxCursor(text), text).toThrow(/cursor/);
    }
  });
});
