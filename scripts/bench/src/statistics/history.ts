// The statistics history the query benchmark reads: a database of its own
// (smartchat_stats_bench_history) filled by history.sql. It is made the way an installation's
// store comes to be: the schema the generator writes (migrations up to BASE_SCHEMA_VERSION) first,
// then a year of facts and rollups, then every later migration, which derives what it adds from
// the data there (as on a live store) and installs its triggers for later writes. Generating a year
// for the desk takes many minutes, so the database is kept between runs and reused while
// its key matches: a hash of the base schema, the generator (this file and history.sql) and the
// parameters, stored as the database's comment with the summary. A migration added since is
// applied to the kept store, as it would be to an installation's; one changed after it was
// applied means generating again.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgPool, migratePostgres, statsSchemaDir, type Logger, type PgPool } from '@smartchat/platform';

const SQL_FILE = fileURLToPath(new URL('./history.sql', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);
/** The tables bulk-loaded without their indexes, which are built afterwards (far faster than row by row). */
const LOADED_TABLES = ['facts', 'rollup_hourly'];
/** The last migration of the schema history.sql writes (0001's tables, 0002's indexes); later ones are applied after the load. */
const BASE_SCHEMA_VERSION = 2;

export interface HistoryParameters {
  conversations: number;
  agents: number;
  /** The desk's zone (whole-hour offset, no DST for the shape's local hours to stay put). */
  zone: string;
  /** First instant (included) and last (excluded): local midnights a year apart. */
  since: Date;
  until: Date;
}

export interface TableSize {
  rows: number;
  heapBytes: number;
  indexBytes: number;
  totalBytes: number;
}

export interface HistorySummary {
  database: string;
  key: string;
  parameters: { conversations: number; agents: number; zone: string; since: string; until: string };
  generatedAt: string;
  /** How long the generation took when it ran (a reused history keeps the figure of its run). */
  generationS: number;
  steps: { step: string; seconds: number }[];
  tables: Record<string, TableSize>;
  factsByKind: Record<string, number>;
  databaseBytes: number;
  /** Every migration the store has, and those applied after its data was loaded (on generation or since). */
  migrations: number[];
  /** Migrations applied to the loaded store (at generation, or at a reuse that found new ones), with how long each took. */
  laterMigrations: { version: number; appliedAt: string; seconds: number }[];
}

export interface History {
  url: string;
  summary: HistorySummary;
  reused: boolean;
  drop(): Promise<void>;
}

interface Step {
  name: string;
  inParts: boolean;
  sql: string;
}

/** history.sql cut at its `-- step:` lines; a step named `... (in parts)` runs once per connection, each on its share of the rows. */
export function readSteps(text: string): Step[] {
  const steps: Step[] = [];
  for (const chunk of text.split(/^-- step: /m).slice(1)) {
    const newline = chunk.indexOf('\n');
    const title = chunk.slice(0, newline).trim();
    const inParts = title.endsWith('(in parts)');
    steps.push({ name: inParts ? title.slice(0, -'(in parts)'.length).trim() : title, inParts, sql: chunk.slice(newline + 1) });
  }
  return steps;
}

/** The migration files up to `version` (the generator writes into those up to BASE_SCHEMA_VERSION), by name. */
function schemaFiles(version = Number.POSITIVE_INFINITY): string[] {
  return readdirSync(statsSchemaDir)
    .filter((name) => /^\d{4}_.*\.sql$/.test(name) && Number(name.slice(0, 4)) <= version)
    .sort();
}

export function historyKey(parameters: HistoryParameters): string {
  const hash = createHash('sha256');
  const schema = schemaFiles(BASE_SCHEMA_VERSION).map((name) => `${name}\n${readFileSync(join(statsSchemaDir, name), 'utf8')}`);
  for (const part of [...schema, readFileSync(SQL_FILE, 'utf8'), readFileSync(THIS_FILE, 'utf8')]) hash.update(part).update('\0');
  hash.update(JSON.stringify({ ...parameters, since: parameters.since.toISOString(), until: parameters.until.toISOString() }));
  return hash.digest('hex').slice(0, 32);
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The summary of the history the database holds, when its key is `key` and its facts survived (unlogged tables are emptied by a crash). */
async function cachedSummary(admin: PgPool, database: string, url: string, key: string, logger: Logger): Promise<HistorySummary | null> {
  const { rows } = await admin.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [database]);
  if (rows.length === 0 || !rows[0]!.comment) return null;
  let summary: HistorySummary;
  try {
    summary = JSON.parse(rows[0]!.comment) as HistorySummary;
  } catch {
    return null;
  }
  if (summary.key !== key) return null;
  const pool = createPgPool({ url, logger, max: 1, applicationName: 'smartchat-bench-history' });
  try {
    const { rows: present } = await pool.query<{ facts: boolean }>('SELECT EXISTS (SELECT 1 FROM facts) AS facts');
    return present[0]!.facts ? summary : null;
  } finally {
    await pool.end();
  }
}

/** The migration files up to `version` in a directory of their own (migratePostgres applies a directory). */
function schemaDirUpTo(version: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'smartchat-bench-schema-'));
  for (const name of schemaFiles(version)) copyFileSync(join(statsSchemaDir, name), join(dir, name));
  return dir;
}

