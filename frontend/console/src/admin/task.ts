// Progress and outcome of the admin area's requests: a task is busy while its request runs (buttons
// disable and say so), keeps the error it ended with (shown next to its form), and a status line
// says briefly what succeeded (read out politely by screen readers, then cleared).
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export interface Task {
  busy: Accessor<boolean>;
  error: Accessor<unknown>;
  setError(error: unknown): void;
  /** Runs `work` unless the task is already busy; true when it finished without an error. */
  run(work: () => Promise<void>): Promise<boolean>;
}

export function createTask(): Task {
  const [busy, setBusy] = createSignal(false);
  const [error, setErrorSignal] = createSignal<unknown>(null);
  const setError = (value: unknown) => setErrorSignal(() => value);
  return {
    busy,
    error,
    setError,
    async run(work) {
      if (busy()) return false;
      setBusy(true);
      setError(null);
      try {
        await work();
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

export interface StatusLine {
  text: Accessor<string>;
  say(text: string): void;
}

const STATUS_VISIBLE_MS = 8_000;

export function createStatusLine(): StatusLine {
  const [text, setText] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  return {
    text,
    say(next) {
      clearTimeout(timer);
      setText(next);
      timer = setTimeout(() => setText(''), STATUS_VISIBLE_MS);
    },
  };
}
