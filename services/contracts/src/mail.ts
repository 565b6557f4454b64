// The e-mail channel (issue 25): support mailboxes as admins configure them (integrations.manage),
// the senders whose mail is kept out of the inbox, and what an agent sees of an e-mail
// conversation's mail (received messages with their outcome, answers with their delivery state).
// Passwords go in and never come out: a mailbox says only whether one is set.
import { z } from 'zod';
import { nonBlankText, wholeNumber } from './input-values.js';

const mailAddress = z.email().max(254);
const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'must be a host name or an IP address');
const port = wholeNumber(1, 65535);
/** A password is write-only: up to 1,000 characters, never returned. */
const password = z.string().min(1).max(1000);

export const mailInboundMethods = ['imap', 'smtp'] as const;
export const smtpSecurities = ['none', 'starttls', 'tls'] as const;

export const imapSettingsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /** TLS from the first byte (port 993); false: plain, upgraded by STARTTLS when the server offers it. */
  tls: z.boolean(),
  user: z.string(),
  folder: z.string(),
  passwordSet: z.boolean(),
});

export const smtpSettingsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(smtpSecurities),
  user: z.string().nullable(),
  passwordSet: z.boolean(),
});

/** A support address as the API returns it: never a password. */
export const mailboxSchema = z.object({
  id: z.uuid(),
  address: z.string(),
  displayName: z.string(),
  /** The team new conversations from this address go to, and their topic. */
  teamId: z.uuid(),
  topic: z.string(),
  /** imap: Smartchat reads `imap`'s folder; smtp: mail is relayed to Smartchat's SMTP listener. */
  inbound: z.enum(mailInboundMethods),
  imap: imapSettingsSchema.nullable(),
  smtp: smtpSettingsSchema,
  /** Put under every answer, after "-- ". */
  signature: z.string(),
  /** Answer a new conversation's first message at once (never automatic mail; limited per sender). */
  autoAcknowledge: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Mailbox = z.infer<typeof mailboxSchema>;

const imapInput = z.strictObject({
  host: hostName,
  port: port.default(993),
  tls: z.boolean().default(true),
  user: nonBlankText(254),
  /** Required when the mailbox has none yet; omitted on a change: the stored one is kept. */
  password: password.optional(),
  folder: nonBlankText(200).default('INBOX'),
});

const smtpInput = z.strictObject({
  host: hostName,
  port: port.default(587),
  security: z.enum(smtpSecurities).default('starttls'),
  /** Omitted or null: the server takes mail without signing in. */
  user: nonBlankText(254).nullable().optional(),
  /** Omitted on a change: the stored one is kept; null: removed. */
  password: password.nullable().optional(),
});

export const createMailboxInput = z.strictObject({
  address: mailAddress,
  displayName: z.string().max(200).default(''),
  teamId: z.uuid(),
  topic: nonBlankText(100).default('email'),
  inbound: z.enum(mailInboundMethods),
  /** Required when inbound is imap. */
  imap: imapInput.optional(),
  smtp: smtpInput,
  signature: z.string().max(2000).default(''),
  autoAcknowledge: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export type CreateMailboxInput = z.infer<typeof createMailboxInput>;

export const updateMailboxInput = z.strictObject({
  displayName: z.string().max(200).optional(),
  teamId: z.uuid().optional(),
  topic: nonBlankText(100).optional(),
  inbound: z.enum(mailInboundMethods).optional(),
  imap: imapInput.optional(),
  smtp: smtpInput.optional(),
  signature: z.string().max(2000).optional(),
  autoAcknowledge: z.boolean().optional(),
  enabled: z.boolean().optional(),
});
export type UpdateMailboxInput = z.infer<typeof updateMailboxInput>;

/**
 * What became of a received message. processed: `new_conversation`, `joined` (a reply in its
 * thread), `automatic_attached` (automatic mail kept in its thread as a note: no acknowledgement,
 * no reopening), `bounce` (a delivery failure report: the answer it names is marked failed).
 * rejected: `automatic_unthreaded` (automatic mail that answers nothing of ours: no conversation is
 * opened for it), `blocked` (a blocked sender), `own_address` (mail from one of our own addresses:
 * a loop), `no_sender`, `malformed` (unreadable MIME), `too_large`.
 */
export const mailOutcomes = ['new_conversation', 'joined', 'automatic_attached', 'bounce', 'automatic_unthreaded', 'blocked', 'own_address', 'no_sender', 'malformed', 'too_large'] as const;
export type MailOutcome = (typeof mailOutcomes)[number];

export const receivedMailSchema = z.object({
  id: z.uuid(),
  mailboxId: z.uuid(),
  via: z.enum(mailInboundMethods),
  /** The Message-ID field (or `sha256:<hash>` of a message without one). */
  mailMessageId: z.string(),
  sender: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number().int(),
  receivedAt: z.string(),
  /** stored: kept, not yet processed (it will be); processed or rejected: see outcome. */
  state: z.enum(['stored', 'processed', 'rejected']),
  outcome: z.enum(mailOutcomes).nullable(),
  /** Why, for automatic mail, a foreign sender or a rejection (e.g. { reason: 'auto_submitted' }). */
  detail: z.record(z.string(), z.unknown()).nullable(),
  conversationId: z.uuid().nullable(),
  /** The chat message it became, if any. */
  messageId: z.string().nullable(),
  /** Whether the raw message can be downloaded (`original`). */
  hasOriginal: z.boolean(),
});
export type ReceivedMail = z.infer<typeof receivedMailSchema>;

export const mailDeliveryStates = ['queued', 'sending', 'sent', 'failed'] as const;

/** An answer (or Smartchat's own mail) on its way to the customer. */
export const mailDeliverySchema = z.object({
  id: z.uuid(),
  /** reply: an agent's answer; acknowledgement: Smartchat's receipt of a new conversation; csat: the satisfaction survey of a close. */
  kind: z.enum(['reply', 'acknowledgement', 'csat', 'notice']),
  /** The agent's reply it sends; null for Smartchat's own mail. */
  messageId: z.string().nullable(),
  recipient: z.string(),
  /** queued (waiting, or waiting to be retried at nextAttemptAt), sending, sent, failed (lastError says why). */
  state: z.enum(mailDeliveryStates),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type MailDelivery = z.infer<typeof mailDeliverySchema>;

/** The e-mail side of a conversation, for agents who may see it. */
export const conversationMailSchema = z.object({
  mailboxId: z.uuid(),
  mailboxAddress: z.string(),
  customerAddress: z.string(),
  subject: z.string().nullable(),
  received: z.array(receivedMailSchema),
  deliveries: z.array(mailDeliverySchema),
});
export type ConversationMail = z.infer<typeof conversationMailSchema>;

export const receivedMailQuery = z.object({
  limit: wholeNumber(1, 200).default(50),
  /** The next page: receipts older than this one (the id of the last one of the page before). */
  before: z.uuid().optional(),
});

/** At most this many blocked senders (the whole list is one request body: BLOCKED_SENDERS_BODY_LIMIT). */
export const MAX_BLOCKED_SENDERS = 300;
/** The body limit of that request: every entry at its longest, each character escaped in JSON (6 bytes). */
export const BLOCKED_SENDERS_BODY_LIMIT = 512 * 1024;
/** Blocked senders: addresses, or whole domains written "@domain". */
export const blockedSendersSchema = z.object({ senders: z.array(z.string()) });
export const blockedSendersInput = z.strictObject({
  senders: z
    .array(
      z
        .string()
        .max(254)
        .regex(/^[^@\s]*@[^@\s]+\.[^@\s]+$/, 'must be an address (name@domain) or a domain (@domain)')
        .transform((value) => value.toLowerCase()),
    )
    .max(MAX_BLOCKED_SENDERS),
});
