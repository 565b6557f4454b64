// The search benchmark's corpus: a database of its own (smartchat_search_bench) with Smartchat's
// whole schema, filled by corpus.sql with a year of a 300-agent desk's conversations and messages
// (10 million by default). Generating it takes many minutes, so it is kept between runs and reused
// while its key matches: a hash of the migrations, the generator (this file and corpus.sql) and the
// parameters, stored as the database's comment with the summary.
//
// Loaded the way a big table is best loaded: the messages first (two connections side by side, a
// chunk of conversations per statement), then the GIN and conversation indexes built partition by
// partition (two at a time) and attached to the partitioned indexes the migration defines, then
// VACUUM ANALYZE, as autovacuum would have done on a live database.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgPool, migratePostgres, schemaDir, type Logger, type PgPool } from '@smartchat/platform';
import { readSteps } from '../statistics/history.js';
import { inParallel } from '../orchestration.js';

const SQL_FILE = fileURLToPath(new URL('./corpus.sql', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);
/** Conversations per `messages` statement (about 20 messages each). */
const CHUNK = 20_000;
const WORKERS = 2;

export interface CorpusParameters {
  conversations: number;
  since: Date;
  until: Date;
}

export interface IndexSizes {
  messages: number;
  heapBytes: number;
  ginBytes: number;
  keyBytes: number;
  conversationIndexBytes: number;
  totalBytes: number;
  /** Everything of search_messages (heap, TOAST, every index) per million messages. */
  totalBytesPerMillion: number;
  ginBytesPerMillion: number;
}

export interface CorpusSummary {
  database: string;
  key: string;
  parameters: { conversations: number; since: string; until: string };
  generatedAt: string;
  generationS: number;
  steps: { step: string; seconds: number }[];
  sizes: IndexSizes;
  conversations: number;
  customers: number;
}

function corpusKey(parameters: CorpusParameters): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(schemaDir.postgres).filter((file) => file.endsWith('.sql')).sort()) hash.update(name).update(readFileSync(join(schemaDir.postgres, name))).update('\0');
  hash.update(readFileSync(SQL_FILE)).update('\0').update(readFileSync(THIS_FILE)).update('\0');
  hash.update(JSON.stringify({ conversations: parameters.conversations, since: parameters.since.toISOString(), until: parameters.until.toISOString() }));
  return hash.digest('hex').slice(0, 16);
}

function settings(parameters: CorpusParameters, extra: Record<string, string | number> = {}): string {
  const all: Record<string, string | number> = { conversations: parameters.conversations, since: parameters.since.toISOString(), until: parameters.until.toISOString(), ...extra };
  return Object.entries(all)
    .map(([name, value]) => `SET bench.${name} = '${String(value).replace(/'/g, "''")}';`)
    .join('\n');
}

