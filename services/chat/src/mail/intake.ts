// How a received e-mail reaches the inbox (issue 25). Two steps, so that nothing is lost:
//
// 1. `keep`: the raw message is written to the blob store and recorded (mail_received, unique per
//    mailbox and Message-ID) before the IMAP server is told it was seen or the relay is answered
//    250. A message received twice is recorded once.
// 2. `process` (a loop in the mail role): each recorded message, leased to one processor, is read
//    and ends with one recorded outcome (contracts' mailOutcomes):
//    - not a person's (automatic.ts) and answering one of our threads: kept in it as a system
//      message, so it never reopens a conversation and is never acknowledged; answering nothing of
//      ours: recorded only (a storm of auto-replies opens nothing);
//    - a delivery failure report: the answer it names is marked failed;
//    - a person's: joins its thread (threading.ts: only the conversation's own customer may), or
//      opens a conversation for the customer with that address (created if unknown), routed to the
//      mailbox's team, queued for assignment like any other; the message goes through the same
//      path as a widget message (MessageAcceptor), as the customer, with the new part of the text
//      (quotes.ts) and the files as attachments;
//    - blocked senders, our own addresses (a loop), no sender, unreadable MIME: recorded only.
//    A failure that may pass (a store away, a rate limit) is retried later with a growing wait;
//    every step is idempotent (the conversation by its request id, the message by its
//    clientMessageId, the attachments kept by id), so a retry after a crash does each thing once.
import { attachmentTypes, MAX_MESSAGE_BODY, SmartchatError, type AttachmentType, type Identity, type Mailbox, type MailOutcome } from '@smartchat/contracts';
import { classifyAutomatic, headerValue, messageIds, normalizeAddress, readReceived, receivedMessageKey, receivedSender, splitQuoted, threadOf, type ReceivedMessage } from '@smartchat/mail';
import { publishSystemMessage, systemMessageId, type ChannelWrapper, type Logger, type PgPool } from '@smartchat/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { BlobStore } from '../attachments/blob-store.js';
import type { ConversationLifecycle } from '../conversations/lifecycle.js';
import type { MessageAcceptor } from '../messaging/accept.js';
import type { CustomerStore } from '../store/customers.js';
import type { MailboxStore } from './mailbox-store.js';
import type { MailMetrics } from './mail-metrics.js';
import type { MailRecords, PendingReceipt } from './mail-records.js';
import { WorkLoop } from '../work-loop.js';

export interface MailIntakeOptions {
  pg: PgPool;
  records: MailRecords;
  mailboxes: MailboxStore;
  rawMail: BlobStore;
  lifecycle: ConversationLifecycle;
  /** Where a customer first known by their address is created. */
  customers: CustomerStore;
  acceptor: MessageAcceptor;
  attachments: AttachmentService;
  /** For system messages (automatic mail kept in its thread). */
  publisher: ChannelWrapper;
  shards: number;
  metrics: MailMetrics;
  logger: Logger;
  /** How long the intake waits when nothing is due (a new message wakes it at once). */
  pollMs: number;
  /** Acknowledgements one sender gets per rolling hour at most. */
  acknowledgementsPerHour: number;
  /** Called when an acknowledgement was queued (the sender looks at once). */
  queued(): void;
}

/** A message is leased to its processor this long; one that takes longer may be processed twice (idempotently). */
const LEASE_MS = 5 * 60_000;
/** Messages leased at once: processed side by side, one sender's in order. */
const BATCH = 32;
/** Failures that may pass are retried after 1 s, doubling, at most 15 minutes apart. */
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 15 * 60_000;

/** What a failed step of processing says: retry later (true), or an outcome was recorded. */
class Postpone extends Error {}

/** The clientMessageId of the chat message a received e-mail becomes: the same on every attempt. */
export const receivedClientMessageId = (receiptId: string) => `mail_${receiptId.replaceAll('-', '')}`;

