// A headline figure of the SLA and CSAT panels: a share (with hits of n) or a rating (with n),
// with its raw numbers as data attributes.
import type { DistributionFigure, RatioFigure } from '@smartchat/contracts';
import { i18n } from '../i18n.js';
import { formatNumber, formatRating, formatShare } from './format.js';
import { t } from './i18n.js';

export function RatioTile(props: { label: string; figure: RatioFigure; testId: string }) {
  return (
    <div class="stats-card stats-tile" data-testid={props.testId} data-kind="ratio" data-n={props.figure.n} data-hits={props.figure.hits} data-rate={props.figure.rate ?? ''}>
      <p class="stats-card-name">{props.label}</p>
      <p class="stats-card-value">{formatShare(props.figure.rate, i18n.locale())}</p>
      <p class="stats-card-n">{t('overview.hits', { hits: formatNumber(props.figure.hits, i18n.locale(), 0), n: formatNumber(props.figure.n, i18n.locale(), 0) })}</p>
    </div>
  );
}

export function RatingTile(props: { label: string; figure: DistributionFigure; testId: string }) {
  return (
    <div class="stats-card stats-tile" data-testid={props.testId} data-kind="distribution" data-n={props.figure.n} data-mean={props.figure.mean ?? ''} data-median={props.figure.median ?? ''}>
      <p class="stats-card-name">{props.label}</p>
      <p class="stats-card-value">{formatRating(props.figure.mean, i18n.locale())}</p>
      <p class="stats-card-n">
        {t('common.n', { n: formatNumber(props.figure.n, i18n.locale(), 0) })} · {t('common.median')} {formatRating(props.figure.median, i18n.locale())}
      </p>
    </div>
  );
}
