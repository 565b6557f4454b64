// The composition root of the mail role (issue 25): a separate deployable built from the chat
// image (`node services/chat/src/mail-main.ts`), because it needs the chat tier's own message path
// (conversations opened and messages accepted exactly as the widget's are) but none of its public
// surface, and because its connections (IMAP sessions, an SMTP port, slow remote mail servers) must
// neither hold up nor be restarted with the socket gateway. It runs:
//
// - an IMAP reader per enabled IMAP mailbox, each held by one mail process at a time (a Postgres
//   advisory lock per mailbox on one connection; a second replica takes over when the first dies);
// - the SMTP listener for relayed mail (every replica; the relay may reach any);
// - the intake (received mail into conversations) and the sender (answers out), on every replica,
//   each message leased to one of them;
// - the answer queue (a Kafka consumer group: replicas share its partitions).
import {
  BalancerQueue,
  createConfirmChannel,
  createKafka,
  createLogger,
  createMetricsRegistry,
  createRedis,
  declareDeliveryTopology,
  ensureTopics,
  parseKeyring,
  startOpsServer,
  type Logger,
  type PgPool,
  type Registry,
} from '@smartchat/platform';
import { ImapReader, normalizeAddress, replyTokenOf, SmtpSender, startSmtpReceiver, type SmtpReceiver } from '@smartchat/mail';
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { AccessChanges } from '../access/access-changes.js';
import { AccessStore } from '../access/access-store.js';
import { AuditLog } from '../access/audit-log.js';
import { Mentions } from '../access/mentions.js';
import { createAttachments } from '../attachments/create-attachments.js';
import { FilesystemBlobStore } from '../attachments/blob-store.js';
import type { ChatConfig } from '../config.js';
import { ConversationLifecycle } from '../conversations/lifecycle.js';
import { CustomerOpenLimit } from '../conversations/open-limit.js';
import { connectChatDependencies } from '../dependencies.js';
import { MessageAcceptor } from '../messaging/accept.js';
import { DeliveryPublisher } from '../messaging/delivery-publisher.js';
import { createMessagingMetrics } from '../messaging/metrics.js';
import { ConversationFacts } from '../store/conversation-facts.js';
import { ConversationStore } from '../store/conversations.js';
import { CustomerStore } from '../store/customers.js';
import { MessageStore } from '../store/messages.js';
import { MailIntake } from './intake.js';
import { createMailMetrics } from './mail-metrics.js';
import { MailRecords } from './mail-records.js';
import { MailboxStore, type MailboxCredentials } from './mailbox-store.js';
import { AnswerQueue, MailSender } from './outbound.js';

export interface MailProcess {
  registry: Registry;
  logger: Logger;
  intake: MailIntake;
  sender: MailSender;
  /** The operational endpoints on host:opsPort and, when configured, the SMTP listener; the bound ports. */
  listen(host: string, opsPort: number): Promise<{ opsPort: number; smtpPort: number | null }>;
  close(): Promise<void>;
}

/** How often the mailboxes are read again (a new, changed or disabled one), at most. */
const MAILBOX_RELOAD_MS = 10_000;

