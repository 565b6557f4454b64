// Russian and English, switchable at run time and remembered per browser; dates and times in the
// viewer's own time zone (an agent's from their profile, a customer's from the browser).
import { createSignal, type Accessor } from 'solid-js';

export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];

export interface I18n<K extends string> {
  locale: Accessor<Locale>;
  setLocale(locale: Locale): void;
  /** The text for key, with {name} placeholders filled from vars. */
  t(key: K, vars?: Record<string, string | number>): string;
}

export function createI18n<K extends string>(dictionaries: Record<Locale, Record<K, string>>, storageKey: string, preferred?: string | null): I18n<K> {
  const initial = pickLocale(readStored(storageKey) ?? preferred ?? (typeof navigator === 'undefined' ? null : navigator.language));
  const [locale, setLocaleSignal] = createSignal<Locale>(initial);
  const apply = (value: Locale) => {
    if (typeof document !== 'undefined') document.documentElement.lang = value;
  };
  apply(initial);
  return {
    locale,
    setLocale(value) {
      setLocaleSignal(value);
      apply(value);
      try {
        localStorage.setItem(storageKey, value);
      } catch {
        // Not remembered; still switched for this page.
      }
    },
    t(key, vars) {
      return fillTemplate(dictionaries[locale()][key] ?? dictionaries.en[key] ?? key, vars);
    },
  };
}

/** {name} placeholders filled from vars; unknown ones stay as written. */
export function fillTemplate(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}

export function pickLocale(value: string | null | undefined): Locale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'ru';
}

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { ...options, ...(timeZone ? { timeZone } : {}) });
    } catch {
      // An unknown time zone in a profile: fall back to the browser's.
      cached = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', options);
    }
    formatters.set(key, cached);
  }
  return cached;
}

/** 14:05 */
export function formatTime(iso: string, locale: Locale, timeZone?: string): string {
  return formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** 24 ноября 2026 / 24 November 2026 */
export function formatDay(iso: string, locale: Locale, timeZone?: string): string {
  return formatter(locale, timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

/** 24.11.2026, 14:05 */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  return formatter(locale, timeZone, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** The calendar day of an instant in a time zone (yyyy-mm-dd): day separators compare these. */
export function dayKey(iso: string, timeZone?: string): string {
  return formatter('en', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(iso))
    .filter((part) => part.type !== 'literal')
    .map((part) => part.value)
    .join('-');
}

/** "5 мин" / "5 min", "2 ч" / "2 h", "3 дн." / "3 days" (days from 48 hours on, so always plural): how long something has waited. */
export function formatAge(fromIso: string, now: number, locale: Locale): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  const units = locale === 'ru' ? { m: 'мин', h: 'ч', d: 'дн.' } : { m: 'min', h: 'h', d: 'days' };
  if (minutes < 60) return `${minutes} ${units.m}`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} ${units.h}`;
  return `${Math.floor(minutes / 1440)} ${units.d}`;
}
