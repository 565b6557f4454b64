// The e-mail side of an e-mail conversation, in the context pane: which support mailbox it runs
// through and the customer's address, each answer's delivery (queued with its next attempt,
// sending, sent, failed with the reason and a way to send it again), and the e-mails received with
// their originals. Kept current while it is shown (state/conversation-mail.ts).
import type { MailDelivery, ReceivedMail } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { i18n } from '../i18n.js';
import { conversationMail, conversationMailError, downloadOriginal, followConversationMail, retryDelivery } from '../state/conversation-mail.js';
import { api, me } from '../state/session.js';
import { DeliveryBadge } from './DeliveryBadge.jsx';
import { EmailAddress } from './EmailAddress.jsx';
import { t } from './mail-i18n.js';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function MailPanel(props: { conversationId: string }) {
  // Followed for as long as the panel is shown: the pane is made anew for another conversation.
  const follow = followConversationMail(props.conversationId);
  const view = () => conversationMail(props.conversationId);
  const loadError = () => conversationMailError(props.conversationId);
  const [retrying, setRetrying] = createSignal<string | null>(null);
  const [actionError, setActionError] = createSignal<string | null>(null);
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);

  const deliveries = createMemo(() => [...(view()?.mail.deliveries ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  const received = createMemo(() => [...(view()?.mail.received ?? [])].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)));

  const labels = { reply: 'mail.reply', acknowledgement: 'mail.acknowledgement', csat: 'mail.csat', notice: 'mail.notice' } as const;
  const what = (delivery: MailDelivery) => t(labels[delivery.kind], { time: when(delivery.createdAt) });
  const retry = async (delivery: MailDelivery) => {
    if (retrying()) return;
    setActionError(null);
    setRetrying(delivery.id);
    try {
      await retryDelivery(props.conversationId, delivery.id);
    } catch (error) {
      setActionError(t('mail.retryFailed', { reason: reason(error) }));
    } finally {
      setRetrying(null);
    }
    // Queued again (followed until it is sent or fails), or refused because its state changed meanwhile: show where it is.
    await follow.refresh();
  };
  // A received message laid out as it was sent: its sanitised HTML in a frame that may run nothing
  // (a sandbox without allow-scripts; its links may open a tab), under the console's content policy
  // (nothing remote loads).
  const [shownHtml, setShownHtml] = createSignal<{ id: string; html: string | null } | null>(null);
  const asSent = async (mail: ReceivedMail) => {
    setActionError(null);
    if (shownHtml()?.id === mail.id) return setShownHtml(null);
    try {
      const { html } = await api.get('/v1/conversations/{id}/mail/received/{receivedId}/html', { params: { path: { id: props.conversationId, receivedId: mail.id } } });
      setShownHtml({ id: mail.id, html });
    } catch (error) {
      setActionError(t('mail.asSentFailed', { reason: reason(error) }));
    }
  };
  const original = async (mail: ReceivedMail) => {
    setActionError(null);
    try {
      await downloadOriginal(props.conversationId, mail.id);
    } catch (error) {
      setActionError(t('mail.originalFailed', { reason: reason(error) }));
    }
  };

  return (
    <section class="mail-panel" aria-labelledby="mail-panel-title" data-testid="mail-panel">
      <h3 id="mail-panel-title">{t('mail.title')}</h3>
      <Show when={loadError()}>
        <p class="error-text" role="alert" data-testid="mail-panel-error">
          {t('mail.loadFailed', { reason: reason(loadError()) })}{' '}
          <button type="button" class="button small" onClick={() => void follow.refresh()}>
            {t('mail.refresh')}
          </button>
        </p>
      </Show>
      <Show
        when={view()}
        fallback={
          <Show when={!loadError()}>
            <p class="muted">{t('mail.loading')}</p>
          </Show>
        }
      >
        {(current) => (
          <>
            <dl>
              <dt>{t('mail.mailbox')}</dt>
              <dd class="email" data-testid="mail-mailbox">
                <Show when={current().mail.mailboxAddress} fallback="—">
                  {(address) => <EmailAddress email={address()} />}
                </Show>
              </dd>
              <dt>{t('mail.customer')}</dt>
              <dd class="email" data-testid="mail-customer">
                <EmailAddress email={current().mail.customerAddress} />
              </dd>
            </dl>
            <h4>{t('mail.deliveries')}</h4>
            <ul class="mail-list" data-testid="mail-deliveries">
              <For each={deliveries()} fallback={<li class="muted">{t('mail.noDeliveries')}</li>}>
                {(delivery) => (
                  <li class="mail-item" data-testid="mail-delivery" data-id={delivery.id} data-state={delivery.state}>
                    <div class="mail-item-head">
                      <DeliveryBadge state={delivery.state} />
                      <span>{what(delivery)}</span>
                    </div>
                    <Show when={delivery.state === 'sent' && delivery.sentAt}>{(at) => <p class="mail-item-note">{t('mail.sentAt', { time: when(at()) })}</p>}</Show>
                    <Show when={delivery.state === 'queued' && delivery.nextAttemptAt}>
                      {(at) => (
                        <p class="mail-item-note" data-testid="mail-next-attempt">
                          {t('mail.nextAttempt', { time: when(at()) })}
                          <Show when={delivery.attempts > 0}> · {t('mail.attempts', { count: delivery.attempts })}</Show>
                        </p>
                      )}
                    </Show>
                    <Show when={delivery.state === 'failed'}>
                      <Show when={delivery.failedAt}>
                        {(at) => (
                          <p class="mail-item-note">
                            {t('mail.failedAt', { time: when(at()) })}
                            <Show when={delivery.attempts > 0}> · {t('mail.attempts', { count: delivery.attempts })}</Show>
                          </p>
                        )}
                      </Show>
                      <Show when={delivery.lastError}>
                        {(error) => (
                          <p class="mail-item-note mail-error" data-testid="mail-last-error">
                            {t('mail.lastError', { reason: error() })}
                          </p>
                        )}
                      </Show>
                      <button
                        type="button"
                        class="button small"
                        disabled={retrying() !== null}
                        aria-label={t('mail.retryLabel', { what: what(delivery) })}
                        onClick={() => void retry(delivery)}
                        data-testid="mail-retry"
                      >
                        {retrying() === delivery.id ? t('mail.retrying') : t('mail.retry')}
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <h4>{t('mail.received')}</h4>
            <ul class="mail-list" data-testid="mail-received">
              <For each={received()} fallback={<li class="muted">{t('mail.noReceived')}</li>}>
                {(mail) => (
                  <li class="mail-item" data-testid="mail-received-item" data-id={mail.id}>
                    <div class="mail-item-head">
                      <span class="mail-time">{when(mail.receivedAt)}</span>
                      <Show when={mail.hasOriginal}>
                        <button type="button" class="button small" aria-label={t('mail.originalLabel', { time: when(mail.receivedAt) })} onClick={() => void original(mail)} data-testid="mail-original">
                          {t('mail.original')}
                        </button>
                      </Show>
                    </div>
                    <p class="mail-item-note mail-subject">{mail.subject || t('mail.noSubject')}</p>
                    <Show when={mail.hasOriginal}>
                      <button type="button" class="button small" aria-expanded={shownHtml()?.id === mail.id} onClick={() => void asSent(mail)} data-testid="mail-as-sent">
                        {shownHtml()?.id === mail.id ? t('mail.asSentHide') : t('mail.asSent')}
                      </button>
                    </Show>
                    <Show when={shownHtml()?.id === mail.id ? shownHtml() : null}>
                      {(shown) => (
                        <Show when={shown().html} fallback={<p class="muted">{t('mail.noHtml')}</p>}>
                          {(html) => <iframe class="mail-html" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc={html()} title={t('mail.asSentTitle', { time: when(mail.receivedAt) })} data-testid="mail-html" />}
                        </Show>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <Show when={actionError()}>
              <p class="error-text" role="alert" data-testid="mail-action-error">
                {actionError()}
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
