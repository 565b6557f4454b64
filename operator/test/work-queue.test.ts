import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkQueue, type WorkQueueOptions } from '../src/runtime/work-queue.js';

// Real timers throughout: the queue is driven by setTimeout and promises, as in the operator.
// Backoff uses small bases (10-20 ms) and every wait is bounded.

interface Gate {
  promise: Promise<void>;
  open: () => void;
}
function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(2);
  }
}

const options = (overrides: Partial<WorkQueueOptions> = {}): WorkQueueOptions => ({ concurrency: 1, backoffBaseMs: 10, backoffMaxMs: 1000, ...overrides });

const queues: WorkQueue[] = [];
function queueOf(process: (key: string) => Promise<void>, overrides: Partial<WorkQueueOptions> = {}): WorkQueue {
  const queue = new WorkQueue(process, options(overrides));
  queues.push(queue);
  return queue;
}
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.shutDown()));
});

/** Records each run of each key, and how many runs of one key overlapped. */
function recorder() {
  const runs: string[] = [];
  const active = new Map<string, number>();
  let overlapping = 0;
  let mostAtOnce = 0;
  return {
    runs,
    get overlapping() {
      return overlapping;
    },
    get mostAtOnce() {
      return mostAtOnce;
    },
    count: (key: string) => runs.filter((run) => run === key).length,
    async around(key: string, work: () => Promise<void>) {
      runs.push(key);
      const running = (active.get(key) ?? 0) + 1;
      if (running > 1) overlapping += 1;
      active.set(key, running);
      mostAtOnce = Math.max(mostAtOnce, [...active.values()].reduce((sum, value) => sum + value, 0));
      try {
        await work();
      } finally {
        active.set(key, active.get(key)! - 1);
      }
    },
  };
}

describe('one cluster key at a time', () => {
  it('a key is never reconciled twice at once, however often its events arrive', async () => {
    const record = recorder();
    const queue = queueOf((key) => record.around(key, () => sleep(3)), { concurrency: 4 });
    for (let burst = 0; burst < 20; burst += 1) {
      queue.add('shop/desk');
      queue.add('shop/desk');
      queue.add('shop/help');
      await sleep(1);
    }
    await waitFor(() => queue.length === 0, 'the queue to drain');
    expect(record.overlapping).toBe(0);
    expect(record.count('shop/desk')).toBeGreaterThan(1);
  });

  it('a key added while it is being reconciled runs exactly once more afterwards', async () => {
    const record = recorder();
    const first = gate();
    const queue = queueOf((key) => record.around(key, () => (record.count(key) === 1 ? first.promise : Promise.resolve())));
    queue.add('shop/desk');
    await waitFor(() => record.count('shop/desk') === 1, 'the first run');
    // Three watch events while the first reconcile is still busy.
    queue.add('shop/desk');
    queue.add('shop/desk');
    queue.add('shop/desk');
    await sleep(20);
    expect(record.count('shop/desk')).toBe(1);
    first.open();
    await waitFor(() => record.count('shop/desk') === 2, 'the second run');
    await sleep(30);
    expect(record.runs).toEqual(['shop/desk', 'shop/desk']);
    expect(record.overlapping).toBe(0);
  });

  it('many adds of a key that is waiting collapse into one run', async () => {
    const record = recorder();
    const busy = gate();
    const queue = queueOf((key) => record.around(key, () => (key === 'shop/busy' ? busy.promise : Promise.resolve())));
    queue.add('shop/busy');
    await waitFor(() => record.count('shop/busy') === 1, 'the busy key to start');
    for (let index = 0; index < 5; index += 1) queue.add('shop/desk');
    expect(queue.length).toBe(2);
    busy.open();
    await waitFor(() => queue.length === 0, 'the queue to drain');
    await sleep(20);
    expect(record.runs).toEqual(['shop/busy', 'shop/desk']);
  });

  it('waiting keys run in the order they were added', async () => {
    const record = recorder();
    const busy = gate();
    const queue = queueOf((key) => record.around(key, () => (key === 'shop/busy' ? busy.promise : Promise.resolve())));
    queue.add('shop/busy');
    await waitFor(() => record.count('shop/busy') === 1, 'the busy key to start');
    for (const key of ['shop/c', 'shop/a', 'shop/b', 'shop/a']) queue.add(key);
    busy.open();
    await waitFor(() => queue.length === 0, 'the queue to drain');
    expect(record.runs).toEqual(['shop/busy', 'shop/c', 'shop/a', 'shop/b']);
  });
});

