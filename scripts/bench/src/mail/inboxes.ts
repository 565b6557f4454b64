// The customers' side of the outbound step: every customer mailbox on the local mail server read
// over IMAP (@smartchat/mail/testing), to check that it holds exactly the answers sent to it, each
// in its thread (In-Reply-To: the customer's latest message of that conversation).
import { mailboxMessages } from '@smartchat/mail/testing';

export interface ExpectedMail {
  /** Without angle brackets. */
  messageId: string;
  inReplyTo: string;
}

export interface InboxCheck {
  mailboxes: number;
  expected: number;
  received: number;
  /** Expected and found with the right In-Reply-To. */
  matched: number;
  missing: number;
  /** Found but not expected (a duplicate, or mail that should not have been sent). */
  unexpected: number;
  wrongInReplyTo: number;
  /** A few of the problems, to look up. */
  examples: string[];
}

const bare = (id: string | undefined) => (id ?? '').trim().replace(/^<|>$/g, '');

/** Reads the mailboxes, `parallel` at a time; each waits up to `waitMs` for its expected count. */
export async function checkInboxes(expected: Map<string, ExpectedMail[]>, options: { parallel: number; waitMs: number }): Promise<InboxCheck> {
  const check: InboxCheck = { mailboxes: expected.size, expected: 0, received: 0, matched: 0, missing: 0, unexpected: 0, wrongInReplyTo: 0, examples: [] };
  const note = (text: string) => check.examples.length < 10 && check.examples.push(text);
  const queue = [...expected.entries()];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const [address, mails] = entry;
      check.expected += mails.length;
      const inbox = await mailboxMessages(address, mails.length, options.waitMs);
      check.received += inbox.length;
      const byId = new Map(mails.map((mail) => [mail.messageId, mail]));
      const seen = new Set<string>();
      for (const message of inbox) {
        const id = bare(message.messageId);
        const wanted = byId.get(id);
        if (!wanted || seen.has(id)) {
          check.unexpected += 1;
          note(`${address}: unexpected ${id || '(no Message-ID)'}`);
          continue;
        }
        seen.add(id);
        if (bare(message.inReplyTo) !== wanted.inReplyTo) {
          check.wrongInReplyTo += 1;
          note(`${address}: ${id} answers <${bare(message.inReplyTo)}>, expected <${wanted.inReplyTo}>`);
        } else {
          check.matched += 1;
        }
      }
      for (const mail of mails) {
        if (seen.has(mail.messageId)) continue;
        check.missing += 1;
        note(`${address}: ${mail.messageId} never arrived`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, worker));
  return check;
}
