// What the upload quotas refuse and what the attachment sweep deletes, for /metrics.
import { Counter, Gauge, type Registry } from '@smartchat/platform';
import type { QuotaName } from './upload-quota.js';

export interface AttachmentMetrics {
  quotaRefusals: Counter<'quota'>;
  sweepRuns: Counter<'outcome'>;
  sweepDeleted: Counter<'reason'>;
  sweepDeletedBytes: Counter;
  sweepLastRun: Gauge;
  refused(quota: QuotaName): void;
}

export function createAttachmentMetrics(registry: Registry): AttachmentMetrics {
  const quotaRefusals = new Counter({
    name: 'smartchat_attachment_quota_refusals_total',
    help: 'Uploads refused by a quota, by quota (bytes_per_hour, bytes_per_day, pending_uploads)',
    labelNames: ['quota'] as const,
    registers: [registry],
  });
  return {
    quotaRefusals,
    sweepRuns: new Counter({
      name: 'smartchat_attachment_sweep_runs_total',
      help: "Attachment sweeps started by this process, by outcome: done, skipped (another process's sweep was running), failed",
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    sweepDeleted: new Counter({
      name: 'smartchat_attachment_sweep_deleted_total',
      help: 'Files the attachment sweep deleted, by reason: unattached (no message took it within the grace period), abandoned (its upload never finished)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    sweepDeletedBytes: new Counter({
      name: 'smartchat_attachment_sweep_deleted_bytes_total',
      help: 'Bytes of the unattached uploads the attachment sweep deleted',
      registers: [registry],
    }),
    sweepLastRun: new Gauge({
      name: 'smartchat_attachment_sweep_last_run_timestamp_seconds',
      help: 'When the last attachment sweep this process ran (holding the lock) finished, in Unix seconds',
      registers: [registry],
    }),
    refused: (quota) => quotaRefusals.inc({ quota }),
  };
}
