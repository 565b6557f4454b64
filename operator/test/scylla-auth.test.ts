// Authentication of the managed ScyllaDB: the SHA-512-crypt hash its first superuser is created
// from, the flags that make it require logins, the way that hash survives the image's entrypoint,
// and the Job that creates the app's role, whose script is run for real (sh, awk, sed) against a
// stand-in cqlsh that keeps Scylla's roles in a file.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KubernetesObject, V1Container, V1Job, V1Secret, V1StatefulSet } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { LABEL_CLUSTER, LABEL_COMPONENT } from '../src/desired/meta.js';
import { SCYLLA_AUTH_SCRIPT } from '../src/desired/stores/scylla-auth.js';
import { type ScyllaCredentials, scyllaAuthJob, scyllaObjects, scyllaSaltedPassword } from '../src/desired/stores/index.js';
import { randomCryptSalt, sha512Crypt } from '../src/desired/stores/sha-crypt.js';
import { clusterFixture } from './fixtures.js';

const credentials: ScyllaCredentials = {
  username: 'smartchat',
  password: 'cql-app-Pa55word-0123456789',
  superuserName: 'smartchat_admin',
  superuserPassword: 'cql-super-Pa55word-0123456789',
  superuserSaltedPassword: scyllaSaltedPassword('cql-super-Pa55word-0123456789', 'saltsaltsaltsalt'),
};
const cluster = clusterFixture();
const managed = cluster.spec.scylla.managed!;
const objects = scyllaObjects(cluster, credentials);
const find = <T extends KubernetesObject>(kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata?.name === name) as T;
const statefulSet = find<V1StatefulSet>('StatefulSet', 'desk-scylla');
const scylla: V1Container = statefulSet.spec!.template.spec!.containers[0]!;
const secrets = [credentials.password, credentials.superuserPassword, credentials.superuserSaltedPassword, 'saltsaltsaltsalt'];

