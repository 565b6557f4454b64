// A time-series chart with its text alternative: the canvas (uPlot, loaded on first use) is hidden
// from assistive technology, and the same numbers are in a table under "Show as a table", so a
// keyboard or screen-reader user reads exactly what the lines show.
import { createEffect, createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { t } from '../i18n.js';
import type { Plot, PlotSpec } from './uplot-chart.js';

export interface ChartLine {
  label: string;
  values: (number | null)[];
  colour: string;
  dash?: number[];
}

export interface SeriesChartProps {
  title: string;
  /** Bucket starts (ISO instants). */
  times: string[];
  lines: ChartLine[];
  zone: string;
  bucket: PlotSpec['bucket'];
  formatValue: (value: number) => string;
  /** What the figure is about, read with the chart (n, zone, what is drawn). */
  description: string;
  /** The n of every bucket, a column of the table. */
  counts?: number[];
  testId?: string;
  height?: number;
}

export function SeriesChart(props: SeriesChartProps) {
  const id = createUniqueId();
  let target!: HTMLDivElement;
  let plot: Plot | null = null;
  let disposed = false;
  const [failed, setFailed] = createSignal<string | null>(null);
  const [ready, setReady] = createSignal(false);

  const timeLabel = (seconds: number) => {
    const options: Intl.DateTimeFormatOptions =
      props.bucket === 'hour'
        ? { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }
        : props.bucket === 'month'
          ? { month: 'long', year: 'numeric' }
          : { day: '2-digit', month: '2-digit', year: 'numeric' };
    try {
      return new Intl.DateTimeFormat(i18n.locale() === 'ru' ? 'ru-RU' : 'en-GB', { ...options, timeZone: props.zone }).format(new Date(seconds * 1000));
    } catch {
      return new Date(seconds * 1000).toISOString();
    }
  };
  const tickLabel = (seconds: number) => {
    const options: Intl.DateTimeFormatOptions = props.bucket === 'hour' ? { hour: '2-digit', minute: '2-digit' } : props.bucket === 'month' ? { month: 'short', year: 'numeric' } : { day: '2-digit', month: '2-digit' };
    try {
      return new Intl.DateTimeFormat(i18n.locale() === 'ru' ? 'ru-RU' : 'en-GB', { ...options, timeZone: props.zone }).format(new Date(seconds * 1000));
    } catch {
      return new Date(seconds * 1000).toISOString();
    }
  };
  const spec = (): PlotSpec => ({
    times: props.times.map((time) => Date.parse(time) / 1000),
    series: props.lines.map((line) => ({ label: line.label, values: line.values, colour: line.colour, dash: line.dash })),
    zone: props.zone,
    bucket: props.bucket,
    formatValue: props.formatValue,
    formatTime: timeLabel,
    formatTick: tickLabel,
    timeLabel: t('common.period'),
    height: props.height ?? 220,
  });

  onMount(() => {
    import('./uplot-chart.js').then(
      ({ drawPlot }) => {
        if (disposed) return;
        plot = drawPlot(target, spec());
        setReady(true);
      },
      (error: unknown) => setFailed(error instanceof Error ? error.message : String(error)),
    );
  });
  createEffect(() => {
    const next = spec();
    if (ready()) plot?.update(next);
  });
  onCleanup(() => {
    disposed = true;
    plot?.destroy();
  });

  return (
    <figure class="stats-chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-testid={props.testId}>
      <figcaption id={`${id}-title`} class="stats-chart-title">
        {props.title}
      </figcaption>
      <p id={`${id}-desc`} class="stats-note">
        {props.description}
      </p>
      <div class="stats-chart-canvas" aria-hidden="true" style={{ 'min-height': `${props.height ?? 220}px` }}>
        <Show when={!ready() && !failed()}>
          <p class="muted stats-chart-loading">{t('common.loadingChart')}</p>
        </Show>
        {/* uPlot's own element: no reactive children here, which Solid would clear along with it. */}
        <div ref={target} />
      </div>
      <Show when={failed()}>{(reason) => <p class="error-text">{t('common.chartFailed', { reason: reason() })}</p>}</Show>
      <details class="stats-table-alt">
        <summary data-testid="stats-chart-table-toggle">{t('common.showTable')}</summary>
        <table class="table stats-table">
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.period')}</th>
              <For each={props.lines}>{(line) => <th scope="col">{line.label}</th>}</For>
              <Show when={props.counts}>
                <th scope="col">n</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={props.times}>
              {(time, index) => (
                <tr>
                  <th scope="row">{timeLabel(Date.parse(time) / 1000)}</th>
                  <For each={props.lines}>
                    {(line) => {
                      const value = () => line.values[index()];
                      return <td class="stats-num">{value() === null || value() === undefined ? '—' : props.formatValue(value()!)}</td>;
                    }}
                  </For>
                  <Show when={props.counts}>{(counts) => <td class="stats-num">{counts()[index()]}</td>}</Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </figure>
  );
}
