// Who may see a conversation and which of its messages: the one place that decides. Every read
// path (REST, socket rooms, history, resume, attachments, the inbox lists) asks these functions.
import type { AgentAccess } from './access.js';

export type Viewer = ({ type: 'agent' } & AgentAccess) | { type: 'customer'; customerId: string };

/** What visibility depends on; everything but customer and internal can change over time. */
export interface ConversationAccessFacts {
  customerId: string | null;
  internal: boolean;
  teamId: string | null;
  assigneeId: string | null;
  /** Agents added to the conversation or mentioned in it. */
  participantIds: readonly string[];
}

/**
 * A customer sees their own conversations that are not internal. An agent sees a conversation when
 * their scope covers it, or they are its assignee, or they were added to it or mentioned in it.
 * Scopes: all; teams — its team is one of theirs, or it is a customer conversation not yet routed
 * to any team (the common queue); assigned — only through assignment, mention or participation.
 */
export function canSeeConversation(viewer: Viewer, conversation: ConversationAccessFacts): boolean {
  if (viewer.type === 'customer') return !conversation.internal && conversation.customerId === viewer.customerId;
  if (conversation.assigneeId === viewer.agentId || conversation.participantIds.includes(viewer.agentId)) return true;
  switch (viewer.scope) {
    case 'all':
      return true;
    case 'teams':
      return conversation.teamId === null ? !conversation.internal : viewer.teamIds.has(conversation.teamId);
    case 'assigned':
      return false;
  }
}

export type MessageKindName = 'customer' | 'reply' | 'note' | 'system' | 'notice';

/** The kinds a customer sees: their own messages, agents' replies and Smartchat's notices to them. */
export const CUSTOMER_VISIBLE_KINDS: readonly MessageKindName[] = ['customer', 'reply', 'notice'];

/** Customers see their own and agents' public messages and notices; notes and system events are for agents. */
export function canSeeMessageKind(viewer: Pick<Viewer, 'type'>, kind: MessageKindName): boolean {
  return viewer.type === 'agent' || CUSTOMER_VISIBLE_KINDS.includes(kind);
}

/**
 * The kind a message gets when `viewer` sends it with `requested` (undefined = default), or null
 * when that kind is not allowed: customers always write kind customer; agents reply (with
 * conversations.reply) or write notes (with conversations.note), and in an internal conversation,
 * where there is no customer to answer, only notes.
 */
export function resolveSendKind(viewer: Viewer, conversation: Pick<ConversationAccessFacts, 'internal'>, requested: 'reply' | 'note' | undefined): MessageKindName | null {
  if (viewer.type === 'customer') return requested === undefined ? 'customer' : null;
  const kind = conversation.internal ? (requested === 'reply' ? null : 'note') : (requested ?? 'reply');
  if (kind === 'reply' && !viewer.permissions.has('conversations.reply')) return null;
  if (kind === 'note' && !viewer.permissions.has('conversations.note')) return null;
  return kind;
}
