// The signed-in agent's menu at the foot of the navigation: their name on a menu button, and
// "change password", "sign out everywhere" and "sign out". A menu button as in the WAI-ARIA
// practices: Enter, Space or the arrows open it onto an item, the arrows, Home and End move,
// Escape closes it back onto the button, Tab or a click elsewhere closes it.
import { Icon } from '@smartchat/frontend-kit';
import { createSignal, createUniqueId, For, lazy, onCleanup, Show } from 'solid-js';
import { createStatusLine } from '../admin/task.js';
import { logout, me } from '../state/session.js';
import { t } from './i18n.js';
import './account.css';

const ChangePasswordDialog = lazy(() => import('./ChangePasswordDialog.jsx'));
const LogoutEverywhereDialog = lazy(() => import('./LogoutEverywhereDialog.jsx'));

type Open = 'change-password' | 'logout-everywhere' | null;

export function AccountMenu() {
  const menuId = createUniqueId();
  const [expanded, setExpanded] = createSignal(false);
  const [dialog, setDialog] = createSignal<Open>(null);
  const status = createStatusLine();
  let button!: HTMLButtonElement;
  let menu: HTMLUListElement | undefined;

  const items = [
    { id: 'change-password', label: () => t('menu.changePassword'), run: () => setDialog('change-password') },
    { id: 'logout-everywhere', label: () => t('menu.logoutEverywhere'), run: () => setDialog('logout-everywhere') },
    { id: 'logout', label: () => t('menu.logout'), run: () => void logout() },
  ] as const;

  const menuItems = () => [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const focusItem = (index: number) => {
    const all = menuItems();
    all[(index + all.length) % all.length]?.focus();
  };
  const open = (focusIndex: number) => {
    setExpanded(true);
    focusItem(focusIndex);
    document.addEventListener('pointerdown', onOutside, true);
  };
  const close = (returnFocus: boolean) => {
    document.removeEventListener('pointerdown', onOutside, true);
    setExpanded(false);
    if (returnFocus) button.focus();
  };
  const onOutside = (event: PointerEvent) => {
    const target = event.target as Node | null;
    if (target && !menu?.contains(target) && !button.contains(target)) close(false);
  };
  onCleanup(() => document.removeEventListener('pointerdown', onOutside, true));

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowDown' ? 0 : -1);
    }
  };
  const onMenuKey = (event: KeyboardEvent) => {
    const all = menuItems();
    const index = all.indexOf(document.activeElement as HTMLElement);
    switch (event.key) {
      case 'ArrowDown':
        focusItem(index + 1);
        break;
      case 'ArrowUp':
        focusItem(index - 1);
        break;
      case 'Home':
        focusItem(0);
        break;
      case 'End':
        focusItem(-1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };
  const choose = (run: () => void) => {
    // Back onto the button first: a dialog opened now returns focus there when it closes.
    close(true);
    run();
  };

  return (
    <div class="account-menu">
      <button
        ref={button}
        type="button"
        class="button account-button"
        aria-haspopup="menu"
        aria-expanded={expanded()}
        aria-controls={expanded() ? menuId : undefined}
        onClick={() => (expanded() ? close(true) : open(0))}
        onKeyDown={onButtonKey}
        data-testid="account-menu"
      >
        <span class="account-name">
          <span class="visually-hidden">{t('menu.label')}: </span>
          <span data-testid="me-name">{me()?.name}</span>
        </span>
        <Icon name="chevron-up" />
      </button>
      <Show when={expanded()}>
        <ul ref={menu} id={menuId} role="menu" aria-label={t('menu.label')} onKeyDown={onMenuKey} data-testid="account-menu-items">
          <For each={items}>
            {(item) => (
              <li role="none">
                <button type="button" role="menuitem" tabIndex={-1} classList={{ danger: item.id === 'logout-everywhere' }} onClick={() => choose(item.run)} data-testid={`account-${item.id}`}>
                  {item.label()}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="account-status" role="status" data-testid="account-status">
        {status.text()}
      </p>
      <Show when={dialog() === 'change-password'}>
        <ChangePasswordDialog onClose={() => setDialog(null)} onChanged={() => status.say(t('change.done'))} returnFocus={() => button} />
      </Show>
      <Show when={dialog() === 'logout-everywhere'}>
        <LogoutEverywhereDialog onClose={() => setDialog(null)} returnFocus={() => button} />
      </Show>
    </div>
  );
}
