// The socket.io gateway: authenticates each connection, puts it in its rooms, and answers the
// client events of the contract. Every handler validates its input and acks with a result or a
// catalogue error; a malformed event never throws past here.
import {
  changeMessageInput,
  editMessageInput,
  joinConversationInput,
  readInput,
  resumeInput,
  SmartchatError,
  typingInput,
  type Ack,
  type ClientToServerEvents,
  type Identity,
  type Message,
  type ServerToClientEvents,
} from '@smartchat/contracts';
import { canSeeConversation, canSeeMessageKind, type Viewer } from '@smartchat/core';
import { coalesceWrites, type Logger, type Redis } from '@smartchat/platform';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server as HttpServer } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { decodeJwt } from 'jose';
import type { Authenticator } from '../auth/identity.js';
import type { MessageAcceptor } from '../messaging/accept.js';
import type { MessageChanges } from '../messaging/changes.js';
import type { MessagingMetrics } from '../messaging/metrics.js';
import { conversationOfAgentRoom, rooms } from '../messaging/rooms.js';
import type { ConversationFacts } from '../store/conversation-facts.js';
import { AGENTS_ROOM, PresenceTracker } from './presence.js';
import { toCustomerConversation, type ConversationStore } from '../store/conversations.js';
import type { MessageStore } from '../store/messages.js';
import type { AccessSockets } from '../access/access-changes.js';
import type { AccessStore } from '../access/access-store.js';
import { parseInput } from '../validation.js';

interface SocketData {
  identity: Identity;
  /** When the handshake's token expires (epoch ms): the socket ends then. */
  expiresAt?: number;
}

export type ChatSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketServerOptions {
  httpServer: HttpServer;
  redisPub: Redis;
  redisSub: Redis;
  authenticator: Authenticator;
  access: AccessStore;
  acceptor: MessageAcceptor;
  changes: MessageChanges;
  conversations: ConversationStore;
  facts: ConversationFacts;
  messages: MessageStore;
  metrics: MessagingMetrics;
  logger: Logger;
  presence: { graceMs: number; cameOnline: (agentId: string) => Promise<void> };
}

export function createSocketServer(options: SocketServerOptions): { io: ChatSocketServer; presence: PresenceTracker; accessSockets: AccessSockets } {
  const io: ChatSocketServer = new Server(options.httpServer, {
    path: '/socket.io',
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    cors: { origin: true, credentials: false },
    adapter: createAdapter(options.redisPub, options.redisSub, { key: 'smartchat-io' }),
  });
  // A websocket's frames of one turn of the loop leave in one write: an agent's socket receives
  // the messages of many conversations, and a delivery batch emits them all in one turn.
  options.httpServer.on('upgrade', (_request, socket) => coalesceWrites(socket as NetSocket));

  io.use(async (socket, next) => {
    try {
      const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
      socket.data.identity = await options.authenticator.authenticate(token);
      // Verified above; its exp is required (agent tokens end with their session).
      const { exp } = decodeJwt(token!);
      if (typeof exp === 'number') socket.data.expiresAt = exp * 1000;
      next();
    } catch (error) {
      const body = error instanceof SmartchatError ? error.toBody() : { code: 'SC_ERR_INTERNAL', message: 'Internal error' };
      next(Object.assign(new Error(body.message), { data: body }));
    }
  });

  const presence = new PresenceTracker(options.redisPub, () => io, options.logger, options.presence);
  io.on('connection', (socket) => {
    const { identity } = socket.data;
    options.metrics.sockets.inc({ type: identity.type });
    socket.on('disconnect', () => {
      options.metrics.sockets.dec({ type: identity.type });
      if (identity.type === 'agent') void presence.disconnected(socket.id).catch((error: unknown) => options.logger.warn({ err: error }, 'presence update failed'));
    });
    if (identity.type === 'agent') {
      void socket.join([rooms.session(identity.sessionId), rooms.agent(identity.agentId), AGENTS_ROOM]);
      void presence.connected(socket.id, identity.agentId, identity.name).catch((error: unknown) => options.logger.warn({ err: error }, 'presence update failed'));
    } else {
      void socket.join(rooms.customer(identity.customerId));
    }
    endAtExpiry(socket);
    registerHandlers(socket, options, presence);
  });
  return { io, presence, accessSockets: accessSocketsOf(io, options, presence) };
}

/** Longest delay setTimeout takes (about 24.8 days); a longer wait is done in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A token is checked at the handshake only, so a socket would outlive it: when the token expires the
 * socket gets `session:expired` and is disconnected. The client reconnects with a fresh token (the
 * widget's host page signs one; an agent logs in again).
 */
function endAtExpiry(socket: ChatSocket): void {
  const { expiresAt } = socket.data;
  if (expiresAt === undefined) return;
  let timer: NodeJS.Timeout;
  const wait = () => {
    const left = expiresAt - Date.now();
    if (left > 0) {
      timer = setTimeout(wait, Math.min(left, MAX_TIMER_MS));
      return;
    }
    socket.emit('session:expired');
    socket.disconnect(true);
  };
  wait();
  socket.on('disconnect', () => clearTimeout(timer));
}

