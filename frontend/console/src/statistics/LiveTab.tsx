// The desk right now, refreshed every few seconds while the tab is open: per team the customers
// waiting in its queue and since when the longest has waited, and how many of its agents are online
// and of those available. Independent of the period; the oldest wait ticks between refreshes.
import type { StatisticsLive } from '@smartchat/contracts';
import { formatTime } from '@smartchat/frontend-kit';
import { createMemo, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { i18n } from '../i18n.js';
import { statisticsApi } from './api.js';
import { Panel } from './Feedback.jsx';
import { formatDuration, formatNumber } from './format.js';
import { t } from './i18n.js';
import { createLoad } from './load.js';
import { SortableTable } from './SortableTable.jsx';

export const LIVE_REFRESH_SECONDS = 15;

type LiveTeam = StatisticsLive['teams'][number];

export function LiveTab(props: { zone: string; teamIds: readonly string[] }) {
  const [tick, setTick] = createSignal(0);
  const [now, setNow] = createSignal(Date.now());
  const load = createLoad(
    () => ({ tick: tick(), teamIds: [...props.teamIds] }),
    (key) => statisticsApi.live(key.teamIds.length ? key.teamIds : undefined),
  );
  onMount(() => {
    const refresh = setInterval(() => {
      // A hidden tab does not need fresh numbers; it catches up when shown again.
      if (document.visibilityState === 'visible') setTick((value) => value + 1);
    }, LIVE_REFRESH_SECONDS * 1000);
    const clock = setInterval(() => setNow(Date.now()), 1000);
    const onVisible = () => document.visibilityState === 'visible' && setTick((value) => value + 1);
    document.addEventListener('visibilitychange', onVisible);
    onCleanup(() => {
      clearInterval(refresh);
      clearInterval(clock);
      document.removeEventListener('visibilitychange', onVisible);
    });
  });

  return (
    <Panel
      title={t('live.title')}
      load={load}
      testId="stats-live"
      actions={
        <button type="button" class="button small" onClick={() => setTick((value) => value + 1)} disabled={load.loading()} data-testid="stats-live-refresh">
          {t('common.refresh')}
        </button>
      }
    >
      {(live) => {
        // The server's wait (its clock), advanced by the time since the answer came (ours): a skewed
        // browser clock changes nothing.
        const receivedAt = createMemo(() => (live(), Date.now()));
        const waited = (team: LiveTeam) => (team.oldestWaitMs === null ? null : team.oldestWaitMs + Math.max(0, now() - receivedAt()));
        // Only the queues add up: an agent in two teams is counted in both teams' rows.
        const queued = createMemo(() => live().teams.reduce((sum, team) => sum + team.queueLength, 0));
        return (
          <>
            <p class="stats-note">{t('live.hint', { seconds: LIVE_REFRESH_SECONDS })}</p>
            <p class="stats-note" data-testid="stats-live-updated" data-at={live().at}>
              {t('live.updated', { time: formatTime(live().at, i18n.locale(), props.zone) })} ({props.zone})
            </p>
            <Show when={live().teams.length > 0}>
              <p class="stats-live-totals" data-testid="stats-live-totals">
                {t('live.totals', { queue: queued() })}
              </p>
            </Show>
            <SortableTable<LiveTeam>
              caption={t('live.title')}
              rows={live().teams}
              rowKey={(row) => row.teamId}
              empty={t('live.noTeams')}
              testId="stats-live-table"
              rowTestId="stats-live-row"
              initialSort={{ key: 'queue', descending: true }}
              columns={[
                { key: 'name', label: t('col.team'), sortValue: (row) => row.name, cell: (row) => row.name },
                { key: 'queue', label: t('live.queue'), numeric: true, sortValue: (row) => row.queueLength, cell: (row) => <span data-value={row.queueLength}>{formatNumber(row.queueLength, i18n.locale(), 0)}</span> },
                {
                  key: 'oldest',
                  label: t('live.oldest'),
                  numeric: true,
                  sortValue: (row) => row.oldestWaitMs,
                  cell: (row) => (
                    <span data-value={row.oldestWaitMs ?? ''} classList={{ 'stats-waiting': (waited(row) ?? 0) > 5 * 60_000 }}>
                      {waited(row) === null ? t('live.nobody') : formatDuration(waited(row), i18n.locale())}
                    </span>
                  ),
                },
                { key: 'online', label: t('live.online'), numeric: true, sortValue: (row) => row.agentsOnline, cell: (row) => <span data-value={row.agentsOnline}>{formatNumber(row.agentsOnline, i18n.locale(), 0)}</span> },
                { key: 'available', label: t('live.available'), numeric: true, sortValue: (row) => row.agentsAvailable, cell: (row) => <span data-value={row.agentsAvailable}>{formatNumber(row.agentsAvailable, i18n.locale(), 0)}</span> },
              ]}
            />
          </>
        );
      }}
    </Panel>
  );
}
