// One webhook endpoint opened below the list: a test send (its progress while the endpoint is
// waited for, up to the sender's timeout, then what it answered), a new secret (shown once), and
// the endpoint's delivery log.
import type { WebhookEndpoint } from '@smartchat/contracts';
import { formatDateTime, type ApiAnswer } from '@smartchat/frontend-kit';
import { createSignal, createUniqueId, onCleanup, onMount, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { api, me } from '../../state/session.js';
import { createTask } from '../task.js';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { DeliveryLog } from './DeliveryLog.jsx';
import { t } from './i18n.js';
import { RotateDialog } from './RotateDialog.jsx';
import { SecretDialog } from './SecretDialog.jsx';
import { answerStart, testingText, testOutcome, type Text } from './webhook-form.js';
import './integrations.css';

type TestResult = ApiAnswer<'/v1/integrations/{id}/webhooks/{endpointId}/test', 'post'>;
type RotatedSecret = ApiAnswer<'/v1/integrations/{id}/webhooks/{endpointId}/secret', 'post'>;

export function EndpointPanel(props: {
  integrationId: string;
  endpoint: WebhookEndpoint;
  onClose: () => void;
  /** After something that changes the endpoint's counts (a test send, a redelivery). */
  onChanged: () => Promise<unknown>;
  say: (text: string) => void;
}) {
  const id = createUniqueId();
  const testing = createTask();
  const [result, setResult] = createSignal<TestResult | null>(null);
  const [seconds, setSeconds] = createSignal(0);
  const [rotating, setRotating] = createSignal(false);
  const [rotated, setRotated] = createSignal<RotatedSecret | null>(null);
  const [logVersion, setLogVersion] = createSignal(0);
  const say = (text: Text) => t(text.key, text.vars);
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);
  const path = () => ({ id: props.integrationId, endpointId: props.endpoint.id });
  let heading!: HTMLHeadingElement;
  let ticker: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(ticker));
  // Opened from the list (or made just now, its secret's dialog holding focus): focus starts at its title.
  onMount(() => {
    if (!document.activeElement?.closest('[role="dialog"]')) heading.focus();
  });

  const test = () =>
    void testing.run(async () => {
      setResult(null);
      const started = Date.now();
      setSeconds(0);
      ticker = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
      try {
        setResult(await api.post('/v1/integrations/{id}/webhooks/{endpointId}/test', { params: { path: path() } }));
      } finally {
        clearInterval(ticker);
      }
      // The test send is in the log too.
      setLogVersion(logVersion() + 1);
      void props.onChanged();
    });

  const rotate = async (overlapMinutes: number) => {
    const made = await api.post('/v1/integrations/{id}/webhooks/{endpointId}/secret', { params: { path: path() }, body: { overlapMinutes } });
    setRotating(false);
    setRotated(made);
    props.say(t('webhooks.rotated', { url: props.endpoint.url }));
  };

  return (
    <section class="admin-rules admin-webhook-log" aria-labelledby={`${id}-title`} data-testid="admin-webhook-log" data-id={props.endpoint.id}>
      <div class="admin-head">
        <h4 id={`${id}-title`} ref={heading} class="admin-subtitle admin-address" tabIndex={-1} data-testid="admin-webhook-log-title">
          {t('webhooks.endpointTitle', { url: props.endpoint.url })}
        </h4>
        <button type="button" class="button small" onClick={() => props.onClose()} data-testid="admin-webhook-log-close">
          {t('webhooks.closeEndpoint')}
        </button>
      </div>
      <div class="admin-toolbar">
        {/* Not disabled while it waits (that would drop keyboard focus): a second press is ignored. */}
        <button type="button" class="button primary" aria-disabled={testing.busy()} aria-describedby={`${id}-test-hint`} onClick={test} data-testid="admin-webhook-test">
          {testing.busy() ? say(testingText(seconds())) : t('webhooks.test')}
        </button>
        <button type="button" class="button" onClick={() => setRotating(true)} data-testid="admin-webhook-rotate">
          {t('webhooks.rotate')}
        </button>
      </div>
      <p id={`${id}-test-hint`} class="admin-hint">
        {t('webhooks.testHint')}
      </p>
      {/* Always in the page, so that the outcome is read out when it comes. */}
      <div role="status" aria-live="polite" data-testid="admin-webhook-test-result" data-state={testing.busy() ? 'waiting' : result() ? (result()!.delivered ? 'delivered' : 'failed') : 'none'}>
        <Show when={testing.busy()}>
          <p class="muted">{t('webhooks.testing')}</p>
        </Show>
        <Show when={!testing.busy() && result()}>
          {(done) => (
            <p class={done().delivered ? 'admin-webhook-ok' : 'error-text'} data-testid="admin-webhook-test-outcome">
              <strong>{say(testOutcome(done()))}</strong>
            </p>
          )}
        </Show>
      </div>
      <Show when={!testing.busy() && result()}>
        {(done) => (
          <Show when={done().attempt.responseStatus !== null}>
            <p class="admin-hint">{t('webhooks.answerStart')}</p>
            <pre class="admin-webhook-pre" data-testid="admin-webhook-test-answer">
              {answerStart(done().attempt.responseBody) || t('webhooks.emptyAnswer')}
            </pre>
          </Show>
        )}
      </Show>
      <ErrorNotice error={testing.error()} />
      <DeliveryLog integrationId={props.integrationId} endpointId={props.endpoint.id} version={logVersion()} onChanged={props.onChanged} say={props.say} />
      <Show when={rotating()}>
        <RotateDialog title={t('webhooks.rotateTitle')} explain={t('webhooks.rotateExplain')} onRotate={rotate} onClose={() => setRotating(false)} returnFocus={() => heading} />
      </Show>
      <Show when={rotated()}>
        {(made) => (
          <SecretDialog
            title={t('webhooks.secretTitle', { url: props.endpoint.url })}
            secret={made().secret}
            use={made().previousExpiresAt ? t('webhooks.secretUseOverlap', { time: when(made().previousExpiresAt!) }) : t('webhooks.secretUse')}
            onClose={() => setRotated(null)}
            returnFocus={() => heading}
          />
        )}
      </Show>
    </section>
  );
}
