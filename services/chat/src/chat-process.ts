// The composition root of a chat pod: stores, the message path, the socket gateway and the REST
// API, wired together. main.ts runs it; tests start it in-process or as a child process.
import { createMessagingMetrics } from './messaging/metrics.js';
import type { EventActor } from '@smartchat/contracts';
import { BalancerQueue, MessageBookkeeping, parseKeyring, settleAgentPresence, createConfirmChannel, createPgPool, declareDeliveryTopology, ensureTopics, createKafka, createLogger, createMetricsRegistry, createProducer, createRedis, startOpsServer, type Logger, type Registry } from '@smartchat/platform';
import type { Server as HttpServer } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ReportFiles, ReportQueue, ReportRecords } from '@smartchat/stats/reports';
import { AccessStore } from './access/access-store.js';
import { AccessChanges } from './access/access-changes.js';
import { AuditLog } from './access/audit-log.js';
import { Refusals } from './access/refusals.js';
import { Directory } from './access/directory.js';
import { Mentions } from './access/mentions.js';
import { ConversationLifecycle } from './conversations/lifecycle.js';
import { CustomerOpenLimit } from './conversations/open-limit.js';
import { createAttachments } from './attachments/create-attachments.js';
import { Authenticator } from './auth/identity.js';
import { SessionStore } from './auth/sessions.js';
import { SessionEnding } from './auth/session-ending.js';
import { AgentAccounts } from './auth/accounts.js';
import { LoginThrottle, throttleRules } from './auth/login-throttle.js';
import { buildChatServer } from './app.js';
import type { ChatConfig } from './config.js';
import { connectChatDependencies } from './dependencies.js';
import { createSocketServer, type ChatSocketServer, type SocketServerOptions } from './gateway/socket-server.js';
import { registerAdminRoutes } from './http/admin-routes.js';
import { registerBackofficeRoutes } from './http/backoffice-routes.js';
import { registerIntegrationRoutes } from './http/integration-routes.js';
import { AgentActions } from './integrations/agent-actions.js';
import { createInboundEventMetrics, InboundEventProcessor } from './integrations/event-processor.js';
import { InboundEvents } from './integrations/inbound-events.js';
import { IntegrationStore } from './integrations/integration-store.js';
import { TripRules } from './integrations/trip-rules.js';
import { WebhookEndpoints } from './integrations/webhook-endpoints.js';
import { WebhookQueue } from './integrations/webhook-queue.js';
import { WebhookSender } from './integrations/webhook-sender.js';
import { registerAttachmentRoutes } from './http/attachment-routes.js';
import { registerAuthRoutes } from './http/auth-routes.js';
import { registerConversationRoutes } from './http/conversation-routes.js';
import { registerCustomerRoutes } from './http/customer-routes.js';
import { registerCsatRoutes } from './http/csat-routes.js';
import { CsatSurveys } from './csat/csat-surveys.js';
import { registerCsatLinkRoutes } from './http/csat-link-routes.js';
import { registerFrontendRoutes } from './http/frontend-routes.js';
import { registerInboxRoutes } from './http/inbox-routes.js';
import { registerSearchRoutes } from './http/search-routes.js';
import { SearchStore } from './search/search-store.js';
import { registerMacroRoutes } from './http/macro-routes.js';
import { registerMeRoutes } from './http/me-routes.js';
import { registerReportRoutes } from './http/report-routes.js';
import { registerTopicRoutes } from './http/topic-routes.js';
import { registerMailRoutes } from './http/mail-routes.js';
import { MailboxStore } from './mail/mailbox-store.js';
import { MailRecords } from './mail/mail-records.js';
import { FilesystemBlobStore } from './attachments/blob-store.js';
import { join } from 'node:path';
import { registerStatisticsRoutes } from './http/statistics-routes.js';
import { StatisticsStore } from './statistics/statistics-store.js';
import { BackofficeClient } from './customers/backoffice-client.js';
import { MessageAcceptor } from './messaging/accept.js';
import { MessageChanges } from './messaging/changes.js';
import { DeliveryConsumer } from './messaging/delivery.js';
import { DeliveryPublisher } from './messaging/delivery-publisher.js';
import { EventSink } from './messaging/event-sink.js';
import { MessageFanout } from './messaging/fanout.js';
import { isPublicKind, messagePreview } from './messaging/preview.js';
import { rooms } from './messaging/rooms.js';
import { ConversationFacts } from './store/conversation-facts.js';
import { ConversationStore, toCustomerConversation } from './store/conversations.js';
import { CustomerStore } from './store/customers.js';
import { InboxStore } from './store/inbox.js';
import { ListChanges } from './gateway/list-changes.js';
import { MacroStore } from './store/macros.js';
import { MessageStore } from './store/messages.js';

