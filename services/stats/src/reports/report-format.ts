// Figures as text for the PDF (the workbook keeps them as typed numbers): durations to their two
// largest units, shares as percentages, counts with the locale's grouping; no figure is a dash.
import type { Figure } from '@smartchat/contracts';
import type { ReportLocale } from './labels.js';

const UNITS = { ru: { d: 'д', h: 'ч', m: 'мин', s: 'с' }, en: { d: 'd', h: 'h', m: 'min', s: 's' } } as const;
export const NO_VALUE = '—';

const tag = (locale: ReportLocale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

export function formatDuration(ms: number | null, locale: ReportLocale): string {
  if (ms === null || !Number.isFinite(ms)) return NO_VALUE;
  const units = UNITS[locale];
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} ${units.s}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} ${units.m} ${seconds % 60} ${units.s}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} ${units.h} ${minutes % 60} ${units.m}`;
  return `${Math.floor(hours / 24)} ${units.d} ${hours % 24} ${units.h}`;
}

export function formatNumber(value: number | null, locale: ReportLocale, fractionDigits = 0): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: fractionDigits }).format(value);
}

export function formatShare(value: number | null, locale: ReportLocale): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** The figure's main value as text: the count, the share, the median, or the total time. */
export function formatFigure(figure: Figure, locale: ReportLocale): string {
  switch (figure.kind) {
    case 'count':
      return formatNumber(figure.n, locale);
    case 'ratio':
      return formatShare(figure.rate, locale);
    case 'duration':
      return formatDuration(figure.calendar.median, locale);
    case 'distribution':
      return formatNumber(figure.median, locale, 2);
    case 'total':
      return formatDuration(figure.totalMs, locale);
  }
}

/** A median's p90 and mean as text; empty for figures without a spread. */
export function spreadOf(figure: Figure, locale: ReportLocale): { p90: string; mean: string } {
  if (figure.kind === 'duration') return { p90: formatDuration(figure.calendar.p90, locale), mean: formatDuration(figure.calendar.mean, locale) };
  if (figure.kind === 'distribution') return { p90: formatNumber(figure.p90, locale, 2), mean: formatNumber(figure.mean, locale, 2) };
  return { p90: '', mean: '' };
}
