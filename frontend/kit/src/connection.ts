// One socket.io connection with a state people can see: connecting, live, reconnecting (the socket
// is trying again), resyncing (connected, catching up on what was missed) and offline (the browser
// says there is no network). Every request is an ack with a timeout that turns into ApiError, so a
// lost connection is a retriable error, never a silent drop. On every (re)connect the app's resync
// runs first (join rooms, `resume` with last-seen ids); only then is the state live. The server's
// `resync` event runs it too.
import type { Ack, ClientEventInput, ClientEventResult, ClientRequestEvent, ClientToServerEvents, ErrorBody, ServerToClientEvents } from '@smartchat/contracts';
import { createSignal, type Accessor } from 'solid-js';
import { io, type Socket } from 'socket.io-client';
import { ApiError } from './api.js';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'resyncing' | 'offline';
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectionOptions {
  url: string;
  token: string;
  /** Runs after each connect, before the state turns live: rejoin rooms, replay what was missed. */
  resync: (connection: Connection) => Promise<void>;
  /** Runs once the state is live after a (re)connect: flush the outbox. */
  onLive?: () => void;
  /** The server refused the token (expired, revoked). */
  onAuthFailed?: (error: ErrorBody) => void;
}

export interface Connection {
  socket: ChatSocket;
  state: Accessor<ConnectionState>;
  /** An event with an ack, typed by the contract: resolves with the ack's data, rejects with ApiError. */
  request<E extends ClientRequestEvent>(event: E, input: ClientEventInput<E>, timeoutMs?: number): Promise<ClientEventResult<E>>;
  close(): void;
}

const REQUEST_TIMEOUT_MS = 10_000;
/** A failed catch-up is tried again after 0.5 s, 1 s, 2 s, 4 s (at most 5 tries). */
const RESYNC_ATTEMPTS = 5;
const RESYNC_RETRY_MS = 500;
const RESYNC_RETRY_MAX_MS = 4_000;

export function createConnection(options: ConnectionOptions): Connection {
  const [state, setState] = createSignal<ConnectionState>('connecting');
  const socket: ChatSocket = io(options.url, {
    auth: { token: options.token },
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  let generation = 0;
  const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

  const connection: Connection = {
    socket,
    state,
    request<E extends ClientRequestEvent>(event: E, input: ClientEventInput<E>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ClientEventResult<E>> {
      if (!socket.connected) return Promise.reject(new ApiError(0, undefined, 'Not connected'));
      // The typed emitter cannot take an event chosen by a type parameter; the signature above
      // carries the contract's types instead.
      const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(name: string, payload: unknown): Promise<Ack<ClientEventResult<E>>> };
      return timed.emitWithAck(event, input).then(
        (result) => {
          if (result.ok) return result.data;
          throw new ApiError(statusOf(result.error.code), result.error, result.error.message);
        },
        () => {
          throw new ApiError(0, undefined, 'No answer from the server');
        },
      );
    },
    close() {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      socket.disconnect();
    },
  };

  // A catch-up that failed (the server answered "unavailable" while its own stores came back) is
  // tried again: given up on, it would leave the view without what was missed until the next
  // reconnect. After RESYNC_ATTEMPTS the state turns live anyway, so the outbox is not held back.
  const catchUp = () => {
    const mine = ++generation;
    setState('resyncing');
    const attempt = (index: number): void => {
      options
        .resync(connection)
        .then(
          () => true,
          () => index + 1 >= RESYNC_ATTEMPTS,
        )
        .then((done) => {
          if (mine !== generation || !socket.connected) return;
          if (!done) {
            setTimeout(() => attempt(index + 1), Math.min(RESYNC_RETRY_MAX_MS, RESYNC_RETRY_MS * 2 ** index));
            return;
          }
          setState('live');
          options.onLive?.();
        });
    };
    attempt(0);
  };
  socket.on('connect', catchUp);
  // The server may have missed messages for this socket without it dropping (its process lost its
  // Redis subscription for a while): catch up exactly as after a reconnect.
  socket.on('resync', () => {
    if (socket.connected) catchUp();
  });
  socket.on('disconnect', (reason) => {
    generation++;
    // The server ended the session: socket.io does not reconnect by itself then.
    if (reason === 'io server disconnect') setState('offline');
    else setState(browserOffline() ? 'offline' : 'reconnecting');
  });
  socket.on('connect_error', (error: Error & { data?: ErrorBody }) => {
    if (error.data?.code?.startsWith('SC_ERR_AUTH')) {
      setState('offline');
      options.onAuthFailed?.(error.data);
      return;
    }
    setState(browserOffline() ? 'offline' : 'reconnecting');
  });
  socket.on('session:revoked', () => options.onAuthFailed?.({ code: 'SC_ERR_AUTH_SESSION_REVOKED', message: 'The session has been revoked' }));
  socket.on('session:expired', () => options.onAuthFailed?.({ code: 'SC_ERR_AUTH_INVALID_TOKEN', message: 'The session has expired' }));

  const onOffline = () => {
    if (!socket.connected) setState('offline');
  };
  const onOnline = () => {
    if (!socket.connected) {
      setState('reconnecting');
      socket.connect();
    }
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  return connection;
}

function statusOf(code: string): number {
  if (code === 'SC_ERR_UNAVAILABLE') return 503;
  if (code === 'SC_ERR_RATE_LIMITED') return 429;
  if (code === 'SC_ERR_MESSAGE_ID_REUSED' || code === 'SC_ERR_CONFLICT') return 409;
  if (code.startsWith('SC_ERR_AUTH')) return 401;
  return 400;
}

/** The outbox's view of a failure: retriable ones wait for the next flush. */
export function sendErrorOf(error: unknown): { code: string; message: string; retriable: boolean } {
  if (error instanceof ApiError) return { code: error.code, message: error.message, retriable: error.retriable };
  return { code: 'SC_ERR_NETWORK', message: String(error), retriable: true };
}
