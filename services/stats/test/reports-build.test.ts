// A report built from a statistics store filled with a known month of events: the workbook's
// figures are the statistics query layer's for the same range and zone (and the hand-counted ones),
// typed and readable; the PDF is a two-page summary; the files are in the blob store.
import type { Readable } from 'node:stream';
import { createLogger } from '@smartchat/platform';
import { isolatedResources } from '@smartchat/platform/testing';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Figure } from '@smartchat/contracts';
import { metricDefinitions } from '../src/metrics/definitions.js';
import { overviewFigures } from '../src/queries/overview.js';
import { previousRange } from '../src/queries/range.js';
import { wholeSlice } from '../src/queries/slice.js';
import { QueryReportSource } from '../src/reports/query-source.js';
import { ReportBuilder } from '../src/reports/report-builder.js';
import { ReportFiles } from '../src/reports/report-files.js';
import { createReportMetrics } from '../src/reports/report-metrics.js';
import { customRange, monthRange } from '../src/reports/report-range.js';
import { ReportRecords, type ReportRecord } from '../src/reports/report-records.js';
import { knownMonth, registry, reportStores, type ReportStores } from './reports-support.js';

const DAY_MS = 86_400_000;

function builderFor(stores: ReportStores, locale: 'ru' | 'en' = 'ru') {
  const records = new ReportRecords(stores.pg);
  const files = new ReportFiles(stores.blobDir);
  const builder = new ReportBuilder({
    pg: stores.pg,
    records,
    files,
    source: new QueryReportSource(stores.statsPg),
    locale,
    fonts: { regular: stores.config.SMARTCHAT_REPORT_FONT, bold: stores.config.SMARTCHAT_REPORT_FONT_BOLD },
    metrics: createReportMetrics(registry()),
    logger: silentLogger,
  });
  return { records, files, builder };
}

const silentLogger = createLogger({ service: 'test', level: 'silent' });

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function workbookOf(files: ReportFiles, record: ReportRecord): Promise<ExcelJS.Workbook> {
  const file = await files.open(record.keys.xlsx!);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await bytesOf(file!.stream)) as unknown as ArrayBuffer);
  return workbook;
}

/**
 * A numeric cell as stored: exceljs reads a number with a time format ([h]:mm:ss) back as a Date
 * counted from Excel's day 0 (1899-12-30).
 */
function serial(value: unknown): unknown {
  return value instanceof Date ? (value.getTime() - Date.UTC(1899, 11, 30)) / DAY_MS : value;
}

/** The summary sheet's rows by metric id: n, the main value, p90, mean. */
function summaryRows(workbook: ExcelJS.Workbook): Map<string, { n: unknown; value: unknown; p90: unknown; mean: unknown; row: ExcelJS.Row }> {
  const sheet = workbook.worksheets[0]!;
  const rows = new Map<string, { n: unknown; value: unknown; p90: unknown; mean: unknown; row: ExcelJS.Row }>();
  sheet.eachRow((row) => {
    const id = row.getCell(11).value;
    if (typeof id === 'string' && id !== 'id') rows.set(id, { n: row.getCell(2).value, value: serial(row.getCell(3).value), p90: serial(row.getCell(4).value), mean: serial(row.getCell(5).value), row });
  });
  return rows;
}

/** What the summary's value column holds for a figure: the count, the share, the median or total time in days. */
function expectedCell(figure: Figure): number | null {
  switch (figure.kind) {
    case 'count':
      return figure.n;
    case 'ratio':
      return figure.rate;
    case 'duration':
      return figure.calendar.median === null ? null : figure.calendar.median / DAY_MS;
    case 'distribution':
      return figure.median;
    case 'total':
      return figure.totalMs / DAY_MS;
  }
}

