import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncedRequest } from '../src/frame/debounced-request.js';

/** A request whose answer the test gives, and whose abort it can see. */
function controlledRequests() {
  const calls: { query: string; signal: AbortSignal; resolve(answer: string): void; reject(error: unknown): void }[] = [];
  const run = (query: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ query, signal, resolve, reject });
    });
  return { calls, run };
}

function setup() {
  const { calls, run } = controlledRequests();
  const answers: [string, string][] = [];
  const errors: [unknown, string][] = [];
  const started: string[] = [];
  const request = createDebouncedRequest<string, string>({
    delayMs: 300,
    run,
    onStart: (query) => started.push(query),
    onAnswer: (answer, query) => answers.push([answer, query]),
    onError: (error, query) => errors.push([error, query]),
  });
  return { request, calls, answers, errors, started };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('search as you type', () => {
  it('sends one request once typing pauses, for what was typed last', async () => {
    const { request, calls, answers } = setup();
    request.schedule('би');
    await vi.advanceTimersByTimeAsync(200);
    request.schedule('бил');
    await vi.advanceTimersByTimeAsync(200);
    request.schedule('билет');
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((call) => call.query)).toEqual(['билет']);
    calls[0]!.resolve('found');
    await vi.runAllTimersAsync();
    expect(answers).toEqual([['found', 'билет']]);
    expect(request.pending()).toBe(false);
  });

  it('aborts the request in flight when the query changes, and never delivers its late answer', async () => {
    const { request, calls, answers } = setup();
    request.schedule('билет');
    await vi.advanceTimersByTimeAsync(300);
    request.schedule('билеты');
    expect(calls[0]!.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    calls[1]!.resolve('second');
    calls[0]!.resolve('first, late');
    await vi.runAllTimersAsync();
    expect(answers).toEqual([['second', 'билеты']]);
  });

  it('delivers an error only for the current query; an aborted request failing is not one', async () => {
    const { request, calls, errors } = setup();
    request.schedule('a1');
    await vi.advanceTimersByTimeAsync(300);
    request.schedule('a2');
    calls[0]!.reject(new Error('aborted'));
    await vi.advanceTimersByTimeAsync(300);
    calls[1]!.reject(new Error('timeout'));
    await vi.runAllTimersAsync();
    expect(errors.map(([error, query]) => [(error as Error).message, query])).toEqual([['timeout', 'a2']]);
  });

  it('a cancel (the field cleared) drops both the waiting and the running request', async () => {
    const { request, calls, answers, started } = setup();
    request.schedule('отель');
    await vi.advanceTimersByTimeAsync(300);
    request.schedule('отели');
    expect(request.pending()).toBe(true);
    request.cancel();
    expect(request.pending()).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    calls[0]!.resolve('too late');
    await vi.runAllTimersAsync();
    expect(started).toEqual(['отель']);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(answers).toEqual([]);
  });

  it('runs at once when asked (Enter, retry), without waiting for the pause', async () => {
    const { request, calls, answers } = setup();
    request.schedule('invoi');
    request.runNow('invoice');
    expect(calls.map((call) => call.query)).toEqual(['invoice']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve('ok');
    await vi.runAllTimersAsync();
    expect(answers).toEqual([['ok', 'invoice']]);
  });

  it('a request that throws before returning a promise is reported as an error', async () => {
    const errors: unknown[] = [];
    const request = createDebouncedRequest<string, string>({
      delayMs: 10,
      run: () => {
        throw new Error('bad input');
      },
      onAnswer: () => undefined,
      onError: (error) => errors.push(error),
    });
    request.schedule('x');
    await vi.runAllTimersAsync();
    expect(errors).toHaveLength(1);
  });
});
