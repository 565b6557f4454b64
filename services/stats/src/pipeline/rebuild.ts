// `stats rebuild --from DATE`: every subject with a raw event since DATE is derived again from all
// of its raw events (not only those since DATE), with the same functions and locks as live
// processing, so it may run while the consumers run; then the hourly rollups from the earliest
// changed hour on are recomputed from the facts, a day per transaction. Kafka is not needed: the
// result depends on raw_events alone, and equals what live processing produced.
import { backoffDelay, inTransaction, sleep, type Gauge, type Logger } from '@smartchat/platform';
import type pg from 'pg';
import { factKinds } from '../metrics/fact.js';
import { FactChanges } from './facts-store.js';
import { lockStore, lockSubjects, tryLockRebuild, unlockRebuild } from './locks.js';
import { DerivationError, rederiveAgents, rederiveConversations, rederivePresence, rederiveTeam } from './subjects.js';

const DAY_MS = 86_400_000;
const HEARTBEAT_MS = 10_000;

export class RebuildBusyError extends Error {
  constructor() {
    super('another stats rebuild is running on this statistics database');
    this.name = 'RebuildBusyError';
  }
}

export interface RebuildOptions {
  from: Date;
  logger: Logger;
  /** Subjects per transaction. */
  batchSize?: number;
  /** Set to 1 while this process rebuilds (the stats processes report every run from the store). */
  running?: Gauge;
}

export interface RebuildSummary {
  runId: number;
  from: Date;
  teams: number;
  agents: number;
  conversations: number;
  presenceAgents: number;
  /** Subjects whose facts could not be derived (each logged); their stored facts are unchanged. */
  failed: string[];
  /** Days whose rollups were recomputed from the facts. */
  rollupDays: number;
  ms: number;
}

type Kind = 'team' | 'agent' | 'conversation' | 'presence';
// Teams first (their business hours are read by the conversations), then agents' names.
const ORDER: Kind[] = ['team', 'agent', 'conversation', 'presence'];

export async function rebuildStatistics(pool: pg.Pool, options: RebuildOptions): Promise<RebuildSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 200;
  const log = options.logger.child({ component: 'stats-rebuild' });
  const session = await pool.connect();
  let runId: number | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  try {
    if (!(await tryLockRebuild(session))) throw new RebuildBusyError();
    runId = Number((await session.query<{ id: string }>('INSERT INTO rebuild_runs (from_time) VALUES ($1) RETURNING id', [options.from])).rows[0]!.id);
    heartbeat = setInterval(() => {
      pool.query('UPDATE rebuild_runs SET heartbeat_at = now() WHERE id = $1', [runId]).catch((error: unknown) => log.warn({ err: error }, 'rebuild heartbeat not written'));
    }, HEARTBEAT_MS);
    options.running?.set(1);
    log.info({ runId, from: options.from.toISOString() }, 'rebuild started');

    await collectSubjects(session, options.from);
    const counts: Record<Kind, number> = { team: 0, agent: 0, conversation: 0, presence: 0 };
    const failed: string[] = [];
    let earliest = options.from;
    for (const kind of ORDER) {
      let after = '';
      for (;;) {
        const page = await session.query<{ subject_id: string }>(
          'SELECT subject_id FROM rebuild_subjects WHERE kind = $1 AND subject_id COLLATE "C" > $2 ORDER BY subject_id COLLATE "C" LIMIT $3',
          [kind, after, batchSize],
        );
        const ids = page.rows.map((row) => row.subject_id);
        if (ids.length === 0) break;
        after = ids.at(-1)!;
        const changed = await rederiveBatch(pool, kind, ids, failed, log);
        if (changed && changed < earliest) earliest = changed;
        counts[kind] += ids.length;
      }
      log.info({ runId, kind, subjects: counts[kind] }, 'subjects derived again');
    }

    const rollupDays = await recomputeRollups(pool, earliest);
    const summary: RebuildSummary = {
      runId,
      from: options.from,
      teams: counts.team,
      agents: counts.agent,
      conversations: counts.conversation,
      presenceAgents: counts.presence,
      failed,
      rollupDays,
      ms: Date.now() - started,
    };
    await pool.query("UPDATE rebuild_runs SET finished_at = now(), heartbeat_at = now(), outcome = 'done', subjects = $2 WHERE id = $1", [
      runId,
      counts.team + counts.agent + counts.conversation + counts.presence,
    ]);
    log.info({ ...summary, failed: failed.length }, 'rebuild finished');
    return summary;
  } catch (error) {
    if (runId !== undefined) {
      await pool.query("UPDATE rebuild_runs SET finished_at = now(), outcome = 'failed', error = $2 WHERE id = $1", [runId, (error as Error).message]).catch(() => undefined);
    }
    throw error;
  } finally {
    clearInterval(heartbeat);
    options.running?.set(0);
    await session.query('DROP TABLE IF EXISTS rebuild_subjects').catch(() => undefined);
    if (runId !== undefined) await unlockRebuild(session).catch(() => undefined);
    session.release();
  }
}

