// The known-answer month (services/stats/test/fixtures/known-month.ts: scripted events and figures
// worked out by hand) fed into a statistics database, and every hand-written figure asked of the
// HTTP API as a manager would: overview cards, and the team and agent tables for the team and agent
// cases.
import type { Figure, StatisticsAgents, StatisticsOverview, StatisticsTeams } from '@smartchat/contracts';
import { TestResources } from '@smartchat/platform/testing';
import { createTestStatsDatabase, ingestEvents } from '@smartchat/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { api, startChatCluster, type ChatCluster } from './support/cluster.js';

/** What this test uses of the fixture (it lives in the stats package's tests, outside this project's sources). */
interface KnownMonthFixture {
  knownMonthEvents: Parameters<typeof ingestEvents>[1];
  knownMonthIds: { teams: Record<string, string>; agents: Record<string, string> };
  expectedFigures: { name: string; range: { from: string; to: string; timeZone: string }; filters: { teamIds?: string[]; agentIds?: string[]; internal?: boolean }; figures: Record<string, Figure> }[];
  sameFigure(actual: Figure, expected: Figure): boolean;
}

const TEAM_COLUMNS: Record<string, keyof StatisticsTeams['teams'][number]> = {
  conversations_new: 'newConversations',
  conversations_closed: 'closedConversations',
  conversations_reopened: 'reopenedConversations',
  first_response_time: 'firstResponse',
  next_response_time: 'nextResponse',
  resolution_time: 'resolution',
  sla_first_response_hit_rate: 'slaFirstResponse',
  sla_next_response_hit_rate: 'slaNextResponse',
  csat_score: 'csatSatisfied',
};
const AGENT_COLUMNS: Record<string, keyof StatisticsAgents['agents'][number]> = {
  agent_online_time: 'online',
  agent_away_time: 'away',
  messages_reply: 'replies',
  conversations_closed: 'closedConversations',
  first_response_time: 'firstResponse',
  handling_time: 'handling',
  csat_score: 'csatSatisfied',
  csat_average_rating: 'csatRating',
};

describe('the known-answer month through the statistics API', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let token: string;
  let fixture: KnownMonthFixture;

  beforeAll(async () => {
    // Not a static import: the fixture is a test file of another package.
    fixture = (await import(/* @vite-ignore */ new URL('../../stats/test/fixtures/known-month.ts', import.meta.url).href)) as KnownMonthFixture;
    const stats = await createTestStatsDatabase(resources);
    await ingestEvents(stats.pool, fixture.knownMonthEvents);
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_STATS_PG_URL: stats.readerUrl });
    // The desk's own teams and agents carry the fixture's ids, so that the tables list them.
    const { teams, agents } = fixture.knownMonthIds;
    for (const [name, id] of Object.entries(teams)) await cluster.pg.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [id, name]);
    const hash = await hashPassword('correct horse battery staple');
    for (const [name, id] of Object.entries(agents)) {
      await cluster.pg.query('INSERT INTO agents (id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, $5)', [id, `${name.toLowerCase()}@known.test`, name, hash, 'agent']);
    }
    await cluster.pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2), ($1, $3), ($4, $5)', [teams.DE, agents.ANNA, agents.BORIS, teams.SALES, agents.VERA]);
    const manager = await cluster.createAgent('Руководитель', { role: 'admin' });
    token = await cluster.login(cluster.nodes[0]!, manager.email, manager.password);
  }, 240_000);
  afterAll(() => resources.cleanup());

  const query = (known: KnownMonthFixture['expectedFigures'][number]) => {
    const { range, filters } = known;
    const parts = [`from=${range.from}`, `to=${range.to}`, `timeZone=${encodeURIComponent(range.timeZone)}`];
    for (const teamId of filters.teamIds ?? []) parts.push(`teamIds=${teamId}`);
    for (const agentId of filters.agentIds ?? []) parts.push(`agentIds=${agentId}`);
    if (filters.internal) parts.push('internal=true');
    return parts.join('&');
  };

  it('answers every hand-written figure of every case on the overview', async () => {
    let compared = 0;
    for (const known of fixture.expectedFigures) {
      const { status, body } = await api<StatisticsOverview>(cluster.nodes[0]!, 'GET', `/v1/statistics/overview?${query(known)}`, token);
      expect(status, known.name).toBe(200);
      expect(body.timeZone).toBe(known.range.timeZone);
      for (const [metric, figure] of Object.entries(known.figures)) {
        const card = body.figures.find((entry) => entry.metric === metric);
        expect(card, `${known.name}: ${metric}`).toBeDefined();
        expect(fixture.sameFigure(card!.current, figure), `${known.name}: ${metric} is ${JSON.stringify(card!.current)}, by hand ${JSON.stringify(figure)}`).toBe(true);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('gives the team and agent tables the hand-written figures of the team and agent cases', async () => {
    let compared = 0;
    for (const known of fixture.expectedFigures) {
      const { teamIds = [], agentIds = [] } = known.filters;
      if (teamIds.length === 1 && agentIds.length === 0 && !known.filters.internal) {
        const { body } = await api<StatisticsTeams>(cluster.nodes[0]!, 'GET', `/v1/statistics/teams?${query(known)}`, token);
        const row = body.teams.find((team) => team.teamId === teamIds[0])!;
        for (const [metric, column] of Object.entries(TEAM_COLUMNS)) {
          if (!known.figures[metric]) continue;
          expect(fixture.sameFigure(row[column] as Figure, known.figures[metric]), `${known.name}: ${column}`).toBe(true);
          compared += 1;
        }
      }
      if (agentIds.length === 1 && teamIds.length === 0 && !known.filters.internal) {
        const { body } = await api<StatisticsAgents>(cluster.nodes[0]!, 'GET', `/v1/statistics/agents?${query(known)}`, token);
        const row = body.agents.find((agent) => agent.agentId === agentIds[0])!;
        for (const [metric, column] of Object.entries(AGENT_COLUMNS)) {
          if (!known.figures[metric]) continue;
          expect(fixture.sameFigure(row[column] as Figure, known.figures[metric]), `${known.name}: ${column}`).toBe(true);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(8);
  });
});
