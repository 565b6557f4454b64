import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCqlBackend, keyspaceStatement } from '../src/cassandra.js';
import { migrateCql, splitCqlStatements } from '../src/migrations/cql.js';
import { isolatedResources } from '../src/testing/index.js';

describe('CQL keyspace statement by backend', () => {
  it('switches tablets off on ScyllaDB and leaves the option out on Cassandra', () => {
    expect(keyspaceStatement('smartchat', 'scylla', 3)).toBe(
      "CREATE KEYSPACE IF NOT EXISTS smartchat WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 3} AND durable_writes = true AND tablets = {'enabled': false}",
    );
    expect(keyspaceStatement('smartchat', 'cassandra', 1)).not.toContain('tablets');
    expect(() => keyspaceStatement('drop keyspace x; --', 'cassandra', 1)).toThrow(/invalid keyspace name/);
  });

  it('splits migration files into statements, ignoring comments', () => {
    expect(splitCqlStatements("-- a comment\nCREATE TABLE a (id int PRIMARY KEY);\n\nINSERT INTO a (id) VALUES (1);\n")).toEqual([
      'CREATE TABLE a (id int PRIMARY KEY)',
      'INSERT INTO a (id) VALUES (1)',
    ]);
  });
});

describe('cassandra through the platform client', () => {
  it('detects the local backend as Cassandra', async () => {
    const client = await isolatedResources().cqlClient();
    expect(await detectCqlBackend(client)).toBe('cassandra');
  });

  it('creates the keyspace, applies CQL migrations once, then writes and reads a partition in order', async () => {
    const resources = isolatedResources();
    const admin = await resources.cqlClient();
    const keyspace = `${resources.id}_ks`;
    resources.defer('drop keyspace', () => admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`));
    const dir = mkdtempSync(join(tmpdir(), 'sc-cql-migrations-'));
    resources.defer(`remove ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, '0001_messages.cql'),
      `CREATE TABLE IF NOT EXISTS {{keyspace}}.messages (
         conversation_id uuid, bucket int, id timeuuid, body text,
         PRIMARY KEY ((conversation_id, bucket), id)
       ) WITH CLUSTERING ORDER BY (id DESC);\n`,
    );
    const first = await migrateCql(admin, { keyspace, replicationFactor: 1, dir, logger: resources.logger });
    expect(first).toEqual({ backend: 'cassandra', applied: [1] });
    expect((await migrateCql(admin, { keyspace, replicationFactor: 1, dir, logger: resources.logger })).applied).toEqual([]);

    const { types } = await import('cassandra-driver');
    const conversation = types.Uuid.random();
    const ids = [0, 1, 2].map((offset) => types.TimeUuid.fromDate(new Date(Date.UTC(2026, 10, 24, 12, 0, offset))));
    for (const [index, id] of ids.entries()) {
      await admin.execute(`INSERT INTO ${keyspace}.messages (conversation_id, bucket, id, body) VALUES (?, ?, ?, ?)`, [conversation, 202611, id, `сообщение ${index}`]);
    }
    const result = await admin.execute(`SELECT body FROM ${keyspace}.messages WHERE conversation_id = ? AND bucket = ?`, [conversation, 202611]);
    expect(result.rows.map((row) => row.body)).toEqual(['сообщение 2', 'сообщение 1', 'сообщение 0']);
  });

  it('gives each test a keyspace of its own', async () => {
    const resources = isolatedResources();
    const first = await resources.keyspace();
    const second = await resources.keyspace();
    expect(first.keyspace).not.toBe(second.keyspace);
    await first.client.execute('CREATE TABLE kv (k text PRIMARY KEY, v text)');
    await first.client.execute("INSERT INTO kv (k, v) VALUES ('a', 'only in the first')");
    await second.client.execute('CREATE TABLE kv (k text PRIMARY KEY, v text)');
    expect((await second.client.execute("SELECT v FROM kv WHERE k = 'a'")).rowLength).toBe(0);
    expect((await first.client.execute("SELECT v FROM kv WHERE k = 'a'")).first().v).toBe('only in the first');
  });
});
