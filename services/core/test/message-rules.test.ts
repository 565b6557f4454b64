import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_DEFINITIONS, type Permission } from '../src/access.js';
import { canDeleteMessage, canEditMessage, canRestoreMessage, canViewMessageHistory, type MessageActor, type MessageFacts } from '../src/message-rules.js';

const agentPermissions = new Set(BUILTIN_ROLE_DEFINITIONS.agent.permissions);
const adminPermissions = new Set(BUILTIN_ROLE_DEFINITIONS.admin.permissions);
const only = (...permissions: Permission[]) => new Set(permissions);

const anna: MessageActor = { type: 'agent', id: 'anna', permissions: agentPermissions };
const boris: MessageActor = { type: 'agent', id: 'boris', permissions: agentPermissions };
const admin: MessageActor = { type: 'agent', id: 'maria', permissions: adminPermissions };
const annaWithoutDelete: MessageActor = { type: 'agent', id: 'anna', permissions: only('conversations.reply') };
const customer: MessageActor = { type: 'customer', id: 'ivan' };
const annasReply: MessageFacts = { kind: 'reply', authorType: 'agent', authorId: 'anna', deleted: false };
const ivansMessage: MessageFacts = { kind: 'customer', authorType: 'customer', authorId: 'ivan', deleted: false };
const systemEvent: MessageFacts = { kind: 'system', authorType: 'system', authorId: null, deleted: false };

describe('changing messages', () => {
  it.each([
    ['the author edits her reply', anna, annasReply, true],
    ['another agent cannot', boris, annasReply, false],
    ["an admin cannot edit someone else's words", admin, annasReply, false],
    ['a customer cannot edit, even their own', customer, ivansMessage, false],
    ['a deleted message cannot be edited', anna, { ...annasReply, deleted: true }, false],
    ['system events cannot be edited', anna, systemEvent, false],
  ])('edit: %s', (_, actor, message, allowed) => {
    expect(canEditMessage(actor, message)).toBe(allowed);
  });

  it.each([
    ['the author with messages.delete_own', anna, annasReply, true],
    ['the author without it', annaWithoutDelete, annasReply, false],
    ['another agent', boris, annasReply, false],
    ["an admin, someone else's", admin, annasReply, false],
    ['a customer', customer, ivansMessage, false],
    ['twice', anna, { ...annasReply, deleted: true }, false],
  ])('delete: %s', (_, actor, message, allowed) => {
    expect(canDeleteMessage(actor, message)).toBe(allowed);
  });

  it.each([
    ['an agent', anna, false],
    ['an admin', admin, true],
    ['a custom role holding only messages.history', { type: 'agent', id: 'x', permissions: only('messages.history') } as MessageActor, true],
    ['a customer', customer, false],
  ])('history is visible to %s: %s', (_, actor, allowed) => {
    expect(canViewMessageHistory(actor)).toBe(allowed);
  });

  it('only deleted messages are restored, only with messages.restore', () => {
    expect(canRestoreMessage(admin, { ...annasReply, deleted: true })).toBe(true);
    expect(canRestoreMessage(admin, annasReply)).toBe(false);
    expect(canRestoreMessage(anna, { ...annasReply, deleted: true })).toBe(false);
    expect(canRestoreMessage({ type: 'agent', id: 'x', permissions: only('messages.history') }, { ...annasReply, deleted: true })).toBe(false);
    expect(canRestoreMessage({ type: 'agent', id: 'x', permissions: only('messages.restore') }, { ...annasReply, deleted: true })).toBe(true);
  });
});
