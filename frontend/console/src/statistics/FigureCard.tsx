// One card of the overview: the metric's name, its headline (a duration's median, a share, a
// count), p90 and mean beside a median, the n it rests on, and the trend against the previous
// period coloured by whether the change is good. The exact definition opens under the card.
import type { Figure, StatisticsMetric } from '@smartchat/contracts';
import { createMemo, createUniqueId, Show } from 'solid-js';
import { i18n } from '../i18n.js';
import { formatChange, formatValue, headline, spreadOf, trendOf } from './figures.js';
import { formatNumber } from './format.js';
import { t } from './i18n.js';

export interface FigureCardProps {
  metric: StatisticsMetric;
  current: Figure;
  previous: Figure;
  business: boolean;
  previousLabel: string;
}

export function FigureCard(props: FigureCardProps) {
  const id = createUniqueId();
  const locale = () => i18n.locale();
  const value = () => headline(props.current, props.business, props.metric.unit);
  const spread = createMemo(() => spreadOf(props.current, props.business));
  const ratingFirst = () => props.metric.unit === 'rating';
  const trend = createMemo(() => trendOf(props.current, props.previous, props.metric.unit, props.metric.better, props.business));
  const main = () => (props.current.kind === 'count' ? formatNumber(props.current.n, locale(), 0) : formatValue(value(), props.metric.unit, locale()));
  const data = () => {
    const figure = props.current;
    const spreadNow = spread();
    return {
      'data-kind': figure.kind,
      'data-n': String(figure.n),
      'data-value': value() === null ? '' : String(value()),
      ...(spreadNow ? { 'data-median': String(spreadNow.median ?? ''), 'data-p90': String(spreadNow.p90 ?? ''), 'data-mean': String(spreadNow.mean ?? '') } : {}),
      ...(figure.kind === 'ratio' ? { 'data-hits': String(figure.hits), 'data-rate': String(figure.rate ?? '') } : {}),
      ...(figure.kind === 'total' ? { 'data-total': String(figure.totalMs) } : {}),
    };
  };
  const verdictText = () => {
    const current = trend();
    if (!current) return '';
    return current.verdict === 'better' ? t('overview.better') : current.verdict === 'worse' ? t('overview.worse') : current.direction === 'flat' ? t('overview.unchanged') : t('overview.changed');
  };

  return (
    <article class="stats-card" aria-labelledby={`${id}-name`} data-testid="stats-card" data-metric={props.metric.id} {...data()}>
      <h3 id={`${id}-name`} class="stats-card-name">
        {props.metric.name[locale()]}
      </h3>
      <p class="stats-card-value">
        <span data-testid="stats-card-value">{main()}</span>
        <Show when={spread()}>
          <span class="stats-card-caption">{ratingFirst() ? t('common.mean') : t('common.median')}</span>
        </Show>
      </p>
      {/* Beside the headline: p90, and the mean (for a rating, whose headline is the mean: the median). */}
      <Show when={spread()}>
        {(current) => (
          <p class="stats-card-spread">
            <span data-testid="stats-card-p90">
              {t('common.p90')} {formatValue(current().p90, props.metric.unit, locale())}
            </span>
            <span class="muted">
              {ratingFirst() ? t('common.median') : t('common.mean')} {formatValue(ratingFirst() ? current().median : current().mean, props.metric.unit, locale())}
            </span>
          </p>
        )}
      </Show>
      <p class="stats-card-n" data-testid="stats-card-n">
        {props.current.kind === 'ratio'
          ? t('overview.hits', { hits: formatNumber(props.current.hits, locale(), 0), n: formatNumber(props.current.n, locale(), 0) })
          : props.current.kind === 'total'
            ? t('overview.agents', { n: formatNumber(props.current.n, locale(), 0) })
            : t('common.n', { n: formatNumber(props.current.n, locale(), 0) })}
      </p>
      <p class="stats-trend" data-verdict={trend()?.verdict ?? 'none'} data-testid="stats-card-trend">
        <Show when={trend()} fallback={<span class="muted">{t('overview.noTrend')}</span>}>
          {(current) => (
            <>
              <span aria-hidden="true">{current().direction === 'up' ? '▲' : current().direction === 'down' ? '▼' : '■'} </span>
              {current().points ? t('overview.points', { value: formatChange(current(), locale()) }) : formatChange(current(), locale())}
              <span class="visually-hidden"> ({verdictText()})</span>
              <span class="stats-trend-base"> {props.previousLabel}</span>
            </>
          )}
        </Show>
      </p>
      <details class="stats-definition">
        <summary>{t('common.definition')}</summary>
        <p>{props.metric.definition[locale()]}</p>
      </details>
    </article>
  );
}
