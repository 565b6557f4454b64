// Builds one report: reads its figures (ReportSource), writes the workbook and the PDF into the
// blob store under names of this build, and swaps them into the record in one statement; the
// previous build's files are deleted after. Progress goes to the record as it goes. One build of a
// report at a time across every stats process (a Postgres advisory lock, released with its
// connection if the process dies).
import type { Logger, PgPool } from '@smartchat/platform';
import { wordsFor, type ReportLocale } from './labels.js';
import { buildPdf, type PdfFonts } from './pdf-summary.js';
import type { ReportSource } from './report-data.js';
import { reportFileKey, type ReportFiles } from './report-files.js';
import type { ReportMetrics } from './report-metrics.js';
import type { ReportRecord, ReportRecords } from './report-records.js';
import { buildWorkbook } from './workbook.js';

/** Advisory lock class of report builds (the second key is the report's hash). */
const LOCK_CLASS = 72_417_012;

export type BuildOutcome = 'built' | 'frozen' | 'missing' | 'busy';

export interface ReportBuilderOptions {
  pg: PgPool;
  records: ReportRecords;
  files: ReportFiles;
  source: ReportSource;
  locale: ReportLocale;
  fonts: PdfFonts;
  metrics: ReportMetrics;
  logger: Logger;
  now?: () => Date;
}

export class ReportBuilder {
  constructor(private readonly options: ReportBuilderOptions) {}

  async build(reportId: string): Promise<BuildOutcome> {
    const { pg, records, logger } = this.options;
    const lock = await pg.connect();
    try {
      const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [LOCK_CLASS, reportId]);
      if (!rows[0]?.locked) return 'busy';
      try {
        const existing = await records.get(reportId);
        if (!existing) return 'missing';
        if (existing.status === 'frozen') return 'frozen';
        const record = await records.startBuild(reportId);
        if (!record) return 'frozen';
        await this.buildRecord(record);
        return 'built';
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, reportId]);
      }
    } catch (error) {
      logger.warn({ err: error, reportId }, 'report build failed');
      throw error;
    } finally {
      lock.release();
    }
  }

  private async buildRecord(record: ReportRecord): Promise<void> {
    const { records, files, source, locale, fonts, metrics, logger } = this.options;
    const started = performance.now();
    const builtAt = this.options.now?.() ?? new Date();
    const build = record.builds + 1;
    const keys = { xlsx: reportFileKey(record.id, build, 'xlsx'), pdf: reportFileKey(record.id, build, 'pdf') };
    try {
      const data = await source.load(record.range, (fraction) => records.setProgress(record.id, 5 + fraction * 65), record.teamIds);
      const title = titleOf(record, locale);
      const xlsx = await buildWorkbook(data, { locale, title, builtAt });
      await records.setProgress(record.id, 80);
      const pdf = await buildPdf(data, { locale, title, builtAt, fonts });
      await records.setProgress(record.id, 90);
      await files.write(keys.xlsx, xlsx);
      await files.write(keys.pdf, pdf);
      const buildMs = performance.now() - started;
      const { replaced } = await records.finishBuild(record.id, { xlsx: { key: keys.xlsx, bytes: xlsx.length }, pdf: { key: keys.pdf, bytes: pdf.length }, buildMs });
      await Promise.all(replaced.map((key) => files.delete(key).catch((error: unknown) => logger.warn({ err: error, key }, 'could not delete an old report file'))));
      metrics.builds.inc({ kind: record.kind, outcome: 'built' });
      metrics.buildSeconds.observe({ kind: record.kind }, buildMs / 1000);
      logger.info({ reportId: record.id, kind: record.kind, from: record.from, to: record.to, timeZone: record.timeZone, build, buildMs: Math.round(buildMs), xlsxBytes: xlsx.length, pdfBytes: pdf.length }, 'report built');
    } catch (error) {
      metrics.builds.inc({ kind: record.kind, outcome: 'failed' });
      await Promise.all([files.delete(keys.xlsx), files.delete(keys.pdf)]).catch(() => undefined);
      await records.fail(record.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}

/** "Monthly report — November 2026" / "Ежемесячный отчёт — ноябрь 2026 г.", or the custom range's title. */
export function titleOf(record: Pick<ReportRecord, 'kind' | 'period' | 'from' | 'to'>, locale: ReportLocale): string {
  const words = wordsFor(locale);
  if (record.kind === 'monthly' && record.period) {
    const [year, month] = record.period.split('-').map(Number) as [number, number];
    const name = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 15)));
    return `${words.monthly} — ${name}`;
  }
  return `${words.custom}: ${record.from} — ${record.to}`;
}
