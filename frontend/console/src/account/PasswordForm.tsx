// The one form for setting a password, used at the first sign-in, in the "change password" dialog
// and on the reset-link page: the current password (when asked), the new one twice, the policy
// with each line marked as the agent types, and the reasons a password was refused next to the
// field they concern (wrong current password, each broken rule, a mismatch). A refusal moves focus
// to the first field to fix; too many wrong attempts disable the form for the time the server says.
import type { PasswordPolicy } from '@smartchat/contracts';
import { ApiError, Icon } from '@smartchat/frontend-kit';
import { createMemo, createResource, createSignal, createUniqueId, For, Show, type JSX } from 'solid-js';
import { clockWait, createCountdown, retryAfterSeconds, wordsWait } from '../ui/countdown.js';
import { t, type AccountKey } from './i18n.js';
import { itemOf, loadPolicy, localProblems, localVerdict, POLICY_ITEMS, refusedRules, type Candidate, type PasswordRule, type PolicyItem, type RefusedRule } from './password-rules.js';
import './account.css';

export interface PasswordFormProps {
  /** Ask for the current password (a signed-in agent); the reset link stands in for it otherwise. */
  withCurrent: boolean;
  email: string | null;
  submitLabel: string;
  /** Sends the passwords; a rejection is shown in the form. */
  onSubmit: (currentPassword: string, newPassword: string) => Promise<void>;
  /** Further buttons beside the submit button (cancel, sign out). */
  children?: JSX.Element;
  testId?: string;
}

type Field = 'current' | 'new' | 'repeat';

interface Problems {
  missing: Field[];
  wrongCurrent: boolean;
  /** The broken rules and the password they were found in (they no longer apply once it is edited). */
  rules: RefusedRule[];
  judged: string;
  mismatch: boolean;
  general: string | null;
}

const NO_PROBLEMS: Problems = { missing: [], wrongCurrent: false, rules: [], judged: '', mismatch: false, general: null };

