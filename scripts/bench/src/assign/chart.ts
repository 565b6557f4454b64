// A hand-written SVG chart of an assign run: time-to-assign p50 and p99 and the POST p99 per step
// (log scale), with the p99 limit; ../chart.ts draws per-second message timelines, which do not fit.
import type { AssignStep } from './report.js';

export interface AssignChartOptions {
  title: string;
  steps: AssignStep[];
  limitMs: number;
}

const WIDTH = 960;
const HEIGHT = 480;
const LEFT = 72;
const RIGHT = 24;
const TOP = 56;
const BOTTOM = 64;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (value: number) => (Math.round(value * 10) / 10).toString();

export function renderAssignChart(options: AssignChartOptions): string {
  const { steps, limitMs } = options;
  const parts: string[] = [];
  const text = (x: number, y: number, content: string, attributes = '') => parts.push(`<text x="${fixed(x)}" y="${fixed(y)}" ${attributes}>${escapeXml(content)}</text>`);
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  text(LEFT, 26, options.title, 'font-size="16" font-weight="bold"');

  // Log scale over whole decades covering every value and the limit.
  const values = steps.flatMap((step) => [step.timeToAssignMs.p50, step.timeToAssignMs.p99, step.openLatencyMs.p99]).filter((value) => value > 0);
  const lowPower = Math.floor(Math.log10(Math.max(0.1, Math.min(limitMs, ...values))));
  const highPower = Math.max(lowPower + 1, Math.ceil(Math.log10(Math.max(limitMs * 2, ...values))));
  const y = (value: number) => TOP + PLOT_HEIGHT - ((Math.log10(Math.max(10 ** lowPower, value)) - lowPower) / (highPower - lowPower)) * PLOT_HEIGHT;
  // Steps are evenly spaced: the rates grow geometrically, and the order is the run's order.
  const slot = PLOT_WIDTH / Math.max(1, steps.length);
  const x = (index: number) => LEFT + slot * (index + 0.5);

  parts.push(`<rect x="${LEFT}" y="${TOP}" width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}" fill="none" stroke="#888"/>`);
  for (let power = lowPower; power <= highPower; power += 1) {
    const value = 10 ** power;
    parts.push(`<line x1="${LEFT}" y1="${fixed(y(value))}" x2="${LEFT + PLOT_WIDTH}" y2="${fixed(y(value))}" stroke="#eee"/>`);
    text(LEFT - 6, y(value) + 4, value >= 1 ? `${value}` : value.toString(), 'font-size="11" text-anchor="end"');
  }
  const limitY = y(limitMs);
  parts.push(`<line x1="${LEFT}" y1="${fixed(limitY)}" x2="${LEFT + PLOT_WIDTH}" y2="${fixed(limitY)}" stroke="#d62728" stroke-dasharray="6,4" stroke-opacity="0.6"/>`);
  text(LEFT + PLOT_WIDTH - 4, limitY - 4, `p99 limit ${limitMs} ms`, 'font-size="11" text-anchor="end" fill="#d62728"');
  steps.forEach((step, index) => {
    const label = step.ratePerSec < 10 ? step.ratePerSec.toFixed(2) : `${step.ratePerSec}`;
    const colour = step.good ? '#333' : '#c0392b';
    text(x(index), TOP + PLOT_HEIGHT + 16, label, `font-size="11" text-anchor="middle" fill="${colour}"`);
    if (step.kind !== 'ramp') text(x(index), TOP + PLOT_HEIGHT + 30, step.kind, `font-size="10" text-anchor="middle" fill="${colour}"`);
  });
  text(LEFT + PLOT_WIDTH / 2, HEIGHT - 12, 'new conversations per second (step, in run order)', 'font-size="12" text-anchor="middle"');
  text(16, TOP + PLOT_HEIGHT / 2, 'milliseconds (log)', `font-size="12" text-anchor="middle" transform="rotate(-90 16 ${TOP + PLOT_HEIGHT / 2})"`);

  const series = (pick: (step: AssignStep) => number, style: string, colour: string) => {
    const points = steps.map((step, index) => [x(index), y(pick(step))] as const);
    if (points.length > 1) parts.push(`<polyline fill="none" ${style} points="${points.map(([px, py]) => `${fixed(px)},${fixed(py)}`).join(' ')}"/>`);
    points.forEach(([px, py], index) => parts.push(`<circle cx="${fixed(px)}" cy="${fixed(py)}" r="3" fill="${steps[index]!.good ? colour : '#c0392b'}"/>`));
  };
  series((step) => step.openLatencyMs.p99, 'stroke="#999" stroke-width="1.5" stroke-dasharray="5,3"', '#999');
  series((step) => step.timeToAssignMs.p50, 'stroke="#1f77b4" stroke-width="2"', '#1f77b4');
  series((step) => step.timeToAssignMs.p99, 'stroke="#d62728" stroke-width="2"', '#d62728');

  const legendX = LEFT + PLOT_WIDTH - 420;
  const legend = (offset: number, style: string, label: string) => {
    parts.push(`<line x1="${legendX + offset}" y1="44" x2="${legendX + offset + 24}" y2="44" ${style}/>`);
    text(legendX + offset + 28, 48, label, 'font-size="11"');
  };
  legend(0, 'stroke="#1f77b4" stroke-width="2"', 'time-to-assign p50');
  legend(140, 'stroke="#d62728" stroke-width="2"', 'time-to-assign p99');
  legend(280, 'stroke="#999" stroke-width="1.5" stroke-dasharray="5,3"', 'POST p99');

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">\n${parts.join('\n')}\n</svg>\n`;
}
