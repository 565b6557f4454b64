// How the thread treats each kind of message: who wrote it (a person, shown with their name, or
// Smartchat itself) and what the signed-in agent may do with it. Who edits and deletes is the core
// rule (canEditMessage, canDeleteMessage); only replies and notes are ever changed in place, so a
// customer's message, a system event or a notice (Smartchat's words to the customer, such as a
// trip change from the back-office) never offers edit or delete.
import type { Message, MessageKind } from '@smartchat/contracts';
import { canDeleteMessage, canEditMessage, isPermission, type MessageActor } from '@smartchat/core';

/** A person's words (the customer's, an agent's): shown with the author's name. */
export function isWrittenByPerson(kind: MessageKind): boolean {
  return kind === 'customer' || kind === 'reply' || kind === 'note';
}

/** Written by Smartchat for everyone who sees the conversation, the customer too: shown as a card of its own. */
export function isNotice(kind: MessageKind): boolean {
  return kind === 'notice';
}

export interface MessageChanges {
  edit: boolean;
  delete: boolean;
}

const NONE: MessageChanges = { edit: false, delete: false };

/** What `agent` may change about `message`; nothing when no agent is signed in. */
export function messageChanges(message: Pick<Message, 'kind' | 'author' | 'deleted'>, agent: { id: string; permissions: ReadonlySet<string> } | null): MessageChanges {
  if (!agent || (message.kind !== 'reply' && message.kind !== 'note')) return NONE;
  const actor: MessageActor = { type: 'agent', id: agent.id, permissions: new Set([...agent.permissions].filter(isPermission)) };
  const facts = { kind: message.kind, authorType: message.author.type, authorId: message.author.id, deleted: message.deleted };
  return { edit: canEditMessage(actor, facts), delete: canDeleteMessage(actor, facts) };
}
