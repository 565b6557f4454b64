// What every bench orchestrator needs around its run: a time limit on each stage, and the undo
// steps of what it started, run once in reverse order at the end or on Ctrl-C.

export const log = (text: string) => process.stdout.write(`[bench] ${text}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Undo steps, run newest first. Each is bounded, so one stuck step cannot keep the others (or the
 * bench) from finishing; a failure is reported and the rest still run. SIGINT/SIGTERM run them too:
 * an interrupted bench must not leave processes or databases behind.
 */
export class CleanupStack {
  private readonly steps: { what: string; run: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly stepLimitMs = 150_000) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        log(`${signal}: stopping what the bench started`);
        void this.run().then(() => process.exit(130));
      });
    }
  }

  push(what: string, run: () => Promise<void>): void {
    this.steps.push({ what, run });
  }

  /**
   * Undoes what was pushed so far (newest first) and keeps the stack for more: a profile of several
   * phases stops one phase's processes before the next phase measures anything.
   */
  flush(): Promise<void> {
    const steps = this.steps.splice(0).reverse();
    this.flushing = this.flushing.then(async () => {
      for (const step of steps) {
        await deadline(step.run(), this.stepLimitMs, step.what).catch((error: unknown) => console.error(`[bench] cleanup: ${(error as Error).message}`));
      }
    });
    return this.flushing;
  }

  /** The final undo (at the end, or on a signal): everything left, once. */
  run(): Promise<void> {
    this.running ??= this.flush();
    return this.running;
  }
}

/** Runs `work` for each item, `workers` at a time (the search corpus, the integrations load). */
export async function inParallel<T>(items: readonly T[], workers: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
