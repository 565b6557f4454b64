// The console's frame: the login until a session exists, then the shell (navigation, list,
// conversation, customer context) or the admin area, with the command menu and shortcut help
// available everywhere.
import { Route, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createSignal, lazy, onMount, Show, type JSX } from 'solid-js';
import { Login } from './Login.jsx';
import { Nav } from './inbox/Nav.jsx';
import { InboxPage } from './inbox/InboxPage.jsx';
import { ConnectionBanner } from './ui/Connection.jsx';
import { CommandMenu, commandMenuOpen, setCommandMenuOpen } from './ui/CommandMenu.jsx';
import { ShortcutsHelp, helpOpen, setHelpOpen } from './ui/ShortcutsHelp.jsx';
import { me, sessionError, startSession, token } from './state/session.js';
import { startLiveEvents } from './state/events.js';
import { t } from './i18n.js';

const AdminPage = lazy(() => import('./admin/AdminPage.jsx'));

export function App() {
  const [starting, setStarting] = createSignal(true);
  onMount(() => {
    void startSession().finally(() => setStarting(false));
  });
  return (
    <Show when={!starting()} fallback={<p class="login muted">{t('common.loading')}</p>}>
      <Show when={token() && me()} fallback={<Login />}>
        <Router base="/console" root={Shell}>
          <Route path="/" component={InboxPage} />
          <Route path="/inbox/:view/:conversationId?" component={InboxPage} />
          <Route path="/admin/:section?" component={AdminWrapper} />
          <Route path="*" component={InboxPage} />
        </Router>
      </Show>
      <Show when={sessionError()}>{(error) => <p role="alert" class="error-text">{t('common.error', { reason: error() })}</p>}</Show>
    </Show>
  );
}

function AdminWrapper() {
  return <AdminPage />;
}

function Shell(props: RouteSectionProps): JSX.Element {
  const navigate = useNavigate();
  startLiveEvents();
  const adminMode = () => props.location.pathname.startsWith('/console/admin') || props.location.pathname.startsWith('/admin');
  return (
    <div class="shell" classList={{ 'admin-mode': adminMode() }}>
      <Nav />
      {props.children}
      <ConnectionBanner />
      <Show when={commandMenuOpen()}>
        <CommandMenu onClose={() => setCommandMenuOpen(false)} navigate={navigate} />
      </Show>
      <Show when={helpOpen()}>
        <ShortcutsHelp onClose={() => setHelpOpen(false)} />
      </Show>
    </div>
  );
}
