// The socket.io gateway: authenticates each connection, puts it in its rooms, and answers the
// client events of the contract. Every handler validates its input and acks with a result or a
// catalogue error; a malformed event never throws past here. Every event draws on the socket's
// budgets first (socket-budget.ts), and replays come in pieces (replay.ts).
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
  type ClientEventResult,
  type ClientRequestEvent,
} from '@smartchat/contracts';
import { canSeeConversation, canSeeMessageKind, type Viewer } from '@smartchat/core';
import { actorOf, coalesceWrites, conversationEvent, writeOutbox, type Logger, type PgPool, type Redis } from '@smartchat/platform';
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
import { AGENTS_ROOM, PresenceTracker, type PresenceOptions } from './presence.js';
import { toCustomerConversation, toCustomerMessage, type ConversationStore } from '../store/conversations.js';
import type { MessageStore } from '../store/messages.js';
import type { AccessSockets } from '../access/access-changes.js';
import type { AccessStore } from '../access/access-store.js';
import { parseInput } from '../validation.js';
import { isRefusal, type RefusalContext, type Refusals } from '../access/refusals.js';
import { messageAuditTarget } from '../messaging/changes.js';
import { readMissed, ReplayBudget, replayStart, type ReplayLimits, type Rewind } from './replay.js';
import { budgetOfEvent, SocketBudget, type BudgetVerdict, type SocketLimits } from './socket-budget.js';

interface SocketData {
  identity: Identity;
  /** When the handshake's token expires (epoch ms): the socket ends then. */
  expiresAt?: number;
  /** Set with a `resync` after a lost subscription: catch-ups read from before the gap (replay.ts). */
  rewind?: Rewind;
}

