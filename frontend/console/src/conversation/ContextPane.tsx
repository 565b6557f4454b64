// The customer beside the conversation: their ratings of it (Satisfaction.tsx), the e-mail side of
// an e-mail conversation (MailPanel.tsx), the back-office's actions on it (ActionsPanel.tsx, loaded
// on its own), profile, their other conversations, and what the company's back-office knows (when
// configured; its failure is shown, never fatal).
import { formatDateTime } from '@smartchat/frontend-kit';
import { A } from '@solidjs/router';
import { createResource, For, lazy, Show } from 'solid-js';
import { i18n, t } from '../i18n.js';
import { customerContext } from '../state/customers.js';
import { latest } from '../state/inbox.js';
import { me } from '../state/session.js';
import { EmailAddress } from './EmailAddress.jsx';
import { MailPanel } from './MailPanel.jsx';
import { Satisfaction } from './Satisfaction.jsx';
import { conversationLink } from '../inbox/links.js';

// Its own chunk: the first load stays within its budget (scripts/bundle-size.mjs).
const ActionsPanel = lazy(() => import('./ActionsPanel.jsx'));

export function ContextPane(props: { conversationId: string }) {
  // The open conversation as the conversation pane loaded it (no second request).
  const conversation = () => latest()[props.conversationId];
  const [context] = createResource(() => conversation()?.customerId ?? null, customerContext);
  const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);
  return (
    <aside class="context" aria-label={t('context.customer')} data-testid="context">
      <Show when={conversation() && !conversation()!.customerId}>
        <p class="muted">{t('context.internal')}</p>
      </Show>
      <Show when={conversation() && !conversation()!.internal}>
        <Satisfaction conversationId={props.conversationId} />
      </Show>
      <Show when={conversation()?.channel === 'email'}>
        <MailPanel conversationId={props.conversationId} />
      </Show>
      <ActionsPanel conversationId={props.conversationId} />
      <Show when={context()}>
        {(current) => (
          <>
            <h3>{t('context.customer')}</h3>
            <p style={{ 'font-size': '16px', 'font-weight': 600, margin: '0 0 6px', 'overflow-wrap': 'anywhere' }} data-testid="context-name">
              {current().customer.name ?? current().customer.externalId}
            </p>
            <dl>
              <dt>{t('context.email')}</dt>
              <dd class="email" data-testid="context-email">
                <Show when={current().customer.email} fallback="—">
                  {(email) => <EmailAddress email={email()} />}
                </Show>
              </dd>
              <dt>{t('context.externalId')}</dt>
              <dd>{current().customer.externalId}</dd>
              <dt>{t('context.since')}</dt>
              <dd>{formatDateTime(current().customer.createdAt, i18n.locale(), me()?.timeZone)}</dd>
            </dl>
            <h3>{t('context.backoffice')}</h3>
            <Show when={current().backoffice} fallback={<p class="muted">{backofficeProblem(current().backofficeError)}</p>}>
              {(data) => (
                <>
                  <dl data-testid="backoffice">
                    <For each={data().fields}>
                      {(field) => (
                        <>
                          <dt>{field.label}</dt>
                          <Show when={looksLikeEmail(field.value)} fallback={<dd>{field.value}</dd>}>
                            <dd class="email">
                              <EmailAddress email={field.value} />
                            </dd>
                          </Show>
                        </>
                      )}
                    </For>
                  </dl>
                  <ul>
                    <For each={data().links ?? []}>
                      {(link) => (
                        <li>
                          <a href={safeUrl(link.url)} target="_blank" rel="noopener noreferrer">
                            {link.label}
                          </a>
                        </li>
                      )}
                    </For>
                  </ul>
                </>
              )}
            </Show>
            <h3>{t('context.other')}</h3>
            <ul data-testid="other-conversations">
              <For each={current().conversations.filter((item) => item.id !== props.conversationId)} fallback={<li class="muted">{t('context.noOther')}</li>}>
                {(item) => (
                  <li>
                    <A href={conversationLink(item.id)}>
                      {item.topic ?? '—'} · {t(`status.${item.status}`)}
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </aside>
  );
}

/** A back-office value that is one e-mail address (shown like the customer's own). */
function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(value);
}

/** What the pane says when the back-office gave nothing: not known to it (404), or why it did not answer. */
function backofficeProblem(reason: string | null): string {
  if (!reason) return '—';
  return reason === 'status_404' ? t('context.backofficeUnknown') : t('context.backofficeError', { reason });
}
