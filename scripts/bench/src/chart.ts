// A hand-written SVG chart of a run: throughput per second (sent and delivered) on top, p99
// accept-to-deliver latency per second below (log scale), the measured window shaded and, for the
// max profile, the ramp steps marked.
import type { RampStep, TimelinePoint } from './protocol.js';

export interface ChartOptions {
  title: string;
  timeline: TimelinePoint[];
  window: { startS: number; endS: number };
  latencyLimitMs?: number;
  steps?: RampStep[];
}

const WIDTH = 960;
const LEFT = 72;
const RIGHT = 24;
const TOP = 48;
const PANEL = 210;
const GAP = 64;
const BOTTOM = 48;
const HEIGHT = TOP + PANEL * 2 + GAP + BOTTOM;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (value: number) => (Math.round(value * 10) / 10).toString();

/** A round axis maximum at or above value: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= value) return factor * power;
  return 10 * power;
}

/** A round tick step giving at most `ticks` intervals up to value: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(value: number, ticks: number): number {
  const raw = Math.max(value, 1e-9) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 2.5, 5, 10]) if (factor * power >= raw) return factor * power;
  return 10 * power;
}

function polyline(points: [number, number][], style: string): string {
  if (points.length === 0) return '';
  return `<polyline fill="none" ${style} points="${points.map(([x, y]) => `${fixed(x)},${fixed(y)}`).join(' ')}"/>`;
}

export function renderChart(options: ChartOptions): string {
  const { timeline } = options;
  const seconds = Math.max(1, timeline.length);
  const x = (t: number) => LEFT + (t / seconds) * PLOT_WIDTH;
  const parts: string[] = [];
  const text = (tx: number, ty: number, content: string, attributes = '') =>
    parts.push(`<text x="${fixed(tx)}" y="${fixed(ty)}" ${attributes}>${escapeXml(content)}</text>`);

  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  text(LEFT, 26, options.title, 'font-size="16" font-weight="bold"');

  // Panel 1: throughput.
  const top1 = TOP;
  const rateStep = niceStep(Math.max(1, ...timeline.map((point) => Math.max(point.sent, point.delivered, point.errors))), 5);
  const rateMax = rateStep * Math.max(1, Math.ceil(Math.max(1, ...timeline.map((point) => Math.max(point.sent, point.delivered, point.errors))) / rateStep));
  const y1 = (value: number) => top1 + PANEL - (value / rateMax) * PANEL;
  // Panel 2: p99 latency, log scale from 1 ms.
  const top2 = TOP + PANEL + GAP;
  const latencies = timeline.map((point) => point.p99).filter((value): value is number => value !== null);
  const latencyMax = 10 ** Math.max(1, Math.ceil(Math.log10(Math.max(10, options.latencyLimitMs ?? 0, ...latencies))));
  const y2 = (value: number) => top2 + PANEL - (Math.log10(Math.max(1, value)) / Math.log10(latencyMax)) * PANEL;

  for (const top of [top1, top2]) {
    const windowX = x(options.window.startS);
    parts.push(`<rect x="${fixed(windowX)}" y="${top}" width="${fixed(Math.max(0, x(options.window.endS) - windowX))}" height="${PANEL}" fill="#eef5ff"/>`);
    parts.push(`<rect x="${LEFT}" y="${top}" width="${PLOT_WIDTH}" height="${PANEL}" fill="none" stroke="#888"/>`);
  }
  text(x(options.window.startS) + 4, top1 + 14, 'measured window', 'font-size="11" fill="#3a6fb0"');

  for (const step of options.steps ?? []) {
    const stepX = x(step.startS);
    parts.push(`<line x1="${fixed(stepX)}" y1="${top1}" x2="${fixed(stepX)}" y2="${top2 + PANEL}" stroke="#ccc" stroke-dasharray="2,3"/>`);
    text(stepX + 3, top1 + PANEL - 4, `${step.targetPerSec}`, `font-size="10" fill="${step.good ? '#555' : '#c0392b'}"`);
  }

  // Axes and grid.
  for (let value = 0; value <= rateMax + rateStep / 2; value += rateStep) {
    parts.push(`<line x1="${LEFT}" y1="${fixed(y1(value))}" x2="${LEFT + PLOT_WIDTH}" y2="${fixed(y1(value))}" stroke="#eee"/>`);
    text(LEFT - 6, y1(value) + 4, `${Math.round(value * 10) / 10}`, 'font-size="11" text-anchor="end"');
  }
  for (let power = 0; 10 ** power <= latencyMax; power += 1) {
    const value = 10 ** power;
    parts.push(`<line x1="${LEFT}" y1="${fixed(y2(value))}" x2="${LEFT + PLOT_WIDTH}" y2="${fixed(y2(value))}" stroke="#eee"/>`);
    text(LEFT - 6, y2(value) + 4, `${value}`, 'font-size="11" text-anchor="end"');
  }
  const tickEvery = niceCeiling(seconds / 12);
  for (let t = 0; t <= seconds; t += tickEvery) {
    for (const top of [top1, top2]) text(x(t), top + PANEL + 14, `${t}`, 'font-size="11" text-anchor="middle"');
  }
  text(LEFT + PLOT_WIDTH / 2, HEIGHT - 10, 'seconds since the load started', 'font-size="12" text-anchor="middle"');
  text(16, top1 + PANEL / 2, 'messages / s', `font-size="12" text-anchor="middle" transform="rotate(-90 16 ${top1 + PANEL / 2})"`);
  text(16, top2 + PANEL / 2, 'p99 accept→deliver (ms, log)', `font-size="12" text-anchor="middle" transform="rotate(-90 16 ${top2 + PANEL / 2})"`);

  // Series.
  parts.push(polyline(timeline.map((point) => [x(point.t + 0.5), y1(point.sent)]), 'stroke="#999" stroke-width="1.5" stroke-dasharray="5,3"'));
  parts.push(polyline(timeline.map((point) => [x(point.t + 0.5), y1(point.delivered)]), 'stroke="#1f77b4" stroke-width="2"'));
  const hasErrors = timeline.some((point) => point.errors > 0);
  if (hasErrors) parts.push(polyline(timeline.map((point) => [x(point.t + 0.5), y1(point.errors)]), 'stroke="#ff7f0e" stroke-width="1.5"'));
  // Break the latency line where a second had no deliveries.
  let run: [number, number][] = [];
  for (const point of [...timeline, { t: seconds, p99: null }]) {
    if (point.p99 === null) {
      if (run.length === 1) parts.push(`<circle cx="${fixed(run[0]![0])}" cy="${fixed(run[0]![1])}" r="2" fill="#d62728"/>`);
      parts.push(polyline(run, 'stroke="#d62728" stroke-width="2"'));
      run = [];
    } else {
      run.push([x(point.t + 0.5), y2(point.p99)]);
    }
  }
  if (options.latencyLimitMs) {
    const limitY = y2(options.latencyLimitMs);
    parts.push(`<line x1="${LEFT}" y1="${fixed(limitY)}" x2="${LEFT + PLOT_WIDTH}" y2="${fixed(limitY)}" stroke="#d62728" stroke-dasharray="6,4" stroke-opacity="0.6"/>`);
    text(LEFT + PLOT_WIDTH - 4, limitY - 4, `limit ${options.latencyLimitMs} ms`, 'font-size="11" text-anchor="end" fill="#d62728"');
  }

  // Legend.
  const legendX = LEFT + PLOT_WIDTH - (hasErrors ? 330 : 260);
  parts.push(`<line x1="${legendX}" y1="22" x2="${legendX + 24}" y2="22" stroke="#1f77b4" stroke-width="2"/>`);
  text(legendX + 28, 26, 'delivered/s', 'font-size="11"');
  parts.push(`<line x1="${legendX + 100}" y1="22" x2="${legendX + 124}" y2="22" stroke="#999" stroke-width="1.5" stroke-dasharray="5,3"/>`);
  text(legendX + 128, 26, 'sent/s', 'font-size="11"');
  parts.push(`<line x1="${legendX + 180}" y1="22" x2="${legendX + 204}" y2="22" stroke="#d62728" stroke-width="2"/>`);
  text(legendX + 208, 26, 'p99', 'font-size="11"');
  if (hasErrors) {
    parts.push(`<line x1="${legendX + 240}" y1="22" x2="${legendX + 264}" y2="22" stroke="#ff7f0e" stroke-width="1.5"/>`);
    text(legendX + 268, 26, 'errors/s', 'font-size="11"');
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">\n${parts.filter(Boolean).join('\n')}\n</svg>\n`;
}
