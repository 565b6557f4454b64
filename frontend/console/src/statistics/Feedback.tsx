// How a statistics panel tells its state: a progress bar while it loads, the API's own message when
// it fails (with a retry), a sentence when the range holds nothing, and under every figure the
// range and the zone it was computed in.
import type { StatisticsEnvelope } from '@smartchat/contracts';
import { formatDay } from '@smartchat/frontend-kit';
import { createMemo, createUniqueId, Show, type Accessor, type JSX } from 'solid-js';
import { describeError } from '../admin/errors.js';
import { i18n } from '../i18n.js';
import { t } from './i18n.js';
import type { Load } from './load.js';
import { startOfDay } from './zone.js';

export function LoadProgress(props: { loading: boolean; label?: string }) {
  return (
    <Show when={props.loading}>
      <div class="stats-progress" role="progressbar" aria-label={props.label ?? t('common.loading')} aria-busy="true">
        <span />
      </div>
    </Show>
  );
}

export function LoadError(props: { error: unknown; retry?: () => void; testId?: string }) {
  const described = createMemo(() => (props.error === null || props.error === undefined ? null : describeError(props.error)));
  return (
    <Show when={described()}>
      {(error) => (
        <div class="stats-error" role="alert" data-testid={props.testId ?? 'stats-error'} data-code={error().code ?? ''}>
          <strong>{t('error.title')}</strong>
          <span>
            {error().title}: {error().message}
            <Show when={error().code}>{(code) => <span class="stats-code"> ({code()})</span>}</Show>
          </span>
          <Show when={error().fields.length > 0}>
            <ul>
              {error().fields.map((field) => (
                <li>{field}</li>
              ))}
            </ul>
          </Show>
          <Show when={props.retry}>
            {(retry) => (
              <button type="button" class="button small" onClick={() => retry()()}>
                {t('common.retry')}
              </button>
            )}
          </Show>
        </div>
      )}
    </Show>
  );
}

/**
 * The range and zone an answer was computed for, as the answer itself states them (and, for tests
 * and tools, the teams and the internal switch it was narrowed to).
 */
export function RangeNote(props: { answer: StatisticsEnvelope; business?: boolean }) {
  const zone = () => props.answer.timeZone;
  const day = (value: string) => formatDay(startOfDay(value, zone()).toISOString(), i18n.locale(), zone());
  return (
    <p
      class="stats-note"
      data-testid="stats-range-note"
      data-zone={zone()}
      data-from={props.answer.from}
      data-to={props.answer.to}
      data-teams={props.answer.filters.teamIds.join(',')}
      data-internal={String(props.answer.filters.internal)}
      data-business={props.business === undefined ? '' : String(props.business)}
    >
      {t('range.note', { from: day(props.answer.from), to: day(props.answer.to), zone: zone() })}
      <Show when={props.answer.filters.internal}>{` · ${t('range.internal')}`}</Show>
      <Show when={props.business !== undefined}>{` · ${props.business ? t('range.business') : t('range.calendar')}`}</Show>
    </p>
  );
}

/** A panel's frame: heading, its loading/error state, and its content once there is an answer. */
export function Panel<T>(props: { title: string; load: Load<T>; testId: string; actions?: JSX.Element; children: (data: Accessor<T>) => JSX.Element }) {
  const id = createUniqueId();
  return (
    <section class="stats-panel panel" aria-labelledby={`${id}-title`} data-testid={props.testId} aria-busy={props.load.loading()} data-loading={props.load.loading() ? 'true' : 'false'}>
      <div class="stats-panel-head">
        <h2 id={`${id}-title`} class="stats-panel-title">
          {props.title}
        </h2>
        {props.actions}
      </div>
      <LoadProgress loading={props.load.loading()} />
      <LoadError error={props.load.error()} retry={() => props.load.reload()} />
      <Show when={props.load.data()}>
        {(data) => <div classList={{ 'stats-stale': props.load.loading() }}>{props.children(data)}</div>}
      </Show>
    </section>
  );
}
