// Support mailboxes in Postgres, with their passwords sealed (platform's sealed-secrets, bound to
// the mailbox and the password's purpose). What the API gets (`Mailbox`) never holds a password;
// only the mail role opens them (`credentials`), to sign in to the mail servers.
import { SmartchatError, type CreateMailboxInput, type Mailbox, type UpdateMailboxInput } from '@smartchat/contracts';
import { inTransaction, openSecret, sealSecret, type PgPool, type SecretKeyring } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';

export interface MailboxRow {
  id: string;
  address: string;
  display_name: string;
  team_id: string;
  topic: string;
  inbound: 'imap' | 'smtp';
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: boolean;
  imap_user: string | null;
  imap_password: string | null;
  imap_folder: string;
  smtp_host: string;
  smtp_port: number;
  smtp_security: 'none' | 'starttls' | 'tls';
  smtp_user: string | null;
  smtp_password: string | null;
  signature: string;
  auto_acknowledge: boolean;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

/** What the mail role signs in with: the settings and the opened passwords. */
export interface MailboxCredentials {
  mailbox: Mailbox;
  imapPassword: string | null;
  smtpPassword: string | null;
}

export function toMailbox(row: MailboxRow): Mailbox {
  return {
    id: row.id,
    address: row.address,
    displayName: row.display_name,
    teamId: row.team_id,
    topic: row.topic,
    inbound: row.inbound,
    imap:
      row.imap_host !== null && row.imap_port !== null && row.imap_user !== null
        ? { host: row.imap_host, port: row.imap_port, tls: row.imap_tls, user: row.imap_user, folder: row.imap_folder, passwordSet: row.imap_password !== null }
        : null,
    smtp: { host: row.smtp_host, port: row.smtp_port, security: row.smtp_security, user: row.smtp_user, passwordSet: row.smtp_password !== null },
    signature: row.signature,
    autoAcknowledge: row.auto_acknowledge,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What a password is sealed for: a sealed value copied into another mailbox or field does not open. */
const passwordContext = (mailboxId: string, which: 'imap' | 'smtp') => `mailbox:${mailboxId}:${which}-password`;

const refuse = (rule: string, message: string) => new SmartchatError('SC_ERR_UNPROCESSABLE', message, { rule });

export class MailboxStore {
  constructor(
    private readonly pg: PgPool,
    private readonly keyring: SecretKeyring | undefined,
  ) {}

  async list(): Promise<Mailbox[]> {
    const { rows } = await this.pg.query<MailboxRow>('SELECT * FROM mailboxes ORDER BY address');
    return rows.map(toMailbox);
  }

  async get(id: string): Promise<Mailbox | null> {
    const row = await this.row(id);
    return row ? toMailbox(row) : null;
  }

  /**
   * Every enabled mailbox with its passwords opened: for the mail role only. A mailbox whose
   * password does not open (sealed with a key no longer in the keyring) is left out and named in
   * `unreadable`, so that one bad mailbox does not stop the others.
   */
  async credentials(): Promise<{ mailboxes: MailboxCredentials[]; unreadable: { id: string; address: string; problem: string }[] }> {
    const { rows } = await this.pg.query<MailboxRow>('SELECT * FROM mailboxes WHERE enabled ORDER BY address');
    const mailboxes: MailboxCredentials[] = [];
    const unreadable: { id: string; address: string; problem: string }[] = [];
    for (const row of rows) {
      try {
        mailboxes.push(this.opened(row));
      } catch (error) {
        // The error names the problem (malformed, unknown key, not authentic), never key material.
        unreadable.push({ id: row.id, address: row.address, problem: error instanceof Error ? error.message : String(error) });
      }
    }
    return { mailboxes, unreadable };
  }

  async credentialsOf(id: string): Promise<MailboxCredentials | null> {
    const row = await this.row(id);
    return row ? this.opened(row) : null;
  }

  /** A mailbox with its passwords opened; throws when one does not open. */
  private opened(row: MailboxRow): MailboxCredentials {
    return {
      mailbox: toMailbox(row),
      imapPassword: row.imap_password === null ? null : this.open(row.imap_password, passwordContext(row.id, 'imap')),
      smtpPassword: row.smtp_password === null ? null : this.open(row.smtp_password, passwordContext(row.id, 'smtp')),
    };
  }

  async create(input: CreateMailboxInput): Promise<Mailbox> {
    const id = randomUUID();
    if (input.inbound === 'imap' && !input.imap) throw refuse('imap_required', 'A mailbox read over IMAP needs its imap settings');
    if (input.imap && input.imap.password === undefined) throw refuse('imap_password_required', 'The IMAP settings need a password');
    await this.teamExists(input.teamId);
    const imapPassword = input.imap?.password !== undefined ? this.seal(input.imap.password, passwordContext(id, 'imap')) : null;
    const smtpPassword = input.smtp.password ? this.seal(input.smtp.password, passwordContext(id, 'smtp')) : null;
    try {
      const { rows } = await this.pg.query<MailboxRow>(
        `INSERT INTO mailboxes (id, address, display_name, team_id, topic, inbound, imap_host, imap_port, imap_tls, imap_user, imap_password, imap_folder,
                                smtp_host, smtp_port, smtp_security, smtp_user, smtp_password, signature, auto_acknowledge, enabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING *`,
        [
          id,
          input.address,
          input.displayName,
          input.teamId,
          input.topic,
          input.inbound,
          input.imap?.host ?? null,
          input.imap?.port ?? null,
          input.imap?.tls ?? true,
          input.imap?.user ?? null,
          imapPassword,
          input.imap?.folder ?? 'INBOX',
          input.smtp.host,
          input.smtp.port,
          input.smtp.security,
          input.smtp.user ?? null,
          smtpPassword,
          input.signature,
          input.autoAcknowledge,
          input.enabled,
        ],
      );
      return toMailbox(rows[0]!);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new SmartchatError('SC_ERR_CONFLICT', 'A mailbox with this address exists already');
      throw error;
    }
  }

  async update(id: string, input: UpdateMailboxInput): Promise<{ before: Mailbox; after: Mailbox }> {
    const before = await this.row(id);
    if (!before) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such mailbox');
    if (input.teamId !== undefined) await this.teamExists(input.teamId);
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length + 1}`);
    };
    if (input.displayName !== undefined) set('display_name', input.displayName);
    if (input.teamId !== undefined) set('team_id', input.teamId);
    if (input.topic !== undefined) set('topic', input.topic);
    if (input.inbound !== undefined) set('inbound', input.inbound);
    if (input.signature !== undefined) set('signature', input.signature);
    if (input.autoAcknowledge !== undefined) set('auto_acknowledge', input.autoAcknowledge);
    if (input.enabled !== undefined) set('enabled', input.enabled);
    if (input.imap) {
      set('imap_host', input.imap.host);
      set('imap_port', input.imap.port);
      set('imap_tls', input.imap.tls);
      set('imap_user', input.imap.user);
      set('imap_folder', input.imap.folder);
      if (input.imap.password !== undefined) set('imap_password', this.seal(input.imap.password, passwordContext(id, 'imap')));
      else if (before.imap_password === null) throw refuse('imap_password_required', 'The IMAP settings need a password');
    }
    if (input.smtp) {
      set('smtp_host', input.smtp.host);
      set('smtp_port', input.smtp.port);
      set('smtp_security', input.smtp.security);
      if (input.smtp.user !== undefined) set('smtp_user', input.smtp.user);
      if (input.smtp.password === null) set('smtp_password', null);
      else if (input.smtp.password !== undefined) set('smtp_password', this.seal(input.smtp.password, passwordContext(id, 'smtp')));
    }
    const inbound = input.inbound ?? before.inbound;
    if (inbound === 'imap' && !input.imap && before.imap_host === null) throw refuse('imap_required', 'A mailbox read over IMAP needs its imap settings');
    if (sets.length === 0) return { before: toMailbox(before), after: toMailbox(before) };
    const { rows } = await this.pg.query<MailboxRow>(`UPDATE mailboxes SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`, [id, ...values]);
    return { before: toMailbox(before), after: toMailbox(rows[0]!) };
  }

  async blockedSenders(): Promise<string[]> {
    const { rows } = await this.pg.query<{ pattern: string }>('SELECT pattern FROM mail_blocked_senders ORDER BY pattern');
    return rows.map((row) => row.pattern);
  }

  /** Replaces the list as a whole. */
  async setBlockedSenders(senders: readonly string[]): Promise<string[]> {
    const unique = [...new Set(senders)];
    await inTransaction(this.pg, async (client) => {
      await client.query('DELETE FROM mail_blocked_senders');
      if (unique.length > 0) await client.query('INSERT INTO mail_blocked_senders (pattern) SELECT unnest($1::citext[])', [unique]);
    });
    return unique.sort();
  }

  private async row(id: string): Promise<MailboxRow | undefined> {
    const { rows } = await this.pg.query<MailboxRow>('SELECT * FROM mailboxes WHERE id = $1', [id]);
    return rows[0];
  }

  private async teamExists(teamId: string): Promise<void> {
    const { rowCount } = await this.pg.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
    if (rowCount === 0) throw refuse('team_unknown', 'No such team');
  }

  private seal(plaintext: string, context: string): string {
    if (!this.keyring) throw refuse('secret_keys_missing', 'Passwords cannot be stored: SMARTCHAT_SECRET_KEYS is not set');
    return sealSecret(plaintext, this.keyring, context);
  }

  private open(sealed: string, context: string): string {
    if (!this.keyring) throw new Error('SMARTCHAT_SECRET_KEYS is not set: the mailboxes\' passwords cannot be opened');
    return openSecret(sealed, this.keyring, context);
  }
}
