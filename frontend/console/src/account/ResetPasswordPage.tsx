// /console/reset-password#token=…: an agent sets a new password with the one-time link an admin
// gave them, without being signed in. A link that no longer works (used, replaced, expired) says
// to ask an admin for a new one; success says so and leads to the sign-in. A new link pasted into
// the same tab changes only the fragment (no reload): the page starts over with it.
import { ApiError } from '@smartchat/frontend-kit';
import { createSignal, Match, onCleanup, onMount, Switch } from 'solid-js';
import { LanguageToggle } from '../ui/LanguageToggle.jsx';
import { t } from './i18n.js';
import { PasswordForm } from './PasswordForm.jsx';
import { publicApi } from './public-api.js';
import { takeResetToken } from './reset-link.js';
import './account.css';

type Outcome = 'form' | 'done' | 'invalid';

export function ResetPasswordPage() {
  const [token, setToken] = createSignal(takeResetToken());
  const [outcome, setOutcome] = createSignal<Outcome>(token() ? 'form' : 'invalid');
  let heading!: HTMLHeadingElement;
  let outcomeText: HTMLParagraphElement | undefined;
  onMount(() => (outcome() === 'form' ? heading : outcomeText)?.focus());

  const onHashChange = () => {
    const next = takeResetToken();
    if (!next) return;
    setToken(next);
    setOutcome('form');
    heading.focus();
  };
  window.addEventListener('hashchange', onHashChange);
  onCleanup(() => window.removeEventListener('hashchange', onHashChange));

  const submit = async (_current: string, newPassword: string) => {
    try {
      await publicApi.post('/v1/auth/password-reset', { body: { token: token() ?? '', newPassword } });
      setOutcome('done');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SC_ERR_AUTH_RESET_INVALID') setOutcome('invalid');
      else throw error;
    }
    outcomeText?.focus();
  };

  return (
    <main class="login account-screen" data-testid="reset-password-page">
      <section class="panel" aria-labelledby="reset-password-title">
        <h1 id="reset-password-title" ref={heading} tabIndex={-1}>
          {t('reset.title')}
        </h1>
        <Switch>
          <Match when={outcome() === 'form'}>
            <p class="account-intro">{t('reset.intro')}</p>
            <PasswordForm withCurrent={false} email={null} submitLabel={t('reset.submit')} onSubmit={submit} />
          </Match>
          <Match when={outcome() === 'done'}>
            <p ref={outcomeText} tabIndex={-1} role="status" data-testid="reset-password-done">
              {t('reset.done')}
            </p>
          </Match>
          <Match when={outcome() === 'invalid'}>
            <p ref={outcomeText} tabIndex={-1} class="error-text" role="alert" data-testid="reset-password-invalid">
              {token() ? t('reset.invalid') : t('reset.noToken')}
            </p>
          </Match>
        </Switch>
        <div class="account-foot">
          <a href={import.meta.env.BASE_URL} data-testid="reset-password-sign-in">
            {t('reset.signIn')}
          </a>
          <LanguageToggle />
        </div>
      </section>
    </main>
  );
}
