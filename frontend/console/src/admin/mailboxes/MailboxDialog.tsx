// Adding or changing a support mailbox: its address (fixed once created), sender name, the team and
// topic its new conversations get, how mail arrives (IMAP, with its settings, or SMTP relay), how
// answers go out (SMTP), signature, auto-acknowledgement and whether it is on. Passwords are typed
// here only: never filled in, shown or kept after the dialog closes; empty keeps the stored one.
import type { Mailbox } from '@smartchat/contracts';
import { ApiError } from '@smartchat/frontend-kit';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { api, teams } from '../../state/session.js';
import { FormProblem } from '../errors.js';
import { t } from '../i18n.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { createBody, draftOf, IMAP_DEFAULT_PORT, INBOUND_METHODS, SMTP_DEFAULT_PORT, SMTP_SECURITIES, updateBody, type MailboxDraft } from './mailbox-form.js';

export function MailboxDialog(props: { mailbox: Mailbox | null; onSaved: (mailbox: Mailbox, created: boolean) => void; onUnchanged: () => void; onClose: () => void }) {
  const original = props.mailbox;
  const id = createUniqueId();
  const [draft, setDraft] = createSignal<MailboxDraft>(draftOf(original));
  const set = <K extends keyof MailboxDraft>(key: K, value: MailboxDraft[K]) => setDraft({ ...draft(), [key]: value });
  const task = createTask();
  const sortedTeams = () => [...teams()].sort((a, b) => a.name.localeCompare(b.name));

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(async () => {
      const current = draft();
      if (!current.teamId) throw new FormProblem(t('mailboxes.teamRequired'));
      if (!original) {
        const body = createBody(current);
        const created = await api.post('/v1/mailboxes', { body }).catch((error: unknown) => {
          throw addressInUse(error, body.address);
        });
        props.onSaved(created, true);
        props.onClose();
        return;
      }
      const changes = updateBody(original, current);
      if (Object.keys(changes).length === 0) props.onUnchanged();
      else props.onSaved(await api.patch('/v1/mailboxes/{id}', { params: { path: { id: original.id } }, body: changes }), false);
      props.onClose();
    });
  };

  return (
    <Dialog title={original ? t('mailboxes.editTitle', { address: original.address }) : t('mailboxes.createTitle')} onClose={() => props.onClose()} testId="admin-mailbox-dialog" wide>
      <form class="admin-form" onSubmit={save} noValidate autocomplete="off">
        <div class="admin-form-grid">
          {/* Fixed once created: shown as text, not as a field that cannot be typed into. */}
          <Show
            when={!original}
            fallback={
              <div class="field">
                <span class="field-label">{t('mailboxes.address')}</span>
                <span class="admin-address" data-testid="admin-mailbox-address-fixed">
                  {original?.address}
                </span>
                <p class="admin-hint">{t('mailboxes.addressFixed')}</p>
              </div>
            }
          >
            <div class="field">
              <label for={`${id}-address`}>{t('mailboxes.address')}</label>
              <input id={`${id}-address`} class="input" type="email" required maxLength={254} autocomplete="off" value={draft().address} onInput={(event) => set('address', event.currentTarget.value)} data-testid="admin-mailbox-address" />
            </div>
          </Show>
          <div class="field">
            <label for={`${id}-name`}>{t('mailboxes.displayName')}</label>
            <input id={`${id}-name`} class="input" maxLength={200} autocomplete="off" aria-describedby={`${id}-name-hint`} value={draft().displayName} onInput={(event) => set('displayName', event.currentTarget.value)} />
            <p id={`${id}-name-hint`} class="admin-hint">
              {t('mailboxes.displayNameHint')}
            </p>
          </div>
        </div>
        <div class="admin-form-grid">
          <div class="field">
            <label for={`${id}-team`}>{t('mailboxes.team')}</label>
            <select id={`${id}-team`} class="input" required onChange={(event) => set('teamId', event.currentTarget.value)} data-testid="admin-mailbox-team">
              <option value="" selected={draft().teamId === ''}>
                {t('mailboxes.chooseTeam')}
              </option>
              <For each={sortedTeams()}>
                {(team) => (
                  <option value={team.id} selected={team.id === draft().teamId}>
                    {team.name}
                  </option>
                )}
              </For>
              {/* A team the console does not know (deleted meanwhile) stays chosen, by its id. */}
              <Show when={draft().teamId && !teams().some((team) => team.id === draft().teamId)}>
                <option value={draft().teamId} selected>
                  {t('mailboxes.unknownTeam')} ({draft().teamId.slice(0, 8)})
                </option>
              </Show>
            </select>
          </div>
          <div class="field">
            <label for={`${id}-topic`}>{t('mailboxes.topic')}</label>
            <input id={`${id}-topic`} class="input" maxLength={100} aria-describedby={`${id}-topic-hint`} value={draft().topic} onInput={(event) => set('topic', event.currentTarget.value)} />
            <p id={`${id}-topic-hint`} class="admin-hint">
              {t('mailboxes.topicHint')}
            </p>
          </div>
        </div>
        <fieldset class="admin-fieldset" data-testid="admin-mailbox-inbound">
          <legend>{t('mailboxes.inbound')}</legend>
          <For each={INBOUND_METHODS}>
            {(method) => (
              <label class="admin-check">
                <input type="radio" name={`${id}-inbound`} value={method} checked={draft().inbound === method} onChange={() => set('inbound', method)} />
                <span>{t(`mailboxes.inbound.${method}`)}</span>
              </label>
            )}
          </For>
        </fieldset>
        <Show when={draft().inbound === 'imap'}>
          <fieldset class="admin-fieldset" data-testid="admin-mailbox-imap">
            <legend>{t('mailboxes.imap')}</legend>
            <div class="admin-form-grid">
              <TextField id={`${id}-imap-host`} label={t('mailboxes.host')} value={draft().imapHost} onInput={(value) => set('imapHost', value)} maxLength={253} required />
              <PortField id={`${id}-imap-port`} value={draft().imapPort} fallback={IMAP_DEFAULT_PORT} onInput={(value) => set('imapPort', value)} />
              <TextField id={`${id}-imap-user`} label={t('mailboxes.user')} value={draft().imapUser} onInput={(value) => set('imapUser', value)} maxLength={254} required />
              <PasswordField
                id={`${id}-imap-password`}
                value={draft().imapPassword}
                onInput={(value) => set('imapPassword', value)}
                stored={original ? (original.imap?.passwordSet ?? false) : null}
                testId="admin-mailbox-imap-password"
              />
              <TextField id={`${id}-imap-folder`} label={t('mailboxes.folder')} value={draft().imapFolder} onInput={(value) => set('imapFolder', value)} maxLength={200} />
            </div>
            <label class="admin-check">
              <input type="checkbox" checked={draft().imapTls} onChange={(event) => set('imapTls', event.currentTarget.checked)} aria-describedby={`${id}-tls-hint`} />
              <span>{t('mailboxes.imapTls')}</span>
            </label>
            <p id={`${id}-tls-hint`} class="admin-hint">
              {t('mailboxes.imapTlsHint')}
            </p>
          </fieldset>
        </Show>
        <fieldset class="admin-fieldset" data-testid="admin-mailbox-smtp">
          <legend>{t('mailboxes.smtp')}</legend>
          <div class="admin-form-grid">
            <TextField id={`${id}-smtp-host`} label={t('mailboxes.host')} value={draft().smtpHost} onInput={(value) => set('smtpHost', value)} maxLength={253} required />
            <PortField id={`${id}-smtp-port`} value={draft().smtpPort} fallback={SMTP_DEFAULT_PORT} onInput={(value) => set('smtpPort', value)} />
            <div class="field">
              <label for={`${id}-smtp-security`}>{t('mailboxes.security')}</label>
              <select id={`${id}-smtp-security`} class="input" onChange={(event) => set('smtpSecurity', SMTP_SECURITIES.find((security) => security === event.currentTarget.value) ?? 'starttls')}>
                <For each={SMTP_SECURITIES}>
                  {(security) => (
                    <option value={security} selected={draft().smtpSecurity === security}>
                      {t(`mailboxes.security.${security}`)}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <TextField id={`${id}-smtp-user`} label={t('mailboxes.user')} value={draft().smtpUser} onInput={(value) => set('smtpUser', value)} maxLength={254} hint={t('mailboxes.smtpUserHint')} />
            <PasswordField
              id={`${id}-smtp-password`}
              value={draft().smtpPassword}
              onInput={(value) => set('smtpPassword', value)}
              stored={original ? original.smtp.passwordSet : null}
              disabled={draft().smtpRemovePassword}
              testId="admin-mailbox-smtp-password"
            />
          </div>
          <Show when={original?.smtp.passwordSet}>
            <label class="admin-check">
              <input type="checkbox" checked={draft().smtpRemovePassword} onChange={(event) => setDraft({ ...draft(), smtpRemovePassword: event.currentTarget.checked, smtpPassword: '' })} data-testid="admin-mailbox-smtp-remove-password" />
              <span>{t('mailboxes.removePassword')}</span>
            </label>
          </Show>
        </fieldset>
        <div class="field">
          <label for={`${id}-signature`}>{t('mailboxes.signature')}</label>
          <textarea
            id={`${id}-signature`}
            class="input admin-signature"
            rows={4}
            maxLength={2000}
            aria-describedby={`${id}-signature-hint`}
            value={draft().signature}
            onInput={(event) => set('signature', event.currentTarget.value)}
          />
          <p id={`${id}-signature-hint`} class="admin-hint">
            {t('mailboxes.signatureHint')}
          </p>
        </div>
        <label class="admin-check">
          <input type="checkbox" checked={draft().autoAcknowledge} onChange={(event) => set('autoAcknowledge', event.currentTarget.checked)} aria-describedby={`${id}-ack-hint`} data-testid="admin-mailbox-auto-ack" />
          <span>{t('mailboxes.autoAcknowledge')}</span>
        </label>
        <p id={`${id}-ack-hint`} class="admin-hint">
          {t('mailboxes.autoAcknowledgeHint')}
        </p>
        <label class="admin-check">
          <input type="checkbox" checked={draft().enabled} onChange={(event) => set('enabled', event.currentTarget.checked)} aria-describedby={`${id}-enabled-hint`} data-testid="admin-mailbox-enabled" />
          <span>{t('mailboxes.enabled')}</span>
        </label>
        <p id={`${id}-enabled-hint`} class="admin-hint">
          {t('mailboxes.enabledHint')}
        </p>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()} data-testid="admin-mailbox-save">
            {task.busy() ? t('common.saving') : original ? t('common.save') : t('mailboxes.create')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A taken address (409) said in the console's words, keeping the code for the notice. */
function addressInUse(error: unknown, address: string): unknown {
  if (!(error instanceof ApiError) || error.code !== 'SC_ERR_CONFLICT') return error;
  return new ApiError(error.status, { code: error.code, message: t('mailboxes.addressInUse', { address }), details: error.details }, error.message);
}

function TextField(props: { id: string; label: string; value: string; onInput: (value: string) => void; maxLength: number; required?: boolean; hint?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        class="input"
        required={props.required}
        maxLength={props.maxLength}
        autocomplete="off"
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="admin-hint">
          {props.hint}
        </p>
      </Show>
    </div>
  );
}

/** Empty means the default port (its placeholder). */
function PortField(props: { id: string; value: string; fallback: number; onInput: (value: string) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{t('mailboxes.port')}</label>
      <input id={props.id} class="input" type="number" min={1} max={65535} step={1} inputMode="numeric" placeholder={String(props.fallback)} value={props.value} onInput={(event) => props.onInput(event.currentTarget.value)} />
    </div>
  );
}

/**
 * A write-only password: empty at first, never filled in by the browser's saved passwords
 * (autocomplete new-password), and saying whether one is stored. `stored` null: a new mailbox.
 */
function PasswordField(props: { id: string; value: string; onInput: (value: string) => void; stored: boolean | null; disabled?: boolean; testId: string }) {
  const hint = () => (props.stored === null ? t('mailboxes.passwordStored') : props.stored ? t('mailboxes.passwordSet') : t('mailboxes.passwordNotSet'));
  return (
    <div class="field">
      <label for={props.id}>{t('mailboxes.password')}</label>
      <input
        id={props.id}
        class="input"
        type="password"
        autocomplete="new-password"
        maxLength={1000}
        disabled={props.disabled}
        aria-describedby={`${props.id}-hint`}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        data-testid={props.testId}
      />
      <p id={`${props.id}-hint`} class="admin-hint" data-testid={`${props.testId}-state`} data-password-set={props.stored === null ? undefined : String(props.stored)}>
        {hint()}
      </p>
    </div>
  );
}
