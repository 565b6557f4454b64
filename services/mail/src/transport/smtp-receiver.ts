// Receiving relayed mail over SMTP (issue 25, "Inbound": mail forwarded to Smartchat by the
// company's mail server). A message is answered 250 only after `store` resolved, so the relay keeps
// (and retries) whatever Smartchat did not keep. Recipients are only Smartchat's own addresses
// (`accepts`): this is not a relay for anyone else's mail. Over maxBytes is refused with 552 before
// it is kept; the relay bounces it to its sender.
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface SmtpReceiverOptions {
  host: string;
  port: number;
  maxBytes: number;
  /** The mailbox (its id) a recipient address belongs to, or null: refused with 550. */
  accepts(address: string): Promise<string | null>;
  /** Keeps a received message for these mailboxes; 250 only once it resolved, 451 if it throws. */
  store(raw: Buffer, mailboxIds: readonly string[]): Promise<void>;
  /** A message refused for its size, for the record. */
  refused(input: { size: number; mailboxIds: readonly string[]; sender: string | null }): Promise<void>;
  onError(error: unknown, phase: string): void;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  // The mailbox each accepted recipient belongs to, per session; a message goes to the mailboxes of
  // the recipients of its own transaction (session.envelope, which RSET and a new MAIL FROM reset).
  const recipients = new WeakMap<SMTPServerSession, Map<string, string>>();
  const server = new SMTPServer({
    // No sign-in: the relay is trusted by the network (a NetworkPolicy in the cluster), and only
    // Smartchat's own addresses are accepted as recipients.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    banner: 'Smartchat mail intake',
    logger: false,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (error?: Error) => void) {
      options.accepts(address.address).then(
        (mailboxId) => {
          if (!mailboxId) return callback(smtpError(`5.1.1 <${address.address}>: no such mailbox here`, 550));
          const known = recipients.get(session) ?? new Map<string, string>();
          known.set(address.address, mailboxId);
          recipients.set(session, known);
          callback();
        },
        (error: unknown) => {
          options.onError(error, 'rcpt');
          callback(smtpError('4.3.0 temporarily unable to accept mail; try again later', 451));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        const known = recipients.get(session);
        const mailboxIds = [...new Set(session.envelope.rcptTo.flatMap((recipient) => known?.get(recipient.address) ?? []))];
        if (stream.sizeExceeded || size > options.maxBytes) {
          const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          options.refused({ size, mailboxIds, sender }).catch((error: unknown) => options.onError(error, 'refused'));
          return callback(smtpError(`5.3.4 message too large: at most ${options.maxBytes} bytes`, 552));
        }
        options.store(Buffer.concat(chunks), mailboxIds).then(
          () => callback(null),
          (error: unknown) => {
            options.onError(error, 'store');
            callback(smtpError('4.3.0 temporarily unable to keep the message; try again later', 451));
          },
        );
      });
    },
  });
  server.on('error', (error: unknown) => options.onError(error, 'server'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