describe('SHA-512-crypt', () => {
  it.each([
    // The scheme's own example, and hashes that Scylla's and its drivers' test suites configure.
    ['Hello world!', 'saltstring', '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
    ['cassandra', 'x7IFjiX5VCpvNiFk', '$6$x7IFjiX5VCpvNiFk$2IfjTvSyGL7zerpV.wbY7mJjaRCrJ/68dtT3UpT.sSmNYz1bPjtn3mH.kJKFvaZ2T4SbVeBijjmwGjcb83LlV/'],
    ['cassandra', 'java-driver-test', '$6$java-driver-test$2JXL/pXZTuamSsYNH/kE9UUSQETMmKIcdP8Xgdu/fiHsTHSN.EhjmLrMHPVuQ3.4w0h8CDsP/f1trG0kujylG0'],
  ])('%s with salt %s', (password, salt, hash) => {
    expect(sha512Crypt(password, salt)).toBe(hash);
  });

  it.each([
    ['an empty password', ''],
    ['a generated one', 'q4Lr0Zm2b7cN1vXx8sT3uWyA5dEfGhJkPqRsTuVwXyZ'],
    ['one longer than a digest, with non-ASCII', `${'пароль-'.repeat(20)}!`],
  ])("agrees with the C library's crypt(3) for %s", (_description, password) => {
    const salt = randomCryptSalt();
    expect(salt).toMatch(/^[./0-9A-Za-z]{16}$/);
    // perl's crypt is the C library's (what mkpasswd and Scylla use); openssl passwd would cut passwords at 256 bytes.
    expect(sha512Crypt(password, salt)).toBe(execFileSync('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, `$6$${salt}`], { encoding: 'utf8' }));
  });

  it('a new salt every time, so two clusters with the same password get different hashes', () => {
    expect(sha512Crypt('same')).not.toBe(sha512Crypt('same'));
  });
});

describe('managed ScyllaDB requires a login', () => {
  it('runs with PasswordAuthenticator and CassandraAuthorizer, its first superuser taken from the Secret', () => {
    expect(scylla.args).toEqual(expect.arrayContaining([
      '--authenticator=PasswordAuthenticator',
      '--authorizer=CassandraAuthorizer',
      '--auth-superuser-name=$(SCYLLA_SUPERUSER_NAME)',
      '--auth-superuser-salted-password=$(SCYLLA_SUPERUSER_SALTED_PASSWORD)',
    ]));
    const env = Object.fromEntries((scylla.env ?? []).map((variable) => [variable.name, variable.valueFrom?.secretKeyRef]));
    expect(env.SCYLLA_SUPERUSER_NAME).toEqual({ name: 'desk-scylla-credentials', key: 'superuser-username' });
    expect(env.SCYLLA_SUPERUSER_SALTED_PASSWORD).toEqual({ name: 'desk-scylla-credentials', key: 'superuser-salted-password' });
  });

  it('the Secret desk-scylla-credentials holds the credentials; no other object holds any of them', () => {
    expect(find<V1Secret>('Secret', 'desk-scylla-credentials').stringData).toEqual({
      username: 'smartchat',
      password: credentials.password,
      'superuser-username': 'smartchat_admin',
      'superuser-password': credentials.superuserPassword,
      'superuser-salted-password': credentials.superuserSaltedPassword,
    });
    for (const object of [...objects.filter((item) => item.kind !== 'Secret'), scyllaAuthJob(cluster, managed, credentials)]) {
      for (const secret of secrets) expect(JSON.stringify(object), `${object.kind}/${object.metadata?.name}`).not.toContain(secret);
    }
  });

  // What happens to the argument on its way to scylla: Kubernetes expands $(VAR); the image's
  // docker-entrypoint.py writes its extra arguments into /etc/scylla.d/docker.conf as
  // SCYLLA_DOCKER_ARGS="..."; the start script (bash) sources that file and runs
  // scylla ... $SCYLLA_DOCKER_ARGS. The hash must come out of that as it went in.
  it('the salted password reaches scylla intact through the image entrypoint and start script', () => {
    const secret = find<V1Secret>('Secret', 'desk-scylla-credentials').stringData!;
    const fromSecret = Object.fromEntries((scylla.env ?? []).filter((variable) => variable.valueFrom?.secretKeyRef).map((variable) => [variable.name, secret[variable.valueFrom!.secretKeyRef!.key]!]));
    const expand = (arg: string) => arg.replace(/\$\(([A-Z_]+)\)/g, (whole, name: string) => fromSecret[name] ?? whole);
    const scyllaArgv = (args: string[]) => {
      const dir = mkdtempSync(join(tmpdir(), 'scylla-docker-conf-'));
      try {
        writeFileSync(join(dir, 'docker.conf'), `SCYLLA_DOCKER_ARGS="${args.join(' ')}"\n`);
        return execFileSync('bash', ['-c', '. "$1/docker.conf"; printf "%s\\n" $SCYLLA_DOCKER_ARGS', 'start', dir], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } }).trim().split('\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const argv = scyllaArgv(scylla.args!.map(expand));
    const hash = sha512Crypt(credentials.superuserPassword, 'saltsaltsaltsalt');
    expect(argv).toContain(`--auth-superuser-salted-password=${hash}`);
    expect(argv).toContain('--auth-superuser-name=smartchat_admin');
    // Without the escaping the shell would have eaten it.
    expect(scyllaArgv([`--auth-superuser-salted-password=${hash}`])).not.toContain(`--auth-superuser-salted-password=${hash}`);
  });
});

describe('the Scylla authentication Job', () => {
  const job = scyllaAuthJob(cluster, managed, credentials);
  const pod = job.spec!.template.spec!;
  const container = pod.containers[0]!;

  it('runs the script with cqlsh from the Scylla image, as this cluster\'s scylla-auth component', () => {
    expect(job.metadata.name).toMatch(/^desk-scylla-auth-[0-9a-f]{10}$/);
    expect(container.image).toBe('docker.io/scylladb/scylla:6.2.3');
    expect(container.command).toEqual(['sh', '-c', SCYLLA_AUTH_SCRIPT]);
    expect(job.spec!.template.metadata!.labels).toMatchObject({ [LABEL_CLUSTER]: 'desk', [LABEL_COMPONENT]: 'scylla-auth', 'app.kubernetes.io/instance': 'desk' });
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  });

  it('reads every credential from the Secret, none from the manifest', () => {
    const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value ?? variable.valueFrom?.secretKeyRef]));
    expect(env).toEqual({
      SCYLLA_HOST: 'desk-scylla.shop.svc',
      SCYLLA_PORT: '9042',
      SCYLLA_KEYSPACE: 'smartchat',
      HOME: '/tmp',
      SCYLLA_USERNAME: { name: 'desk-scylla-credentials', key: 'username' },
      SCYLLA_PASSWORD: { name: 'desk-scylla-credentials', key: 'password' },
      SCYLLA_SUPERUSER_NAME: { name: 'desk-scylla-credentials', key: 'superuser-username' },
      SCYLLA_SUPERUSER_PASSWORD: { name: 'desk-scylla-credentials', key: 'superuser-password' },
    });
  });

  it.each([
    ['a changed app password', { ...credentials, password: 'rotated' }, false],
    ['a changed superuser password', { ...credentials, superuserPassword: 'rotated' }, false],
    ['the same credentials', { ...credentials }, true],
  ] as const)('%s: the Job name %s', (_description, changed, same) => {
    expect(scyllaAuthJob(cluster, managed, changed).metadata.name === job.metadata.name).toBe(same);
  });

  it('a new Scylla image runs it again; the longest cluster name still fits', () => {
    const newer = clusterFixture({ spec: { scylla: { managed: { version: '6.2.4' } } } });
    expect(scyllaAuthJob(newer, newer.spec.scylla.managed!, credentials).metadata.name).not.toBe(job.metadata.name);
    const longest = clusterFixture({ metadata: { name: 'a'.repeat(40) } });
    expect(scyllaAuthJob(longest, managed, credentials).metadata.name.length).toBeLessThanOrEqual(63);
  });
});

interface FakeRole {
  password: string;
  login: boolean;
  superuser: boolean;
}
interface FakeScylla {
  roles: Record<string, FakeRole>;
  keyspaces: string[];
  grants: string[];
  calls: { user: string; statement: string }[];
  /** Connection attempts refused before the node answers. */
  unavailable: number;
  /** Statements refused with an error that repeats them (as a syntax error would). */
  refuse?: string;
}

// A stand-in for cqlsh: authenticates against the roles in $FAKE_SCYLLA and carries out the
// statements the script sends (only those), the way Scylla would, including its errors.
const FAKE_CQLSH = String.raw`#!/usr/bin/env node
const fs = require('fs');
const file = process.env.FAKE_SCYLLA;
const state = JSON.parse(fs.readFileSync(file, 'utf8'));
const args = process.argv.slice(2);
const option = (flag) => args[args.indexOf(flag) + 1];
const user = option('-u'), password = option('-p'), statement = option('-e');
if (args[0] !== process.env.SCYLLA_HOST || args[1] !== '9042') throw new Error('unexpected host ' + args.slice(0, 2));
const save = () => fs.writeFileSync(file, JSON.stringify(state));
const fail = (message) => { save(); process.stderr.write(message + '\n'); process.exit(2); };
state.calls.push({ user, statement });
if (state.unavailable > 0) { state.unavailable -= 1; fail("Connection error: ('Unable to connect to any servers', {'10.0.0.7:9042': ConnectionRefusedError(111, 'Connection refused')})"); }
const role = state.roles[user];
if (!role || !role.login || role.password !== password) fail("Connection error: ('Unable to connect to any servers', {'10.0.0.7:9042': AuthenticationFailed('Failed to authenticate to 10.0.0.7:9042: Error from server: code=0100 [Bad credentials] message=\"Username and/or password are incorrect\"')})");
if (state.refuse && statement.startsWith(state.refuse)) fail("<stdin>:1:SyntaxException: line 1:30 mismatched input in '" + statement + "'");
const literal = "'((?:[^']|'')*)'";
const unquote = (text) => text.replace(/''/g, "'");
let match;
if (statement === 'SELECT release_version FROM system.local') { process.stdout.write('\n release_version\n-----------------\n           6.2.3\n'); save(); process.exit(0); }
if (!role.superuser) fail('Unauthorized: only superusers can do that');
if ((match = new RegExp('^CREATE ROLE IF NOT EXISTS ' + literal + ' WITH (SUPERUSER = true AND )?LOGIN = true AND PASSWORD = ' + literal + '$').exec(statement))) {
  const name = unquote(match[1]);
  if (!state.roles[name]) state.roles[name] = { password: unquote(match[3]), login: true, superuser: Boolean(match[2]) };
} else if ((match = new RegExp('^ALTER ROLE ' + literal + ' WITH LOGIN = true AND PASSWORD = ' + literal + '$').exec(statement))) {
  const name = unquote(match[1]);
  if (!state.roles[name]) fail('InvalidRequest: role ' + name + " doesn't exist");
  state.roles[name].password = unquote(match[2]);
  state.roles[name].login = true;
} else if ((match = new RegExp('^GRANT CREATE ON ALL KEYSPACES TO ' + literal + '$').exec(statement))) {
  state.grants.push('CREATE ON ALL KEYSPACES TO ' + unquote(match[1]));
} else if ((match = new RegExp('^GRANT ALL PERMISSIONS ON KEYSPACE ([a-z_]+) TO ' + literal + '$').exec(statement))) {
  if (!state.keyspaces.includes(match[1])) fail('InvalidRequest: Error from server: code=2200 [Invalid query] message="Resource <keyspace ' + match[1] + "> doesn't exist\"");
  state.grants.push('ALL ON KEYSPACE ' + match[1] + ' TO ' + unquote(match[2]));
} else if ((match = new RegExp('^DROP ROLE IF EXISTS ' + literal + '$').exec(statement))) {
  delete state.roles[unquote(match[1])];
} else {
  fail('SyntaxException: no viable alternative at input ' + JSON.stringify(statement));
}
save();
`;

describe('the authentication script, against a stand-in cqlsh', () => {
  const bin = mkdtempSync(join(tmpdir(), 'scylla-auth-'));
  writeFileSync(join(bin, 'cqlsh'), FAKE_CQLSH);
  // The script waits 5 s between attempts; here it need not.
  writeFileSync(join(bin, 'sleep'), '#!/bin/sh\nexit 0\n');
  for (const tool of ['cqlsh', 'sleep']) chmodSync(join(bin, tool), 0o755);
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  const superuser = (password = credentials.superuserPassword): FakeRole => ({ password, login: true, superuser: true });
  function run(state: Partial<FakeScylla>, login: Partial<ScyllaCredentials> = {}) {
    const file = join(bin, `state-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ roles: {}, keyspaces: [], grants: [], calls: [], unavailable: 0, ...state }));
    const use = { ...credentials, ...login };
    const result = spawnSync('sh', ['-c', SCYLLA_AUTH_SCRIPT], {
      encoding: 'utf8',
      env: {
        PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
        FAKE_SCYLLA: file,
        SCYLLA_HOST: 'desk-scylla.shop.svc',
        SCYLLA_PORT: '9042',
        SCYLLA_KEYSPACE: 'smartchat',
        SCYLLA_USERNAME: use.username,
        SCYLLA_PASSWORD: use.password,
        SCYLLA_SUPERUSER_NAME: use.superuserName,
        SCYLLA_SUPERUSER_PASSWORD: use.superuserPassword,
      },
    });
    const log = `${result.stdout}${result.stderr}`;
    return { status: result.status, log, scylla: JSON.parse(readFileSync(file, 'utf8')) as FakeScylla };
  }
  const expectNoPasswordIn = (log: string, ...passwords: string[]) => {
    for (const password of [credentials.password, credentials.superuserPassword, ...passwords]) expect(log).not.toContain(password);
  };

  it('a fresh cluster (Scylla created the superuser from the flags): the app role, its permission to create the keyspace, no default superuser', () => {
    const { status, log, scylla } = run({ roles: { smartchat_admin: superuser() } });
    expect(status, log).toBe(0);
    expect(scylla.roles.smartchat).toEqual({ password: credentials.password, login: true, superuser: false });
    expect(scylla.grants).toEqual(['CREATE ON ALL KEYSPACES TO smartchat']);
    expect(Object.keys(scylla.roles).sort()).toEqual(['smartchat', 'smartchat_admin']);
    expect(scylla.calls.every((call) => call.user === 'smartchat_admin')).toBe(true);
    expect(log).toContain('the keyspace smartchat does not exist yet');
    expectNoPasswordIn(log);
  });

  it('run again after the keyspace exists and the password changed in the Secret: the new password, every permission on the keyspace', () => {
    const { status, log, scylla } = run({ roles: { smartchat_admin: superuser(), smartchat: { password: 'old', login: true, superuser: false } }, keyspaces: ['smartchat'] }, { password: "new-Pa55word-with-'quote'" });
    expect(status, log).toBe(0);
    expect(scylla.roles.smartchat!.password).toBe("new-Pa55word-with-'quote'");
    expect(scylla.grants).toEqual(['CREATE ON ALL KEYSPACES TO smartchat', 'ALL ON KEYSPACE smartchat TO smartchat']);
    expectNoPasswordIn(log, "new-Pa55word-with-'quote'");
  });

  it('a Scylla that created only its default cassandra/cassandra: the superuser is made through it, then cassandra is dropped', () => {
    const { status, log, scylla } = run({ roles: { cassandra: superuser('cassandra') } });
    expect(status, log).toBe(0);
    expect(scylla.roles).toEqual({ smartchat_admin: superuser(), smartchat: { password: credentials.password, login: true, superuser: false } });
    expect(log).toContain('created the superuser smartchat_admin through the default superuser cassandra');
    expectNoPasswordIn(log);
  });

  it('waits while Scylla does not answer yet, then carries on', () => {
    const { status, log, scylla } = run({ roles: { smartchat_admin: superuser() }, unavailable: 4 });
    expect(status, log).toBe(0);
    expect(log).toContain('waiting for Scylla to accept the superuser smartchat_admin (attempt 2)');
    expect(scylla.roles.smartchat?.password).toBe(credentials.password);
  });

  it('a refused statement fails the Job, and its error is logged with the passwords masked', () => {
    const { status, log } = run({ roles: { smartchat_admin: superuser(), smartchat: { password: 'old', login: true, superuser: false } }, refuse: 'ALTER ROLE' });
    expect(status).toBe(1);
    expect(log).toContain('SyntaxException');
    expect(log).toContain("PASSWORD = '***'");
    expect(log).toContain("failed as smartchat_admin: ALTER ROLE 'smartchat'");
    expectNoPasswordIn(log);
  });
});

describe('the Job objects carry no secret', () => {
  it.each([['the StatefulSet', statefulSet], ['the Job', scyllaAuthJob(cluster, managed, credentials) as V1Job]] as const)('%s', (_name, object) => {
    for (const secret of secrets) expect(JSON.stringify(object)).not.toContain(secret);
  });
});
