import { describe, expect, it } from 'vitest';
import { canChangeMessage, canRestoreMessage, canViewMessageHistory, type MessageActor, type MessageFacts } from '../src/message-rules.js';

const anna: MessageActor = { type: 'agent', id: 'anna', role: 'agent' };
const boris: MessageActor = { type: 'agent', id: 'boris', role: 'agent' };
const admin: MessageActor = { type: 'agent', id: 'maria', role: 'admin' };
const customer: MessageActor = { type: 'customer', id: 'ivan' };
const annasReply: MessageFacts = { kind: 'reply', authorType: 'agent', authorId: 'anna', deleted: false };
const ivansMessage: MessageFacts = { kind: 'customer', authorType: 'customer', authorId: 'ivan', deleted: false };

describe('changing messages', () => {
  it.each([
    ['the author edits her reply', anna, annasReply, true],
    ['another agent cannot', boris, annasReply, false],
    ['an admin cannot edit someone else\'s words', admin, annasReply, false],
    ['a customer cannot edit, even their own', customer, ivansMessage, false],
    ['a deleted message cannot be edited', anna, { ...annasReply, deleted: true }, false],
    ['system events cannot be edited', anna, { kind: 'system', authorType: 'system', authorId: null, deleted: false } as MessageFacts, false],
  ])('%s', (_, actor, message, allowed) => {
    expect(canChangeMessage(actor, message)).toBe(allowed);
  });

  it.each([
    [anna, false],
    [admin, true],
    [{ type: 'agent', id: 'root', role: 'super-admin' } as MessageActor, true],
    [customer, false],
  ])('history is visible to %o: %s', (actor, allowed) => {
    expect(canViewMessageHistory(actor)).toBe(allowed);
  });

  it('only deleted messages are restored, only by those who see history', () => {
    expect(canRestoreMessage(admin, { ...annasReply, deleted: true })).toBe(true);
    expect(canRestoreMessage(admin, annasReply)).toBe(false);
    expect(canRestoreMessage(anna, { ...annasReply, deleted: true })).toBe(false);
  });
});
