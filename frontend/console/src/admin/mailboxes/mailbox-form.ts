// The mailbox form's fields and the API's bodies. Passwords are write-only: the form starts with
// them empty, and an empty password field means "keep the stored one" (left out of the body);
// the SMTP password can also be removed (null). A change sends only what differs, IMAP and SMTP
// each as a whole section (the API replaces a section whole, except its password).
import type { Mailbox } from '@smartchat/contracts';
import type { ApiBody } from '@smartchat/frontend-kit';

export type CreateMailboxBody = ApiBody<'/v1/mailboxes', 'post'>;
export type UpdateMailboxBody = ApiBody<'/v1/mailboxes/{id}', 'patch'>;
export type InboundMethod = Mailbox['inbound'];
export type SmtpSecurity = Mailbox['smtp']['security'];

export const INBOUND_METHODS: readonly InboundMethod[] = ['imap', 'smtp'];
export const SMTP_SECURITIES: readonly SmtpSecurity[] = ['none', 'starttls', 'tls'];

/** The API's defaults (services/contracts mail.ts), shown in a new mailbox's form. */
export const IMAP_DEFAULT_PORT = 993;
export const SMTP_DEFAULT_PORT = 587;
export const DEFAULT_TOPIC = 'email';
export const DEFAULT_FOLDER = 'INBOX';

export interface MailboxDraft {
  address: string;
  displayName: string;
  teamId: string;
  topic: string;
  inbound: InboundMethod;
  imapHost: string;
  /** Text of the port field; empty means the default port. */
  imapPort: string;
  imapTls: boolean;
  imapUser: string;
  /** Typed here only: empty keeps the stored password. */
  imapPassword: string;
  imapFolder: string;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: SmtpSecurity;
  smtpUser: string;
  smtpPassword: string;
  /** Remove the stored SMTP password (the server then takes mail without signing in). */
  smtpRemovePassword: boolean;
  signature: string;
  autoAcknowledge: boolean;
  enabled: boolean;
}

/** The form for `mailbox` (null: a new one, in `teamId` when given); never a password. */
export function draftOf(mailbox: Mailbox | null, teamId = ''): MailboxDraft {
  return {
    address: mailbox?.address ?? '',
    displayName: mailbox?.displayName ?? '',
    teamId: mailbox?.teamId ?? teamId,
    topic: mailbox?.topic ?? DEFAULT_TOPIC,
    inbound: mailbox?.inbound ?? 'imap',
    imapHost: mailbox?.imap?.host ?? '',
    imapPort: String(mailbox?.imap?.port ?? IMAP_DEFAULT_PORT),
    imapTls: mailbox?.imap?.tls ?? true,
    imapUser: mailbox?.imap?.user ?? '',
    imapPassword: '',
    imapFolder: mailbox?.imap?.folder ?? DEFAULT_FOLDER,
    smtpHost: mailbox?.smtp.host ?? '',
    smtpPort: String(mailbox?.smtp.port ?? SMTP_DEFAULT_PORT),
    smtpSecurity: mailbox?.smtp.security ?? 'starttls',
    smtpUser: mailbox?.smtp.user ?? '',
    smtpPassword: '',
    smtpRemovePassword: false,
    signature: mailbox?.signature ?? '',
    autoAcknowledge: mailbox?.autoAcknowledge ?? false,
    enabled: mailbox?.enabled ?? true,
  };
}

/** A port field: empty is the default; anything else goes as a number, which the server judges. */
export function portOf(text: string, fallback: number): number {
  const trimmed = text.trim();
  return trimmed === '' ? fallback : Number(trimmed);
}

type ImapSection = NonNullable<CreateMailboxBody['imap']>;
type SmtpSection = CreateMailboxBody['smtp'];

function imapSection(draft: MailboxDraft): Omit<ImapSection, 'password'> {
  return { host: draft.imapHost.trim(), port: portOf(draft.imapPort, IMAP_DEFAULT_PORT), tls: draft.imapTls, user: draft.imapUser.trim(), folder: draft.imapFolder.trim() || DEFAULT_FOLDER };
}

function smtpSection(draft: MailboxDraft): Omit<SmtpSection, 'password'> {
  // An empty user: the server takes mail without signing in.
  return { host: draft.smtpHost.trim(), port: portOf(draft.smtpPort, SMTP_DEFAULT_PORT), security: draft.smtpSecurity, user: draft.smtpUser.trim() || null };
}

export function createBody(draft: MailboxDraft): CreateMailboxBody {
  const smtp: SmtpSection = { ...smtpSection(draft), ...(draft.smtpPassword ? { password: draft.smtpPassword } : {}) };
  return {
    address: draft.address.trim(),
    displayName: draft.displayName.trim(),
    teamId: draft.teamId,
    topic: draft.topic.trim() || DEFAULT_TOPIC,
    inbound: draft.inbound,
    // IMAP settings only for a mailbox read over IMAP.
    ...(draft.inbound === 'imap' ? { imap: { ...imapSection(draft), ...(draft.imapPassword ? { password: draft.imapPassword } : {}) } } : {}),
    smtp,
    signature: draft.signature,
    autoAcknowledge: draft.autoAcknowledge,
    enabled: draft.enabled,
  };
}

/** What changed from `original`: an empty body when nothing did. */
export function updateBody(original: Mailbox, draft: MailboxDraft): UpdateMailboxBody {
  const changes: UpdateMailboxBody = {};
  const displayName = draft.displayName.trim();
  if (displayName !== original.displayName) changes.displayName = displayName;
  if (draft.teamId !== original.teamId) changes.teamId = draft.teamId;
  const topic = draft.topic.trim() || DEFAULT_TOPIC;
  if (topic !== original.topic) changes.topic = topic;
  if (draft.inbound !== original.inbound) changes.inbound = draft.inbound;
  if (draft.signature !== original.signature) changes.signature = draft.signature;
  if (draft.autoAcknowledge !== original.autoAcknowledge) changes.autoAcknowledge = draft.autoAcknowledge;
  if (draft.enabled !== original.enabled) changes.enabled = draft.enabled;

  // Switching to SMTP leaves the stored IMAP settings as they are (the API cannot remove them).
  if (draft.inbound === 'imap') {
    const imap = imapSection(draft);
    const before = original.imap;
    const differs = !before || imap.host !== before.host || imap.port !== before.port || imap.tls !== before.tls || imap.user !== before.user || imap.folder !== before.folder;
    if (differs || draft.imapPassword) changes.imap = { ...imap, ...(draft.imapPassword ? { password: draft.imapPassword } : {}) };
  }

  const smtp = smtpSection(draft);
  const before = original.smtp;
  const removes = draft.smtpRemovePassword && before.passwordSet;
  const differs = smtp.host !== before.host || smtp.port !== before.port || smtp.security !== before.security || smtp.user !== before.user;
  if (differs || draft.smtpPassword || removes) {
    changes.smtp = { ...smtp, ...(removes ? { password: null } : draft.smtpPassword ? { password: draft.smtpPassword } : {}) };
  }
  return changes;
}
