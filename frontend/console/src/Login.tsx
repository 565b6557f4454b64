import { ApiError } from '@smartchat/frontend-kit';
import { createSignal, Show } from 'solid-js';
import { i18n, t } from './i18n.js';
import { login } from './state/session.js';

export function Login() {
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email().trim(), password());
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? t('login.failed') : failure instanceof ApiError && failure.status === 0 ? t('login.unavailable') : failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form class="panel" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <h1 id="login-title">{t('login.title')}</h1>
        <div class="field">
          <label for="login-email">{t('login.email')}</label>
          <input id="login-email" class="input" type="email" autocomplete="username" required value={email()} onInput={(event) => setEmail(event.currentTarget.value)} data-testid="login-email" />
        </div>
        <div class="field">
          <label for="login-password">{t('login.password')}</label>
          <input id="login-password" class="input" type="password" autocomplete="current-password" required value={password()} onInput={(event) => setPassword(event.currentTarget.value)} data-testid="login-password" />
        </div>
        <Show when={error()}>
          <p class="error-text" role="alert" data-testid="login-error">
            {error()}
          </p>
        </Show>
        <div style={{ display: 'flex', 'justify-content': 'space-between', 'align-items': 'center' }}>
          <button class="button primary" type="submit" disabled={busy()} data-testid="login-submit">
            {busy() ? t('login.busy') : t('login.submit')}
          </button>
          <button type="button" class="button small" onClick={() => i18n.setLocale(i18n.locale() === 'ru' ? 'en' : 'ru')} aria-label={t('nav.language')}>
            {i18n.locale() === 'ru' ? 'English' : 'Русский'}
          </button>
        </div>
      </form>
    </main>
  );
}
