// The operator loads no database or broker driver: it imports the narrow entry points of
// @smartchat/platform (backoff, config, health, logger, metrics, ops-server), never its barrel,
// which brings every driver into a process. Checked on a real run (leading, reconciling a
// cluster), with every module the process loaded recorded (support/module-recorder.mjs); and every
// file of the repository it loaded is one that operator/Dockerfile copies into the image.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@smartchat/platform/testing';
import type { KubeClients } from '../src/runtime/kube.js';
import { clusterManifest, createConnectionSecrets, createNamespace, installCrdFromChart, kubectlOk, readCluster, repoRoot, saveLogs, startOperator, testKube, type OperatorProcess } from './support/kube.js';

/** What the narrow entry points need; every other dependency of the platform package is a driver or its helper. */
const NEEDED_BY_ENTRY_POINTS = ['pino', 'prom-client', 'zod'];

const platformManifest = JSON.parse(readFileSync(join(repoRoot, 'services/platform/package.json'), 'utf8')) as { exports: Record<string, string>; dependencies: Record<string, string> };
/** The platform's other dependencies, and the drivers the issue names whatever the manifest says now. */
const drivers = [...new Set([
  ...Object.keys(platformManifest.dependencies).filter((name) => !name.startsWith('@smartchat/') && !NEEDED_BY_ENTRY_POINTS.includes(name)),
  'pg', 'cassandra-driver', 'ioredis', 'amqplib', 'kafkajs',
])];
/** Any Kafka client, whichever package it is. */
const isDriver = (name: string) => drivers.includes(name) || /kafka/i.test(name);

/** The package a loaded file belongs to (the last node_modules segment of its path), if any. */
function packageOf(file: string): string | undefined {
  const parts = file.split(`${sep}node_modules${sep}`);
  if (parts.length < 2) return undefined;
  const [scopeOrName, name] = parts.at(-1)!.split(sep);
  return scopeOrName?.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
}

/** The repository directories operator/Dockerfile copies into the image (COPY <dir>/ <dir>/ from the build context). */
function copiedDirectories(): string[] {
  const dockerfile = readFileSync(join(repoRoot, 'operator/Dockerfile'), 'utf8');
  return [...dockerfile.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(\S+\/)\s+\S+$/gm)].map((match) => match[1]!);
}

let kube: KubeClients;
let operator: OperatorProcess | undefined;
let loaded: string[] = [];

beforeAll(async () => {
  kube = testKube();
  installCrdFromChart();
  const namespace = await createNamespace(kube, 'op-imports');
  await createConnectionSecrets(kube, namespace);
  const moduleLog = join(mkdtempSync(join(tmpdir(), 'operator-modules-')), 'modules.json');
  operator = await startOperator(namespace, {
    env: { NODE_OPTIONS: `--import=${join(repoRoot, 'operator/test/support/module-recorder.mjs')}`, SMARTCHAT_TEST_MODULE_LOG: moduleLog },
  });
  // Leading, its caches filled, and a cluster reconciled: every code path of a leader has run once.
  kubectlOk(['apply', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('imports')));
  await eventually('the cluster reconciled', async () => (await readCluster(kube, namespace, 'imports')).status?.conditions, 30_000);
  await eventually('the operator ready', async () => (await fetch(`http://127.0.0.1:${operator!.port}/readyz`)).ok, 30_000);
  await operator.stop();
  loaded = JSON.parse(readFileSync(moduleLog, 'utf8')) as string[];
});

afterAll(async () => {
  await operator?.stop();
  saveLogs('operator-light-imports', operator);
});

describe('what the operator process loads', () => {
  it('the recorder saw the process: its own entry, and the client library it talks to Kubernetes with', () => {
    expect(loaded).toContain(join(repoRoot, 'operator/src/main.ts'));
    expect(loaded.map(packageOf)).toContain('@kubernetes/client-node');
  });

  it('no database or broker driver is loaded', () => {
    const packages = new Set(loaded.map(packageOf).filter((name): name is string => name !== undefined));
    expect([...packages].filter(isDriver)).toEqual([]);
  });

  it('of @smartchat/platform only its narrow entry points are loaded, never the barrel', () => {
    const entryFiles = Object.entries(platformManifest.exports).filter(([entry]) => entry !== '.' && entry !== './testing').map(([, file]) => join(repoRoot, 'services/platform', file));
    const platformFiles = loaded.filter((file) => file.startsWith(join(repoRoot, 'services/platform') + sep));
    expect(platformFiles.length).toBeGreaterThan(0);
    expect(platformFiles.filter((file) => !entryFiles.includes(file)).map((file) => relative(repoRoot, file))).toEqual([]);
  });

  it('every file of the repository it loads is in the image (operator/Dockerfile copies its directory)', () => {
    const copied = copiedDirectories();
    expect(copied).toContain('operator/');
    const own = loaded.filter((file) => file.startsWith(repoRoot + sep) && packageOf(file) === undefined).map((file) => relative(repoRoot, file));
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((file) => !copied.some((directory) => file.startsWith(directory)))).toEqual([]);
  });
});

describe('the barrel of @smartchat/platform (what chat and balancer import)', () => {
  it('still exports everything the narrow entry points do, as the same objects', async () => {
    const barrel = (await import('@smartchat/platform')) as Record<string, unknown>;
    const entries = {
      backoff: await import('@smartchat/platform/backoff'),
      config: await import('@smartchat/platform/config'),
      health: await import('@smartchat/platform/health'),
      logger: await import('@smartchat/platform/logger'),
      metrics: await import('@smartchat/platform/metrics'),
      'ops-server': await import('@smartchat/platform/ops-server'),
    };
    const narrow = Object.keys(platformManifest.exports).filter((entry) => entry !== '.' && entry !== './testing').map((entry) => entry.slice(2)).sort();
    expect(Object.keys(entries).sort()).toEqual(narrow);
    for (const [entry, module] of Object.entries(entries)) {
      for (const [name, value] of Object.entries(module)) expect(barrel[name], `${entry}: ${name}`).toBe(value);
    }
  });
});
