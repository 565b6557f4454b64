// The monthly report of the synthetic desk: the stats process's report builder
// (services/stats/src/reports) builds the last month of the history — figures from the statistics
// store, the XLSX workbook, the PDF with its charts, both written to a blob directory — against a
// main database of its own (the reports table) created for the run. Timed as a whole, and the
// figures' loading apart (the queries); more builds than one show it warm (the scheduler builds
// every month twice, on the 1st and the 3rd).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createMetricsRegistry, createPgPool, migratePostgres, schemaDir, type Logger, type PgPool } from '@smartchat/platform';
import { monthRange, ReportFiles, ReportRecords } from '@smartchat/stats/reports';
import { log } from '../orchestration.js';
// The builder and its figures' source are the stats process's internals (the package exports only
// what chat processes need); the benchmark drives them as startReports() does.
import { createReportMetrics, QueryReportSource, ReportBuilder, type ReportSource } from '@smartchat/stats/reports/runtime';

export const REPORTS_DATABASE = 'smartchat_stats_bench_reports';
const FONTS = { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' };

export interface ReportBuildTiming {
  /** The whole build: figures, workbook, PDF, files, record. */
  totalS: number;
  /** Of which loading the figures (the statistics queries). */
  figuresS: number;
  xlsxBytes: number;
  pdfBytes: number;
}

export interface MonthlyFigures {
  period: string;
  timeZone: string;
  builds: ReportBuildTiming[];
  targetS: number;
  met: boolean;
  error: string | null;
}

/** Times `load` of a source. */
class TimedSource implements ReportSource {
  lastMs = 0;
  constructor(private readonly inner: ReportSource) {}
  async load(...args: Parameters<ReportSource['load']>): ReturnType<ReportSource['load']> {
    const at = performance.now();
    try {
      return await this.inner.load(...args);
    } finally {
      this.lastMs = performance.now() - at;
    }
  }
}

async function freshMainDatabase(adminUrl: string, logger: Logger): Promise<string> {
  const admin = createPgPool({ url: adminUrl, logger, max: 1, applicationName: 'smartchat-bench' });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${REPORTS_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${REPORTS_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${REPORTS_DATABASE}`;
  return url.toString();
}

/** Builds the report of `period` (YYYY-MM in `timeZone`) from the statistics store `statsPool`, `builds` times. */
export async function timeMonthlyReport(options: { adminUrl: string; statsPool: PgPool; period: string; timeZone: string; builds: number; targetS: number; keep: boolean }): Promise<MonthlyFigures> {
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const blobDir = mkdtempSync(join(tmpdir(), 'smartchat-bench-reports-'));
  const url = await freshMainDatabase(options.adminUrl, logger);
  const pg = createPgPool({ url, logger, max: 4, applicationName: 'smartchat-bench' });
  const figures: MonthlyFigures = { period: options.period, timeZone: options.timeZone, builds: [], targetS: options.targetS, met: false, error: null };
  try {
    await migratePostgres(pg, schemaDir.postgres, logger);
    const records = new ReportRecords(pg);
    const source = new TimedSource(new QueryReportSource(options.statsPool));
    const builder = new ReportBuilder({
      pg,
      records,
      files: new ReportFiles(blobDir),
      source,
      locale: 'ru',
      fonts: FONTS,
      metrics: createReportMetrics(createMetricsRegistry('bench')),
      logger,
    });
    const record = await records.ensureMonthly(options.period, monthRange(options.period, options.timeZone));
    for (let build = 1; build <= options.builds; build += 1) {
      const at = performance.now();
      const outcome = await builder.build(record.id);
      const totalS = (performance.now() - at) / 1000;
      if (outcome !== 'built') throw new Error(`the report was not built (${outcome})`);
      const built = (await records.get(record.id))!;
      figures.builds.push({
        totalS: Math.round(totalS * 10) / 10,
        figuresS: Math.round(source.lastMs / 100) / 10,
        xlsxBytes: built.files.xlsx?.bytes ?? 0,
        pdfBytes: built.files.pdf?.bytes ?? 0,
      });
      log(`report: build ${build} of ${options.period} in ${Math.round(totalS * 10) / 10} s (figures ${Math.round(source.lastMs / 100) / 10} s)`);
    }
    figures.met = figures.builds.every((build) => build.totalS < options.targetS);
  } catch (error) {
    figures.error = error instanceof Error ? error.message : String(error);
    log(`report: failed: ${figures.error}`);
  } finally {
    await pg.end();
    rmSync(blobDir, { recursive: true, force: true });
    if (!options.keep) {
      const admin = createPgPool({ url: options.adminUrl, logger, max: 1, applicationName: 'smartchat-bench' });
      await admin.query(`DROP DATABASE IF EXISTS ${REPORTS_DATABASE} WITH (FORCE)`).finally(() => admin.end());
    }
  }
  return figures;
}
