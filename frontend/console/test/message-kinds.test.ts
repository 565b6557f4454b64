// How the console's thread treats each kind of message, without a browser: whose words it shows
// with a name, which is a notice card, and that only an agent's own replies and notes offer edit
// and delete — never a customer's message, a system event or a notice from the back-office.
import { messageKinds, type Message } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { isNotice, isWrittenByPerson, messageChanges } from '../src/conversation/message-kinds.js';

const AGENT = 'a0a0a0a0-0000-4000-8000-000000000001';
const OTHER = 'a0a0a0a0-0000-4000-8000-000000000002';
const everything = new Set(['messages.delete_own', 'conversations.reply', 'conversations.note']);

function message(kind: Message['kind'], author: Message['author'], deleted = false): Pick<Message, 'kind' | 'author' | 'deleted'> {
  return { kind, author, deleted };
}
const byAgent = (id: string) => ({ type: 'agent' as const, id, name: 'Анна' });
const bySystem = { type: 'system' as const, id: null, name: null };

describe('the kinds of message in the thread', () => {
  it('every kind is either a person’s words, a notice, or a system event', () => {
    expect(messageKinds.map((kind) => [kind, isWrittenByPerson(kind), isNotice(kind)])).toEqual([
      ['customer', true, false],
      ['reply', true, false],
      ['note', true, false],
      ['system', false, false],
      ['notice', false, true],
    ]);
  });
});

describe('what an agent may change', () => {
  const me = { id: AGENT, permissions: everything };

  it('their own reply or note: edit, and delete with messages.delete_own', () => {
    expect(messageChanges(message('reply', byAgent(AGENT)), me)).toEqual({ edit: true, delete: true });
    expect(messageChanges(message('note', byAgent(AGENT)), { id: AGENT, permissions: new Set() })).toEqual({ edit: true, delete: false });
  });

  it('a notice from the back-office is never edited or deleted, whatever the agent may do', () => {
    expect(messageChanges(message('notice', bySystem), me)).toEqual({ edit: false, delete: false });
    // Even if a notice ever carried an agent as its author.
    expect(messageChanges(message('notice', byAgent(AGENT)), me)).toEqual({ edit: false, delete: false });
  });

  it('nor a system event, a customer’s message, a colleague’s reply or a deleted message', () => {
    expect(messageChanges(message('system', bySystem), me)).toEqual({ edit: false, delete: false });
    expect(messageChanges(message('customer', { type: 'customer', id: 'c1', name: 'Иван' }), me)).toEqual({ edit: false, delete: false });
    expect(messageChanges(message('reply', byAgent(OTHER)), me)).toEqual({ edit: false, delete: false });
    expect(messageChanges(message('reply', byAgent(AGENT), true), me)).toEqual({ edit: false, delete: false });
    expect(messageChanges(message('reply', byAgent(AGENT)), null)).toEqual({ edit: false, delete: false });
  });
});
