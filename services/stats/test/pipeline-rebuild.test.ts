// `stats rebuild --from DATE`: facts and rollups derived again from raw_events alone equal what
// live processing stored.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMetricsRegistry, repoRoot } from '@smartchat/platform';
import { isolatedResources } from '@smartchat/platform/testing';
import { describe, expect, it } from 'vitest';
import { parseFromArgument } from '../src/bin/rebuild-args.js';
import { createPipelineMetrics } from '../src/pipeline/pipeline-metrics.js';
import { ingestEvents } from '../src/pipeline/feed.js';
import { tryLockRebuild } from '../src/pipeline/locks.js';
import { RebuildBusyError, rebuildStatistics } from '../src/pipeline/rebuild.js';
import { createTestStatsDatabase } from '../src/pipeline/testing.js';
import { statusChanged, teamSettingsChanged } from './fixtures/event-script.js';
import { agentCreated, ANNA, BORIS, conversation, membersChanged, pipelineEnvironment, rollupsFromFacts, teamRollupsFromFacts, agentRollupsFromFacts, histogramsFromFacts, SALES, storePicture, SUPPORT, t, teamCreated } from './pipeline-support.js';

const execFileAsync = promisify(execFile);

/** Two days of a desk: conversations across both, transfers and reopens, presence, directory changes. */
function twoDays() {
  const hours = teamSettingsChanged('h1', SALES, t('06:00'), ANNA, { businessHours: null }, { businessHours: { timeZone: 'Europe/Moscow', days: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] } } });
  const directory = [
    teamCreated('team-1', SALES, 'Sales', t('05:00')),
    teamCreated('team-2', SUPPORT, 'Support', t('05:00')),
    agentCreated('agent-1', ANNA, 'Anna', [SALES], t('05:01')),
    agentCreated('agent-2', BORIS, 'Boris', [SUPPORT], t('05:01')),
    membersChanged('team-3', SALES, t('05:02', '2026-10-06'), [ANNA, BORIS], [BORIS], []),
    hours,
  ];
  // Starts on Monday, ends on Tuesday: a rebuild from Tuesday derives it from all of its events.
  const spanning = conversation().created(t('14:00'), { teamId: SALES }).customer(t('14:00')).assigned(t('14:05'), ANNA).reply(t('14:20'), ANNA).customer(t('16:00')).reply(t('06:30', '2026-10-06'), ANNA).closed(t('07:00', '2026-10-06'), ANNA);
  const transferred = conversation().created(t('10:00'), { teamId: SUPPORT, topic: 'visa' }).customer(t('10:00')).assigned(t('10:01'), BORIS).transferred(t('10:30'), SALES, BORIS).assigned(t('10:40'), ANNA).reply(t('10:45'), ANNA).closed(t('11:00'), ANNA);
  const reopened = conversation().created(t('09:00', '2026-10-06'), { teamId: SALES }).customer(t('09:00', '2026-10-06')).assigned(t('09:02', '2026-10-06'), ANNA).reply(t('09:04', '2026-10-06'), ANNA).closed(t('09:10', '2026-10-06'), ANNA).reopened(t('09:30', '2026-10-06'), null).customer(t('09:30', '2026-10-06')).reply(t('09:35', '2026-10-06'), ANNA).closed(t('09:40', '2026-10-06'), ANNA);
  const monday = conversation().created(t('08:00'), { teamId: SUPPORT }).customer(t('08:00')).assigned(t('08:10'), BORIS).reply(t('08:15'), BORIS).closed(t('08:20'), BORIS);
  const presence = [
    statusChanged('s1', ANNA, t('07:50'), 'online', 'offline'),
    statusChanged('s2', ANNA, t('12:10'), 'away', 'online'),
    statusChanged('s3', ANNA, t('13:00'), 'online', 'away'),
    statusChanged('s4', ANNA, t('08:00', '2026-10-06'), 'offline', 'online'),
    statusChanged('s5', BORIS, t('07:55'), 'online', 'offline'),
    statusChanged('s6', BORIS, t('10:35'), 'offline', 'online'),
  ];
  return [...directory, ...spanning.events, ...transferred.events, ...reopened.events, ...monday.events, ...presence];
}

