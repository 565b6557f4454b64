// The composition root of a chat pod: stores, the message path, the socket gateway and the REST
// API, wired together. main.ts runs it; tests start it in-process or as a child process.
import { createMessagingMetrics } from './messaging/metrics.js';
import { EVENTS_TOPIC } from '@smartchat/contracts';
import { BalancerQueue, createConfirmChannel, declareDeliveryTopology, ensureTopics, createKafka, createLogger, createMetricsRegistry, createProducer, createRedis, type Logger, type Registry } from '@smartchat/platform';
import type { FastifyInstance } from 'fastify';
import { AccessStore } from './access/access-store.js';
import { AccessChanges } from './access/access-changes.js';
import { AuditLog } from './access/audit-log.js';
import { Directory } from './access/directory.js';
import { Mentions } from './access/mentions.js';
import { ConversationLifecycle } from './conversations/lifecycle.js';
import { AttachmentService } from './attachments/attachment-service.js';
import { FilesystemBlobStore } from './attachments/blob-store.js';
import { Authenticator } from './auth/identity.js';
import { SessionStore } from './auth/sessions.js';
import { buildChatServer } from './app.js';
import type { ChatConfig } from './config.js';
import { connectChatDependencies } from './dependencies.js';
import { createSocketServer, type ChatSocketServer } from './gateway/socket-server.js';
import { registerAdminRoutes } from './http/admin-routes.js';
import { registerBackofficeRoutes } from './http/backoffice-routes.js';
import { registerAttachmentRoutes } from './http/attachment-routes.js';
import { registerAuthRoutes } from './http/auth-routes.js';
import { registerConversationRoutes } from './http/conversation-routes.js';
import { registerCustomerRoutes } from './http/customer-routes.js';
import { registerFrontendRoutes } from './http/frontend-routes.js';
import { registerInboxRoutes } from './http/inbox-routes.js';
import { registerMacroRoutes } from './http/macro-routes.js';
import { registerMeRoutes } from './http/me-routes.js';
import { registerTopicRoutes } from './http/topic-routes.js';
import { BackofficeClient } from './customers/backoffice-client.js';
import { MessageAcceptor } from './messaging/accept.js';
import { MessageChanges } from './messaging/changes.js';
import { DeliveryConsumer } from './messaging/delivery.js';
import { DeliveryPublisher } from './messaging/delivery-publisher.js';
import { EventSink } from './messaging/event-sink.js';
import { MessageFanout } from './messaging/fanout.js';
import { ConversationFacts } from './store/conversation-facts.js';
import { ConversationStore } from './store/conversations.js';
import { CustomerStore } from './store/customers.js';
import { InboxStore } from './store/inbox.js';
import { MacroStore } from './store/macros.js';
import { MessageStore } from './store/messages.js';

