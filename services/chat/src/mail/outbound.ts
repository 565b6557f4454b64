// How an agent's answer leaves by e-mail (issue 25, "Outbound"). Two parts:
//
// - AnswerQueue reads the domain events (Kafka, its own consumer group) and queues each agent's
//   reply (kind `reply`) and each notice from the back-office (kind `notice`: a trip change, a
//   document; never a note, a system message or anything internal) in an e-mail conversation, once (mail_outbound, unique by the chat message id), with the Message-ID it will
//   carry, and the satisfaction survey of each close of one (`csat.requested`: a mail with links
//   to rate it, csat/mail-link.ts). The event's offset is committed only after the row is written:
//   nothing is skipped.
// - MailSender sends what is due: each row leased to one sender, the message read from the message
//   store (its current text: an edit before sending is sent; a deletion cancels it, as failed), with
//   the threading fields (outgoing.ts), the mailbox's signature and the message's files. A failure
//   that may pass is retried with a doubling wait; a permanent one (a 5xx answer, a refused
//   recipient) or the last attempt marks it failed with the server's words, shown in the console,
//   where an agent may queue it again. A bounce later marks a sent one failed too (intake.ts).
import { SmartchatError } from '@smartchat/contracts';
import { escapeHtml, renderMarkup } from '@smartchat/core';
import { nodemailerOptions, outgoingMessage, SendFailure, type OutgoingAttachment, type SmtpSender } from '@smartchat/mail';
import { type Consumer, type Kafka, type Logger } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { BlobStore } from '../attachments/blob-store.js';
import { csatLinkToken } from '../csat/mail-link.js';
import type { MessageStore } from '../store/messages.js';
import type { MailboxStore } from './mailbox-store.js';
import type { MailMetrics } from './mail-metrics.js';
import type { DueDelivery, MailRecords } from './mail-records.js';
import { WorkLoop } from '../work-loop.js';

export interface AnswerQueueOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  records: MailRecords;
  logger: Logger;
  /** Called when an answer was queued (the sender looks at once). */
  queued(): void;
}

/** The fields of message.created and csat.requested this reads. */
interface DomainEventRecord {
  type: string;
  conversationId: string;
  data?: { messageId?: string; kind?: string; internal?: boolean; surveyId?: string };
}

export class AnswerQueue {
  private consumer: Consumer | undefined;

  constructor(private readonly options: AnswerQueueOptions) {}

  async start(): Promise<void> {
    const { kafka, topic, groupId } = this.options;
    const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3000 });
    this.consumer = consumer;
    await consumer.connect();
    // A new group reads the topic from its start: nothing written before it first ran is skipped,
    // and a reply queued before is not queued again (mail_outbound is unique by message id).
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ messages }) => {
        for (const { message } of messages) await this.consider(message.value);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }

  /**
   * Queues what the event calls for: an agent's reply in an e-mail conversation, or the survey of
   * a closed one; throws (and the event is given again) when the store fails.
   */
  async consider(value: Buffer | null): Promise<boolean> {
    let event: DomainEventRecord;
    try {
      event = JSON.parse(value?.toString('utf8') ?? 'null') as DomainEventRecord;
    } catch {
      return false;
    }
    // An agent's reply, or a notice (a trip change, a document from the back-office) to the customer.
    const reply = event?.type === 'message.created' && (event.data?.kind === 'reply' || event.data?.kind === 'notice') && event.data.internal === false && typeof event.data.messageId === 'string';
    const survey = event?.type === 'csat.requested' && typeof event.data?.surveyId === 'string';
    if (!reply && !survey) return false;
    const conversation = await this.options.records.emailConversation(event.conversationId);
    if (!conversation) return false;
    const domain = await this.mailboxDomain(conversation.mailboxId);
    if (!domain) return false;
    const queued = await this.options.records.enqueue(
      reply
        ? { conversationId: conversation.conversationId, mailboxId: conversation.mailboxId, kind: event.data!.kind === 'notice' ? 'notice' : 'reply', chatMessageId: event.data!.messageId!, recipient: conversation.customerAddress, mailMessageId: `${randomUUID()}@${domain}` }
        : {
            conversationId: conversation.conversationId,
            mailboxId: conversation.mailboxId,
            kind: 'csat',
            chatMessageId: null,
            surveyId: event.data!.surveyId!,
            recipient: conversation.customerAddress,
            // One survey, one message: queued again (an event given twice), it is the same row.
            mailMessageId: `csat-${event.data!.surveyId!}@${domain}`,
          },
    );
    if (queued) this.options.queued();
    return queued;
  }

  private async mailboxDomain(mailboxId: string): Promise<string | null> {
    const address = await this.options.records.mailboxAddress(mailboxId);
    return address ? address.slice(address.lastIndexOf('@') + 1) : null;
  }
}