/** How this process's own sockets follow access changes (see access/access-changes.ts). */
function accessSocketsOf(io: ChatSocketServer, options: SocketServerOptions, presence: PresenceTracker): AccessSockets {
  const localSockets = (room: string): ChatSocket[] => {
    const namespace = io.of('/');
    return [...(namespace.adapter.rooms.get(room) ?? [])].flatMap((id) => {
      const socket = namespace.sockets.get(id);
      return socket ? [socket] : [];
    });
  };
  // Leaves every conversation room the socket may no longer see; an agent who lost the account
  // altogether is disconnected.
  const recheck = async (socket: ChatSocket) => {
    const { identity } = socket.data;
    if (identity.type !== 'agent') return;
    let viewer: Viewer;
    try {
      viewer = await options.access.viewerOf(identity);
    } catch (error) {
      if (!(error instanceof SmartchatError)) throw error;
      socket.emit('session:revoked');
      socket.disconnect(true);
      return;
    }
    for (const room of [...socket.rooms]) {
      const conversationId = conversationOfAgentRoom(room);
      if (!conversationId) continue;
      const facts = await options.facts.get(conversationId);
      if (facts && canSeeConversation(viewer, facts)) continue;
      await socket.leave(room);
      await presence.stopViewing(socket.id, conversationId);
      socket.emit('access:revoked', { conversationId });
    }
  };
  // Whoever has the conversation open here sees its new state (status, assignee, team, priority):
  // agents who still may see it (after the re-check above) and its customer, in the customer's
  // shape. Read once per process, and only when one of its sockets has it open.
  const showConversation = async (conversationId: string) => {
    const agentRoom = rooms.conversationAgents(conversationId);
    const customerRoom = rooms.conversationCustomer(conversationId);
    const { rooms: local } = io.of('/').adapter;
    const toAgents = (local.get(agentRoom)?.size ?? 0) > 0;
    const toCustomer = (local.get(customerRoom)?.size ?? 0) > 0;
    if (!toAgents && !toCustomer) return;
    const conversation = await options.conversations.get(conversationId);
    if (!conversation) return;
    if (toAgents) io.local.to(agentRoom).emit('conversation:updated', conversation);
    if (toCustomer && !conversation.internal) io.local.to(customerRoom).emit('conversation:updated', toCustomerConversation(conversation));
  };
  return {
    async agentChanged(agentId, reason) {
      for (const socket of localSockets(rooms.agent(agentId))) {
        await recheck(socket);
        if (socket.connected) socket.emit('access:changed', { reason });
      }
    },
    async allAgentsChanged(reason) {
      for (const socket of localSockets(AGENTS_ROOM)) {
        await recheck(socket);
        if (socket.connected) socket.emit('access:changed', { reason });
      }
    },
    async conversationChanged(conversationId) {
      for (const socket of localSockets(rooms.conversationAgents(conversationId))) await recheck(socket);
      await showConversation(conversationId);
    },
    granted(agentId, conversationId, mention) {
      for (const socket of localSockets(rooms.agent(agentId))) {
        socket.emit('access:granted', { conversationId });
        if (mention) socket.emit('mention', { conversationId, ...mention });
      }
    },
  };
}