async function run(pool: PgPool, sql: string): Promise<void> {
  const client = await pool.connect();
  try {
    // A bulk load: no wait for the WAL flush per statement, room for index builds.
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; ${sql}`);
  } finally {
    client.release();
  }
}

export async function measureSizes(pool: PgPool): Promise<IndexSizes> {
  const { rows } = await pool.query<{ messages: string; heap: string; gin: string; key: string; conversation: string; total: string }>(`
    SELECT (SELECT count(*) FROM search_messages) AS messages,
           sum(pg_table_size(p.relid)) AS heap,
           sum((SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i JOIN pg_am a ON a.oid = (SELECT relam FROM pg_class WHERE oid = i.indexrelid) WHERE i.indrelid = p.relid AND a.amname = 'gin')) AS gin,
           sum((SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i WHERE i.indrelid = p.relid AND i.indisprimary)) AS key,
           sum((SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i JOIN pg_am a ON a.oid = (SELECT relam FROM pg_class WHERE oid = i.indexrelid) WHERE i.indrelid = p.relid AND a.amname = 'btree' AND NOT i.indisprimary)) AS conversation,
           sum(pg_total_relation_size(p.relid)) AS total
      FROM pg_partition_tree('search_messages') p WHERE p.isleaf`);
  const row = rows[0]!;
  const messages = Number(row.messages);
  const perMillion = (bytes: number) => (messages > 0 ? Math.round((bytes * 1_000_000) / messages) : 0);
  return {
    messages,
    heapBytes: Number(row.heap),
    ginBytes: Number(row.gin),
    keyBytes: Number(row.key),
    conversationIndexBytes: Number(row.conversation),
    totalBytes: Number(row.total),
    totalBytesPerMillion: perMillion(Number(row.total)),
    ginBytesPerMillion: perMillion(Number(row.gin)),
  };
}

export async function ensureCorpus(options: {
  adminUrl: string;
  database: string;
  parameters: CorpusParameters;
  logger: Logger;
  log: (text: string) => void;
}): Promise<{ url: string; summary: CorpusSummary; reused: boolean; drop(): Promise<void> }> {
  const { database, parameters, logger, log } = options;
  const key = corpusKey(parameters);
  const url = (() => {
    const parsed = new URL(options.adminUrl);
    parsed.pathname = `/${database}`;
    return parsed.toString();
  })();
  const admin = createPgPool({ url: options.adminUrl, logger, max: 1, applicationName: 'smartchat-bench-search' });
  const drop = async () => {
    const pool = createPgPool({ url: options.adminUrl, logger, max: 1, applicationName: 'smartchat-bench-search' });
    await pool.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).finally(() => pool.end());
  };
  try {
    const existing = await admin.query<{ comment: string | null }>('SELECT shobj_description(oid, $2) AS comment FROM pg_database WHERE datname = $1', [database, 'pg_database']);
    const comment = existing.rows[0]?.comment;
    if (comment) {
      const stored = JSON.parse(comment) as CorpusSummary;
      if (stored.key === key) {
        log(`search corpus: reusing ${database} (${stored.sizes.messages.toLocaleString('en')} messages, generated ${stored.generatedAt} in ${stored.generationS} s)`);
        return { url, summary: stored, reused: true, drop };
      }
      log(`search corpus: ${database} was generated with another key; generating again`);
    }
    log(`search corpus: generating ${database}: ${parameters.conversations.toLocaleString('en')} conversations (about ${(parameters.conversations * 20).toLocaleString('en')} messages), ${parameters.since.toISOString()} to ${parameters.until.toISOString()}`);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }

  const startedAt = Date.now();
  const pool = createPgPool({ url, logger, max: WORKERS + 1, applicationName: 'smartchat-bench-search-corpus' });
  const steps: CorpusSummary['steps'] = [];
  const timed = async (name: string, work: () => Promise<unknown>) => {
    const at = Date.now();
    await work();
    const seconds = Math.round((Date.now() - at) / 100) / 10;
    steps.push({ step: name, seconds });
    log(`search corpus: ${name} in ${seconds} s`);
  };
  try {
    await timed('migrations', () => migratePostgres(pool, schemaDir.postgres, logger));
    for (const step of readSteps(readFileSync(SQL_FILE, 'utf8'))) {
      if (step.name !== 'messages') {
        await timed(step.name, () => run(pool, `${settings(parameters)}\n${step.sql}`));
        continue;
      }
      const chunks: [number, number][] = [];
      for (let first = 1; first <= parameters.conversations; first += CHUNK) chunks.push([first, Math.min(parameters.conversations, first + CHUNK - 1)]);
      let done = 0;
      await timed('messages', () =>
        inParallel(chunks, WORKERS, async ([first, last]) => {
          await run(pool, `${settings(parameters, { chunk_first: first, chunk_last: last })}\n${step.sql}`);
          done += 1;
          log(`search corpus: messages of conversations ${first}-${last} (${done}/${chunks.length} chunks, ${Math.round((Date.now() - startedAt) / 1000)} s)`);
        }),
      );
    }
    // The indexes the migration defines, partition by partition, attached to the partitioned ones.
    const { rows: partitions } = await pool.query<{ name: string }>(`SELECT relid::regclass::text AS name FROM pg_partition_tree('search_messages') WHERE isleaf ORDER BY 1`);
    await timed('indexes', async () => {
      await pool.query('CREATE INDEX search_messages_tsv ON ONLY search_messages USING gin (tsv)');
      await pool.query('CREATE INDEX search_messages_conversation ON ONLY search_messages (conversation_id, created_at)');
      const builds = partitions.flatMap(({ name }) => [
        { index: `${name}_tsv_idx`, parent: 'search_messages_tsv', sql: `CREATE INDEX ${name}_tsv_idx ON ${name} USING gin (tsv)` },
        { index: `${name}_conversation_idx`, parent: 'search_messages_conversation', sql: `CREATE INDEX ${name}_conversation_idx ON ${name} (conversation_id, created_at)` },
      ]);
      let built = 0;
      await inParallel(builds, WORKERS, async (build) => {
        await run(pool, build.sql);
        await pool.query(`ALTER INDEX ${build.parent} ATTACH PARTITION ${build.index}`);
        built += 1;
        if (built % 4 === 0 || built === builds.length) log(`search corpus: ${built}/${builds.length} partition indexes built (${Math.round((Date.now() - startedAt) / 1000)} s)`);
      });
    });
    // Alone: VACUUM cannot run in the implicit transaction of a multi-statement query.
    await timed('vacuum analyze', () => pool.query('VACUUM (ANALYZE)'));
    const counts = await pool.query<{ conversations: string; customers: string }>('SELECT (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM customers) AS customers');
    const summary: CorpusSummary = {
      database,
      key,
      parameters: { conversations: parameters.conversations, since: parameters.since.toISOString(), until: parameters.until.toISOString() },
      generatedAt: new Date().toISOString(),
      generationS: Math.round((Date.now() - startedAt) / 1000),
      steps,
      sizes: await measureSizes(pool),
      conversations: Number(counts.rows[0]!.conversations),
      customers: Number(counts.rows[0]!.customers),
    };
    await pool.query(`COMMENT ON DATABASE ${database} IS '${JSON.stringify(summary).replace(/'/g, "''")}'`);
    return { url, summary, reused: false, drop };
  } finally {
    await pool.end();
  }
}
