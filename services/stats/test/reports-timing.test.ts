// How long a monthly report takes to build for a busy month: a desk of 300 agents in 20 teams and
// (by default) 6,000 customer conversations in November, written into the statistics store in
// bulk (facts derived by the metrics module, rollups kept by the pipeline's fact store, raw events
// kept). The target is under 60 s for a 300-agent desk's month at full scale; the benchmark
// (make bench PROFILE=stats) measures that scale, this keeps the build honest at a smaller one.
// SMARTCHAT_REPORT_BENCH_CONVERSATIONS sets the number of conversations.
import { domainEventVersions, type AgentCreatedEvent, type DomainEvent, type TeamCreatedEvent } from '@smartchat/contracts';
import { createLogger, inTransaction } from '@smartchat/platform';
import { isolatedResources } from '@smartchat/platform/testing';
import { expect, it } from 'vitest';
import { alwaysOpen, deriveConversationFacts } from '../src/metrics/index.js';
import { FactChanges } from '../src/pipeline/facts-store.js';
import { MonthPartitions } from '../src/pipeline/partitions.js';
import { QueryReportSource } from '../src/reports/query-source.js';
import { ReportBuilder } from '../src/reports/report-builder.js';
import { ReportFiles } from '../src/reports/report-files.js';
import { createReportMetrics } from '../src/reports/report-metrics.js';
import { monthRange } from '../src/reports/report-range.js';
import { ReportRecords } from '../src/reports/report-records.js';
import { ConversationScript } from './fixtures/event-script.js';
import { registry, reportStores } from './reports-support.js';

