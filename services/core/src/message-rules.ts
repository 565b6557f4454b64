// Who may change a message after it was sent. Until custom roles and permissions arrive (the
// access model), "history" (seeing deleted and edited originals, restoring) belongs to admins.

export interface MessageActor {
  type: 'agent' | 'customer';
  id: string;
  role?: string;
}

export interface MessageFacts {
  kind: 'customer' | 'reply' | 'note' | 'system';
  authorType: 'customer' | 'agent' | 'system';
  authorId: string | null;
  deleted: boolean;
}

const HISTORY_ROLES = new Set(['admin', 'super-admin']);

/** Agents edit and delete their own replies and notes; customers and system events cannot be changed. */
export function canChangeMessage(actor: MessageActor, message: MessageFacts): boolean {
  return actor.type === 'agent' && message.authorType === 'agent' && message.authorId === actor.id && !message.deleted;
}

export function canViewMessageHistory(actor: MessageActor): boolean {
  return actor.type === 'agent' && HISTORY_ROLES.has(actor.role ?? '');
}

export function canRestoreMessage(actor: MessageActor, message: MessageFacts): boolean {
  return canViewMessageHistory(actor) && message.deleted;
}
