// The local mail server (GreenMail, started by `make infra-up`) as tests use it: where it listens,
// and every message of one of its mailboxes, read over IMAP and parsed, as a customer's client
// would see them. It takes any address and any password.
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';

function hostPort(setting: string | undefined, fallback: string): { host: string; port: number } {
  const [host, port] = (setting ?? fallback).split(':') as [string, string];
  return { host, port: Number(port) };
}

/** SMTP and IMAP of the local mail server (SMARTCHAT_TEST_SMTP / SMARTCHAT_TEST_IMAP, host:port). */
export const localMailServer = {
  smtp: hostPort(process.env.SMARTCHAT_TEST_SMTP, '127.0.0.1:17025'),
  imap: hostPort(process.env.SMARTCHAT_TEST_IMAP, '127.0.0.1:17143'),
};

/**
 * Every message in `address`'s inbox on the local server, parsed, once there are at least `count`
 * (or, after `waitMs`, whatever there is). A mailbox nobody wrote to holds nothing.
 */
export async function mailboxMessages(address: string, count: number, waitMs = 30_000): Promise<ParsedMail[]> {
  const { host, port } = localMailServer.imap;
  const client = new ImapFlow({ host, port, secure: false, auth: { user: address, pass: 'any' }, logger: false });
  await client.connect();
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const sources: Buffer[] = [];
        for await (const message of client.fetch('1:*', { source: true })) if (message.source) sources.push(message.source);
        if (sources.length >= count || Date.now() > deadline) return await Promise.all(sources.map((source) => simpleParser(source)));
      } finally {
        lock.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    if (count === 0) return [];
    throw error;
  } finally {
    await client.logout().catch(() => undefined);
  }
}
