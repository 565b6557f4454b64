// The round button in the corner, with the number of unread agent replies.
import { Icon } from '@smartchat/frontend-kit';
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
      <Icon name="chat" class="launcher__icon" />
      <Show when={props.unread > 0}>
        <span class="launcher__badge" data-testid="widget-unread" aria-hidden="true">
          {badgeText(props.unread)}
        </span>
      </Show>
    </button>
  );
}
