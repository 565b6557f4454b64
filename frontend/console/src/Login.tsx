// The sign-in form. Wrong credentials say so; too many failed sign-ins (for the account or from
// this address) pause signing in: the message says for how long, a countdown shows what is left,
// and the button stays disabled until then (the server would refuse anyway, without checking).
// Another e-mail may not be locked: typing one lets the agent try (the server says if it is).
// Above the form, the product's name and the company's (GET /v1/auth/desk; SMARTCHAT_COMPANY_NAME).
import { ApiError, Icon } from '@smartchat/frontend-kit';
import { createResource, createSignal, Show } from 'solid-js';
import { t } from './i18n.js';
import { api, login } from './state/session.js';
import { clockWait, createCountdown, retryAfterSeconds, wordsWait } from './ui/countdown.js';
import { LanguageToggle } from './ui/LanguageToggle.jsx';

export function Login() {
  // The company whose desk this is (SMARTCHAT_COMPANY_NAME), beside the product's name; none when unset or unreachable.
  const [company] = createResource(() =>
    api
      .get('/v1/auth/desk')
      .then((desk) => desk.company)
      .catch(() => null),
  );
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const throttle = createCountdown(() => setStatus(t('login.retryNow')));
  const throttled = () => throttle.remaining() > 0;
  const changeEmail = (value: string) => {
    if (value.trim().toLowerCase() !== email().trim().toLowerCase()) throttle.clear();
    setEmail(value);
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (throttled()) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await login(email().trim(), password());
    } catch (failure) {
      const wait = retryAfterSeconds(failure);
      if (wait !== null) throttle.start(wait);
      else setError(failure instanceof ApiError && failure.status === 401 ? t('login.failed') : failure instanceof ApiError && failure.status === 0 ? t('login.unavailable') : failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form class="panel" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <p class="login-brand" data-testid="login-brand">
          <Icon name="chat" class="login-mark" />
          <span>{t('app.title')}</span>
          <Show when={company()}>
            {(name) => (
              <span class="login-company" data-testid="login-company">
                {name()}
              </span>
            )}
          </Show>
        </p>
        <h1 id="login-title">{t('login.title')}</h1>
        <div class="field">
          <label for="login-email">{t('login.email')}</label>
          <input id="login-email" class="input" type="email" autocomplete="username" required value={email()} onInput={(event) => changeEmail(event.currentTarget.value)} data-testid="login-email" />
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
        <Show when={throttled()}>
          <div class="throttle" data-testid="login-throttled">
            {/* Announced once; the countdown below is a timer, which screen readers do not read out every second. */}
            <p class="error-text" role="alert" data-testid="login-error">
              {t('login.throttled', { wait: wordsWait(throttle.total()) })}
            </p>
            <p id="login-countdown" class="throttle-countdown">
              {t('login.retryIn')}{' '}
              <span role="timer" data-testid="login-countdown">
                {clockWait(throttle.remaining())}
              </span>
            </p>
          </div>
        </Show>
        <p class="visually-hidden" role="status">
          {status()}
        </p>
        <div style={{ display: 'flex', 'justify-content': 'space-between', 'align-items': 'center' }}>
          <button class="button primary" type="submit" disabled={busy() || throttled()} aria-describedby={throttled() ? 'login-countdown' : undefined} data-testid="login-submit">
            {busy() ? t('login.busy') : t('login.submit')}
          </button>
          <LanguageToggle />
        </div>
      </form>
    </main>
  );
}
