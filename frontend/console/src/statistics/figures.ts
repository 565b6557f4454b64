// What a figure of the API reads as on screen: its headline number (a duration's median, a ratio's
// rate, a count's n), the spread beside it, and the trend against the previous period with the
// metric's own sense of better (a shorter response time is good, a higher CSAT is good).
import type { Figure, StatisticsMetric } from '@smartchat/contracts';
import type { Locale } from '@smartchat/frontend-kit';
import { formatDuration, formatNumber, formatRating, formatShare, NO_VALUE } from './format.js';

export type Unit = StatisticsMetric['unit'];

/**
 * The one number a figure stands for; null when there is none (n = 0). Medians first, except for
 * ratings, whose metric is an average by name (1..5 has too few steps for a telling median).
 */
export function headline(figure: Figure, business: boolean, unit?: Unit): number | null {
  switch (figure.kind) {
    case 'count':
      return figure.n;
    case 'duration':
      return (business ? figure.business : figure.calendar).median;
    case 'ratio':
      return figure.rate;
    case 'distribution':
      return unit === 'rating' ? figure.mean : figure.median;
    case 'total':
      return figure.totalMs;
  }
}

/** A value in a metric's unit, as text. */
export function formatValue(value: number | null | undefined, unit: Unit, locale: Locale): string {
  switch (unit) {
    case 'milliseconds':
      return formatDuration(value, locale);
    case 'share':
      return formatShare(value, locale);
    case 'rating':
      return formatRating(value, locale);
    default:
      return formatNumber(value, locale);
  }
}

export interface Trend {
  direction: 'up' | 'down' | 'flat';
  /** Relative change (0.12 = +12%), or for shares the change in percentage points. */
  change: number;
  points: boolean;
  verdict: 'better' | 'worse' | 'neutral';
}

/**
 * The trend of a figure against the previous period; null when either side has no value, or the
 * previous one is zero for a relative change (no percentage exists).
 */
export function trendOf(current: Figure, previous: Figure, unit: Unit, better: StatisticsMetric['better'], business: boolean): Trend | null {
  const now = headline(current, business, unit);
  const before = headline(previous, business, unit);
  if (now === null || before === null) return null;
  if (current.kind !== 'count' && (current.n === 0 || previous.n === 0)) return null;
  const points = unit === 'share';
  let change: number;
  if (points) change = (now - before) * 100;
  else if (before === 0) return null;
  else change = (now - before) / Math.abs(before);
  const direction = Math.abs(change) < 1e-9 ? 'flat' : change > 0 ? 'up' : 'down';
  const verdict = direction === 'flat' || better === null ? 'neutral' : (direction === 'up') === (better === 'higher') ? 'better' : 'worse';
  return { direction, change, points, verdict };
}

/** "+12 %", "−3.5 pp" (the words for pp come from the caller). */
export function formatChange(trend: Trend, locale: Locale): string {
  const sign = trend.change > 0 ? '+' : trend.change < 0 ? '−' : '±';
  const magnitude = Math.abs(trend.change);
  const number = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 }).format(trend.points ? magnitude : magnitude * 100);
  return trend.points ? `${sign}${number}` : `${sign}${number} %`;
}

/** The spread of a duration or distribution: median, p90 and mean in the unit. */
export function spreadOf(figure: Figure, business: boolean): { median: number | null; p90: number | null; mean: number | null } | null {
  if (figure.kind === 'duration') return business ? figure.business : figure.calendar;
  if (figure.kind === 'distribution') return { median: figure.median, p90: figure.p90, mean: figure.mean };
  return null;
}

export { NO_VALUE };
