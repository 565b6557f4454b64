// Figures inside table cells: a duration's median and p90 with its n, a share with hits of n, a
// count. The raw numbers ride along as data attributes, so a test can compare them with the API.
import type { CountFigure, DistributionFigure, DurationFigure, RatioFigure, TotalFigure } from '@smartchat/contracts';
import { Show } from 'solid-js';
import { i18n } from '../i18n.js';
import { formatDuration, formatNumber, formatRating, formatShare } from './format.js';
import { t } from './i18n.js';

export function CountCell(props: { figure: CountFigure }) {
  return (
    <span data-n={props.figure.n} data-value={props.figure.n}>
      {formatNumber(props.figure.n, i18n.locale(), 0)}
    </span>
  );
}

export function DurationCell(props: { figure: DurationFigure; business: boolean }) {
  const spread = () => (props.business ? props.figure.business : props.figure.calendar);
  return (
    <span class="stats-cell" data-n={props.figure.n} data-median={spread().median ?? ''} data-p90={spread().p90 ?? ''} data-mean={spread().mean ?? ''}>
      <Show when={props.figure.n > 0} fallback={<span class="muted">—</span>}>
        <span>{formatDuration(spread().median, i18n.locale())}</span>
        <span class="stats-cell-sub">
          {t('common.p90')} {formatDuration(spread().p90, i18n.locale())}
        </span>
      </Show>
      <span class="stats-cell-n">{t('common.n', { n: props.figure.n })}</span>
    </span>
  );
}

export function RatioCell(props: { figure: RatioFigure }) {
  return (
    <span class="stats-cell" data-n={props.figure.n} data-hits={props.figure.hits} data-rate={props.figure.rate ?? ''}>
      <Show when={props.figure.n > 0} fallback={<span class="muted">—</span>}>
        <span>{formatShare(props.figure.rate, i18n.locale())}</span>
      </Show>
      <span class="stats-cell-n">{t('common.nOf', { hits: props.figure.hits, n: props.figure.n })}</span>
    </span>
  );
}

export function TotalCell(props: { figure: TotalFigure }) {
  return (
    <span class="stats-cell" data-n={props.figure.n} data-total={props.figure.totalMs}>
      {props.figure.n > 0 ? formatDuration(props.figure.totalMs, i18n.locale()) : '—'}
    </span>
  );
}

/** A rating's mean (an average by name) with its n. */
export function RatingCell(props: { figure: DistributionFigure }) {
  return (
    <span class="stats-cell" data-n={props.figure.n} data-mean={props.figure.mean ?? ''} data-median={props.figure.median ?? ''}>
      <span>{formatRating(props.figure.mean, i18n.locale())}</span>
      <span class="stats-cell-n">{t('common.n', { n: props.figure.n })}</span>
    </span>
  );
}
