import { describe, expect, it } from 'vitest';
import { badgeText, unreadCount } from '../src/frame/unread.js';

const m = (id: string, kind: 'customer' | 'reply' | 'system' | 'note' | 'notice', deleted = false) => ({ id, kind, deleted });

describe('unread agent replies', () => {
  const thread = [m('1', 'customer'), m('2', 'reply'), m('3', 'system'), m('4', 'reply'), m('5', 'reply', true)];

  it('counts the agent replies after the newest message seen', () => {
    expect(unreadCount(thread, '2')).toBe(1);
    expect(unreadCount(thread, '4')).toBe(0);
  });

  it('never seen here: the replies after the customer last wrote', () => {
    expect(unreadCount(thread, undefined)).toBe(2);
    expect(unreadCount([m('1', 'reply'), m('2', 'reply')], undefined)).toBe(2);
  });

  it('a message the customer wrote counts as having seen what came before it', () => {
    expect(unreadCount([m('1', 'reply'), m('2', 'reply'), m('3', 'customer'), m('4', 'reply')], '1')).toBe(1);
  });

  it('a notice from Smartchat (a trip change, a document) is unread like a reply', () => {
    expect(unreadCount([m('1', 'customer'), m('2', 'notice'), m('3', 'reply')], undefined)).toBe(2);
    expect(unreadCount([m('1', 'notice'), m('2', 'notice', true)], '1')).toBe(0);
  });

  it('system events and deleted replies are not unread', () => {
    expect(unreadCount([m('1', 'customer'), m('2', 'system'), m('3', 'reply', true)], undefined)).toBe(0);
  });

  it('the badge shows at most 9+', () => {
    expect(badgeText(3)).toBe('3');
    expect(badgeText(12)).toBe('9+');
  });
});
