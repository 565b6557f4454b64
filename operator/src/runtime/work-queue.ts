// A work queue of object keys ("namespace/name"), as controllers use them: a key is processed by
// one worker at a time, a key added while it is being processed runs once more afterwards (never
// twice at once), a key added many times while waiting runs once, and a failing key is retried
// with exponential backoff that resets after a success.
import { backoffDelay } from '@smartchat/platform/backoff';

export interface WorkQueueOptions {
  concurrency: number;
  /** Backoff after the n-th consecutive failure of a key: base * 2^n up to max, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  onError?: (key: string, error: unknown, retryInMs: number) => void;
  /** Called with `length` whenever a key is added or finished (the queue-depth gauge). */
  onLengthChanged?: (length: number) => void;
}

export class WorkQueue {
  private readonly waiting = new Set<string>();
  private readonly order: string[] = [];
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly process: (key: string) => Promise<void>,
    private readonly options: WorkQueueOptions,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.order.push(key);
    this.pump();
    this.options.onLengthChanged?.(this.length);
  }

  /** Adds the key after a delay; an earlier pending delay for the key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.stopped || this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Forget a key's failures (the object is gone). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  get length(): number {
    return this.waiting.size + this.running.size;
  }

  /** Stops taking work and waits for the running keys to finish. */
  async shutDown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.waiting.clear();
    this.order.length = 0;
    if (this.running.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.options.concurrency && this.order.length > 0) {
      const key = this.order.shift()!;
      this.waiting.delete(key);
      this.running.add(key);
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    try {
      await this.process(key);
      this.failures.delete(key);
    } catch (error) {
      const attempt = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, attempt);
      const delay = backoffDelay(attempt - 1, this.options.backoffBaseMs, this.options.backoffMaxMs);
      this.options.onError?.(key, error, delay);
      this.addAfter(key, delay);
    } finally {
      this.running.delete(key);
      if (this.dirty.delete(key)) this.add(key);
      if (this.running.size === 0 && this.stopped) for (const resolve of this.idleWaiters.splice(0)) resolve();
      this.pump();
      this.options.onLengthChanged?.(this.length);
    }
  }
}
