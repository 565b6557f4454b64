// The connection state is always visible: a dot with its name in the navigation, and a banner
// across the top whenever it is not live, with the number of messages waiting to be sent.
import { Show } from 'solid-js';
import { t } from '../i18n.js';
import { connection, outboxItems } from '../state/session.js';

const state = () => connection()?.state() ?? 'connecting';

export function ConnectionBadge() {
  return (
    <div class="connection" data-state={state()} data-testid="connection" role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      <span>{t(`connection.${state()}`)}</span>
      <Show when={outboxItems().length > 0}>
        <span class="badge" data-testid="outbox-count">
          {t('connection.queued', { count: outboxItems().length })}
        </span>
      </Show>
    </div>
  );
}

export function ConnectionBanner() {
  return (
    <Show when={state() !== 'live'}>
      <div class="connection-banner" style={{ position: 'fixed', top: 0, left: '50%', transform: 'translateX(-50%)', 'z-index': 40, 'border-radius': '0 0 8px 8px' }} data-testid="connection-banner">
        {t(`connection.${state()}`)}
      </div>
    </Show>
  );
}
