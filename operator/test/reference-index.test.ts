// Which Secrets a SmartchatCluster reads (every field of the spec that names one, and the
// generated ones), and the index that maps an event on a Secret back to the clusters reading it.
import { describe, expect, it } from 'vitest';
import { referencedObjects } from '../src/reconcile/references.js';
import { ReferenceIndex } from '../src/runtime/reference-index.js';
import { clusterFixture } from './fixtures.js';

const GENERATED = ['desk-app-secrets', 'desk-stats-reader', 'desk-scylla-credentials', 'desk-rabbitmq-credentials', 'desk-redis-credentials'];

describe('the Secrets a cluster reads', () => {
  it('the defaults: PostgreSQL, Kafka and the generated ones', () => {
    const references = referencedObjects(clusterFixture());
    expect(references.filter((reference) => reference.field !== 'generated')).toEqual([
      { kind: 'Secret', name: 'pg', field: 'spec.postgres.connectionSecret' },
      { kind: 'Secret', name: 'kafka', field: 'spec.kafka.connectionSecret' },
    ]);
    expect(references.filter((reference) => reference.field === 'generated').map((reference) => reference.name)).toEqual(GENERATED);
  });

  it('every spec field that names a Secret', () => {
    const cluster = clusterFixture({
      spec: {
        images: { pullSecrets: ['registry-a', 'registry-b'] },
        customerTokenSecret: { name: 'backoffice', key: 'secret' },
        keyringSecret: { name: 'mail-keyring', key: 'keys' },
        scylla: { managed: undefined, external: { endpoints: ['scylla.example:9042'], credentialsSecret: { name: 'scylla-login' } } },
        rabbitmq: { managed: undefined, external: { endpoints: ['rabbit.example:5672'], credentialsSecret: { name: 'rabbit-login' } } },
        redis: { managed: undefined, external: { endpoints: ['redis.example:6379'], credentialsSecret: { name: 'redis-login' } } },
        bootstrapAdmin: { secretRef: { name: 'first-admin' } },
        stats: { database: { connectionSecret: { name: 'stats-db', key: 'url' } } },
      },
    });
    expect(referencedObjects(cluster).filter((reference) => reference.field !== 'generated').map((reference) => `${reference.field} → ${reference.name}`)).toEqual([
      'spec.postgres.connectionSecret → pg',
      'spec.kafka.connectionSecret → kafka',
      'spec.customerTokenSecret → backoffice',
      'spec.keyringSecret → mail-keyring',
      'spec.stats.database.connectionSecret → stats-db',
      'spec.scylla.external.credentialsSecret → scylla-login',
      'spec.rabbitmq.external.credentialsSecret → rabbit-login',
      'spec.redis.external.credentialsSecret → redis-login',
      'spec.bootstrapAdmin.secretRef → first-admin',
      'spec.images.pullSecrets[0] → registry-a',
      'spec.images.pullSecrets[1] → registry-b',
    ]);
    // The generated ones stay: a store switched to external keeps its credentials Secret.
    expect(referencedObjects(cluster).filter((reference) => reference.field === 'generated').map((reference) => reference.name)).toEqual(GENERATED);
  });
});

describe('the index from a Secret to the clusters that read it', () => {
  const desk = clusterFixture();
  const help = clusterFixture({ metadata: { name: 'help' }, spec: { postgres: { connectionSecret: { name: 'pg-help' } } } });
  const elsewhere = clusterFixture({ metadata: { namespace: 'other' } });

  function indexOf(...clusters: ReturnType<typeof clusterFixture>[]): ReferenceIndex {
    const index = new ReferenceIndex();
    for (const cluster of clusters) index.set(`${cluster.metadata.namespace}/${cluster.metadata.name}`, cluster.metadata.namespace, referencedObjects(cluster));
    return index;
  }

  it('a Secret shared by two clusters names both; one read by one names it; the same name in another namespace names the cluster there', () => {
    const index = indexOf(desk, help, elsewhere);
    expect(index.clustersReferencing('Secret', 'shop', 'kafka').sort()).toEqual(['shop/desk', 'shop/help']);
    expect(index.clustersReferencing('Secret', 'shop', 'pg')).toEqual(['shop/desk']);
    expect(index.clustersReferencing('Secret', 'shop', 'pg-help')).toEqual(['shop/help']);
    expect(index.clustersReferencing('Secret', 'other', 'pg')).toEqual(['other/desk']);
    expect(index.clustersReferencing('Secret', 'shop', 'desk-redis-credentials')).toEqual(['shop/desk']);
    expect(index.clustersReferencing('Secret', 'shop', 'unrelated')).toEqual([]);
    expect(index.clustersReferencing('ConfigMap', 'shop', 'pg')).toEqual([]);
  });

  it('an update replaces what a cluster references (a renamed Secret), a delete forgets the cluster', () => {
    const index = indexOf(desk, help);
    const renamed = clusterFixture({ spec: { postgres: { connectionSecret: { name: 'pg-rotated' } } } });
    index.set('shop/desk', 'shop', referencedObjects(renamed));
    expect(index.clustersReferencing('Secret', 'shop', 'pg')).toEqual([]);
    expect(index.clustersReferencing('Secret', 'shop', 'pg-rotated')).toEqual(['shop/desk']);
    index.remove('shop/desk');
    expect(index.clustersReferencing('Secret', 'shop', 'pg-rotated')).toEqual([]);
    expect(index.clustersReferencing('Secret', 'shop', 'kafka')).toEqual(['shop/help']);
    index.remove('shop/help');
    expect(index.size).toBe(0);
  });

  it('a Secret named twice by one cluster is indexed once', () => {
    const index = new ReferenceIndex();
    index.set('shop/desk', 'shop', [{ kind: 'Secret', name: 'all-in-one' }, { kind: 'Secret', name: 'all-in-one' }]);
    expect(index.clustersReferencing('Secret', 'shop', 'all-in-one')).toEqual(['shop/desk']);
    expect(index.size).toBe(1);
  });
});
