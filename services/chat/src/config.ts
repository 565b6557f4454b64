import { join } from 'node:path';
import { DEFAULT_DELIVERY_SHARDS } from '@smartchat/contracts';
import { infraConfigSchema, port, repoRoot, url } from '@smartchat/platform';
import { z } from 'zod';

const secret = () => z.string().min(32, 'must be at least 32 characters');

export const chatConfigSchema = infraConfigSchema.extend({
  SMARTCHAT_HTTP_HOST: z.string().default('0.0.0.0'),
  SMARTCHAT_HTTP_PORT: port().default(8080),
  /** Signs agent session tokens. */
  SMARTCHAT_SESSION_SECRET: secret(),
  SMARTCHAT_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Shared with the back-office, which signs customer tokens (HS256) with it. */
  SMARTCHAT_CUSTOMER_TOKEN_SECRET: secret(),
  /**
   * Number of delivery queues; a conversation always maps to the same one. Change it only with the
   * queues drained (no sends in flight): messages left in a queue beyond the new count wait there
   * until it is raised again, and in-flight messages may be reordered.
   */
  SMARTCHAT_DELIVERY_SHARDS: z.coerce.number().int().min(1).max(256).default(DEFAULT_DELIVERY_SHARDS),
  /** Delivery pipelines per process (each takes shards s with s % lanes = lane). Fewer: bigger batches. */
  SMARTCHAT_DELIVERY_LANES: z.coerce.number().int().min(1).max(16).default(1),
  /** A chat process publishes accepted messages at most once per this many ms (0: every event-loop turn); see DeliveryPublisher. */
  SMARTCHAT_DELIVERY_LINGER_MS: z.coerce.number().int().min(0).max(100).default(5),
  /** Root of the filesystem blob store for attachments (a volume in Kubernetes). */
  SMARTCHAT_BLOB_DIR: z.string().min(1).default('/var/lib/smartchat/blobs'),
  SMARTCHAT_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Requests per minute per identity on the REST API. */
  SMARTCHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** BullMQ key prefix of the balancer queue; chat pods and balancers of one installation use the same. */
  SMARTCHAT_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('smartchat'),
  /** An agent whose last console connection closed counts as online this long (a page reload, a network blip). */
  SMARTCHAT_PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
  /** Redis key prefix of the REST rate-limit counters: processes sharing one share the limits. */
  SMARTCHAT_RATE_LIMIT_NAMESPACE: z.string().regex(/^[A-Za-z0-9_:.-]{1,100}$/).default('ratelimit:http:'),
  /** Messages per 10 seconds per identity, over any transport. */
  SMARTCHAT_SEND_LIMIT_PER_10S: z.coerce.number().int().min(1).default(100),
  /** The back-office's API; when set, a customer's context shows GET <url>/customers/<externalId>. */
  SMARTCHAT_BACKOFFICE_URL: url(['http', 'https']).optional(),
  /** How long the console waits for the back-office before showing the customer without its data. */
  SMARTCHAT_BACKOFFICE_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  /** The built agents' console (served at /console/); missing = "not built" answers, the API still runs. */
  SMARTCHAT_CONSOLE_DIR: z.string().min(1).default(join(repoRoot, 'frontend/console/dist')),
  /** The built customers' widget (served at /widget/: the frame, loader.js, assets). */
  SMARTCHAT_WIDGET_DIR: z.string().min(1).default(join(repoRoot, 'frontend/widget/dist')),
  /** Which sites may frame the widget: the CSP frame-ancestors sources, e.g. "https://shop.example". */
  SMARTCHAT_WIDGET_FRAME_ANCESTORS: z
    .string()
    .regex(/^[^;,\r\n]+$/, 'must be CSP sources separated by spaces (no ; or ,)')
    .default('*'),
});
export type ChatConfig = z.infer<typeof chatConfigSchema>;