export interface MailSenderOptions {
  records: MailRecords;
  mailboxes: MailboxStore;
  messages: Pick<MessageStore, 'get'>;
  /** Where attachment files are (the attachment store's blobs). */
  attachmentBlobs: BlobStore;
  smtp: SmtpSender;
  metrics: MailMetrics;
  logger: Logger;
  maxAttempts: number;
  retryBaseMs: number;
  /** How long the sender waits when nothing is due (a queued answer wakes it at once). */
  pollMs: number;
  /** Where customers reach Smartchat (SMARTCHAT_PUBLIC_URL) and the links' secret; without them no survey is mailed. */
  csatLinks?: { publicUrl: string; secret: string };
}

/** Its mailbox is disabled: the delivery is not tried. */
class MailboxDisabled extends Error {
  constructor() {
    super('the mailbox is disabled: it is sent once the mailbox is enabled again');
  }
}

/** How often a delivery whose mailbox is disabled looks again, at most. */
const DISABLED_RECHECK_MS = 60_000;
/** A delivery is leased to its sender this long; one taking longer may be sent twice (with the same Message-ID). */
const LEASE_MS = 2 * 60_000;
const RETRY_MAX_MS = 60 * 60_000;
const ACKNOWLEDGEMENT_TEXT = (subject: string) =>
  [
    'Здравствуйте!',
    '',
    `Мы получили ваше письмо${subject ? ` «${subject}»` : ''} и ответим в ближайшее время. Чтобы дополнить обращение, просто ответьте на это письмо.`,
    '',
    'Hello,',
    '',
    'We have received your message and will answer soon. To add to it, simply reply to this e-mail.',
  ].join('\n');

const RATINGS = [5, 4, 3, 2, 1] as const;
const RATING_WORDS: Record<number, string> = { 5: 'Отлично / Excellent', 4: 'Хорошо / Good', 3: 'Нормально / OK', 2: 'Плохо / Poor', 1: 'Очень плохо / Very poor' };
const CSAT_TEXT = (subject: string, link: (rating: number) => string) =>
  [
    `Оцените, пожалуйста, как мы помогли${subject ? ` по обращению «${subject}»` : ''}. / Please rate how we helped.`,
    '',
    ...RATINGS.map((rating) => `${rating} — ${RATING_WORDS[rating]}: ${link(rating)}`),
  ].join('\n');
const CSAT_HTML = (subject: string, link: (rating: number) => string) =>
  `<p>Оцените, пожалуйста, как мы помогли${subject ? ` по обращению «${escapeHtml(subject)}»` : ''}. / Please rate how we helped.</p><ul>` +
  RATINGS.map((rating) => `<li><a href="${escapeHtml(link(rating))}">${rating} — ${escapeHtml(RATING_WORDS[rating]!)}</a></li>`).join('') +
  '</ul>';

export class MailSender {
  private readonly loop: WorkLoop;

  constructor(private readonly options: MailSenderOptions) {
    this.loop = new WorkLoop(() => this.sendDue(), { pollMs: options.pollMs, logger: options.logger, failed: 'the sending queue could not be read; retrying' });
  }

  start(): void {
    this.loop.start();
  }

