// Whether the API server serves an API the operator uses only where it is installed (the Prometheus
// Operator's monitoring.coreos.com/v1), polled through discovery every few seconds: the operator
// may not read CustomResourceDefinitions (its RBAC names no cluster-scoped resource), and discovery
// is open to every authenticated client. onChange is called when the answer flips, so that the
// controller starts or stops watching those kinds and reconciles every cluster; a failed probe
// keeps the last answer.
import type { Logger } from '@smartchat/platform/logger';

export interface ServedApiOptions {
  /** What is polled, for the log. */
  name: string;
  probe: () => Promise<boolean>;
  intervalMs: number;
  onChange: (served: boolean) => void;
  onError: (error: unknown) => void;
}

export class ServedApiWatch {
  private answer: boolean | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ServedApiOptions, private readonly logger: Logger) {}

  /** The last answer; undefined until the first probe has answered. */
  get served(): boolean | undefined {
    return this.answer;
  }

  /** Probes once (awaited), then keeps polling. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Asks now (a reconcile that needs a fresh answer); the polling goes on as before. */
  async refresh(): Promise<boolean | undefined> {
    await this.check();
    return this.answer;
  }

  private async poll(): Promise<void> {
    await this.check();
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    let served: boolean;
    try {
      served = await this.options.probe();
    } catch (error) {
      this.options.onError(error);
      return;
    }
    if (this.stopped || served === this.answer) return;
    const before = this.answer;
    this.answer = served;
    this.logger.info({ api: this.options.name, served }, served ? 'API is served' : 'API is not served');
    if (before !== undefined || served) this.options.onChange(served);
  }
}
