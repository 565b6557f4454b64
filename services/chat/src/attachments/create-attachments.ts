// The attachments of a chat process from its settings: the blob store, the upload quotas, the
// service the routes and the send path use, and the sweep (started; stop it on shutdown).
import type { Logger, PgPool, Registry } from '@smartchat/platform';
import type { AccessStore } from '../access/access-store.js';
import type { ChatConfig } from '../config.js';
import type { MessageStore } from '../store/messages.js';
import { createAttachmentMetrics } from './attachment-metrics.js';
import { AttachmentService } from './attachment-service.js';
import { AttachmentSweep } from './attachment-sweep.js';
import { FilesystemBlobStore } from './blob-store.js';
import { UploadQuota } from './upload-quota.js';

export function createAttachments(
  config: ChatConfig,
  deps: { pg: PgPool; access: AccessStore; messages: Pick<MessageStore, 'get'>; registry: Registry; logger: Logger },
): { attachments: AttachmentService; sweep: AttachmentSweep } {
  const metrics = createAttachmentMetrics(deps.registry);
  const blobs = new FilesystemBlobStore(config.SMARTCHAT_BLOB_DIR);
  const graceMs = config.SMARTCHAT_ATTACHMENT_GRACE_MS;
  const maxBytes = config.SMARTCHAT_ATTACHMENT_MAX_BYTES;
  const quota = new UploadQuota({
    pg: deps.pg,
    limits: {
      customer: {
        bytesPerHour: config.SMARTCHAT_ATTACHMENT_CUSTOMER_BYTES_PER_HOUR,
        bytesPerDay: config.SMARTCHAT_ATTACHMENT_CUSTOMER_BYTES_PER_DAY,
        pendingUploads: config.SMARTCHAT_ATTACHMENT_CUSTOMER_MAX_PENDING,
      },
      agent: {
        bytesPerHour: config.SMARTCHAT_ATTACHMENT_AGENT_BYTES_PER_HOUR,
        bytesPerDay: config.SMARTCHAT_ATTACHMENT_AGENT_BYTES_PER_DAY,
        pendingUploads: config.SMARTCHAT_ATTACHMENT_AGENT_MAX_PENDING,
      },
    },
    graceMs,
    maxBytes,
    refused: metrics.refused,
  });
  const attachments = new AttachmentService({ pg: deps.pg, blobs, access: deps.access, messages: deps.messages, quota, logger: deps.logger, maxBytes, graceMs });
  const sweep = new AttachmentSweep({
    pg: deps.pg,
    blobs,
    metrics,
    logger: deps.logger,
    graceMs,
    intervalMs: config.SMARTCHAT_ATTACHMENT_SWEEP_INTERVAL_MS,
    batch: config.SMARTCHAT_ATTACHMENT_SWEEP_BATCH,
  });
  sweep.start();
  return { attachments, sweep };
}
