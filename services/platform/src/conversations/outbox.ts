// Conversation events go to Kafka through an outbox: written in the same transaction as the change
// they describe, relayed in id order by whichever balancer holds the relay lock, deleted once the
// broker acknowledged them. A crash between commit and produce delays events; it never loses one.
import { EVENTS_TOPIC, type ConversationEvent } from '@smartchat/contracts';
import { randomUUID } from 'node:crypto';
import type { Producer } from '../kafka.js';
import type { Logger } from '../logger.js';
import type { PgPool } from '../postgres.js';

export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

type Data<T extends ConversationEvent['type']> = Extract<ConversationEvent, { type: T }>['data'];

export function conversationEvent<T extends ConversationEvent['type']>(
  type: T,
  conversationId: string,
  actor: ConversationEvent['actor'],
  data: Data<T>,
  occurredAt = new Date(),
): ConversationEvent {
  return { eventId: randomUUID(), type, version: 1, occurredAt: occurredAt.toISOString(), conversationId, actor, data } as ConversationEvent;
}

export async function writeOutbox(db: Queryable, events: readonly ConversationEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(`INSERT INTO event_outbox (key, type, payload) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`, [
    events.map((event) => event.conversationId),
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
