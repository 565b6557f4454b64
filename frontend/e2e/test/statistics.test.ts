// The console's Statistics section in Chromium against the real stack: the known-answer month
// (services/stats/test/fixtures/known-month.ts, every figure worked out by hand) fed through the
// pipeline's own ingestion into a statistics database the chat processes read, then a manager signs
// in, opens Statistics, picks October 2026 in UTC and finds on the page exactly the API's numbers
// for the same range and filters — and those are the hand-computed ones. Tables, SLA, CSAT (with a
// drill-down into the inbox), exports, the live panel, a team lead who sees only their team, an
// agent without the permission, errors and empty ranges in words, and the accessibility audit.
import type { Figure, StatisticsAgents, StatisticsCsat, StatisticsLive, StatisticsOverview, StatisticsSla, StatisticsTeams } from '@smartchat/contracts';
import { TestResources } from '@smartchat/platform/testing';
import { createTestStatsDatabase, ingestEvents } from '@smartchat/stats';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectedFigures, knownMonthEvents, knownMonthIds, sameFigure } from '../../../services/stats/test/fixtures/known-month.js';
import { audit } from './support/audit.js';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
const people = { manager: { email: '', token: '' }, lead: { email: '', token: '' }, agent: { email: '' } };
const { DE, SALES } = knownMonthIds.teams;
const { ANNA, BORIS, VERA } = knownMonthIds.agents;
const OCTOBER = { from: '2026-10-01', to: '2026-10-31', timeZone: 'UTC' };
const opened: WatchedPage[] = [];

/** Refusals the tests cause on purpose (a half-hour zone) show up as console errors in Chromium. */
const EXPECTED_REFUSALS = /status of (403|422)/;

async function page(): Promise<WatchedPage> {
  const watched = await openPage(browser);
  watched.allow.push(EXPECTED_REFUSALS);
  opened.push(watched);
  return watched;
}

function query(filters: { teamIds?: string[]; agentIds?: string[]; internal?: boolean } = {}, range = OCTOBER): string {
  const params = new URLSearchParams({ from: range.from, to: range.to, timeZone: range.timeZone });
  for (const teamId of filters.teamIds ?? []) params.append('teamIds', teamId);
  for (const agentId of filters.agentIds ?? []) params.append('agentIds', agentId);
  if (filters.internal) params.set('internal', 'true');
  return params.toString();
}

/** A figure as the page carries it in data attributes (numbers as the API gave them; '' for null). */
type Numbers = Record<string, number | null>;

function numbersOf(figure: Figure, business = false): Numbers {
  switch (figure.kind) {
    case 'count':
      return { n: figure.n };
    case 'duration': {
      const spread = business ? figure.business : figure.calendar;
      return { n: figure.n, median: spread.median, p90: spread.p90, mean: spread.mean };
    }
    case 'ratio':
      return { n: figure.n, hits: figure.hits, rate: figure.rate };
    case 'distribution':
      return { n: figure.n, median: figure.median, p90: figure.p90, mean: figure.mean };
    case 'total':
      return { n: figure.n, total: figure.totalMs };
  }
}

const parse = (value: string | undefined): number | null => (value === undefined || value === '' ? null : Number(value));

/** Every overview card on the page: metric id → its numbers, once the panel shows the range asked for. */
async function cardsOnPage(target: Page, expectation: Expectation): Promise<Map<string, { kind: string; numbers: Numbers; text: { value: string; n: string } }>> {
  await waitForPanel(target, 'stats-overview', expectation);
  const cards = await target.$$eval('[data-testid="stats-overview"] [data-testid="stats-card"]', (elements) =>
    elements.map((element) => ({
      data: { ...(element as HTMLElement).dataset },
      value: element.querySelector('[data-testid="stats-card-value"]')?.textContent ?? '',
      n: element.querySelector('[data-testid="stats-card-n"]')?.textContent ?? '',
    })),
  );
  return new Map(
    cards.map((card) => {
      const { metric, kind } = card.data;
      const keys = kind === 'count' ? ['n'] : kind === 'duration' || kind === 'distribution' ? ['n', 'median', 'p90', 'mean'] : kind === 'ratio' ? ['n', 'hits', 'rate'] : ['n', 'total'];
      return [metric!, { kind: kind!, numbers: Object.fromEntries(keys.map((key) => [key, parse(card.data[key])])), text: { value: card.value, n: card.n } }];
    }),
  );
}

