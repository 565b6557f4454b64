// Receiving an inbound event (POST /v1/integrations/events): everything that can be refused is
// refused here, before anything is kept, so that an accepted event is one the worker can apply.
// Then it is written to integration_events (the durable queue) in one statement and the answer
// goes back at once; event-processor.ts applies it. Idempotent twice over: on the webhook-id (a
// retry of the same delivery) and on the business key (the same trip version or document sent
// again under another webhook-id); either answers 200 with the first one's id and state.
import {
  attachmentTypes,
  INBOUND_EVENT_TYPES,
  inboundEventSchema,
  SmartchatError,
  WEBHOOK_TOLERANCE_SECONDS,
  type AttachmentType,
  type InboundEvent,
  type InboundEventReceipt,
  type InboundEventRecord,
} from '@smartchat/contracts';
import { verifyWebhook, type Logger, type PgPool } from '@smartchat/platform';
import { createHash, randomUUID } from 'node:crypto';
import type { BlobStore } from '../attachments/blob-store.js';
import { IncomingFile } from '../attachments/incoming-file.js';
import { parseInput } from '../validation.js';
import type { IntegrationCaller, IntegrationStore } from './integration-store.js';

export interface SignedRequest {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
}

/** The webhook-id: what the back-office retries under; printable, at most 200 characters. */
const WEBHOOK_ID = /^[\x21-\x7e]{1,200}$/;

/** The key that makes the same business fact one event, whatever its webhook-id. */
export function businessKeyOf(event: InboundEvent): string | null {
  switch (event.type) {
    case 'trip.changed':
    case 'trip.cancelled':
    case 'booking.failed':
      return `trip:${event.data.tripId}:v${event.data.version}`;
    case 'document.ready':
      return `document:${event.data.documentId}`;
    case 'customer.updated':
      return event.data.version === undefined ? null : `customer:${event.data.customerId}:v${event.data.version}`;
  }
}

const refuse = (rule: string, message: string, path?: string) => new SmartchatError('SC_ERR_UNPROCESSABLE', message, [{ path: path ?? 'body', rule, message }]);

export class InboundEvents {
  constructor(
    private readonly options: {
      pg: PgPool;
      store: IntegrationStore;
      /** Where a document's file is kept until the worker posts it (the attachments' blob store). */
      blobs: BlobStore;
      maxFileBytes: number;
      logger: Logger;
      /** Called after an event is queued: the worker looks at once. */
      queued(): void;
    },
  ) {}

  /**
   * Checks the signature first (an unsigned or stale request learns nothing about the body), then
   * the event, then keeps it. Returns the receipt and whether it was new.
   */
  async receive(caller: IntegrationCaller, request: SignedRequest): Promise<InboundEventReceipt> {
    const verdict = verifyWebhook(await this.options.store.signingSecrets(caller.integrationId), request, request.body, WEBHOOK_TOLERANCE_SECONDS);
    if (!verdict.ok) {
      if (verdict.reason === 'bad_timestamp' || verdict.reason === 'stale_timestamp' || (verdict.reason === 'missing_headers' && !request.timestamp && request.id && request.signature)) {
        throw new SmartchatError('SC_ERR_WEBHOOK_TIMESTAMP_INVALID', undefined, { reason: verdict.reason, toleranceSeconds: WEBHOOK_TOLERANCE_SECONDS });
      }
      throw new SmartchatError('SC_ERR_WEBHOOK_SIGNATURE_INVALID', undefined, { reason: verdict.reason });
    }
    if (!WEBHOOK_ID.test(verdict.id)) throw new SmartchatError('SC_ERR_VALIDATION', 'webhook-id must be 1-200 printable ASCII characters', [{ path: 'headers.webhook-id', message: 'must be 1-200 printable ASCII characters' }]);

    let raw: unknown;
    try {
      raw = JSON.parse(request.body.toString('utf8'));
    } catch {
      throw new SmartchatError('SC_ERR_VALIDATION', 'The body is not JSON', [{ path: 'body', message: 'must be a JSON object' }]);
    }
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && !(INBOUND_EVENT_TYPES as readonly string[]).includes(type)) {
      throw refuse('unknown_event_type', `Unknown event type "${type.slice(0, 100)}"; known: ${INBOUND_EVENT_TYPES.join(', ')}`, 'body.type');
    }
    const event = parseInput(inboundEventSchema, raw);
    const bodySha = createHash('sha256').update(request.body).digest();

