import { join } from 'node:path';
import { DEFAULT_DELIVERY_SHARDS } from '@smartchat/contracts';
import { infraConfigSchema, parseKeyring, port, repoRoot, url } from '@smartchat/platform';
import { isIP } from 'node:net';
import { z } from 'zod';

const secret = () => z.string().min(32, 'must be at least 32 characters');

export const chatConfigSchema = infraConfigSchema.extend({
  SMARTCHAT_HTTP_HOST: z.string().default('0.0.0.0'),
  SMARTCHAT_HTTP_PORT: port().default(8080),
  /** /healthz, /readyz and /metrics, on SMARTCHAT_HTTP_HOST: never on the public API port. */
  SMARTCHAT_OPS_PORT: port().default(8081),
  /**
   * The proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For is believed: the cluster's
   * ingress. Unset: never believed, so a client cannot choose the address that its rate limits,
   * sign-in throttling and audit entries are keyed by.
   */
  SMARTCHAT_TRUSTED_PROXIES: z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
    .refine((items) => items.every((item) => isIpOrCidr(item)), 'must be IP addresses or CIDR ranges, comma-separated')
    .optional(),
  /** The company whose desk this is, shown on the console's sign-in page beside the product's name (GET /v1/auth/desk); unset: the product's name only. */
  SMARTCHAT_COMPANY_NAME: z.string().trim().min(1).max(100).regex(/^[^\p{Cc}]+$/u, 'must be one line of text').optional(),
  /** Where the console is reached from outside (password reset links); unset: the origin the admin's request came to. */
  SMARTCHAT_PUBLIC_URL: url(['http', 'https']).optional(),
  /**
   * Sign-in throttling (see auth/login-throttle.ts): attempts without delay within 15 minutes, per
   * e-mail and address together, per e-mail, and per address; past them, each attempt is followed
   * by a wait that doubles.
   */
  SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS: z.coerce.number().int().min(1).max(1000).default(5),
  SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(20),
  SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
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
  /** The longest a search may run in PostgreSQL (statement_timeout); past it the caller is told to narrow the search. */
  SMARTCHAT_SEARCH_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(3000),
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
  /**
   * The statistics database (services/stats writes it), read by /v1/statistics; the read-only role
   * is enough. Unset: those routes answer SC_ERR_STATISTICS_UNAVAILABLE (503), all else runs.
   */
  SMARTCHAT_STATS_PG_URL: url(['postgres', 'postgresql']).optional(),
  /** The built agents' console (served at /console/); missing = "not built" answers, the API still runs. */
  SMARTCHAT_CONSOLE_DIR: z.string().min(1).default(join(repoRoot, 'frontend/console/dist')),
  /** The built customers' widget (served at /widget/: the frame, loader.js, assets). */
  SMARTCHAT_WIDGET_DIR: z.string().min(1).default(join(repoRoot, 'frontend/widget/dist')),
  /**
   * Which sites may frame the widget: the CSP frame-ancestors sources, e.g. "https://shop.example".
   * Unset: none may (the widget is then usable on no site), so that no other site can frame it and
   * hand it a customer token of its own; `make dev` sets the demo site.
   */
  SMARTCHAT_WIDGET_FRAME_ANCESTORS: z
    .string()
    .regex(/^[^;,\r\n]+$/, 'must be CSP sources separated by spaces (no ; or ,)')
    .refine((value) => !/(^|\s)\*(\s|$)/.test(value), 'must name the sites; * would let any site frame the widget')
    .optional(),
  /**
   * Per socket, client events per 10 seconds: a bucket of this many that refills evenly (a tenth of
   * it per second). Past it an event is answered SC_ERR_RATE_LIMITED with details.retryAfterMs;
   * typing, which has no answer, is dropped. message:send draws on a bucket of
   * SMARTCHAT_SEND_LIMIT_PER_10S. Join and leave share one: an agent moving through conversations
   * with j/k leaves one and joins the next.
   */
  SMARTCHAT_SOCKET_JOINS_PER_10S: z.coerce.number().int().min(1).default(200),
  SMARTCHAT_SOCKET_RESUMES_PER_10S: z.coerce.number().int().min(1).default(20),
  SMARTCHAT_SOCKET_TYPING_PER_10S: z.coerce.number().int().min(1).default(50),
  SMARTCHAT_SOCKET_READS_PER_10S: z.coerce.number().int().min(1).default(50),
  /** message:edit, message:delete and message:restore together. */
  SMARTCHAT_SOCKET_CHANGES_PER_10S: z.coerce.number().int().min(1).default(30),
  /** Handlers of one socket running at once; one more is answered SC_ERR_RATE_LIMITED. */
  SMARTCHAT_SOCKET_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(64),
  /**
   * One replay (a resume call, or conversation:join's missed): at most this many messages and about
   * this many bytes of bodies (always at most one message over), from at most this many
   * conversations per resume; the answer's `more` says where to go on.
   */
  SMARTCHAT_REPLAY_MAX_MESSAGES: z.coerce.number().int().min(1).max(1000).default(500),
  SMARTCHAT_REPLAY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  SMARTCHAT_RESUME_CONVERSATIONS_PER_CALL: z.coerce.number().int().min(1).max(500).default(100),
  /** Conversations one customer may open per hour (counted from their first in the hour); an idempotent retry is not counted. */
  SMARTCHAT_CUSTOMER_OPENS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /**
   * Upload quotas per uploader (attachments/upload-quota.ts): bytes per rolling hour and per
   * rolling day, and uploads not yet sent with a message. Past one, an upload is answered
   * SC_ERR_ATTACHMENT_QUOTA (429) before its body is read.
   */
  SMARTCHAT_ATTACHMENT_CUSTOMER_BYTES_PER_HOUR: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
  SMARTCHAT_ATTACHMENT_CUSTOMER_BYTES_PER_DAY: z.coerce.number().int().min(1).default(200 * 1024 * 1024),
  SMARTCHAT_ATTACHMENT_CUSTOMER_MAX_PENDING: z.coerce.number().int().min(1).default(20),
  SMARTCHAT_ATTACHMENT_AGENT_BYTES_PER_HOUR: z.coerce.number().int().min(1).default(500 * 1024 * 1024),
  SMARTCHAT_ATTACHMENT_AGENT_BYTES_PER_DAY: z.coerce.number().int().min(1).default(2 * 1024 * 1024 * 1024),
  SMARTCHAT_ATTACHMENT_AGENT_MAX_PENDING: z.coerce.number().int().min(1).default(100),
  /** An upload no message took within this long can no longer be sent, and the sweep deletes it (file and row). */
  SMARTCHAT_ATTACHMENT_GRACE_MS: z.coerce.number().int().min(1000).default(24 * 60 * 60 * 1000),
  /** How often each chat process tries the sweep (one runs at a time across processes), and at most how many uploads one run deletes. */
  SMARTCHAT_ATTACHMENT_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(24 * 60 * 60 * 1000).default(5 * 60 * 1000),
  SMARTCHAT_ATTACHMENT_SWEEP_BATCH: z.coerce.number().int().min(1).max(100_000).default(1000),
  /**
   * The keys that seal secrets kept in the database (a mailbox's passwords): `id:base64key,…`, 32
   * bytes each; the first seals, every one opens (add a new key first to rotate, drop the old one
   * once nothing sealed with it is left). From a Kubernetes Secret. Unset: a mailbox cannot be given
   * a password (SC_ERR_UNPROCESSABLE, rule secret_keys_missing).
   */
  SMARTCHAT_SECRET_KEYS: z
    .string()
    .superRefine((value, context) => {
      try {
        parseKeyring(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  // --- the e-mail channel (the mail role: services/chat/src/mail) -------------------------------
  /** The mail role's SMTP listener for relayed mail (mailboxes with inbound smtp); 0: none. */
  SMARTCHAT_MAIL_SMTP_HOST: z.string().default('0.0.0.0'),
  SMARTCHAT_MAIL_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** How often an IMAP mailbox is searched for new mail besides what IDLE announces. */
  SMARTCHAT_MAIL_POLL_MS: z.coerce.number().int().min(200).max(3_600_000).default(30_000),
  /** A received message larger than this is refused (SMTP 552) or recorded as too_large (IMAP), never parsed. */
  SMARTCHAT_MAIL_MAX_BYTES: z.coerce.number().int().min(10_000).max(200 * 1024 * 1024).default(25 * 1024 * 1024),
  /** Sending attempts of one answer before it is marked failed; waits double from the base, up to an hour. */
  SMARTCHAT_MAIL_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  SMARTCHAT_MAIL_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Automatic acknowledgements one sender gets per rolling hour at most (over all mailboxes). */
  SMARTCHAT_MAIL_ACKS_PER_SENDER_PER_HOUR: z.coerce.number().int().min(0).max(100).default(1),
  /** The Kafka consumer group that queues agents' answers for sending. */
  SMARTCHAT_MAIL_EVENTS_GROUP: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/).default('smartchat-mail'),
  // --- the back-office integration (services/chat/src/integrations) ----------------------------
  /** REST calls one integration may make per minute (events and back-office routes; answered 429 past it). */
  SMARTCHAT_INTEGRATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  /** Whether this process applies inbound events (each is leased to one process; on in every chat process by default). */
  SMARTCHAT_INTEGRATION_WORKER: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /** Attempts to apply one inbound event before it is marked failed; waits double from the base, up to 10 minutes. */
  SMARTCHAT_INTEGRATION_EVENT_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  SMARTCHAT_INTEGRATION_RETRY_BASE_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /** How often the worker looks for due events besides being told of new ones. */
  SMARTCHAT_INTEGRATION_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** Whether this process queues webhooks from the domain events (a Kafka consumer group; replicas share its partitions). */
  SMARTCHAT_WEBHOOKS: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  SMARTCHAT_WEBHOOK_EVENTS_GROUP: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/).default('smartchat-webhooks'),
  /** Attempts of one webhook delivery before it is dead (failed); waits double from the base, up to an hour. */
  SMARTCHAT_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  SMARTCHAT_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /** How long one webhook request may take, answer included. */
  SMARTCHAT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});
export type ChatConfig = z.infer<typeof chatConfigSchema>;

function isIpOrCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
