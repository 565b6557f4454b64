// What a mailbox received, newest first, page by page: when, from whom, the subject, and what became
// of it (a new conversation, added to one, or refused and why), with a link to its conversation.
import type { Mailbox, ReceivedMail } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { A } from '@solidjs/router';
import { createSignal, For, onMount, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { conversationLink } from '../../inbox/links.js';
import { api, me } from '../../state/session.js';
import { t } from '../i18n.js';
import { createTask } from '../task.js';
import { Dialog } from '../ui/Dialog.jsx';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { LoadState } from '../ui/Feedback.jsx';
import { detailText, outcomeLabel, RECEIVED_STATE_LABELS, receivedBadgeClass } from './mail-labels.js';

const PAGE_SIZE = 50;

export function ReceivedMailDialog(props: { mailbox: Mailbox; onClose: () => void }) {
  const [received, setReceived] = createSignal<ReceivedMail[]>([]);
  const [more, setMore] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const loading = createTask();
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);

  const load = (older: boolean) =>
    loading.run(async () => {
      // The next page: older than the oldest shown.
      const before = older ? received()[received().length - 1]?.id : undefined;
      const page = await api.get('/v1/mailboxes/{id}/received', { params: { path: { id: props.mailbox.id }, query: { limit: PAGE_SIZE, before } } });
      const shown = older ? received() : [];
      const known = new Set(shown.map((mail) => mail.id));
      setReceived([...shown, ...page.received.filter((mail) => !known.has(mail.id))]);
      setMore(page.received.length === PAGE_SIZE);
      setLoaded(true);
    });
  onMount(() => void load(false));

  return (
    <Dialog title={t('received.title', { address: props.mailbox.address })} onClose={() => props.onClose()} testId="admin-mailbox-received" wide>
      <div class="admin-head">
        <p class="admin-hint">{t('received.hint')}</p>
        <button type="button" class="button small" disabled={loading.busy()} onClick={() => void load(false)}>
          {t('common.refresh')}
        </button>
      </div>
      <LoadState task={loading} retry={() => void load(received().length > 0)} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('received.title', { address: props.mailbox.address })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('received.at')}</th>
              <th scope="col">{t('received.sender')}</th>
              <th scope="col">{t('received.subject')}</th>
              <th scope="col">{t('received.state')}</th>
              <th scope="col">{t('received.outcome')}</th>
              <th scope="col">{t('received.conversation')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={received()} fallback={<EmptyRow columns={6} text={t('received.none')} />}>
              {(mail) => (
                <tr data-testid="admin-received-row" data-id={mail.id} data-state={mail.state} data-outcome={mail.outcome ?? undefined}>
                  <td class="admin-nowrap">
                    {when(mail.receivedAt)}
                    <br />
                    <span class="muted">{t('received.via', { method: mail.via.toUpperCase() })}</span>
                  </td>
                  <td class="admin-pre">{mail.sender ?? <span class="muted">{t('received.noSender')}</span>}</td>
                  <td class="admin-pre">{mail.subject || <span class="muted">{t('received.noSubject')}</span>}</td>
                  <td>
                    <span class={receivedBadgeClass(mail.state)}>{t(RECEIVED_STATE_LABELS[mail.state])}</span>
                  </td>
                  <td>
                    {t(outcomeLabel(mail.outcome))}
                    <Show when={detailText(mail.detail)}>
                      {(detail) => (
                        <>
                          <br />
                          <span class="admin-code">{detail()}</span>
                        </>
                      )}
                    </Show>
                  </td>
                  <td>
                    <Show when={mail.conversationId} fallback="—">
                      {(conversationId) => (
                        <A href={conversationLink(conversationId())} aria-label={t('received.openConversationLabel', { time: when(mail.receivedAt) })} data-testid="admin-received-conversation">
                          {t('received.openConversation')}
                        </A>
                      )}
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={more()}>
          <button type="button" class="button admin-more" disabled={loading.busy()} onClick={() => void load(true)}>
            {loading.busy() ? t('common.loading') : t('common.loadMore')}
          </button>
        </Show>
      </Show>
    </Dialog>
  );
}
