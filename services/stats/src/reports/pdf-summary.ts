// The report's PDF summary: page 1 has the title, range, zone and every key figure with its n and
// the previous range's value; page 2 has the charts (new conversations per day, the daily median
// of the first response time), drawn as vector graphics. Text is set in a Unicode TrueType font
// (SMARTCHAT_REPORT_FONT): PDF's built-in fonts have no Cyrillic, and team and agent names are
// mostly Russian.
import PDFDocument from 'pdfkit';
import { wordsFor, type ReportLocale } from './labels.js';
import { drawBarChart } from './pdf-charts.js';
import type { ReportData } from './report-data.js';
import { formatFigure, formatNumber, spreadOf } from './report-format.js';

export interface PdfFonts {
  regular: string;
  bold: string;
}

const MARGIN = 48;
const INK = '#1f2933';
const MUTED = '#52606d';

export async function buildPdf(data: ReportData, options: { locale: ReportLocale; title: string; builtAt: Date; fonts: PdfFonts }): Promise<Buffer> {
  const w = wordsFor(options.locale);
  const { range, previousRange } = data;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: options.title, Author: 'Smartchat', CreationDate: options.builtAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', options.fonts.regular);
  doc.registerFont('bold', options.fonts.bold);
  const fonts = { regular: 'regular', bold: 'bold' };
  const width = doc.page.width - 2 * MARGIN;

  // --- page 1: what, when, where, and every figure with its n ---
  doc.font('bold').fontSize(18).fillColor(INK).text(options.title, MARGIN, MARGIN, { width });
  doc.moveDown(0.3);
  doc.font('regular').fontSize(10).fillColor(MUTED);
  doc.text(`${w.range}: ${range.from} — ${range.to}   ·   ${w.timeZone}: ${range.timeZone}`, { width });
  doc.text(`${w.coverage}: ${data.teamNames ? data.teamNames.join(', ') : w.wholeDesk}`, { width });
  doc.text(`${w.previous}: ${previousRange.from} — ${previousRange.to}   ·   ${w.generated}: ${options.builtAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, { width });
  doc.moveDown(0.8);
  doc.font('bold').fontSize(12).fillColor(INK).text(w.keyFigures, { width });
  doc.moveDown(0.4);

  const columns = [
    { header: w.metric, width: width * 0.33, align: 'left' as const },
    { header: w.valueShort, width: width * 0.15, align: 'right' as const },
    { header: w.p90, width: width * 0.13, align: 'right' as const },
    { header: w.mean, width: width * 0.13, align: 'right' as const },
    { header: w.n, width: width * 0.1, align: 'right' as const },
    { header: w.previousShort, width: width * 0.16, align: 'right' as const },
  ];
  const rowHeight = 17;
  let y = doc.y;
  const row = (cells: string[], bold: boolean, shade: boolean) => {
    if (shade) doc.rect(MARGIN, y - 3, width, rowHeight).fill('#f0f4f8');
    let x = MARGIN;
    doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    cells.forEach((cell, index) => {
      const column = columns[index]!;
      doc.fillColor(index >= 2 && index <= 3 ? MUTED : INK).text(cell, x + 4, y, { width: column.width - 8, align: column.align, lineBreak: false, height: rowHeight });
      x += column.width;
    });
    y += rowHeight;
  };
  row(columns.map((column) => column.header), true, false);
  doc.strokeColor('#9aa5b1').lineWidth(0.5).moveTo(MARGIN, y - 4).lineTo(MARGIN + width, y - 4).stroke();
  data.figures.forEach((figure, index) => {
    const spread = spreadOf(figure.current, options.locale);
    row(
      [
        figure.name[options.locale],
        formatFigure(figure.current, options.locale),
        spread.p90,
        spread.mean,
        formatNumber(figure.current.n, options.locale),
        figure.previous ? formatFigure(figure.previous, options.locale) : '',
      ],
      false,
      index % 2 === 0,
    );
  });
  doc.font('regular').fontSize(7.5).fillColor(MUTED).text(w.note, MARGIN, y + 8, { width });

  // --- page 2: the charts ---
  doc.addPage();
  const days = data.days;
  const labels = days.map((day) => day.day.slice(5).split('-').reverse().join('.'));
  const chartHeight = 280;
  drawBarChart(doc, {
    x: MARGIN,
    y: MARGIN,
    width,
    height: chartHeight,
    title: `${w.dailyVolume} (${range.timeZone})`,
    labels,
    values: days.map((day) => day.newConversations),
    color: '#3e7cb1',
    format: (value) => formatNumber(value, options.locale),
    whole: true,
    fonts,
  });
  drawBarChart(doc, {
    x: MARGIN,
    y: MARGIN + chartHeight + 40,
    width,
    height: chartHeight,
    title: `${w.dailyResponse} (${range.timeZone})`,
    labels,
    values: days.map((day) => (day.firstResponse.median === null ? null : day.firstResponse.median / 60_000)),
    color: '#d9822b',
    format: (value) => formatNumber(value, options.locale, 1),
    fonts,
  });

  // Page numbers, once every page exists. The bottom margin is lifted so that the footer does not
  // start a page of its own.
  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    doc.switchToPage(pages.start + index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor(MUTED).text(`${options.title} · ${range.from} — ${range.to} · ${w.page} ${index + 1} / ${pages.count}`, MARGIN, doc.page.height - MARGIN + 16, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
