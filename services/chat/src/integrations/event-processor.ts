// Applying inbound events (the worker behind POST /v1/integrations/events). Every chat process
// runs one; each event is leased to one of them (FOR UPDATE SKIP LOCKED, a lease that lapses if
// its holder dies), and the events of one customer are applied one at a time, in the order they
// were received (a Postgres advisory lock per customer), so two events about one trip never open
// two conversations; up to four customers' events at once per process.
//
// - trip.changed / trip.cancelled / booking.failed: a version older than (or equal to) the newest
//   applied for its trip is superseded and changes nothing. Otherwise the rules pick the audience
//   (the customer, or agents only), topic and team; the trip's open conversation of that audience
//   gets the notice, or one is opened (queued for assignment like any other), with the trip's
//   departure time setting its priority.
// - document.ready: the file (kept at receipt) is posted as an attachment of a notice, into the
//   trip's open conversation with the customer, else the customer's latest open one, else a new one.
// - customer.updated: name, e-mail, time zone and language, unless a newer version was applied.
//
// Retried with a doubling wait on failure; `failed`, with the reason, after maxAttempts. Every step
// is idempotent (the notice's id derives from the event, opening a conversation is keyed by the
// event, the chosen conversation is recorded before the notice is published), so an event applied
// again after a crash changes nothing twice.
import type { InboundEvent, TripEventType } from '@smartchat/contracts';
import { backoffDelay, Counter, Gauge, Histogram, publishSystemMessage, systemMessageId, type ChannelWrapper, type Logger, type PgPool, type Registry } from '@smartchat/platform';
import { randomBytes } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { ConversationLifecycle } from '../conversations/lifecycle.js';
import { WorkLoop } from '../work-loop.js';
import { noticeText, type NoticeLocale } from './notice-text.js';
import { chooseRule, type TripRules } from './trip-rules.js';

/** Metrics of inbound events: what became of them, how long they waited, and what is waiting now. */
export function createInboundEventMetrics(registry: Registry, pg: PgPool): EventProcessorOptions['observe'] {
  const registers = [registry];
  const applied = new Counter({ name: 'smartchat_integration_events_total', help: 'Inbound events applied, by type and outcome (done, superseded, retry, failed)', labelNames: ['type', 'outcome'] as const, registers });
  const lag = new Histogram({ name: 'smartchat_integration_event_lag_seconds', help: 'From an inbound event being received to being applied (or given up)', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800], registers });
  new Gauge({
    name: 'smartchat_integration_events_pending',
    help: 'Inbound events by state: queued (received, not applied yet) and failed (given up after the last attempt)',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      try {
        const { rows } = await pg.query<{ queued: string; failed: string }>(
          `SELECT count(*) FILTER (WHERE status IN ('queued', 'processing')) AS queued, count(*) FILTER (WHERE status = 'failed') AS failed FROM integration_events WHERE status IN ('queued', 'processing', 'failed')`,
        );
        this.set({ status: 'queued' }, Number(rows[0]!.queued));
        this.set({ status: 'failed' }, Number(rows[0]!.failed));
      } catch {
        this.set({ status: 'queued' }, -1);
      }
    },
  });
  return (type, outcome, lagSeconds) => {
    applied.inc({ type, outcome });
    if (outcome !== 'retry') lag.observe(lagSeconds);
  };
}

export interface EventProcessorOptions {
  pg: PgPool;
  lifecycle: ConversationLifecycle;
  rules: TripRules;
  publisher: ChannelWrapper;
  shards: number;
  logger: Logger;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /** Tells the customer's open widgets about a conversation they see that an event opened or wrote to. */
  announce?(customerId: string, conversationId: string): Promise<void>;
  /** Counts what was applied (integration metrics). */
  observe?(type: string, outcome: 'done' | 'superseded' | 'failed' | 'retry', lagSeconds: number): void;
}

interface EventRow {
  id: string;
  integration_id: string;
  integration_name: string;
  type: InboundEvent['type'];
  payload: unknown;
  customer_id: string;
  received_at: Date;
  attempts: number;
  conversation_id: string | null;
}

interface Outcome {
  status: 'done' | 'superseded';
  conversationId?: string;
  messageId?: string;
  opened?: boolean;
  error?: string;
}

/** Events leased per round; the lease lapses after this long if its holder dies. */
const BATCH = 16;
const LEASE_SECONDS = 120;
/** Customers whose events are applied at the same time by one process. */
const CUSTOMERS_AT_ONCE = 4;
/** The topic of a conversation a document opens. */
const DOCUMENT_TOPIC = 'Документы';

export class InboundEventProcessor {
  private readonly loop: WorkLoop;

