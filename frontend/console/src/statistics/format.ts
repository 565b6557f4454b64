// How statistics read: durations as "4 min 12 s" / "2 h 05 min", shares as percentages, counts
// with the locale's grouping. A missing figure (no data in the range) is a dash, never a zero.
import type { Locale } from '@smartchat/frontend-kit';

const UNITS = {
  ru: { d: 'д', h: 'ч', m: 'мин', s: 'с', ms: 'мс' },
  en: { d: 'd', h: 'h', m: 'min', s: 's', ms: 'ms' },
} as const;

export const NO_VALUE = '—';

/** A duration in milliseconds, to the two largest units that matter. */
export function formatDuration(ms: number | null | undefined, locale: Locale): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  const units = UNITS[locale];
  const sign = ms < 0 ? '−' : '';
  const total = Math.abs(ms);
  if (total < 1000) return `${sign}${Math.round(total)} ${units.ms}`;
  const seconds = Math.round(total / 1000);
  if (seconds < 60) return `${sign}${seconds} ${units.s}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${sign}${minutes} ${units.m}${seconds % 60 ? ` ${seconds % 60} ${units.s}` : ''}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${sign}${hours} ${units.h}${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')} ${units.m}` : ''}`;
  const days = Math.floor(hours / 24);
  return `${sign}${days} ${units.d}${hours % 24 ? ` ${hours % 24} ${units.h}` : ''}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A count or a plain number (messages per conversation: one decimal when it has one). */
export function formatNumber(value: number | null | undefined, locale: Locale, maximumFractionDigits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A CSAT rating 1..5 (a mean of them: two decimals). */
export function formatRating(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
