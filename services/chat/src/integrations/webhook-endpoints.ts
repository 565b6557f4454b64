// Webhook endpoints and their deliveries, in PostgreSQL. An endpoint belongs to an integration,
// subscribes to some domain event types, and has its own signing secret (sealed; shown once; after
// a rotation the old one signs beside the new one until its overlap ends). Its deliveries are the
// delivery log: each with its attempts (request and response), and "redeliver" for any of them.
import {
  SmartchatError,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
} from '@smartchat/contracts';
import { newSigningSecret, openSecret, sealSecret, type PgPool, type SecretKeyring } from '@smartchat/platform';
import { createHash, randomUUID } from 'node:crypto';

interface EndpointRow {
  id: string;
  integration_id: string;
  url: string;
  description: string | null;
  event_types: WebhookEventType[];
  include_internal: boolean;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_expires_at: Date | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  pending?: string;
  failed?: string;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string | null;
  event_type: string;
  conversation_id: string | null;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Date;
  created_at: Date;
  delivered_at: Date | null;
  last_status: number | null;
  last_error: string | null;
}

/** An endpoint as the fan-out and the sender need it: where, what, and the secrets to sign with. */
export interface ActiveEndpoint {
  id: string;
  url: string;
  eventTypes: ReadonlySet<string>;
  includeInternal: boolean;
  /** Epoch ms: events that happened before the endpoint was added are not sent to it. */
  createdAt: number;
}

const secretContext = (endpointId: string, which: 'current' | 'previous') => `webhook-endpoint:${endpointId}:${which}`;
/**
 * The webhook-id a delivery is sent under, the same on every attempt: msg_ and 32 hex digits of
 * the SHA-256 of the domain event's id (one event, one id, whichever endpoint gets it), or of the
 * delivery's own id for a test send.
 */
export const webhookIdOf = (delivery: { id: string; event_id: string | null }) => `msg_${createHash('sha256').update(delivery.event_id ?? delivery.id).digest('hex').slice(0, 32)}`;

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    integrationId: row.integration_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    includeInternal: row.include_internal,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    pending: Number(row.pending ?? 0),
    failed: Number(row.failed ?? 0),
  };
}

export function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    webhookId: webhookIdOf(row),
    eventType: row.event_type,
    conversationId: row.conversation_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    lastStatus: row.last_status,
    lastError: row.last_error,
  };
}

/** Test sends are in the log, but not counted as pending or dead. */
const ENDPOINT_COLUMNS = `e.*, (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending') AS pending,
  (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed' AND d.event_id IS NOT NULL) AS failed`;

export class WebhookEndpoints {
  private cache: { at: number; endpoints: ActiveEndpoint[] } | undefined;

  constructor(
    private readonly pg: PgPool,
    private readonly keyring: SecretKeyring | undefined,
    /** How long the fan-out may use the list of enabled endpoints before reading it again. */
    private readonly cacheMs = 2000,
  ) {}

