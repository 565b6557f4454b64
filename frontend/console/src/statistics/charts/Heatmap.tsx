// The hour-of-week heatmap of load: seven rows (Monday first) by 24 hours in the page's zone, drawn
// as SVG (a few hundred rectangles need no chart library). The darker the cell, the more
// conversations; each cell names its figure on hover, and the table under it says the same in words.
import { createMemo, createUniqueId, For, Index } from 'solid-js';
import { t } from '../i18n.js';

export interface HeatmapProps {
  title: string;
  /** [weekday 0 = Monday .. 6 = Sunday][hour 0..23]. */
  values: number[][];
  description: string;
  formatValue: (value: number) => string;
  testId?: string;
}

const CELL = 26;
const GAP = 2;
const LEFT = 34;
const TOP = 18;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** From the panel's white to the console's accent blue; white text on the dark half keeps AA. */
function shade(share: number): string {
  const from = [238, 243, 252];
  const to = [23, 74, 166];
  const mix = from.map((channel, index) => Math.round(channel + (to[index]! - channel) * share));
  return `rgb(${mix.join(',')})`;
}

export function Heatmap(props: HeatmapProps) {
  const id = createUniqueId();
  const days = () => [0, 1, 2, 3, 4, 5, 6].map((day) => t(`weekday.${day}` as 'weekday.0'));
  const max = createMemo(() => Math.max(0, ...props.values.flat()));
  const share = (value: number) => (max() > 0 ? value / max() : 0);
  const width = LEFT + 24 * (CELL + GAP);
  const height = TOP + 7 * (CELL + GAP);

  return (
    <figure class="stats-chart" aria-labelledby={`${id}-title`} data-testid={props.testId}>
      <figcaption id={`${id}-title`} class="stats-chart-title">
        {props.title}
      </figcaption>
      <p id={`${id}-desc`} class="stats-note">
        {props.description}
      </p>
      <div class="stats-heatmap-scroll">
        <svg class="stats-heatmap" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
          <For each={HOURS.filter((hour) => hour % 3 === 0)}>
            {(hour) => (
              <text x={LEFT + hour * (CELL + GAP) + CELL / 2} y={12} text-anchor="middle" class="stats-heatmap-label">
                {String(hour).padStart(2, '0')}
              </text>
            )}
          </For>
          <Index each={props.values}>
            {(row, day) => (
              <g>
                <text x={0} y={TOP + day * (CELL + GAP) + CELL / 2 + 4} class="stats-heatmap-label">
                  {days()[day]}
                </text>
                <Index each={row()}>
                  {(value, hour) => (
                    <rect x={LEFT + hour * (CELL + GAP)} y={TOP + day * (CELL + GAP)} width={CELL} height={CELL} rx={3} fill={shade(share(value()))} data-day={day} data-hour={hour} data-value={value()}>
                      <title>{t('heatmap.cell', { day: days()[day]!, hour: String(hour).padStart(2, '0'), value: props.formatValue(value()) })}</title>
                    </rect>
                  )}
                </Index>
              </g>
            )}
          </Index>
        </svg>
      </div>
      <div class="stats-legend-scale" aria-hidden="true">
        <span>0</span>
        <span class="stats-legend-gradient" style={{ background: `linear-gradient(to right, ${shade(0)}, ${shade(1)})` }} />
        <span>{props.formatValue(max())}</span>
      </div>
      <details class="stats-table-alt">
        <summary>{t('common.showTable')}</summary>
        <div class="stats-table-scroll">
          <table class="table stats-table stats-heatmap-table">
            <caption class="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('heatmap.day')}</th>
                <For each={HOURS}>{(hour) => <th scope="col">{String(hour).padStart(2, '0')}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <Index each={props.values}>
                {(row, day) => (
                  <tr>
                    <th scope="row">{days()[day]}</th>
                    <Index each={row()}>{(value) => <td class="stats-num">{props.formatValue(value())}</td>}</Index>
                  </tr>
                )}
              </Index>
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