/** What a panel's answer must have been computed for (the page states it under the panel). */
interface Expectation {
  from: string;
  to: string;
  timeZone: string;
  teams?: string[];
  internal?: boolean;
  business?: boolean;
}

/** Waits until a panel has answered for this range, zone and filters and is not loading any more. */
async function waitForPanel(target: Page, testId: string, expectation: Expectation): Promise<void> {
  await target.waitForFunction(
    ({ testId, expectation }) => {
      const panel = document.querySelector(`[data-testid="${testId}"]`);
      const note = panel?.querySelector('[data-testid="stats-range-note"]');
      if (!panel || !note || panel.getAttribute('data-loading') !== 'false') return false;
      const attribute = (name: string) => note.getAttribute(`data-${name}`);
      return (
        attribute('from') === expectation.from &&
        attribute('to') === expectation.to &&
        attribute('zone') === expectation.timeZone &&
        (expectation.teams === undefined || attribute('teams') === expectation.teams.join(',')) &&
        (expectation.internal === undefined || attribute('internal') === String(expectation.internal)) &&
        (expectation.business === undefined || attribute('business') === String(expectation.business))
      );
    },
    { testId, expectation },
    { timeout: 20_000 },
  );
}

/** Every figure of an overview answer as the page should show it, compared card by card. */
async function expectCardsToMatch(target: Page, overview: StatisticsOverview, business = false): Promise<Map<string, Numbers>> {
  const cards = await cardsOnPage(target, { from: overview.from, to: overview.to, timeZone: overview.timeZone, teams: overview.filters.teamIds, internal: overview.filters.internal, business });
  expect([...cards.keys()].sort()).toEqual(overview.figures.map((entry) => entry.metric).sort());
  const shown = new Map<string, Numbers>();
  for (const entry of overview.figures) {
    const card = cards.get(entry.metric)!;
    expect(card.kind, entry.metric).toBe(entry.current.kind);
    expect(card.numbers, entry.metric).toEqual(numbersOf(entry.current, business));
    // What a reader sees: a count as its number, every card with its n.
    if (entry.current.kind === 'count') expect(card.text.value.replace(/\s/g, ''), entry.metric).toBe(String(entry.current.n));
    expect(card.text.n.replace(/\s/g, ''), entry.metric).toContain(entry.current.kind === 'ratio' ? `${entry.current.hits}из${entry.current.n}` : `n=${entry.current.n}`);
    shown.set(entry.metric, card.numbers);
  }
  return shown;
}

async function openStatistics(target: Page, email: string): Promise<void> {
  await loginToConsole(target, stack.consoleUrl(), email, PASSWORD);
  await target.getByTestId('nav-statistics').click();
  await target.getByTestId('statistics-page').waitFor();
}

/** Picks a custom range and a zone through the filters bar, as a manager would. */
async function chooseRange(target: Page, range: { from: string; to: string; timeZone: string }): Promise<void> {
  await target.getByTestId('stats-preset-custom').click();
  await target.getByTestId('stats-custom-from').fill(range.from);
  await target.getByTestId('stats-custom-to').fill(range.to);
  await target.getByTestId('stats-custom-apply').click();
  await target.getByTestId('stats-zone').fill(range.timeZone);
  await target.getByTestId('stats-zone').press('Enter');
  await expect.poll(() => target.getByTestId('stats-zone-label').textContent()).toContain(range.timeZone);
}