function registerHandlers(socket: ChatSocket, options: SocketServerOptions, presence: PresenceTracker): void {
  const { identity } = socket.data;
  // Visibility is asked on every event (access.visibleConversation), never kept on the socket: a
  // change of role, team or assignment applies at once.
  const log = options.logger.child({ socketId: socket.id, identity: identity.type === 'agent' ? `agent:${identity.agentId}` : `customer:${identity.customerId}` });

  // Wraps a handler so that it always answers through the ack (when there is one) and never throws:
  // a handler that throws before it returns a promise (validation written inline) is answered like
  // one that rejects. A throw escaping a socket.io listener would end the whole process.
  const handle = <T>(event: string, run: (input: unknown) => Promise<T>) => (...args: unknown[]) => {
    // The ack is the last argument: an event sent with an ack and no input is answered too.
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (result: Ack<T>) => void) : undefined;
    const input = args[0];
    const reply = ack ?? (() => undefined);
    new Promise<T>((resolve) => resolve(run(input))).then(
      (data) => reply({ ok: true, data }),
      (error: unknown) => {
        if (error instanceof SmartchatError) return reply({ ok: false, error: error.toBody() });
        log.error({ err: error, event }, 'socket handler failed');
        reply({ ok: false, error: { code: 'SC_ERR_INTERNAL', message: 'Internal error' } });
      },
    );
  };

  const visibleConversation = async (conversationId: string) => {
    const visible = await options.access.visibleConversation(identity, conversationId);
    if (!visible) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    return visible.facts;
  };
  const visibleMessages = (messages: Message[]) => messages.filter((message) => canSeeMessageKind(identity, message.kind));
  const conversationRoom = (conversationId: string) =>
    identity.type === 'agent' ? rooms.conversationAgents(conversationId) : rooms.conversationCustomer(conversationId);

  socket.on('message:send', handle('message:send', (input) => options.acceptor.send(identity, input)));
  socket.on('message:edit', handle('message:edit', (input) => options.changes.edit(identity, parseInput(editMessageInput, input))));
  socket.on('message:delete', handle('message:delete', (input) => options.changes.delete(identity, parseInput(changeMessageInput, input), socket.handshake.address)));
  socket.on('message:restore', handle('message:restore', (input) => options.changes.restore(identity, parseInput(changeMessageInput, input), socket.handshake.address)));

  socket.on(
    'conversation:join',
    handle('conversation:join', async (input) => {
      const { conversationId, lastSeenId } = parseInput(joinConversationInput, input);
      const facts = await visibleConversation(conversationId);
      // Join first, then read what was missed: a message delivered in between arrives both ways,
      // and clients render by id, so nothing falls in the gap.
      await socket.join(conversationRoom(conversationId));
      if (identity.type === 'agent') await presence.startViewing(socket.id, conversationId);
      const conversation = await options.conversations.require(conversationId);
      const missed = lastSeenId ? visibleMessages(await options.messages.after(conversationId, lastSeenId, facts.createdAt)) : [];
      return { conversation: identity.type === 'agent' ? conversation : toCustomerConversation(conversation), missed };
    }),
  );

  socket.on(
    'conversation:leave',
    handle('conversation:leave', async (input) => {
      const { conversationId } = parseInput(joinConversationInput.pick({ conversationId: true }), input);
      await socket.leave(conversationRoom(conversationId));
      if (identity.type === 'agent') await presence.stopViewing(socket.id, conversationId);
      return null;
    }),
  );

  socket.on(
    'resume',
    handle('resume', async (input) => {
      const { lastSeen } = parseInput(resumeInput, input);
      const missed: Record<string, Message[]> = {};
      for (const [conversationId, lastSeenId] of Object.entries(lastSeen)) {
        const visible = await options.access.visibleConversation(identity, conversationId);
        if (!visible) continue;
        await socket.join(conversationRoom(conversationId));
        missed[conversationId] = visibleMessages(await options.messages.after(conversationId, lastSeenId, visible.facts.createdAt));
      }
      return { missed };
    }),
  );

  socket.on('typing', (input: unknown) => {
    void (async () => {
      const parsed = typingInput.safeParse(input);
      if (!parsed.success) return;
      const { conversationId, kind, typing } = parsed.data;
      const visible = await options.access.visibleConversation(identity, conversationId);
      if (!visible) return;
      const { facts } = visible;
      if (!socket.rooms.has(conversationRoom(conversationId))) return;
      const who = identity.type === 'agent' ? { type: 'agent' as const, id: identity.agentId, name: identity.name } : { type: 'customer' as const, id: identity.customerId, name: identity.name };
      const event = { conversationId, who, kind: identity.type === 'customer' ? ('reply' as const) : kind, typing };
      // A note being typed is for agents only; a reply being typed is shown to the customer too,
      // without the agent's id.
      socket.to(rooms.conversationAgents(conversationId)).emit('typing', event);
      if (identity.type === 'agent') await presence.typing(socket.id, conversationId, typing ? kind : null);
      if (event.kind === 'reply' && !facts.internal) {
        socket.to(rooms.conversationCustomer(conversationId)).emit('typing', { ...event, who: { ...who, id: who.type === 'agent' ? '' : who.id } });
      }
    })().catch((error: unknown) => log.warn({ err: error }, 'typing event failed'));
  });

  socket.on(
    'read',
    handle('read', async (input) => {
      const { conversationId, messageId } = parseInput(readInput, input);
      const facts = await visibleConversation(conversationId);
      // A read position is shown to the other side ("read" under a reply): it must be a message
      // of this conversation the reader may see, not any id (one from the future would mark the
      // next replies read before they exist). A note is "not found" for a customer, as elsewhere.
      const message = await options.messages.get(conversationId, messageId);
      if (!message || !canSeeMessageKind(identity, message.kind)) throw new SmartchatError('SC_ERR_MESSAGE_NOT_FOUND');
      const who = identity.type === 'agent' ? { type: 'agent' as const, id: identity.agentId } : { type: 'customer' as const, id: identity.customerId };
      await options.messages.markRead(conversationId, `${who.type}:${who.id}`, messageId);
      const event = { conversationId, who, messageId, readAt: new Date().toISOString() };
      socket.to(rooms.conversationAgents(conversationId)).emit('read', event);
      if (!facts.internal) {
        socket.to(rooms.conversationCustomer(conversationId)).emit('read', { ...event, who: { type: who.type, id: who.type === 'agent' ? '' : who.id } });
      }
      return null;
    }),
  );
}
