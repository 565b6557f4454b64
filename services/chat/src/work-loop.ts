// The loop the background workers run (the mail intake and sender, the inbound-event processor, the webhook sender): do a
// round of work; when a round found nothing, wait `pollMs` or until poked (new work was written
// here); when a round failed (a store away), wait longer each time, up to 30 s. A poke during a
// round is not lost: the next wait ends at once.
import { backoffDelay, type Logger } from '@smartchat/platform';

export class WorkLoop {
  private stopped = false;
  private poked = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    /** One round: how many items it handled (0: nothing was due). */
    private readonly round: () => Promise<number>,
    private readonly options: { pollMs: number; logger: Logger; failed: string },
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { pollMs, logger, failed } = this.options;
    let failures = 0;
    while (!this.stopped) {
      this.poked = false;
      let handled = 0;
      try {
        handled = await this.round();
        failures = 0;
      } catch (error) {
        failures += 1;
        logger.warn({ err: error, failures }, failed);
      }
      if (handled === 0 && !this.stopped) await this.sleep(failures > 0 ? backoffDelay(failures, pollMs, 30_000) : pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.poked) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