export function PasswordForm(props: PasswordFormProps) {
  const id = createUniqueId();
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [reveal, setReveal] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [problems, setProblems] = createSignal<Problems>(NO_PROBLEMS);
  const [policy] = createResource(loadPolicy);
  const throttle = createCountdown();
  const throttled = () => throttle.remaining() > 0;
  const fields: Partial<Record<Field, HTMLInputElement>> = {};
  let general: HTMLDivElement | undefined;

  const loadedPolicy = (): PasswordPolicy | null => (policy.state === 'ready' ? policy() : null);
  const candidate = (): Candidate => ({ password: next(), email: props.email, current: props.withCurrent ? current() : null, policy: loadedPolicy() });
  const typedProblems = createMemo(() => localProblems(candidate()));
  /** The server's verdict on the password as it is now typed, if it judged this one. */
  const serverRules = (): RefusedRule[] => (problems().judged === next() ? problems().rules : []);

  const itemState = (item: PolicyItem): 'met' | 'broken' | 'unknown' => {
    if (serverRules().some((refused) => refused.rule !== null && itemOf(refused.rule) === item)) return 'broken';
    const verdict = localVerdict(item, candidate(), typedProblems());
    return verdict === null ? 'unknown' : verdict ? 'met' : 'broken';
  };
  const ruleText = (rule: PasswordRule) => t(`error.${rule}` as AccountKey, { min: loadedPolicy()?.minLength ?? '', max: loadedPolicy()?.maxLength ?? '' });
  const newPasswordErrors = createMemo(() => [...serverRules()].map((refused) => (refused.rule ? ruleText(refused.rule) : refused.message)));
  const valueOf = (field: Field) => (field === 'current' ? current() : field === 'new' ? next() : repeat());
  const label = (field: Field) => t(field === 'current' ? 'field.current' : field === 'new' ? 'field.new' : 'field.repeat');
  const errorOf = (field: Field): string[] => {
    // Each reason lasts until the agent changes what it was about.
    const found = problems();
    const messages: string[] = [];
    if (found.missing.includes(field) && valueOf(field) === '') messages.push(t('error.required', { field: label(field) }));
    if (field === 'current' && found.wrongCurrent && current() === '') messages.push(t('error.wrongCurrent'));
    if (field === 'new') messages.push(...newPasswordErrors());
    if (field === 'repeat' && found.mismatch && repeat() !== next()) messages.push(t('error.mismatch'));
    return messages;
  };

  const focusFirstProblem = () => {
    const order: Field[] = ['current', 'new', 'repeat'];
    const first = order.find((field) => errorOf(field).length > 0);
    if (first) fields[first]?.focus();
    else general?.focus();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || throttled()) return;
    const missing = (['current', 'new', 'repeat'] as Field[]).filter((field) => valueOf(field) === '' && (field !== 'current' || props.withCurrent));
    const broken = next() === '' ? [] : typedProblems();
    const mismatch = next() !== '' && repeat() !== '' && next() !== repeat();
    if (missing.length > 0 || broken.length > 0 || mismatch) {
      setProblems({ ...NO_PROBLEMS, missing, rules: broken.map((rule) => ({ rule, message: '' })), judged: next(), mismatch });
      focusFirstProblem();
      return;
    }
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      await props.onSubmit(current(), next());
    } catch (error) {
      setProblems(describe(error, next()));
      const wait = retryAfterSeconds(error);
      if (wait !== null) throttle.start(wait);
      if (error instanceof ApiError && error.code === 'SC_ERR_AUTH_WRONG_PASSWORD') setCurrent('');
      focusFirstProblem();
    } finally {
      setBusy(false);
    }
  };

  const errorId = (field: Field) => `${id}-${field}-error`;
  const input = (field: Field, value: () => string, set: (value: string) => void, autocomplete: string) => (
    <div class="field">
      <label for={`${id}-${field}`}>{label(field)}</label>
      <input
        ref={(element) => (fields[field] = element)}
        id={`${id}-${field}`}
        class="input"
        type={reveal() ? 'text' : 'password'}
        autocomplete={autocomplete}
        spellcheck={false}
        autocapitalize="off"
        maxLength={1024}
        value={value()}
        onInput={(event) => set(event.currentTarget.value)}
        aria-invalid={errorOf(field).length > 0 ? 'true' : undefined}
        aria-describedby={[errorOf(field).length > 0 ? errorId(field) : '', field === 'new' ? `${id}-policy` : ''].filter(Boolean).join(' ') || undefined}
        data-testid={`password-${field}`}
      />
      <Show when={errorOf(field).length > 0}>
        <div id={errorId(field)} class="error-text field-error" role="alert" data-testid={`password-${field}-error`}>
          <For each={errorOf(field)}>{(message) => <p>{message}</p>}</For>
        </div>
      </Show>
    </div>
  );

  return (
    <form class="password-form" onSubmit={submit} noValidate data-testid={props.testId ?? 'password-form'}>
      <Show when={props.withCurrent}>{input('current', current, setCurrent, 'current-password')}</Show>
      {/* A hidden user name lets password managers file the new password under the right account. */}
      <Show when={props.email}>{(email) => <input type="text" autocomplete="username" value={email()} readOnly hidden aria-hidden="true" tabIndex={-1} />}</Show>
      {input('new', next, setNext, 'new-password')}
      <div id={`${id}-policy`} class="policy" data-testid="password-policy">
        <p class="policy-title">{t('policy.title')}</p>
        <ul>
          <For each={POLICY_ITEMS.filter((item) => item !== 'same_as_current' || props.withCurrent)}>
            {(item) => (
              <li data-rule={item} data-state={itemState(item)}>
                <Icon name={itemState(item) === 'met' ? 'check' : itemState(item) === 'broken' ? 'close' : 'dot'} class="policy-mark" />
                <span>
                  {item === 'length'
                    ? policy.state === 'errored'
                      ? t('policy.lengthUnknown', { reason: policy.error instanceof Error ? policy.error.message : String(policy.error) })
                      : t('policy.length', { min: loadedPolicy()?.minLength ?? '…', max: loadedPolicy()?.maxLength ?? '…' })
                    : t(`policy.${item}`)}
                </span>
                <Show when={itemState(item) !== 'unknown'}>
                  <span class="visually-hidden"> — {t(itemState(item) === 'met' ? 'policy.met' : 'policy.broken')}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </div>
      {input('repeat', repeat, setRepeat, 'new-password')}
      <label class="password-reveal">
        <input type="checkbox" checked={reveal()} onChange={(event) => setReveal(event.currentTarget.checked)} data-testid="password-reveal" />
        <span>{t('field.show')}</span>
      </label>
      <div ref={general} tabIndex={-1} class="password-general">
        <Show when={problems().general}>
          <p class="error-text" role="alert" data-testid="password-error">
            {problems().general}
          </p>
        </Show>
        <Show when={throttled()}>
          <p id={`${id}-countdown`} data-testid="password-countdown-line">
            {t('error.retryIn')}{' '}
            <span role="timer" data-testid="password-countdown">
              {clockWait(throttle.remaining())}
            </span>
          </p>
        </Show>
      </div>
      <div class="password-actions">
        <button type="submit" class="button primary" disabled={busy() || throttled()} data-testid="password-submit">
          {busy() ? t('form.saving') : props.submitLabel}
        </button>
        {props.children}
      </div>
    </form>
  );
}

/** What a refusal means for the form: which field to fix, or a message for the whole form. */
function describe(error: unknown, judged: string): Problems {
  const rules = refusedRules(error);
  if (rules) return { ...NO_PROBLEMS, rules, judged };
  if (error instanceof ApiError) {
    if (error.code === 'SC_ERR_AUTH_WRONG_PASSWORD') return { ...NO_PROBLEMS, wrongCurrent: true };
    const wait = retryAfterSeconds(error);
    if (wait !== null) return { ...NO_PROBLEMS, general: t('error.throttled', { wait: wordsWait(wait) }) };
    if (error.status === 429) return { ...NO_PROBLEMS, general: t('error.rateLimited') };
    if (error.status === 0) return { ...NO_PROBLEMS, general: t('error.network') };
  }
  return { ...NO_PROBLEMS, general: t('error.other', { reason: error instanceof Error ? error.message : String(error) }) };
}
