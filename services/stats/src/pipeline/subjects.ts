// Deriving a subject again from its raw events, inside the caller's transaction (which holds the
// subject's lock): a conversation's facts, an agent's presence facts, and the team and agent
// projections. Live processing and the rebuild call the same functions, so they agree.
import type { AgentStatusChangedEvent, DomainEvent } from '@smartchat/contracts';
import type pg from 'pg';
import { deriveConversationFacts, derivePresenceFacts } from '../metrics/derive.js';
import type { Fact, FactKind } from '../metrics/fact.js';
import type { DerivationCache, PendingDerivations } from './derivation-cache.js';
import { FACT_COLUMNS, loadFacts, toFact, type FactChanges, type FactRow } from './facts-store.js';
import { calendarFromRows, foldAgent, foldTeam, foldTeamSettings, inEventOrder, UUID, type CalendarRow } from './projections.js';

const PRESENCE_KINDS: FactKind[] = ['agent.online', 'agent.away'];

/** The pure derivation threw: a bug or an event it cannot read. The event is kept, its facts are not. */
export class DerivationError extends Error {
  constructor(
    readonly subjectId: string,
    cause: unknown,
  ) {
    super(`facts of ${subjectId} could not be derived: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DerivationError';
  }
}

/** Runs the derivation (and the check of what it gave); its failures are DerivationErrors. */
function derive<T>(subjectId: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new DerivationError(subjectId, error);
  }
}

async function rawEvents(client: pg.ClientBase, subjectIds: readonly string[], types?: readonly string[]): Promise<DomainEvent[]> {
  const result = types
    ? await client.query<{ payload: DomainEvent }>('SELECT payload FROM raw_events WHERE subject_id = ANY($1) AND type = ANY($2)', [subjectIds, types])
    : await client.query<{ payload: DomainEvent }>('SELECT payload FROM raw_events WHERE subject_id = ANY($1)', [subjectIds]);
  return result.rows.map((row) => row.payload);
}

/** What rederiveConversations may take from what this process derived before (derivation-cache.ts). */
export interface KeptDerivations {
  cache: DerivationCache;
  /** Put into the cache by the caller once the transaction committed. */
  pending: PendingDerivations;
  /** The events this transaction stored, by conversation: with the kept ones, all of its raw events. */
  added: ReadonlyMap<string, readonly DomainEvent[]>;
}

/**
 * Raises the version (schema 0005) of each subject, inside the caller's transaction; resolves to
 * the version each had before (0: none yet) and has now.
 */
export async function raiseVersions(client: pg.ClientBase, subjectIds: readonly string[]): Promise<Map<string, { before: string; now: string }>> {
  const result = await client.query<{ subject_id: string; before: string; now: string }>(
    `INSERT INTO subject_versions AS v (subject_id, version) SELECT id, 1 FROM unnest($1::text[]) AS id ORDER BY id COLLATE "C"
     ON CONFLICT (subject_id) DO UPDATE SET version = v.version + 1
     RETURNING subject_id, (version - 1)::text AS before, version::text AS now`,
    [[...new Set(subjectIds)]],
  );
  return new Map(result.rows.map((row) => [row.subject_id, { before: row.before, now: row.now }]));
}

/**
 * Each conversation's facts from all of its raw events, replacing what is stored. With `kept`, a
 * conversation this process derived last (its version unchanged since) is derived from the kept
 * events plus this transaction's, against the kept facts; the others are read from the store.
 */
export async function rederiveConversations(client: pg.ClientBase, conversationIds: readonly string[], changes: FactChanges, kept?: KeptDerivations): Promise<void> {
  if (conversationIds.length === 0) return;
  const versions = await raiseVersions(client, conversationIds);
  const bySubject = new Map<string, { events: DomainEvent[]; stored: readonly Fact[] }>();
  const unknown: string[] = [];
  for (const id of conversationIds) {
    const entry = kept?.cache.take(id, versions.get(id)?.before);
    if (entry) bySubject.set(id, { events: [...entry.events, ...(kept!.added.get(id) ?? [])], stored: entry.facts });
    else unknown.push(id);
  }
  // One round trip: the events and stored facts of the conversations not kept, and the business
  // hours of every team (a few rows per team: every change of its settings).
  const result = await client.query<{ events: DomainEvent[]; facts: FactRow[]; calendar: CalendarRow[] }>(
    `SELECT
       (SELECT coalesce(json_agg(payload), '[]') FROM raw_events WHERE subject_id = ANY($1)) AS events,
       (SELECT coalesce(json_agg(f), '[]') FROM (SELECT ${FACT_COLUMNS} FROM facts WHERE subject_id = ANY($1)) AS f) AS facts,
       (SELECT coalesce(json_agg(s ORDER BY s.team_id, s.valid_from), '[]') FROM (SELECT team_id, valid_from, settings->'businessHours' AS hours FROM team_settings) AS s) AS calendar`,
    [unknown],
  );
  const { events, facts, calendar } = result.rows[0]!;
  const loaded = new Map<string, { events: DomainEvent[]; stored: Fact[] }>(unknown.map((id) => [id, { events: [], stored: [] }]));
  for (const event of events) loaded.get((event as { conversationId: string }).conversationId)?.events.push(event);
  for (const row of facts) loaded.get(row.subject_id)?.stored.push(toFact(row));
  for (const [id, subject] of loaded) bySubject.set(id, subject);
  const hours = calendarFromRows(calendar);
  for (const [subjectId, subject] of bySubject) {
    const derived = derive(subjectId, () => deriveConversationFacts(subject.events, hours));
    derive(subjectId, () => changes.replace(subject.stored, derived));
    kept?.pending.add(subjectId, { version: versions.get(subjectId)!.now, events: subject.events, facts: derived });
  }
}

type StatusEvent = AgentStatusChangedEvent;

/**
 * New status changes of one agent split the intervals they fall into: every interval from the
 * change before the first new one through the last new one is derived again, each up to the change
 * after it (facts keyed `<status>:<from eventId>:<hour>`).
 */
export async function rederivePresenceAround(client: pg.ClientBase, agentId: string, added: readonly StatusEvent[], changes: FactChanges): Promise<void> {
  if (added.length === 0) return;
  const ordered = inEventOrder(added);
  const bound = (event: StatusEvent) => [new Date(Date.parse(event.occurredAt)), event.eventId] as const;
  // The same order as inEventOrder: occurred_at, then event_id by code point (COLLATE "C").
  const result = await client.query<{ payload: StatusEvent; place: 'before' | 'within' | 'after' }>(
    `(SELECT payload, 'before' AS place FROM raw_events
       WHERE subject_id = $1 AND type = 'agent.status_changed' AND (occurred_at, event_id COLLATE "C") < ($2::timestamptz, $3::text COLLATE "C")
       ORDER BY occurred_at DESC, event_id COLLATE "C" DESC LIMIT 1)
     UNION ALL
     (SELECT payload, 'within' FROM raw_events
       WHERE subject_id = $1 AND type = 'agent.status_changed'
         AND (occurred_at, event_id COLLATE "C") >= ($2::timestamptz, $3::text COLLATE "C") AND (occurred_at, event_id COLLATE "C") <= ($4::timestamptz, $5::text COLLATE "C"))
     UNION ALL
     (SELECT payload, 'after' FROM raw_events
       WHERE subject_id = $1 AND type = 'agent.status_changed' AND (occurred_at, event_id COLLATE "C") > ($4::timestamptz, $5::text COLLATE "C")
       ORDER BY occurred_at, event_id COLLATE "C" LIMIT 1)`,
    [agentId, ...bound(ordered[0]!), ...bound(ordered.at(-1)!)],
  );
  const of = (place: string) => result.rows.filter((row) => row.place === place).map((row) => row.payload);
  const starts = [...of('before'), ...inEventOrder(of('within'))];
  const next = of('after')[0] ?? null;
  const startIds = new Set(starts.map((event) => event.eventId));
  const stored = (await loadFacts(client, [agentId], PRESENCE_KINDS)).filter((fact) => startIds.has(fact.key.split(':')[1]!));
  derive(agentId, () => changes.replace(stored, starts.flatMap((event, index) => derivePresenceFacts(event, starts[index + 1] ?? next))));
}

/** All of an agent's presence facts from all of its status changes (the rebuild's way). */
export async function rederivePresence(client: pg.ClientBase, agentId: string, changes: FactChanges): Promise<void> {
  const events = inEventOrder((await rawEvents(client, [agentId], ['agent.status_changed'])) as StatusEvent[]);
  const stored = await loadFacts(client, [agentId], PRESENCE_KINDS);
  derive(agentId, () => changes.replace(stored, events.flatMap((event, index) => derivePresenceFacts(event, events[index + 1] ?? null))));
}

/** agents rows of these agents, from their events and the membership changes naming them. */
export async function rederiveAgents(client: pg.ClientBase, agentIds: readonly string[]): Promise<void> {
  const ids = agentIds.filter((id) => UUID.test(id));
  if (ids.length === 0) return;
  const own = await rawEvents(client, ids, ['agent.created', 'agent.updated']);
  const memberships = await client.query<{ payload: DomainEvent }>(
    `SELECT payload FROM raw_events WHERE type = 'team.members_changed' AND (payload->'data'->'added' ?| $1 OR payload->'data'->'removed' ?| $1)`,
    [ids],
  );
  for (const agentId of ids) {
    const events = [...own.filter((event) => (event as { agentId: string }).agentId === agentId), ...memberships.rows.map((row) => row.payload)];
    const row = foldAgent(agentId, events);
    if (!row) continue;
    // An agent known only from membership changes (created before events existed) is named by its id.
    await client.query(
      `INSERT INTO agents (agent_id, name, team_ids) VALUES ($1, $2, $3::uuid[])
       ON CONFLICT (agent_id) DO UPDATE SET name = EXCLUDED.name, team_ids = EXCLUDED.team_ids`,
      [agentId, row.name ?? agentId, row.teamIds.filter((id) => UUID.test(id))],
    );
  }
}

/** The teams row and the team_settings rows of one team, from all of its events. */
export async function rederiveTeam(client: pg.ClientBase, teamId: string): Promise<void> {
  if (!UUID.test(teamId)) return;
  const events = await rawEvents(client, [teamId]);
  const team = foldTeam(events);
  if (team) {
    await client.query('INSERT INTO teams (team_id, name, deleted_at) VALUES ($1, $2, $3) ON CONFLICT (team_id) DO UPDATE SET name = EXCLUDED.name, deleted_at = EXCLUDED.deleted_at', [
      teamId,
      team.name,
      team.deletedAt,
    ]);
  }
  const settings = foldTeamSettings(events);
  await client.query('DELETE FROM team_settings WHERE team_id = $1', [teamId]);
  if (settings.length > 0) {
    await client.query('INSERT INTO team_settings (team_id, valid_from, settings) SELECT $1, * FROM unnest($2::timestamptz[], $3::jsonb[])', [
      teamId,
      settings.map((row) => row.validFrom),
      settings.map((row) => JSON.stringify(row.settings)),
    ]);
  }
}

/** Conversations with facts of this team at or after `since`: those a change of its hours from then on may alter. */
export async function conversationsOfTeamSince(client: pg.ClientBase, teamId: string, since: Date): Promise<string[]> {
  if (!UUID.test(teamId)) return [];
  const result = await client.query<{ subject_id: string }>("SELECT DISTINCT subject_id FROM facts WHERE team_id = $1 AND at >= $2 AND kind NOT LIKE 'agent.%'", [teamId, since]);
  return result.rows.map((row) => row.subject_id);
}