  constructor(private readonly options: EventProcessorOptions) {
    this.loop = new WorkLoop(() => this.round(), { pollMs: options.pollMs, logger: options.logger, failed: 'applying inbound events failed' });
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

  /** Leases what is due and applies it, in the order received; how many were handled. */
  async round(): Promise<number> {
    const { rows } = await this.options.pg.query<EventRow>(
      `WITH due AS (
         SELECT id FROM integration_events
          WHERE status IN ('queued', 'processing') AND due_at <= now() AND (leased_until IS NULL OR leased_until < now())
          ORDER BY received_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       UPDATE integration_events e SET status = 'processing', attempts = e.attempts + 1, leased_until = now() + interval '${LEASE_SECONDS} seconds'
         FROM due, integrations i WHERE e.id = due.id AND i.id = e.integration_id
       RETURNING e.id, e.integration_id, i.name::text AS integration_name, e.type, e.payload, e.customer_id, e.received_at, e.attempts, e.conversation_id`,
    );
    rows.sort((a, b) => a.received_at.getTime() - b.received_at.getTime() || a.id.localeCompare(b.id));
    // One customer's events one after the other, in the order received; different customers' side
    // by side (each holds a connection for its lock: a few at a time, within the pool).
    const byCustomer = new Map<string, EventRow[]>();
    for (const row of rows) byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), row]);
    const lines = [...byCustomer.values()];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CUSTOMERS_AT_ONCE, lines.length) }, async () => {
        while (next < lines.length) for (const row of lines[next++]!) await this.handle(row);
      }),
    );
    return rows.length;
  }

  private async handle(row: EventRow): Promise<void> {
    const { pg, logger, observe } = this.options;
    const lag = (Date.now() - row.received_at.getTime()) / 1000;
    try {
      const outcome = await this.withCustomerLock(row.customer_id, (client) => this.apply(client, row));
      await pg.query(
        `UPDATE integration_events SET status = $2, processed_at = now(), leased_until = NULL, conversation_id = COALESCE($3, conversation_id), message_id = $4, opened = $5, error = $6 WHERE id = $1`,
        [row.id, outcome.status, outcome.conversationId ?? null, outcome.messageId ?? null, outcome.opened ?? false, outcome.error ?? null],
      );
      observe?.(row.type, outcome.status, lag);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const last = row.attempts >= this.options.maxAttempts;
      logger.warn({ err: error, eventId: row.id, type: row.type, attempt: row.attempts, last }, 'an inbound event could not be applied');
      await pg.query(
        last
          ? `UPDATE integration_events SET status = 'failed', processed_at = now(), leased_until = NULL, error = $2 WHERE id = $1`
          : `UPDATE integration_events SET status = 'queued', leased_until = NULL, due_at = now() + make_interval(secs => $3::float8 / 1000), error = $2 WHERE id = $1`,
        last ? [row.id, message.slice(0, 1000)] : [row.id, message.slice(0, 1000), backoffDelay(row.attempts, this.options.retryBaseMs, 10 * 60_000)],
      );
      observe?.(row.type, last ? 'failed' : 'retry', lag);
    }
  }

  /** Runs `work` holding the customer's advisory lock (released with the connection if this process dies). */
  private async withCustomerLock<T>(customerId: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.options.pg.connect();
    const key = `integration-customer:${customerId}`;
    // A connection whose unlock failed is closed rather than pooled: its session, and the lock, end with it.
    let broken: Error | undefined;
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
      try {
        return await work(client);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch((error: unknown) => {
          broken = error instanceof Error ? error : new Error(String(error));
        });
      }
    } finally {
      client.release(broken);
    }
  }

  private async apply(client: PoolClient, row: EventRow): Promise<Outcome> {
    // Checked against inboundEventSchema at receipt (a document's file then went to the blob store).
    const event = row.payload as InboundEvent;
    if ('customer' in event.data && event.data.customer) await this.updateCustomer(client, row.customer_id, event.data.customer, undefined);
    switch (event.type) {
      case 'customer.updated': {
        const { customerId: _externalId, version, ...details } = event.data;
        const applied = await this.updateCustomer(client, row.customer_id, details, version);
        return applied ? { status: 'done' } : { status: 'superseded', error: `customer version ${version} is not newer than the one applied` };
      }
      case 'document.ready':
        return this.postDocument(client, row, event);
      default:
        return this.applyTripEvent(client, row, event);
    }
  }

  private async applyTripEvent(client: PoolClient, row: EventRow, event: Extract<InboundEvent, { type: TripEventType }>): Promise<Outcome> {
    const { tripId, version } = event.data;
    await client.query(`INSERT INTO integration_trips (integration_id, trip_id, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [row.integration_id, tripId, row.customer_id]);
    const { rows } = await client.query<{ version: number; departure_at: Date | null; customer_conversation_id: string | null; internal_conversation_id: string | null }>(
      'SELECT version, departure_at, customer_conversation_id, internal_conversation_id FROM integration_trips WHERE integration_id = $1 AND trip_id = $2',
      [row.integration_id, tripId],
    );
    const trip = rows[0]!;
    // An event leased again after its trip moved past it (it was applied, then the lease lapsed)
    // finishes as it did; any other older version is superseded.
    if (trip.version > version || (trip.version === version && row.conversation_id === null)) {
      return { status: 'superseded', error: `trip ${tripId} is at version ${trip.version}; version ${version} is not newer` };
    }
    const changedFields = event.type === 'trip.changed' ? event.data.changes.map((change) => change.field) : [];
    const rule = chooseRule(await this.options.rules.current(), event.type, changedFields);
    const internal = !rule.notifyCustomer;
    const departs = event.data.departureAt ? new Date(event.data.departureAt) : trip.departure_at;
    const actor = { type: 'backoffice' as const, id: row.integration_name };

    const linked = row.conversation_id ?? (await this.openConversationOf(client, internal ? trip.internal_conversation_id : trip.customer_conversation_id));
    let conversationId = linked;
    let opened = false;
    if (!conversationId) {
      const conversation = await this.options.lifecycle.open(row.customer_id, {
        topic: rule.topic,
        channel: 'api',
        ...(rule.teamId ? { teamId: rule.teamId } : {}),
        requestId: `integration-event:${row.id}`,
        onBehalf: { actor, internal, tripDepartsAt: departs },
      });
      conversationId = conversation.id;
      opened = true;
    } else if (departs?.getTime() !== trip.departure_at?.getTime()) {
      // The trip's departure moved (as the trip's conversation knows it from the last event).
      await this.options.lifecycle.tripDeparture(conversationId, departs, actor);
    }
    await client.query(`UPDATE integration_trips SET ${internal ? 'internal_conversation_id' : 'customer_conversation_id'} = $3 WHERE integration_id = $1 AND trip_id = $2`, [row.integration_id, tripId, conversationId]);
    const everOpened = await this.recordTarget(client, row.id, conversationId, opened);
    if (!internal) await this.linkMail(client, conversationId, `${rule.topic}${event.data.title ? ` «${event.data.title}»` : ''}`);

    const messageId = await this.publishNotice(client, row, event, conversationId, internal);
    await client.query('UPDATE integration_trips SET version = $3, departure_at = $4, updated_at = now() WHERE integration_id = $1 AND trip_id = $2', [row.integration_id, tripId, version, departs]);
    // A widget open elsewhere learns of a new conversation; one it has open gets the notice itself.
    if (!internal && opened) await this.announce(row.customer_id, conversationId);
    return { status: 'done', conversationId, messageId, opened: everOpened };
  }

  private async postDocument(client: PoolClient, row: EventRow, event: Extract<InboundEvent, { type: 'document.ready' }>): Promise<Outcome> {
    let conversationId = row.conversation_id;
    let opened = false;
    if (!conversationId && event.data.tripId) {
      const { rows } = await client.query<{ id: string | null }>('SELECT customer_conversation_id AS id FROM integration_trips WHERE integration_id = $1 AND trip_id = $2', [row.integration_id, event.data.tripId]);
      conversationId = await this.openConversationOf(client, rows[0]?.id ?? null);
    }
    if (!conversationId) {
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM conversations WHERE customer_id = $1 AND NOT internal AND status <> 'closed' ORDER BY COALESCE(last_message_at, created_at) DESC LIMIT 1`,
        [row.customer_id],
      );
      conversationId = rows[0]?.id ?? null;
    }
    if (!conversationId) {
      const conversation = await this.options.lifecycle.open(row.customer_id, {
        topic: DOCUMENT_TOPIC,
        channel: 'api',
        requestId: `integration-event:${row.id}`,
        onBehalf: { actor: { type: 'backoffice', id: row.integration_name }, internal: false, tripDepartsAt: null },
      });
      conversationId = conversation.id;
      opened = true;
    }
    const everOpened = await this.recordTarget(client, row.id, conversationId, opened);
    await this.linkMail(client, conversationId, event.data.title);
    const file = (row.payload as { data: { file: { name: string; contentType: string; size: number; sha256: string } } }).data.file;
    const messageId = systemMessageId(`integration-event:${row.id}`, row.received_at);
    // The file was written under the event's id at receipt; bound to the notice from the start, so the upload sweep never takes it.
    await client.query(
      `INSERT INTO attachments (id, conversation_id, uploaded_by, name, content_type, size, sha256, message_id, message_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'notice') ON CONFLICT (id) DO NOTHING`,
      [row.id, conversationId, `integration:${row.integration_id}`, file.name, file.contentType, file.size, file.sha256, messageId],
    );
    await this.publishNotice(client, row, event, conversationId, false, [{ id: row.id, name: file.name, contentType: file.contentType, size: file.size }]);
    if (opened) await this.announce(row.customer_id, conversationId);
    return { status: 'done', conversationId, messageId, opened: everOpened };
  }

  private async publishNotice(
    client: PoolClient,
    row: EventRow,
    event: InboundEvent,
    conversationId: string,
    internal: boolean,
    attachments: { id: string; name: string; contentType: string; size: number }[] = [],
  ): Promise<string> {
    const { rows } = await client.query<{ time_zone: string | null; locale: NoticeLocale | null }>('SELECT time_zone, locale FROM customers WHERE id = $1', [row.customer_id]);
    const customer = rows[0];
    // Agents read internal conversations: in the desk's language. The customer: in theirs.
    const locale: NoticeLocale = internal ? 'ru' : (customer?.locale ?? 'ru');
    const timeZone = customer?.time_zone ?? 'Europe/Moscow';
    const id = systemMessageId(`integration-event:${row.id}`, row.received_at);
    await publishSystemMessage(this.options.publisher, this.options.shards, {
      id,
      conversationId,
      body: noticeText(event, { timeZone, locale }),
      internal,
      customerId: row.customer_id,
      kind: 'notice',
      attachments,
    });
    return id;
  }

  /** A widget that is open shows the conversation at once (its list does not wait for a reload); a failure here changes nothing applied. */
  private async announce(customerId: string, conversationId: string): Promise<void> {
    await this.options.announce?.(customerId, conversationId).catch((error: unknown) => this.options.logger.warn({ err: error, conversationId }, 'the customer\'s widgets were not told of the conversation'));
  }

  /**
   * The customer also reads notices by e-mail where the e-mail channel is configured: when the
   * conversation's team has an enabled mailbox and the customer has an address, the conversation
   * is linked to that mailbox (once, before the notice is published), with the subject given. The
   * mail role then mails its notices, and the agents' replies, in one thread; the customer's answer
   * by e-mail joins the conversation (its reply+token address).
   */
  private async linkMail(client: PoolClient, conversationId: string, subject: string): Promise<void> {
    await client.query(
      `WITH target AS (
         SELECT c.id, m.id AS mailbox_id, cu.email FROM conversations c
           JOIN customers cu ON cu.id = c.customer_id
           JOIN LATERAL (SELECT id FROM mailboxes WHERE team_id = c.team_id AND enabled ORDER BY address LIMIT 1) m ON true
          WHERE c.id = $1 AND NOT c.internal AND cu.email IS NOT NULL AND cu.external_id NOT LIKE 'email:%'),
       linked AS (
         INSERT INTO mail_conversations (conversation_id, mailbox_id, customer_address, reply_token)
         SELECT id, mailbox_id, email, $3 FROM target ON CONFLICT DO NOTHING RETURNING conversation_id)
       UPDATE conversations SET subject = COALESCE(subject, $2) WHERE id IN (SELECT conversation_id FROM linked)`,
      [conversationId, subject.slice(0, 1000), randomBytes(18).toString('base64url')],
    );
  }

  /** The conversation, if it is there and not closed. */
  private async openConversationOf(client: PoolClient, conversationId: string | null): Promise<string | null> {
    if (!conversationId) return null;
    const { rows } = await client.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [conversationId]);
    return rows[0] && rows[0].status !== 'closed' ? conversationId : null;
  }

  /**
   * The conversation the event goes to, recorded before its notice is published: applied again
   * after a crash, the event posts into this same conversation. Whether this event (in any
   * attempt) opened it.
   */
  private async recordTarget(client: PoolClient, eventId: string, conversationId: string, opened: boolean): Promise<boolean> {
    const { rows } = await client.query<{ opened: boolean }>('UPDATE integration_events SET conversation_id = $2, opened = opened OR $3 WHERE id = $1 RETURNING opened', [eventId, conversationId, opened]);
    return rows[0]?.opened ?? opened;
  }

  /** The customer's details; with a version, only when newer than the one applied. Whether they were applied. */
  private async updateCustomer(
    client: PoolClient,
    customerId: string,
    details: { name?: string | undefined; email?: string | undefined; timeZone?: string | undefined; locale?: 'ru' | 'en' | undefined },
    version: number | undefined,
  ): Promise<boolean> {
    const { rowCount } = await client.query(
      `UPDATE customers SET name = COALESCE($2, name), email = COALESCE($3, email), time_zone = COALESCE($4, time_zone), locale = COALESCE($5, locale),
              profile_version = COALESCE($6, profile_version), updated_at = now()
        WHERE id = $1 AND ($6::integer IS NULL OR profile_version IS NULL OR profile_version < $6)`,
      [customerId, details.name ?? null, details.email ?? null, details.timeZone ?? null, details.locale ?? null, version ?? null],
    );
    return (rowCount ?? 0) > 0;
  }
}

