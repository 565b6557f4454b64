import { describe, expect, it } from 'vitest';
import { HealthChecks } from '../src/health.js';

describe('readiness', () => {
  it('is ready only when every check answers, and names the one that does not', async () => {
    const health = new HealthChecks(200)
      .add('postgres', async () => undefined)
      .add('kafka', async () => {
        throw new Error('connection refused');
      })
      .add('cassandra', () => new Promise(() => undefined));
    const report = await health.readiness();
    expect(report.ok).toBe(false);
    expect(report.checks.postgres?.ok).toBe(true);
    expect(report.checks.kafka).toMatchObject({ ok: false, error: 'connection refused' });
    expect(report.checks.cassandra).toMatchObject({ ok: false, error: 'no answer within 200 ms' });
  });

  it('stops being ready once shutdown begins, while staying alive', async () => {
    const health = new HealthChecks().add('redis', async () => undefined);
    expect((await health.readiness()).ok).toBe(true);
    health.markShuttingDown();
    expect((await health.readiness()).ok).toBe(false);
    expect(health.liveness().ok).toBe(true);
  });

  it('rejects a check registered twice', () => {
    const health = new HealthChecks().add('redis', async () => undefined);
    expect(() => health.add('redis', async () => undefined)).toThrow(/registered twice/);
  });
});
