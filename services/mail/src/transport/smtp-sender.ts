// Sending one message over SMTP (issue 25, "Outbound"), with what the sending queue needs to know
// of a failure: whether it may pass (a 4xx answer, a connection that failed: retry later) or will
// not (a 5xx answer, a recipient refused: failed, with the server's words as the reason).
import nodemailer, { type Transporter } from 'nodemailer';
import type { NodemailerOptions } from '../outgoing.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** tls: TLS from the first byte (465); starttls: STARTTLS required; none: plain (a local relay only). */
  security: 'none' | 'starttls' | 'tls';
  user: string | null;
  password: string | null;
}

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export type SendableMessage = NodemailerOptions & { html?: string; attachments?: OutgoingAttachment[] };

/** Why a send failed; `permanent`: sending it again will not help. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/** The failure a nodemailer error stands for (the server's answer, never the password). */
export function sendFailureOf(error: unknown): SendFailure {
  const failed = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const code = failed.responseCode;
  const said = (failed.response ?? failed.message ?? String(error)).replace(/\s+/g, ' ').slice(0, 500);
  if (failed.code === 'EENVELOPE' || (code !== undefined && code >= 500 && code < 600)) return new SendFailure(said, true);
  if (failed.code === 'EAUTH') return new SendFailure(`sign-in refused: ${said}`, false);
  return new SendFailure(said, false);
}

export class SmtpSender {
  private readonly transports = new Map<string, Transporter>();

  /** Sends; resolves once the server took it, throws a SendFailure otherwise. */
  async send(settings: SmtpSettings, message: SendableMessage): Promise<void> {
    try {
      const info = await this.transport(settings).sendMail(message);
      if ((info.rejected ?? []).length > 0) throw new SendFailure(`recipient refused: ${info.response}`, true);
    } catch (error) {
      throw error instanceof SendFailure ? error : sendFailureOf(error);
    }
  }

  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private transport(settings: SmtpSettings): Transporter {
    const key = JSON.stringify([settings.host, settings.port, settings.security, settings.user, settings.password]);
    let transport = this.transports.get(key);
    if (!transport) {
      transport = nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.security === 'tls',
        requireTLS: settings.security === 'starttls',
        ignoreTLS: settings.security === 'none',
        ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
        pool: true,
        maxConnections: 2,
        connectionTimeout: 15_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        logger: false,
      });
      this.transports.set(key, transport);
    }
    return transport;
  }
}
