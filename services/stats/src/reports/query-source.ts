// The report's figures from the statistics query layer (services/stats/src/queries), the same
// functions the in-app statistics and the Grafana parity test use, so a report and the console
// agree to the digit. The whole desk (every team, customer conversations only) or some teams (their
// conversations, and the agents who are their members, as the Statistics page filtered by those
// teams shows them), in a handful of set-based queries: the overview and the previous range, the team table, the agent table, the
// daily series, and the breaches and comments in large keyset pages.
import type { Figure } from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';
import { metricDefinition } from '../metrics/definitions.js';
import { csatComments, type CsatCommentCursor } from '../queries/csat.js';
import { figuresOf } from '../queries/figures.js';
import { overviewFigures } from '../queries/overview.js';
import { bucketsOf, previousRange, resolveRange } from '../queries/range.js';
import { wholeSlice } from '../queries/slice.js';
import { slaBreaches, type SlaBreachCursor } from '../queries/sla.js';
import { agentRows, storedAgents, storedTeams, teamRows } from '../queries/tables.js';
import type { ReportBreach, ReportComment, ReportData, ReportFigure, ReportSource } from './report-data.js';
import type { ReportRange } from './report-range.js';

/** Rows per page of breaches and comments: few round trips, bounded memory per query. */
const PAGE = 5000;

export class QueryReportSource implements ReportSource {
  constructor(private readonly db: PgPool) {}

  async load(range: ReportRange, progress: (fraction: number) => Promise<void>, teamIds: readonly string[] | null = null): Promise<ReportData> {
    const current = resolveRange(range.from, range.to, range.timeZone, Number.POSITIVE_INFINITY);
    const before = previousRange(current);
    const teamsOnly = teamIds && teamIds.length > 0 ? teamIds : null;
    const within = (start: Date, end: Date, timeZone: string) => ({ ...wholeSlice(start, end, timeZone), teamIds: teamsOnly });
    const slice = within(current.start, current.end, current.timeZone);
    const db = this.db;

    const [allTeams, agents] = await Promise.all([storedTeams(db), storedAgents(db, teamsOnly)]);
    const teams = teamsOnly ? allTeams.filter((team) => teamsOnly.includes(team.id)) : allTeams;
    const teamName = new Map(teams.map((team) => [team.id, team.name]));
    const agentName = new Map(agents.map((agent) => [agent.id, agent.name]));
    await progress(0.05);

    const overview = await overviewFigures(db, slice, within(before.start, before.end, before.timeZone));
    const figures: ReportFigure[] = overview.map((figure) => ({ ...figure, name: metricDefinition(figure.metric)?.name ?? { en: figure.metric, ru: figure.metric } }));
    await progress(0.35);
    const teamTable = await teamRows(db, slice, teams);
    await progress(0.5);
    const agentTable = await agentRows(db, slice, agents);
    await progress(0.65);

    // The three daily series in one pass over the range (one figure table by local day).
    const daily = [metricDefinition('conversations_new')!, metricDefinition('conversations_closed')!, metricDefinition('first_response_time')!];
    const byDay = await figuresOf(db, daily.map((metric) => metric.aggregation), slice, { by: 'bucket', interval: 'day' });
    const days = bucketsOf(current, 'day').map((bucket) => {
      const [opened, closed, firstResponse] = daily.map((metric) => byDay.figure(bucket.key, metric.aggregation)) as [Figure, Figure, Figure];
      return {
        day: bucket.label,
        newConversations: opened.n,
        closedConversations: closed.n,
        firstResponse: firstResponse.kind === 'duration' ? { n: firstResponse.n, median: firstResponse.calendar.median } : { n: 0, median: null },
      };
    });
    await progress(0.8);

    const breaches: ReportBreach[] = [];
    for (let cursor: SlaBreachCursor | undefined, more = true; more; ) {
      const page = await slaBreaches(db, slice, PAGE, cursor);
      breaches.push(...page.breaches.map((breach) => ({ ...breach, team: named(teamName, breach.teamId), agent: named(agentName, breach.agentId) })));
      cursor = page.next ?? undefined;
      more = page.next !== null;
    }
    await progress(0.9);
    const comments: ReportComment[] = [];
    for (let cursor: CsatCommentCursor | undefined, more = true; more; ) {
      const page = await csatComments(db, slice, PAGE, cursor);
      comments.push(...page.comments.map((comment) => ({ ...comment, team: named(teamName, comment.teamId), agent: named(agentName, comment.agentId) })));
      cursor = page.next ?? undefined;
      more = page.next !== null;
    }
    await progress(1);

    // The sheets read oldest first, as a log does.
    breaches.reverse();
    comments.reverse();
    // A team the store no longer knows by name shows its id.
    const teamNames = teamsOnly ? teamsOnly.map((id) => teamName.get(id) ?? id) : null;
    return { range, teamNames, previousRange: before, figures, teams: teamTable, agents: agentTable, breaches, comments, days };
  }
}

/** A team's or agent's name; one the store no longer knows by name shows its id. */
function named(names: Map<string, string>, id: string | null): string | null {
  return id === null ? null : (names.get(id) ?? id);
}
