// The monthly schedule on a real Redis (BullMQ job schedulers) and the real stores: two schedulers
// in the desk's zone; the 1st builds last month's report, the 3rd builds it again with the events
// that came late and freezes it, and nothing builds a frozen report again. Time is driven by the
// jobs' scheduled time, never by waiting for a date.
import { REPORTS_QUEUE } from '@smartchat/contracts';
import { createLogger } from '@smartchat/platform';
import { eventually, isolatedResources } from '@smartchat/platform/testing';
import { QueueEvents } from 'bullmq';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { startReports, type ReportsRuntime } from '../src/reports/index.js';
import { MONTHLY_SCHEDULERS } from '../src/reports/monthly.js';
import { ReportFiles } from '../src/reports/report-files.js';
import type { ReportRecord } from '../src/reports/report-records.js';
import { knownMonth, lateConversation, registry, reportStores, type ReportStores } from './reports-support.js';

const logger = createLogger({ service: 'test', level: 'silent' });

/** When clocks in Moscow (UTC+3) show `wall` (YYYY-MM-DDTHH:MM). */
const moscow = (wall: string) => Date.parse(`${wall}:00+03:00`);

async function newConversationsIn(stores: ReportStores, record: ReportRecord): Promise<number> {
  const file = await new ReportFiles(stores.blobDir).open(record.keys.xlsx!);
  const chunks: Buffer[] = [];
  for await (const chunk of file!.stream) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  let n: number | undefined;
  workbook.worksheets[0]!.eachRow((row) => {
    if (row.getCell(11).value === 'conversations_new') n = row.getCell(2).value as number;
  });
  return n!;
}

async function start(stores: ReportStores, resources: ReturnType<typeof isolatedResources>): Promise<{ runtime: ReportsRuntime; run: (step: 'build' | 'final', at: number) => Promise<unknown> }> {
  const { client } = resources.redis({ forBullmq: true });
  const runtime = await startReports({ config: stores.config, pg: stores.pg, statsPg: stores.statsPg, bullRedis: client, logger, registry: registry() });
  resources.defer('stop reports', () => runtime.close());
  const events = new QueueEvents(REPORTS_QUEUE, { connection: client.duplicate(), prefix: stores.config.SMARTCHAT_QUEUE_PREFIX });
  resources.defer('close queue events', () => events.close());
  await events.waitUntilReady();
  let counter = 0;
  return {
    runtime,
    // A monthly job as its scheduler would add it for `at`, run to its end.
    run: async (step, at) => {
      const job = await runtime.queue.queue.add('monthly', { step, at }, { jobId: `test-${step}-${(counter += 1)}`, attempts: 1 });
      return job.waitUntilFinished(events, 120_000);
    },
  };
}