beforeAll(async () => {
  // The statistics database first, so that the chat processes start reading it.
  const stats = await createTestStatsDatabase(resources);
  stack = await startStack(resources, { env: { SMARTCHAT_STATS_PG_URL: stats.readerUrl } });
  browser = await launchBrowser();
  const { pg } = stack.cluster;

  // The desk of the known month: its two teams and three agents under the fixture's own ids, so
  // that the events need no translation and the hand-computed cases apply as written.
  await pg.query(`INSERT INTO teams (id, name, topics) VALUES ($1, 'Support DE', '{billing}'), ($2, 'Sales', '{pricing}')`, [DE, SALES]);
  await pg.query(`INSERT INTO roles (name, scope, permissions) VALUES
    ('stats-manager', 'all', '{statistics.view,reports.export,conversations.reply,conversations.note}'),
    ('stats-lead', 'teams', '{statistics.view,conversations.reply}')`);
  const member = async (name: string, role: string, teamIds: string[], id?: string) => {
    const agent = await stack.cluster.createAgent(name, { role, password: PASSWORD });
    // Nothing refers to a new agent yet: it can take the fixture's id.
    if (id) await pg.query('UPDATE agents SET id = $1 WHERE id = $2', [id, agent.id]);
    for (const teamId of teamIds) await pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [teamId, id ?? agent.id]);
    return { id: id ?? agent.id, email: agent.email };
  };
  await member('Anna', 'agent', [DE], ANNA);
  await member('Boris', 'agent', [DE], BORIS);
  await member('Vera', 'agent', [SALES], VERA);
  const manager = await member('Мария Руководитель', 'stats-manager', []);
  const lead = await member('Лев Старший', 'stats-lead', [DE]);
  people.agent = await member('Пётр Оператор', 'agent', [DE]);
  people.manager = { email: manager.email, token: await stack.cluster.login(stack.chat[0]!, manager.email, PASSWORD) };
  people.lead = { email: lead.email, token: await stack.cluster.login(stack.chat[0]!, lead.email, PASSWORD) };

  // The month's conversations exist in the desk too (closed, no messages), so that drill-down
  // links have something the inbox may show; a real customer owns them.
  const customerToken = await stack.cluster.customerToken('stats-customer', 'Клиент Октябрь');
  const first = await stack.api<{ conversation: { id: string } }>(customerToken, 'POST', '/v1/conversations', { topic: 'Авиабилеты', clientMessageId: 'stats-first', body: 'Здравствуйте!' });
  const { rows } = await pg.query<{ customer_id: string }>('SELECT customer_id FROM conversations WHERE id = $1', [first.conversation.id]);
  for (const [index, conversationId] of knownMonthIds.conversations.entries()) {
    await pg.query(`INSERT INTO conversations (id, customer_id, channel, team_id, status, created_at, closed_at) VALUES ($1, $2, 'widget', $3, 'closed', $4, $4)`, [conversationId, rows[0]!.customer_id, index % 2 === 0 ? DE : SALES, `2026-10-${String(index + 1).padStart(2, '0')}T12:00:00Z`]);
  }

  await ingestEvents(stats.pool, knownMonthEvents);
}, 300_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    const name = context.task.name.replace(/[^a-z]+/gi, '-').slice(0, 40);
    await Promise.all(opened.map((watched, index) => screenshot(watched.page, `failed-statistics-${name}-${index}`).catch(() => undefined)));
  }
  for (const watched of opened.splice(0)) {
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await resources.cleanup();
});

