// One customer's session in the frame: the token (replaced when the host page refreshes it), the
// REST client, the socket connection whose resync replays what was missed, the outbox that sends
// what the customer typed (persisted per customer), and the conversation store, wired together.
import type { ErrorBody } from '@smartchat/contracts';
import { createApi, createConnection, localStorageOutbox, Outbox, sendErrorOf, type Api, type Connection } from '@smartchat/frontend-kit';
import { createEffect, createRoot, createSignal, type Accessor } from 'solid-js';
import { createConversationStore, type ConversationStore } from './conversations.js';

export interface WidgetSession {
  /** Whose session this is (the token's subject). */
  customerKey: string;
  api: Api;
  connection: Connection;
  store: ConversationStore;
  token(): string;
  /** The token was refused (expired, invalid, revoked): the panel says so instead of showing data. */
  authError: Accessor<ErrorBody | null>;
  /** Has been live at least once (the banner says "reconnecting" rather than "connecting"). */
  wasLive: Accessor<boolean>;
  customerName: Accessor<string | null>;
  /** A refreshed token for the same customer: used from the next request and reconnect on. */
  setToken(token: string): void;
  dispose(): void;
}

export function createWidgetSession(initialToken: string, customerKey: string): WidgetSession {
  return createRoot((disposeRoot) => {
    let token = initialToken;
    const [authError, setAuthError] = createSignal<ErrorBody | null>(null);
    const [wasLive, setWasLive] = createSignal(false);
    const [customerName, setCustomerName] = createSignal<string | null>(null);

    // The frame is served by chat itself: REST and socket.io are on its own origin.
    const api = createApi({
      baseUrl: '',
      token: () => token,
      onUnauthorized: (error) => setAuthError({ code: error.code === 'SC_ERR_NETWORK' ? 'SC_ERR_AUTH_INVALID_TOKEN' : error.code, message: error.message }),
    });
    // Late-bound: the outbox is built before the connection and the store it reports to.
    let connection: Connection | null = null;
    let store: ConversationStore | null = null;
    const outbox = new Outbox({
      storage: localStorageOutbox(`smartchat.widget.outbox.${customerKey}`),
      send: (item) => {
        if (!connection) return Promise.reject(new Error('not connected yet'));
        return connection.request('message:send', { conversationId: item.conversationId, clientMessageId: item.clientMessageId, body: item.body, attachments: item.attachments });
      },
      onSent: (item, result) => store?.outboxSent(item, result),
      onChange: (items) => store?.outboxChanged(items),
      toSendError: sendErrorOf,
    });
    connection = createConnection({
      url: window.location.origin,
      token,
      resync: (live) => store?.resync(live) ?? Promise.resolve(),
      onLive: () => void outbox.flush(),
      onAuthFailed: (error) => setAuthError(error),
    });
    const liveConnection = connection;
    store = createConversationStore({ api, connection: liveConnection, outbox, seenKey: `smartchat.widget.seen.${customerKey}` });
    const liveStore = store;

    createEffect(() => {
      if (liveConnection.state() === 'live') setWasLive(true);
    });
    // The customer's name for the greeting; an older chat without /v1/me just greets without it.
    api.get('/v1/me').then(
      (me) => setCustomerName(me.type === 'customer' ? me.customer.name : null),
      () => undefined,
    );

    return {
      customerKey,
      api,
      connection: liveConnection,
      store: liveStore,
      token: () => token,
      authError,
      wasLive,
      customerName,
      setToken(next) {
        token = next;
        liveConnection.socket.auth = { token: next };
        if (authError()) {
          setAuthError(null);
          if (!liveConnection.socket.connected) liveConnection.socket.connect();
          liveStore.refresh().catch(() => undefined);
        }
      },
      dispose() {
        liveStore.dispose();
        liveConnection.close();
        disposeRoot();
      },
    };
  });
}
