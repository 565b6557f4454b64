// SLA: how often first and next responses came in time, overall and per team, and the latest
// breaches with a link into each conversation (only those the viewer may open in the inbox).
import type { StatisticsSla } from '@smartchat/contracts';
import { A } from '@solidjs/router';
import { formatDateTime } from '@smartchat/frontend-kit';
import { For, Show } from 'solid-js';
import { i18n } from '../i18n.js';
import { agentName, teamName } from '../state/session.js';
import { statisticsApi } from './api.js';
import { RatioCell } from './cells.jsx';
import { Panel, RangeNote } from './Feedback.jsx';
import { RatioTile } from './FigureTile.jsx';
import { t } from './i18n.js';
import { conversationLink } from './links.js';
import { createLoad } from './load.js';
import type { TabProps } from './OverviewTab.jsx';
import { SortableTable } from './SortableTable.jsx';

type SlaTeam = StatisticsSla['teams'][number];

export function SlaTab(props: TabProps) {
  const load = createLoad(
    () => props.params,
    (params) => statisticsApi.sla(params),
  );
  return (
    <Panel title={t('sla.title')} load={load} testId="stats-sla">
      {(sla) => (
        <>
          <RangeNote answer={sla()} />
          <Show when={sla().total.firstResponse.n === 0 && sla().total.nextResponse.n === 0}>
            <p class="stats-empty">{t('common.noData')}</p>
          </Show>
          <div class="stats-cards">
            <RatioTile label={t('sla.firstResponse')} figure={sla().total.firstResponse} testId="stats-sla-first" />
            <RatioTile label={t('sla.nextResponse')} figure={sla().total.nextResponse} testId="stats-sla-next" />
          </div>
          <h3 class="stats-group-title">{t('sla.byTeam')}</h3>
          <SortableTable<SlaTeam>
            caption={t('sla.byTeam')}
            rows={sla().teams}
            rowKey={(row) => row.teamId}
            empty={t('teams.empty')}
            testId="stats-sla-teams"
            rowTestId="stats-sla-team-row"
            columns={[
              { key: 'name', label: t('col.team'), sortValue: (row) => row.name, cell: (row) => row.name },
              { key: 'first', label: t('col.slaFirst'), hint: t('col.rateHint'), numeric: true, sortValue: (row) => row.firstResponse.rate, cell: (row) => <RatioCell figure={row.firstResponse} /> },
              { key: 'next', label: t('col.slaNext'), hint: t('col.rateHint'), numeric: true, sortValue: (row) => row.nextResponse.rate, cell: (row) => <RatioCell figure={row.nextResponse} /> },
            ]}
          />
          <h3 class="stats-group-title">{t('sla.breaches')}</h3>
          <p class="stats-hint">{t('sla.breachesHint')}</p>
          <div class="stats-table-scroll">
            <table class="table stats-table" data-testid="stats-sla-breaches">
              <caption class="visually-hidden">{t('sla.breaches')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sla.at')}</th>
                  <th scope="col">{t('sla.kind')}</th>
                  <th scope="col">{t('col.team')}</th>
                  <th scope="col">{t('col.agent')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('common.open')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For
                  each={sla().breaches}
                  fallback={
                    <tr>
                      <td colSpan={5} class="muted">
                        {t('sla.noBreaches')}
                      </td>
                    </tr>
                  }
                >
                  {(breach) => (
                    <tr data-testid="stats-sla-breach" data-conversation={breach.conversationId}>
                      <td class="stats-nowrap">{formatDateTime(breach.at, i18n.locale(), sla().timeZone)}</td>
                      <td>{t(breach.kind === 'first_response' ? 'sla.kind.first_response' : 'sla.kind.next_response')}</td>
                      <td>{teamName(breach.teamId) ?? '—'}</td>
                      <td>{agentName(breach.agentId) ?? '—'}</td>
                      <td>
                        <A href={conversationLink(breach.conversationId)}>{t('common.open')}</A>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </>
      )}
    </Panel>
  );
}