describe('concurrency across keys', () => {
  it.each([1, 2, 3])('with a limit of %i, never more clusters reconcile at once, and every key runs once', async (concurrency) => {
    const record = recorder();
    const queue = queueOf((key) => record.around(key, () => sleep(15)), { concurrency });
    const keys = ['shop/a', 'shop/b', 'shop/c', 'shop/d', 'shop/e', 'shop/f'];
    for (const key of keys) queue.add(key);
    expect(queue.length).toBe(keys.length);
    await waitFor(() => queue.length === 0, 'the queue to drain');
    expect(record.mostAtOnce).toBe(concurrency);
    expect([...record.runs].sort()).toEqual(keys);
  });
});

describe('failures retry with exponential backoff', () => {
  it('a failing key is retried after growing delays until it succeeds, and then not again', async () => {
    const starts: number[] = [];
    const retries: { key: string; error: unknown; retryInMs: number }[] = [];
    const queue = queueOf(
      async () => {
        starts.push(performance.now());
        if (starts.length <= 3) throw new Error(`apply failed (${starts.length})`);
      },
      { backoffBaseMs: 20, onError: (key, error, retryInMs) => retries.push({ key, error, retryInMs }) },
    );
    queue.add('shop/desk');
    await waitFor(() => starts.length === 4, 'the fourth attempt');
    await sleep(200);
    expect(starts).toHaveLength(4);
    expect(retries.map((retry) => [retry.key, (retry.error as Error).message])).toEqual([
      ['shop/desk', 'apply failed (1)'],
      ['shop/desk', 'apply failed (2)'],
      ['shop/desk', 'apply failed (3)'],
    ]);
    // base * 2^n, with jitter between half and all of it.
    const windows = [
      [10, 20],
      [20, 40],
      [40, 80],
    ];
    retries.forEach(({ retryInMs }, attempt) => {
      expect(retryInMs).toBeGreaterThanOrEqual(windows[attempt]![0]!);
      expect(retryInMs).toBeLessThanOrEqual(windows[attempt]![1]!);
      // The retry really waited that long (1 ms of timer rounding allowed).
      expect(starts[attempt + 1]! - starts[attempt]!).toBeGreaterThanOrEqual(retryInMs - 1);
    });
  });

  it('the delay never grows beyond backoffMaxMs', async () => {
    const retries: number[] = [];
    const queue = queueOf(
      async () => {
        throw new Error('Secret shop/pg not found');
      },
      { backoffBaseMs: 10, backoffMaxMs: 30, onError: (_key, _error, retryInMs) => retries.push(retryInMs) },
    );
    queue.add('shop/desk');
    await waitFor(() => retries.length >= 7, 'seven failures');
    expect(Math.max(...retries)).toBeLessThanOrEqual(30);
    expect(retries.slice(3).every((retryInMs) => retryInMs >= 15)).toBe(true);
  });

  it('a success resets the backoff: the next failure waits the first step again', async () => {
    const retries: number[] = [];
    const outcomes = ['fail', 'fail', 'ok', 'fail', 'ok'];
    let attempt = 0;
    const queue = queueOf(
      async () => {
        const outcome = outcomes[attempt++];
        if (outcome === 'fail') throw new Error('apply failed');
      },
      { backoffBaseMs: 10, onError: (_key, _error, retryInMs) => retries.push(retryInMs) },
    );
    queue.add('shop/desk');
    await waitFor(() => attempt === 3, 'the success after two failures');
    queue.add('shop/desk');
    await waitFor(() => attempt === 5, 'the retry of the next failure');
    expect(retries).toHaveLength(3);
    expect(retries[1]).toBeGreaterThanOrEqual(10);
    // Without the reset this would be the third step (20-40 ms).
    expect(retries[2]).toBeLessThanOrEqual(10);
  });

  it('forgetting a key (its cluster was deleted) resets its backoff too', async () => {
    const retries: number[] = [];
    let attempt = 0;
    const queue: WorkQueue = queueOf(
      async () => {
        attempt += 1;
        if (attempt <= 3) throw new Error('apply failed');
      },
      {
        backoffBaseMs: 10,
        onError: (key, _error, retryInMs) => {
          retries.push(retryInMs);
          if (retries.length === 2) queue.forget(key);
        },
      },
    );
    queue.add('shop/desk');
    await waitFor(() => attempt === 4, 'the success');
    expect(retries[2]).toBeLessThanOrEqual(10);
  });

  it('one failing key does not hold back the others', async () => {
    const record = recorder();
    const queue = queueOf(
      (key) =>
        record.around(key, async () => {
          if (key === 'shop/broken') throw new Error('apply failed');
        }),
      { backoffBaseMs: 50 },
    );
    queue.add('shop/broken');
    queue.add('shop/desk');
    queue.add('shop/help');
    await waitFor(() => record.count('shop/help') === 1, 'the healthy keys');
    expect(record.runs.slice(0, 3)).toEqual(['shop/broken', 'shop/desk', 'shop/help']);
  });
});