describe('a report of a known month', () => {
  it('has every figure of the query layer for that month in the desk zone, with its n, and the hand-counted ones', async ({ annotate }) => {
    const stores = await reportStores(isolatedResources());
    const month = knownMonth();
    await stores.ingest(month.events);
    const { records, files, builder } = builderFor(stores);
    const range = monthRange('2026-11', 'Europe/Moscow');
    const record = await records.ensureMonthly('2026-11', range);

    const started = performance.now();
    expect(await builder.build(record.id)).toBe('built');
    const elapsed = performance.now() - started;
    const built = (await records.get(record.id))!;
    expect(built).toMatchObject({ status: 'ready', progress: 100, builds: 1, from: '2026-11-01', to: '2026-11-30', timeZone: 'Europe/Moscow', error: null });
    expect(built.builtAt).not.toBeNull();
    expect(built.buildMs).toBeGreaterThan(0);
    await annotate(`known month report built in ${Math.round(elapsed)} ms`);

    const workbook = await workbookOf(files, built);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Сводка', 'Команды', 'Операторы', 'Нарушения SLA', 'Комментарии CSAT']);
    const summary = workbook.worksheets[0]!;
    expect(summary.getCell('B2').value).toBe('2026-11-01 — 2026-11-30');
    expect(summary.getCell('B3').value).toBe('Europe/Moscow');
    // What it covers: a monthly report, the whole desk.
    expect([summary.getCell('A4').value, summary.getCell('B4').value]).toEqual(['Охват', 'вся служба поддержки']);
    const headerRow = 9;
    expect(summary.getRow(headerRow).getCell(1).value).toBe('Показатель');
    expect(summary.getRow(headerRow).getCell(2).value).toBe('n');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });

    // Every metric of the catalogue, equal to what the query layer answers for the same range.
    const slice = wholeSlice(range.start, range.end, range.timeZone);
    const before = previousRange(range);
    const expected = await overviewFigures(stores.statsPg, slice, wholeSlice(before.start, before.end, before.timeZone));
    const rows = summaryRows(workbook);
    expect([...rows.keys()]).toEqual(metricDefinitions.map((definition) => definition.id));
    for (const figure of expected) {
      const row = rows.get(figure.metric)!;
      expect(row.n, figure.metric).toBe(figure.current.n);
      const cell = expectedCell(figure.current);
      if (cell === null) expect(row.value, figure.metric).toBeNull();
      else expect(row.value as number, figure.metric).toBeCloseTo(cell, 9);
    }

    // By hand: five customer conversations started in November in Moscow (the one at 00:30 on
    // 1 December in Moscow is not, the one at 01:30 on 1 November is; the internal one never).
    expect(rows.get('conversations_new')!.n).toBe(5);
    const firstResponse = rows.get('first_response_time')!;
    expect(firstResponse.n).toBe(5);
    expect((firstResponse.value as number) * DAY_MS).toBeCloseTo(120_000, 3);
    expect((firstResponse.p90 as number) * DAY_MS).toBeCloseTo(480_000, 3);
    expect(firstResponse.row.getCell(3).numFmt).toBe('[h]:mm:ss');
    const sla = rows.get('sla_first_response_hit_rate')!;
    expect(sla.row.getCell(3).numFmt).toBe('0.0%');

    // One row per team and agent, with typed numbers and frozen headers.
    const teams = workbook.getWorksheet('Команды')!;
    expect(teams.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const teamRows = new Map<string, number>();
    teams.eachRow((row, index) => {
      if (index > 1) teamRows.set(String(row.getCell(1).value), row.getCell(2).value as number);
    });
    expect(Object.fromEntries(teamRows)).toEqual({ Billing: 2, Поддержка: 3 });
    expect(teams.getColumn(1).width).toBeGreaterThanOrEqual(20);
    const agents = workbook.getWorksheet('Операторы')!;
    expect(agents.getRow(1).getCell(1).value).toBe('Оператор');
    expect(agents.rowCount).toBe(3);

    const breaches = workbook.getWorksheet('Нарушения SLA')!;
    expect(breaches.rowCount).toBe(2);
    expect(breaches.getRow(2).getCell(5).value).toBe(month.breached);
    expect(breaches.getRow(2).getCell(2).value).toBe('Первый ответ');
    // 08:05 UTC is 11:05 in Moscow: times are the report zone's wall clock.
    expect((breaches.getRow(2).getCell(1).value as Date).toISOString()).toBe('2026-11-20T11:05:00.000Z');
    const comments = workbook.getWorksheet('Комментарии CSAT')!;
    expect(comments.getRow(2).getCell(2).value).toBe(5);
    expect(comments.getRow(2).getCell(3).value).toBe(month.comment);
    expect(comments.getRow(2).getCell(6).value).toBe(month.commented);

    // The PDF: a real PDF, a page of figures and a page of charts.
    const pdf = await bytesOf((await files.open(built.keys.pdf!))!.stream);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(2);
    expect(built.files).toEqual({ xlsx: { bytes: expect.any(Number) as number }, pdf: { bytes: pdf.length } });
  });

  it('slices a custom range in the zone asked for: the first of December in Moscow is still November in UTC', async () => {
    const stores = await reportStores(isolatedResources());
    const month = knownMonth();
    await stores.ingest(month.events);
    const { records, files, builder } = builderFor(stores, 'en');
    const range = customRange({ from: '2026-11-30', to: '2026-11-30', timeZone: 'UTC' }, new Date('2026-12-06T12:00:00Z'));
    const { report } = await records.createCustom(range, await agentInMain(stores));
    expect(await builder.build(report.id)).toBe('built');
    const workbook = await workbookOf(files, (await records.get(report.id))!);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Teams', 'Agents', 'SLA breaches', 'CSAT comments']);
    expect(workbook.worksheets[0]!.getCell('B3').value).toBe('UTC');
    expect(summaryRows(workbook).get('conversations_new')!.n).toBe(1);
  });

  it('keeps the previous build downloadable until a rebuild has written its files, then deletes them', async () => {
    const stores = await reportStores(isolatedResources());
    await stores.ingest(knownMonth().events);
    const { records, files, builder } = builderFor(stores);
    const record = await records.ensureMonthly('2026-11', monthRange('2026-11', 'Europe/Moscow'));
    await builder.build(record.id);
    const first = (await records.get(record.id))!;
    await builder.build(record.id);
    const second = (await records.get(record.id))!;
    expect(second.builds).toBe(2);
    expect(second.keys.xlsx).not.toBe(first.keys.xlsx);
    expect(await files.open(second.keys.xlsx!)).toBeDefined();
    expect(await files.open(first.keys.xlsx!)).toBeUndefined();
    expect(await files.open(first.keys.pdf!)).toBeUndefined();
  });
});

/** An agent row in the main database (custom reports name who asked). */
async function agentInMain(stores: ReportStores): Promise<string> {
  const { rows } = await stores.pg.query<{ id: string }>("INSERT INTO agents (email, name, password_hash) VALUES ('m@desk.test', 'Manager', 'x') RETURNING id");
  return rows[0]!.id;
}
