// Teams and agents side by side with the figures a manager compares them by, each table sortable by
// any column and exportable (CSV, XLSX) with the same period and filters.
import type { AgentStatisticsRow, TeamStatisticsRow } from '@smartchat/contracts';
import { statisticsApi } from './api.js';
import { CountCell, DurationCell, RatingCell, RatioCell, TotalCell } from './cells.jsx';
import { ExportButtons } from './ExportButtons.jsx';
import { Panel, RangeNote } from './Feedback.jsx';
import { t } from './i18n.js';
import { createLoad } from './load.js';
import type { TabProps } from './OverviewTab.jsx';
import { SortableTable, type Column } from './SortableTable.jsx';

export function PeopleTab(props: TabProps) {
  const teams = createLoad(
    () => props.params,
    (params) => statisticsApi.teams(params),
  );
  const agents = createLoad(
    () => props.params,
    (params) => statisticsApi.agents(params),
  );
  const business = () => props.selection.business;
  const spread = (figure: TeamStatisticsRow['firstResponse']) => (business() ? figure.business : figure.calendar).median;

  const teamColumns = (): Column<TeamStatisticsRow>[] => [
    { key: 'name', label: t('col.team'), sortValue: (row) => row.name, cell: (row) => row.name },
    { key: 'new', label: t('col.new'), numeric: true, sortValue: (row) => row.newConversations.n, cell: (row) => <CountCell figure={row.newConversations} /> },
    { key: 'closed', label: t('col.closed'), numeric: true, sortValue: (row) => row.closedConversations.n, cell: (row) => <CountCell figure={row.closedConversations} /> },
    { key: 'reopened', label: t('col.reopened'), numeric: true, sortValue: (row) => row.reopenedConversations.n, cell: (row) => <CountCell figure={row.reopenedConversations} /> },
    { key: 'firstResponse', label: t('col.firstResponse'), hint: t('col.spreadHint'), numeric: true, sortValue: (row) => spread(row.firstResponse), cell: (row) => <DurationCell figure={row.firstResponse} business={business()} /> },
    { key: 'nextResponse', label: t('col.nextResponse'), hint: t('col.spreadHint'), numeric: true, sortValue: (row) => spread(row.nextResponse), cell: (row) => <DurationCell figure={row.nextResponse} business={business()} /> },
    { key: 'resolution', label: t('col.resolution'), hint: t('col.spreadHint'), numeric: true, sortValue: (row) => spread(row.resolution), cell: (row) => <DurationCell figure={row.resolution} business={business()} /> },
    { key: 'slaFirst', label: t('col.slaFirst'), hint: t('col.rateHint'), numeric: true, sortValue: (row) => row.slaFirstResponse.rate, cell: (row) => <RatioCell figure={row.slaFirstResponse} /> },
    { key: 'slaNext', label: t('col.slaNext'), hint: t('col.rateHint'), numeric: true, sortValue: (row) => row.slaNextResponse.rate, cell: (row) => <RatioCell figure={row.slaNextResponse} /> },
    { key: 'csat', label: t('col.csat'), hint: t('col.rateHint'), numeric: true, sortValue: (row) => row.csatSatisfied.rate, cell: (row) => <RatioCell figure={row.csatSatisfied} /> },
  ];
  const agentColumns = (): Column<AgentStatisticsRow>[] => [
    { key: 'name', label: t('col.agent'), sortValue: (row) => row.name, cell: (row) => row.name },
    { key: 'online', label: t('col.online'), numeric: true, sortValue: (row) => row.online.totalMs, cell: (row) => <TotalCell figure={row.online} /> },
    { key: 'away', label: t('col.away'), numeric: true, sortValue: (row) => row.away.totalMs, cell: (row) => <TotalCell figure={row.away} /> },
    { key: 'replies', label: t('col.replies'), numeric: true, sortValue: (row) => row.replies.n, cell: (row) => <CountCell figure={row.replies} /> },
    { key: 'closed', label: t('col.closed'), numeric: true, sortValue: (row) => row.closedConversations.n, cell: (row) => <CountCell figure={row.closedConversations} /> },
    { key: 'firstResponse', label: t('col.firstResponse'), hint: t('col.spreadHint'), numeric: true, sortValue: (row) => spread(row.firstResponse), cell: (row) => <DurationCell figure={row.firstResponse} business={business()} /> },
    { key: 'handling', label: t('col.handling'), hint: t('col.spreadHint'), numeric: true, sortValue: (row) => spread(row.handling), cell: (row) => <DurationCell figure={row.handling} business={business()} /> },
    { key: 'csat', label: t('col.csat'), hint: t('col.rateHint'), numeric: true, sortValue: (row) => row.csatSatisfied.rate, cell: (row) => <RatioCell figure={row.csatSatisfied} /> },
    { key: 'rating', label: t('col.rating'), numeric: true, sortValue: (row) => row.csatRating.mean, cell: (row) => <RatingCell figure={row.csatRating} /> },
  ];

  return (
    <>
      <Panel title={t('teams.title')} load={teams} testId="stats-teams" actions={<ExportButtons table="teams" title={t('teams.title')} params={props.params} />}>
        {(answer) => (
          <>
            <RangeNote answer={answer()} business={business()} />
            <SortableTable caption={t('teams.title')} rows={answer().teams} columns={teamColumns()} rowKey={(row) => row.teamId} empty={t('teams.empty')} testId="stats-teams-table" rowTestId="stats-team-row" />
          </>
        )}
      </Panel>
      <Panel title={t('agents.title')} load={agents} testId="stats-agents" actions={<ExportButtons table="agents" title={t('agents.title')} params={props.params} />}>
        {(answer) => (
          <>
            <RangeNote answer={answer()} business={business()} />
            <SortableTable caption={t('agents.title')} rows={answer().agents} columns={agentColumns()} rowKey={(row) => row.agentId} empty={t('agents.empty')} testId="stats-agents-table" rowTestId="stats-agent-row" />
          </>
        )}
      </Panel>
    </>
  );
}
