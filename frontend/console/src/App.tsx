// The console's frame: the login until a session exists, the "set a new password" screen while
// the server asks for one, then the shell (navigation, list, conversation, customer context), the
// admin area, statistics or message search, with the command menu, shortcut help and the keys
// that open them available everywhere. A password reset
// link opens its own page, signed in or not.
import { Route, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createSignal, lazy, Match, onMount, Show, Switch, type JSX } from 'solid-js';
import { Login } from './Login.jsx';
import { ForcedPasswordChange } from './account/ForcedPasswordChange.jsx';
import { ResetPasswordPage } from './account/ResetPasswordPage.jsx';
import { isResetPasswordPage } from './account/reset-link.js';
import { Nav } from './inbox/Nav.jsx';
import { InboxPage } from './inbox/InboxPage.jsx';
import { ConnectionBanner } from './ui/Connection.jsx';
import { commandMenuOpen, setCommandMenuOpen } from './ui/command-menu-state.js';
import { ShortcutsHelp, helpOpen, setHelpOpen } from './ui/ShortcutsHelp.jsx';
import { useGlobalKeys } from './ui/global-keys.js';
import { me, sessionError, startSession, token } from './state/session.js';
import { startLiveEvents } from './state/events.js';
import { t } from './i18n.js';

const AdminPage = lazy(() => import('./admin/AdminPage.jsx'));
// Its own chunk with the chart library: the inbox bundle does not grow with statistics.
const StatisticsPage = lazy(() => import('./statistics/StatisticsPage.jsx'));
const SearchPage = lazy(() => import('./search/SearchPage.jsx'));
// Loaded the first time Ctrl/Cmd-K opens it.
const CommandMenu = lazy(() => import('./ui/CommandMenu.jsx').then((module) => ({ default: module.CommandMenu })));

export function App() {
  if (isResetPasswordPage()) return <ResetPasswordPage />;
  const [starting, setStarting] = createSignal(true);
  onMount(() => {
    void startSession().finally(() => setStarting(false));
  });
  return (
    <Show when={!starting()} fallback={<p class="login muted">{t('common.loading')}</p>}>
      <Switch fallback={<Login />}>
        <Match when={token() && me()?.mustChangePassword}>
          <ForcedPasswordChange />
        </Match>
        <Match when={token() && me()}>
          <Router base="/console" root={Shell}>
            <Route path="/" component={InboxPage} />
            <Route path="/inbox/:view/:conversationId?" component={InboxPage} />
            <Route path="/admin/:section?" component={AdminWrapper} />
            <Route path="/statistics/:tab?" component={StatisticsWrapper} />
            <Route path="/search" component={SearchWrapper} />
            <Route path="*" component={InboxPage} />
          </Router>
        </Match>
      </Switch>
      <Show when={sessionError()}>{(error) => <p role="alert" class="error-text">{t('common.error', { reason: error() })}</p>}</Show>
    </Show>
  );
}

function AdminWrapper() {
  return <AdminPage />;
}

function StatisticsWrapper() {
  return <StatisticsPage />;
}

function SearchWrapper() {
  return <SearchPage />;
}

function Shell(props: RouteSectionProps): JSX.Element {
  const navigate = useNavigate();
  startLiveEvents();
  const inSection = (section: string) => props.location.pathname.startsWith(`/console${section}`) || props.location.pathname.startsWith(section);
  // Admin, statistics and search pages use the whole width beside the navigation.
  const adminMode = () => ['/admin', '/statistics', '/search'].some(inSection);
  useGlobalKeys({ onSearchPage: () => inSection('/search'), openSearch: () => navigate('/search') });
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
