// Liveness and readiness. Liveness says the process is working at all; readiness says each
// dependency answered a real request just now. Checks run in parallel, each with a time limit.
export type HealthCheck = () => Promise<unknown>;

export interface CheckResult {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface ReadinessReport {
  ok: boolean;
  checks: Record<string, CheckResult>;
}

export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();
  private readonly startedAt = Date.now();
  private shuttingDown = false;

  constructor(private readonly timeoutMs = 2000) {}

  add(name: string, check: HealthCheck): this {
    if (this.checks.has(name)) throw new Error(`health check "${name}" registered twice`);
    this.checks.set(name, check);
    return this;
  }

  /** After this, readiness fails so that load balancers drain the process before it stops. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  liveness(): { ok: true; uptimeSeconds: number } {
    return { ok: true, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
  }

  async readiness(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    if (this.shuttingDown) checks.shutdown = { ok: false, ms: 0, error: 'process is shutting down' };
    return { ok: Object.values(checks).every((result) => result.ok), checks };
  }

  private async run(check: HealthCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      return { ok: true, ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { ok: false, ms: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
