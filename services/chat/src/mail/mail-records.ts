// The e-mail channel's records in Postgres (schema 0015_mail.sql): received messages and their
// outcomes, the Message-IDs of each thread, e-mail conversations and their reply tokens, and the
// sending queue. The mail role writes them; the API reads them for agents and admins.
import type { MailDelivery, MailOutcome, ReceivedMail } from '@smartchat/contracts';
import type { ThreadCandidate, ThreadLookup } from '@smartchat/mail';
import type { PgPool } from '@smartchat/platform';

interface ReceivedRow {
  id: string;
  mailbox_id: string;
  message_id: string;
  via: 'imap' | 'smtp';
  blob_key: string | null;
  size: number;
  received_at: Date;
  state: 'stored' | 'processed' | 'rejected';
  outcome: MailOutcome | null;
  detail: Record<string, unknown> | null;
  sender: string | null;
  subject: string | null;
  conversation_id: string | null;
  chat_message_id: string | null;
  attempts: number;
}

interface OutboundRow {
  id: string;
  conversation_id: string;
  mailbox_id: string;
  kind: 'reply' | 'acknowledgement' | 'csat' | 'notice';
  chat_message_id: string | null;
  survey_id: string | null;
  recipient: string;
  mail_message_id: string;
  state: MailDelivery['state'];
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
}

/** A received message waiting to be processed. */
export interface PendingReceipt {
  id: string;
  mailboxId: string;
  blobKey: string;
  /** Attempts so far, this one included. */
  attempts: number;
  /** Its Message-ID (or content hash): what it is deduplicated by. */
  key: string;
  receivedAt: Date;
  attachmentIds: string[] | null;
  /** Of those, the images shown in the text (inline parts of the message). */
  inlineAttachmentIds: string[];
}

/** An answer due to be sent, leased to one sender. */
export interface DueDelivery {
  id: string;
  conversationId: string;
  mailboxId: string;
  kind: 'reply' | 'acknowledgement' | 'csat' | 'notice';
  chatMessageId: string | null;
  /** The survey a `csat` message asks about. */
  surveyId: string | null;
  recipient: string;
  mailMessageId: string;
  attempts: number;
}

export interface EmailConversation {
  conversationId: string;
  mailboxId: string;
  customerAddress: string;
  replyToken: string;
  subject: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toReceivedMail(row: ReceivedRow): ReceivedMail {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    via: row.via,
    mailMessageId: row.message_id,
    sender: row.sender,
    subject: row.subject,
    size: row.size,
    receivedAt: row.received_at.toISOString(),
    state: row.state,
    outcome: row.outcome,
    detail: row.detail,
    conversationId: row.conversation_id,
    messageId: row.chat_message_id,
    hasOriginal: row.blob_key !== null,
  };
}

export function toMailDelivery(row: OutboundRow): MailDelivery {
  return {
    id: row.id,
    kind: row.kind,
    messageId: row.chat_message_id,
    recipient: row.recipient,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.state === 'queued' || row.state === 'sending' ? row.next_attempt_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    sentAt: iso(row.sent_at),
    failedAt: iso(row.failed_at),
  };
}

export class MailRecords implements ThreadLookup {
  constructor(private readonly pg: PgPool) {}

  // --- receiving ---------------------------------------------------------------------------------

  /**
   * Records a message stored raw under `blobKey`; false when this mailbox has it already (the same
   * Message-ID fetched or relayed again), in which case the caller deletes its copy of the blob.
   */
  async recordReceived(input: { mailboxId: string; messageId: string; via: 'imap' | 'smtp'; blobKey: string; size: number }): Promise<boolean> {
    const { rowCount } = await this.pg.query(
      `INSERT INTO mail_received (mailbox_id, message_id, via, blob_key, size) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (mailbox_id, message_id) DO NOTHING`,
      [input.mailboxId, input.messageId, input.via, input.blobKey, input.size],
    );
    return rowCount === 1;
  }

  /** A message refused before it was stored (too large): recorded without its content. */
  async recordRefused(input: { mailboxId: string; messageId: string; via: 'imap' | 'smtp'; size: number; outcome: MailOutcome; sender: string | null; subject: string | null; detail: Record<string, unknown> }): Promise<void> {
    await this.pg.query(
      `INSERT INTO mail_received (mailbox_id, message_id, via, size, state, outcome, sender, subject, detail, processed_at)
       VALUES ($1, $2, $3, $4, 'rejected', $5, $6, $7, $8, now()) ON CONFLICT (mailbox_id, message_id) DO NOTHING`,
      [input.mailboxId, input.messageId, input.via, input.size, input.outcome, input.sender, input.subject, input.detail],
    );
  }

