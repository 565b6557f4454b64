// The report's XLSX workbook: a summary sheet with every figure (its n beside it, the range and
// zone on top), then a sheet per team, per agent, SLA breaches and CSAT comments. Cells are typed —
// counts are numbers, durations are Excel times ([h]:mm:ss), shares are percentages, moments are
// dates in the report's zone — so they sort, sum and chart in any spreadsheet. Header rows are
// frozen and filtered; columns are wide enough to read.
import type { Figure } from '@smartchat/contracts';
import { localDateParts } from '@smartchat/core';
import ExcelJS from 'exceljs';
import { wordsFor, type ReportLocale, type ReportWord } from './labels.js';
import type { ReportData } from './report-data.js';

const DAY_MS = 86_400_000;
export const FORMATS = {
  count: '#,##0',
  duration: '[h]:mm:ss',
  share: '0.0%',
  number: '0.00',
  moment: 'yyyy-mm-dd hh:mm',
} as const;

type CellKind = keyof typeof FORMATS | 'text';
interface Column {
  header: string;
  width: number;
  kind: CellKind;
}
type CellValue = string | number | Date | null;

/** A duration in ms as an Excel time (days), or null. */
const asTime = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : ms / DAY_MS);

/** An instant as the wall time in `timeZone`, written as Excel writes a zone-less date. */
function wallTime(instant: Date, timeZone: string): Date {
  const parts = localDateParts(instant, timeZone);
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute));
}

/** A figure's main value and its format: the count, the share, the median, the total time. */
export function mainValue(figure: Figure): { value: number | null; kind: CellKind } {
  switch (figure.kind) {
    case 'count':
      return { value: figure.n, kind: 'count' };
    case 'ratio':
      return { value: figure.rate, kind: 'share' };
    case 'duration':
      return { value: asTime(figure.calendar.median), kind: 'duration' };
    case 'distribution':
      return { value: figure.median, kind: 'number' };
    case 'total':
      return { value: asTime(figure.totalMs), kind: 'duration' };
  }
}

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: CellValue[][], preamble: string[][] = [], emptyText?: string): ExcelJS.Worksheet {
  const headerRow = preamble.length + 1;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  for (const line of preamble) {
    const row = sheet.addRow(line);
    row.getCell(1).font = { bold: true };
  }
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  header.height = 30;
  for (const values of rows) {
    const row = sheet.addRow(values);
    columns.forEach((column, index) => {
      if (column.kind !== 'text') row.getCell(index + 1).numFmt = FORMATS[column.kind];
    });
  }
  if (rows.length > 0) sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  else if (emptyText) sheet.addRow([emptyText]).font = { italic: true };
  return sheet;
}