describe('adding after a delay', () => {
  it('a key added with a delay runs once that delay has passed, not before', async () => {
    const starts: number[] = [];
    const queue = queueOf(async () => {
      starts.push(performance.now());
    });
    const added = performance.now();
    queue.addAfter('shop/desk', 60);
    await sleep(30);
    expect(starts).toHaveLength(0);
    await waitFor(() => starts.length === 1, 'the delayed run');
    expect(starts[0]! - added).toBeGreaterThanOrEqual(59);
  });

  it('a second delayed add while one is pending does not run the key twice', async () => {
    const record = recorder();
    const queue = queueOf((key) => record.around(key, () => Promise.resolve()));
    queue.addAfter('shop/desk', 30);
    queue.addAfter('shop/desk', 40);
    await waitFor(() => record.count('shop/desk') === 1, 'the delayed run');
    await sleep(60);
    expect(record.runs).toEqual(['shop/desk']);
  });

  it('an event in the meantime still runs the key at once', async () => {
    const record = recorder();
    const queue = queueOf((key) => record.around(key, () => Promise.resolve()));
    queue.addAfter('shop/desk', 5_000);
    queue.add('shop/desk');
    await waitFor(() => record.count('shop/desk') === 1, 'the immediate run');
  });
});

describe('shutting down', () => {
  it('waits for running work to finish, drops waiting keys and ignores later adds', async () => {
    const record = recorder();
    const busy = gate();
    const queue = queueOf((key) => record.around(key, () => (key === 'shop/busy' ? busy.promise : Promise.resolve())));
    queue.add('shop/busy');
    await waitFor(() => record.count('shop/busy') === 1, 'the busy key to start');
    queue.add('shop/waiting');
    let stopped = false;
    const shutDown = queue.shutDown().then(() => (stopped = true));
    await sleep(30);
    expect(stopped).toBe(false);
    busy.open();
    await shutDown;
    queue.add('shop/late');
    queue.addAfter('shop/later', 1);
    await sleep(30);
    expect(record.runs).toEqual(['shop/busy']);
    expect(queue.length).toBe(0);
  });

  it('a key added again while the last run finishes is not started after shutdown', async () => {
    const record = recorder();
    const busy = gate();
    const queue = queueOf((key) => record.around(key, () => busy.promise));
    queue.add('shop/desk');
    await waitFor(() => record.count('shop/desk') === 1, 'the first run');
    queue.add('shop/desk');
    const shutDown = queue.shutDown();
    busy.open();
    await shutDown;
    await sleep(30);
    expect(record.runs).toEqual(['shop/desk']);
  });

  it('a retry that is waiting out its backoff is cancelled', async () => {
    let attempts = 0;
    let retryScheduled = false;
    const queue = queueOf(
      async () => {
        attempts += 1;
        throw new Error('apply failed');
      },
      { backoffBaseMs: 60, onError: () => (retryScheduled = true) },
    );
    queue.add('shop/desk');
    await waitFor(() => retryScheduled && queue.length === 0, 'the retry to be scheduled');
    await queue.shutDown();
    await sleep(100);
    expect(attempts).toBe(1);
  });

  it('an idle queue shuts down at once', async () => {
    const queue = queueOf(() => Promise.resolve());
    // Settled before the event loop turns once: it waits for no timer and no I/O (a stopwatch
    // would measure the machine's load instead).
    const first = await Promise.race([queue.shutDown().then(() => 'shut down'), new Promise((resolve) => setImmediate(() => resolve('still waiting')))]);
    expect(first).toBe('shut down');
  });
});

describe('the depth it reports (the smartchat_operator_queue_depth gauge)', () => {
  it('follows keys in and out, and is 0 once the last key has finished', async () => {
    const depths: number[] = [];
    const release = gate();
    const queue = queueOf(() => release.promise, { concurrency: 1, onLengthChanged: (length) => depths.push(length) });
    queue.add('shop/desk');
    queue.add('shop/help');
    expect(depths).toEqual([1, 2]);
    release.open();
    await waitFor(() => queue.length === 0, 'the queue to drain');
    expect(depths.at(-1)).toBe(0);
  });
});
