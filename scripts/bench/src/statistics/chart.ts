// Hand-written SVG charts of a stats run: ingest over the message load (events stored per second,
// consumer lag, event age with its limit; the sustained window shaded, the ramp steps marked) and
// each query case's p95 against the target (log scale).
import { niceStep } from '../chart.js';
import type { IngestFigures } from './ingest.js';
import type { QueryResult } from './queries.js';

const WIDTH = 960;
const LEFT = 80;
const RIGHT = 24;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (value: number) => (Math.round(value * 10) / 10).toString();

class Svg {
  readonly parts: string[] = [];
  text(x: number, y: number, content: string, attributes = ''): void {
    this.parts.push(`<text x="${fixed(x)}" y="${fixed(y)}" ${attributes}>${escapeXml(content)}</text>`);
  }
  line(x1: number, y1: number, x2: number, y2: number, style: string): void {
    this.parts.push(`<line x1="${fixed(x1)}" y1="${fixed(y1)}" x2="${fixed(x2)}" y2="${fixed(y2)}" ${style}/>`);
  }
  rect(x: number, y: number, width: number, height: number, style: string): void {
    this.parts.push(`<rect x="${fixed(x)}" y="${fixed(y)}" width="${fixed(Math.max(0, width))}" height="${fixed(Math.max(0, height))}" ${style}/>`);
  }
  polyline(points: [number, number][], style: string): void {
    if (points.length > 0) this.parts.push(`<polyline fill="none" ${style} points="${points.map(([x, y]) => `${fixed(x)},${fixed(y)}`).join(' ')}"/>`);
  }
  render(height: number): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">\n<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>\n${this.parts.join('\n')}\n</svg>\n`;
  }
}

/** Linear axis from 0 to a round maximum, with its grid and labels. */
function linearAxis(svg: Svg, top: number, height: number, maxValue: number, label: string): (value: number) => number {
  const step = niceStep(Math.max(1, maxValue), 4);
  const max = step * Math.max(1, Math.ceil(Math.max(1, maxValue) / step));
  const y = (value: number) => top + height - (Math.min(value, max) / max) * height;
  for (let value = 0; value <= max + step / 2; value += step) {
    svg.line(LEFT, y(value), LEFT + PLOT_WIDTH, y(value), 'stroke="#eee"');
    svg.text(LEFT - 6, y(value) + 4, `${Math.round(value * 10) / 10}`, 'font-size="11" text-anchor="end"');
  }
  svg.text(16, top + height / 2, label, `font-size="12" text-anchor="middle" transform="rotate(-90 16 ${top + height / 2})"`);
  return y;
}