export async function buildWorkbook(data: ReportData, options: { locale: ReportLocale; title: string; builtAt: Date }): Promise<Buffer> {
  const w = wordsFor(options.locale);
  const { range, previousRange } = data;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Smartchat';
  workbook.created = options.builtAt;
  workbook.title = options.title;
  const col = (word: ReportWord, width: number, kind: CellKind): Column => ({ header: w[word], width, kind });
  const name = (localized: { en: string; ru: string }) => localized[options.locale];

  // --- summary: every figure, with its n, in calendar and business time, and the previous range ---
  const preamble = [
    [options.title],
    [w.range, `${range.from} — ${range.to}`],
    [w.timeZone, range.timeZone],
    [w.coverage, data.teamNames ? data.teamNames.join(', ') : w.wholeDesk],
    [w.previous, `${previousRange.from} — ${previousRange.to}`],
    [w.generated, wallTime(options.builtAt, range.timeZone).toISOString().slice(0, 16).replace('T', ' ')],
    [w.note],
    [],
  ];
  const summaryColumns: Column[] = [
    col('metric', 38, 'text'),
    col('n', 10, 'count'),
    col('value', 16, 'text'),
    col('p90', 14, 'text'),
    col('mean', 14, 'text'),
    col('businessMedian', 16, 'duration'),
    col('businessP90', 16, 'duration'),
    col('businessMean', 16, 'duration'),
    col('previousN', 14, 'count'),
    col('previousValue', 18, 'text'),
    { header: 'id', width: 22, kind: 'text' },
  ];
  const summary = addSheet(workbook, w.summary, summaryColumns, [], preamble);
  for (const figure of data.figures) {
    const main = mainValue(figure.current);
    const previous = figure.previous ? mainValue(figure.previous) : null;
    const current = figure.current;
    const spread =
      current.kind === 'duration'
        ? [asTime(current.calendar.p90), asTime(current.calendar.mean)]
        : current.kind === 'distribution'
          ? [current.p90, current.mean]
          : [null, null];
    const business = current.kind === 'duration' ? [asTime(current.business.median), asTime(current.business.p90), asTime(current.business.mean)] : [null, null, null];
    const row = summary.addRow([name(figure.name), current.n, main.value, ...spread, ...business, figure.previous?.n ?? null, previous?.value ?? null, figure.metric]);
    row.getCell(2).numFmt = FORMATS.count;
    if (main.kind !== 'text') row.getCell(3).numFmt = FORMATS[main.kind];
    if (main.kind !== 'text') [4, 5].forEach((cell) => (row.getCell(cell).numFmt = FORMATS[main.kind as keyof typeof FORMATS]));
    [6, 7, 8].forEach((cell) => (row.getCell(cell).numFmt = FORMATS.duration));
    row.getCell(9).numFmt = FORMATS.count;
    if (previous && previous.kind !== 'text') row.getCell(10).numFmt = FORMATS[previous.kind];
  }
  summary.autoFilter = { from: { row: preamble.length + 1, column: 1 }, to: { row: preamble.length + 1, column: summaryColumns.length } };

  // --- one row per team ---
  addSheet(
    workbook,
    w.teams,
    [
      col('team', 28, 'text'),
      col('newConversations', 10, 'count'),
      col('closedConversations', 10, 'count'),
      col('reopenedConversations', 12, 'count'),
      col('firstResponseMedian', 14, 'duration'),
      col('firstResponseP90', 14, 'duration'),
      col('firstResponseN', 12, 'count'),
      col('nextResponseMedian', 14, 'duration'),
      col('nextResponseN', 12, 'count'),
      col('resolutionMedian', 14, 'duration'),
      col('resolutionN', 12, 'count'),
      col('slaFirst', 12, 'share'),
      col('slaFirstN', 12, 'count'),
      col('slaNext', 12, 'share'),
      col('slaNextN', 12, 'count'),
      col('csat', 10, 'share'),
      col('csatN', 10, 'count'),
    ],
    data.teams.map((team) => [
      team.name,
      team.newConversations.n,
      team.closedConversations.n,
      team.reopenedConversations.n,
      asTime(team.firstResponse.calendar.median),
      asTime(team.firstResponse.calendar.p90),
      team.firstResponse.n,
      asTime(team.nextResponse.calendar.median),
      team.nextResponse.n,
      asTime(team.resolution.calendar.median),
      team.resolution.n,
      team.slaFirstResponse.rate,
      team.slaFirstResponse.n,
      team.slaNextResponse.rate,
      team.slaNextResponse.n,
      team.csatSatisfied.rate,
      team.csatSatisfied.n,
    ]),
    [],
    w.none,
  );

  // --- one row per agent ---
  addSheet(
    workbook,
    w.agents,
    [
      col('agent', 28, 'text'),
      col('online', 12, 'duration'),
      col('away', 12, 'duration'),
      col('replies', 10, 'count'),
      col('closedConversations', 10, 'count'),
      col('firstResponseMedian', 14, 'duration'),
      col('firstResponseN', 12, 'count'),
      col('handlingMedian', 14, 'duration'),
      col('handlingN', 12, 'count'),
      col('csat', 10, 'share'),
      col('csatN', 10, 'count'),
      col('csatRating', 12, 'number'),
    ],
    data.agents.map((agent) => [
      agent.name,
      asTime(agent.online.totalMs),
      asTime(agent.away.totalMs),
      agent.replies.n,
      agent.closedConversations.n,
      asTime(agent.firstResponse.calendar.median),
      agent.firstResponse.n,
      asTime(agent.handling.calendar.median),
      agent.handling.n,
      agent.csatSatisfied.rate,
      agent.csatSatisfied.n,
      agent.csatRating.mean,
    ]),
    [],
    w.none,
  );

  // --- every SLA breach and every CSAT comment, oldest first, times in the report's zone ---
  const at = `${w.at} (${range.timeZone})`;
  addSheet(
    workbook,
    w.breaches,
    [{ header: at, width: 18, kind: 'moment' }, col('kind', 18, 'text'), col('team', 24, 'text'), col('agent', 24, 'text'), col('conversation', 38, 'text')],
    data.breaches.map((breach) => [wallTime(breach.at, range.timeZone), w[breach.kind], breach.team, breach.agent, breach.conversationId]),
    [],
    w.none,
  );
  const comments = addSheet(
    workbook,
    w.comments,
    [{ header: at, width: 18, kind: 'moment' }, col('rating', 8, 'count'), col('comment', 60, 'text'), col('team', 24, 'text'), col('agent', 24, 'text'), col('conversation', 38, 'text')],
    data.comments.map((comment) => [wallTime(comment.at, range.timeZone), comment.rating, comment.comment, comment.team, comment.agent, comment.conversationId]),
    [],
    w.none,
  );
  comments.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
