// Deriving a subject again from its raw events, inside the caller's transaction (which holds the
// subject's lock): a conversation's facts, an agent's presence facts, and the team and agent
// projections. Live processing and the rebuild call the same functions, so they agree.
import type { AgentStatusChangedEvent, DomainEvent } from '@smartchat/contracts';
import type pg from 'pg';
import { deriveConversationFacts, derivePresenceFacts } from '../metrics/derive.js';
import type { Fact, FactKind } from '../metrics/fact.js';
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

/** Each conversation's facts from all of its raw events, replacing what is stored. */
export async function rederiveConversations(client: pg.ClientBase, conversationIds: readonly string[], changes: FactChanges): Promise<void> {
  if (conversationIds.length === 0) return;
  // One round trip: the events, the stored facts, and the business hours of every team the
  // events name (teamId, fromTeamId, toTeamId, viaOverflowTeamId, ...).
  const result = await client.query<{ events: DomainEvent[]; facts: FactRow[]; calendar: CalendarRow[] }>(
    `SELECT
       (SELECT coalesce(json_agg(payload), '[]') FROM raw_events WHERE subject_id = ANY($1)) AS events,
       (SELECT coalesce(json_agg(f), '[]') FROM (SELECT ${FACT_COLUMNS} FROM facts WHERE subject_id = ANY($1)) AS f) AS facts,
       (SELECT coalesce(json_agg(s ORDER BY s.team_id, s.valid_from), '[]') FROM (
          SELECT team_id, valid_from, settings->'businessHours' AS hours FROM team_settings
           WHERE team_id::text IN (SELECT lower(field.value) FROM raw_events r, jsonb_each_text(r.payload->'data') AS field
                                    WHERE r.subject_id = ANY($1) AND (field.key = 'teamId' OR field.key LIKE '%TeamId'))) AS s) AS calendar`,
    [conversationIds],
  );
  const { events, facts, calendar } = result.rows[0]!;
  const bySubject = new Map<string, { events: DomainEvent[]; stored: Fact[] }>(conversationIds.map((id) => [id, { events: [], stored: [] }]));
  for (const event of events) bySubject.get((event as { conversationId: string }).conversationId)?.events.push(event);
  for (const row of facts) bySubject.get(row.subject_id)?.stored.push(toFact(row));
  const hours = calendarFromRows(calendar);
  for (const [subjectId, subject] of bySubject) {
    derive(subjectId, () => changes.replace(subject.stored, deriveConversationFacts(subject.events, hours)));
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
