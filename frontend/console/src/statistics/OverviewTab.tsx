// The overview: every metric of the catalogue as a card (grouped, with its n and trend), one metric
// over time (a chart with a table beside it), and the hour-of-week heatmap of load.
import type { StatisticsHeatmap, StatisticsInterval, StatisticsMetric, StatisticsSeries } from '@smartchat/contracts';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { i18n } from '../i18n.js';
import { statisticsApi, type StatisticsParams } from './api.js';
import { Heatmap } from './charts/Heatmap.jsx';
import { SeriesChart, type ChartLine } from './charts/SeriesChart.jsx';
import { FigureCard } from './FigureCard.jsx';
import { formatValue } from './figures.js';
import { formatNumber } from './format.js';
import { Panel, RangeNote } from './Feedback.jsx';
import { t } from './i18n.js';
import { createLoad } from './load.js';
import { DEFAULT_SERIES_METRIC, groupMetrics } from './metric-groups.js';
import { rangeDays } from './range.js';
import type { Selection } from './selection.js';
import { startOfDay } from './zone.js';

export interface TabProps {
  selection: Selection;
  params: StatisticsParams;
  metrics: StatisticsMetric[];
}

export function OverviewTab(props: TabProps) {
  return (
    <>
      <OverviewCards {...props} />
      <SeriesPanel {...props} />
      <HeatmapPanel {...props} />
    </>
  );
}

function OverviewCards(props: TabProps) {
  const load = createLoad(
    () => props.params,
    (params) => statisticsApi.overview(params),
  );
  // Short dates: the label sits under every card.
  const day = (value: string, zone: string) => new Intl.DateTimeFormat(i18n.locale() === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'short', timeZone: zone }).format(startOfDay(value, zone));
  return (
    <Panel title={t('overview.cards')} load={load} testId="stats-overview">
      {(overview) => {
        const byMetric = createMemo(() => new Map(overview().figures.map((entry) => [entry.metric, entry])));
        const groups = createMemo(() => groupMetrics(props.metrics.filter((metric) => byMetric().has(metric.id))));
        const empty = () => overview().figures.every((entry) => entry.current.n === 0);
        const previousLabel = () => t('overview.previous', { from: day(overview().previousFrom, overview().timeZone), to: day(overview().previousTo, overview().timeZone) });
        return (
          <>
            <RangeNote answer={overview()} business={props.selection.business} />
            <Show when={empty()}>
              <p class="stats-empty" data-testid="stats-overview-empty">
                {t('overview.empty')}
              </p>
            </Show>
            <For each={groups()}>
              {(group) => (
                <section class="stats-group" aria-labelledby={`stats-group-${group.group}`}>
                  <h3 id={`stats-group-${group.group}`} class="stats-group-title">
                    {t(`group.${group.group}`)}
                  </h3>
                  <div class="stats-cards">
                    <For each={group.metrics}>
                      {(metric) => {
                        const entry = () => byMetric().get(metric.id)!;
                        return <FigureCard metric={metric} current={entry().current} previous={entry().previous} business={props.selection.business} previousLabel={previousLabel()} />;
                      }}
                    </For>
                  </div>
                </section>
              )}
            </For>
          </>
        );
      }}
    </Panel>
  );
}

/** The step a range reads best in: hours for a day, days up to a month, then weeks, then months. */
function defaultInterval(days: number): StatisticsInterval {
  if (days <= 2) return 'hour';
  if (days <= 62) return 'day';
  if (days <= 180) return 'week';
  return 'month';
}

const COLOURS = { main: '#1f5fd1', p90: '#b3261e', mean: '#545d68' };

function SeriesPanel(props: TabProps) {
  const id = createUniqueId();
  const [metricId, setMetricId] = createSignal(DEFAULT_SERIES_METRIC);
  const [chosenInterval, setChosenInterval] = createSignal<StatisticsInterval | null>(null);
  const days = () => rangeDays(props.selection.range);
  const interval = (): StatisticsInterval => {
    const chosen = chosenInterval();
    return chosen && !(chosen === 'hour' && days() > 31) ? chosen : defaultInterval(days());
  };
  const metric = createMemo(() => props.metrics.find((candidate) => candidate.id === metricId()) ?? props.metrics[0] ?? null);
  const load = createLoad(
    () => {
      const current = metric();
      return current ? { params: props.params, metric: current.id, interval: interval() } : null;
    },
    (key) => statisticsApi.series(key.params, key.metric, key.interval),
  );
  const controls = (
    <div class="stats-panel-tools">
      <div class="field">
        <label for={`${id}-metric`}>{t('series.metric')}</label>
        <select id={`${id}-metric`} class="input" data-testid="stats-series-metric" onChange={(event) => setMetricId(event.currentTarget.value)}>
          <For each={props.metrics}>
            {(candidate) => (
              <option value={candidate.id} selected={candidate.id === metric()?.id}>
                {candidate.name[i18n.locale()]}
              </option>
            )}
          </For>
        </select>
      </div>
      <div class="field">
        <label for={`${id}-interval`}>{t('series.interval')}</label>
        <select id={`${id}-interval`} class="input" data-testid="stats-series-interval" onChange={(event) => setChosenInterval(event.currentTarget.value as StatisticsInterval)}>
          <For each={['hour', 'day', 'week', 'month'] as const}>
            {(step) => (
              <option value={step} selected={step === interval()} disabled={step === 'hour' && days() > 31}>
                {t(`interval.${step}`)}
              </option>
            )}
          </For>
        </select>
      </div>
    </div>
  );
  return (
    <Panel title={t('series.title')} load={load} testId="stats-series" actions={controls}>
      {(series) => <SeriesView series={series()} metric={metric()} business={props.selection.business} />}
    </Panel>
  );
}

