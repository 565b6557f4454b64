// Who is signed in, and everything that lives as long as the session: the REST client, the one
// socket connection, the outbox of unsent messages, and the desk (agents, teams, macros) used for
// names, @mentions, assignment and macros. A 401 anywhere ends the session and shows the login; a
// 403 SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED puts the agent on the "set a new password" screen.
// A password change hands out a new token and ends every session of the agent, this one included:
// the console switches to the new token, and refusals of the old one that arrive meanwhile are
// not taken as the end of the session.
import type { Agent, Macro, Me as MeResponse, Team } from '@smartchat/contracts';
import { ApiError, createApi, createConnection, localStorageOutbox, Outbox, sendErrorOf, type Api, type Connection, type OutboxItem } from '@smartchat/frontend-kit';
import { batch, createSignal } from 'solid-js';

const TOKEN_KEY = 'smartchat.console.session';

/** The signed-in agent from /v1/me, permissions as a set for the console's many checks. */
export type Me = Omit<Extract<MeResponse, { type: 'agent' }>, 'permissions'> & { permissions: ReadonlySet<string> };

const [token, setToken] = createSignal<string | null>(readToken());
const [me, setMe] = createSignal<Me | null>(null);
const [agents, setAgents] = createSignal<Agent[]>([]);
const [teams, setTeams] = createSignal<Team[]>([]);
const [macros, setMacros] = createSignal<Macro[]>([]);
const [connection, setConnection] = createSignal<Connection | null>(null);
const [outboxItems, setOutboxItems] = createSignal<readonly OutboxItem[]>([]);
const [sessionError, setSessionError] = createSignal<string | null>(null);

export { token, me, agents, teams, macros, connection, outboxItems, sessionError };

/** The password change in flight: until it settles, a refusal of the old token may be its doing. */
let tokenChange: Promise<unknown> | null = null;

const client = createApi({ baseUrl: '', token });
/** Every REST call of the console: remembers the token it went out with, to judge a refusal. */
export const api: Api = {
  get: (path, ...init) => watched(() => client.get(path, ...init)),
  post: (path, ...init) => watched(() => client.post(path, ...init)),
  put: (path, ...init) => watched(() => client.put(path, ...init)),
  patch: (path, ...init) => watched(() => client.patch(path, ...init)),
  delete: (path, ...init) => watched(() => client.delete(path, ...init)),
  upload: (conversationId, file, name) => watched(() => client.upload(conversationId, file, name)),
  blobUrl: (attachmentId) => client.blobUrl(attachmentId),
};

function watched<T>(request: () => Promise<T>): Promise<T> {
  const sentWith = token();
  return request().catch((error: unknown) => {
    if (error instanceof ApiError && sentWith) {
      if (error.status === 401) void tokenRefused(sentWith);
      else if (error.code === 'SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED' && token() === sentWith) requirePasswordChange();
    }
    throw error;
  });
}

/** The server refused `refused`: the session is over unless the console has moved to a new token. */
async function tokenRefused(refused: string): Promise<void> {
  await tokenChange?.catch(() => undefined);
  if (token() === refused) endSession();
}

