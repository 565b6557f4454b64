// Events into the statistics store, in one transaction per batch: their raw copies (once: the
// event id decides), then every subject with a new event derived again, once, from all of its raw
// events, with the rollups changed by the difference. A redelivered or duplicated event finds its
// raw copy and changes nothing. The consumer passes the records Kafka handed it together (one
// record at a time only when a batch holds a record that cannot be stored); feeding a database
// directly (ingestEvents) passes a few hundred at a time.
import type { AgentStatusChangedEvent, DomainEvent, TeamAssignmentChangedEvent } from '@smartchat/contracts';
import { inTransaction } from '@smartchat/platform';
import type pg from 'pg';
import { type DeadLetterReason, type ParsedRecord, subjectKindOf } from './envelope.js';
import { FactChanges } from './facts-store.js';
import { lockForWrite, lockSubjects } from './locks.js';
import { isMissingPartition, type MonthPartitions } from './partitions.js';
import { PendingDerivations, type DerivationCache } from './derivation-cache.js';
import { conversationsOfTeamSince, raiseVersions, rederiveAgents, rederiveConversations, rederivePresenceAround, rederiveTeam, type KeptDerivations } from './subjects.js';

/** Where a record came from: its partition's progress is written in the same transaction. */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

export type GoodRecord = Extract<ParsedRecord, { ok: true }>;

export interface IngestOptions {
  /** The month partitions known to this process. */
  partitions: MonthPartitions;
  /** What this process derived before, to derive long conversations without reading them again. */
  cache?: DerivationCache;
  /** The Kafka records they came from (each partition's progress is recorded). */
  positions?: readonly RecordPosition[];
}

/** A change of a team's business hours alters durations already derived: it needs the store to itself. */
function changesBusinessHours(event: DomainEvent): event is TeamAssignmentChangedEvent {
  return event.type === 'team.assignment_changed' && 'businessHours' in event.data.after;
}

/** Agents whose teams a membership change changes (their rows are derived with the team's event). */
function membersNamed(event: DomainEvent): string[] {
  return event.type === 'team.members_changed' ? [...event.data.added, ...event.data.removed] : [];
}

const identity = (record: GoodRecord) => `${record.subjectId}\u0000${record.event.eventId}`;

/**
 * Stores the raw events not stored yet (inside their subjects' locks), and the partitions'
 * progress when the records came from Kafka; resolves to the identities of the events it stored.
 */
async function insertRaw(client: pg.ClientBase, records: readonly GoodRecord[], positions: readonly RecordPosition[] = []): Promise<Set<string>> {
  const progress = nextOffsets(positions);
  // Deduplicated on the event id within its subject, also should a copy carry another occurredAt.
  const inserted = await client.query<{ subject_id: string; event_id: string }>(
    `WITH progress AS (
       INSERT INTO kafka_progress (topic, kafka_partition, next_offset)
       SELECT * FROM unnest($7::text[], $8::int[], $9::bigint[])
       ON CONFLICT (topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()
     )
     INSERT INTO raw_events (event_id, occurred_at, type, version, subject_id, payload)
     SELECT r.event_id, r.occurred_at, r.type, r.version, r.subject_id, r.payload
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::int[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS r(event_id, occurred_at, type, version, subject_id, payload, position)
      WHERE NOT EXISTS (SELECT 1 FROM raw_events e WHERE e.subject_id = r.subject_id AND e.event_id = r.event_id)
      ORDER BY position
     ON CONFLICT DO NOTHING
     RETURNING subject_id, event_id`,
    [
      records.map((record) => record.event.eventId),
      records.map((record) => record.occurredAt),
      records.map((record) => record.event.type),
      records.map((record) => record.event.version),
      records.map((record) => record.subjectId),
      records.map((record) => JSON.stringify(record.event)),
      progress.map((row) => row.topic),
      progress.map((row) => row.partition),
      progress.map((row) => row.next.toString()),
    ],
  );
  return new Set(inserted.rows.map((row) => `${row.subject_id}\u0000${row.event_id}`));
}

/** The next offset per partition: after the last of these records there. */
function nextOffsets(positions: readonly RecordPosition[]): Array<{ topic: string; partition: number; next: bigint }> {
  const next = new Map<string, { topic: string; partition: number; next: bigint }>();
  for (const position of positions) {
    const key = `${position.topic}\u0000${position.partition}`;
    const offset = BigInt(position.offset) + 1n;
    if ((next.get(key)?.next ?? -1n) < offset) next.set(key, { topic: position.topic, partition: position.partition, next: offset });
  }
  return [...next.values()];
}

/**
 * Derives what the new events change: teams first (their business hours are read by the
 * conversations), then agents, conversations and presence; each subject once.
 */