/**
 * Applies the migrations the store does not have yet, one at a time (each timed), with room to
 * build indexes and derive tables; then the planner's statistics and the visibility map.
 */
async function migrateLoaded(url: string, logger: Logger, log: (text: string) => void): Promise<{ version: number; seconds: number }[]> {
  const later = new URL(url);
  later.searchParams.set('options', '-c maintenance_work_mem=1GB -c work_mem=256MB -c jit=off -c synchronous_commit=off');
  const pool = createPgPool({ url: later.toString(), logger, max: 1, applicationName: 'smartchat-bench-history' });
  const applied: { version: number; seconds: number }[] = [];
  try {
    for (const version of schemaFiles().map((name) => Number(name.slice(0, 4)))) {
      const dir = schemaDirUpTo(version);
      const at = Date.now();
      try {
        if ((await migratePostgres(pool, dir, logger)).length === 0) continue;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      applied.push({ version, seconds: Math.round((Date.now() - at) / 100) / 10 });
      log(`history: migration ${version} applied to the loaded store in ${applied.at(-1)!.seconds} s`);
    }
    // As autovacuum would have long since done on a live store: the visibility map (index-only
    // scans) and the planner's statistics.
    if (applied.length > 0) await pool.query('VACUUM (ANALYZE)');
    return applied;
  } finally {
    await pool.end();
  }
}

/** Session settings for the generator: its parameters, one share of the rows, and room to sort and hash. */
function sessionSettings(parameters: HistoryParameters, part: number, parts: number): [string, string][] {
  return [
    ['bench.conversations', String(parameters.conversations)],
    ['bench.agents', String(parameters.agents)],
    ['bench.since', parameters.since.toISOString()],
    ['bench.until', parameters.until.toISOString()],
    ['bench.zone', parameters.zone],
    ['bench.parts', String(parts)],
    ['bench.part', String(part)],
    ['TimeZone', 'UTC'],
    // The generator's expressions are long; compiling them costs seconds and gains nothing here.
    ['jit', 'off'],
    ['work_mem', '256MB'],
    ['maintenance_work_mem', '1GB'],
    ['synchronous_commit', 'off'],
  ];
}

async function run(pool: PgPool, settings: [string, string][], sql: string): Promise<void> {
  const client = await pool.connect();
  try {
    for (const [name, value] of settings) await client.query('SELECT set_config($1, $2, false)', [name, value]);
    await client.query(sql);
  } finally {
    client.release();
  }
}

interface IndexDefinition {
  table: string;
  name: string;
  /** A constraint's definition (ALTER TABLE ... ADD CONSTRAINT name <definition>), or a CREATE INDEX statement. */
  constraint: string | null;
  index: string | null;
}

/** The unique constraints and indexes of the bulk-loaded tables, to drop before the load and build after it. */
async function indexDefinitions(pool: PgPool): Promise<IndexDefinition[]> {
  const { rows: constraints } = await pool.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) AND contype IN ('p', 'u', 'x')`,
    [LOADED_TABLES],
  );
  const { rows: indexes } = await pool.query<{ tbl: string; name: string; def: string }>(
    `SELECT tablename AS tbl, indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = ANY($1::text[])
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = ANY($1::regclass[]))`,
    [LOADED_TABLES],
  );
  return [
    ...constraints.map((row) => ({ table: row.tbl, name: row.name, constraint: row.def, index: null })),
    ...indexes.map((row) => ({ table: row.tbl, name: row.name, constraint: null, index: row.def })),
  ];
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function measure(pool: PgPool): Promise<Pick<HistorySummary, 'tables' | 'factsByKind' | 'databaseBytes' | 'migrations'>> {
  // Sizes with a partitioned table's partitions; exact row counts (facts: from the count per kind).
  const { rows: tables } = await pool.query<{ name: string; heap: string; indexes: string; total: string }>(
    `SELECT c.relname AS name,
            sum(pg_table_size(m.oid))::text AS heap, sum(pg_indexes_size(m.oid))::text AS indexes, sum(pg_total_relation_size(m.oid))::text AS total
       FROM pg_class c
       CROSS JOIN LATERAL (SELECT p.oid, p.reltuples FROM pg_class p WHERE p.oid = c.oid OR p.oid IN (SELECT relid FROM pg_partition_tree(c.oid) WHERE isleaf)) m
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations' AND NOT c.relispartition
      GROUP BY c.relname`,
  );
  const { rows: kinds } = await pool.query<{ kind: string; n: string }>('SELECT kind, count(*)::text AS n FROM facts GROUP BY kind ORDER BY kind');
  const result: Record<string, TableSize> = {};
  for (const table of tables) {
    const rows = table.name === 'facts' ? kinds.reduce((sum, row) => sum + Number(row.n), 0) : Number((await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoted(table.name)}`)).rows[0]!.n);
    result[table.name] = { rows, heapBytes: Number(table.heap), indexBytes: Number(table.indexes), totalBytes: Number(table.total) };
  }
  const { rows: size } = await pool.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
  const { rows: versions } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return { tables: result, factsByKind: Object.fromEntries(kinds.map((row) => [row.kind, Number(row.n)])), databaseBytes: Number(size[0]!.bytes), migrations: versions.map((row) => row.version) };
}