export interface ChatProcess {
  app: FastifyInstance;
  io: ChatSocketServer;
  registry: Registry;
  logger: Logger;
  /**
   * The public API on host:port and the operational endpoints (/healthz, /readyz, /metrics) on
   * host:opsPort (0 = any free port); returns both ports.
   */
  listen(host: string, port: number, opsPort: number): Promise<{ port: number; opsPort: number }>;
  close(): Promise<void>;
}

/** The socket budgets and replay sizes from the settings (see config.ts). */
function socketLimitsOf(config: ChatConfig): SocketServerOptions['limits'] {
  return {
    socket: {
      per10s: {
        send: config.SMARTCHAT_SEND_LIMIT_PER_10S,
        change: config.SMARTCHAT_SOCKET_CHANGES_PER_10S,
        join: config.SMARTCHAT_SOCKET_JOINS_PER_10S,
        resume: config.SMARTCHAT_SOCKET_RESUMES_PER_10S,
        typing: config.SMARTCHAT_SOCKET_TYPING_PER_10S,
        read: config.SMARTCHAT_SOCKET_READS_PER_10S,
      },
      maxInFlight: config.SMARTCHAT_SOCKET_MAX_IN_FLIGHT,
    },
    replay: { maxMessages: config.SMARTCHAT_REPLAY_MAX_MESSAGES, maxBodyBytes: config.SMARTCHAT_REPLAY_MAX_BODY_BYTES, conversationsPerCall: config.SMARTCHAT_RESUME_CONVERSATIONS_PER_CALL },
  };
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
  const search = new SearchStore(deps.pg, inbox, { statementTimeoutMs: config.SMARTCHAT_SEARCH_TIMEOUT_MS });
  const macros = new MacroStore(deps.pg);
  const backoffice = new BackofficeClient({ url: config.SMARTCHAT_BACKOFFICE_URL, secret: config.SMARTCHAT_CUSTOMER_TOKEN_SECRET, timeoutMs: config.SMARTCHAT_BACKOFFICE_TIMEOUT_MS, logger });
  const messages = new MessageStore(deps.cql, config.SMARTCHAT_CASSANDRA_KEYSPACE);
  const sessions = new SessionStore(deps.pg, deps.redis);
  // Adding jobs only (no blocking reads): an ordinary client that fails fast while Redis is away.
  const queueRedis = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'chat-balancer-queue' });
  const balancerQueue = new BalancerQueue(queueRedis, config.SMARTCHAT_QUEUE_PREFIX);
  // Custom report builds go to the stats process through its queue (same Redis, same prefix).
  const reportQueue = new ReportQueue(queueRedis, config.SMARTCHAT_QUEUE_PREFIX);
  const openLimit = new CustomerOpenLimit({ redis: deps.redis, perHour: config.SMARTCHAT_CUSTOMER_OPENS_PER_HOUR, logger });
  const lifecycle = new ConversationLifecycle({ pg: deps.pg, conversations, access, changes: accessChanges, audit, queue: balancerQueue, logger, openLimit });
  const authenticator = new Authenticator({ session: config.SMARTCHAT_SESSION_SECRET, customer: config.SMARTCHAT_CUSTOMER_TOKEN_SECRET }, sessions, customers, (agentId) => access.agentAccess(agentId));
  const refusals = new Refusals(audit, logger);
  // Optional: without it the statistics routes answer 503 and everything else runs as before.
  const statistics = new StatisticsStore(config.SMARTCHAT_STATS_PG_URL ? createPgPool({ url: config.SMARTCHAT_STATS_PG_URL, logger, max: 5, applicationName: 'smartchat-chat-stats' }) : undefined);

  const shards = config.SMARTCHAT_DELIVERY_SHARDS;
  const publisher = createConfirmChannel(deps.rabbit, (channel) => declareDeliveryTopology(channel, shards));
  const kafka = createKafka({ brokers: config.SMARTCHAT_KAFKA_BROKERS, clientId: 'smartchat-chat', logger });
  const producer = createProducer(kafka);
  const { attachments, sweep: attachmentSweep } = createAttachments(config, { pg: deps.pg, access, messages, registry, logger });
  const delivery = new DeliveryPublisher({ publisher, shards, timeoutMs: 5000, lingerMs: config.SMARTCHAT_DELIVERY_LINGER_MS, observeGroup: (size) => metrics.publishGroup.observe(size) });
  const surveys = new CsatSurveys(deps.pg);
  // The socket server needs the HTTP server, which needs the routes: routes that emit get it late.
  const socketServer: { current?: ChatSocketServer } = {};
  // The back-office integration: keys, inbound events (received here, applied by the worker below).
  const keyring = config.SMARTCHAT_SECRET_KEYS ? parseKeyring(config.SMARTCHAT_SECRET_KEYS) : undefined;
  const integrations = new IntegrationStore(deps.pg, keyring);
  const tripRules = new TripRules(deps.pg);
  const eventProcessor = new InboundEventProcessor({
    pg: deps.pg,
    lifecycle,
    rules: tripRules,
    publisher,
    shards,
    logger,
    maxAttempts: config.SMARTCHAT_INTEGRATION_EVENT_ATTEMPTS,
    retryBaseMs: config.SMARTCHAT_INTEGRATION_RETRY_BASE_MS,
    pollMs: config.SMARTCHAT_INTEGRATION_POLL_MS,
    observe: createInboundEventMetrics(registry, deps.pg),
    // The socket server is made after the routes: reached late, like the routes that emit.
    announce: async (customerId, conversationId) => {
      const conversation = await conversations.get(conversationId);
      if (conversation && !conversation.internal) socketServer.current?.to(rooms.customer(customerId)).emit('conversation:updated', toCustomerConversation(conversation));
    },
  });
  const webhookEndpoints = new WebhookEndpoints(deps.pg, keyring);
  const webhookSender = new WebhookSender({
    pg: deps.pg,
    endpoints: webhookEndpoints,
    logger,
    registry,
    maxAttempts: config.SMARTCHAT_WEBHOOK_ATTEMPTS,
    retryBaseMs: config.SMARTCHAT_WEBHOOK_RETRY_BASE_MS,
    timeoutMs: config.SMARTCHAT_WEBHOOK_TIMEOUT_MS,
    pollMs: config.SMARTCHAT_INTEGRATION_POLL_MS,
  });
  const inboundEvents = new InboundEvents({
    pg: deps.pg,
    store: integrations,
    blobs: new FilesystemBlobStore(config.SMARTCHAT_BLOB_DIR),
    maxFileBytes: config.SMARTCHAT_ATTACHMENT_MAX_BYTES,
    logger,
    queued: () => eventProcessor.poke(),
  });
  const acceptor = new MessageAcceptor({ redis: deps.redis, access, mentions, attachments, delivery, metrics, logger, sendLimitPer10s: config.SMARTCHAT_SEND_LIMIT_PER_10S });

  const sessionEnding = new SessionEnding(sessions, () => socketServer.current!);
  const accounts = new AgentAccounts(deps.pg);
  const throttle = new LoginThrottle({
    redis: deps.redis,
    registry,
    namespace: config.SMARTCHAT_RATE_LIMIT_NAMESPACE,
    rules: throttleRules({
      account_address: config.SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS,
      account: config.SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ACCOUNT,
      address: config.SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ADDRESS,
    }),
  });
  // Presence is read from the sockets' Redis entries (the socket server's connection writes them).
  const settlePresence = (agentId: string, actor: EventActor) => settleAgentPresence(deps.pg, deps.redis, agentId, actor);
  const changes = new MessageChanges({ messages, conversations, access, audit, pg: deps.pg, io: () => socketServer.current! });
  const app = await buildChatServer({
    logger,
    registry,
    ...(config.SMARTCHAT_TRUSTED_PROXIES ? { trustedProxies: config.SMARTCHAT_TRUSTED_PROXIES } : {}),
    api: {
      authenticator,
      refusals,
      redis: deps.redis,
      rateLimitPerMinute: config.SMARTCHAT_RATE_LIMIT_PER_MINUTE,
      integrationRateLimitPerMinute: config.SMARTCHAT_INTEGRATION_RATE_LIMIT_PER_MINUTE,
      rateLimitNamespace: config.SMARTCHAT_RATE_LIMIT_NAMESPACE,
      routes: (server) => {
        registerAuthRoutes(server, { accounts, sessions, sessionEnding, throttle, changes: accessChanges, audit, sessionSecret: config.SMARTCHAT_SESSION_SECRET, sessionTtlHours: config.SMARTCHAT_SESSION_TTL_HOURS, ...(config.SMARTCHAT_COMPANY_NAME ? { companyName: config.SMARTCHAT_COMPANY_NAME } : {}) });
        registerInboxRoutes(server, { conversations, inbox, access });
        registerSearchRoutes(server, { access, search });
        registerConversationRoutes(server, { conversations, messages, acceptor, changes, access, lifecycle, inbox });
        registerMeRoutes(server, { access, directory, customers });
        registerTopicRoutes(server, { directory });
        registerMacroRoutes(server, { access, macros, audit });
        registerCustomerRoutes(server, { access, customers, inbox, backoffice });
        registerCsatRoutes(server, { access, surveys, io: () => socketServer.current! });
        registerCsatLinkRoutes(server, { pg: deps.pg, surveys, secret: config.SMARTCHAT_SESSION_SECRET, io: () => socketServer.current! });
        registerAdminRoutes(server, { access, changes: accessChanges, directory, audit, mentions, lifecycle, accounts, sessionEnding, publicUrl: config.SMARTCHAT_PUBLIC_URL, pg: deps.pg, settlePresence });
        registerBackofficeRoutes(server, { pg: deps.pg, secret: config.SMARTCHAT_CUSTOMER_TOKEN_SECRET, conversations, customers, changes: accessChanges, audit, queue: balancerQueue, integrations });
        registerIntegrationRoutes(server, {
          access,
          audit,
          store: integrations,
          events: inboundEvents,
          rules: tripRules,
          webhooks: webhookEndpoints,
          sender: webhookSender,
          actions: new AgentActions({ pg: deps.pg, access, integrations, audit, publisher, shards, logger }),
          pg: deps.pg,
          maxFileBytes: config.SMARTCHAT_ATTACHMENT_MAX_BYTES,
        });
        registerAttachmentRoutes(server, { attachments });
        registerMailRoutes(server, {
          access,
          audit,
          mailboxes: new MailboxStore(deps.pg, keyring),
          records: new MailRecords(deps.pg),
          rawMail: new FilesystemBlobStore(join(config.SMARTCHAT_BLOB_DIR, 'mail')),
        });
        registerStatisticsRoutes(server, { access, directory, audit, pg: deps.pg, redis: deps.redis, statistics });
        registerReportRoutes(server, { access, directory, audit, records: new ReportRecords(deps.pg), files: new ReportFiles(config.SMARTCHAT_BLOB_DIR), queue: reportQueue });
        registerFrontendRoutes(server, { consoleDir: config.SMARTCHAT_CONSOLE_DIR, widgetDir: config.SMARTCHAT_WIDGET_DIR, widgetFrameAncestors: config.SMARTCHAT_WIDGET_FRAME_ANCESTORS });
      },
    },
  });
  const redisPub = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'chat-io-pub' });
  const redisSub = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'chat-io-sub', subscriber: true });
  const { io, presence, accessSockets } = createSocketServer({ httpServer: app.server, redisPub, redisSub, authenticator, access, acceptor, changes, conversations, facts, messages, metrics, logger, refusals, pg: deps.pg, presence: { graceMs: config.SMARTCHAT_PRESENCE_GRACE_MS, cameOnline: (agentId) => lifecycle.capacityAppeared(agentId, 'agent_online'), settle: (agentId) => settlePresence(agentId, { type: 'agent', id: agentId }) }, limits: socketLimitsOf(config) });

  socketServer.current = io;

  const fanout = new MessageFanout({ io, publisher: redisPub, subscriber: redisSub, logger });
  const fanoutStarted = fanout.start();
  fanoutStarted.catch((error: unknown) => logger.error({ err: error }, 'message fan-out did not start'));
  const bookkeeping = new MessageBookkeeping({ pg: deps.pg, queue: balancerQueue, preview: { shows: isPublicKind, text: messagePreview }, logger });
  const consumer = new DeliveryConsumer({ connection: deps.rabbit, shards, lanes: config.SMARTCHAT_DELIVERY_LANES, prefetch: 256, messages, redis: deps.redis, fanout, events: new EventSink(producer, config.SMARTCHAT_EVENTS_TOPIC), bookkeeping, metrics, logger });
  const listChanges = new ListChanges({ url: config.SMARTCHAT_PG_URL, io: () => socketServer.current, inbox, access, facts, logger, onPush: (kind, sockets) => metrics.listPushes.inc({ kind }, sockets) });
  const listsStarted = listChanges.start();
  listsStarted.catch((error: unknown) => logger.error({ err: error }, 'live lists did not start (lists update on their reload only)'));
  const accessStarted = accessChanges.start(accessSockets);
  accessStarted.catch((error: unknown) => logger.error({ err: error }, 'access change announcements did not start'));
  const started = (async () => {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic: config.SMARTCHAT_EVENTS_TOPIC, numPartitions: 12 }]).finally(() => admin.disconnect());
    await producer.connect();
    if (options.consume !== false) await consumer.start();
  })();
  if (config.SMARTCHAT_INTEGRATION_WORKER) {
    eventProcessor.start();
    webhookSender.start();
  }
  const webhookQueue = new WebhookQueue({
    kafka,
    topic: config.SMARTCHAT_EVENTS_TOPIC,
    groupId: config.SMARTCHAT_WEBHOOK_EVENTS_GROUP,
    pg: deps.pg,
    endpoints: webhookEndpoints,
    messages,
    logger,
    queued: () => webhookSender.poke(),
  });
  if (config.SMARTCHAT_WEBHOOKS) {
    started.then(() => webhookQueue.start()).catch((error: unknown) => logger.error({ err: error }, 'the webhook queue did not start (no webhooks are queued)'));
  }
  started.catch((error: unknown) => logger.error({ err: error }, 'message delivery did not start'));

  let ops: HttpServer | undefined;
  return {
    app,
    io,
    registry,
    logger,
    async listen(host, port, opsPort) {
      await app.listen({ host, port });
      ops = (await startOpsServer({ host, port: opsPort, health: deps.health, registry })).server;
      return { port: boundPort(app.server, port), opsPort: boundPort(ops, opsPort) };
    },
    async close() {
      deps.health.markShuttingDown();
      await consumer.stop().catch(() => undefined);
      await eventProcessor.stop();
      await webhookQueue.stop();
      await webhookSender.stop();
      await listChanges.stop();
      await attachmentSweep.stop();
      presence.stop();
      // Only this process's sockets: through the Redis adapter a plain disconnectSockets would drop
      // every client of every chat process.
      io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await app.close();
      if (ops) await new Promise<void>((resolve) => ops!.close(() => resolve()));
      await publisher.close().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      redisPub.disconnect();
      redisSub.disconnect();
      accessSub.disconnect();
      await balancerQueue.close().catch(() => undefined);
      await reportQueue.close().catch(() => undefined);
      queueRedis.disconnect();
      await statistics.close().catch(() => undefined);
      await deps.close();
    },
  };
}

function boundPort(server: HttpServer, requested: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : requested;
}
