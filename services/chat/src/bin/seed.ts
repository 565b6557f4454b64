// The `seed` role: demo data for a local desk — a team, a super-admin, an admin and two agents (password from
// SMARTCHAT_DEMO_PASSWORD), a customer token to try the widget side, and, with a local mail server
// and a secret keyring, a support mailbox to try the e-mail channel and the demo back-office's
// integration (its credentials written to SMARTCHAT_DEMO_INTEGRATION_FILE for the demo site).
// Safe to run again.
import { ConfigError, createLogger, createPgPool, loadConfig, parseKeyring, url } from '@smartchat/platform';
import { MailboxStore } from '../mail/mailbox-store.js';
import { IntegrationStore } from '../integrations/integration-store.js';
import { WebhookEndpoints } from '../integrations/webhook-endpoints.js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEMO_MAILBOX } from './demo-mailbox.js';
import { agentActionsInput } from '@smartchat/contracts';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import { signCustomerToken } from '../auth/tokens.js';

const seedConfigSchema = z.object({
  SMARTCHAT_PG_URL: url(['postgres', 'postgresql']),
  SMARTCHAT_CUSTOMER_TOKEN_SECRET: z.string().min(32),
  SMARTCHAT_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters'),
  SMARTCHAT_SECRET_KEYS: z.string().optional(),
  /** The local mail server (GreenMail) as host:port, SMTP and IMAP: the demo mailbox lives there. */
  SMARTCHAT_TEST_SMTP: z.string().regex(/^[^:]+:\d+$/).optional(),
  SMARTCHAT_TEST_IMAP: z.string().regex(/^[^:]+:\d+$/).optional(),
  /** Where the demo site (the back-office) is, and where Smartchat's API is for it; both set by make dev. */
  SMARTCHAT_BACKOFFICE_URL: url(['http', 'https']).optional(),
  SMARTCHAT_PUBLIC_URL: url(['http', 'https']).optional(),
  SMARTCHAT_DEMO_INTEGRATION_FILE: z.string().min(1).optional(),
});


export const demoAgents = [
  // Defines custom roles (roles.manage), which an admin may not.
  { email: 'superadmin@demo.smartchat.local', name: 'Сергей Главный', role: 'super-admin' },
  { email: 'admin@demo.smartchat.local', name: 'Мария Админова', role: 'admin' },
  { email: 'anna@demo.smartchat.local', name: 'Анна Смирнова', role: 'agent' },
  { email: 'boris@demo.smartchat.local', name: 'Борис Иванов', role: 'agent' },
];

async function main(): Promise<void> {
  const config = loadConfig(seedConfigSchema);
  const logger = createLogger({ service: 'seed', level: 'warn' });
  const pg = createPgPool({ url: config.SMARTCHAT_PG_URL, logger, max: 2 });
  try {
    const passwordHash = await hashPassword(config.SMARTCHAT_DEMO_PASSWORD);
    const { rows: teams } = await pg.query<{ id: string }>(
      // The default team: new conversations go to its queue; SLA first response 15 min, next 30 min.
      // The topics are what the widget offers a customer opening a conversation.
      `INSERT INTO teams (name, is_default, topics, first_response_minutes, next_response_minutes)
       VALUES ('Поддержка / Support', true, '{Авиабилеты,Отели,"Возврат билета",Визы}', 15, 30)
       ON CONFLICT (name) DO UPDATE SET is_default = true, topics = EXCLUDED.topics RETURNING id`,
    );
    for (const agent of demoAgents) {
      const { rows } = await pg.query<{ id: string }>(
        `INSERT INTO agents (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, disabled_at = NULL
         RETURNING id`,
        [agent.email, agent.name, agent.role, passwordHash],
      );
      await pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [teams[0]!.id, rows[0]!.id]);
    }
    const mailLines = await seedMailbox(pg, config, teams[0]!.id);
    const integrationLines = await seedIntegration(pg, config);
    const customerToken = await signCustomerToken(config.SMARTCHAT_CUSTOMER_TOKEN_SECRET, { externalId: 'demo-customer-1', name: 'Иван Петров', email: 'ivan@example.test' }, 24 * 3600);
    process.stdout.write(
      [
        `  Demo agents (password: ${config.SMARTCHAT_DEMO_PASSWORD}):`,
        ...demoAgents.map((agent) => `    ${agent.email.padEnd(32)} ${agent.role.padEnd(11)} ${agent.name}`),
        `  Demo customer token (24 h, Authorization: Bearer or socket auth.token):`,
        `    ${customerToken}`,
        ...mailLines,
        ...integrationLines,
        '',
      ].join('\n'),
    );
  } finally {
    await pg.end();
  }
}