export async function createMailProcess(config: ChatConfig, options: { logger?: Logger } = {}): Promise<MailProcess> {
  const logger = options.logger ?? createLogger({ service: 'mail', level: config.SMARTCHAT_LOG_LEVEL });
  const registry = createMetricsRegistry('mail');
  const deps = connectChatDependencies(config, logger);
  const keyring = config.SMARTCHAT_SECRET_KEYS ? parseKeyring(config.SMARTCHAT_SECRET_KEYS) : undefined;

  const conversations = new ConversationStore(deps.pg);
  const facts = new ConversationFacts(deps.pg);
  const access = new AccessStore(deps.pg, facts);
  const audit = new AuditLog(deps.pg);
  const accessSub = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'mail-access-sub', subscriber: true });
  // Only announces (consoles re-check what they may see); this process has no sockets to re-check.
  const accessChanges = new AccessChanges({ publisher: deps.redis, subscriber: accessSub, access, facts, logger });
  const mentions = new Mentions(deps.pg, accessChanges);
  const messages = new MessageStore(deps.cql, config.SMARTCHAT_CASSANDRA_KEYSPACE);
  const queueRedis = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'mail-balancer-queue' });
  const balancerQueue = new BalancerQueue(queueRedis, config.SMARTCHAT_QUEUE_PREFIX);
  const openLimit = new CustomerOpenLimit({ redis: deps.redis, perHour: config.SMARTCHAT_CUSTOMER_OPENS_PER_HOUR, logger });
  const lifecycle = new ConversationLifecycle({ pg: deps.pg, conversations, access, changes: accessChanges, audit, queue: balancerQueue, logger, openLimit });
  const messagingMetrics = createMessagingMetrics(registry);
  const { attachments, sweep: attachmentSweep } = createAttachments(config, { pg: deps.pg, access, messages, registry, logger });
  const shards = config.SMARTCHAT_DELIVERY_SHARDS;
  const publisher = createConfirmChannel(deps.rabbit, (channel) => declareDeliveryTopology(channel, shards));
  const delivery = new DeliveryPublisher({ publisher, shards, timeoutMs: 5000, lingerMs: 0, observeGroup: (size) => messagingMetrics.publishGroup.observe(size) });
  const acceptor = new MessageAcceptor({ redis: deps.redis, access, mentions, attachments, delivery, metrics: messagingMetrics, logger, sendLimitPer10s: config.SMARTCHAT_SEND_LIMIT_PER_10S });

  const records = new MailRecords(deps.pg);
  const mailboxes = new MailboxStore(deps.pg, keyring);
  const rawMail = new FilesystemBlobStore(join(config.SMARTCHAT_BLOB_DIR, 'mail'));
  const metrics = createMailMetrics(registry, records);
  const smtp = new SmtpSender();
  const sender = new MailSender({
    records,
    mailboxes,
    messages,
    attachmentBlobs: new FilesystemBlobStore(config.SMARTCHAT_BLOB_DIR),
    smtp,
    metrics,
    logger,
    maxAttempts: config.SMARTCHAT_MAIL_SEND_ATTEMPTS,
    retryBaseMs: config.SMARTCHAT_MAIL_RETRY_BASE_MS,
    pollMs: Math.min(1000, config.SMARTCHAT_MAIL_POLL_MS),
    ...(config.SMARTCHAT_PUBLIC_URL ? { csatLinks: { publicUrl: config.SMARTCHAT_PUBLIC_URL.replace(/\/+$/, ''), secret: config.SMARTCHAT_SESSION_SECRET } } : {}),
  });
  const intake = new MailIntake({
    pg: deps.pg,
    records,
    mailboxes,
    rawMail,
    lifecycle,
    customers: new CustomerStore(deps.pg),
    acceptor,
    attachments,
    publisher,
    shards,
    metrics,
    logger,
    pollMs: Math.min(1000, config.SMARTCHAT_MAIL_POLL_MS),
    acknowledgementsPerHour: config.SMARTCHAT_MAIL_ACKS_PER_SENDER_PER_HOUR,
    queued: () => sender.poke(),
  });
  const kafka = createKafka({ brokers: config.SMARTCHAT_KAFKA_BROKERS, clientId: 'smartchat-mail', logger });
  const answers = new AnswerQueue({ kafka, topic: config.SMARTCHAT_EVENTS_TOPIC, groupId: config.SMARTCHAT_MAIL_EVENTS_GROUP, records, logger, queued: () => sender.poke() });
  const readers = new ImapReaders({ config, mailboxes, intake, metrics, records, logger, pg: deps.pg });

  intake.start();
  sender.start();
  readers.start();
  const answersStarted = (async () => {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic: config.SMARTCHAT_EVENTS_TOPIC, numPartitions: 12 }]).finally(() => admin.disconnect());
    await answers.start();
  })();
  answersStarted.catch((error: unknown) => logger.error({ err: error }, 'the answer queue did not start (answers are not mailed until it does)'));

  let ops: HttpServer | undefined;
  let receiver: SmtpReceiver | undefined;
  return {
    registry,
    logger,
    intake,
    sender,
    async listen(host, opsPort) {
      ops = (await startOpsServer({ host, port: opsPort, health: deps.health, registry })).server;
      if (config.SMARTCHAT_MAIL_SMTP_PORT > 0) {
        receiver = await startSmtpReceiver({
          host: config.SMARTCHAT_MAIL_SMTP_HOST,
          port: config.SMARTCHAT_MAIL_SMTP_PORT,
          maxBytes: config.SMARTCHAT_MAIL_MAX_BYTES,
          accepts: (address) => recipientMailbox(records, address),
          store: async (raw, mailboxIds) => {
            for (const mailboxId of mailboxIds) await intake.keep(mailboxId, 'smtp', raw);
          },
          refused: async ({ size, mailboxIds, sender: from }) => {
            metrics.refusedTooLarge.inc({ via: 'smtp' });
            for (const mailboxId of mailboxIds) {
              await records.recordRefused({ mailboxId, messageId: `refused:${Date.now()}:${Math.random().toString(36).slice(2)}`, via: 'smtp', size, outcome: 'too_large', sender: normalizeAddress(from), subject: null, detail: { maxBytes: config.SMARTCHAT_MAIL_MAX_BYTES } });
            }
          },
          onError: (error, phase) => logger.warn({ err: error, phase }, 'smtp listener'),
        });
      }
      const address = ops.address();
      return { opsPort: typeof address === 'object' && address ? address.port : opsPort, smtpPort: receiver?.port ?? null };
    },
    async close() {
      deps.health.markShuttingDown();
      await receiver?.close();
      await readers.stop();
      await Promise.all([intake.stop(), sender.stop(), answers.stop()]);
      await attachmentSweep.stop();
      smtp.close();
      if (ops) await new Promise<void>((resolve) => ops!.close(() => resolve()));
      await publisher.close().catch(() => undefined);
      accessSub.disconnect();
      await balancerQueue.close().catch(() => undefined);
      queueRedis.disconnect();
      await deps.close();
    },
  };
}

