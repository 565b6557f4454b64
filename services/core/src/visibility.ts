// Who may see a conversation and which of its messages: the one place that decides. Every read
// path (REST, socket rooms, history, resume) asks these functions.
//
// Today every signed-in agent sees every conversation; scopes (all | teams | assigned), mentions
// and participants narrow this in the access model (issue 4) — here, so that no caller changes.

export type Viewer = { type: 'agent'; agentId: string } | { type: 'customer'; customerId: string };

export interface ConversationAccessFacts {
  customerId: string | null;
  internal: boolean;
}

export type MessageKindName = 'customer' | 'reply' | 'note' | 'system';

export function canSeeConversation(viewer: Viewer, conversation: ConversationAccessFacts): boolean {
  if (viewer.type === 'customer') return !conversation.internal && conversation.customerId === viewer.customerId;
  return true;
}

/** Customers see their own and agents' public messages; notes and system events are for agents. */
export function canSeeMessageKind(viewer: Viewer, kind: MessageKindName): boolean {
  return viewer.type === 'agent' || kind === 'customer' || kind === 'reply';
}

/**
 * The kind a message gets when `viewer` sends it with `requested` (undefined = default), or null
 * when that kind is not allowed: customers always write kind customer; agents reply or write
 * notes, and in an internal conversation, where there is no customer to answer, only notes.
 */
export function resolveSendKind(viewer: Viewer, conversation: ConversationAccessFacts, requested: 'reply' | 'note' | undefined): MessageKindName | null {
  if (viewer.type === 'customer') return requested === undefined ? 'customer' : null;
  if (conversation.internal) return requested === 'reply' ? null : 'note';
  return requested ?? 'reply';
}
