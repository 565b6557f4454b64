// A received message, parsed once (mailparser) into what the channel reads: its header fields, the
// sender, the recipients (for the reply token), the subject, its text (an HTML-only message is
// turned into text by mailparser; the HTML itself is kept sanitised for display elsewhere), its
// files, and for a delivery failure report, which of our messages it reports.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { headersFromLines, messageIds, normalizeAddress, type MailHeaders } from './headers.js';
import { htmlText } from './html.js';

export interface ReceivedFile {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
  /** Shown in the text (an inline image), not only listed. */
  inline: boolean;
}

export interface ReceivedMessage {
  headers: MailHeaders;
  messageId: string | null;
  /** The From address, normalised; null when there is none that reads as an address. */
  sender: string | null;
  senderName: string | null;
  /** To, Cc, Delivered-To and X-Original-To, as written. */
  recipients: string[];
  subject: string;
  text: string;
  /** The HTML part as it came (unsafe: show it only through html.ts's sanitizeMailHtml), or null. */
  html: string | null;
  files: ReceivedFile[];
  /** For a delivery failure report: the Message-IDs of the messages it reports (from its attached headers). */
  reported: string[];
  /** For a delivery failure report: its human-readable part, shortened. */
  reportText: string | null;
}

/** The header section of a raw message (up to the first blank line, at most 256 KiB read). */
function headerSection(raw: Buffer): string {
  const head = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  return end === -1 ? head : head.slice(0, end);
}

/**
 * The key a received message is deduplicated by: its Message-ID, or, for a message without one, the
 * hash of its content (`sha256:<hex>`), so that the same bytes fetched twice are one message.
 */
export function receivedMessageKey(raw: Buffer): string {
  const unfolded = headerSection(raw).replace(/\r?\n[ \t]+/g, ' ');
  const field = /^message-id:(.*)$/im.exec(unfolded);
  const id = field ? messageIds(field[1])[0] : undefined;
  return id && id.length <= 500 ? id : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** The From address of a raw message, read from its header section alone (null when none reads as an address). */
export function receivedSender(raw: Buffer): string | null {
  const unfolded = headerSection(raw).replace(/\r?\n[ \t]+/g, ' ');
  const field = /^from:(.*)$/im.exec(unfolded);
  return field ? normalizeAddress(field[1]!.trim()) : null;
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.flatMap((entry) => [entry.address ?? '', ...(entry.group ?? []).map((member) => member.address ?? '')])).filter(Boolean);

/** Parses a raw message; throws on what mailparser cannot read at all. */
export async function readReceived(raw: Buffer): Promise<ReceivedMessage> {
  const parsed: ParsedMail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const headers = headersFromLines(parsed.headerLines);
  const from = parsed.from?.value[0];
  const delivered = [...(headers.get('delivered-to') ?? []), ...(headers.get('x-original-to') ?? [])];
  const files: ReceivedFile[] = [];
  const reported: string[] = [];
  for (const attachment of parsed.attachments) {
    const type = attachment.contentType.toLowerCase();
    if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/rfc822-headers') {
      // A report's copy of what it could not deliver: its Message-ID names our message.
      const id = receivedMessageKey(attachment.content);
      if (!id.startsWith('sha256:')) reported.push(id);
      continue;
    }
    if (type === 'message/delivery-status') continue;
    files.push({
      filename: attachment.filename ?? 'attachment',
      contentType: type,
      size: attachment.size,
      content: attachment.content,
      inline: attachment.contentDisposition === 'inline' && Boolean(attachment.cid),
    });
  }
  const text = (parsed.text?.trim() ? parsed.text : typeof parsed.html === 'string' ? htmlText(parsed.html) : '').replace(/\r\n?/g, '\n');
  const contentType = parsed.headers.get('content-type') as { value?: string } | undefined;
  if (reported.length === 0 && (contentType?.value?.toLowerCase() === 'multipart/report' || headers.has('x-failed-recipients'))) {
    // A report whose copy of our message was not a part of its own: the ids in its body.
    const own = parsed.messageId ? messageIds(parsed.messageId)[0] : undefined;
    for (const match of raw.subarray(0, 1024 * 1024).toString('latin1').matchAll(/^message-id:[ \t]*<([^<>\s]{1,500})>/gim)) {
      if (match[1] !== own && !reported.includes(match[1]!)) reported.push(match[1]!);
    }
  }
  return {
    headers,
    messageId: parsed.messageId ? (messageIds(parsed.messageId)[0] ?? null) : null,
    sender: normalizeAddress(from?.address ?? null),
    senderName: from?.name?.trim() || null,
    recipients: [...addressesOf(parsed.to), ...addressesOf(parsed.cc), ...delivered],
    subject: (parsed.subject ?? '').trim(),
    text,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    files,
    reported,
    reportText: reported.length > 0 || headers.has('x-failed-recipients') ? text.trim().slice(0, 500) || null : null,
  };
}