  /** Looks for due answers now. */
  poke(): void {
    this.loop.poke();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends what is due now; how many were tried. */
  async sendDue(limit = 10): Promise<number> {
    const due = await this.options.records.leaseDue(limit, LEASE_MS);
    await Promise.all(due.map((delivery) => this.sendOne(delivery)));
    return due.length;
  }

  private async sendOne(delivery: DueDelivery): Promise<void> {
    const { records, metrics, logger } = this.options;
    try {
      await this.send(delivery);
      await records.markSent(delivery.id);
      metrics.sent.inc({ kind: delivery.kind });
    } catch (error) {
      // Its mailbox is disabled: it waits, without using up its attempts, until the mailbox is enabled.
      if (error instanceof MailboxDisabled) return records.markWaiting(delivery.id, Math.min(DISABLED_RECHECK_MS, this.options.retryBaseMs), error.message);
      const failure = error instanceof SendFailure ? error : new SendFailure(error instanceof Error ? error.message : String(error), false);
      const last = failure.permanent || delivery.attempts >= this.options.maxAttempts;
      logger.warn({ deliveryId: delivery.id, conversationId: delivery.conversationId, attempt: delivery.attempts, permanent: failure.permanent, reason: failure.message }, last ? 'an e-mail could not be sent; marked failed' : 'an e-mail could not be sent yet; retrying');
      metrics.sendFailures.inc({ result: last ? 'failed' : 'retry' });
      if (last) await records.markFailed(delivery.id, failure.message);
      else await records.markRetry(delivery.id, Math.min(RETRY_MAX_MS, this.options.retryBaseMs * 2 ** (delivery.attempts - 1)), failure.message);
    }
  }

  private async send(delivery: DueDelivery): Promise<void> {
    const { records, mailboxes } = this.options;
    const credentials = await mailboxes.credentialsOf(delivery.mailboxId);
    if (!credentials) throw new SendFailure('the mailbox no longer exists', true);
    const { mailbox, smtpPassword } = credentials;
    if (!mailbox.enabled) throw new MailboxDisabled();
    const conversation = await records.emailConversation(delivery.conversationId);
    if (!conversation) throw new SendFailure('not an e-mail conversation', true);

    let text: string;
    let html: string | undefined;
    const attachments: OutgoingAttachment[] = [];
    if (delivery.kind === 'reply' || delivery.kind === 'notice') {
      const message = delivery.chatMessageId ? await this.options.messages.get(delivery.conversationId, delivery.chatMessageId) : undefined;
      if (!message) throw new SendFailure('the message is not in the message store', false);
      if (message.deleted) throw new SendFailure('the message was deleted before it was sent', true);
      // Only what the customer may see is ever mailed: the queue holds replies and notices only, and this checks again.
      if (message.kind !== delivery.kind) throw new SendFailure(`a ${message.kind} is never sent by e-mail as a ${delivery.kind}`, true);
      text = message.body;
      html = renderMarkup(message.body);
      for (const file of message.attachments) attachments.push({ filename: file.name, contentType: file.contentType, content: await this.file(file.id) });
    } else if (delivery.kind === 'csat') {
      if (!this.options.csatLinks) throw new SendFailure('survey links need SMARTCHAT_PUBLIC_URL (where customers reach Smartchat)', true);
      const links = this.options.csatLinks;
      const linkOf = (rating: number) => `${links.publicUrl}/csat/${csatLinkToken(links.secret, delivery.surveyId!)}?rating=${rating}`;
      text = CSAT_TEXT(conversation.subject ?? '', linkOf);
      html = CSAT_HTML(conversation.subject ?? '', linkOf);
    } else {
      text = ACKNOWLEDGEMENT_TEXT(conversation.subject ?? '');
    }
    const answering = await records.latestReceived(delivery.conversationId);
    const outgoing = {
      ...outgoingMessage({
        mailbox: { address: mailbox.address, name: mailbox.displayName, signature: mailbox.signature },
        to: delivery.recipient,
        subject: conversation.subject ?? '',
        text,
        replyToken: conversation.replyToken,
        ...(answering ? { answering } : {}),
        automatic: delivery.kind !== 'reply',
      }),
      // Chosen when it was queued: every attempt carries the same one.
      messageId: delivery.mailMessageId,
    };
    const signatureHtml = mailbox.signature.trim() ? `<p>--<br>${renderMarkup(mailbox.signature)}</p>` : '';
    await this.options.smtp.send(
      { host: mailbox.smtp.host, port: mailbox.smtp.port, security: mailbox.smtp.security, user: mailbox.smtp.user, password: smtpPassword },
      { ...nodemailerOptions(outgoing), ...(html !== undefined ? { html: `${html}${signatureHtml}` } : {}), ...(attachments.length > 0 ? { attachments } : {}) },
    );
    await records.rememberThreadId({ messageId: outgoing.messageId, conversationId: delivery.conversationId, direction: 'out', subject: outgoing.subject, references: outgoing.references });
  }

  private async file(attachmentId: string): Promise<Buffer> {
    const stream = await this.options.attachmentBlobs.open(attachmentId);
    if (!stream) throw new SmartchatError('SC_ERR_NOT_FOUND', `attachment ${attachmentId} is not in the store`);
    return buffer(stream);
  }
}
