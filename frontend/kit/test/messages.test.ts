import type { Message } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { compareMessageIds, mergeMessages } from '../src/messages.js';
import { dayKey, formatAge, formatTime } from '../src/i18n.js';

// time_low-time_mid-1time_hi: ids built so that n orders them in time.
const idAt = (ticks: number) => {
  const hex = ticks.toString(16).padStart(15, '0');
  return `${hex.slice(7)}-${hex.slice(3, 7)}-1${hex.slice(0, 3)}-8000-000000000000`;
};
const msg = (ticks: number, body = `m${ticks}`): Message => ({
  id: idAt(ticks),
  conversationId: '00000000-0000-4000-8000-000000000000',
  kind: 'customer',
  author: { type: 'customer', id: null, name: null },
  body,
  clientMessageId: null,
  createdAt: new Date(0).toISOString(),
  editedAt: null,
  deleted: false,
  attachments: [],
});

describe('thread merging', () => {
  it('orders time-based ids by their timestamp, not their text', () => {
    // 0x1_0000_0000 has a larger time_mid but a smaller time_low than 0xffff_ffff.
    expect(compareMessageIds(idAt(0xffff_ffff), idAt(0x1_0000_0000))).toBe(-1);
  });

  it('appends live messages, inserts an older page in place and ignores a replayed duplicate', () => {
    let thread = mergeMessages([], [msg(5), msg(3)]);
    expect(thread.map((m) => m.body)).toEqual(['m3', 'm5']);
    thread = mergeMessages(thread, [msg(9)]);
    thread = mergeMessages(thread, [msg(1), msg(4)]);
    expect(thread.map((m) => m.body)).toEqual(['m1', 'm3', 'm4', 'm5', 'm9']);
    expect(mergeMessages(thread, [msg(4)])).toBe(thread);
  });

  it('replaces an edited or deleted message where it stands', () => {
    const thread = mergeMessages([], [msg(1), msg(2)]);
    const edited = mergeMessages(thread, [{ ...msg(1, 'changed'), editedAt: '2026-01-01T00:00:00Z' }]);
    expect(edited.map((m) => m.body)).toEqual(['changed', 'm2']);
  });
});

describe('dates in the viewer time zone', () => {
  it('puts the same instant on different days in Moscow and New York', () => {
    const instant = '2026-11-24T22:30:00Z';
    expect(dayKey(instant, 'Europe/Moscow')).not.toBe(dayKey(instant, 'America/New_York'));
    expect(formatTime(instant, 'ru', 'Europe/Moscow')).toBe('01:30');
  });

  it('says how long something waited in the chosen language', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(formatAge('2026-11-24T11:55:00Z', now, 'ru')).toBe('5 мин');
    expect(formatAge('2026-11-24T09:00:00Z', now, 'en')).toBe('3 h');
  });
});
