// socket.io rooms, and which rooms a message is emitted to. Visibility itself is decided in
// @smartchat/core (canSeeMessageKind); this file maps it onto rooms.
import { canSeeMessageKind } from '@smartchat/core';
import type { Message, MessageKind } from '@smartchat/contracts';
import { toCustomerMessage } from '../store/conversations.js';

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

/** Whether a room is a `conversationCustomer` room: what is emitted there is in the customer's shape. */
export function isCustomerRoom(room: string): boolean {
  return room.endsWith(':customer') && room.startsWith('conv:');
}

/**
 * A message's rooms split by what each may see of it: the message itself for agents, its customer
 * shape (toCustomerMessage: no agent id) for customers. One group when both shapes are the same
 * (a customer's own message), so it is still encoded and emitted once. Groups are never empty: an
 * emit to no room at all would go to every socket.
 */
export function audiencesOf(targets: readonly string[], message: Message): { rooms: string[]; message: Message }[] {
  if (message.author.type !== 'agent') return targets.length > 0 ? [{ rooms: [...targets], message }] : [];
  const agents: string[] = [];
  const customers: string[] = [];
  for (const room of targets) (isCustomerRoom(room) ? customers : agents).push(room);
  const groups: { rooms: string[]; message: Message }[] = [];
  if (agents.length > 0) groups.push({ rooms: agents, message });
  if (customers.length > 0) groups.push({ rooms: customers, message: toCustomerMessage(message) });
  return groups;
}

export function roomsForMessage(message: { conversationId: string; kind: MessageKind; internal: boolean }): string[] {
  const targets = [rooms.conversationAgents(message.conversationId)];
  if (!message.internal && canSeeMessageKind({ type: 'customer' }, message.kind)) {
    targets.push(rooms.conversationCustomer(message.conversationId));
  }
  return targets;
}
