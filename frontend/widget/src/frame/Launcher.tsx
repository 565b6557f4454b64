// The round button in the corner, with the number of unread agent replies.
import { Show } from 'solid-js';
import type { WidgetI18n } from './i18n.js';
import { badgeText } from './unread.js';

export function Launcher(props: { ref: (element: HTMLButtonElement) => void; hidden: boolean; unread: number; i18n: WidgetI18n; onOpen(): void }) {
  return (
    <button
      ref={props.ref}
      type="button"
      class="launcher"
      data-testid="widget-launcher"
      hidden={props.hidden}
      aria-haspopup="dialog"
      aria-expanded="false"
      aria-label={props.unread > 0 ? props.i18n.t('launcherUnread', { count: props.unread }) : props.i18n.t('launcherOpen')}
      onClick={() => props.onOpen()}
    >
      <svg class="launcher__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.5 3.6A.9.9 0 0 1 3 20.9V18H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z" fill="currentColor" />
        <path d="M7 9h10M7 13h6" stroke="var(--accent)" stroke-width="1.8" stroke-linecap="round" />
      </svg>
      <Show when={props.unread > 0}>
        <span class="launcher__badge" data-testid="widget-unread" aria-hidden="true">
          {badgeText(props.unread)}
        </span>
      </Show>
    </button>
  );
}