const BLANK_BODY = '(пустое письмо / empty message)';

export class MailIntake {
  private readonly loop: WorkLoop;

  constructor(private readonly options: MailIntakeOptions) {
    this.loop = new WorkLoop(() => this.processDue(), { pollMs: options.pollMs, logger: options.logger, failed: 'processing received mail failed; retrying' });
  }

  /** Step 1: keeps a received message raw and records it; resolves once both are durable. */
  async keep(mailboxId: string, via: 'imap' | 'smtp', raw: Buffer): Promise<void> {
    const { rawMail, records, metrics } = this.options;
    const key = receivedMessageKey(raw);
    const blobKey = randomUUID();
    await rawMail.write(blobKey, once(raw));
    let recorded: boolean;
    try {
      recorded = await records.recordReceived({ mailboxId, messageId: key, via, blobKey, size: raw.length });
    } catch (error) {
      await rawMail.delete(blobKey).catch(() => undefined);
      throw error;
    }
    if (!recorded) {
      // The same message again (fetched again after a crash, relayed twice): the first copy counts.
      await rawMail.delete(blobKey);
      metrics.receivedDuplicates.inc({ via });
      return;
    }
    metrics.received.inc({ via });
    this.loop.poke();
  }

  /** Step 2, as a loop: processes what is due until stopped. */
  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /**
   * Processes what is due now; the number processed (tests, and the loop). One sender's messages
   * one after another, in the order they came (a reply after the message it answers, so that it
   * finds its thread); different senders' side by side.
   */
  async processDue(limit = BATCH): Promise<number> {
    const due = await this.options.records.leasePending(limit, LEASE_MS);
    // A message that cannot be read now is its own group: processing it postpones it.
    const read = await Promise.all(due.map(async (receipt) => ({ receipt, raw: await this.readRaw(receipt.blobKey).catch(() => undefined) })));
    const bySender = new Map<string, typeof read>();
    for (const entry of read) {
      const key = (entry.raw && receivedSender(entry.raw)) ?? `?${entry.receipt.id}`;
      const group = bySender.get(key);
      if (group) group.push(entry);
      else bySender.set(key, [entry]);
    }
    await Promise.all(
      [...bySender.values()].map(async (group) => {
        for (const { receipt, raw } of group) await this.processOne(receipt, raw);
      }),
    );
    return due.length;
  }

