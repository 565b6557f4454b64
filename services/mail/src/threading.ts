// Which conversation a received message belongs to (issue 25, "Threading"): a reply joins its
// conversation by In-Reply-To, then References (nearest ancestor first), matched against the
// Message-IDs Smartchat sent and received; then by the conversation's reply address
// (`reply+<token>@…`); otherwise it opens a new conversation. Only the conversation's own customer
// may join it: a message whose sender is someone else opens a new conversation, however its
// headers point, so a forged References field cannot post into another customer's conversation.
import { headerValue, localPart, messageIds, normalizeAddress, type MailHeaders } from './headers.js';

/** A conversation that a message id or a reply token names, with its customer's address. */
export interface ThreadCandidate {
  conversationId: string;
  customerEmail: string;
}

/** Where the channel keeps what it sent and received (the mail store; in tests, whatever holds them). */
export interface ThreadLookup {
  /** The conversation of each of these message ids that is known, by message id. */
  conversationsByMessageId(ids: readonly string[]): Promise<ReadonlyMap<string, ThreadCandidate>>;
  /** The conversation a reply token was issued for, if any. */
  conversationByReplyToken(token: string): Promise<ThreadCandidate | null>;
}

export type ThreadDecision =
  | { kind: 'join'; conversationId: string; by: 'in_reply_to' | 'references' | 'reply_token' }
  /**
   * `unthreaded`: nothing pointed at a conversation; `foreign_sender`: something did, but the
   * sender is not that conversation's customer (recorded with the conversations it named).
   */
  | { kind: 'new'; reason: 'unthreaded' | 'foreign_sender'; named: string[] };

/** Reply tokens as issued: the local part `reply+<token>`, 16–64 letters, digits, `-` or `_`. */
const REPLY_TOKEN = /^reply\+([A-Za-z0-9_-]{16,64})$/;

/** The reply token in a recipient address, or null. */
export function replyTokenOf(address: string): string | null {
  const normalized = normalizeAddress(address);
  if (!normalized) return null;
  // The token is case-sensitive: read it from the address as written.
  const written = (/<([^<>]*)>/.exec(address)?.[1] ?? address).trim();
  const match = REPLY_TOKEN.exec(localPart(written));
  return match ? match[1]! : null;
}

/** The reply address of a conversation's token at the mailbox's domain. */
export function replyAddress(token: string, mailboxAddress: string): string {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new RangeError('a reply token is 16–64 letters, digits, - or _');
  const mailbox = normalizeAddress(mailboxAddress);
  if (!mailbox) throw new RangeError(`not an e-mail address: ${mailboxAddress}`);
  return `reply+${token}@${mailbox.slice(mailbox.lastIndexOf('@') + 1)}`;
}

/**
 * The conversation a received message joins, or why it opens a new one. `sender` is its From
 * address; `recipients` every address it was sent to (To, Cc, Delivered-To), for the reply token.
 */
export async function threadOf(headers: MailHeaders, sender: string, recipients: readonly string[], lookup: ThreadLookup): Promise<ThreadDecision> {
  const from = normalizeAddress(sender);
  const named = new Set<string>();
  const accept = (candidate: ThreadCandidate | undefined | null): boolean => {
    if (!candidate) return false;
    if (from !== null && normalizeAddress(candidate.customerEmail) === from) return true;
    named.add(candidate.conversationId);
    return false;
  };

  const inReplyTo = messageIds(headerValue(headers, 'in-reply-to'));
  // Nearest ancestor first: References lists the thread from its root.
  const references = messageIds(headerValue(headers, 'references')).reverse();
  const known = await lookup.conversationsByMessageId([...new Set([...inReplyTo, ...references])]);
  for (const id of inReplyTo) {
    const candidate = known.get(id);
    if (accept(candidate)) return { kind: 'join', conversationId: candidate!.conversationId, by: 'in_reply_to' };
  }
  for (const id of references) {
    const candidate = known.get(id);
    if (accept(candidate)) return { kind: 'join', conversationId: candidate!.conversationId, by: 'references' };
  }
  for (const recipient of recipients) {
    const token = replyTokenOf(recipient);
    if (token === null) continue;
    const candidate = await lookup.conversationByReplyToken(token);
    if (accept(candidate)) return { kind: 'join', conversationId: candidate!.conversationId, by: 'reply_token' };
  }
  return { kind: 'new', reason: named.size > 0 ? 'foreign_sender' : 'unthreaded', named: [...named] };
}