async function applyNewEvents(client: pg.ClientBase, added: readonly GoodRecord[], kept?: Omit<KeptDerivations, 'added'>): Promise<void> {
  const teams = new Set<string>();
  const agents = new Set<string>();
  const conversations = new Set<string>();
  const presence = new Map<string, AgentStatusChangedEvent[]>();
  const conversationEvents = new Map<string, DomainEvent[]>();
  const hoursChanged: GoodRecord[] = [];
  for (const record of added) {
    switch (subjectKindOf(record.event.type)) {
      case 'conversation':
        conversations.add(record.subjectId);
        conversationEvents.set(record.subjectId, [...(conversationEvents.get(record.subjectId) ?? []), record.event]);
        break;
      case 'presence':
        presence.set(record.subjectId, [...(presence.get(record.subjectId) ?? []), record.event as AgentStatusChangedEvent]);
        break;
      case 'agent':
        agents.add(record.subjectId);
        break;
      case 'team':
        teams.add(record.subjectId);
        for (const agentId of membersNamed(record.event)) agents.add(agentId);
        if (changesBusinessHours(record.event)) hoursChanged.push(record);
        break;
    }
  }
  for (const teamId of teams) await rederiveTeam(client, teamId);
  await rederiveAgents(client, [...agents]);
  // Durations of a team that ended after a change of its hours were counted in the hours before it
  // (the change came late): those conversations are derived again too. The store is this
  // transaction's alone then (see locks.ts), so locking them here waits for nobody.
  for (const record of hoursChanged) {
    const affected = await conversationsOfTeamSince(client, record.subjectId, record.occurredAt);
    await lockSubjects(client, affected);
    for (const id of affected) conversations.add(id);
  }
  const changes = new FactChanges();
  await rederiveConversations(client, [...conversations], changes, kept ? { ...kept, added: conversationEvents } : undefined);
  for (const [agentId, events] of presence) await rederivePresenceAround(client, agentId, events, changes);
  await changes.flush(client);
}

/**
 * Stores the records and derives what they change, in one transaction. Resolves, per record in
 * the order given, to 'stored' (new) or 'duplicate' (its event was stored before, or earlier in the
 * same batch).
 */
export async function ingestBatch(pool: pg.Pool, records: readonly GoodRecord[], options: IngestOptions): Promise<Array<'stored' | 'duplicate'>> {
  for (const record of records) await options.partitions.ensure(record.occurredAt);
  const exclusive = records.some((record) => changesBusinessHours(record.event));
  const subjects = records.flatMap((record) => [record.subjectId, ...membersNamed(record.event)]);
  const { cache } = options;
  const run = async () => {
    const pending = new PendingDerivations();
    const outcomes = await inTransaction(pool, async (client) => {
      await lockForWrite(client, exclusive ? 'exclusive' : 'shared', subjects);
      const firsts = new Map<string, GoodRecord>();
      for (const record of records) if (!firsts.has(identity(record))) firsts.set(identity(record), record);
      const stored = await insertRaw(client, [...firsts.values()], options.positions);
      const added = [...firsts.values()].filter((record) => stored.has(identity(record)));
      if (added.length > 0) await applyNewEvents(client, added, cache ? { cache, pending } : undefined);
      const claimed = new Set<string>();
      return records.map((record) => {
        const id = identity(record);
        if (!stored.has(id) || claimed.has(id)) return 'duplicate' as const;
        claimed.add(id);
        return 'stored' as const;
      });
    }).catch((error: unknown) => {
      // Rolled back: what was taken from the cache may be wrong to keep (the versions are as
      // before, but nothing is lost by reading these conversations again).
      cache?.forget(pending.subjects);
      throw error;
    });
    // Committed: the store holds these derivations at these versions.
    if (cache) pending.commitTo(cache);
    return outcomes;
  };
  try {
    return await run();
  } catch (error) {
    if (!isMissingPartition(error)) throw error;
    // A partition was dropped after this process saw it: look again, and create it.
    for (const record of records) options.partitions.forget(record.occurredAt);
    for (const record of records) await options.partitions.ensure(record.occurredAt);
    return run();
  }
}

/** One record (the consumer's way when a record of a batch cannot be stored). */
export async function ingestEvent(pool: pg.Pool, record: GoodRecord, options: { partitions: MonthPartitions; position?: RecordPosition; cache?: DerivationCache }): Promise<'stored' | 'duplicate'> {
  const [outcome] = await ingestBatch(pool, [record], { partitions: options.partitions, positions: options.position ? [options.position] : undefined, cache: options.cache });
  return outcome!;
}

export interface DeadLetter {
  reason: DeadLetterReason;
  /** Why, in words (the parse error, the database's or the derivation's message). */
  detail: string;
  key: string | null;
  record: string;
}

// text refuses NUL; a dead letter must always be storable.
const storable = (text: string) => text.replaceAll('\u0000', '\uFFFD');

/**
 * Resolves to false when this record (topic, partition, offset) was dead-lettered before. With
 * `keep` (an event whose facts could not be derived), the event is kept in raw_events all the same,
 * so that a rebuild after the fix derives it.
 */
export async function storeDeadLetter(pool: pg.Pool, letter: DeadLetter, position: RecordPosition, keep?: { record: GoodRecord; partitions: MonthPartitions }): Promise<boolean> {
  if (keep) await keep.partitions.ensure(keep.record.occurredAt);
  return inTransaction(pool, async (client) => {
    if (keep) {
      await lockForWrite(client, 'shared', [keep.record.subjectId]);
      // Stored without its facts: a process that kept this conversation's events must read them again.
      if ((await insertRaw(client, [keep.record])).size > 0) await raiseVersions(client, [keep.record.subjectId]);
    }
    const inserted = await client.query(
      `INSERT INTO dead_letters (topic, kafka_partition, kafka_offset, kafka_key, reason, detail, record) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING`,
      [position.topic, position.partition, position.offset, letter.key === null ? null : storable(letter.key), letter.reason, storable(letter.detail).slice(0, 2000), storable(letter.record)],
    );
    const [progress] = nextOffsets([position]);
    await client.query(
      `INSERT INTO kafka_progress (topic, kafka_partition, next_offset) VALUES ($1, $2, $3)
       ON CONFLICT (topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
      [progress!.topic, progress!.partition, progress!.next.toString()],
    );
    return inserted.rowCount === 1;
  });
}
