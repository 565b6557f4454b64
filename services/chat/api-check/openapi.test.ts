// The OpenAPI document tells the truth. schemathesis (installed by scripts/api-check.sh, which
// runs this file) generates requests from a real chat process's /v1/openapi.json, ones the document
// allows and ones it does not, as an agent, as a customer and as the back-office, and fails on any
// answer the document does not declare for that request: a 5xx, an undocumented status, a body or
// header off its schema, an allowed request refused as malformed or a malformed one accepted, a
// method the path does not take answered with anything but 405. Fixed seed, bounded examples, no
// stateful phase: the same requests every run.
import { TestResources } from '@smartchat/platform/testing';
import { repoRoot } from '@smartchat/platform';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBackofficeToken } from '../src/auth/tokens.js';
import { API_TYPES_FILE, CLIENT_TYPES_FILE, generateApiTypes, generateClientTypes, integrationDocument } from './api-types.js';
import { startChatCluster, type ChatCluster, type ChatNode } from '../test/support/cluster.js';
import { createTestStatsDatabase } from '@smartchat/stats';

const CONFIG = fileURLToPath(new URL('schemathesis.toml', import.meta.url));
const SEED = '20261';
const MAX_EXAMPLES = '30';
/**
 * Operations that may end the session they are called with (changing an agent ends its sessions
 * when it is disabled or demoted, and schemathesis reuses ids it has seen, the caller's among
 * them): they run after the others, with a token of their own, so that the rest run signed in.
 */
/**
 * The routes only an integration calls: with an agent's or a customer's token they answer 401 and
 * nothing else, so they are checked with the integration's own credentials. POST
 * /v1/integrations/events needs a signature over each body, which no generated request can carry:
 * services/chat/test/integrations.test.ts checks it (every refusal, every event type).
 */
const INTEGRATION_ONLY = '^/v1/(backoffice/|integrations/events$)';
const SESSION_ENDING = ['POST /v1/auth/logout', 'POST /v1/auth/logout-everywhere', 'POST /v1/auth/password', 'PATCH /v1/agents/{id}'];
const only = (names: string[]) => names.flatMap((name) => ['--include-name', name]);
const except = (names: string[]) => names.flatMap((name) => ['--exclude-name', name]);

interface Run {
  code: number | null;
  output: string;
}

/** Runs schemathesis; its whole output goes to var/test-results/schemathesis-<name>.txt. */
async function schemathesis(name: string, node: ChatNode, token: string, filter: string[]): Promise<Run> {
  const bin = process.env.SMARTCHAT_SCHEMATHESIS;
  if (!bin) throw new Error('SMARTCHAT_SCHEMATHESIS is not set: run scripts/api-check.sh');
  const args = [
    '--config-file', CONFIG,
    'run', `${node.url}/v1/openapi.json`,
    '--checks', 'all',
    '--phases', 'examples,coverage,fuzzing',
    '--seed', SEED,
    '--max-examples', MAX_EXAMPLES,
    '--workers', '1',
    '--generation-database', 'none',
    '--no-color',
    '-H', `Authorization: Bearer ${token}`,
    ...filter,
  ];
  // schemathesis keeps a cache (.schemathesis/) in its working directory: var/, outside git.
  const workDir = join(repoRoot, 'var/schemathesis');
  await mkdir(workDir, { recursive: true });
  const run = await new Promise<Run>((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: workDir });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
  const results = join(repoRoot, 'var/test-results');
  await mkdir(results, { recursive: true });
  await writeFile(join(results, `schemathesis-${name}.txt`), run.output.replace(/Bearer [A-Za-z0-9._-]+/g, 'Bearer [token]'));
  return run;
}

/** The run's findings, for the failure message: the summary's failure and error lines, or its end. */
function findings(run: Run): string {
  const summary = run.output.slice(run.output.lastIndexOf('SUMMARY'));
  const lines = summary.split('\n').filter((line) => /❌|🚫|⚠️|failures?|errors?/i.test(line));
  return `schemathesis exit ${run.code} (the whole output is in var/test-results/)\n${lines.join('\n') || run.output.slice(-3000)}`;
}