describe('monthly reports', () => {
  it('are scheduled at 00:30 on the 1st and the 3rd in the desk zone, as two schedulers however many processes start', async () => {
    const resources = isolatedResources();
    const stores = await reportStores(resources);
    const { runtime } = await start(stores, resources);
    // A second stats process upserts the same schedulers.
    const { client } = resources.redis({ forBullmq: true });
    const second = await startReports({ config: stores.config, pg: stores.pg, statsPg: stores.statsPg, bullRedis: client, logger, registry: registry() });
    resources.defer('stop second reports', () => second.close());

    const schedulers = await runtime.queue.queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual([MONTHLY_SCHEDULERS.build.id, MONTHLY_SCHEDULERS.final.id]);
    const build = (await runtime.queue.queue.getJobScheduler(MONTHLY_SCHEDULERS.build.id))!;
    const final = (await runtime.queue.queue.getJobScheduler(MONTHLY_SCHEDULERS.final.id))!;
    expect(build).toMatchObject({ pattern: '30 0 1 * *', tz: 'Europe/Moscow', template: { data: { step: 'build' } } });
    expect(final).toMatchObject({ pattern: '30 0 3 * *', tz: 'Europe/Moscow', template: { data: { step: 'final' } } });
    // The next runs: the coming 1st and 3rd at 00:30 Moscow time.
    const now = new Date();
    const moscowNow = new Date(now.getTime() + 3 * 3_600_000);
    const nextAt = (day: number) => {
      const thisMonth = Date.UTC(moscowNow.getUTCFullYear(), moscowNow.getUTCMonth(), day, 0, 30) - 3 * 3_600_000;
      return thisMonth > now.getTime() ? thisMonth : Date.UTC(moscowNow.getUTCFullYear(), moscowNow.getUTCMonth() + 1, day, 0, 30) - 3 * 3_600_000;
    };
    expect(build.next).toBe(nextAt(1));
    expect(final.next).toBe(nextAt(3));
  });

  it('build last month on the 1st, build it again with late events on the 3rd and freeze it; a frozen report is never built again', async () => {
    const resources = isolatedResources();
    const stores = await reportStores(resources);
    await stores.ingest(knownMonth().events);
    const { runtime, run } = await start(stores, resources);
    const november = async () => (await runtime.records.list({ limit: 50 })).reports.find((report) => report.period === '2026-11');

    // 1 December, 00:30 in Moscow: November's report.
    expect(await run('build', moscow('2026-12-01T00:30'))).toBe('built 2026-11');
    const first = (await november())!;
    expect(first).toMatchObject({ kind: 'monthly', status: 'ready', progress: 100, builds: 1, from: '2026-11-01', to: '2026-11-30', timeZone: 'Europe/Moscow', createdBy: null });
    expect(first.start).toBe('2026-10-31T21:00:00.000Z');
    expect(first.end).toBe('2026-11-30T21:00:00.000Z');
    expect(await newConversationsIn(stores, first)).toBe(5);

    // The same step again (a retried or duplicated job): still one November report.
    expect(await run('build', moscow('2026-12-01T00:30'))).toBe('built 2026-11');
    expect((await runtime.records.list({ limit: 50 })).reports).toHaveLength(1);

    // A conversation of 25 November arrives late; on the 3rd the report takes it in and is frozen.
    await stores.ingest(lateConversation());
    expect(await run('final', moscow('2026-12-03T00:30'))).toBe('frozen 2026-11');
    const frozen = (await november())!;
    expect(frozen).toMatchObject({ id: first.id, status: 'frozen', builds: 3 });
    expect(frozen.frozenAt).not.toBeNull();
    expect(await newConversationsIn(stores, frozen)).toBe(6);

    // Whatever runs later leaves the snapshot as it is.
    await stores.ingest(lateConversation());
    expect(await run('final', moscow('2026-12-03T00:30'))).toBe('already frozen 2026-11');
    expect(await run('build', moscow('2026-12-01T00:30'))).toBe('already frozen 2026-11');
    expect(await runtime.builder.build(first.id)).toBe('frozen');
    const after = (await november())!;
    expect(after).toMatchObject({ status: 'frozen', builds: 3, frozenAt: frozen.frozenAt, builtAt: frozen.builtAt });
    expect(await newConversationsIn(stores, after)).toBe(6);
    expect((await runtime.records.list({ limit: 50 })).reports).toHaveLength(1);
  });

  it("the 3rd's step alone (the process was down on the 1st) still makes the month's report and freezes it", async () => {
    const resources = isolatedResources();
    const stores = await reportStores(resources);
    await stores.ingest(knownMonth().events);
    const { runtime, run } = await start(stores, resources);
    expect(await run('final', moscow('2026-12-03T00:30'))).toBe('frozen 2026-11');
    const { reports } = await runtime.records.list({ limit: 50 });
    expect(reports).toMatchObject([{ period: '2026-11', status: 'frozen', builds: 1 }]);
  });

  it("a scheduler's job takes the month from the time it was scheduled for", async () => {
    const resources = isolatedResources();
    const stores = await reportStores(resources);
    const { runtime } = await start(stores, resources);
    const scheduled = (await runtime.queue.queue.getDelayed()).find((job) => job.id?.startsWith(`repeat:${MONTHLY_SCHEDULERS.build.id}:`))!;
    const plannedFor = scheduled.opts.prevMillis!;
    // Run it now instead of on the 1st: it builds the month before the one it was planned in.
    await scheduled.promote();
    const planned = new Date(plannedFor + 3 * 3_600_000);
    const month = new Date(Date.UTC(planned.getUTCFullYear(), planned.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const report = await eventually(`the report of ${month}`, async () => (await runtime.records.list({ limit: 50 })).reports.find((candidate) => candidate.period === month && candidate.status === 'ready'), 60_000, 200);
    expect(report).toMatchObject({ kind: 'monthly', from: `${month}-01`, timeZone: 'Europe/Moscow' });
    // And the scheduler has planned its next run.
    expect((await runtime.queue.queue.getJobScheduler(MONTHLY_SCHEDULERS.build.id))!.next).toBeGreaterThan(plannedFor);
  });
});
