// Waiting out a throttle (too many failed sign-ins or password attempts): how long the server said
// to wait, a countdown that ticks once a second while it runs, and the two ways to show the wait.
import { ApiError } from '@smartchat/frontend-kit';
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { t } from '../i18n.js';

/** Seconds to wait from a 429's `details.retryAfterSeconds` (the same as its Retry-After header). */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 429) return null;
  const details = error.details as { retryAfterSeconds?: unknown } | null | undefined;
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

export interface Countdown {
  /** Whole seconds left, 0 when not waiting. */
  remaining: Accessor<number>;
  /** How long the current wait was when it began (for the one announcement of it). */
  total: Accessor<number>;
  start(seconds: number): void;
  /** Stops waiting at once. */
  clear(): void;
}

export function createCountdown(onDone?: () => void): Countdown {
  const [until, setUntil] = createSignal(0);
  const [total, setTotal] = createSignal(0);
  const [now, setNow] = createSignal(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  onCleanup(stop);
  const remaining = () => Math.max(0, Math.ceil((until() - now()) / 1000));
  return {
    remaining,
    total,
    start(seconds) {
      stop();
      setNow(Date.now());
      setUntil(Date.now() + seconds * 1000);
      setTotal(seconds);
      timer = setInterval(() => {
        setNow(Date.now());
        if (remaining() === 0) {
          stop();
          onDone?.();
        }
      }, 1000);
    },
    clear() {
      stop();
      setUntil(0);
    },
  };
}

/** 4:59, 0:07 — the ticking form. */
export function clockWait(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "5 мин" / "40 с" — the spoken form, rounded up to whole minutes from a minute on. */
export function wordsWait(seconds: number): string {
  return seconds >= 60 ? t('wait.minutes', { count: Math.ceil(seconds / 60) }) : t('wait.seconds', { count: seconds });
}
