// Reading one IMAP mailbox (issue 25, "Inbound"): new (unseen) messages are handed over raw and
// marked \Seen only after the hand-over resolved, so a process that dies in between leaves the
// message unseen and the next reader fetches it again (the store deduplicates by Message-ID).
// Messages are never deleted or moved: the mailbox stays the customer's mail as it arrived.
//
// The reader waits for the server's announcement of new mail (IDLE, which imapflow enters by itself
// when nothing else runs) and also looks every `pollMs`, for servers without IDLE and for anything
// announced while it was busy. A lost connection is reopened with a doubling wait.
import { ImapFlow } from 'imapflow';

export interface ImapSettings {
  host: string;
  port: number;
  /** TLS from the first byte; false: plain, upgraded with STARTTLS when the server offers it. */
  tls: boolean;
  user: string;
  password: string;
  folder: string;
}

/** A message too large to fetch: what the server says of it without its content. */
export interface OversizedMessage {
  uid: number;
  size: number;
  messageId: string | null;
  sender: string | null;
  subject: string | null;
}

export interface ImapReaderOptions {
  settings: ImapSettings;
  pollMs: number;
  maxBytes: number;
  /** Keeps a received message; the reader marks it seen once this resolves, and not if it throws. */
  store(raw: Buffer, uid: number): Promise<void>;
  /** Records a message over maxBytes (it is marked seen without being fetched). */
  refuse(message: OversizedMessage): Promise<void>;
  /** Connection problems, for the log (never the password). */
  onError(error: unknown, phase: string): void;
}

const MAX_RECONNECT_WAIT_MS = 60_000;

export class ImapReader {
  private client: ImapFlow | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: ImapReaderOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const client = this.client;
    if (client) await client.logout().catch(() => client.close());
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.session();
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        this.options.onError(error, 'session');
        failures += 1;
      }
      if (this.stopped) return;
      await this.sleep(Math.min(MAX_RECONNECT_WAIT_MS, 500 * 2 ** Math.min(failures, 7)));
    }
  }

  /** One connection: look, wait for news or the poll interval, look again, until it drops or we stop. */
  private async session(): Promise<void> {
    const { settings } = this.options;
    const client = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.tls,
      auth: { user: settings.user, pass: settings.password },
      // A plain connection is upgraded with STARTTLS when the server offers it (imapflow's default).
      logger: false,
    });
    this.client = client;
    let closed = false;
    client.on('error', (error: unknown) => this.options.onError(error, 'connection'));
    client.on('close', () => {
      closed = true;
      this.wake?.();
    });
    client.on('exists', () => this.wake?.());
    await client.connect();
    try {
      await client.mailboxOpen(settings.folder);
      while (!this.stopped && !closed) {
        const found = await this.check(client);
        if (found === 0) await this.sleep(this.options.pollMs);
      }
    } finally {
      this.client = undefined;
      if (!closed) await client.logout().catch(() => client.close());
    }
  }

  /** Hands over every unseen message; the number found. */
  private async check(client: ImapFlow): Promise<number> {
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids) {
      if (this.stopped) break;
      const head = await client.fetchOne(String(uid), { uid: true, size: true, envelope: true }, { uid: true });
      if (!head) continue;
      if ((head.size ?? 0) > this.options.maxBytes) {
        await this.options.refuse({
          uid,
          size: head.size ?? 0,
          messageId: head.envelope?.messageId ?? null,
          sender: head.envelope?.from?.[0]?.address ?? null,
          subject: head.envelope?.subject ?? null,
        });
      } else {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (!message || !message.source) continue;
        await this.options.store(message.source, uid);
      }
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
    return uids.length;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = () => done();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wake;
    });
  }
}
