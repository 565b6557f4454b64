// Shown instead of the console while the server asks for a new password (a first sign-in with the
// password an administrator chose, a bootstrap account): the password form, and signing out as
// the only other way out. Once the password is set, the console opens with the new session.
import { onMount } from 'solid-js';
import { LanguageToggle } from '../ui/LanguageToggle.jsx';
import { changePassword, logout, me } from '../state/session.js';
import { t } from './i18n.js';
import { PasswordForm } from './PasswordForm.jsx';

export function ForcedPasswordChange() {
  let heading!: HTMLHeadingElement;
  // A new screen after signing in: start reading at its heading.
  onMount(() => heading.focus());
  return (
    <main class="login account-screen" data-testid="forced-password-change">
      <section class="panel" aria-labelledby="forced-password-title">
        <h1 id="forced-password-title" ref={heading} tabIndex={-1}>
          {t('forced.title')}
        </h1>
        <p class="account-intro">{t('forced.intro', { name: me()?.name ?? '' })}</p>
        <PasswordForm withCurrent email={me()?.email ?? null} submitLabel={t('forced.submit')} onSubmit={changePassword}>
          <button type="button" class="button" onClick={() => void logout()} data-testid="forced-logout">
            {t('forced.logout')}
          </button>
        </PasswordForm>
        <div class="account-foot">
          <span />
          <LanguageToggle />
        </div>
      </section>
    </main>
  );
}
