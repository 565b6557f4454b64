// What Smartchat sends when an agent answers an e-mail conversation (issue 25, "Outbound"): the
// header fields that keep the customer's client in one thread, and that bring the customer's next
// reply back to the same conversation. Our own Message-ID (kept, so that a reply to it is found);
// In-Reply-To the message answered; References its References and its id (RFC 5322 §3.6.4), the
// root and the nearest ones when the chain is long; Reply-To the conversation's reply address;
// "Re: " once; the mailbox's signature after the `-- ` delimiter; and, for mail Smartchat sends by
// itself, the fields that keep other robots from answering it.
import { randomUUID } from 'node:crypto';
import { OWN_AUTOMATIC_FIELDS } from './automatic.js';
import { normalizeAddress } from './headers.js';
import { replyAddress } from './threading.js';

/** The message an outgoing one answers (the conversation's last received message, as stored). */
export interface AnsweredMessage {
  messageId: string;
  /** Its References, oldest first (without brackets). */
  references: readonly string[];
  subject: string;
}

export interface OutgoingInput {
  mailbox: { address: string; name?: string; signature?: string };
  to: string;
  /** The conversation's subject, for a message that answers nothing (the first of a conversation). */
  subject: string;
  text: string;
  /** The conversation's reply token (threading.ts replyAddress). */
  replyToken: string;
  answering?: AnsweredMessage;
  /** Sent by Smartchat itself (an auto-acknowledgement, a CSAT request), not by an agent. */
  automatic?: boolean;
}

export interface OutgoingMessage {
  /** Without brackets: what is stored to thread the customer's reply. */
  messageId: string;
  from: { name: string; address: string };
  to: string;
  replyTo: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  /** Oldest first, without brackets. */
  references: string[];
  headers: Record<string, string>;
}

/** At most this many ids in References: the root, then the nearest ones (long chains are cut in the middle). */
export const MAX_REFERENCES = 20;

/** Reply prefixes clients add, in English and Russian: a subject that has one gets no other. */
const REPLY_PREFIX = /^\s*(re|ответ|отв|aw|sv)\s*(\[\d+\])?\s*:/i;

/** The subject of an answer: the answered subject with one "Re: ". */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return REPLY_PREFIX.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/** The References of an answer to `answering`: its references and its id, each once, cut to MAX_REFERENCES. */
export function replyReferences(answering: AnsweredMessage): string[] {
  const chain = [...new Set([...answering.references, answering.messageId])];
  return chain.length <= MAX_REFERENCES ? chain : [chain[0]!, ...chain.slice(chain.length - MAX_REFERENCES + 1)];
}

/** The message to send, with a new Message-ID at the mailbox's domain. */
export function outgoingMessage(input: OutgoingInput): OutgoingMessage {
  const mailbox = normalizeAddress(input.mailbox.address);
  if (!mailbox) throw new RangeError(`not an e-mail address: ${input.mailbox.address}`);
  const to = normalizeAddress(input.to);
  if (!to) throw new RangeError(`not an e-mail address: ${input.to}`);
  const domain = mailbox.slice(mailbox.lastIndexOf('@') + 1);
  const signature = input.mailbox.signature?.trim();
  return {
    messageId: `${randomUUID()}@${domain}`,
    from: { name: input.mailbox.name ?? '', address: mailbox },
    to,
    replyTo: replyAddress(input.replyToken, mailbox),
    subject: input.answering ? replySubject(input.answering.subject) : input.subject.trim(),
    text: signature ? `${input.text.replace(/\s+$/, '')}\n\n-- \n${signature}\n` : input.text,
    ...(input.answering ? { inReplyTo: input.answering.messageId } : {}),
    references: input.answering ? replyReferences(input.answering) : [],
    headers: input.automatic ? { ...OWN_AUTOMATIC_FIELDS } : {},
  };
}

/** nodemailer's message options for an outgoing message: the same fields, ids in brackets, no empty References. */
export type NodemailerOptions = Omit<OutgoingMessage, 'references'> & { references?: string[] };

/** The message as nodemailer's message options (ids in brackets, as the fields carry them). */
export function nodemailerOptions(message: OutgoingMessage): NodemailerOptions {
  return {
    messageId: `<${message.messageId}>`,
    from: message.from,
    to: message.to,
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.text,
    ...(message.inReplyTo ? { inReplyTo: `<${message.inReplyTo}>` } : {}),
    ...(message.references.length > 0 ? { references: message.references.map((id) => `<${id}>`) } : {}),
    headers: message.headers,
  };
}
