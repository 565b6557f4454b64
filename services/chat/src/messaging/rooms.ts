// socket.io rooms, and which rooms a message is emitted to. Visibility itself is decided in
// @smartchat/core (canSeeMessageKind); this file maps it onto rooms.
import { canSeeMessageKind } from '@smartchat/core';
import type { MessageKind } from '@smartchat/contracts';

export const rooms = {
  /** Agents who opened the conversation: every kind of message. */
  conversationAgents: (conversationId: string) => `conv:${conversationId}:agents`,
  /** The customer's sockets that opened the conversation: public messages only. */
  conversationCustomer: (conversationId: string) => `conv:${conversationId}:customer`,
  /** Every socket of one customer. */
  customer: (customerId: string) => `customer:${customerId}`,
  /** Every socket of one agent session (revocation disconnects them). */
  session: (sessionId: string) => `session:${sessionId}`,
  agent: (agentId: string) => `agent:${agentId}`,
};

/** The conversation id of a `conversationAgents` room, or null for any other room. */
export function conversationOfAgentRoom(room: string): string | null {
  const match = /^conv:(.+):agents$/.exec(room);
  return match ? match[1]! : null;
}

export function roomsForMessage(message: { conversationId: string; kind: MessageKind; internal: boolean }): string[] {
  const targets = [rooms.conversationAgents(message.conversationId)];
  if (!message.internal && canSeeMessageKind({ type: 'customer' }, message.kind)) {
    targets.push(rooms.conversationCustomer(message.conversationId));
  }
  return targets;
}