describe('stats rebuild', () => {
  it('from raw events alone gives the facts and rollups live processing gave, whatever was lost or spoiled', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 3);
    const events = twoDays();
    await env.start();
    await env.produce(events);
    await env.caughtUp();
    const { pool } = env.stats;
    const live = await storePicture(pool);
    expect(live.facts.length).toBeGreaterThan(40);
    expect(live.rollups).toEqual(await rollupsFromFacts(pool));
    expect(live.teamRollups).toEqual(await teamRollupsFromFacts(pool));
    expect(live.agentRollups).toEqual(await agentRollupsFromFacts(pool));
    expect(live.histograms).toEqual(await histogramsFromFacts(pool));

    // Nothing to change: a rebuild over a consistent store leaves it as it is.
    await rebuildStatistics(pool, { from: new Date('2026-10-01T00:00:00Z'), logger: resources.logger });
    expect(await storePicture(pool)).toEqual(live);

    // Everything derived is gone; only the raw events are left (no Kafka involved from here).
    await pool.query('TRUNCATE facts, rollup_hourly, teams, agents, team_settings');
    const summary = await rebuildStatistics(pool, { from: new Date('2026-10-01T00:00:00Z'), logger: resources.logger, batchSize: 2 });
    expect(await storePicture(pool)).toEqual(live);
    expect(summary).toMatchObject({ teams: 2, agents: 2, conversations: 4, presenceAgents: 2, failed: [] });

    // From Tuesday: a conversation that began on Monday is derived from all of its events, and a
    // rollup spoiled on Tuesday is summed again from the facts.
    const spanning = await pool.query<{ subject_id: string }>("SELECT subject_id FROM facts WHERE kind = 'conversation.new' AND at = $1 AND team_id = $2", [t('14:00'), SALES]);
    await pool.query('DELETE FROM facts WHERE subject_id = $1', [spanning.rows[0]!.subject_id]);
    await pool.query("UPDATE rollup_hourly SET n = n + 5, sum_value = sum_value + 1 WHERE hour >= '2026-10-06'");
    const fromTuesday = await rebuildStatistics(pool, { from: new Date('2026-10-06T00:00:00Z'), logger: resources.logger });
    expect(await storePicture(pool)).toEqual(live);
    expect(fromTuesday.conversations).toBe(2);
  });

  it('gives the same store as live processing from the same events fed in another order', async () => {
    const resources = isolatedResources();
    const events = twoDays();
    const forward = await createTestStatsDatabase(resources);
    await ingestEvents(forward.pool, events);
    const backward = await createTestStatsDatabase(resources);
    await ingestEvents(backward.pool, [...events].reverse());
    expect(await storePicture(backward.pool)).toEqual(await storePicture(forward.pool));
    await backward.pool.query('TRUNCATE facts, rollup_hourly, teams, agents, team_settings');
    await rebuildStatistics(backward.pool, { from: new Date('2026-01-01T00:00:00Z'), logger: resources.logger });
    expect(await storePicture(backward.pool)).toEqual(await storePicture(forward.pool));
  });

  it('runs one at a time, shows itself in smartchat_stats_rebuild_running, and records its runs', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 1);
    const { pool } = env.stats;
    await ingestEvents(pool, twoDays());
    const member = await env.start();

    const holder = await pool.connect();
    try {
      expect(await tryLockRebuild(holder)).toBe(true);
      await expect(rebuildStatistics(pool, { from: new Date('2026-10-01T00:00:00Z'), logger: resources.logger })).rejects.toThrow(RebuildBusyError);
    } finally {
      await holder.query('SELECT pg_advisory_unlock_all()');
      holder.release();
    }

    // While a run is going, every stats process says so; its own process too.
    const registry = createMetricsRegistry('stats-rebuild-test');
    const { rebuildRunning } = createPipelineMetrics(registry);
    let seenRunning = 0;
    let seenByItself = 0;
    const watch = setInterval(() => {
      void member.refreshStatus().then(async () => {
        seenRunning = Math.max(seenRunning, (await member.metrics.rebuildRunning.get()).values[0]!.value);
        seenByItself = Math.max(seenByItself, (await rebuildRunning.get()).values[0]!.value);
      });
    }, 20);
    try {
      // One subject per transaction keeps it going long enough to be seen.
      await rebuildStatistics(pool, { from: new Date('2026-10-01T00:00:00Z'), logger: resources.logger, batchSize: 1, running: rebuildRunning });
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      clearInterval(watch);
    }
    expect(seenRunning).toBe(1);
    expect(seenByItself).toBe(1);
    await member.refreshStatus();
    expect((await member.metrics.rebuildRunning.get()).values[0]!.value).toBe(0);
    const runs = await pool.query("SELECT outcome, subjects FROM rebuild_runs WHERE outcome IS NOT NULL ORDER BY id");
    expect(runs.rows).toEqual([{ outcome: 'done', subjects: 10 }]);
  });

  it('is a command: stats rebuild --from DATE, refusing a date it cannot read', async () => {
    const resources = isolatedResources();
    const stats = await createTestStatsDatabase(resources);
    await ingestEvents(stats.pool, twoDays());
    const live = await storePicture(stats.pool);
    await stats.pool.query('TRUNCATE facts, rollup_hourly');
    const command = join(repoRoot, 'services/stats/src/bin/rebuild.ts');
    const env = { ...process.env, SMARTCHAT_STATS_PG_URL: stats.url, SMARTCHAT_LOG_LEVEL: 'warn' };
    await execFileAsync(process.execPath, ['--import', 'tsx', command, 'rebuild', '--from', '2026-10-05'], { cwd: repoRoot, env, timeout: 60_000 });
    expect(await storePicture(stats.pool)).toEqual(live);

    const refused = await execFileAsync(process.execPath, ['--import', 'tsx', command, '--from', '2026-02-30'], { cwd: repoRoot, env, timeout: 60_000 }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: stats rebuild --from DATE') });
    // Two processes started from the sources (tsx): slow on a busy machine.
  }, 180_000);

  it.each<[string[], string | undefined]>([
    [['rebuild', '--from', '2026-11-01'], '2026-11-01T00:00:00.000Z'],
    [['--from=2026-11-01T03:00:00+03:00'], '2026-11-01T00:00:00.000Z'],
    [['--from', '2026-11-01T10:15Z'], '2026-11-01T10:15:00.000Z'],
    [['--from', '2026-02-29'], undefined],
    [['--from', '01.11.2026'], undefined],
    [['--from', '2026-11-01T10:15'], undefined],
    [['rebuild'], undefined],
  ])('reads --from in %j as %s', (args, expected) => {
    expect(parseFromArgument(args)?.toISOString()).toBe(expected);
  });
});
