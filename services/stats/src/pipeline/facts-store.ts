// Facts in the store and the hourly rollups kept from them. A subject's facts are replaced by a
// new derivation; only the facts that differ are written, and each rollup row changes by the
// difference (new minus old), so rollups always equal the sum of the facts, in integers. All the
// changes of one transaction are collected first and written in one pass, rollup rows in one
// sorted order (two processes updating the same hours never wait for each other in a circle).
import type pg from 'pg';
import type { Fact, FactKind } from '../metrics/fact.js';

const HOUR_MS = 3_600_000;

/** A facts row as pg gives it, or as json_agg does (times as text, integers as numbers). */
export interface FactRow {
  subject_id: string;
  key: string;
  kind: string;
  at: Date | string;
  team_id: string | null;
  agent_id: string | null;
  channel: string | null;
  topic: string | null;
  internal: boolean;
  value: string | number;
  business_value: string | number | null;
}

export const FACT_COLUMNS = 'subject_id, key, kind, at, team_id, agent_id, channel, topic, internal, value, business_value';

export function toFact(row: FactRow): Fact {
  return {
    subjectId: row.subject_id,
    key: row.key,
    kind: row.kind as FactKind,
    at: new Date(row.at),
    teamId: row.team_id,
    agentId: row.agent_id,
    channel: row.channel,
    topic: row.topic,
    internal: row.internal,
    value: Number(row.value),
    businessValue: row.business_value === null ? null : Number(row.business_value),
  };
}

/** Every stored fact of these subjects, optionally only some kinds. */
export async function loadFacts(client: pg.ClientBase, subjectIds: readonly string[], kinds?: readonly FactKind[]): Promise<Fact[]> {
  if (subjectIds.length === 0) return [];
  const result = kinds
    ? await client.query<FactRow>(`SELECT ${FACT_COLUMNS} FROM facts WHERE subject_id = ANY($1) AND kind = ANY($2)`, [subjectIds, kinds])
    : await client.query<FactRow>(`SELECT ${FACT_COLUMNS} FROM facts WHERE subject_id = ANY($1)`, [subjectIds]);
  return result.rows.map(toFact);
}

const sameFact = (a: Fact, b: Fact) =>
  a.kind === b.kind &&
  a.at.getTime() === b.at.getTime() &&
  a.teamId === b.teamId &&
  a.agentId === b.agentId &&
  a.channel === b.channel &&
  a.topic === b.topic &&
  a.internal === b.internal &&
  a.value === b.value &&
  a.businessValue === b.businessValue;

interface RollupDelta {
  hour: Date;
  kind: string;
  teamId: string | null;
  agentId: string | null;
  channel: string | null;
  topic: string | null;
  internal: boolean;
  n: number;
  sumValue: number;
  sumBusiness: number;
}

/** The rollup row a fact counts in; as a string, the map key and the one sort order of rows. */
function rollupKey(fact: Fact): string {
  const hour = fact.at.getTime() - (((fact.at.getTime() % HOUR_MS) + HOUR_MS) % HOUR_MS);
  return JSON.stringify([new Date(hour).toISOString(), fact.kind, fact.teamId, fact.agentId, fact.channel, fact.topic, fact.internal]);
}

/** What one transaction changes: facts to delete and to write, and the rollup differences. */
export class FactChanges {
  private readonly deletes = new Map<string, { subjectId: string; key: string }>();
  private readonly writes = new Map<string, Fact>();
  private readonly rollups = new Map<string, RollupDelta>();
  /** The earliest instant whose rollups changed (the rebuild recomputes from there). */
  earliest: Date | null = null;

  /** `stored` are the facts now in the store that `derived` replaces (the same subjects, the same scope). */
  replace(stored: readonly Fact[], derived: readonly Fact[]): void {
    const before = new Map(stored.map((fact) => [`${fact.subjectId}\u0000${fact.key}`, fact]));
    const after = new Map<string, Fact>();
    for (const fact of derived) {
      const id = `${fact.subjectId}\u0000${fact.key}`;
      if (after.has(id)) throw new Error(`derivation gave two facts with key ${fact.key} for ${fact.subjectId}`);
      if (!Number.isSafeInteger(fact.value) || (fact.businessValue !== null && !Number.isSafeInteger(fact.businessValue))) {
        throw new Error(`fact ${fact.key} of ${fact.subjectId} has a value that is not a whole number`);
      }
      after.set(id, fact);
    }
    for (const [id, old] of before) {
      const next = after.get(id);
      if (next && sameFact(old, next)) continue;
      this.count(old, -1);
      if (!next) this.deletes.set(id, { subjectId: old.subjectId, key: old.key });
    }
    for (const [id, next] of after) {
      const old = before.get(id);
      if (old && sameFact(old, next)) continue;
      this.count(next, 1);
      this.deletes.delete(id);
      this.writes.set(id, next);
    }
  }