    // A retry of a delivery, or the same fact again: the first one's answer, nothing new done.
    const earlier = await this.earlier(caller.integrationId, verdict.id, businessKeyOf(event), bodySha);
    if (earlier) return earlier;

    const customerId = await this.customerOf(event);
    const id = randomUUID();
    const payload = event.type === 'document.ready' ? await this.keepDocument(id, event) : event;
    const { pg } = this.options;
    try {
      const inserted = await pg.query<{ id: string }>(
        `WITH customer AS (
           INSERT INTO customers (external_id) SELECT $7 WHERE $6::uuid IS NULL AND $7::text IS NOT NULL
           ON CONFLICT (external_id) DO UPDATE SET updated_at = customers.updated_at RETURNING id)
         INSERT INTO integration_events (id, integration_id, webhook_id, body_sha256, type, business_key, payload, customer_id)
         VALUES ($1, $2, $3, $4, $5, $8, $9, COALESCE($6::uuid, (SELECT id FROM customer)))
         ON CONFLICT DO NOTHING RETURNING id`,
        [id, caller.integrationId, verdict.id, bodySha, event.type, customerId.id, customerId.create, businessKeyOf(event), JSON.stringify(payload)],
      );
      if (inserted.rows.length === 0) {
        // Another request with the same webhook-id or business key got there first.
        await this.dropDocument(id, event);
        const raced = await this.earlier(caller.integrationId, verdict.id, businessKeyOf(event), bodySha);
        if (raced) return raced;
        throw new SmartchatError('SC_ERR_CONFLICT', 'The event conflicts with one received at the same time; send it again');
      }
    } catch (error) {
      await this.dropDocument(id, event);
      throw error;
    }
    this.options.queued();
    return { eventId: id, status: 'queued', duplicate: false };
  }

  /** The integration's events, newest first (the admin console's event log). */
  async list(integrationId: string, query: { status?: InboundEventRecord['status'] | undefined; before?: string | undefined; limit: number; only?: string }): Promise<InboundEventRecord[]> {
    const { rows } = await this.options.pg.query<{
      id: string; integration_id: string; webhook_id: string; type: InboundEventRecord['type']; business_key: string | null; status: InboundEventRecord['status'];
      received_at: Date; processed_at: Date | null; attempts: number; conversation_id: string | null; message_id: string | null; opened: boolean; error: string | null;
    }>(
      `SELECT id, integration_id, webhook_id, type, business_key, status, received_at, processed_at, attempts, conversation_id, message_id, opened, error
         FROM integration_events e
        WHERE integration_id = $1 AND ($2::text IS NULL OR status = $2)
          AND ($3::uuid IS NULL OR (received_at, id) < (SELECT received_at, id FROM integration_events WHERE id = $3))
          AND ($5::uuid IS NULL OR id = $5)
        ORDER BY received_at DESC, id DESC LIMIT $4`,
      [integrationId, query.status ?? null, query.before ?? null, query.limit, query.only ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      integrationId: row.integration_id,
      webhookId: row.webhook_id,
      type: row.type,
      businessKey: row.business_key,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      processedAt: row.processed_at?.toISOString() ?? null,
      attempts: row.attempts,
      conversationId: row.conversation_id,
      messageId: row.message_id,
      opened: row.opened,
      error: row.error,
    }));
  }

  /** Applies a failed (or superseded) event again from the start: queued, due now, its attempts counted afresh. */
  async retry(integrationId: string, eventId: string): Promise<InboundEventRecord | null> {
    const { rowCount } = await this.options.pg.query(
      `UPDATE integration_events SET status = 'queued', attempts = 0, due_at = now(), leased_until = NULL, processed_at = NULL
        WHERE integration_id = $1 AND id = $2 AND status IN ('failed', 'superseded')`,
      [integrationId, eventId],
    );
    if (!rowCount) {
      const { rows } = await this.options.pg.query<{ status: string }>('SELECT status FROM integration_events WHERE integration_id = $1 AND id = $2', [integrationId, eventId]);
      if (!rows[0]) return null;
      throw new SmartchatError('SC_ERR_CONFLICT', `The event is ${rows[0].status}: only a failed or superseded event is applied again`, { rule: 'not_failed' });
    }
    this.options.queued();
    return (await this.list(integrationId, { limit: 1, only: eventId }))[0] ?? null;
  }

  /** The event already received under this webhook-id or business key, if any. */
  private async earlier(integrationId: string, webhookId: string, businessKey: string | null, bodySha: Buffer): Promise<InboundEventReceipt | null> {
    const { rows } = await this.options.pg.query<{ id: string; status: InboundEventReceipt['status']; webhook_id: string; body_sha256: Buffer }>(
      `SELECT id, status, webhook_id, body_sha256 FROM integration_events
        WHERE integration_id = $1 AND (webhook_id = $2 OR ($3::text IS NOT NULL AND business_key = $3))
        ORDER BY (webhook_id = $2) DESC LIMIT 1`,
      [integrationId, webhookId, businessKey],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.webhook_id === webhookId && !row.body_sha256.equals(bodySha)) throw new SmartchatError('SC_ERR_WEBHOOK_ID_REUSED', undefined, { eventId: row.id });
    return { eventId: row.id, status: row.status, duplicate: true };
  }

  /**
   * The customer the event is about. A customer Smartchat does not know yet is created only by
   * customer.updated or by an event that carries the customer's details; any other event about an
   * unknown customer is refused (422 unknown_customer) and nothing is kept.
   */
  private async customerOf(event: InboundEvent): Promise<{ id: string | null; create: string | null }> {
    const externalId = event.data.customerId;
    const { rows } = await this.options.pg.query<{ id: string }>('SELECT id FROM customers WHERE external_id = $1', [externalId]);
    if (rows[0]) return { id: rows[0].id, create: null };
    const creates = event.type === 'customer.updated' || ('customer' in event.data && event.data.customer !== undefined);
    if (!creates) throw refuse('unknown_customer', `No customer "${externalId.slice(0, 200)}": send customer.updated first, or the customer's details with the event`, 'body.data.customerId');
    return { id: null, create: externalId };
  }

  /** A document's file checked and written to the blob store under the event's id; the payload keeps the rest. */
  private async keepDocument(id: string, event: Extract<InboundEvent, { type: 'document.ready' }>): Promise<unknown> {
    const { file, ...rest } = event.data;
    const contentType = file.contentType.split(';')[0]!.trim().toLowerCase();
    const allowed = attachmentTypes[contentType as AttachmentType];
    if (!allowed) throw new SmartchatError('SC_ERR_ATTACHMENT_TYPE', undefined, { contentType, allowed: Object.keys(attachmentTypes) });
    const bytes = Buffer.from(file.contentBase64, 'base64');
    if (bytes.length === 0) throw new SmartchatError('SC_ERR_VALIDATION', 'The file is empty', [{ path: 'body.data.file.contentBase64', message: 'must not be empty' }]);
    if (bytes.length > this.options.maxFileBytes) throw new SmartchatError('SC_ERR_ATTACHMENT_TOO_LARGE', undefined, { maxBytes: this.options.maxFileBytes });
    const incoming = new IncomingFile({ contentType, image: allowed.image, allowance: this.options.maxFileBytes });
    try {
      await this.options.blobs.write(id, incoming.read((async function* () { yield bytes; })()));
    } catch (error) {
      await this.dropDocument(id, event);
      throw error;
    }
    return { ...event, data: { ...rest, file: { name: file.name, contentType, size: incoming.size, sha256: incoming.sha256() } } };
  }

  private async dropDocument(id: string, event: InboundEvent): Promise<void> {
    if (event.type !== 'document.ready') return;
    await this.options.blobs.delete(id).catch((error: unknown) => this.options.logger.warn({ err: error, eventId: id }, 'a refused document could not be removed'));
  }
}
