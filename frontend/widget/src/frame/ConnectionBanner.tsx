// The connection state, always in the DOM (data-state for tests and tools), shown only when the
// socket is not live: "connecting", "reconnecting" (resync included), "no network"; not when
// `quiet` (a refused token says more than "no network" would).
import type { ConnectionState } from '@smartchat/frontend-kit';
import { connectionNotice } from './connection-notice.js';
import type { WidgetI18n } from './i18n.js';

export function ConnectionBanner(props: { state: ConnectionState; wasLive: boolean; quiet: boolean; i18n: WidgetI18n }) {
  const notice = () => (props.quiet ? null : connectionNotice(props.state, props.wasLive));
  return (
    <div class={notice() ? `connection connection--${notice()}` : 'connection visually-hidden'} data-testid="widget-connection" data-state={props.state} role="status">
      {props.i18n.t(connectionNotice(props.state, props.wasLive) ?? 'connected')}
    </div>
  );
}