export interface ChatProcess {
  app: FastifyInstance;
  io: ChatSocketServer;
  registry: Registry;
  logger: Logger;
  /** Listen on host:port (0 = any free port); returns the port. */
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

export async function createChatProcess(config: ChatConfig, options: { logger?: Logger; consume?: boolean } = {}): Promise<ChatProcess> {
  const logger = options.logger ?? createLogger({ service: 'chat', level: config.SMARTCHAT_LOG_LEVEL });
  const registry = createMetricsRegistry('chat');
  const metrics = createMessagingMetrics(registry);
  const deps = connectChatDependencies(config, logger);

  const conversations = new ConversationStore(deps.pg);
  const facts = new ConversationFacts(deps.pg);
  const access = new AccessStore(deps.pg, facts);
  const audit = new AuditLog(deps.pg);
  const directory = new Directory(deps.pg);
  const accessSub = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'chat-access-sub', subscriber: true });
  const accessChanges = new AccessChanges({ publisher: deps.redis, subscriber: accessSub, access, facts, logger });
  const mentions = new Mentions(deps.pg, accessChanges);
  const customers = new CustomerStore(deps.pg);
  const inbox = new InboxStore(deps.pg);
  const macros = new MacroStore(deps.pg);
  const backoffice = new BackofficeClient({ url: config.SMARTCHAT_BACKOFFICE_URL, secret: config.SMARTCHAT_CUSTOMER_TOKEN_SECRET, timeoutMs: config.SMARTCHAT_BACKOFFICE_TIMEOUT_MS, logger });
  const messages = new MessageStore(deps.cql, config.SMARTCHAT_CASSANDRA_KEYSPACE);
  const sessions = new SessionStore(deps.pg, deps.redis);
  // Adding jobs only (no blocking reads): an ordinary client that fails fast while Redis is away.
  const queueRedis = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'chat-balancer-queue' });
  const balancerQueue = new BalancerQueue(queueRedis, config.SMARTCHAT_QUEUE_PREFIX);
  const lifecycle = new ConversationLifecycle({ pg: deps.pg, conversations, access, changes: accessChanges, audit, queue: balancerQueue, logger });
  const authenticator = new Authenticator({ session: config.SMARTCHAT_SESSION_SECRET, customer: config.SMARTCHAT_CUSTOMER_TOKEN_SECRET }, sessions, customers);

  const shards = config.SMARTCHAT_DELIVERY_SHARDS;
  const publisher = createConfirmChannel(deps.rabbit, (channel) => declareDeliveryTopology(channel, shards));
  const kafka = createKafka({ brokers: config.SMARTCHAT_KAFKA_BROKERS, clientId: 'smartchat-chat', logger });
  const producer = createProducer(kafka);
  const attachments = new AttachmentService({ pg: deps.pg, blobs: new FilesystemBlobStore(config.SMARTCHAT_BLOB_DIR), access, messages, maxBytes: config.SMARTCHAT_ATTACHMENT_MAX_BYTES });
  const delivery = new DeliveryPublisher({ publisher, shards, timeoutMs: 5000, lingerMs: config.SMARTCHAT_DELIVERY_LINGER_MS, observeGroup: (size) => metrics.publishGroup.observe(size) });
  const acceptor = new MessageAcceptor({ redis: deps.redis, access, mentions, attachments, delivery, metrics, logger, sendLimitPer10s: config.SMARTCHAT_SEND_LIMIT_PER_10S });

  // The socket server needs the HTTP server, which needs the routes: routes that emit get it late.
  const socketServer: { current?: ChatSocketServer } = {};
  const changes = new MessageChanges({ messages, conversations, access, audit, io: () => socketServer.current! });
  const app = await buildChatServer({
    logger,
    registry,
    health: deps.health,
    api: {
      authenticator,
      redis: deps.redis,
      rateLimitPerMinute: config.SMARTCHAT_RATE_LIMIT_PER_MINUTE,
      rateLimitNamespace: config.SMARTCHAT_RATE_LIMIT_NAMESPACE,
      routes: (server) => {
        registerAuthRoutes(server, { pg: deps.pg, sessions, audit, sessionSecret: config.SMARTCHAT_SESSION_SECRET, sessionTtlHours: config.SMARTCHAT_SESSION_TTL_HOURS, io: () => socketServer.current! });
        registerInboxRoutes(server, { conversations, inbox, access });
        registerConversationRoutes(server, { conversations, messages, acceptor, changes, access, lifecycle });
        registerMeRoutes(server, { access, directory, customers });
        registerTopicRoutes(server, { directory });
        registerMacroRoutes(server, { access, macros, audit });
        registerCustomerRoutes(server, { access, customers, inbox, backoffice });
        registerAdminRoutes(server, { access, changes: accessChanges, directory, audit, mentions, lifecycle });
        registerBackofficeRoutes(server, { pg: deps.pg, secret: config.SMARTCHAT_CUSTOMER_TOKEN_SECRET, conversations, customers, changes: accessChanges, audit, queue: balancerQueue });
        registerAttachmentRoutes(server, { attachments, maxBytes: config.SMARTCHAT_ATTACHMENT_MAX_BYTES });
        registerFrontendRoutes(server, { consoleDir: config.SMARTCHAT_CONSOLE_DIR, widgetDir: config.SMARTCHAT_WIDGET_DIR, widgetFrameAncestors: config.SMARTCHAT_WIDGET_FRAME_ANCESTORS });
      },
    },
  });
  const redisPub = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'chat-io-pub' });
  const redisSub = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'chat-io-sub', subscriber: true });
  const { io, presence, accessSockets } = createSocketServer({ httpServer: app.server, redisPub, redisSub, authenticator, access, acceptor, changes, conversations, facts, messages, metrics, logger, presence: { graceMs: config.SMARTCHAT_PRESENCE_GRACE_MS, cameOnline: (agentId) => lifecycle.capacityAppeared(agentId, 'agent_online') } });

  socketServer.current = io;

  const fanout = new MessageFanout({ io, publisher: redisPub, subscriber: redisSub, logger });
  const fanoutStarted = fanout.start();
  fanoutStarted.catch((error: unknown) => logger.error({ err: error }, 'message fan-out did not start'));
  const consumer = new DeliveryConsumer({ connection: deps.rabbit, shards, lanes: config.SMARTCHAT_DELIVERY_LANES, prefetch: 256, messages, pg: deps.pg, redis: deps.redis, fanout, events: new EventSink(producer, EVENTS_TOPIC), queue: balancerQueue, metrics, logger });
  const accessStarted = accessChanges.start(accessSockets);
  accessStarted.catch((error: unknown) => logger.error({ err: error }, 'access change announcements did not start'));
  const started = (async () => {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic: EVENTS_TOPIC, numPartitions: 12 }]).finally(() => admin.disconnect());
    await producer.connect();
    if (options.consume !== false) await consumer.start();
  })();
  started.catch((error: unknown) => logger.error({ err: error }, 'message delivery did not start'));

  return {
    app,
    io,
    registry,
    logger,
    async listen(host, port) {
      await app.listen({ host, port });
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    async close() {
      deps.health.markShuttingDown();
      await consumer.stop().catch(() => undefined);
      presence.stop();
      // Only this process's sockets: through the Redis adapter a plain disconnectSockets would drop
      // every client of every chat process.
      io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await app.close();
      await publisher.close().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      redisPub.disconnect();
      redisSub.disconnect();
      accessSub.disconnect();
      await balancerQueue.close().catch(() => undefined);
      queueRedis.disconnect();
      await deps.close();
    },
  };
}