  /**
   * Takes up to `limit` stored messages that are due, oldest first, each leased to this processor
   * for `leaseMs` (another one takes a message only once its lease passed: its processor died).
   */
  async leasePending(limit: number, leaseMs: number): Promise<PendingReceipt[]> {
    const { rows } = await this.pg.query<{ id: string; mailbox_id: string; blob_key: string; attempts: number; message_id: string; received_at: Date; attachment_ids: string[] | null; inline_ids: string[] | null }>(
      `UPDATE mail_received r SET lease_until = now() + $2 * interval '1 millisecond', attempts = r.attempts + 1
        WHERE r.id IN (SELECT id FROM mail_received
                        WHERE state = 'stored' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_attempt_at, received_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING r.id, r.mailbox_id, r.blob_key, r.attempts, r.message_id, r.received_at, r.attachment_ids,
                  ARRAY(SELECT jsonb_array_elements_text(r.detail -> 'inlineAttachments')) AS inline_ids`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      mailboxId: row.mailbox_id,
      blobKey: row.blob_key,
      attempts: row.attempts,
      key: row.message_id,
      receivedAt: row.received_at,
      attachmentIds: row.attachment_ids,
      inlineAttachmentIds: row.inline_ids ?? [],
    }));
  }

  /** The attachments a received message's files were uploaded as (before its message is sent), and which of them are inline images. */
  async keepAttachmentIds(id: string, attachmentIds: readonly string[], inlineIds: readonly string[]): Promise<void> {
    await this.pg.query(`UPDATE mail_received SET attachment_ids = $2, detail = COALESCE(detail, '{}') || jsonb_build_object('inlineAttachments', $3::jsonb) WHERE id = $1`, [
      id,
      attachmentIds,
      JSON.stringify(inlineIds),
    ]);
  }

  async finishReceived(
    id: string,
    result: { state: 'processed' | 'rejected'; outcome: MailOutcome; sender: string | null; subject: string | null; detail?: Record<string, unknown>; conversationId?: string; chatMessageId?: string },
  ): Promise<void> {
    await this.pg.query(
      `UPDATE mail_received SET state = $2, outcome = $3, sender = $4, subject = $5, detail = $6, conversation_id = $7, chat_message_id = $8, processed_at = now(), lease_until = NULL WHERE id = $1`,
      [id, result.state, result.outcome, result.sender, result.subject, result.detail ?? null, result.conversationId ?? null, result.chatMessageId ?? null],
    );
  }

  /** Processing failed for a reason that may pass (a store away, a rate limit): try again later. */
  async postponeReceived(id: string, delayMs: number, error: string): Promise<void> {
    await this.pg.query(
      `UPDATE mail_received SET lease_until = NULL, next_attempt_at = now() + $2 * interval '1 millisecond', detail = COALESCE(detail, '{}') || jsonb_build_object('lastError', $3::text) WHERE id = $1`,
      [id, delayMs, error.slice(0, 500)],
    );
  }

  /** How many received messages wait to be processed, and the oldest one's age in seconds. */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const { rows } = await this.pg.query<{ n: string; oldest: number | null }>(
      `SELECT count(*) AS n, EXTRACT(EPOCH FROM now() - min(received_at))::float8 AS oldest FROM mail_received WHERE state = 'stored'`,
    );
    return { pending: Number(rows[0]!.n), oldestSeconds: rows[0]!.oldest ?? 0 };
  }

  async received(mailboxId: string, limit: number, before?: string): Promise<ReceivedMail[]> {
    const { rows } = await this.pg.query<ReceivedRow>(
      `SELECT * FROM mail_received WHERE mailbox_id = $1
          AND ($2::uuid IS NULL OR (received_at, id) < (SELECT received_at, id FROM mail_received WHERE id = $2 AND mailbox_id = $1))
        ORDER BY received_at DESC, id DESC LIMIT $3`,
      [mailboxId, before ?? null, limit],
    );
    return rows.map(toReceivedMail);
  }

  async receivedOne(id: string): Promise<(ReceivedMail & { blobKey: string | null }) | null> {
    const { rows } = await this.pg.query<ReceivedRow>('SELECT * FROM mail_received WHERE id = $1', [id]);
    return rows[0] ? { ...toReceivedMail(rows[0]), blobKey: rows[0].blob_key } : null;
  }

  // --- threads -----------------------------------------------------------------------------------

  async conversationsByMessageId(ids: readonly string[]): Promise<ReadonlyMap<string, ThreadCandidate>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pg.query<{ message_id: string; conversation_id: string; customer_address: string }>(
      `SELECT t.message_id, t.conversation_id, m.customer_address FROM mail_thread_ids t JOIN mail_conversations m USING (conversation_id) WHERE t.message_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.message_id, { conversationId: row.conversation_id, customerEmail: row.customer_address }]));
  }

  async conversationByReplyToken(token: string): Promise<ThreadCandidate | null> {
    const { rows } = await this.pg.query<{ conversation_id: string; customer_address: string }>('SELECT conversation_id, customer_address FROM mail_conversations WHERE reply_token = $1', [token]);
    return rows[0] ? { conversationId: rows[0].conversation_id, customerEmail: rows[0].customer_address } : null;
  }

  async rememberThreadId(input: { messageId: string; conversationId: string; direction: 'in' | 'out'; subject: string; references: readonly string[] }): Promise<void> {
    await this.pg.query(`INSERT INTO mail_thread_ids (message_id, conversation_id, direction, subject, refs) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING`, [
      input.messageId,
      input.conversationId,
      input.direction,
      input.subject.slice(0, 1000),
      input.references,
    ]);
  }

  /** The latest message received in a conversation: what an answer answers. */
  async latestReceived(conversationId: string): Promise<{ messageId: string; subject: string; references: string[] } | null> {
    const { rows } = await this.pg.query<{ message_id: string; subject: string; refs: string[] }>(
      `SELECT message_id, subject, refs FROM mail_thread_ids WHERE conversation_id = $1 AND direction = 'in' ORDER BY created_at DESC LIMIT 1`,
      [conversationId],
    );
    return rows[0] ? { messageId: rows[0].message_id, subject: rows[0].subject, references: rows[0].refs } : null;
  }

  /** The enabled mailbox a recipient of relayed mail belongs to: its own address, or a conversation's reply token. */
  async recipientMailbox(address: string, replyToken: string | null): Promise<string | null> {
    const { rows } = await this.pg.query<{ id: string }>(
      `SELECT id FROM mailboxes WHERE enabled AND address = $1
       UNION ALL
       SELECT m.id FROM mail_conversations c JOIN mailboxes m ON m.id = c.mailbox_id WHERE m.enabled AND c.reply_token = $2
       LIMIT 1`,
      [address, replyToken],
    );
    return rows[0]?.id ?? null;
  }

  async mailboxAddress(mailboxId: string): Promise<string | null> {
    const { rows } = await this.pg.query<{ address: string }>('SELECT address::text AS address FROM mailboxes WHERE id = $1', [mailboxId]);
    return rows[0]?.address ?? null;
  }

  async emailConversation(conversationId: string): Promise<EmailConversation | null> {
    const { rows } = await this.pg.query<{ conversation_id: string; mailbox_id: string; customer_address: string; reply_token: string; subject: string | null }>(
      `SELECT m.conversation_id, m.mailbox_id, m.customer_address, m.reply_token, c.subject FROM mail_conversations m JOIN conversations c ON c.id = m.conversation_id WHERE m.conversation_id = $1`,
      [conversationId],
    );
    const row = rows[0];
    return row ? { conversationId: row.conversation_id, mailboxId: row.mailbox_id, customerAddress: row.customer_address, replyToken: row.reply_token, subject: row.subject } : null;
  }

  async receivedOf(conversationId: string): Promise<ReceivedMail[]> {
    const { rows } = await this.pg.query<ReceivedRow>('SELECT * FROM mail_received WHERE conversation_id = $1 ORDER BY received_at', [conversationId]);
    return rows.map(toReceivedMail);
  }

  // --- sending -----------------------------------------------------------------------------------

  /** Queues an answer once (a reply by its chat message id, other mail by its Message-ID); false when it was queued before. */
  async enqueue(
    input: { conversationId: string; mailboxId: string; kind: 'reply' | 'acknowledgement' | 'csat' | 'notice'; chatMessageId: string | null; surveyId?: string; recipient: string; mailMessageId: string },
  ): Promise<boolean> {
    const { rowCount } = await this.pg.query(
      `INSERT INTO mail_outbound (conversation_id, mailbox_id, kind, chat_message_id, survey_id, recipient, mail_message_id) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [input.conversationId, input.mailboxId, input.kind, input.chatMessageId, input.surveyId ?? null, input.recipient, input.mailMessageId],
    );
    return rowCount === 1;
  }

  /**
   * Leases up to `limit` due answers to this sender for `leaseMs`: queued ones whose time came, and
   * ones whose sender's lease ran out (it died while sending; sent again with the same Message-ID).
   */
  async leaseDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const { rows } = await this.pg.query<OutboundRow>(
      `UPDATE mail_outbound o SET state = 'sending', attempts = o.attempts + 1, lease_until = now() + $2 * interval '1 millisecond'
        WHERE o.id IN (SELECT id FROM mail_outbound
                        WHERE (state = 'queued' AND next_attempt_at <= now()) OR (state = 'sending' AND lease_until < now())
                        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING o.*`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      conversationId: row.conversation_id,
      mailboxId: row.mailbox_id,
      kind: row.kind,
      chatMessageId: row.chat_message_id,
      surveyId: row.survey_id,
      recipient: row.recipient,
      mailMessageId: row.mail_message_id,
      attempts: row.attempts,
    }));
  }

  async markSent(id: string): Promise<void> {
    await this.pg.query(`UPDATE mail_outbound SET state = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1`, [id]);
  }

  /** Not tried at all (its mailbox is disabled): queued again without counting this attempt. */
  async markWaiting(id: string, delayMs: number, reason: string): Promise<void> {
    await this.pg.query(
      `UPDATE mail_outbound SET state = 'queued', attempts = attempts - 1, next_attempt_at = now() + $2 * interval '1 millisecond', lease_until = NULL, last_error = $3 WHERE id = $1`,
      [id, delayMs, reason],
    );
  }

  async markRetry(id: string, delayMs: number, error: string): Promise<void> {
    await this.pg.query(`UPDATE mail_outbound SET state = 'queued', next_attempt_at = now() + $2 * interval '1 millisecond', lease_until = NULL, last_error = $3 WHERE id = $1`, [id, delayMs, error.slice(0, 1000)]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.pg.query(`UPDATE mail_outbound SET state = 'failed', failed_at = now(), lease_until = NULL, last_error = $2 WHERE id = $1`, [id, error.slice(0, 1000)]);
  }

  /** A bounce names the Message-ID it could not deliver: that answer failed. Returns the delivery, if it is ours. */
  async markBounced(mailMessageId: string, reason: string): Promise<{ id: string; conversationId: string } | null> {
    const { rows } = await this.pg.query<{ id: string; conversation_id: string }>(
      `UPDATE mail_outbound SET state = 'failed', failed_at = now(), lease_until = NULL, last_error = $2 WHERE mail_message_id = $1 RETURNING id, conversation_id`,
      [mailMessageId, reason.slice(0, 1000)],
    );
    return rows[0] ? { id: rows[0].id, conversationId: rows[0].conversation_id } : null;
  }

  /** A failed answer queued again by an agent; false unless it was failed. */
  async retry(conversationId: string, id: string): Promise<MailDelivery | null> {
    const { rows } = await this.pg.query<OutboundRow>(
      `UPDATE mail_outbound SET state = 'queued', next_attempt_at = now(), attempts = 0, failed_at = NULL WHERE id = $1 AND conversation_id = $2 AND state = 'failed' RETURNING *`,
      [id, conversationId],
    );
    return rows[0] ? toMailDelivery(rows[0]) : null;
  }

  async delivery(conversationId: string, id: string): Promise<MailDelivery | null> {
    const { rows } = await this.pg.query<OutboundRow>('SELECT * FROM mail_outbound WHERE id = $1 AND conversation_id = $2', [id, conversationId]);
    return rows[0] ? toMailDelivery(rows[0]) : null;
  }

  async deliveriesOf(conversationId: string): Promise<MailDelivery[]> {
    const { rows } = await this.pg.query<OutboundRow>('SELECT * FROM mail_outbound WHERE conversation_id = $1 ORDER BY created_at', [conversationId]);
    return rows.map(toMailDelivery);
  }

  /** Acknowledgements sent or queued to this address within the last hour (the per-sender limit). */
  async acknowledgementsWithinHour(recipient: string): Promise<number> {
    const { rows } = await this.pg.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbound WHERE kind = 'acknowledgement' AND recipient = $1 AND created_at > now() - interval '1 hour'`, [recipient]);
    return Number(rows[0]!.n);
  }
}
