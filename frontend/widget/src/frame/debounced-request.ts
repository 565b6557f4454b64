// Search as you type: a request goes out once typing pauses, and a newer query (or a cancel) aborts
// the one in flight, so only the answer to what is in the field now is ever delivered, whatever
// order the answers come back in.

export interface DebouncedRequestOptions<Query, Answer> {
  /** How long typing must pause before the request goes out. */
  delayMs: number;
  /** The request; it should stop when `signal` aborts (fetch does). */
  run(query: Query, signal: AbortSignal): Promise<Answer>;
  /** The request went out. */
  onStart?(query: Query): void;
  onAnswer(answer: Answer, query: Query): void;
  onError(error: unknown, query: Query): void;
  /** Timers, replaceable in tests. */
  setTimer?(run: () => void, ms: number): unknown;
  clearTimer?(timer: unknown): void;
}

export interface DebouncedRequest<Query> {
  /** Ask for `query` once typing pauses; whatever was asked before is forgotten. */
  schedule(query: Query): void;
  /** Ask for `query` now (a retry, Enter). */
  runNow(query: Query): void;
  /** Forget what was asked: nothing is delivered until the next schedule. */
  cancel(): void;
  /** A request is waiting for its delay or its answer. */
  pending(): boolean;
}

export function createDebouncedRequest<Query, Answer>(options: DebouncedRequestOptions<Query, Answer>): DebouncedRequest<Query> {
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let inFlight: AbortController | null = null;

  const cancel = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    inFlight?.abort();
    inFlight = null;
  };

  const start = (query: Query) => {
    timer = null;
    const controller = new AbortController();
    inFlight = controller;
    const current = () => inFlight === controller && !controller.signal.aborted;
    options.onStart?.(query);
    let request: Promise<Answer>;
    try {
      request = options.run(query, controller.signal);
    } catch (error) {
      request = Promise.reject(error);
    }
    request.then(
      (answer) => {
        if (!current()) return;
        inFlight = null;
        options.onAnswer(answer, query);
      },
      (error: unknown) => {
        if (!current()) return;
        inFlight = null;
        options.onError(error, query);
      },
    );
  };

  return {
    schedule(query) {
      cancel();
      timer = setTimer(() => start(query), options.delayMs);
    },
    runNow(query) {
      cancel();
      start(query);
    },
    cancel,
    pending: () => timer !== null || inFlight !== null,
  };
}
