// One request per panel, made again whenever what it depends on changes: the last answer stays on
// screen (dimmed) while the next one loads, an answer that arrives after a newer request started is
// dropped, and a failure is kept for the panel to put in words.
import { createEffect, createSignal, on, type Accessor } from 'solid-js';

export interface Load<T> {
  data: Accessor<T | null>;
  error: Accessor<unknown>;
  loading: Accessor<boolean>;
  reload(): void;
}

/** `key` says when to load again (its value compared as text); null waits. */
export function createLoad<K, T>(key: Accessor<K | null>, fetch: (key: K) => Promise<T>): Load<T> {
  const [data, setData] = createSignal<T | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [loading, setLoading] = createSignal(false);
  let latest = 0;

  const run = (current: K | null) => {
    if (current === null) return;
    const mine = ++latest;
    setLoading(true);
    setError(null);
    fetch(current).then(
      (answer) => {
        if (mine !== latest) return;
        setData(() => answer);
        setLoading(false);
      },
      (caught: unknown) => {
        if (mine !== latest) return;
        setError(() => caught);
        setLoading(false);
      },
    );
  };
  const text = () => {
    const current = key();
    return current === null ? null : JSON.stringify(current);
  };
  createEffect(on(text, () => run(key())));
  return { data, error, loading, reload: () => run(key()) };
}
