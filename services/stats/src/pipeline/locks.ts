// Transaction-scoped advisory locks that let 1..N stats processes (and a rebuild) write the store
// at once without losing an update:
// - every writing transaction holds the store lock SHARED, except the two that must see the store
//   still: a change of a team's business hours (it re-derives that team's conversations) and the
//   rebuild's recomputation of a day of rollups, which hold it EXCLUSIVE. Taken first, always.
// - then the lock of each subject whose facts it derives (sorted), so that two events of one
//   conversation never derive its facts from two different sets of raw events.
// Rollup rows are then written in one sorted pass per transaction (facts-store.ts), so row locks
// never wait in a circle either.
import type pg from 'pg';

// Arbitrary, fixed: the first key of every stats lock ("stats" pipeline); the second says which.
const SPACE = 72_417_023;
const STORE = 0;
const PARTITIONS = 1;
const REBUILD = 2;
// Subjects hash into the space after these (hashtext is an int4; a collision only serialises more).
const SUBJECT_SPACE = SPACE + 1;

export async function lockStore(client: pg.ClientBase, mode: 'shared' | 'exclusive'): Promise<void> {
  await client.query(mode === 'shared' ? 'SELECT pg_advisory_xact_lock_shared($1, $2)' : 'SELECT pg_advisory_xact_lock($1, $2)', [SPACE, STORE]);
}

export async function lockSubjects(client: pg.ClientBase, subjectIds: readonly string[]): Promise<void> {
  const ids = [...new Set(subjectIds)];
  if (ids.length === 0) return;
  // One statement, taking them in one order in every transaction (the sorted subquery's).
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext(id)) FROM (SELECT id FROM unnest($2::text[]) AS id ORDER BY id COLLATE "C") AS sorted', [SUBJECT_SPACE, ids]);
}

/** The store lock, then the subjects' locks (sorted), in one round trip. */
export async function lockForWrite(client: pg.ClientBase, mode: 'shared' | 'exclusive', subjectIds: readonly string[]): Promise<void> {
  const ids = [...new Set(subjectIds)];
  if (ids.length === 0) return lockStore(client, mode);
  // Every subject lock is taken for a row joined with `store`'s one row: after the store lock.
  await client.query(
    `WITH store AS MATERIALIZED (SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}($1, $2) AS taken)
     SELECT count(pg_advisory_xact_lock($3, hashtext(sorted.id))) FROM store, (SELECT id FROM unnest($4::text[]) AS id ORDER BY id COLLATE "C") AS sorted`,
    [SPACE, STORE, SUBJECT_SPACE, ids],
  );
}

export async function lockPartitionCreation(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [SPACE, PARTITIONS]);
}

/** Session-scoped: one rebuild at a time. Resolves to false when another holds it. */
export async function tryLockRebuild(client: pg.ClientBase): Promise<boolean> {
  const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [SPACE, REBUILD]);
  return result.rows[0]!.locked;
}

export async function unlockRebuild(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1, $2)', [SPACE, REBUILD]);
}