  get isEmpty(): boolean {
    return this.deletes.size === 0 && this.writes.size === 0 && this.rollups.size === 0;
  }

  private count(fact: Fact, sign: 1 | -1): void {
    const key = rollupKey(fact);
    const delta = this.rollups.get(key) ?? {
      hour: new Date(JSON.parse(key)[0] as string),
      kind: fact.kind,
      teamId: fact.teamId,
      agentId: fact.agentId,
      channel: fact.channel,
      topic: fact.topic,
      internal: fact.internal,
      n: 0,
      sumValue: 0,
      sumBusiness: 0,
    };
    delta.n += sign;
    delta.sumValue += sign * fact.value;
    delta.sumBusiness += sign * (fact.businessValue ?? 0);
    this.rollups.set(key, delta);
    if (!this.earliest || fact.at < this.earliest) this.earliest = fact.at;
  }

  /**
   * Writes everything collected (inside the caller's transaction) in one statement, and forgets
   * it. Deletes and writes never name the same fact, so the statement's parts never meet.
   */
  async flush(client: pg.ClientBase): Promise<void> {
    const deletes = [...this.deletes.values()];
    const facts = [...this.writes.values()];
    // Rows are upserted in the order given (WITH ORDINALITY): one sorted order in every process.
    const deltas = [...this.rollups]
      .filter(([, delta]) => delta.n !== 0 || delta.sumValue !== 0 || delta.sumBusiness !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, delta]) => delta);
    this.deletes.clear();
    this.writes.clear();
    this.rollups.clear();
    if (deletes.length === 0 && facts.length === 0 && deltas.length === 0) return;
    const result = await client.query<{ row: string }>(
      `WITH deleted AS (
         DELETE FROM facts f USING unnest($1::text[], $2::text[]) AS d(subject_id, key) WHERE f.subject_id = d.subject_id AND f.key = d.key
       ), written AS (
         INSERT INTO facts (${FACT_COLUMNS})
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::uuid[], $8::uuid[], $9::text[], $10::text[], $11::boolean[], $12::bigint[], $13::bigint[])
         ON CONFLICT (subject_id, key) DO UPDATE SET kind = EXCLUDED.kind, at = EXCLUDED.at, team_id = EXCLUDED.team_id, agent_id = EXCLUDED.agent_id,
           channel = EXCLUDED.channel, topic = EXCLUDED.topic, internal = EXCLUDED.internal, value = EXCLUDED.value, business_value = EXCLUDED.business_value
       ), rolled AS (
         INSERT INTO rollup_hourly AS r (hour, kind, team_id, agent_id, channel, topic, internal, n, sum_value, sum_business)
         SELECT hour, kind, team_id, agent_id, channel, topic, internal, n, sum_value, sum_business
           FROM unnest($14::timestamptz[], $15::text[], $16::uuid[], $17::uuid[], $18::text[], $19::text[], $20::boolean[], $21::bigint[], $22::bigint[], $23::bigint[])
                WITH ORDINALITY AS d(hour, kind, team_id, agent_id, channel, topic, internal, n, sum_value, sum_business, position)
          ORDER BY position
         ON CONFLICT ON CONSTRAINT rollup_hourly_dims DO UPDATE SET n = r.n + EXCLUDED.n, sum_value = r.sum_value + EXCLUDED.sum_value, sum_business = r.sum_business + EXCLUDED.sum_business
         RETURNING ctid::text AS row, r.n
       )
       SELECT row FROM rolled WHERE n = 0`,
      [
        deletes.map((fact) => fact.subjectId),
        deletes.map((fact) => fact.key),
        facts.map((fact) => fact.subjectId),
        facts.map((fact) => fact.key),
        facts.map((fact) => fact.kind),
        facts.map((fact) => fact.at),
        facts.map((fact) => fact.teamId),
        facts.map((fact) => fact.agentId),
        facts.map((fact) => fact.channel),
        facts.map((fact) => fact.topic),
        facts.map((fact) => fact.internal),
        facts.map((fact) => fact.value),
        facts.map((fact) => fact.businessValue),
        deltas.map((delta) => delta.hour),
        deltas.map((delta) => delta.kind),
        deltas.map((delta) => delta.teamId),
        deltas.map((delta) => delta.agentId),
        deltas.map((delta) => delta.channel),
        deltas.map((delta) => delta.topic),
        deltas.map((delta) => delta.internal),
        deltas.map((delta) => delta.n),
        deltas.map((delta) => delta.sumValue),
        deltas.map((delta) => delta.sumBusiness),
      ],
    );
    // A row whose facts are all gone says nothing: remove it (this transaction holds its lock).
    const empty = result.rows.map((row) => row.row);
    if (empty.length > 0) await client.query('DELETE FROM rollup_hourly WHERE ctid = ANY($1::tid[]) AND n = 0', [empty]);
  }
}