export function renderIngestChart(ingest: IngestFigures, title: string): string {
  const svg = new Svg();
  const panel = 150;
  const gap = 44;
  const top = 48;
  const height = top + 3 * panel + 2 * gap + 48;
  const seconds = Math.max(1, ...ingest.timeline.map((point) => point.t + 1));
  const x = (t: number) => LEFT + (t / seconds) * PLOT_WIDTH;
  svg.text(LEFT, 26, title, 'font-size="16" font-weight="bold"');
  const tops = [top, top + panel + gap, top + 2 * (panel + gap)];
  for (const panelTop of tops) {
    svg.rect(x(ingest.window.startS), panelTop, x(ingest.window.endS) - x(ingest.window.startS), panel, 'fill="#eef5ff"');
    svg.rect(LEFT, panelTop, PLOT_WIDTH, panel, 'fill="none" stroke="#888"');
    for (const step of ingest.steps) {
      svg.line(x(step.startS), panelTop, x(step.startS), panelTop + panel, 'stroke="#ccc" stroke-dasharray="2,3"');
    }
  }
  for (const step of ingest.steps) svg.text(x(step.startS) + 3, tops[0]! + panel - 4, `${step.targetPerSec}`, `font-size="10" fill="${step.good ? '#555' : '#c0392b'}"`);
  svg.text(x(ingest.window.startS) + 4, tops[0]! + 14, `sustained ${ingest.window.messagesPerSec} msg/s`, 'font-size="11" fill="#3a6fb0"');

  // 1: events stored per second, all and message.created.
  const y1 = linearAxis(svg, tops[0]!, panel, Math.max(...ingest.timeline.map((point) => point.ingested), 1), 'events stored / s');
  svg.polyline(ingest.timeline.map((point) => [x(point.t + 0.5), y1(point.ingested)]), 'stroke="#1f77b4" stroke-width="2"');
  svg.polyline(ingest.timeline.map((point) => [x(point.t + 0.5), y1(point.messages)]), 'stroke="#999" stroke-width="1.5" stroke-dasharray="5,3"');
  // 2: consumer lag in records.
  const y2 = linearAxis(svg, tops[1]!, panel, Math.max(...ingest.timeline.map((point) => point.lagRecords), 1), 'consumer lag (records)');
  svg.polyline(ingest.timeline.map((point) => [x(point.t + 0.5), y2(point.lagRecords)]), 'stroke="#9467bd" stroke-width="2"');
  // 3: event age, log scale from 0.01 s, with the limit.
  const ages = ingest.timeline.flatMap((point) => [point.ageMaxS ?? 0, point.ageP99S ?? 0]);
  const decades = Math.max(3, Math.ceil(Math.log10(Math.max(ingest.limitS * 2, ...ages) / 0.01)));
  const y3 = (value: number) => tops[2]! + panel - (Math.log10(Math.max(0.01, value) / 0.01) / decades) * panel;
  for (let power = 0; power <= decades; power += 1) {
    const value = 0.01 * 10 ** power;
    svg.line(LEFT, y3(value), LEFT + PLOT_WIDTH, y3(value), 'stroke="#eee"');
    svg.text(LEFT - 6, y3(value) + 4, `${value >= 1 ? value : value.toFixed(2)}`, 'font-size="11" text-anchor="end"');
  }
  svg.text(16, tops[2]! + panel / 2, 'event age (s, log)', `font-size="12" text-anchor="middle" transform="rotate(-90 16 ${tops[2]! + panel / 2})"`);
  const withAge = ingest.timeline.filter((point) => point.ageP99S !== null);
  svg.polyline(withAge.map((point) => [x(point.t + 0.5), y3(point.ageMaxS ?? 0)]), 'stroke="#ff7f0e" stroke-width="1" stroke-opacity="0.7"');
  svg.polyline(withAge.map((point) => [x(point.t + 0.5), y3(point.ageP99S ?? 0)]), 'stroke="#d62728" stroke-width="2"');
  svg.line(LEFT, y3(ingest.limitS), LEFT + PLOT_WIDTH, y3(ingest.limitS), 'stroke="#d62728" stroke-dasharray="6,4" stroke-opacity="0.6"');
  svg.text(LEFT + PLOT_WIDTH - 4, y3(ingest.limitS) - 4, `limit ${ingest.limitS} s`, 'font-size="11" text-anchor="end" fill="#d62728"');

  const tickEvery = niceStep(seconds, 12);
  for (let t = 0; t <= seconds; t += tickEvery) svg.text(x(t), tops[2]! + panel + 14, `${t}`, 'font-size="11" text-anchor="middle"');
  svg.text(LEFT + PLOT_WIDTH / 2, height - 10, 'seconds since the load started', 'font-size="12" text-anchor="middle"');
  const legend: [string, string][] = [
    ['stroke="#1f77b4" stroke-width="2"', 'stored/s'],
    ['stroke="#999" stroke-width="1.5" stroke-dasharray="5,3"', 'of them messages'],
    ['stroke="#9467bd" stroke-width="2"', 'lag'],
    ['stroke="#d62728" stroke-width="2"', 'age p99'],
    ['stroke="#ff7f0e" stroke-width="1"', 'age max'],
  ];
  legend.forEach(([style, label], index) => {
    const at = LEFT + PLOT_WIDTH - 560 + index * 112;
    svg.line(at, 40, at + 20, 40, style);
    svg.text(at + 24, 44, label, 'font-size="11"');
  });
  return svg.render(height);
}

export function renderQueryChart(results: QueryResult[], targetMs: number, title: string): string {
  const svg = new Svg();
  const labelWidth = 380;
  const rowHeight = 14;
  const top = 56;
  const plotLeft = labelWidth + 8;
  const plotWidth = WIDTH - plotLeft - RIGHT;
  const height = top + results.length * rowHeight + 40;
  const maxMs = Math.max(targetMs * 2, ...results.map((result) => result.p95Ms));
  const decades = Math.max(2, Math.ceil(Math.log10(maxMs)));
  const x = (ms: number) => plotLeft + (Math.log10(Math.max(1, ms)) / decades) * plotWidth;
  svg.text(LEFT, 26, title, 'font-size="16" font-weight="bold"');
  svg.text(plotLeft, 44, 'p95, ms (log scale); red: over the target', 'font-size="11" fill="#555"');
  for (let power = 0; power <= decades; power += 1) {
    svg.line(x(10 ** power), top - 4, x(10 ** power), top + results.length * rowHeight, 'stroke="#eee"');
    svg.text(x(10 ** power), top + results.length * rowHeight + 14, `${10 ** power}`, 'font-size="11" text-anchor="middle"');
  }
  results.forEach((result, index) => {
    const y = top + index * rowHeight;
    svg.text(plotLeft - 6, y + rowHeight - 4, `${result.query} · ${result.range} · ${result.scope}`.slice(0, 64), 'font-size="10" text-anchor="end"');
    svg.rect(plotLeft, y + 2, x(result.p95Ms) - plotLeft, rowHeight - 4, `fill="${result.error ? '#999' : result.met ? '#2ca02c' : '#d62728'}"`);
  });
  svg.line(x(targetMs), top - 8, x(targetMs), top + results.length * rowHeight, 'stroke="#000" stroke-dasharray="6,4"');
  svg.text(x(targetMs) + 4, top - 10, `target ${targetMs} ms`, 'font-size="11"');
  return svg.render(height);
}