/** The mailbox a recipient of relayed mail belongs to: a mailbox's address, or a conversation's reply address. */
async function recipientMailbox(records: MailRecords, address: string): Promise<string | null> {
  const normalized = normalizeAddress(address);
  if (!normalized) return null;
  return records.recipientMailbox(normalized, replyTokenOf(address));
}

/**
 * The IMAP readers of this process: one per enabled IMAP mailbox whose advisory lock this process
 * holds (on one dedicated connection: if it drops, every lock is gone, and so are the readers).
 * The mailboxes are read again every few seconds, so that a new, changed or disabled mailbox is
 * picked up without a restart.
 */
class ImapReaders {
  private readonly running = new Map<string, { reader: ImapReader; fingerprint: string }>();
  /** Mailboxes whose password did not open, logged once each. */
  private readonly reported = new Set<string>();
  private lockClient: PoolClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      config: ChatConfig;
      mailboxes: MailboxStore;
      intake: MailIntake;
      metrics: ReturnType<typeof createMailMetrics>;
      records: MailRecords;
      logger: Logger;
      pg: PgPool;
    },
  ) {}

  start(): void {
    const tick = () => {
      this.syncing = this.sync().catch((error: unknown) => this.options.logger.warn({ err: error }, 'the mailboxes could not be read; retrying'));
      void this.syncing.then(() => {
        if (!this.stopped) this.timer = setTimeout(tick, Math.min(MAILBOX_RELOAD_MS, this.options.config.SMARTCHAT_MAIL_POLL_MS));
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.syncing;
    await Promise.all([...this.running.values()].map(({ reader }) => reader.stop()));
    this.running.clear();
    this.lockClient?.release();
    this.lockClient = undefined;
  }

  private async sync(): Promise<void> {
    if (this.stopped) return;
    const { mailboxes, logger } = this.options;
    const { mailboxes: readable, unreadable } = await mailboxes.credentials();
    for (const mailbox of unreadable) {
      if (this.reported.has(mailbox.id)) continue;
      this.reported.add(mailbox.id);
      logger.error({ mailboxId: mailbox.id, address: mailbox.address, problem: mailbox.problem }, "a mailbox's password cannot be opened with SMARTCHAT_SECRET_KEYS (a key removed too early?); it is not read until its password is saved again");
    }
    const wanted = readable.filter((entry) => entry.mailbox.inbound === 'imap' && entry.mailbox.imap && entry.imapPassword !== null);
    const client = await this.locks();
    const wantedIds = new Set(wanted.map((entry) => entry.mailbox.id));
    for (const [id, running] of this.running) {
      const entry = wanted.find((candidate) => candidate.mailbox.id === id);
      if (!wantedIds.has(id) || (entry && fingerprint(entry) !== running.fingerprint)) {
        await running.reader.stop();
        this.running.delete(id);
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`mail-imap:${id}`]);
      }
    }
    for (const entry of wanted) {
      if (this.running.has(entry.mailbox.id) || this.stopped) continue;
      const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [`mail-imap:${entry.mailbox.id}`]);
      if (!rows[0]!.held) continue; // another mail process reads it
      const reader = this.reader(entry);
      this.running.set(entry.mailbox.id, { reader, fingerprint: fingerprint(entry) });
      reader.start();
      logger.info({ mailboxId: entry.mailbox.id, address: entry.mailbox.address }, 'reading mailbox over IMAP');
    }
  }

  /** The connection that holds the mailboxes' locks; a new one (and no readers) after it was lost. */
  private async locks(): Promise<PoolClient> {
    if (this.lockClient) return this.lockClient;
    const client = await this.options.pg.connect();
    client.on('error', (error: unknown) => {
      this.options.logger.warn({ err: error }, 'the connection holding the IMAP mailbox locks was lost; readers stop and take the locks again');
      if (this.lockClient === client) this.lockClient = undefined;
      const readers = [...this.running.values()];
      this.running.clear();
      for (const { reader } of readers) void reader.stop();
      client.release(true);
    });
    this.lockClient = client;
    return client;
  }

  private reader(entry: MailboxCredentials): ImapReader {
    const { mailbox } = entry;
    const imap = mailbox.imap!;
    const { config, intake, metrics, records, logger } = this.options;
    return new ImapReader({
      settings: { host: imap.host, port: imap.port, tls: imap.tls, user: imap.user, password: entry.imapPassword!, folder: imap.folder },
      pollMs: config.SMARTCHAT_MAIL_POLL_MS,
      maxBytes: config.SMARTCHAT_MAIL_MAX_BYTES,
      store: (raw) => intake.keep(mailbox.id, 'imap', raw),
      refuse: async (message) => {
        metrics.refusedTooLarge.inc({ via: 'imap' });
        await records.recordRefused({
          mailboxId: mailbox.id,
          messageId: message.messageId?.replace(/^<|>$/g, '') ?? `imap-uid:${message.uid}:${Date.now()}`,
          via: 'imap',
          size: message.size,
          outcome: 'too_large',
          sender: normalizeAddress(message.sender),
          subject: message.subject,
          detail: { maxBytes: config.SMARTCHAT_MAIL_MAX_BYTES, imapUid: message.uid },
        });
      },
      onError: (error, phase) => logger.warn({ err: error, phase, mailboxId: mailbox.id }, 'imap reader'),
    });
  }
}

/** What a reader depends on: when it changes, the reader is started again. */
function fingerprint(entry: MailboxCredentials): string {
  return JSON.stringify([entry.mailbox.imap, entry.imapPassword, entry.mailbox.updatedAt]);
}