  async list(integrationId: string): Promise<WebhookEndpoint[]> {
    const { rows } = await this.pg.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints e WHERE e.integration_id = $1 ORDER BY e.created_at, e.id`, [integrationId]);
    return rows.map(toEndpoint);
  }

  async get(integrationId: string, endpointId: string): Promise<WebhookEndpoint | null> {
    const { rows } = await this.pg.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints e WHERE e.integration_id = $1 AND e.id = $2`, [integrationId, endpointId]);
    return rows[0] ? toEndpoint(rows[0]) : null;
  }

  async create(
    integrationId: string,
    input: { url: string; description?: string | undefined; eventTypes: WebhookEventType[]; includeInternal: boolean; enabled: boolean },
  ): Promise<{ endpoint: WebhookEndpoint; secret: string } | null> {
    const keyring = this.requireKeyring();
    const { rows: exists } = await this.pg.query('SELECT 1 FROM integrations WHERE id = $1', [integrationId]);
    if (exists.length === 0) return null;
    const id = randomUUID();
    const secret = newSigningSecret();
    await this.pg.query(
      `INSERT INTO webhook_endpoints (id, integration_id, url, description, event_types, include_internal, enabled, secret_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, integrationId, input.url, input.description ?? null, input.eventTypes, input.includeInternal, input.enabled, sealSecret(secret, keyring, secretContext(id, 'current'))],
    );
    this.cache = undefined;
    return { endpoint: (await this.get(integrationId, id))!, secret };
  }

  async update(
    integrationId: string,
    endpointId: string,
    input: { url?: string | undefined; description?: string | null | undefined; eventTypes?: WebhookEventType[] | undefined; includeInternal?: boolean | undefined; enabled?: boolean | undefined },
  ): Promise<WebhookEndpoint | null> {
    const { rowCount } = await this.pg.query(
      `UPDATE webhook_endpoints SET url = COALESCE($3, url), description = CASE WHEN $4 THEN $5 ELSE description END, event_types = COALESCE($6, event_types),
              include_internal = COALESCE($7, include_internal), enabled = COALESCE($8, enabled), updated_at = now()
        WHERE integration_id = $1 AND id = $2`,
      [integrationId, endpointId, input.url ?? null, input.description !== undefined, input.description ?? null, input.eventTypes ?? null, input.includeInternal ?? null, input.enabled ?? null],
    );
    this.cache = undefined;
    return rowCount ? this.get(integrationId, endpointId) : null;
  }

  async remove(integrationId: string, endpointId: string): Promise<boolean> {
    const { rowCount } = await this.pg.query('DELETE FROM webhook_endpoints WHERE integration_id = $1 AND id = $2', [integrationId, endpointId]);
    this.cache = undefined;
    return (rowCount ?? 0) > 0;
  }

  /** A new secret; the old one keeps signing (a second signature) for `overlapMinutes`. */
  async rotateSecret(integrationId: string, endpointId: string, overlapMinutes: number): Promise<{ secret: string; previousExpiresAt: string | null } | null> {
    const keyring = this.requireKeyring();
    const { rows } = await this.pg.query<{ secret_sealed: string }>('SELECT secret_sealed FROM webhook_endpoints WHERE integration_id = $1 AND id = $2', [integrationId, endpointId]);
    if (!rows[0]) return null;
    const previous = openSecret(rows[0].secret_sealed, keyring, secretContext(endpointId, 'current'));
    const secret = newSigningSecret();
    const { rows: updated } = await this.pg.query<{ previous_expires_at: Date | null }>(
      `UPDATE webhook_endpoints SET secret_sealed = $3, previous_secret_sealed = CASE WHEN $5 > 0 THEN $4 END,
              previous_expires_at = CASE WHEN $5 > 0 THEN now() + make_interval(mins => $5) END, updated_at = now()
        WHERE integration_id = $1 AND id = $2 RETURNING previous_expires_at`,
      [integrationId, endpointId, sealSecret(secret, keyring, secretContext(endpointId, 'current')), sealSecret(previous, keyring, secretContext(endpointId, 'previous')), overlapMinutes],
    );
    return { secret, previousExpiresAt: updated[0]?.previous_expires_at?.toISOString() ?? null };
  }

  /** The secrets to sign with now: the current one, and the previous one during its overlap. */
  async secretsOf(endpointId: string): Promise<{ url: string; secrets: string[] } | null> {
    const { rows } = await this.pg.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = $1', [endpointId]);
    const row = rows[0];
    if (!row) return null;
    const keyring = this.requireKeyring();
    const secrets = [openSecret(row.secret_sealed, keyring, secretContext(row.id, 'current'))];
    if (row.previous_secret_sealed && row.previous_expires_at && row.previous_expires_at.getTime() > Date.now()) {
      secrets.push(openSecret(row.previous_secret_sealed, keyring, secretContext(row.id, 'previous')));
    }
    return { url: row.url, secrets };
  }

  /** Enabled endpoints of enabled integrations, read at most every cacheMs. */
  async active(): Promise<ActiveEndpoint[]> {
    if (this.cache && Date.now() - this.cache.at < this.cacheMs) return this.cache.endpoints;
    const { rows } = await this.pg.query<EndpointRow>(
      `SELECT e.* FROM webhook_endpoints e JOIN integrations i ON i.id = e.integration_id WHERE e.enabled AND i.disabled_at IS NULL`,
    );
    const endpoints = rows.map((row) => ({ id: row.id, url: row.url, eventTypes: new Set<string>(row.event_types), includeInternal: row.include_internal, createdAt: row.created_at.getTime() }));
    this.cache = { at: Date.now(), endpoints };
    return endpoints;
  }

  async deliveries(endpointId: string, query: { status?: WebhookDelivery['status'] | undefined; before?: string | undefined; limit: number }): Promise<WebhookDelivery[]> {
    const { rows } = await this.pg.query<DeliveryRow>(
      `SELECT * FROM webhook_deliveries WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2)
          AND ($3::uuid IS NULL OR seq < (SELECT seq FROM webhook_deliveries WHERE id = $3))
        ORDER BY seq DESC LIMIT $4`,
      [endpointId, query.status ?? null, query.before ?? null, query.limit],
    );
    return rows.map(toDelivery);
  }

  async delivery(endpointId: string, deliveryId: string): Promise<{ delivery: WebhookDelivery; attempts: WebhookAttempt[] } | null> {
    const { rows } = await this.pg.query<DeliveryRow>('SELECT * FROM webhook_deliveries WHERE endpoint_id = $1 AND id = $2', [endpointId, deliveryId]);
    if (!rows[0]) return null;
    const attempts = await this.pg.query<{ attempted_at: Date; request_headers: Record<string, string>; request_body: string; response_status: number | null; response_body: string | null; latency_ms: number; error: string | null }>(
      'SELECT * FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempted_at, id',
      [deliveryId],
    );
    return {
      delivery: toDelivery(rows[0]),
      attempts: attempts.rows.map((row) => ({
        attemptedAt: row.attempted_at.toISOString(),
        requestHeaders: row.request_headers,
        requestBody: row.request_body,
        responseStatus: row.response_status,
        responseBody: row.response_body,
        latencyMs: row.latency_ms,
        error: row.error,
      })),
    };
  }

  /**
   * Sends a delivery again, whatever became of it: due now, with a fresh count of attempts. In
   * order as before: it waits for earlier pending deliveries of its conversation.
   */
  async redeliver(endpointId: string, deliveryId: string): Promise<WebhookDelivery | null> {
    // Not while a sender holds it: that attempt's outcome would overwrite this, or it would go out twice at once.
    const { rows } = await this.pg.query<DeliveryRow>(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), leased_until = NULL, delivered_at = NULL
        WHERE endpoint_id = $1 AND id = $2 AND (leased_until IS NULL OR leased_until < now()) RETURNING *`,
      [endpointId, deliveryId],
    );
    if (rows[0]) return toDelivery(rows[0]);
    const { rows: held } = await this.pg.query('SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND id = $2', [endpointId, deliveryId]);
    if (held.length > 0) throw new SmartchatError('SC_ERR_CONFLICT', 'This delivery is being sent right now; redeliver it once that attempt is over', { rule: 'being_sent' });
    return null;
  }

  private requireKeyring(): SecretKeyring {
    if (!this.keyring) throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'Webhook secrets cannot be kept: SMARTCHAT_SECRET_KEYS is not set', { rule: 'secret_keys_missing' });
    return this.keyring;
  }
}
