// CQL migrations for ScyllaDB/Cassandra. The keyspace is created here with the statement for the
// detected backend; each file's statements (separated by ';' at the end of a line) are applied in
// order and the file is recorded in <keyspace>.schema_migrations. CQL has no transactions, so
// statements must be idempotent (IF NOT EXISTS) to make a re-run after a failure safe; schema
// changes run from one migration Job, not concurrently from every pod.
import type cassandra from 'cassandra-driver';
import { detectCqlBackend, keyspaceStatement, type CqlBackend } from '../cassandra.js';
import type { Logger } from '../logger.js';
import { assertUnchanged, readMigrationFiles } from './files.js';

export function splitCqlStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !/^\s*(--|\/\/)/.test(line))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export async function migrateCql(
  client: cassandra.Client,
  options: { keyspace: string; replicationFactor: number; dir: string; logger: Logger },
): Promise<{ backend: CqlBackend; applied: number[] }> {
  const { keyspace, logger } = options;
  const files = readMigrationFiles(options.dir, 'cql');
  const backend = await detectCqlBackend(client);
  await client.execute(keyspaceStatement(keyspace, backend, options.replicationFactor));
  await client.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.schema_migrations (
    version int PRIMARY KEY, name text, checksum text, applied_at timestamp)`);
  const done = new Map<number, string>(
    (await client.execute(`SELECT version, checksum FROM ${keyspace}.schema_migrations`)).rows.map((row) => [row.version as number, row.checksum as string]),
  );
  const applied: number[] = [];
  for (const file of files) {
    const checksum = done.get(file.version);
    if (checksum !== undefined) {
      assertUnchanged(file, checksum);
      continue;
    }
    for (const statement of splitCqlStatements(file.text)) {
      try {
        await client.execute(statement.replaceAll('{{keyspace}}', keyspace));
      } catch (error) {
        throw new Error(`cql migration ${file.label} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    await client.execute(`INSERT INTO ${keyspace}.schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, toTimestamp(now()))`, [
      file.version,
      file.name,
      file.checksum,
    ]);
    logger.info({ component: 'migrations', store: 'cql', backend, version: file.version, name: file.name }, 'applied migration');
    applied.push(file.version);
  }
  return { backend, applied };
}