export type ChatSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

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
  refusals: Refusals;
  /** Where a read position's domain event is written (the event outbox). */
  pg: PgPool;
  presence: PresenceOptions;
  limits: { socket: SocketLimits; replay: ReplayLimits };
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

  const budget = new SocketBudget(options.limits.socket);
  // Whether the socket may run a handler of `event` now; a refusal is counted (a flood shows in
  // metrics, not in one log line per event).
  const admit = (event: keyof ClientToServerEvents): BudgetVerdict => {
    const verdict = budget.start(budgetOfEvent[event]);
    if (!verdict.ok) options.metrics.socketEventsRefused.inc({ event, reason: verdict.reason });
    return verdict;
  };

  // Wraps a handler so that it always answers through the ack (when there is one) and never throws:
  // a handler that throws before it returns a promise (validation written inline) is answered like
  // one that rejects. A throw escaping a socket.io listener would end the whole process. Every
  // event passes the socket's budget here first, before its input is even read.
  // Typed by the contract: each handler must resolve with what its event's ack promises.
  const handle = <E extends ClientRequestEvent>(event: E, run: (input: unknown) => Promise<ClientEventResult<E>>) => (...args: unknown[]) => {
    // The ack is the last argument: an event sent with an ack and no input is answered too.
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (result: Ack<ClientEventResult<E>>) => void) : undefined;
    const input = args[0];
    const reply = ack ?? (() => undefined);
    const verdict = admit(event);
    if (!verdict.ok) {
      const message = verdict.reason === 'rate' ? `Too many ${event} events on this connection; wait details.retryAfterMs` : 'Too many requests in progress on this connection; wait for their answers';
      reply({ ok: false, error: new SmartchatError('SC_ERR_RATE_LIMITED', message, { retryAfterMs: verdict.retryAfterMs }).toBody() });
      return;
    }
    new Promise<ClientEventResult<E>>((resolve) => resolve(run(input)))
      .then(
        (data) => reply({ ok: true, data }),
        async (error: unknown) => {
          if (error instanceof SmartchatError) {
            // Every refused event, in the one place every event passes through (as REST's error handler).
            if (isRefusal(error)) await options.refusals.record(identity, error, socketRefusalContext(event, input), socket.handshake.address);
            return reply({ ok: false, error: error.toBody() });
          }
          log.error({ err: error, event }, 'socket handler failed');
          reply({ ok: false, error: { code: 'SC_ERR_INTERNAL', message: 'Internal error' } });
        },
      )
      .finally(() => budget.finish());
  };

  const visibleConversation = async (conversationId: string) => {
    const visible = await options.access.visibleConversation(identity, conversationId);
    if (!visible) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    return visible.facts;
  };
  // A message as this socket may see it: none of a kind it may not see, a customer's shape for a customer.
  const present = (message: Message): Message | null => {
    if (!canSeeMessageKind(identity, message.kind)) return null;
    return identity.type === 'customer' ? toCustomerMessage(message) : message;
  };
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
      const shown = identity.type === 'agent' ? conversation : toCustomerConversation(conversation);
      if (!lastSeenId) return { conversation: shown, missed: [] };
      const after = replayStart(socket.data.rewind, conversationId, lastSeenId);
      const { messages, next } = await readMissed(options.messages, { id: conversationId, since: facts.createdAt }, after, new ReplayBudget(options.limits.replay), present);
      // The rest comes with `resume {lastSeen: more}`, which does not count as viewing again.
      return { conversation: shown, missed: messages, ...(next ? { more: { [conversationId]: next } } : {}) };
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
      const more: Record<string, string> = {};
      const replay = new ReplayBudget(options.limits.replay);
      for (const [conversationId, lastSeenId] of Object.entries(lastSeen)) {
        // Past the call's budget a conversation is not looked at (nor joined): it comes back in
        // `more` as it was sent, for the next call.
        if (!replay.open) {
          more[conversationId] = lastSeenId;
          continue;
        }
        const visible = await options.access.visibleConversation(identity, conversationId);
        if (!visible) {
          replay.conversationsLeft -= 1;
          continue;
        }
        await socket.join(conversationRoom(conversationId));
        const after = replayStart(socket.data.rewind, conversationId, lastSeenId);
        const { messages, next } = await readMissed(options.messages, { id: conversationId, since: visible.facts.createdAt }, after, replay, present);
        missed[conversationId] = messages;
        if (next) more[conversationId] = next;
      }
      return Object.keys(more).length > 0 ? { missed, more } : { missed };
    }),
  );

  socket.on('typing', (input: unknown) => {
    // No ack to answer with: over the budget, typing is dropped (it is refreshed every few seconds).
    if (!admit('typing').ok) return;
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
    })()
      .catch((error: unknown) => log.warn({ err: error }, 'typing event failed'))
      .finally(() => budget.finish());
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
      // Statistics read it from the log like every other change (time to read a reply).
      await writeOutbox(options.pg, [conversationEvent('message.read', conversationId, actorOf(identity), { messageId })]);
      const event = { conversationId, who, messageId, readAt: new Date().toISOString() };
      socket.to(rooms.conversationAgents(conversationId)).emit('read', event);
      // The customer hears of a position on a message they may see only (one on a note would name it).
      if (!facts.internal && canSeeMessageKind({ type: 'customer' }, message.kind)) {
        socket.to(rooms.conversationCustomer(conversationId)).emit('read', { ...event, who: { type: who.type, id: who.type === 'agent' ? '' : who.id } });
      }
      return null;
    }),
  );
}

/** How a refused socket event is named in the audit log: as the REST route doing the same. */
const SOCKET_AUDIT_ACTIONS: Partial<Record<keyof ClientToServerEvents, string>> = {
  'message:send': 'message.send',
  'message:edit': 'message.edit',
  'message:delete': 'message.delete',
  'message:restore': 'message.restore',
};

function socketRefusalContext(event: keyof ClientToServerEvents, input: unknown): RefusalContext {
  const fields = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const conversationId = typeof fields.conversationId === 'string' ? fields.conversationId : undefined;
  const messageId = typeof fields.messageId === 'string' ? fields.messageId : undefined;
  const target = conversationId && messageId ? messageAuditTarget({ conversationId, messageId }) : conversationId ? `conversation:${conversationId}` : null;
  return { action: SOCKET_AUDIT_ACTIONS[event] ?? `socket ${event}`, target };
}
