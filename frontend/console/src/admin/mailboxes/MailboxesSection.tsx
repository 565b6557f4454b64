// Mailboxes (integrations.manage): the support addresses customers write to, each with its team,
// how its mail arrives and whether it is on; added and changed in a dialog, with what each one
// received. Below them, the senders whose mail is kept out of the inbox.
import type { Mailbox } from '@smartchat/contracts';
import { createSignal, For, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { api, reloadTeams, teamName } from '../../state/session.js';
import { t } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { LoadState, StatusText } from '../ui/Feedback.jsx';
import { BlockedSendersEditor } from './BlockedSendersEditor.jsx';
import { MailboxDialog } from './MailboxDialog.jsx';
import { ReceivedMailDialog } from './ReceivedMailDialog.jsx';

export function MailboxesSection() {
  const [mailboxes, setMailboxes] = createStore<Mailbox[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [editing, setEditing] = createSignal<{ mailbox: Mailbox | null } | null>(null);
  const [reading, setReading] = createSignal<Mailbox | null>(null);
  const loading = createTask();
  const status = createStatusLine();

  const load = () =>
    loading.run(async () => {
      const result = await api.get('/v1/mailboxes');
      setMailboxes(reconcile(result.mailboxes, { key: 'id' }));
      setLoaded(true);
    });
  // The team names and choices are the session's; a team made meanwhile shows up.
  onMount(() => void Promise.all([load(), reloadTeams()]));

  const saved = (mailbox: Mailbox, created: boolean) => {
    const exists = mailboxes.some((candidate) => candidate.id === mailbox.id);
    const next = exists ? mailboxes.map((candidate) => (candidate.id === mailbox.id ? mailbox : candidate)) : [...mailboxes, mailbox];
    setMailboxes(reconcile([...next].sort((a, b) => a.address.localeCompare(b.address)), { key: 'id' }));
    status.say(created ? t('mailboxes.created', { address: mailbox.address }) : t('mailboxes.saved', { address: mailbox.address }));
  };

  return (
    <section data-testid="admin-mailboxes" aria-labelledby="admin-mailboxes-title">
      <div class="admin-head">
        <h2 id="admin-mailboxes-title" tabIndex={-1}>
          {t('section.mailboxes')}
        </h2>
        <button type="button" class="button primary" onClick={() => setEditing({ mailbox: null })} data-testid="admin-mailbox-new">
          {t('mailboxes.new')}
        </button>
      </div>
      <p class="admin-hint">{t('mailboxes.hint')}</p>
      <StatusText text={status.text()} />
      <LoadState task={loading} retry={() => void load()} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('section.mailboxes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mailboxes.address')}</th>
              <th scope="col">{t('mailboxes.team')}</th>
              <th scope="col">{t('mailboxes.inboundColumn')}</th>
              <th scope="col">{t('mailboxes.state')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={mailboxes} fallback={<EmptyRow columns={5} text={t('mailboxes.none')} />}>
              {(mailbox) => (
                <tr data-testid="admin-mailbox-row" data-id={mailbox.id} data-enabled={String(mailbox.enabled)}>
                  <th scope="row">
                    <span class="admin-address">{mailbox.address}</span>
                    <Show when={mailbox.displayName}>
                      <br />
                      <span class="muted admin-description">{mailbox.displayName}</span>
                    </Show>
                  </th>
                  <td>
                    {teamName(mailbox.teamId) ?? t('mailboxes.unknownTeam')}
                    <br />
                    <span class="muted admin-description">{mailbox.topic}</span>
                  </td>
                  <td>
                    {mailbox.inbound.toUpperCase()}
                    <Show when={mailbox.inbound === 'imap' && mailbox.imap}>
                      {(imap) => (
                        <>
                          <br />
                          <span class="muted admin-description">
                            {imap().host}:{imap().port}
                          </span>
                        </>
                      )}
                    </Show>
                  </td>
                  <td>
                    <span class={mailbox.enabled ? 'badge accent' : 'badge danger'} data-testid="admin-mailbox-enabled-badge">
                      {mailbox.enabled ? t('mailboxes.enabledBadge') : t('mailboxes.disabledBadge')}
                    </span>{' '}
                    <Show when={mailbox.autoAcknowledge}>
                      <span class="badge" data-testid="admin-mailbox-auto-ack-badge">
                        {t('mailboxes.autoAckBadge')}
                      </span>
                    </Show>
                  </td>
                  <td class="admin-row-actions">
                    <button type="button" class="button small" onClick={() => setEditing({ mailbox })} aria-label={t('mailboxes.editLabel', { address: mailbox.address })} data-testid="admin-mailbox-edit">
                      {t('common.edit')}
                    </button>
                    <button type="button" class="button small" onClick={() => setReading(mailbox)} aria-label={t('mailboxes.receivedLabel', { address: mailbox.address })} data-testid="admin-mailbox-received-open">
                      {t('mailboxes.received')}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <BlockedSendersEditor />
      <Show when={editing()}>
        {(open) => <MailboxDialog mailbox={open().mailbox} onSaved={saved} onUnchanged={() => status.say(t('common.unchanged'))} onClose={() => setEditing(null)} />}
      </Show>
      <Show when={reading()}>{(mailbox) => <ReceivedMailDialog mailbox={mailbox()} onClose={() => setReading(null)} />}</Show>
    </section>
  );
}
