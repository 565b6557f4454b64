// Edits, deletions and restorations of messages already sent: who may (core/message-rules), the
// write with its history (MessageStore.change), and the `message:updated` emitted to the rooms that
// may see the message. A deleted message goes out with an empty body: its text stays in history.
// The inbox preview follows a change of the message it shows; each change is a domain event
// (message.edited|deleted|restored, through the outbox).
import { SmartchatError, type Identity, type Message, type MessageHistoryEntry } from '@smartchat/contracts';
import { canDeleteMessage, canEditMessage, canRestoreMessage, canSeeMessageKind, canViewMessageHistory, messageActorOf, type MessageActor, type MessageFacts, type Viewer } from '@smartchat/core';
import { actorOf, conversationEvent, writeOutbox, type PgPool } from '@smartchat/platform';
import type { Server } from 'socket.io';
import type { ConversationStore } from '../store/conversations.js';
import type { MessageStore } from '../store/messages.js';
import type { AccessStore } from '../access/access-store.js';
import { auditActor, type AuditLog } from '../access/audit-log.js';
import { isPublicKind, messagePreview } from './preview.js';
import { audiencesOf, roomsForMessage } from './rooms.js';

export class MessageChanges {
  constructor(private readonly options: { messages: MessageStore; conversations: ConversationStore; access: AccessStore; audit: AuditLog; pg: PgPool; io: () => Server }) {}

  edit(identity: Identity, input: { conversationId: string; messageId: string; body: string }): Promise<Message> {
    return this.change(identity, input, canEditMessage, { action: 'edit', body: input.body });
  }

  /** Audited, with the caller's address. */
  delete(identity: Identity, input: { conversationId: string; messageId: string }, ip?: string): Promise<Message> {
    return this.audited(identity, input, 'message.delete', ip, () => this.change(identity, input, canDeleteMessage, { action: 'delete' }));
  }

  /** Audited, with the caller's address. */
  restore(identity: Identity, input: { conversationId: string; messageId: string }, ip?: string): Promise<Message> {
    return this.audited(identity, input, 'message.restore', ip, () => this.change(identity, input, canRestoreMessage, { action: 'restore' }));
  }

  private async audited(identity: Identity, input: { conversationId: string; messageId: string }, action: string, ip: string | undefined, run: () => Promise<Message>): Promise<Message> {
    // Refusals are audited where every refusal is (access/refusals.ts), under the same action.
    const message = await run();
    await this.options.audit.record({ actor: auditActor(identity), action, target: messageAuditTarget(input), ip: ip ?? null });
    return message;
  }

  async history(identity: Identity, input: { conversationId: string; messageId: string }): Promise<{ message: Message; history: MessageHistoryEntry[] }> {
    const { viewer } = await this.load(identity, input); // visibility first: an invisible message is "not found"
    if (!canViewMessageHistory(messageActorOf(viewer))) throw new SmartchatError('SC_ERR_FORBIDDEN', 'Seeing message history needs the history permission');
    const original = (await this.options.messages.get(input.conversationId, input.messageId, true))!;
    return { message: original, history: await this.options.messages.history(input.conversationId, input.messageId) };
  }

  private async change(
    identity: Identity,
    input: { conversationId: string; messageId: string },
    allowed: (actor: MessageActor, message: MessageFacts) => boolean,
    change: Parameters<MessageStore['change']>[1],
  ): Promise<Message> {
    const { message, internal, viewer } = await this.load(identity, input);
    const actor = messageActorOf(viewer);
    if (!allowed(actor, factsOf(message))) throw new SmartchatError('SC_ERR_FORBIDDEN', `You cannot ${change.action} this message`);
    const original = (await this.options.messages.get(input.conversationId, input.messageId, true))!;
    await this.options.messages.change({ ...original, originalBody: original.body }, change, actor.id);
    const updated = (await this.options.messages.get(input.conversationId, input.messageId))!;
    // After the change is stored: a retry of a request that failed here changes it again and writes the event then.
    await writeOutbox(this.options.pg, [conversationEvent(CHANGE_EVENTS[change.action], updated.conversationId, actorOf(identity), { messageId: updated.id, kind: updated.kind })]);
    if (isPublicKind(updated.kind)) await this.options.conversations.refreshPreview(updated.conversationId, updated.id, messagePreview(updated));
    const io = this.options.io();
    for (const audience of audiencesOf(roomsForMessage({ conversationId: updated.conversationId, kind: updated.kind, internal }), updated)) io.to(audience.rooms).emit('message:updated', audience.message);
    return updated;
  }

  /** The message, if the caller may see it; otherwise "not found", as for a missing one. */
  private async load(identity: Identity, input: { conversationId: string; messageId: string }): Promise<{ message: Message; internal: boolean; viewer: Viewer }> {
    const visible = await this.options.access.visibleConversation(identity, input.conversationId);
    if (!visible) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    const { viewer, facts } = visible;
    const message = await this.options.messages.get(input.conversationId, input.messageId);
    if (!message || !canSeeMessageKind(viewer, message.kind)) throw new SmartchatError('SC_ERR_MESSAGE_NOT_FOUND');
    return { message, internal: facts.internal, viewer };
  }
}

const CHANGE_EVENTS = { edit: 'message.edited', delete: 'message.deleted', restore: 'message.restored' } as const;

function factsOf(message: Message): MessageFacts {
  return { kind: message.kind, authorType: message.author.type, authorId: message.author.id, deleted: message.deleted };
}

/** How the audit log names a message: `message:<conversation>/<message>`. */
export function messageAuditTarget(input: { conversationId: string; messageId: string }): string {
  return `message:${input.conversationId}/${input.messageId}`;
}
