// The team and agent tables as files: CSV (UTF-8 with a byte-order mark, so that Excel reads the
// Cyrillic right; comma-separated, CRLF, RFC 4180 quoting) and XLSX (exceljs: the table on one
// sheet, typed numbers, and a second sheet saying the zone, range and filters the figures are for).
// Every figure keeps its n; durations are in seconds, online and away time in hours.
import type { AgentStatisticsRow, Figure, StatisticsEnvelope, StatisticsExportFormat, TeamStatisticsRow } from '@smartchat/contracts';
import ExcelJS from 'exceljs';

export type ExportLanguage = 'en' | 'ru';
type Cell = string | number | null;

interface ColumnLabel {
  en: string;
  ru: string;
}

const TEAM_LABELS: Record<Exclude<keyof TeamStatisticsRow, 'teamId' | 'name'>, ColumnLabel> = {
  newConversations: { en: 'New conversations', ru: 'Новые диалоги' },
  closedConversations: { en: 'Closed conversations', ru: 'Закрытые диалоги' },
  reopenedConversations: { en: 'Reopened conversations', ru: 'Переоткрытые диалоги' },
  firstResponse: { en: 'First response', ru: 'Первый ответ' },
  nextResponse: { en: 'Next response', ru: 'Следующий ответ' },
  resolution: { en: 'Resolution', ru: 'Решение' },
  slaFirstResponse: { en: 'First response SLA met', ru: 'SLA первого ответа' },
  slaNextResponse: { en: 'Next response SLA met', ru: 'SLA следующего ответа' },
  csatSatisfied: { en: 'CSAT', ru: 'CSAT' },
};

const AGENT_LABELS: Record<Exclude<keyof AgentStatisticsRow, 'agentId' | 'name'>, ColumnLabel> = {
  online: { en: 'Online', ru: 'В сети' },
  away: { en: 'Away', ru: 'Отошёл' },
  replies: { en: 'Replies', ru: 'Ответы' },
  closedConversations: { en: 'Closed conversations', ru: 'Закрытые диалоги' },
  firstResponse: { en: 'First response', ru: 'Первый ответ' },
  handling: { en: 'Handling', ru: 'Обработка' },
  csatSatisfied: { en: 'CSAT', ru: 'CSAT' },
  csatRating: { en: 'Rating', ru: 'Оценка' },
};

const WORDS = {
  team: { en: 'Team', ru: 'Команда' },
  agent: { en: 'Agent', ru: 'Оператор' },
  median: { en: 'median', ru: 'медиана' },
  p90: { en: 'p90', ru: 'p90' },
  mean: { en: 'mean', ru: 'среднее' },
  business: { en: 'business hours', ru: 'рабочее время' },
  seconds: { en: 's', ru: 'с' },
  hours: { en: 'h', ru: 'ч' },
  share: { en: 'share', ru: 'доля' },
  teams: { en: 'Teams', ru: 'Команды' },
  agents: { en: 'Agents', ru: 'Операторы' },
  about: { en: 'About', ru: 'Параметры' },
  timeZone: { en: 'Time zone', ru: 'Часовой пояс' },
  from: { en: 'From (included)', ru: 'С (включительно)' },
  to: { en: 'To (included)', ru: 'По (включительно)' },
  filters: { en: 'Filters', ru: 'Фильтры' },
  internal: { en: 'Internal conversations only', ru: 'Только внутренние диалоги' },
  yes: { en: 'yes', ru: 'да' },
  no: { en: 'no', ru: 'нет' },
} as const;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const seconds = (ms: number | null) => (ms === null ? null : round(ms / 1000, 1));

