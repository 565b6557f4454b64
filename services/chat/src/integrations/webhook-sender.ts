// Sending webhooks (the worker behind webhook_deliveries). Every chat process runs one; each
// delivery is leased to one sender. In order per conversation and endpoint: a delivery is sent only
// when no earlier one of its conversation to that endpoint is still pending, so a failing delivery
// holds back the later ones of its conversation (never those of others) until it is delivered or
// dead. Each attempt: a POST signed as Standard Webhooks (webhook-id msg_<event id>, the same on
// every attempt), a timeout, no redirects followed; a 2xx answer is delivered, anything else
// (another status, a refused connection, a timeout) is retried after a doubling wait, and after the
// last attempt the delivery is dead (`failed`) until an admin redelivers it. Every attempt is kept
// with its request and the first 4 KiB of its answer.
import { backoffDelay, Counter, Gauge, Histogram, webhookHeaders, type Logger, type PgPool, type Registry } from '@smartchat/platform';
import { WorkLoop } from '../work-loop.js';
import { webhookIdOf, type WebhookEndpoints } from './webhook-endpoints.js';

export interface WebhookSenderOptions {
  pg: PgPool;
  endpoints: WebhookEndpoints;
  logger: Logger;
  registry: Registry;
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
  pollMs: number;
}

interface DueRow {
  id: string;
  endpoint_id: string;
  event_id: string | null;
  event_type: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

export interface AttemptResult {
  delivered: boolean;
  attempt: { attemptedAt: string; requestHeaders: Record<string, string>; requestBody: string; responseStatus: number | null; responseBody: string | null; latencyMs: number; error: string | null };
}

const BATCH = 32;
const LEASE_SECONDS = 120;
const RETRY_MAX_MS = 60 * 60_000;
const RESPONSE_KEEP_BYTES = 4096;
const USER_AGENT = 'Smartchat-Webhooks/1';

export function createWebhookMetrics(registry: Registry, pg: PgPool) {
  const registers = [registry];
  return {
    attempts: new Counter({ name: 'smartchat_webhook_attempts_total', help: 'Webhook sending attempts, by result: delivered (2xx), retry (will be tried again), failed (the last attempt: dead)', labelNames: ['result'] as const, registers }),
    latency: new Histogram({ name: 'smartchat_webhook_request_seconds', help: 'Time of one webhook request until its answer (or timeout)', buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers }),
    lag: new Histogram({ name: 'smartchat_webhook_delivery_lag_seconds', help: 'From the event (its timestamp) to its delivery, retries included', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600], registers }),
    pending: new Gauge({
      name: 'smartchat_webhook_pending',
      help: 'Webhook deliveries waiting to be sent or retried (pending) and dead ones (failed)',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        try {
          const { rows } = await pg.query<{ pending: string; failed: string }>(
            `SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'failed' AND event_id IS NOT NULL) AS failed FROM webhook_deliveries WHERE status <> 'delivered'`,
          );
          this.set({ status: 'pending' }, Number(rows[0]!.pending));
          this.set({ status: 'failed' }, Number(rows[0]!.failed));
        } catch {
          this.set({ status: 'pending' }, -1);
        }
      },
    }),
  };
}

export class WebhookSender {
  private readonly loop: WorkLoop;
  private readonly metrics: ReturnType<typeof createWebhookMetrics>;

  constructor(private readonly options: WebhookSenderOptions) {
    this.metrics = createWebhookMetrics(options.registry, options.pg);
    for (const result of ['delivered', 'retry', 'failed'] as const) this.metrics.attempts.labels({ result }).inc(0);
    this.loop = new WorkLoop(() => this.round(), { pollMs: options.pollMs, logger: options.logger, failed: 'sending webhooks failed' });
  }

  start(): void {
    this.loop.start();
  }