describe('the Statistics section', () => {
  it('a manager sees the same numbers as the API for October 2026, and they are the hand-computed ones', async () => {
    const { page: tab } = await page();
    await openStatistics(tab, people.manager.email);
    await chooseRange(tab, OCTOBER);
    // The URL keeps the selection: a reload shows the same figures.
    expect(new URL(tab.url()).searchParams.get('from')).toBe('2026-10-01');

    const cases = [
      { expected: expectedFigures.find((entry) => entry.name.startsWith('October 2026 in UTC, customer conversations'))!, choose: async () => undefined },
      { expected: expectedFigures.find((entry) => entry.name.startsWith('October 2026 in UTC, team DE'))!, choose: () => tab.getByTestId('stats-filter-team').selectOption(DE) },
      {
        expected: expectedFigures.find((entry) => entry.name.startsWith('October 2026 in UTC, internal'))!,
        choose: async () => {
          await tab.getByTestId('stats-filter-team').selectOption([]);
          await tab.getByTestId('stats-audience-internal').click();
        },
      },
    ];
    for (const { expected, choose } of cases) {
      await choose();
      const overview = await stack.api<StatisticsOverview>(people.manager.token, 'GET', `/v1/statistics/overview?${query(expected.filters)}`);
      const shown = await expectCardsToMatch(tab, overview);
      // The API's figures are the month worked out by hand.
      for (const [metric, figure] of Object.entries(expected.figures)) {
        const served = overview.figures.find((entry) => entry.metric === metric)!.current;
        expect(sameFigure(served, figure), `${expected.name}: ${metric} ${JSON.stringify(served)}`).toBe(true);
        expect(shown.get(metric)).toEqual(numbersOf(served));
      }
    }
    await tab.getByTestId('stats-audience-customer').click();

    // Several teams at once (the list box in name order: Sales, then Support DE): the figures are the
    // API's for both, the URL keeps both, and a reload shows them chosen.
    await tab.getByTestId('stats-filter-team').selectOption([DE, SALES]);
    const both = await stack.api<StatisticsOverview>(people.manager.token, 'GET', `/v1/statistics/overview?${query({ teamIds: [SALES, DE] })}`);
    expect([...both.filters.teamIds].sort()).toEqual([DE, SALES].sort());
    await expectCardsToMatch(tab, both);
    expect(new URL(tab.url()).searchParams.get('team')?.split(',').sort()).toEqual([DE, SALES].sort());
    await tab.reload();
    await tab.getByTestId('statistics-page').waitFor();
    const chosenTeams = () => tab.getByTestId('stats-filter-team').evaluate((select) => [...(select as HTMLSelectElement).selectedOptions].map((option) => option.value).sort());
    await expect.poll(chosenTeams).toEqual([DE, SALES].sort());
    await tab.getByTestId('stats-filter-team-clear').click();
    await expect.poll(chosenTeams).toEqual([]);

    // Business hours: the durations' medians and p90 switch to the team's open hours.
    await tab.getByTestId('stats-hours-business').click();
    const overview = await stack.api<StatisticsOverview>(people.manager.token, 'GET', `/v1/statistics/overview?${query()}`);
    const business = await expectCardsToMatch(tab, overview, true);
    expect(business.get('first_response_time')).toMatchObject({ n: 11, median: 900_000, p90: 16_200_000 });

    // Every figure with its zone: the bar, and under the panel.
    expect(await tab.getByTestId('stats-zone-label').textContent()).toContain('UTC');
    expect(await tab.getByTestId('stats-overview').getByTestId('stats-range-note').textContent()).toContain('UTC');
    await screenshot(tab, 'statistics-overview-october');
  });

  it('the chart, the heatmap and the trend show the API series with their n, and a chart reads as a table', async () => {
    const { page: tab } = await page();
    await loginToConsole(tab, stack.consoleUrl(), people.manager.email, PASSWORD, `statistics/overview?preset=custom&from=2026-10-01&to=2026-10-31&tz=UTC`);
    await waitForPanel(tab, 'stats-series', OCTOBER);
    const series = await stack.api<{ buckets: { start: string; figure: Figure }[] }>(people.manager.token, 'GET', `/v1/statistics/series?${query()}&metric=conversations_new&interval=day`);
    expect(series.buckets).toHaveLength(31);
    // The canvas is drawn (uPlot loaded on demand) and the same numbers are in its table.
    await tab.getByTestId('stats-series-chart').locator('canvas').first().waitFor();
    await tab.getByTestId('stats-chart-table-toggle').click();
    const rows = await tab.getByTestId('stats-series-chart').locator('.stats-table tbody tr').evaluateAll((elements) => elements.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')));
    expect(rows.map((cells) => Number(cells[0]))).toEqual(series.buckets.map((bucket) => bucket.figure.n));
    expect(rows.map((cells) => Number(cells.at(-1)))).toEqual(series.buckets.map((bucket) => bucket.figure.n));
    const description = await tab.getByTestId('stats-series').locator('figure').getAttribute('aria-describedby');
    expect(await tab.locator(`[id="${description}"]`).textContent()).toContain(`n = ${series.buckets.reduce((sum, bucket) => sum + bucket.figure.n, 0)}`);

    // A duration metric draws its median and p90.
    await tab.getByTestId('stats-series-metric').selectOption('first_response_time');
    await tab.waitForFunction(() => document.querySelectorAll('[data-testid="stats-series-chart"] thead th').length === 4);

    // The heatmap's 168 cells hold the API's load by weekday and hour.
    const heatmap = await stack.api<{ cells: { weekday: number; hour: number; newConversations: number }[] }>(people.manager.token, 'GET', `/v1/statistics/heatmap?${query()}`);
    await waitForPanel(tab, 'stats-heatmap', OCTOBER);
    const cells = await tab.getByTestId('stats-heatmap-chart').locator('rect').evaluateAll((elements) => elements.map((rect) => ({ day: Number(rect.getAttribute('data-day')), hour: Number(rect.getAttribute('data-hour')), value: Number(rect.getAttribute('data-value')) })));
    expect(cells).toHaveLength(168);
    for (const cell of heatmap.cells) expect(cells.find((shown) => shown.day === cell.weekday - 1 && shown.hour === cell.hour)?.value, `${cell.weekday} ${cell.hour}`).toBe(cell.newConversations);
    expect(await tab.getByTestId('stats-heatmap-chart').locator('svg').getAttribute('role')).toBe('img');

    // The trend: faster first responses than in September (nothing then) give no arrow; reopened
    // conversations are fewer-is-better, so a rise is marked worse.
    const trend = await tab.locator('[data-testid="stats-card"][data-metric="conversations_reopened"] [data-testid="stats-card-trend"]').getAttribute('data-verdict');
    const overview = await stack.api<StatisticsOverview>(people.manager.token, 'GET', `/v1/statistics/overview?${query()}`);
    const reopened = overview.figures.find((entry) => entry.metric === 'conversations_reopened')!;
    expect(trend).toBe(reopened.previous.n === 0 ? 'none' : reopened.current.n > reopened.previous.n ? 'worse' : reopened.current.n < reopened.previous.n ? 'better' : 'neutral');
    await screenshot(tab, 'statistics-chart-heatmap');
  });

  it('team and agent tables, SLA and CSAT equal the API; exports download; a CSAT comment opens its conversation', async () => {
    const watched = await page();
    const tab = watched.page;
    await loginToConsole(tab, stack.consoleUrl(), people.manager.email, PASSWORD, `statistics/people?preset=custom&from=2026-10-01&to=2026-10-31&tz=UTC`);
    const teams = await stack.api<StatisticsTeams>(people.manager.token, 'GET', `/v1/statistics/teams?${query()}`);
    const agents = await stack.api<StatisticsAgents>(people.manager.token, 'GET', `/v1/statistics/agents?${query()}`);
    await waitForPanel(tab, 'stats-teams', OCTOBER);
    await waitForPanel(tab, 'stats-agents', OCTOBER);

    const cellNumbers = (row: ReturnType<Page['locator']>, column: string) => row.locator(`[data-column="${column}"] > span`).evaluate((element) => ({ ...(element as HTMLElement).dataset }));
    for (const team of teams.teams) {
      const row = tab.locator(`[data-testid="stats-team-row"][data-id="${team.teamId}"]`);
      expect(await row.locator('th').textContent()).toBe(team.name);
      expect(Number((await cellNumbers(row, 'new')).n)).toBe(team.newConversations.n);
      expect(Number((await cellNumbers(row, 'closed')).n)).toBe(team.closedConversations.n);
      const first = await cellNumbers(row, 'firstResponse');
      expect({ n: Number(first.n), median: parse(first.median), p90: parse(first.p90) }).toEqual({ n: team.firstResponse.n, median: team.firstResponse.calendar.median, p90: team.firstResponse.calendar.p90 });
      const sla = await cellNumbers(row, 'slaFirst');
      expect({ n: Number(sla.n), hits: Number(sla.hits) }).toEqual({ n: team.slaFirstResponse.n, hits: team.slaFirstResponse.hits });
    }
    expect(await tab.getByTestId('stats-team-row').count()).toBe(teams.teams.length);
    for (const agent of agents.agents) {
      const row = tab.locator(`[data-testid="stats-agent-row"][data-id="${agent.agentId}"]`);
      expect(Number((await cellNumbers(row, 'online')).total), agent.name).toBe(agent.online.totalMs);
      expect(Number((await cellNumbers(row, 'replies')).n), agent.name).toBe(agent.replies.n);
    }
    const anna = agents.agents.find((agent) => agent.agentId === ANNA)!;
    expect(anna.online.totalMs).toBe(28_500_000);

    // Sorting: a column header orders the rows and says so.
    const sortedBy = async () => tab.getByTestId('stats-teams-table').locator('tbody th').allTextContents();
    await tab.getByTestId('stats-teams-table').locator('button[data-sort="closed"]').click();
    expect(await tab.getByTestId('stats-teams-table').locator('th[aria-sort="descending"]').count()).toBe(1);
    expect(await sortedBy()).toEqual([...teams.teams].sort((a, b) => b.closedConversations.n - a.closedConversations.n).map((team) => team.name));

    // Exports: the API's file, named by the server, with the team names in it.
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByTestId('stats-export-teams-csv').click()]);
    expect(download.suggestedFilename()).toBe('teams_2026-10-01_2026-10-31_UTC.csv');
    const csv = await new Response((await download.createReadStream()) as unknown as ReadableStream).text();
    expect(csv).toContain('Support DE');
    const [xlsx] = await Promise.all([tab.waitForEvent('download'), tab.getByTestId('stats-export-agents-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^agents_.*\.xlsx$/);

    // SLA: the totals and per-team rates, and the breaches of conversations the manager may open.
    const sla = await stack.api<StatisticsSla>(people.manager.token, 'GET', `/v1/statistics/sla?${query()}`);
    await tab.getByTestId('stats-tab-sla').click();
    await waitForPanel(tab, 'stats-sla', OCTOBER);
    const first = await tab.getByTestId('stats-sla-first').evaluate((element) => ({ ...(element as HTMLElement).dataset }));
    expect({ n: Number(first.n), hits: Number(first.hits), rate: parse(first.rate) }).toEqual({ n: sla.total.firstResponse.n, hits: sla.total.firstResponse.hits, rate: sla.total.firstResponse.rate });
    expect({ n: sla.total.firstResponse.n, hits: sla.total.firstResponse.hits }).toEqual({ n: 6, hits: 4 });
    expect(await tab.getByTestId('stats-sla-breach').count()).toBe(sla.breaches.length);

    // CSAT: the satisfied share, the distribution, and the comments with links into the inbox.
    const csat = await stack.api<StatisticsCsat>(people.manager.token, 'GET', `/v1/statistics/csat?${query()}`);
    await tab.getByTestId('stats-tab-csat').click();
    await waitForPanel(tab, 'stats-csat', OCTOBER);
    const satisfied = await tab.getByTestId('stats-csat-satisfied').evaluate((element) => ({ ...(element as HTMLElement).dataset }));
    expect({ n: Number(satisfied.n), hits: Number(satisfied.hits) }).toEqual({ n: csat.satisfied.n, hits: csat.satisfied.hits });
    const distribution = await tab.getByTestId('stats-csat-distribution').locator('tbody tr').evaluateAll((rows) => rows.map((row) => ({ rating: Number(row.getAttribute('data-rating')), n: Number(row.getAttribute('data-n')) })));
    expect(distribution.sort((a, b) => a.rating - b.rating)).toEqual(csat.distribution);
    expect(csat.comments.length).toBeGreaterThan(0);
    expect(await tab.getByTestId('stats-csat-comment').count()).toBe(csat.comments.length);
    const comment = csat.comments[0]!;
    await tab.locator(`[data-testid="stats-csat-comment"][data-conversation="${comment.conversationId}"] a`).click();
    await tab.waitForURL(`**/console/inbox/all/${comment.conversationId}`);
    await tab.locator(`[data-testid="conversation"][data-id="${comment.conversationId}"][data-status="closed"]`).waitFor();
  });

  it('the live panel shows the queues now, as the API does, and refreshes', async () => {
    const { page: tab } = await page();
    await loginToConsole(tab, stack.consoleUrl(), people.manager.email, PASSWORD, 'statistics/live');
    await tab.getByTestId('stats-live-table').waitFor();
    const live = await stack.api<StatisticsLive>(people.manager.token, 'GET', '/v1/statistics/live');
    const rows = await tab.getByTestId('stats-live-row').evaluateAll((elements) =>
      elements.map((row) => ({ id: row.getAttribute('data-id'), values: Object.fromEntries([...row.querySelectorAll('td')].map((cell) => [cell.getAttribute('data-column'), cell.querySelector('span')?.getAttribute('data-value')])) })),
    );
    expect(rows.map((row) => row.id).sort()).toEqual(live.teams.map((team) => team.teamId).sort());
    for (const team of live.teams) {
      const row = rows.find((candidate) => candidate.id === team.teamId)!;
      expect(Number(row.values.queue), team.name).toBe(team.queueLength);
    }
    expect(live.teams.map((team) => team.teamId)).toEqual(expect.arrayContaining([DE, SALES, stack.teamId]));
    const before = await tab.getByTestId('stats-live-updated').getAttribute('data-at');
    await tab.getByTestId('stats-live-refresh').click();
    await expect.poll(() => tab.getByTestId('stats-live-updated').getAttribute('data-at')).not.toBe(before);
  });

  it('a team lead sees only their own team in the filters and tables, and no export buttons', async () => {
    const { page: tab } = await page();
    await openStatistics(tab, people.lead.email);
    const teamOptions = await tab.getByTestId('stats-filter-team').locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(teamOptions).toEqual([DE]);
    const agentOptions = await tab.getByTestId('stats-filter-agent').locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(agentOptions).not.toContain(VERA);
    expect(agentOptions).toContain(ANNA);
    expect(await tab.getByTestId('stats-scope-hint').count()).toBe(1);

    await chooseRange(tab, OCTOBER);
    const overview = await stack.api<StatisticsOverview>(people.lead.token, 'GET', `/v1/statistics/overview?${query()}`);
    const shown = await expectCardsToMatch(tab, overview);
    // Their scope is their team: the same figures as DE's.
    expect(shown.get('conversations_new')).toEqual({ n: 6 });

    await tab.getByTestId('stats-tab-people').click();
    const teams = await stack.api<StatisticsTeams>(people.lead.token, 'GET', `/v1/statistics/teams?${query()}`);
    expect(teams.teams.map((team) => team.teamId)).toEqual([DE]);
    await waitForPanel(tab, 'stats-teams', OCTOBER);
    expect(await tab.getByTestId('stats-team-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')))).toEqual([DE]);
    expect(await tab.getByTestId('stats-export-teams-csv').count()).toBe(0);

    // Reports: the lead's list holds the report of their team, not the whole desk's nor Sales'.
    const ask = (teamIds?: string[]) => stack.api<{ id: string }>(people.manager.token, 'POST', '/v1/statistics/reports', { from: '2026-10-01', to: '2026-10-31', timeZone: 'UTC', ...(teamIds ? { teamIds } : {}) });
    const [ofDe, ofDesk, ofSales] = [await ask([DE]), await ask(), await ask([SALES])];
    await tab.getByTestId('stats-tab-overview').click();
    await tab.getByTestId('reports-refresh').click();
    await tab.locator(`[data-testid="report-row"][data-id="${ofDe.id}"]`).waitFor();
    expect(await tab.locator(`[data-testid="report-row"][data-id="${ofDe.id}"]`).getByTestId('report-coverage').innerText()).toBe('Команды: Support DE');
    const listed = await tab.getByTestId('report-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(listed).not.toContain(ofDesk.id);
    expect(listed).not.toContain(ofSales.id);
    // Without reports.export: no form to ask for one.
    expect(await tab.getByTestId('reports-form').count()).toBe(0);
  });

  it('an agent without statistics.view has no Statistics in the navigation, and the page says it is not theirs', async () => {
    const { page: tab } = await page();
    await loginToConsole(tab, stack.consoleUrl(), people.agent.email, PASSWORD);
    expect(await tab.getByTestId('nav-statistics').count()).toBe(0);
    await tab.goto(`${stack.consoleUrl()}statistics`);
    await tab.getByTestId('statistics-page').waitFor();
    expect(await tab.getByTestId('stats-tabs').count()).toBe(0);
  });

  it('an empty range says so, a half-hour zone is refused in the API’s words, and the screens pass the accessibility audit', async () => {
    const watched = await page();
    const tab = watched.page;
    await loginToConsole(tab, stack.consoleUrl(), people.manager.email, PASSWORD, 'statistics/overview?preset=custom&from=2026-06-01&to=2026-06-30&tz=UTC');
    await waitForPanel(tab, 'stats-overview', { from: '2026-06-01', to: '2026-06-30', timeZone: 'UTC' });
    await tab.getByTestId('stats-overview-empty').waitFor();
    await tab.getByTestId('stats-series-empty').waitFor();

    // A zone half an hour off UTC: the API refuses it (422) and the page says why.
    await tab.getByTestId('stats-zone').fill('Asia/Kolkata');
    await tab.getByTestId('stats-zone').press('Enter');
    const error = tab.getByTestId('stats-overview').getByTestId('stats-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    const refusal = await fetch(`${stack.chat[0]!.url}/v1/statistics/overview?${query({}, { from: '2026-06-01', to: '2026-06-30', timeZone: 'Asia/Kolkata' })}`, { headers: { authorization: `Bearer ${people.manager.token}` } });
    expect(refusal.status).toBe(422);
    const body = (await refusal.json()) as { error: { code: string; message: string } };
    expect(await error.textContent()).toContain(body.error.message);
    expect(await error.getAttribute('data-code')).toBe(body.error.code);

    // October again: every tab with its charts passes the audit (names, contrast).
    await tab.goto(`${stack.consoleUrl()}statistics/overview?preset=custom&from=2026-10-01&to=2026-10-31&tz=UTC`);
    await waitForPanel(tab, 'stats-overview', OCTOBER);
    await waitForPanel(tab, 'stats-series', OCTOBER);
    await tab.getByTestId('stats-series-chart').locator('canvas').first().waitFor();
    expect(await audit(tab)).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    for (const name of ['people', 'sla', 'csat', 'live']) {
      await tab.getByTestId(`stats-tab-${name}`).click();
      await tab.locator(`[data-testid="stats-${name === 'people' ? 'teams' : name}"][data-loading="false"]`).waitFor();
      expect(await audit(tab), name).toEqual({ unnamed: [], lowContrast: [], axe: [] });
    }

    // The keyboard reaches the presets, the filters, the zone and the chart's table, each with a focus ring.
    await tab.getByTestId('stats-tab-overview').click();
    await waitForPanel(tab, 'stats-series', OCTOBER);
    await tab.getByTestId('stats-tab-overview').focus();
    const visited: string[] = [];
    for (let i = 0; i < 80; i++) {
      await tab.keyboard.press('Tab');
      const focused = await tab.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        return { id: element.getAttribute('data-testid') ?? element.tagName.toLowerCase(), ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 };
      });
      if (!focused) continue;
      expect(focused.ring, `focus ring on ${focused.id}`).toBe(true);
      visited.push(focused.id);
    }
    for (const stop of ['stats-preset-today', 'stats-filter-team', 'stats-audience-internal', 'stats-hours-business', 'stats-zone', 'stats-series-metric', 'stats-chart-table-toggle']) expect(visited, stop).toContain(stop);
    await screenshot(tab, 'statistics-keyboard');
  });
});
