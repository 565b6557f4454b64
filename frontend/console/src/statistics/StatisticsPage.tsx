// The Statistics section at /console/statistics/<tab>?<selection>: the filters bar (period, zone,
// filters) above one tab (overview, teams and agents, SLA, satisfaction, live). Loaded lazily with
// its charts, so the inbox never carries it; shown only with statistics.view (the server checks
// every request again and narrows to the viewer's scope).
import type { StatisticsMetric } from '@smartchat/contracts';
import { A, useLocation, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, For, Match, Show, Switch } from 'solid-js';
import { can, me } from '../state/session.js';
import { statisticsApi } from './api.js';
import { CsatTab } from './CsatTab.jsx';
import { LoadError, LoadProgress } from './Feedback.jsx';
import { FiltersBar } from './FiltersBar.jsx';
import { t } from './i18n.js';
import { LiveTab } from './LiveTab.jsx';
import { createLoad } from './load.js';
import { OverviewTab } from './OverviewTab.jsx';
import { PeopleTab } from './PeopleTab.jsx';
import { readSelection, selectionQuery, statisticsParams, viewerZone, type Selection, type SelectionQuery } from './selection.js';
import { SlaTab } from './SlaTab.jsx';
import { ReportsPanel } from './reports/ReportsPanel.jsx';
import { browserZone } from './zone.js';
import './statistics.css';

export const STATISTICS_TABS = ['overview', 'people', 'sla', 'csat', 'live'] as const;
export type StatisticsTab = (typeof STATISTICS_TABS)[number];

export default function StatisticsPage() {
  const routeParams = useParams<{ tab?: string }>();
  const location = useLocation();
  const [search, setSearch] = useSearchParams<SelectionQuery>();
  const tab = (): StatisticsTab => ((STATISTICS_TABS as readonly string[]).includes(routeParams.tab ?? '') ? (routeParams.tab as StatisticsTab) : 'overview');
  const defaultZone = () => viewerZone(me()?.timeZone, browserZone());
  const selection = createMemo(() => readSelection({ ...search } as SelectionQuery, defaultZone()));
  const params = createMemo(() => statisticsParams(selection()));
  const change = (next: Selection) => setSearch(selectionQuery(next, defaultZone()));
  const metrics = createLoad(
    () => (can('statistics.view') ? 'catalogue' : null),
    () => statisticsApi.metrics(),
  );

  return (
    <main class="stats" aria-labelledby="stats-title" data-testid="statistics-page">
      <h1 id="stats-title" class="stats-title">
        {t('stats.title')}
      </h1>
      <Show when={can('statistics.view')} fallback={<p class="panel">{t('stats.unavailable')}</p>}>
        <nav class="stats-tabs" aria-label={t('stats.sections')} data-testid="stats-tabs">
          <For each={STATISTICS_TABS}>
            {(name) => (
              <A href={`/statistics/${name}${location.search}`} aria-current={tab() === name ? 'page' : undefined} data-testid={`stats-tab-${name}`}>
                {t(`tab.${name}`)}
              </A>
            )}
          </For>
        </nav>
        <FiltersBar selection={selection()} onChange={change} periodless={tab() === 'live'} />
        <LoadProgress loading={metrics.loading()} />
        <LoadError error={metrics.error()} retry={() => metrics.reload()} testId="stats-metrics-error" />
        <Show when={metrics.data()}>
          {(catalogue) => {
            const list = (): StatisticsMetric[] => catalogue().metrics;
            return (
              <Switch>
                <Match when={tab() === 'overview'}>
                  <OverviewTab selection={selection()} params={params()} metrics={list()} />
                </Match>
                <Match when={tab() === 'people'}>
                  <PeopleTab selection={selection()} params={params()} metrics={list()} />
                </Match>
                <Match when={tab() === 'sla'}>
                  <SlaTab selection={selection()} params={params()} metrics={list()} />
                </Match>
                <Match when={tab() === 'csat'}>
                  <CsatTab selection={selection()} params={params()} metrics={list()} />
                </Match>
                <Match when={tab() === 'live'}>
                  <LiveTab zone={selection().zone} teamIds={selection().teamIds} />
                </Match>
              </Switch>
            );
          }}
        </Show>
        <Show when={tab() === 'overview'}><ReportsPanel /></Show>
      </Show>
    </main>
  );
}
