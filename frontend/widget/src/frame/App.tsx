// The widget frame: the launcher with its unread badge, and the panel. The token comes from the
// host page: a token of another customer starts a new session; one of the same customer (a
// refresh) replaces the token in the running session.
import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { customerKeyOf } from '../token.js';
import { connectHost } from './host.js';
import { createWidgetI18n } from './i18n.js';
import { Launcher } from './Launcher.jsx';
import { Panel } from './Panel.jsx';
import { createWidgetSession, type WidgetSession } from './session.js';

export function App(props: { preferredLocale: string | null }) {
  const i18n = createWidgetI18n(props.preferredLocale);
  const [open, setOpen] = createSignal(false);
  const [session, setSession] = createSignal<WidgetSession | null>(null);
  const [tokenRefused, setTokenRefused] = createSignal(false);
  let launcher: HTMLButtonElement | undefined;

  const setOpenState = (next: boolean) => {
    if (open() === next) return;
    setOpen(next);
    host.layout(next);
    // Conversations opened elsewhere (another tab, another device) show up when the panel opens.
    if (next && session()?.connection.state() === 'live') session()?.store.refresh().catch(() => undefined);
    // Back to the launcher once it is shown again.
    if (!next) requestAnimationFrame(() => launcher?.focus());
  };

  const host = connectHost({
    token(token) {
      const key = customerKeyOf(token);
      setTokenRefused(!key);
      if (!key) return;
      const current = session();
      if (current?.customerKey === key) {
        current.setToken(token);
        return;
      }
      current?.dispose();
      setSession(createWidgetSession(token, key));
    },
    open: () => setOpenState(true),
    close: () => setOpenState(false),
  });

  createEffect(on(i18n.locale, (locale) => host.locale(locale), { defer: true }));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open()) {
      event.preventDefault();
      setOpenState(false);
    }
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => {
    document.removeEventListener('keydown', onKeyDown);
    host.dispose();
    session()?.dispose();
  });

  return (
    <div class="widget" classList={{ 'widget--open': open(), 'widget--standalone': !host.embedded }}>
      <Launcher ref={(element) => (launcher = element)} hidden={open()} unread={session()?.store.unreadTotal() ?? 0} i18n={i18n} onOpen={() => setOpenState(true)} />
      <Panel open={open()} session={session()} tokenRefused={tokenRefused()} i18n={i18n} onClose={() => setOpenState(false)} />
    </div>
  );
}
