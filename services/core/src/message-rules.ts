// Who may change a message after it was sent: authors edit their own replies and notes, delete
// them with messages.delete_own; seeing deleted and edited originals needs messages.history, and
// restoring a deleted message needs messages.restore.
import type { Permission } from './access.js';
import type { Viewer } from './visibility.js';

export type MessageActor = { type: 'agent'; id: string; permissions: ReadonlySet<Permission> } | { type: 'customer'; id: string };

/** The actor these rules judge, for a viewer of the conversation. */
export function messageActorOf(viewer: Viewer): MessageActor {
  return viewer.type === 'agent' ? { type: 'agent', id: viewer.agentId, permissions: viewer.permissions } : { type: 'customer', id: viewer.customerId };
}

export interface MessageFacts {
  kind: 'customer' | 'reply' | 'note' | 'system' | 'notice';
  authorType: 'customer' | 'agent' | 'system';
  authorId: string | null;
  deleted: boolean;
}

function isOwnAgentMessage(actor: MessageActor, message: MessageFacts): boolean {
  return actor.type === 'agent' && message.authorType === 'agent' && message.authorId === actor.id && !message.deleted;
}

/** Agents edit their own replies and notes; customers' messages and system events are never edited. */
export function canEditMessage(actor: MessageActor, message: MessageFacts): boolean {
  return isOwnAgentMessage(actor, message);
}

export function canDeleteMessage(actor: MessageActor, message: MessageFacts): boolean {
  return isOwnAgentMessage(actor, message) && actor.type === 'agent' && actor.permissions.has('messages.delete_own');
}

export function canViewMessageHistory(actor: MessageActor): boolean {
  return actor.type === 'agent' && actor.permissions.has('messages.history');
}

export function canRestoreMessage(actor: MessageActor, message: MessageFacts): boolean {
  return actor.type === 'agent' && actor.permissions.has('messages.restore') && message.deleted;
}