describe('the OpenAPI document', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let document: string;
  const agentToken = async () => {
    const admin = await cluster.createAgent('Schema Admin', { role: 'super-admin' });
    return cluster.login(node, admin.email, admin.password);
  };

  afterAll(() => resources.cleanup());
  beforeAll(async () => {
    // A migrated, empty statistics database (read-only role): the statistics routes answer with
    // n 0 and are checked like every other route, instead of answering 503.
    const stats = await createTestStatsDatabase(resources);
    cluster = await startChatCluster(resources, 1, {
      SMARTCHAT_STATS_PG_URL: stats.readerUrl,
      // schemathesis sends a few thousand requests a minute, failed sign-ins among them.
      SMARTCHAT_RATE_LIMIT_PER_MINUTE: '1000000',
      SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS: '1000',
      SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ACCOUNT: '10000',
      SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ADDRESS: '100000',
      SMARTCHAT_LOG_LEVEL: 'error',
    });
    node = cluster.nodes[0]!;
    document = await (await fetch(`${node.url}/v1/openapi.json`)).text();
    await mkdir(join(repoRoot, 'var/test-results'), { recursive: true });
    await writeFile(join(repoRoot, 'var/test-results/openapi.json'), document);
  });

  it('generates the REST types the kit has (frontend/kit/src/generated/api.ts)', async () => {
    const generated = await generateApiTypes(JSON.parse(document));
    if (process.env.SMARTCHAT_WRITE_API_TYPES === '1') await writeFile(API_TYPES_FILE, generated);
    const committed = await readFile(API_TYPES_FILE, 'utf8').catch(() => '');
    expect(committed === generated, 'the committed REST types differ from what /v1/openapi.json generates: run scripts/api-check.sh --write-types').toBe(true);
  });

  it("generates the back-office client's types (services/client/src/generated/api.ts)", async () => {
    const generated = await generateClientTypes(JSON.parse(document));
    if (process.env.SMARTCHAT_WRITE_API_TYPES === '1') await writeFile(CLIENT_TYPES_FILE, generated);
    const committed = await readFile(CLIENT_TYPES_FILE, 'utf8').catch(() => '');
    expect(committed === generated, "the committed client types differ from what /v1/openapi.json generates: run scripts/api-check.sh --write-types").toBe(true);
    expect(Object.keys((integrationDocument(JSON.parse(document)) as { paths: object }).paths).sort()).toEqual(['/v1/backoffice/conversations/internal', '/v1/backoffice/signals', '/v1/integrations/events']);
  });

  it('holds for an agent (a super-admin)', async () => {
    const run = await schemathesis('agent', node, await agentToken(), [...except(SESSION_ENDING), '--exclude-path-regex', INTEGRATION_ONLY]);
    expect(run.code, findings(run)).toBe(0);
  });

  it('holds for a customer', async () => {
    const run = await schemathesis('customer', node, await cluster.customerToken('schema-customer', 'Schema Customer', 3600), ['--exclude-path-regex', INTEGRATION_ONLY]);
    expect(run.code, findings(run)).toBe(0);
  });

  it('holds for the back-office', async () => {
    const token = await signBackofficeToken(cluster.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!, 'schema-check', 3600);
    const run = await schemathesis('backoffice', node, token, ['--include-path-regex', '^/v1/backoffice/']);
    expect(run.code, findings(run)).toBe(0);
  });

  it("holds for the back-office with an integration's API key", async () => {
    const admin = await agentToken();
    const call = async <T>(path: string, body: unknown): Promise<T> => {
      const response = await fetch(`${node.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(201);
      return (await response.json()) as T;
    };
    const { integration } = await call<{ integration: { id: string } }>('/v1/integrations', { name: 'Schema back-office' });
    const { secret } = await call<{ secret: string }>(`/v1/integrations/${integration.id}/keys`, { name: 'schema', scopes: ['conversations.internal', 'customers.signals'] });
    const run = await schemathesis('integration', node, secret, ['--include-path-regex', '^/v1/backoffice/']);
    expect(run.code, findings(run)).toBe(0);
  });

  it('holds for the routes that end the session they are called with', async () => {
    const run = await schemathesis('session-ending', node, await agentToken(), only(SESSION_ENDING));
    expect(run.code, findings(run)).toBe(0);
  });
});
