// The console's side of the e-mail channel, without a browser: what the mailbox form sends (never a
// password it was not given, the stored one kept when the field is left empty), how the blocked
// senders' text is read, that every outcome of a received e-mail has its own text, and when an
// open e-mail conversation is read again.
import { mailOutcomes, type MailDelivery, type Mailbox, type Message } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { formatBlockedSenders, parseBlockedSenders } from '../src/admin/mailboxes/blocked-senders.js';
import { detailText, outcomeLabel, OUTCOME_LABELS } from '../src/admin/mailboxes/mail-labels.js';
import { createBody, draftOf, updateBody, type MailboxDraft } from '../src/admin/mailboxes/mailbox-form.js';
import { AWAIT_DELIVERY_MS, inFlight, repliesAfter, stillAwaited, wantsFollowUp } from '../src/state/mail-follow.js';

const TEAM = '0b6f3c1e-8f3a-4a4e-9d42-6f1f0c7f2a10';
const OTHER_TEAM = '5f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

const mailbox = (overrides: Partial<Mailbox> = {}): Mailbox => ({
  id: '7d1c1a52-3a35-4b8e-9a4a-2d5d6f7e8a9b',
  address: 'support@example.com',
  displayName: 'Поддержка',
  teamId: TEAM,
  topic: 'email',
  inbound: 'imap',
  imap: { host: 'imap.example.com', port: 993, tls: true, user: 'support', folder: 'INBOX', passwordSet: true },
  smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'support', passwordSet: true },
  signature: 'Служба поддержки',
  autoAcknowledge: false,
  enabled: true,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

const edit = (original: Mailbox, changes: Partial<MailboxDraft>): MailboxDraft => ({ ...draftOf(original), ...changes });

describe('the mailbox form', () => {
  it('opens with empty password fields, whatever is stored', () => {
    const draft = draftOf(mailbox());
    expect(draft.imapPassword).toBe('');
    expect(draft.smtpPassword).toBe('');
    expect(draft.smtpRemovePassword).toBe(false);
  });

  it('a new mailbox read over IMAP sends both sections with the passwords typed, an empty SMTP user as null', () => {
    const draft: MailboxDraft = {
      ...draftOf(null, TEAM),
      address: ' Support@Example.com ',
      imapHost: 'imap.example.com',
      imapUser: 'support',
      imapPassword: 'imap-secret',
      smtpHost: 'smtp.example.com',
      smtpPort: '',
      smtpPassword: 'smtp-secret',
    };
    expect(createBody(draft)).toEqual({
      address: 'Support@Example.com',
      displayName: '',
      teamId: TEAM,
      topic: 'email',
      inbound: 'imap',
      imap: { host: 'imap.example.com', port: 993, tls: true, user: 'support', folder: 'INBOX', password: 'imap-secret' },
      smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: null, password: 'smtp-secret' },
      signature: '',
      autoAcknowledge: false,
      enabled: true,
    });
  });

  it('a new mailbox fed over SMTP sends no IMAP settings, and no password that was not typed', () => {
    const body = createBody({ ...draftOf(null, TEAM), address: 'help@example.com', inbound: 'smtp', imapHost: 'left.over', smtpHost: 'smtp.example.com', smtpPort: '2525' });
    expect(body).not.toHaveProperty('imap');
    expect(body.smtp).toEqual({ host: 'smtp.example.com', port: 2525, security: 'starttls', user: null });
    expect(body.smtp).not.toHaveProperty('password');
  });

  it('an untouched form changes nothing', () => {
    expect(updateBody(mailbox(), draftOf(mailbox()))).toEqual({});
  });

  it('a change sends only what differs, and leaves the stored passwords out', () => {
    const original = mailbox();
    expect(updateBody(original, edit(original, { displayName: 'Help desk', teamId: OTHER_TEAM, enabled: false }))).toEqual({ displayName: 'Help desk', teamId: OTHER_TEAM, enabled: false });
    const smtp = updateBody(original, edit(original, { smtpPort: '465', smtpSecurity: 'tls' }));
    expect(smtp).toEqual({ smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'support' } });
    expect(smtp.smtp).not.toHaveProperty('password');
  });

  it('a typed password is sent with its whole section; removing the SMTP password sends null', () => {
    const original = mailbox();
    expect(updateBody(original, edit(original, { imapPassword: 'new-secret' }))).toEqual({
      imap: { host: 'imap.example.com', port: 993, tls: true, user: 'support', folder: 'INBOX', password: 'new-secret' },
    });
    expect(updateBody(original, edit(original, { smtpRemovePassword: true, smtpPassword: 'ignored' }))).toEqual({
      smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'support', password: null },
    });
    // Nothing stored: nothing to remove.
    const withoutPassword = mailbox({ smtp: { ...mailbox().smtp, passwordSet: false } });
    expect(updateBody(withoutPassword, edit(withoutPassword, { smtpRemovePassword: true }))).toEqual({});
  });

  it('switching to SMTP leaves the IMAP settings alone; switching to IMAP sends them', () => {
    const imap = mailbox();
    expect(updateBody(imap, edit(imap, { inbound: 'smtp', imapHost: 'changed.example.com' }))).toEqual({ inbound: 'smtp' });
    const smtp = mailbox({ inbound: 'smtp', imap: null });
    expect(updateBody(smtp, edit(smtp, { inbound: 'imap', imapHost: 'imap.example.com', imapUser: 'support', imapPassword: 'secret' }))).toEqual({
      inbound: 'imap',
      imap: { host: 'imap.example.com', port: 993, tls: true, user: 'support', folder: 'INBOX', password: 'secret' },
    });
  });
});

