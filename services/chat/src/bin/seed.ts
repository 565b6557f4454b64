// The `seed` role: demo data for a local desk — a team, a super-admin, an admin and two agents (password from
// SMARTCHAT_DEMO_PASSWORD), a customer token to try the widget side, and, with a local mail server
// and a secret keyring, a support mailbox to try the e-mail channel. Safe to run again.
import { ConfigError, createLogger, createPgPool, loadConfig, parseKeyring, url } from '@smartchat/platform';
import { MailboxStore } from '../mail/mailbox-store.js';
import { DEMO_MAILBOX } from './demo-mailbox.js';
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
    const customerToken = await signCustomerToken(config.SMARTCHAT_CUSTOMER_TOKEN_SECRET, { externalId: 'demo-customer-1', name: 'Иван Петров', email: 'ivan@example.test' }, 24 * 3600);
    process.stdout.write(
      [
        `  Demo agents (password: ${config.SMARTCHAT_DEMO_PASSWORD}):`,
        ...demoAgents.map((agent) => `    ${agent.email.padEnd(32)} ${agent.role.padEnd(11)} ${agent.name}`),
        `  Demo customer token (24 h, Authorization: Bearer or socket auth.token):`,
        `    ${customerToken}`,
        ...mailLines,
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
