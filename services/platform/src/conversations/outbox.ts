// Domain events go to Kafka through an outbox: written in the same transaction as the change
// they describe, relayed in id order by whichever balancer holds the relay lock, deleted once the
// broker acknowledged them. A crash between commit and produce delays events; it never loses one.
// (message.created is the exception: the delivery consumer produces it itself, before its ack.)
import {
  EVENTS_TOPIC,
  domainEventKey,
  domainEventVersions,
  type AgentEvent,
  type DomainEvent,
  type EventActor,
  type ConversationEvent,
  type Identity,
  type MessageEvent,
  type TeamEvent,
} from '@smartchat/contracts';
import { randomUUID } from 'node:crypto';
import type { Producer } from '../kafka.js';
import type { Logger } from '../logger.js';
import type { PgPool } from '../postgres.js';

export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

type ConversationScopedEvent = ConversationEvent | MessageEvent;
type Of<Union, T> = Extract<Union, { type: T }>;

/** The envelope every event shares: its id (fresh unless given), the type's version, the time. */
function envelope<T extends DomainEvent['type']>(type: T, actor: EventActor, occurredAt: Date, eventId: string = randomUUID()) {
  return { eventId, type, version: domainEventVersions[type], occurredAt: occurredAt.toISOString(), actor };
}

/**
 * An event of a conversation or one of its messages (keyed by the conversation). `eventId` for a
 * change a message caused: derived from the message, so that consumers recognise it if it comes again.
 */
export function conversationEvent<T extends ConversationScopedEvent['type']>(
  type: T,
  conversationId: string,
  actor: EventActor,
  data: Of<ConversationScopedEvent, T>['data'],
  occurredAt = new Date(),
  eventId?: string,
): Of<ConversationScopedEvent, T> {
  return { ...envelope(type, actor, occurredAt, eventId), conversationId, data } as unknown as Of<ConversationScopedEvent, T>;
}

export function agentEvent<T extends AgentEvent['type']>(type: T, agentId: string, actor: EventActor, data: Of<AgentEvent, T>['data'], occurredAt = new Date()): Of<AgentEvent, T> {
  return { ...envelope(type, actor, occurredAt), agentId, data } as unknown as Of<AgentEvent, T>;
}

export function teamEvent<T extends TeamEvent['type']>(type: T, teamId: string, actor: EventActor, data: Of<TeamEvent, T>['data'], occurredAt = new Date()): Of<TeamEvent, T> {
  return { ...envelope(type, actor, occurredAt), teamId, data } as unknown as Of<TeamEvent, T>;
}

/** The system as an actor: the balancer's timers and choices. */
export const SYSTEM_ACTOR: EventActor = Object.freeze({ type: 'system', id: null });

/** The agent or customer behind a request or socket event, as an event's actor. */
export function actorOf(identity: Identity): EventActor {
  return identity.type === 'agent' ? { type: 'agent', id: identity.agentId } : { type: 'customer', id: identity.customerId };
}

export async function writeOutbox(db: Queryable, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(`INSERT INTO event_outbox (key, type, payload) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`, [
    events.map(domainEventKey),
    events.map((event) => event.type),
    events.map((event) => JSON.stringify(event)),
  ]);
}

// Any constant works as long as every relay uses the same one; advisory locks are per database.
const RELAY_LOCK = 0x5c0b0c;

export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: { pg: PgPool; producer: Producer; logger: Logger; topic?: string; intervalMs?: number; batch?: number }) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.relayAll()
        .then(() => undefined)
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'relaying outbox events failed; retrying'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 100);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays until the outbox is empty or another relay holds the lock; returns how many it sent. */
  async relayAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayOnce();
      total += sent;
      if (sent < (this.options.batch ?? 500)) return total;
    }
  }

  private async relayOnce(): Promise<number> {
    const client = await this.options.pg.connect();
    try {
      await client.query('BEGIN');
      const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [RELAY_LOCK]);
      if (!locked[0]?.ok) {
        await client.query('ROLLBACK');
        return 0;
      }
      const { rows } = await client.query<{ id: string; key: string; type: string; payload: unknown }>(
        'SELECT id, key, type, payload FROM event_outbox ORDER BY id LIMIT $1',
        [this.options.batch ?? 500],
      );
      if (rows.length > 0) {
        await this.options.producer.send({
          topic: this.options.topic ?? EVENTS_TOPIC,
          messages: rows.map((row) => ({ key: row.key, value: JSON.stringify(row.payload), headers: { type: row.type } })),
        });
        // Exactly the rows sent: a row with a lower id may have committed after the SELECT (ids are
        // taken at insert, not at commit), and it must stay for the next round.
        await client.query('DELETE FROM event_outbox WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