describe('the blocked senders text', () => {
  it('reads one address or @domain per line, lower-case, without blank lines or repeats', () => {
    expect(parseBlockedSenders('Spam@Example.com\r\n\n  @Junk.example.org  \nspam@example.com\n')).toEqual({ senders: ['spam@example.com', '@junk.example.org'], unreadable: [] });
  });

  it('names each unreadable line by its number', () => {
    expect(parseBlockedSenders('ok@example.com\nnot an address\n\nexample.com\n@localhost\na@b@c.d').unreadable).toEqual([
      { line: 2, text: 'not an address' },
      { line: 4, text: 'example.com' },
      { line: 5, text: '@localhost' },
      { line: 6, text: 'a@b@c.d' },
    ]);
  });

  it('writes the saved list back one per line', () => {
    expect(formatBlockedSenders(['@junk.example.org', 'spam@example.com'])).toBe('@junk.example.org\nspam@example.com');
    expect(parseBlockedSenders(formatBlockedSenders(['@junk.example.org', 'spam@example.com'])).senders).toEqual(['@junk.example.org', 'spam@example.com']);
  });
});

describe('what became of a received e-mail', () => {
  it('every outcome of the contract has a text of its own', () => {
    expect(Object.keys(OUTCOME_LABELS).sort()).toEqual([...mailOutcomes].sort());
    const labels = mailOutcomes.map((outcome) => outcomeLabel(outcome));
    expect(new Set(labels).size).toBe(mailOutcomes.length);
    expect(labels).not.toContain(outcomeLabel(null));
  });

  it('the server’s reason reads as short text', () => {
    expect(detailText({ reason: 'auto_submitted', hops: 3, nested: { x: 1 } })).toBe('reason: auto_submitted, hops: 3');
    expect(detailText(null)).toBe('');
  });
});

describe('following an open e-mail conversation', () => {
  const delivery = (state: MailDelivery['state'], messageId: string | null = null): MailDelivery => ({
    id: `d-${state}-${messageId ?? 'ack'}`,
    kind: messageId ? 'reply' : 'acknowledgement',
    messageId,
    recipient: 'ivan@example.com',
    state,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    sentAt: null,
    failedAt: null,
  });
  const message = (id: string, kind: Message['kind'], deleted = false) => ({ id, kind, deleted }) as Message;

  it('asks again while an answer is queued or sending, not once every one is sent or failed', () => {
    expect(inFlight([delivery('sent', 'm1'), delivery('queued', 'm2')])).toBe(true);
    expect(inFlight([delivery('sending', 'm1')])).toBe(true);
    expect(inFlight([delivery('sent', 'm1'), delivery('failed', 'm2')])).toBe(false);
    expect(wantsFollowUp([delivery('sent', 'm1')], new Map())).toBe(false);
  });

  it('a reply written after the thread was shown is waited for; notes, deleted replies and older pages are not', () => {
    const thread = [message('m1', 'customer'), message('m2', 'reply'), message('m3', 'note'), message('m4', 'reply'), message('m5', 'reply', true)];
    expect(repliesAfter(thread, 'm2')?.map((reply) => reply.id)).toEqual(['m4']);
    expect(repliesAfter(thread, 'm5')).toEqual([]);
    expect(repliesAfter(thread, null)?.map((reply) => reply.id)).toEqual(['m2', 'm4']);
    expect(repliesAfter(thread, 'gone')).toBeUndefined();
  });

  it('stops waiting for a reply once its delivery is listed, or after a while', () => {
    const awaiting = new Map([
      ['m1', 1_000],
      ['m2', 1_000],
      ['m3', 1_000 + AWAIT_DELIVERY_MS],
    ]);
    const left = stillAwaited(awaiting, [delivery('queued', 'm1')], 1_000 + AWAIT_DELIVERY_MS);
    expect([...left.keys()]).toEqual(['m3']);
    expect(wantsFollowUp([], left)).toBe(true);
    expect(wantsFollowUp([], new Map())).toBe(false);
  });
});
