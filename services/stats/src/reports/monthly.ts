// Monthly reports without anybody asking: two BullMQ job schedulers in the desk's zone — at 00:30
// on the 1st, build last month's report; at 00:30 on the 3rd, build it again (events that arrived
// late are in by then) and freeze it. A frozen report is never built again. Each step makes sure
// the month's record exists first (one per month, whoever runs first), so running a step twice, or
// the 3rd's step without the 1st's, still ends with one report.
import type { Queue } from 'bullmq';
import type { ReportBuilder } from './report-builder.js';
import { monthRange, previousMonth } from './report-range.js';
import type { ReportRecords } from './report-records.js';

export type MonthlyStep = 'build' | 'final';

/** Scheduler ids (part of the data in Redis: do not rename without removing the old ones). */
export const MONTHLY_SCHEDULERS: Record<MonthlyStep, { id: string; pattern: string }> = {
  build: { id: 'monthly-report-build', pattern: '30 0 1 * *' },
  final: { id: 'monthly-report-final', pattern: '30 0 3 * *' },
};

/** Adds (or, with another zone, moves) both schedulers; every stats process may call it, they stay two. */
export async function scheduleMonthlyReports(queue: Queue, timeZone: string): Promise<void> {
  for (const step of ['build', 'final'] as const) {
    const { id, pattern } = MONTHLY_SCHEDULERS[step];
    await queue.upsertJobScheduler(id, { pattern, tz: timeZone }, { name: 'monthly', data: { step }, opts: { attempts: 8, backoff: { type: 'exponential', delay: 30_000 } } });
  }
}

export interface MonthlyOutcome {
  period: string;
  reportId: string;
  result: 'built' | 'frozen' | 'already frozen';
}

export class MonthlyReports {
  constructor(private readonly deps: { records: ReportRecords; builder: ReportBuilder; timeZone: string }) {}

  /** Runs `step` as scheduled for `at`: on last month in the desk's zone as of that time. */
  async run(step: MonthlyStep, at: Date): Promise<MonthlyOutcome> {
    const { records, builder, timeZone } = this.deps;
    const period = previousMonth(at, timeZone);
    const record = await records.ensureMonthly(period, monthRange(period, timeZone));
    if (record.status === 'frozen') return { period, reportId: record.id, result: 'already frozen' };
    const outcome = await builder.build(record.id);
    // Another process is building it right now: try again later, so the freeze follows a whole build.
    if (outcome === 'busy') throw new Error(`the report of ${period} is being built by another process; retrying`);
    if (outcome === 'frozen') return { period, reportId: record.id, result: 'already frozen' };
    if (outcome === 'missing') throw new Error(`the report of ${period} disappeared while it was built`);
    if (step === 'build') return { period, reportId: record.id, result: 'built' };
    if (!(await records.freeze(record.id))) throw new Error(`the report of ${period} could not be frozen`);
    return { period, reportId: record.id, result: 'frozen' };
  }
}