  private async processOne(receipt: PendingReceipt, raw: Buffer | undefined): Promise<void> {
    const { records, metrics, logger } = this.options;
    try {
      const outcome = await this.decide(receipt, raw ?? (await this.readRaw(receipt.blobKey)));
      metrics.processed.inc({ outcome });
    } catch (error) {
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(receipt.attempts - 1, 20));
      const reason = error instanceof SmartchatError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
      logger.warn({ err: error, receivedId: receipt.id, attempt: receipt.attempts, retryInMs: delay }, 'a received message could not be processed yet; it will be retried');
      metrics.processingRetries.inc();
      await records.postponeReceived(receipt.id, delay, reason);
    }
  }

  /** Reads the message and does what it calls for; the outcome it recorded. */
  private async decide(receipt: PendingReceipt, raw: Buffer): Promise<MailOutcome> {
    const { records, mailboxes } = this.options;
    const finish = async (
      state: 'processed' | 'rejected',
      outcome: MailOutcome,
      message: ReceivedMessage | null,
      extra: { detail?: Record<string, unknown>; conversationId?: string; chatMessageId?: string } = {},
    ): Promise<MailOutcome> => {
      await records.finishReceived(receipt.id, { state, outcome, sender: message?.sender ?? null, subject: message ? message.subject.slice(0, 1000) : null, ...extra });
      return outcome;
    };

    const mailbox = await mailboxes.get(receipt.mailboxId);
    if (!mailbox) throw new Postpone('the mailbox is gone');
    let message: ReceivedMessage;
    try {
      message = await readReceived(raw);
    } catch (error) {
      return finish('rejected', 'malformed', null, { detail: { reason: error instanceof Error ? error.message.slice(0, 300) : 'unreadable' } });
    }
    const sender = message.sender;
    if (!sender) return finish('rejected', 'no_sender', message);
    if (await this.isOwnAddress(sender)) return finish('rejected', 'own_address', message);
    if (await this.isBlocked(sender)) return finish('rejected', 'blocked', message);

    const verdict = classifyAutomatic(message.headers, sender);
    if (verdict.bounce) {
      const failed: string[] = [];
      let conversationId: string | undefined;
      for (const id of message.reported) {
        const delivery = await records.markBounced(id, `bounced: ${message.reportText ?? message.subject}`);
        if (delivery) {
          failed.push(delivery.id);
          conversationId ??= delivery.conversationId;
        }
      }
      return finish('processed', 'bounce', message, { detail: { deliveries: failed, reported: message.reported }, ...(conversationId ? { conversationId } : {}) });
    }

    const thread = await threadOf(message.headers, sender, message.recipients, records);
    const threadDetail = thread.kind === 'new' && thread.reason === 'foreign_sender' ? { thread: 'foreign_sender', named: thread.named } : {};

    if (verdict.automatic) {
      if (thread.kind !== 'join') return finish('rejected', 'automatic_unthreaded', message, { detail: { reason: verdict.reason, ...threadDetail } });
      const id = systemMessageId(`mail:${receipt.id}`, receipt.receivedAt);
      const facts = await this.conversationFacts(thread.conversationId);
      const text = splitQuoted(message.text).visible.trim();
      const body = truncate(`Автоматический ответ / Automatic reply — ${sender} (${verdict.reason}):\n\n${text || message.subject || BLANK_BODY}`);
      await publishSystemMessage(this.options.publisher, this.options.shards, { id, conversationId: thread.conversationId, body, internal: false, customerId: facts.customerId });
      await this.rememberThread(receipt, message, thread.conversationId);
      return finish('processed', 'automatic_attached', message, { detail: { reason: verdict.reason }, conversationId: thread.conversationId, chatMessageId: id });
    }

    // A person's message: into its thread, or a new conversation for the customer with this address.
    const customer = thread.kind === 'join' ? await this.customerOf(thread.conversationId) : await this.customerFor(sender, message.senderName);
    const identity: Identity = { type: 'customer', customerId: customer.id, externalId: customer.externalId, name: customer.name };
    const clientMessageId = receivedClientMessageId(receipt.id);
    let conversationId: string;
    let opened = false;
    if (thread.kind === 'join') {
      conversationId = thread.conversationId;
    } else {
      const conversation = await this.options.lifecycle.open(customer.id, {
        topic: mailbox.topic,
        channel: 'email',
        requestId: clientMessageId,
        teamId: mailbox.teamId,
        subject: message.subject.slice(0, 1000) || '(без темы / no subject)',
        alsoWrite: async (client, id) => {
          await client.query(`INSERT INTO mail_conversations (conversation_id, mailbox_id, customer_address, reply_token) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
            id,
            mailbox.id,
            sender,
            randomBytes(18).toString('base64url'),
          ]);
        },
      });
      conversationId = conversation.id;
      opened = true;
    }
    const attachments = await this.attachmentsFor(receipt, identity, conversationId, message);
    const notes = attachments.refused.map((file) => `[${file.name}: ${file.reason}]`);
    // Inline images (a photo pasted into the mail) are shown in the text, each as an image line.
    const images = attachments.inline.map((image) => `![${image.name.replace(/[[\]\n]/g, ' ').slice(0, 200)}](attachment:${image.id})`);
    const visible = splitQuoted(message.text).visible.trim();
    const body = truncate([visible, ...images, ...notes].filter(Boolean).join('\n\n') || (attachments.ids.length > 0 ? '' : BLANK_BODY));
    const sent = await this.options.acceptor.send(identity, { conversationId, clientMessageId, body, attachments: attachments.ids });
    await this.rememberThread(receipt, message, conversationId);
    if (opened) await this.acknowledge(mailbox, conversationId, sender, receipt.id);
    return finish('processed', opened ? 'new_conversation' : 'joined', message, {
      detail: { ...(thread.kind === 'join' ? { by: thread.by } : threadDetail), ...(attachments.refused.length > 0 ? { refusedFiles: attachments.refused } : {}) },
      conversationId,
      chatMessageId: sent.id,
    });
  }

  private async readRaw(blobKey: string): Promise<Buffer> {
    const stream = await this.options.rawMail.open(blobKey);
    if (!stream) throw new Postpone(`the stored message ${blobKey} cannot be read`);
    return buffer(stream);
  }

  private async isOwnAddress(sender: string): Promise<boolean> {
    const { rows } = await this.options.pg.query<{ own: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM mailboxes WHERE address = $1 OR ($2 <> '' AND split_part(address::text, '@', 2) = $2)) AS own`,
      // A reply address (reply+<token>@ a mailbox's domain) is ours too.
      [sender, /^reply\+[^@]*@/.test(sender) ? sender.slice(sender.indexOf('@') + 1) : ''],
    );
    return rows[0]!.own;
  }

  private async isBlocked(sender: string): Promise<boolean> {
    const { rows } = await this.options.pg.query<{ blocked: boolean }>(`SELECT EXISTS (SELECT 1 FROM mail_blocked_senders WHERE pattern IN ($1, $2)) AS blocked`, [sender, sender.slice(sender.indexOf('@'))]);
    return rows[0]!.blocked;
  }

  private async conversationFacts(conversationId: string): Promise<{ customerId: string | null }> {
    const { rows } = await this.options.pg.query<{ customer_id: string | null }>('SELECT customer_id FROM conversations WHERE id = $1', [conversationId]);
    if (!rows[0]) throw new Postpone(`conversation ${conversationId} is gone`);
    return { customerId: rows[0].customer_id };
  }

  /** The customer of a conversation a message joins (threading matched the sender to its address). */
  private async customerOf(conversationId: string): Promise<{ id: string; externalId: string; name: string | null }> {
    const { rows } = await this.options.pg.query<{ id: string; external_id: string; name: string | null }>(
      'SELECT cu.id, cu.external_id, cu.name FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1',
      [conversationId],
    );
    if (!rows[0]) throw new Postpone(`conversation ${conversationId} has no customer`);
    return { id: rows[0].id, externalId: rows[0].external_id, name: rows[0].name };
  }

  /**
   * The customer who writes from this address: the oldest with it (a customer the back-office
   * knows keeps their record), or a new one, `email:<address>`.
   */
  private async customerFor(address: string, name: string | null): Promise<{ id: string; externalId: string; name: string | null }> {
    const found = await this.options.pg.query<{ id: string; external_id: string; name: string | null }>('SELECT id, external_id, name FROM customers WHERE email = $1 ORDER BY created_at LIMIT 1', [address]);
    if (found.rows[0]) return { id: found.rows[0].id, externalId: found.rows[0].external_id, name: found.rows[0].name };
    const externalId = `email:${address}`;
    const shownName = name?.slice(0, 200) ?? null;
    return { id: await this.options.customers.resolve(externalId, { name: shownName, email: address }), externalId, name: shownName };
  }

  /**
   * The message's files as attachments of the conversation, uploaded once (their ids are kept with
   * the receipt, so a second attempt sends the same ones). A file the attachment rules refuse (its
   * type, its size) is named in the text instead; it stays in the original.
   */
  private async attachmentsFor(
    receipt: PendingReceipt,
    identity: Identity,
    conversationId: string,
    message: ReceivedMessage,
  ): Promise<{ ids: string[]; inline: { id: string; name: string }[]; refused: { name: string; reason: string }[] }> {
    const refused: { name: string; reason: string }[] = [];
    if (receipt.attachmentIds) {
      // Uploaded by an earlier attempt: the same files, the inline ones named as they were stored.
      const { rows } = await this.options.pg.query<{ id: string; name: string }>('SELECT id, name FROM attachments WHERE id = ANY($1::uuid[])', [receipt.inlineAttachmentIds]);
      const names = new Map(rows.map((row) => [row.id, row.name]));
      return { ids: receipt.attachmentIds, inline: receipt.inlineAttachmentIds.map((id) => ({ id, name: names.get(id) ?? 'image' })), refused };
    }
    const ids: string[] = [];
    const inline: { id: string; name: string }[] = [];
    for (const file of message.files.slice(0, 10)) {
      try {
        const uploaded = await this.options.attachments.upload(identity, { conversationId, name: file.filename, contentType: file.contentType, declaredBytes: file.size, body: once(file.content) });
        ids.push(uploaded.id);
        if (file.inline && attachmentTypes[uploaded.contentType as AttachmentType]?.image) inline.push({ id: uploaded.id, name: uploaded.name });
      } catch (error) {
        if (!(error instanceof SmartchatError) || error.code === 'SC_ERR_UNAVAILABLE' || error.code === 'SC_ERR_CONVERSATION_NOT_FOUND') throw error;
        refused.push({ name: file.filename.slice(0, 200), reason: refusalText(error.code) });
      }
    }
    if (message.files.length > 10) refused.push({ name: `+${message.files.length - 10}`, reason: refusalText('too_many') });
    await this.options.records.keepAttachmentIds(
      receipt.id,
      ids,
      inline.map((image) => image.id),
    );
    return { ids, inline, refused };
  }

  private async rememberThread(receipt: PendingReceipt, message: ReceivedMessage, conversationId: string): Promise<void> {
    if (receipt.key.startsWith('sha256:')) return;
    await this.options.records.rememberThreadId({
      messageId: receipt.key,
      conversationId,
      direction: 'in',
      subject: message.subject,
      references: messageIds(headerValue(message.headers, 'references')),
    });
  }

  /** The mailbox's acknowledgement of a new conversation, within the per-sender limit. */
  private async acknowledge(mailbox: Mailbox, conversationId: string, sender: string, receiptId: string): Promise<void> {
    if (!mailbox.autoAcknowledge) return;
    const { records, acknowledgementsPerHour, metrics } = this.options;
    if ((await records.acknowledgementsWithinHour(sender)) >= acknowledgementsPerHour) {
      metrics.acknowledgementsLimited.inc();
      return;
    }
    const domain = normalizeAddress(mailbox.address)!.split('@')[1]!;
    // Keyed by the receipt: a second attempt queues nothing more.
    await records.enqueue({ conversationId, mailboxId: mailbox.id, kind: 'acknowledgement', chatMessageId: null, recipient: sender, mailMessageId: `ack-${receiptId}@${domain}` });
    this.options.queued();
  }
}

async function* once(content: Buffer): AsyncIterable<Buffer> {
  yield content;
}

function truncate(body: string): string {
  if (body.length <= MAX_MESSAGE_BODY) return body;
  const note = '\n\n[…] (полный текст — в оригинале письма / the full text is in the original message)';
  return body.slice(0, MAX_MESSAGE_BODY - note.length) + note;
}

function refusalText(code: string): string {
  switch (code) {
    case 'SC_ERR_ATTACHMENT_TYPE':
      return 'не принят: тип файла / not attached: file type';
    case 'SC_ERR_ATTACHMENT_TOO_LARGE':
      return 'не принят: слишком большой / not attached: too large';
    case 'SC_ERR_ATTACHMENT_QUOTA':
      return 'не принят: квота / not attached: quota';
    case 'too_many':
      return 'не приняты: больше 10 файлов / not attached: more than 10 files';
    default:
      return 'не принят / not attached';
  }
}
