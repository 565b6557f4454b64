// An answer's e-mail delivery state as a badge: the state is always written out (colour is never
// the only sign), with a clock while it waits and a tick once sent.
import type { MailDelivery } from '@smartchat/contracts';
import { Icon } from '@smartchat/frontend-kit';
import { Match, Switch } from 'solid-js';
import { t } from './mail-i18n.js';

export type DeliveryState = MailDelivery['state'];

const BADGES: Record<DeliveryState, string> = { queued: 'badge', sending: 'badge accent', sent: 'badge ok', failed: 'badge danger' };

/** The state's own word; `text` replaces it where more is said ("E-mail: sent"). */
export function DeliveryBadge(props: { state: DeliveryState; text?: string; testId?: string }) {
  return (
    <span class={`${BADGES[props.state]} mail-state`} data-state={props.state} data-testid={props.testId ?? 'mail-delivery-state'}>
      <Switch>
        <Match when={props.state === 'sent'}>
          <Icon name="check" />{' '}
        </Match>
        <Match when={props.state === 'queued' || props.state === 'sending'}>
          <Icon name="clock" />{' '}
        </Match>
      </Switch>
      {props.text ?? t(`mail.state.${props.state}`)}
    </span>
  );
}