/** Every subject with an event since `from`, by what is derived for it, in a temporary table of the session. */
async function collectSubjects(session: pg.ClientBase, from: Date): Promise<void> {
  await session.query('DROP TABLE IF EXISTS rebuild_subjects');
  await session.query(
    `CREATE TEMPORARY TABLE rebuild_subjects AS
     SELECT DISTINCT subject_id,
            CASE WHEN type LIKE 'team.%' THEN 'team' WHEN type = 'agent.status_changed' THEN 'presence' WHEN type LIKE 'agent.%' THEN 'agent' ELSE 'conversation' END AS kind
       FROM raw_events WHERE occurred_at >= $1
     UNION
     -- Membership changes name agents whose teams they change.
     SELECT jsonb_array_elements_text(payload->'data'->'added' || payload->'data'->'removed'), 'agent'
       FROM raw_events WHERE type = 'team.members_changed' AND occurred_at >= $1`,
    [from],
  );
  await session.query('CREATE INDEX ON rebuild_subjects (kind, subject_id COLLATE "C")');
}

/**
 * One transaction for a batch of subjects; on a subject whose derivation fails, the batch is done
 * again one by one and that subject is left as it was. Resolves to the earliest instant whose
 * rollups changed.
 */
async function rederiveBatch(pool: pg.Pool, kind: Kind, ids: string[], failed: string[], log: Logger): Promise<Date | null> {
  try {
    return await withRetries(() => rederiveInTransaction(pool, kind, ids), log);
  } catch (error) {
    if (!(error instanceof DerivationError) || ids.length === 1) {
      if (error instanceof DerivationError) {
        failed.push(error.subjectId);
        log.error({ err: error, subjectId: error.subjectId }, 'facts of a subject could not be derived; they stay as they were');
        return null;
      }
      throw error;
    }
    let earliest: Date | null = null;
    for (const id of ids) {
      const changed = await rederiveBatch(pool, kind, [id], failed, log);
      if (changed && (!earliest || changed < earliest)) earliest = changed;
    }
    return earliest;
  }
}

function rederiveInTransaction(pool: pg.Pool, kind: Kind, ids: string[]): Promise<Date | null> {
  return inTransaction(pool, async (client) => {
    await lockStore(client, 'shared');
    await lockSubjects(client, ids);
    const changes = new FactChanges();
    if (kind === 'team') for (const id of ids) await rederiveTeam(client, id);
    else if (kind === 'agent') await rederiveAgents(client, ids);
    else if (kind === 'conversation') await rederiveConversations(client, ids, changes);
    else for (const id of ids) await rederivePresence(client, id, changes);
    const earliest = changes.earliest;
    await changes.flush(client);
    return earliest;
  });
}

/** Transient failures (a lost connection, a deadlock) are tried again a few times. */
async function withRetries<T>(work: () => Promise<T>, log: Logger): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DerivationError || attempt >= 5) throw error;
      log.warn({ err: error, attempt: attempt + 1 }, 'rebuild step failed; trying again');
      await sleep(backoffDelay(attempt, 200, 5000));
    }
  }
}

/**
 * rollup_hourly from the UTC day of `from` on, summed again from the facts, one day per
 * transaction holding the store to itself (so no live delta falls between the delete and the sums).
 */
async function recomputeRollups(pool: pg.Pool, from: Date): Promise<number> {
  const last = await pool.query<{ until: Date | null }>('SELECT greatest((SELECT max(at) FROM facts), (SELECT max(hour) FROM rollup_hourly)) AS until');
  const until = last.rows[0]!.until;
  if (!until) return 0;
  let days = 0;
  for (let day = from.getTime() - (from.getTime() % DAY_MS); day <= until.getTime(); day += DAY_MS) {
    const range = [new Date(day), new Date(day + DAY_MS)];
    await inTransaction(pool, async (client) => {
      await lockStore(client, 'exclusive');
      await client.query('DELETE FROM rollup_hourly WHERE hour >= $1 AND hour < $2', range);
      await client.query(
        `INSERT INTO rollup_hourly (hour, kind, team_id, agent_id, channel, topic, internal, n, sum_value, sum_business)
         SELECT date_trunc('hour', at, 'UTC'), kind, team_id, agent_id, channel, topic, internal, count(*), sum(value), coalesce(sum(business_value), 0)
           FROM facts WHERE kind = ANY($3) AND at >= $1 AND at < $2
          GROUP BY 1, 2, 3, 4, 5, 6, 7`,
        // Naming the kinds lets the (kind, at) index find a day's facts.
        [...range, Object.keys(factKinds)],
      );
    });
    days += 1;
  }
  return days;
}