let outbox: Outbox | null = null;
/** Resync hooks of the open views: run on every (re)connect before the state turns live. */
const resyncHooks = new Set<(connection: Connection) => Promise<void>>();
export function onResync(hook: (connection: Connection) => Promise<void>): () => void {
  resyncHooks.add(hook);
  return () => resyncHooks.delete(hook);
}
const sentListeners = new Set<(item: OutboxItem, messageId: string) => void>();
export function onSent(listener: (item: OutboxItem, messageId: string) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

export async function login(email: string, password: string): Promise<void> {
  const result = await api.post('/v1/auth/login', { body: { email, password } });
  storeToken(result.token);
  setToken(result.token);
  await startSession();
}

export async function logout(): Promise<void> {
  await api.post('/v1/auth/logout').catch(() => undefined);
  endSession();
}

/** Ends every session of the agent, on every device, this one included. */
export async function logoutEverywhere(): Promise<void> {
  await api.post('/v1/auth/logout-everywhere');
  endSession();
}

/**
 * Sets a new password. The server ends every session of the agent and answers with a new token:
 * the console continues with it (a new socket; on the forced-change screen, the whole session).
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const change = (async () => {
    const result = await api.post('/v1/auth/password', { body: { currentPassword, newPassword } });
    await adoptToken(result.token);
  })();
  tokenChange = change;
  try {
    await change;
  } finally {
    if (tokenChange === change) tokenChange = null;
  }
}

async function adoptToken(next: string): Promise<void> {
  storeToken(next);
  const previous = connection();
  setToken(next);
  if (previous && me()?.mustChangePassword === false) {
    // In the console: the same desk and outbox, a socket with the new token (the old one is ended).
    previous.close();
    setConnection(openConnection(next));
    return;
  }
  previous?.close();
  setConnection(null);
  await startSession();
}

/** The server says a new password comes first: close the socket and show the password screen. */
function requirePasswordChange(): void {
  const current = me();
  if (!current || current.mustChangePassword) return;
  connection()?.close();
  batch(() => {
    setConnection(null);
    setMe({ ...current, mustChangePassword: true });
  });
}

function endSession(): void {
  connection()?.close();
  setConnection(null);
  storeToken(null);
  setToken(null);
  setMe(null);
  outbox = null;
}

/** Loads the agent, the desk and opens the socket; called at start-up when a token is stored. */
export async function startSession(): Promise<void> {
  const current = token();
  if (!current) return;
  try {
    const agent = await api.get('/v1/me');
    if (agent.type !== 'agent') throw new Error('This console is for agents');
    setSessionError(null);
    setMe({ ...agent, permissions: new Set(agent.permissions) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    setSessionError(error instanceof Error ? error.message : String(error));
    return;
  }
  // Nothing but the password change answers until a new password is set: no desk, no socket.
  if (me()!.mustChangePassword) return;
  await Promise.all([reloadAgents(), reloadTeams(), reloadMacros()]);
  const me_ = me()!;
  outbox = new Outbox({
    storage: localStorageOutbox(`smartchat.console.outbox.${me_.id}`),
    toSendError: sendErrorOf,
    send: (item) => {
      const live = connection();
      if (!live) return Promise.reject(new ApiError(0, undefined, 'Not connected'));
      return live.request('message:send', { conversationId: item.conversationId, clientMessageId: item.clientMessageId, kind: item.kind, body: item.body, attachments: item.attachments });
    },
    onSent: (item, result) => sentListeners.forEach((listener) => listener(item, result.id)),
    onChange: (items) => setOutboxItems(items),
  });
  setOutboxItems(outbox.list());
  setConnection(openConnection(current));
}

function openConnection(sessionToken: string): Connection {
  const opened: Connection = createConnection({
    url: '',
    token: sessionToken,
    // Every hook runs even when one fails; a failure makes the connection try the catch-up again.
    resync: async (live) => {
      const results = await Promise.allSettled([...resyncHooks].map((hook) => hook(live)));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
    onLive: () => void outbox?.flush(),
    onAuthFailed: (error) => void connectionRefused(opened, error.code),
  });
  return opened;
}

/** A socket of an older token (before a password change) being ended is no news. */
async function connectionRefused(refused: Connection, code: string): Promise<void> {
  if (code === 'SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED') {
    if (connection() === refused) requirePasswordChange();
    return;
  }
  await tokenChange?.catch(() => undefined);
  if (connection() === refused) endSession();
}

export function queueMessage(input: { conversationId: string; clientMessageId: string; kind: 'reply' | 'note'; body: string; attachments: string[] }): void {
  outbox?.enqueue(input);
}
export function retryMessage(clientMessageId: string): void {
  outbox?.retry(clientMessageId);
}
export function discardMessage(clientMessageId: string): void {
  outbox?.discard(clientMessageId);
}

let agentsLoadedAt = 0;
export async function reloadAgents(): Promise<void> {
  agentsLoadedAt = Date.now();
  const result = await api.get('/v1/agents').catch(() => ({ agents: agents() }));
  setAgents(result.agents);
}
/** The desk changes while the console is open (a colleague joins): @-autocomplete refreshes it. */
export function reloadAgentsIfOlderThan(ms: number): void {
  if (Date.now() - agentsLoadedAt > ms) void reloadAgents();
}
export async function reloadTeams(): Promise<void> {
  const result = await api.get('/v1/teams').catch(() => ({ teams: [] }));
  setTeams(result.teams);
}
export async function reloadMacros(): Promise<void> {
  const result = await api.get('/v1/macros').catch(() => ({ macros: [] }));
  setMacros(result.macros);
}

export function can(permission: string): boolean {
  return me()?.permissions.has(permission) ?? false;
}
export function agentName(id: string | null | undefined): string | null {
  if (!id) return null;
  return agents().find((agent) => agent.id === id)?.name ?? null;
}
export function teamName(id: string | null | undefined): string | null {
  if (!id) return null;
  return teams().find((team) => team.id === id)?.name ?? null;
}

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
function storeToken(value: string | null): void {
  try {
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // The session then lasts as long as the page.
  }
}
