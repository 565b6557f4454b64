// Metrics of the e-mail channel (the mail role): what was received and what became of it, the
// backlog of received mail not yet processed, and the sending queue.
import { mailOutcomes } from '@smartchat/contracts';
import { Counter, Gauge, type Registry } from '@smartchat/platform';
import type { MailRecords } from './mail-records.js';

export function createMailMetrics(registry: Registry, records: MailRecords) {
  const registers = [registry];
  const metrics = {
    received: new Counter({ name: 'smartchat_mail_received_total', help: 'Messages received and kept (raw), by how they came (imap, smtp)', labelNames: ['via'] as const, registers }),
    receivedDuplicates: new Counter({ name: 'smartchat_mail_received_duplicates_total', help: 'Messages received again (same mailbox and Message-ID) and not kept twice', labelNames: ['via'] as const, registers }),
    refusedTooLarge: new Counter({ name: 'smartchat_mail_refused_too_large_total', help: 'Messages over SMARTCHAT_MAIL_MAX_BYTES, recorded without their content', labelNames: ['via'] as const, registers }),
    processed: new Counter({ name: 'smartchat_mail_processed_total', help: 'Received messages processed, by outcome (see docs/architecture.md, "The e-mail channel")', labelNames: ['outcome'] as const, registers }),
    processingRetries: new Counter({ name: 'smartchat_mail_processing_retries_total', help: 'Processing attempts of received messages that failed for a reason that may pass, and are retried', registers }),
    acknowledgementsLimited: new Counter({ name: 'smartchat_mail_acknowledgements_limited_total', help: 'Acknowledgements not sent because the sender had one within the hour', registers }),
    sent: new Counter({ name: 'smartchat_mail_sent_total', help: 'Messages sent over SMTP, by kind (reply, acknowledgement)', labelNames: ['kind'] as const, registers }),
    sendFailures: new Counter({ name: 'smartchat_mail_send_failures_total', help: 'Sending attempts that failed, by whether it is retried (retry) or given up (failed)', labelNames: ['result'] as const, registers }),
    backlog: new Gauge({
      name: 'smartchat_mail_received_pending',
      help: 'Received messages kept but not processed yet',
      registers,
      async collect() {
        this.set((await records.backlog().catch(() => ({ pending: -1 }))).pending);
      },
    }),
  };
  for (const outcome of mailOutcomes) metrics.processed.labels({ outcome }).inc(0);
  for (const via of ['imap', 'smtp'] as const) metrics.received.labels({ via }).inc(0);
  return metrics;
}

export type MailMetrics = ReturnType<typeof createMailMetrics>;
