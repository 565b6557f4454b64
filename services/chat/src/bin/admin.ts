// The `admin` role of the image: the first super-admin of a fresh installation, without SQL.
//
//   node --import tsx services/chat/src/bin/admin.ts create --role super-admin [--email E] [--name N] [--if-no-super-admin]
//
// The password comes from SMARTCHAT_ADMIN_PASSWORD (never a command-line flag: flags show in `ps`
// and shell history); without it a random one is made and printed once. Either way the new agent
// must change it at first sign-in. --email and --name default to SMARTCHAT_ADMIN_EMAIL and
// SMARTCHAT_ADMIN_NAME. With --if-no-super-admin it changes nothing and exits 0 when an enabled
// super-admin exists (the operator's bootstrap Job runs it so). Exit codes: 0 done or nothing to
// do, 1 refused or failed (the reason on stderr), 2 bad usage.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { BUILTIN_ROLES, passwordProblems } from '@smartchat/core';
import { ConfigError, createLogger, createPgPool, loadConfig, url, type PgPool } from '@smartchat/platform';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords.js';

const adminConfigSchema = z.object({
  SMARTCHAT_PG_URL: url(['postgres', 'postgresql']),
  SMARTCHAT_ADMIN_EMAIL: z.email().max(254).optional(),
  SMARTCHAT_ADMIN_NAME: z.string().trim().min(1).max(200).optional(),
  SMARTCHAT_ADMIN_PASSWORD: z.string().min(1).max(1024).optional(),
});

const USAGE = 'usage: admin.ts create --role super-admin|admin|agent [--email E] [--name N] [--if-no-super-admin]';

class Refused extends Error {}

interface CreateAdminInput {
  email: string;
  name: string;
  role: string;
  password: string | undefined;
  ifNoSuperAdmin: boolean;
}

/** Creates the agent; returns what to tell the operator (a generated password among it). */
async function createAdmin(pg: PgPool, input: CreateAdminInput): Promise<string> {
  if (input.ifNoSuperAdmin) {
    const { rows } = await pg.query(`SELECT 1 FROM agents WHERE role = 'super-admin' AND disabled_at IS NULL LIMIT 1`);
    if (rows.length > 0) return 'a super-admin exists already; nothing changed';
  }
  const generated = input.password === undefined;
  const password = input.password ?? randomBytes(18).toString('base64url');
  const problems = passwordProblems(password, { email: input.email }, 'SMARTCHAT_ADMIN_PASSWORD');
  if (problems.length > 0) throw new Refused(`the password is refused: ${problems.map((problem) => problem.message).join('; ')}`);
  const { rows: existing } = await pg.query('SELECT 1 FROM agents WHERE email = $1', [input.email]);
  // Never turns an existing account into an administrator: that would be a way around the rules.
  if (existing.length > 0) throw new Refused(`an agent with the e-mail ${input.email} exists already`);
  const { rows } = await pg.query<{ id: string }>(
    `INSERT INTO agents (email, name, role, password_hash, must_change_password) VALUES ($1, $2, $3, $4, true) RETURNING id`,
    [input.email, input.name, input.role, await hashPassword(password)],
  );
  const id = rows[0]!.id;
  await pg.query(`INSERT INTO audit_log (actor, action, target, details) VALUES ('cli:admin', 'agent.create', $1, $2)`, [`agent:${id}`, JSON.stringify({ email: input.email, role: input.role, bootstrap: true })]);
  return [
    `created ${input.role} ${input.email} (${id}); the password must be changed at first sign-in`,
    ...(generated ? [`one-time password (shown once): ${password}`] : []),
  ].join('\n');
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, 'if-no-super-admin': { type: 'boolean', default: false } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals[0] !== 'create' || positionals.length !== 1 || !values.role || !(BUILTIN_ROLES as readonly string[]).includes(values.role)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(adminConfigSchema);
  const email = values.email ?? config.SMARTCHAT_ADMIN_EMAIL;
  if (!email || !z.email().safeParse(email).success) {
    process.stderr.write(`an e-mail is needed: --email or SMARTCHAT_ADMIN_EMAIL\n${USAGE}\n`);
    return 2;
  }
  const logger = createLogger({ service: 'admin', level: 'warn' });
  const pg = createPgPool({ url: config.SMARTCHAT_PG_URL, logger, max: 1 });
  try {
    const message = await createAdmin(pg, {
      email,
      name: values.name ?? config.SMARTCHAT_ADMIN_NAME ?? email.split('@')[0]!,
      role: values.role,
      password: config.SMARTCHAT_ADMIN_PASSWORD,
      ifNoSuperAdmin: values['if-no-super-admin'] === true,
    });
    process.stdout.write(`${message}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    process.stderr.write(`refused: ${error.message}\n`);
    return 1;
  } finally {
    await pg.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
