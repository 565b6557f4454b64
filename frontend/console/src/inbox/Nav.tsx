import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { i18n, t } from '../i18n.js';
import { counts, VIEWS, type View } from '../state/inbox.js';
import { can, me } from '../state/session.js';
import { ConnectionBadge } from '../ui/Connection.jsx';
import { AccountMenu } from '../account/AccountMenu.jsx';

export function Nav() {
  // "All" needs a role that sees every conversation; the other lists exist for everyone.
  const views = (): View[] => VIEWS.filter((view) => view !== 'all' || me()?.scope === 'all');
  return (
    <nav class="nav" aria-label={t('nav.inbox')} data-testid="nav">
      <header>
        <span>{t('app.title')}</span>
        <button type="button" class="button small" onClick={() => i18n.setLocale(i18n.locale() === 'ru' ? 'en' : 'ru')} aria-label={`${i18n.locale() === 'ru' ? 'EN' : 'RU'} · ${t('nav.language')}`} data-testid="lang-switch">
          {i18n.locale() === 'ru' ? 'EN' : 'RU'}
        </button>
      </header>
      <ul>
        <For each={views()}>
          {(view) => (
            <li>
              <A href={`/inbox/${view}`} data-testid={`view-${view}`}>
                <span>{t(`view.${view}`)}</span>
                <span class="count" data-testid={`count-${view}`} aria-label={`${t(`view.${view}`)}: ${counts()[view] ?? 0}`}>
                  {counts()[view] ?? ''}
                </span>
              </A>
            </li>
          )}
        </For>
      </ul>
      {/* Every agent has admin pages of their own (personal macros); /admin opens the first one allowed. */}
      <ul style={{ 'margin-top': '12px' }}>
        <li>
          <A href="/search" data-testid="nav-search" aria-keyshortcuts="/">
            <span>{t('nav.search')}</span>
            <kbd class="nav-key" aria-hidden="true">
              /
            </kbd>
          </A>
        </li>
        <Show when={can('statistics.view')}>
          <li>
            <A href="/statistics" data-testid="nav-statistics">
              {t('nav.statistics')}
            </A>
          </li>
        </Show>
        <li>
          <A href="/admin" data-testid="nav-admin">
            {t('nav.admin')}
          </A>
        </li>
      </ul>
      <footer>
        <ConnectionBadge />
        <AccountMenu />
      </footer>
    </nav>
  );
}
