// "The customer is typing", sent sparingly: `typing: true` on the first keystroke and again at
// most every few seconds while keys keep coming (the agent's indicator stays up), `typing: false`
// after a pause, on send and on blur.

export interface TypingNotifierOptions {
  send(typing: boolean): void;
  /** How often a continuing `typing: true` is repeated. */
  repeatMs?: number;
  /** Silence after which `typing: false` goes out by itself. */
  idleMs?: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface TypingNotifier {
  /** A keystroke in the composer. */
  input(): void;
  /** Sent, blurred or left: the customer stopped typing (no event if they were not typing). */
  stop(): void;
}

export function createTypingNotifier(options: TypingNotifierOptions): TypingNotifier {
  const repeatMs = options.repeatMs ?? 3_000;
  const idleMs = options.idleMs ?? 4_000;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let typing = false;
  let lastSentAt = 0;
  let idleTimer: unknown = null;

  const notifier: TypingNotifier = {
    input() {
      const at = now();
      if (!typing || at - lastSentAt >= repeatMs) {
        typing = true;
        lastSentAt = at;
        options.send(true);
      }
      if (idleTimer !== null) clearTimer(idleTimer);
      idleTimer = setTimer(() => notifier.stop(), idleMs);
    },
    stop() {
      if (idleTimer !== null) clearTimer(idleTimer);
      idleTimer = null;
      if (!typing) return;
      typing = false;
      options.send(false);
    },
  };
  return notifier;
}
