// The blocked senders as an admin edits them: one address or "@domain" per line. Read here with
// the server's own rule (services/contracts mail.ts, blockedSendersInput), so that a mistyped line
// is named by its line number before anything is sent.
import { MAX_BLOCKED_SENDERS } from '@smartchat/contracts';

/** The server's rule: an address (name@domain) or a whole domain (@domain). */
const SENDER = /^[^@\s]*@[^@\s]+\.[^@\s]+$/;
export const MAX_SENDER_LENGTH = 254;
/** The server's limit, so that a longer list is refused here, in words, rather than by the API. */
export const MAX_SENDERS = MAX_BLOCKED_SENDERS;

export interface UnreadableLine {
  /** 1-based, as an editor counts lines. */
  line: number;
  text: string;
}

export interface BlockedSendersText {
  /** Lower-case, without blank lines and repeats, in the order written. */
  senders: string[];
  unreadable: UnreadableLine[];
}

export function parseBlockedSenders(text: string): BlockedSendersText {
  const senders: string[] = [];
  const seen = new Set<string>();
  const unreadable: UnreadableLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const value = raw.trim();
    if (!value) return;
    if (value.length > MAX_SENDER_LENGTH || !SENDER.test(value)) {
      unreadable.push({ line: index + 1, text: value });
      return;
    }
    const sender = value.toLowerCase();
    if (seen.has(sender)) return;
    seen.add(sender);
    senders.push(sender);
  });
  return { senders, unreadable };
}

export function formatBlockedSenders(senders: readonly string[]): string {
  return senders.join('\n');
}