/**
 * The history database for `parameters`: reused when its key matches, else dropped, created,
 * migrated and generated (facts and rollups unlogged: the benchmark reads them and never needs
 * them after a crash, and a load without WAL takes half the time).
 */
export async function ensureHistory(options: { adminUrl: string; database: string; parameters: HistoryParameters; parts: number; logger: Logger; log: (text: string) => void }): Promise<History> {
  const { adminUrl, database, parameters, logger, log } = options;
  const url = withDatabase(adminUrl, database);
  const admin = createPgPool({ url: adminUrl, logger, max: 1, applicationName: 'smartchat-bench-history' });
  const drop = async () => {
    const pool = createPgPool({ url: adminUrl, logger, max: 1, applicationName: 'smartchat-bench-history' });
    try {
      await pool.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    } finally {
      await pool.end();
    }
  };
  try {
    const key = historyKey(parameters);
    const cached = await cachedSummary(admin, database, url, key, logger).catch(() => null);
    if (cached) {
      log(`history: reusing ${database} (key ${key}, generated ${cached.generatedAt} in ${cached.generationS} s)`);
      const at = Date.now();
      const applied = await migrateLoaded(url, logger, log).catch((error: unknown) => {
        // A migration changed after it was applied (assertUnchanged): the store must be made again.
        log(`history: ${(error as Error).message}; generating again`);
        return null;
      });
      if (applied && applied.length === 0) return { url, summary: cached, reused: true, drop };
      if (applied) {
        log(`history: the kept store brought up to date in ${Math.round((Date.now() - at) / 1000)} s`);
        const pool = createPgPool({ url, logger, max: 1, applicationName: 'smartchat-bench-history' });
        const appliedAt = new Date().toISOString();
        const summary: HistorySummary = await measure(pool)
          .then((sizes) => ({ ...cached, ...sizes, laterMigrations: [...cached.laterMigrations, ...applied.map((entry) => ({ ...entry, appliedAt }))] }))
          .finally(() => pool.end());
        await admin.query(`COMMENT ON DATABASE ${database} IS ${quoteLiteral(JSON.stringify(summary))}`);
        return { url, summary, reused: true, drop };
      }
    }
    log(`history: generating ${database}: ${parameters.conversations.toLocaleString('en')} conversations, ${parameters.agents} agents, ${parameters.since.toISOString()} to ${parameters.until.toISOString()} (${parameters.zone})`);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    const startedAt = Date.now();
    const pool = createPgPool({ url, logger, max: options.parts, applicationName: 'smartchat-bench-history' });
    const baseDir = schemaDirUpTo(BASE_SCHEMA_VERSION);
    try {
      await migratePostgres(pool, baseDir, logger);
      const definitions = await indexDefinitions(pool);
      for (const definition of definitions) {
        await pool.query(definition.constraint ? `ALTER TABLE ${quoted(definition.table)} DROP CONSTRAINT ${quoted(definition.name)}` : `DROP INDEX ${quoted(definition.name)}`);
      }
      for (const table of LOADED_TABLES) await pool.query(`ALTER TABLE ${quoted(table)} SET UNLOGGED`);

      const steps: HistorySummary['steps'] = [];
      const timed = async (name: string, work: () => Promise<unknown>) => {
        const at = Date.now();
        await work();
        const seconds = Math.round((Date.now() - at) / 100) / 10;
        steps.push({ step: name, seconds });
        log(`history: ${name} in ${seconds} s`);
      };
      for (const step of readSteps(readFileSync(SQL_FILE, 'utf8'))) {
        const parts = step.inParts ? options.parts : 1;
        await timed(step.name, () => Promise.all(Array.from({ length: parts }, (_, part) => run(pool, sessionSettings(parameters, part, parts), step.sql))));
      }
      for (const definition of definitions) {
        const statement = definition.constraint ? `ALTER TABLE ${quoted(definition.table)} ADD CONSTRAINT ${quoted(definition.name)} ${definition.constraint}` : definition.index!;
        await timed(`index ${definition.name}`, () => run(pool, sessionSettings(parameters, 0, 1), statement));
      }
      // As autovacuum would have long since done on a live store: the visibility map (index-only
      // scans) and the planner's statistics.
      await timed('vacuum analyze', () => run(pool, sessionSettings(parameters, 0, 1), 'VACUUM (ANALYZE)'));
      // The migrations after the base, on a store that has its data.
      let applied: { version: number; seconds: number }[] = [];
      await timed('later migrations', async () => {
        applied = await migrateLoaded(url, logger, log);
      });
      const appliedAt = new Date().toISOString();
      const laterMigrations = applied.map((entry) => ({ ...entry, appliedAt }));
      const sizes = await measure(pool);
      const summary: HistorySummary = {
        database,
        key,
        parameters: { conversations: parameters.conversations, agents: parameters.agents, zone: parameters.zone, since: parameters.since.toISOString(), until: parameters.until.toISOString() },
        generatedAt: new Date().toISOString(),
        generationS: Math.round((Date.now() - startedAt) / 1000),
        steps,
        ...sizes,
        laterMigrations,
      };
      await admin.query(`COMMENT ON DATABASE ${database} IS ${quoteLiteral(JSON.stringify(summary))}`);
      log(`history: ${summary.tables.facts?.rows.toLocaleString('en')} facts, ${summary.tables.rollup_hourly?.rows.toLocaleString('en')} rollup rows, ${(summary.databaseBytes / 2 ** 30).toFixed(2)} GiB, in ${summary.generationS} s`);
      return { url, summary, reused: false, drop };
    } catch (error) {
      // A half-generated history must not pass for a cached one.
      await pool.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      throw error;
    } finally {
      await pool.end().catch(() => undefined);
      rmSync(baseDir, { recursive: true, force: true });
    }
  } finally {
    await admin.end();
  }
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The last `months` whole local months before the current one in `zone`: [since, until). */
export async function historySpan(adminUrl: string, zone: string, months: number, logger: Logger): Promise<{ since: Date; until: Date }> {
  const pool = createPgPool({ url: adminUrl, logger, max: 1, applicationName: 'smartchat-bench-history' });
  try {
    const { rows } = await pool.query<{ since: Date; until: Date }>(
      `SELECT (date_trunc('month', now() AT TIME ZONE $1) - make_interval(months => $2)) AT TIME ZONE $1 AS since,
              date_trunc('month', now() AT TIME ZONE $1) AT TIME ZONE $1 AS until`,
      [zone, months],
    );
    return rows[0]!;
  } finally {
    await pool.end();
  }
}