  poke(): void {
    this.loop.poke();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Leases what is due (the head of each conversation's line) and sends it; how many were sent. */
  async round(): Promise<number> {
    const { rows } = await this.options.pg.query<DueRow>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
          WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.leased_until IS NULL OR d.leased_until < now())
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                             WHERE e.endpoint_id = d.endpoint_id AND e.conversation_id = d.conversation_id AND e.status = 'pending' AND e.seq < d.seq)
          ORDER BY d.seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries w SET leased_until = now() + interval '${LEASE_SECONDS} seconds', attempts = w.attempts + 1
         FROM due WHERE w.id = due.id
       RETURNING w.id, w.endpoint_id, w.event_id, w.event_type, w.payload, w.attempts, w.created_at`,
    );
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
  }

  /** One attempt at a delivery, recorded, and what follows from it. */
  private async deliver(row: DueRow): Promise<void> {
    const { pg, logger, maxAttempts } = this.options;
    try {
      const result = await this.attempt(row.endpoint_id, webhookIdOf(row), row.payload);
      if (!result) {
        await pg.query(`UPDATE webhook_deliveries SET status = 'failed', leased_until = NULL, last_error = 'the endpoint was removed' WHERE id = $1`, [row.id]);
        return;
      }
      const { attempt, delivered } = result;
      await pg.query(
        `INSERT INTO webhook_attempts (delivery_id, attempted_at, request_headers, request_body, response_status, response_body, latency_ms, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [row.id, attempt.attemptedAt, JSON.stringify(attempt.requestHeaders), attempt.requestBody, attempt.responseStatus, attempt.responseBody, attempt.latencyMs, attempt.error],
      );
      const last = row.attempts >= maxAttempts;
      const error = delivered ? null : (attempt.error ?? `answered ${attempt.responseStatus}`);
      if (delivered) {
        await pg.query(`UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), leased_until = NULL, last_status = $2, last_error = NULL WHERE id = $1`, [row.id, attempt.responseStatus]);
        const occurred = Date.parse((row.payload as { timestamp?: string }).timestamp ?? '');
        this.metrics.lag.observe((Date.now() - (Number.isNaN(occurred) ? row.created_at.getTime() : occurred)) / 1000);
      } else if (last) {
        await pg.query(`UPDATE webhook_deliveries SET status = 'failed', leased_until = NULL, last_status = $2, last_error = $3 WHERE id = $1`, [row.id, attempt.responseStatus, error]);
      } else {
        await pg.query(
          `UPDATE webhook_deliveries SET leased_until = NULL, next_attempt_at = now() + make_interval(secs => $4::float8 / 1000), last_status = $2, last_error = $3 WHERE id = $1`,
          [row.id, attempt.responseStatus, error, backoffDelay(row.attempts, this.options.retryBaseMs, RETRY_MAX_MS)],
        );
      }
      this.metrics.attempts.inc({ result: delivered ? 'delivered' : last ? 'failed' : 'retry' });
    } catch (error) {
      // Our side failed (the database): the lease lapses and it is tried again.
      logger.warn({ err: error, deliveryId: row.id }, 'a webhook delivery could not be recorded');
    }
  }

  /** Sends one request to the endpoint now; null when the endpoint is gone. Used for test sends too. */
  async attempt(endpointId: string, webhookId: string, payload: unknown): Promise<AttemptResult | null> {
    const target = await this.options.endpoints.secretsOf(endpointId);
    if (!target) return null;
    const body = JSON.stringify(payload);
    const headers = { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...webhookHeaders(target.secrets, webhookId, body) };
    const attemptedAt = new Date();
    const started = performance.now();
    let responseStatus: number | null = null;
    let responseBody: string | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(target.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs) });
      responseStatus = response.status;
      responseBody = await readSome(response, RESPONSE_KEEP_BYTES);
    } catch (failure) {
      const name = (failure as { name?: string }).name;
      error = name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : `request failed: ${(failure as { cause?: { code?: string } }).cause?.code ?? (failure as Error).message}`;
    }
    const latencyMs = Math.round(performance.now() - started);
    this.metrics.latency.observe(latencyMs / 1000);
    const delivered = responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
    if (responseStatus !== null && !delivered && responseStatus >= 300 && responseStatus < 400) error = `answered ${responseStatus} (redirects are not followed)`;
    return { delivered, attempt: { attemptedAt: attemptedAt.toISOString(), requestHeaders: headers, requestBody: body, responseStatus, responseBody, latencyMs, error } };
  }
}

/** At most `limit` bytes of the answer as text; the rest is not read. */
async function readSome(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}