function SeriesView(props: { series: StatisticsSeries; metric: StatisticsMetric | null; business: boolean }) {
  const locale = () => i18n.locale();
  const unit = () => props.metric?.unit ?? 'conversations';
  const figureKind = () => props.series.buckets[0]?.figure.kind ?? props.metric?.figure ?? 'count';
  const lines = createMemo<ChartLine[]>(() => {
    const buckets = props.series.buckets;
    switch (figureKind()) {
      case 'duration': {
        const spread = (figure: (typeof buckets)[number]['figure']) => (figure.kind === 'duration' ? (props.business ? figure.business : figure.calendar) : null);
        return [
          { label: t('series.median'), values: buckets.map((bucket) => spread(bucket.figure)?.median ?? null), colour: COLOURS.main },
          { label: t('series.p90'), values: buckets.map((bucket) => spread(bucket.figure)?.p90 ?? null), colour: COLOURS.p90, dash: [6, 4] },
        ];
      }
      case 'distribution':
        return [
          { label: t('series.median'), values: buckets.map((bucket) => (bucket.figure.kind === 'distribution' ? bucket.figure.median : null)), colour: COLOURS.main },
          { label: t('series.p90'), values: buckets.map((bucket) => (bucket.figure.kind === 'distribution' ? bucket.figure.p90 : null)), colour: COLOURS.p90, dash: [6, 4] },
        ];
      case 'ratio':
        return [{ label: t('series.rate'), values: buckets.map((bucket) => (bucket.figure.kind === 'ratio' ? bucket.figure.rate : null)), colour: COLOURS.main }];
      case 'total':
        return [{ label: t('series.total'), values: buckets.map((bucket) => (bucket.figure.kind === 'total' ? bucket.figure.totalMs : null)), colour: COLOURS.main }];
      default:
        return [{ label: t('series.count'), values: buckets.map((bucket) => bucket.figure.n), colour: COLOURS.main }];
    }
  });
  const counts = () => props.series.buckets.map((bucket) => bucket.figure.n);
  const n = () => counts().reduce((sum, value) => sum + value, 0);
  const name = () => props.metric?.name[locale()] ?? props.series.metric;
  return (
    <>
      <RangeNote answer={props.series} business={unit() === 'milliseconds' ? props.business : undefined} />
      <Show when={n() === 0}>
        <p class="stats-empty" data-testid="stats-series-empty">
          {t('series.empty')}
        </p>
      </Show>
      <SeriesChart
        title={name()}
        times={props.series.buckets.map((bucket) => bucket.start)}
        lines={lines()}
        counts={counts()}
        zone={props.series.timeZone}
        bucket={props.series.interval}
        formatValue={(value) => formatValue(value, unit(), locale())}
        description={t('series.description', { metric: name(), interval: t(`per.${props.series.interval}`), zone: props.series.timeZone, n: formatNumber(n(), locale(), 0) })}
        testId="stats-series-chart"
      />
    </>
  );
}

type HeatmapMeasure = 'newConversations' | 'customerMessages';

function HeatmapPanel(props: TabProps) {
  const id = createUniqueId();
  const [measure, setMeasure] = createSignal<HeatmapMeasure>('newConversations');
  const load = createLoad(
    () => props.params,
    (params) => statisticsApi.heatmap(params),
  );
  const controls = (
    <div class="stats-panel-tools">
      <div class="field">
        <label for={`${id}-measure`}>{t('heatmap.measure')}</label>
        <select id={`${id}-measure`} class="input" data-testid="stats-heatmap-measure" onChange={(event) => setMeasure(event.currentTarget.value as HeatmapMeasure)}>
          <option value="newConversations" selected={measure() === 'newConversations'}>
            {t('heatmap.newConversations')}
          </option>
          <option value="customerMessages" selected={measure() === 'customerMessages'}>
            {t('heatmap.customerMessages')}
          </option>
        </select>
      </div>
    </div>
  );
  return (
    <Panel title={t('heatmap.title')} load={load} testId="stats-heatmap" actions={controls}>
      {(heatmap) => <HeatmapView heatmap={heatmap()} measure={measure()} />}
    </Panel>
  );
}

function HeatmapView(props: { heatmap: StatisticsHeatmap; measure: HeatmapMeasure }) {
  const values = createMemo(() => {
    const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
    for (const cell of props.heatmap.cells) grid[cell.weekday - 1]![cell.hour] = cell[props.measure];
    return grid;
  });
  const n = () => values().flat().reduce((sum, value) => sum + value, 0);
  const label = () => t(props.measure === 'newConversations' ? 'heatmap.newConversations' : 'heatmap.customerMessages');
  return (
    <>
      <RangeNote answer={props.heatmap} />
      <Show when={n() === 0}>
        <p class="stats-empty">{t('common.noData')}</p>
      </Show>
      <Heatmap
        title={`${t('heatmap.title')}: ${label()}`}
        values={values()}
        description={t('heatmap.description', { measure: label(), zone: props.heatmap.timeZone, n: formatNumber(n(), i18n.locale(), 0) })}
        formatValue={(value) => formatNumber(value, i18n.locale(), 0)}
        testId="stats-heatmap-chart"
      />
    </>
  );
}
