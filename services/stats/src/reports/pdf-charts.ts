// Bar charts drawn as PDF vector graphics (rectangles and lines, not pictures): sharp at any zoom
// and small. One bar per day; a day without a value has no bar.

export interface BarChart {
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  /** One label per bar (local days); only as many as fit are written under the axis. */
  labels: string[];
  values: (number | null)[];
  color: string;
  /** The axis' numbers as text. */
  format: (value: number) => string;
  /** Counts: gridlines at whole numbers only. */
  whole?: boolean;
  fonts: { regular: string; bold: string };
}

/** A round step for about `ticks` gridlines up to `max`: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number, ticks = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw)!;
  return step;
}

export function drawBarChart(doc: PDFKit.PDFDocument, chart: BarChart): void {
  const { x, y, width, height } = chart;
  doc.font(chart.fonts.bold).fontSize(11).fillColor('#1f2933').text(chart.title, x, y, { width, lineBreak: false });
  const axisLeft = x + 40;
  const top = y + 22;
  const bottom = y + height - 18;
  const plotWidth = x + width - axisLeft;
  const plotHeight = bottom - top;
  const present = chart.values.filter((value): value is number => value !== null);
  const step = chart.whole ? Math.max(1, niceStep(Math.max(0, ...present))) : niceStep(Math.max(0, ...present));
  const max = Math.max(step, Math.ceil(Math.max(0, ...present) / step) * step);

  // Gridlines with their values.
  doc.font(chart.fonts.regular).fontSize(7).lineWidth(0.5);
  for (let value = 0; value <= max + step / 2; value += step) {
    const lineY = bottom - (value / max) * plotHeight;
    doc.strokeColor(value === 0 ? '#52606d' : '#d9e2ec').moveTo(axisLeft, lineY).lineTo(axisLeft + plotWidth, lineY).stroke();
    doc.fillColor('#52606d').text(chart.format(value), x, lineY - 4, { width: 36, align: 'right', lineBreak: false });
  }

  const count = Math.max(1, chart.values.length);
  const slot = plotWidth / count;
  const barWidth = Math.max(0.5, slot * 0.75);
  chart.values.forEach((value, index) => {
    if (value === null || value <= 0) return;
    const barHeight = (value / max) * plotHeight;
    doc.rect(axisLeft + index * slot + (slot - barWidth) / 2, bottom - barHeight, barWidth, barHeight).fill(chart.color);
  });

  // Day labels: as many as fit, evenly spaced, always the first.
  const every = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(plotWidth / 34))));
  doc.fillColor('#52606d').fontSize(7);
  chart.labels.forEach((label, index) => {
    if (index % every !== 0) return;
    doc.text(label, axisLeft + index * slot + slot / 2 - 17, bottom + 4, { width: 34, align: 'center', lineBreak: false });
  });
}