/** The demo mailbox, read over IMAP from the local mail server and answering through it; what to print. */
async function seedMailbox(pg: ReturnType<typeof createPgPool>, config: z.infer<typeof seedConfigSchema>, teamId: string): Promise<string[]> {
  if (!config.SMARTCHAT_SECRET_KEYS || !config.SMARTCHAT_TEST_SMTP || !config.SMARTCHAT_TEST_IMAP) return [];
  const [smtpHost, smtpPort] = config.SMARTCHAT_TEST_SMTP.split(':') as [string, string];
  const [imapHost, imapPort] = config.SMARTCHAT_TEST_IMAP.split(':') as [string, string];
  const mailboxes = new MailboxStore(pg, parseKeyring(config.SMARTCHAT_SECRET_KEYS));
  if (!(await mailboxes.list()).some((mailbox) => mailbox.address === DEMO_MAILBOX)) {
    await mailboxes.create({
      address: DEMO_MAILBOX,
      displayName: 'Поддержка «Тревел» / Travel support',
      teamId,
      topic: 'E-mail',
      inbound: 'imap',
      // The local server takes any password.
      imap: { host: imapHost, port: Number(imapPort), tls: false, user: DEMO_MAILBOX, password: 'demo', folder: 'INBOX' },
      smtp: { host: smtpHost, port: Number(smtpPort), security: 'none', user: null, password: null },
      signature: 'Служба поддержки «Тревел» / Travel support',
      autoAcknowledge: true,
      enabled: true,
    });
  }
  return [
    `  Demo mailbox ${DEMO_MAILBOX} (read over IMAP from the local mail server; new mail becomes a conversation):`,
    `    send a test e-mail:  make demo-mail  (or any client: SMTP ${config.SMARTCHAT_TEST_SMTP}, to ${DEMO_MAILBOX}, no password)`,
    `    read the answers:    IMAP ${config.SMARTCHAT_TEST_IMAP}, user = the sender's address, any password`,
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

const DEMO_INTEGRATION = 'Демо бэк-офис';

/**
 * The demo back-office's integration: an API key, a signing secret, a webhook endpoint at the demo
 * site and its agent actions. Secrets are shown once, so they are written to a git-ignored file the
 * demo site reads; kept as they are while that file's key still works, made anew otherwise.
 */
async function seedIntegration(pg: ReturnType<typeof createPgPool>, config: z.infer<typeof seedConfigSchema>): Promise<string[]> {
  const file = config.SMARTCHAT_DEMO_INTEGRATION_FILE;
  const site = config.SMARTCHAT_BACKOFFICE_URL?.replace(/\/+$/, '');
  const apiUrl = config.SMARTCHAT_PUBLIC_URL?.replace(/\/+$/, '');
  if (!config.SMARTCHAT_SECRET_KEYS || !file || !site || !apiUrl) return [];
  const keyring = parseKeyring(config.SMARTCHAT_SECRET_KEYS);
  const integrations = new IntegrationStore(pg, keyring);
  const webhooks = new WebhookEndpoints(pg, keyring);
  const { rows: admins } = await pg.query<{ id: string }>(`SELECT id FROM agents WHERE email = 'admin@demo.smartchat.local'`);
  const { rows: existing } = await pg.query<{ id: string }>('SELECT id FROM integrations WHERE name = $1', [DEMO_INTEGRATION]);
  let integrationId = existing[0]?.id;
  const kept = await readFile(file, 'utf8').then((text) => JSON.parse(text) as { apiKey: string }, () => null);
  const stillValid = kept && integrationId ? await integrations.authenticate(kept.apiKey).then((caller) => caller.integrationId === integrationId, () => false) : false;
  if (!stillValid) {
    let signingSecret: string;
    if (integrationId) {
      signingSecret = (await integrations.rotateSigningSecret(integrationId, 0))!.secret;
    } else {
      const created = await integrations.create({ name: DEMO_INTEGRATION, description: 'The demo site plays the back-office (make dev)' }, admins[0]!.id);
      integrationId = created.integration.id;
      signingSecret = created.signingSecret;
    }
    // The lost file's key is of no use to anyone: revoked, not left working.
    await pg.query(`UPDATE integration_keys SET revoked_at = now() WHERE integration_id = $1 AND name = 'demo site' AND revoked_at IS NULL`, [integrationId]);
    const key = (await integrations.createKey(integrationId, { name: 'demo site', scopes: ['events.send', 'customers.signals', 'conversations.internal'] }, admins[0]!.id))!;
    for (const endpoint of await webhooks.list(integrationId)) await webhooks.remove(integrationId, endpoint.id);
    const endpoint = (await webhooks.create(integrationId, {
      url: `${site}/webhooks`,
      eventTypes: ['conversation.created', 'conversation.assigned', 'conversation.closed', 'message.created', 'csat.submitted'],
      includeInternal: false,
      enabled: true,
    }))!;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ apiUrl, apiKey: key.secret, signingSecret, webhookSecret: endpoint.secret }, null, 2), { mode: 0o600 });
  }
  const { actions } = agentActionsInput.parse({ actions: [
    { key: 'open-trip', label: 'Открыть поездку в бэк-офисе', kind: 'link', method: 'POST', url: `${site}/trips/{trip.id}`, fields: [], permission: 'conversations.note', result: 'system', timeoutMs: 10_000 },
    {
      key: 'request-act',
      label: 'Запросить акт сверки',
      kind: 'request',
      method: 'POST',
      url: `${site}/actions/acts`,
      fields: [{ name: 'period', label: 'Период', type: 'text', required: true, default: 'ноябрь 2026' }],
      permission: 'conversations.note',
      result: 'system',
      timeoutMs: 10_000,
    },
  ] });
  await pg.query('DELETE FROM integration_actions WHERE integration_id = $1', [integrationId]);
  for (const [position, action] of actions.entries()) await pg.query('INSERT INTO integration_actions (integration_id, position, action) VALUES ($1, $2, $3)', [integrationId, position, JSON.stringify(action)]);
  return [
    `  Back-office integration "${DEMO_INTEGRATION}": the demo site sends signed trip changes and documents ("Бэк-офис (демо)" on the`,
    `    customer page), receives webhooks (${site}/webhooks) and serves an agent action; credentials in ${file}`,
  ];
}