/** The header cells and the value cells of one figure column. */
function figureColumns(label: ColumnLabel, figure: Figure, lang: ExportLanguage): { header: string[]; values: Cell[] } {
  const name = label[lang];
  const w = (word: keyof typeof WORDS) => WORDS[word][lang];
  switch (figure.kind) {
    case 'count':
      return { header: [`${name}`], values: [figure.n] };
    case 'ratio':
      return { header: [`${name}, ${w('share')}`, `${name}, n`], values: [figure.rate === null ? null : round(figure.rate, 4), figure.n] };
    case 'duration':
      return {
        header: [
          `${name}, ${w('median')} (${w('seconds')})`,
          `${name}, ${w('p90')} (${w('seconds')})`,
          `${name}, ${w('mean')} (${w('seconds')})`,
          `${name}, ${w('median')}, ${w('business')} (${w('seconds')})`,
          `${name}, ${w('p90')}, ${w('business')} (${w('seconds')})`,
          `${name}, n`,
        ],
        values: [seconds(figure.calendar.median), seconds(figure.calendar.p90), seconds(figure.calendar.mean), seconds(figure.business.median), seconds(figure.business.p90), figure.n],
      };
    case 'distribution':
      return {
        header: [`${name}, ${w('median')}`, `${name}, ${w('p90')}`, `${name}, ${w('mean')}`, `${name}, n`],
        values: [figure.median, figure.p90, figure.mean === null ? null : round(figure.mean, 2), figure.n],
      };
    case 'total':
      return { header: [`${name} (${w('hours')})`], values: [round(figure.totalMs / 3_600_000, 2)] };
  }
}

export interface ExportTable {
  title: string;
  header: string[];
  rows: Cell[][];
}

function tableOf<R extends { name: string }>(rows: readonly R[], labels: Record<string, ColumnLabel>, first: ColumnLabel, title: ColumnLabel, lang: ExportLanguage): ExportTable {
  const columns = Object.keys(labels);
  const header = [first[lang]];
  const body: Cell[][] = rows.map((row) => [row.name]);
  for (const column of columns) {
    const label = labels[column]!;
    // The header comes from the figure's shape, which is the same in every row (an empty one too).
    const sample = rows[0]?.[column as keyof R] as Figure | undefined;
    if (sample) header.push(...figureColumns(label, sample, lang).header);
    rows.forEach((row, index) => body[index]!.push(...figureColumns(label, row[column as keyof R] as Figure, lang).values));
  }
  return { title: title[lang], header: rows.length > 0 ? header : [first[lang]], rows: body };
}

export function teamTable(rows: readonly TeamStatisticsRow[], lang: ExportLanguage): ExportTable {
  return tableOf(rows, TEAM_LABELS, WORDS.team, WORDS.teams, lang);
}

export function agentTable(rows: readonly AgentStatisticsRow[], lang: ExportLanguage): ExportTable {
  return tableOf(rows, AGENT_LABELS, WORDS.agent, WORDS.agents, lang);
}

/** A text a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' so it stays text. */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = inert(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ExportTable): Buffer {
  const lines = [table.header, ...table.rows].map((line) => line.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(table: ExportTable, envelope: StatisticsEnvelope, lang: ExportLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Smartchat';
  const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? inert(cell) : cell)));
  sheet.columns.forEach((column, index) => (column.width = index === 0 ? 28 : 16));
  const w = (word: keyof typeof WORDS) => WORDS[word][lang];
  const about = workbook.addWorksheet(w('about'));
  const { filters } = envelope;
  const named = [
    filters.teamIds.length > 0 ? `teamIds=${filters.teamIds.join(',')}` : '',
    filters.agentIds.length > 0 ? `agentIds=${filters.agentIds.join(',')}` : '',
    filters.channels.length > 0 ? `channels=${filters.channels.join(',')}` : '',
    filters.topics.length > 0 ? `topics=${filters.topics.join(',')}` : '',
  ].filter(Boolean);
  about.addRows([
    [w('timeZone'), envelope.timeZone],
    [w('from'), envelope.from],
    [w('to'), envelope.to],
    [w('filters'), inert(named.join('; ') || '—')],
    [w('internal'), filters.internal ? w('yes') : w('no')],
  ]);
  about.getColumn(1).width = 30;
  about.getColumn(2).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportFile(format: StatisticsExportFormat, table: ExportTable, envelope: StatisticsEnvelope, lang: ExportLanguage): Promise<Buffer> {
  return format === 'csv' ? toCsv(table) : toXlsx(table, envelope, lang);
}
