// The one place that touches uPlot. uPlot (about 50 kB minified, canvas, no dependencies) was
// chosen over Chart.js, ECharts and Recharts-likes for its small bundle and its speed with long
// hourly series (a year of hours draws in milliseconds). This module is imported lazily by
// SeriesChart, so neither the inbox nor the first paint of the Statistics page waits for it.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface PlotSeries {
  label: string;
  values: (number | null)[];
  colour: string;
  dash?: number[];
}

export interface PlotSpec {
  /** Bucket starts, Unix seconds. */
  times: number[];
  series: PlotSeries[];
  zone: string;
  /** Day buckets label their axis by date, hour buckets by date and time. */
  bucket: 'hour' | 'day' | 'week' | 'month';
  formatValue: (value: number) => string;
  /** A bucket's time in the legend and the table. */
  formatTime: (seconds: number) => string;
  /** A tick of the time axis (shorter than formatTime). */
  formatTick: (seconds: number) => string;
  /** The legend's name for the time column. */
  timeLabel: string;
  height: number;
}

/** Room for the longest value label of the y axis (canvas text, about 7 px a character at 12 px). */
function axisSize(labels: readonly (string | number | null)[] | undefined): number {
  const longest = Math.max(0, ...(labels ?? []).map((label) => String(label ?? '').length));
  return Math.max(40, Math.ceil(longest * 7 + 18));
}

export interface Plot {
  update(spec: PlotSpec): void;
  destroy(): void;
}

export function drawPlot(target: HTMLElement, first: PlotSpec): Plot {
  let chart: uPlot | null = null;
  let spec = first;

  const options = (width: number): uPlot.Options => ({
    width,
    height: spec.height,
    // Axis ticks and the legend's time read in the zone the page states.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), spec.zone),
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    legend: { show: true, live: true },
    scales: { x: { time: true }, y: { range: (_self, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
    axes: [
      { stroke: '#545d68', grid: { stroke: '#eceff3' }, ticks: { stroke: '#dde1e6' }, values: (_self, ticks) => ticks.map((tick) => spec.formatTick(tick)) },
      { stroke: '#545d68', grid: { stroke: '#eceff3' }, ticks: { stroke: '#dde1e6' }, size: (_self, labels) => axisSize(labels), values: (_self, ticks) => ticks.map((tick) => spec.formatValue(tick)) },
    ],
    series: [
      { label: spec.timeLabel, value: (_self, seconds) => (seconds === null ? '' : spec.formatTime(seconds)) },
      ...spec.series.map((series) => ({
        label: series.label,
        stroke: series.colour,
        width: 2,
        dash: series.dash,
        spanGaps: false,
        points: { show: spec.times.length <= 62 },
        value: (_self: uPlot, value: number | null) => (value === null ? '—' : spec.formatValue(value)),
      })),
    ],
  });
  const data = (): uPlot.AlignedData => [spec.times, ...spec.series.map((series) => series.values)];

  const build = () => {
    chart?.destroy();
    chart = new uPlot(options(Math.max(240, target.clientWidth)), data(), target);
  };
  build();

  let lastWidth = target.clientWidth;
  const resize = new ResizeObserver(() => {
    const width = target.clientWidth;
    if (!chart || width === lastWidth || width < 1) return;
    lastWidth = width;
    chart.setSize({ width: Math.max(240, width), height: spec.height });
  });
  resize.observe(target);

  return {
    update(next) {
      const sameShape = next.series.length === spec.series.length && next.series.every((series, index) => series.label === spec.series[index]?.label);
      spec = next;
      if (chart && sameShape) chart.setData(data());
      else build();
    },
    destroy() {
      resize.disconnect();
      chart?.destroy();
      chart = null;
    },
  };
}