const CONVERSATIONS = Number(process.env.SMARTCHAT_REPORT_BENCH_CONVERSATIONS ?? 6000);
const TEAMS = 20;
const AGENTS = 300;
const uuid = (kind: number, index: number) => `7e57${String(kind).padStart(4, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

/** A small deterministic generator (the same month every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

it(`builds the monthly report of a 300-agent desk with ${CONVERSATIONS} conversations in well under a minute`, async ({ annotate }) => {
  const stores = await reportStores(isolatedResources());
  const next = random(23);
  const iso = (ms: number) => new Date(ms).toISOString();
  const admin = { type: 'agent' as const, id: uuid(2, 0) };
  const directory: DomainEvent[] = [];
  for (let team = 0; team < TEAMS; team += 1) {
    directory.push({ eventId: `team:${team}`, type: 'team.created', version: domainEventVersions['team.created'], occurredAt: '2026-10-01T00:00:00.000Z', actor: admin, teamId: uuid(1, team), data: { name: `Команда ${team + 1}` } } satisfies TeamCreatedEvent);
  }
  for (let agent = 0; agent < AGENTS; agent += 1) {
    directory.push({
      eventId: `agent:${agent}`,
      type: 'agent.created',
      version: domainEventVersions['agent.created'],
      occurredAt: '2026-10-01T00:00:00.000Z',
      actor: admin,
      agentId: uuid(2, agent),
      data: { name: `Агент ${agent + 1}`, role: 'agent', capacity: 5, timeZone: 'Europe/Moscow', teamIds: [uuid(1, agent % TEAMS)], disabled: false, assignmentPaused: false },
    } satisfies AgentCreatedEvent);
  }
  await stores.ingest(directory);

  // The month's conversations: assigned, answered, answered again, closed; some breach their
  // first-response SLA, some are rated, some with a comment.
  const monthStart = Date.parse('2026-10-31T21:00:00Z');
  const monthMs = 30 * 86_400_000;
  const partitions = new MonthPartitions(stores.statsPg);
  await partitions.ensure(new Date('2026-11-15T00:00:00Z'));
  await partitions.ensure(new Date('2026-10-31T23:00:00Z'));
  await partitions.ensure(new Date('2026-12-01T00:00:00Z'));
  let facts = 0;
  const generated = performance.now();
  for (let batch = 0; batch < CONVERSATIONS; batch += 2000) {
    const events: DomainEvent[] = [];
    const changes = new FactChanges();
    for (let index = batch; index < Math.min(CONVERSATIONS, batch + 2000); index += 1) {
      const agent = Math.floor(next() * AGENTS);
      const teamId = uuid(1, agent % TEAMS);
      const agentId = uuid(2, agent);
      const start = monthStart + Math.floor(next() * (monthMs - 86_400_000));
      const script = new ConversationScript(uuid(3, index), index + 1).created(iso(start), { teamId }).customer(iso(start));
      const assigned = start + 5_000 + Math.floor(next() * 300_000);
      const replied = assigned + 10_000 + Math.floor(next() * 600_000);
      if (next() < 0.1) script.slaStarted(iso(start), 'first_response', iso(start + 300_000)).slaBreached(iso(start + 300_000), 'first_response', iso(start), iso(start + 300_000));
      script.assigned(iso(assigned), agentId).reply(iso(replied), agentId);
      const again = replied + 60_000 + Math.floor(next() * 600_000);
      script.customer(iso(again)).reply(iso(again + 30_000 + Math.floor(next() * 900_000)), agentId);
      const closed = again + 2_000_000;
      script.closed(iso(closed), agentId);
      if (next() < 0.3) {
        script.csatRequested(iso(closed), `s${index}`, agentId);
        const rating = 1 + Math.floor(next() * 5);
        script.csatSubmitted(iso(closed + 600_000), `s${index}`, rating, { closedBy: agentId, comment: next() < 0.3 ? `Комментарий ${index}` : null });
      }
      events.push(...script.events);
      const derived = deriveConversationFacts(script.events, alwaysOpen);
      changes.replace([], derived);
      facts += derived.length;
    }
    await inTransaction(stores.statsPg, async (client) => {
      await client.query(
        `INSERT INTO raw_events (event_id, occurred_at, type, version, subject_id, payload)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::int[], $5::text[], $6::jsonb[])`,
        [events.map((event) => event.eventId), events.map((event) => event.occurredAt), events.map((event) => event.type), events.map((event) => event.version), events.map((event) => (event as { conversationId: string }).conversationId), events.map((event) => JSON.stringify(event))],
      );
      await changes.flush(client);
    });
  }
  await stores.statsPg.query('ANALYZE');
  await annotate(`generated ${CONVERSATIONS} conversations, ${facts} facts in ${Math.round(performance.now() - generated)} ms`);

  const records = new ReportRecords(stores.pg);
  const builder = new ReportBuilder({
    pg: stores.pg,
    records,
    files: new ReportFiles(stores.blobDir),
    source: new QueryReportSource(stores.statsPg),
    locale: 'ru',
    fonts: { regular: stores.config.SMARTCHAT_REPORT_FONT, bold: stores.config.SMARTCHAT_REPORT_FONT_BOLD },
    metrics: createReportMetrics(registry()),
    logger: createLogger({ service: 'test', level: 'silent' }),
  });
  const record = await records.ensureMonthly('2026-11', monthRange('2026-11', 'Europe/Moscow'));
  // The figures alone (the queries), then the whole build (queries, workbook, PDF, files).
  const loading = performance.now();
  await new QueryReportSource(stores.statsPg).load(record.range, async () => undefined);
  const figuresMs = performance.now() - loading;
  const started = performance.now();
  expect(await builder.build(record.id)).toBe('built');
  const elapsed = performance.now() - started;
  const built = (await records.get(record.id))!;
  await annotate(`monthly report of ${CONVERSATIONS} conversations (${facts} facts, ${AGENTS} agents) built in ${Math.round(elapsed)} ms (figures alone ${Math.round(figuresMs)} ms): xlsx ${built.files.xlsx!.bytes} bytes, pdf ${built.files.pdf!.bytes} bytes`);
  expect(built.status).toBe('ready');
  expect(elapsed).toBeLessThan(60_000);
}, 600_000);
