// Which domain events become webhooks (the fan-out). A Kafka consumer group of its own reads the
// domain event log; for every event of a subscribed type it writes one delivery per endpoint that
// subscribes to it (webhook_deliveries, unique by endpoint and event: an event read twice is queued
// once), then the offset is committed: nothing is skipped. What an endpoint receives:
//
// - never a note, a system message or anything of an internal conversation, unless the endpoint
//   says includeInternal (an internal-only endpoint of the back-office's own staff);
// - the payload as in Standard Webhooks: {type, timestamp, data}, data with what a back-office
//   needs without calling back: the customer's back-office id, and for a message its text and files
//   as the message store holds them when it is queued.
import type { Attachment, WebhookEventType } from '@smartchat/contracts';
import { WEBHOOK_EVENT_TYPES } from '@smartchat/contracts';
import { backoffDelay, sleep, type Consumer, type Kafka, type Logger, type PgPool } from '@smartchat/platform';
import type { MessageStore } from '../store/messages.js';
import type { WebhookEndpoints } from './webhook-endpoints.js';

interface DomainEventRecord {
  eventId?: string;
  type?: string;
  occurredAt?: string;
  conversationId?: string;
  actor?: { type: string; id: string | null };
  data?: Record<string, unknown>;
}

export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

const SUBSCRIBABLE = new Set<string>(WEBHOOK_EVENT_TYPES);
/** Message kinds only an includeInternal endpoint receives. */
const INTERNAL_KINDS = new Set(['note', 'system']);

export class WebhookQueue {
  private consumer: Consumer | undefined;
  private stopped = false;

  constructor(
    private readonly options: {
      kafka: Kafka;
      topic: string;
      groupId: string;
      pg: PgPool;
      endpoints: WebhookEndpoints;
      messages: Pick<MessageStore, 'get'>;
      logger: Logger;
      /** Called when deliveries were queued (the sender looks at once). */
      queued(): void;
    },
  ) {}

  async start(): Promise<void> {
    const { kafka, topic, groupId } = this.options;
    const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3000 });
    this.consumer = consumer;
    await consumer.connect();
    // A new group reads the log from its start (nothing is skipped while it joins); an endpoint
    // never gets what happened before it was added (consider()).
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      // The batch is committed after its handler returns. An event that cannot be queued (the
      // database away) is tried again, with a growing wait, until it is: never skipped.
      eachBatch: async ({ messages }) => {
        for (const { message } of messages) await this.considerUntilDone(message.value);
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }

  private async considerUntilDone(value: Buffer | null): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.consider(value);
        return;
      } catch (error) {
        if (this.stopped) throw error;
        this.options.logger.warn({ err: error, attempt }, 'queuing webhooks for an event failed; trying again');
        await sleep(backoffDelay(attempt, 200, 30_000));
      }
    }
  }

  /** Queues the event for every endpoint that takes it; how many deliveries were queued. Throws (the event is read again) when the store fails. */
  async consider(value: Buffer | null): Promise<number> {
    let event: DomainEventRecord;
    try {
      event = JSON.parse(value?.toString('utf8') ?? 'null') as DomainEventRecord;
    } catch {
      return 0;
    }
    if (!event || typeof event.type !== 'string' || !SUBSCRIBABLE.has(event.type) || typeof event.eventId !== 'string' || typeof event.conversationId !== 'string') return 0;
    const at = Date.parse(event.occurredAt ?? '');
    const endpoints = (await this.options.endpoints.active()).filter((endpoint) => endpoint.eventTypes.has(event.type!) && at >= endpoint.createdAt);
    if (endpoints.length === 0) return 0;
    const built = await this.payloadOf(event as Required<DomainEventRecord>);
    if (!built) return 0;
    const receivers = endpoints.filter((endpoint) => endpoint.includeInternal || !built.internal);
    if (receivers.length === 0) return 0;
    const { rowCount } = await this.options.pg.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, conversation_id, payload)
       SELECT unnest($1::uuid[]), $2, $3, $4, $5 ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
      [receivers.map((endpoint) => endpoint.id), event.eventId, event.type, event.conversationId, JSON.stringify(built.payload)],
    );
    if ((rowCount ?? 0) > 0) this.options.queued();
    return rowCount ?? 0;
  }

  /** The payload, and whether only includeInternal endpoints may have it; null when there is nothing to send (the conversation is gone). */
  private async payloadOf(event: Required<DomainEventRecord>): Promise<{ payload: WebhookPayload; internal: boolean } | null> {
    const { rows } = await this.options.pg.query<{ internal: boolean; channel: string; topic: string | null; team_id: string | null; customer: string | null }>(
      `SELECT c.internal, c.channel, c.topic, c.team_id, cu.external_id AS customer FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
      [event.conversationId],
    );
    const conversation = rows[0];
    if (!conversation) return null;
    const data = event.data;
    const base = { conversationId: event.conversationId, customerId: conversation.customer, internal: conversation.internal };
    const payload = (body: Record<string, unknown>): WebhookPayload => ({ type: event.type as WebhookEventType, timestamp: event.occurredAt, data: { ...base, ...body } });
    switch (event.type) {
      case 'conversation.created':
        return { payload: payload({ channel: conversation.channel, topic: conversation.topic, teamId: conversation.team_id, openedBy: event.actor.type }), internal: conversation.internal };
      case 'conversation.assigned':
        return { payload: payload({ assigneeId: data.assigneeId ?? null, teamId: data.teamId ?? null, reason: data.reason ?? null }), internal: conversation.internal };
      case 'conversation.closed':
        return { payload: payload({ by: data.by ?? null }), internal: conversation.internal };
      case 'csat.submitted':
        return { payload: payload({ surveyId: data.surveyId ?? null, rating: data.rating ?? null, comment: data.comment ?? null }), internal: conversation.internal };
      case 'message.created': {
        const messageId = typeof data.messageId === 'string' ? data.messageId : null;
        const kind = typeof data.kind === 'string' ? data.kind : 'system';
        const message = messageId ? await this.options.messages.get(event.conversationId, messageId) : undefined;
        const attachments = (message?.attachments ?? []).map((file: Attachment) => ({ id: file.id, name: file.name, contentType: file.contentType, size: file.size }));
        return {
          payload: payload({
            messageId,
            kind,
            author: message ? { type: message.author.type, name: message.author.name } : { type: event.actor.type, name: null },
            body: message && !message.deleted ? message.body : null,
            attachments,
            createdAt: message?.createdAt ?? event.occurredAt,
          }),
          internal: conversation.internal || INTERNAL_KINDS.has(kind),
        };
      }
      default:
        return null;
    }
  }
}
