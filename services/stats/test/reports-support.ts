// What the report tests share: a main database (the reports table) and a statistics database, both
// migrated, a blob directory, and a small month of events (November 2026, the desk in Moscow)
// ingested through the pipeline's own write path, with figures simple enough to know by hand.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { domainEventVersions, type AgentCreatedEvent, type DomainEvent, type TeamCreatedEvent } from '@smartchat/contracts';
import { createMetricsRegistry, migratePostgres, repoRoot, schemaDir, type PgPool } from '@smartchat/platform';
import type { TestResources } from '@smartchat/platform/testing';
import { parseEventRecord } from '../src/pipeline/envelope.js';
import { ingestEvent } from '../src/pipeline/ingest.js';
import { MonthPartitions } from '../src/pipeline/partitions.js';
import { reportsConfigSchema, type ReportsConfig } from '../src/reports/config.js';
import { ConversationScript } from './fixtures/event-script.js';

export interface ReportStores {
  pg: PgPool;
  statsPg: PgPool;
  blobDir: string;
  config: ReportsConfig;
  /** Stores events through the pipeline (raw copy, facts, rollups), in order. */
  ingest(events: readonly DomainEvent[]): Promise<void>;
}

export async function reportStores(resources: TestResources): Promise<ReportStores> {
  // One after the other: a database's name is numbered by the resources made before it.
  const main = await resources.postgres();
  const stats = await resources.postgres();
  await migratePostgres(main.pool, schemaDir.postgres, resources.logger);
  await migratePostgres(stats.pool, join(repoRoot, 'services/schema/stats'), resources.logger);
  const blobDir = join(repoRoot, 'var/test-blobs', resources.id);
  resources.defer('remove test blobs', () => rm(blobDir, { recursive: true, force: true }));
  const partitions = new MonthPartitions(stats.pool);
  return {
    pg: main.pool,
    statsPg: stats.pool,
    blobDir,
    config: reportsConfigSchema.parse({ SMARTCHAT_BLOB_DIR: blobDir, SMARTCHAT_QUEUE_PREFIX: resources.id, SMARTCHAT_REPORT_LOCALE: 'ru' }),
    async ingest(events) {
      for (const event of events) {
        const record = parseEventRecord(JSON.stringify(event));
        if (!record.ok) throw new Error(`test event ${event.eventId} is not an event: ${record.detail}`);
        await ingestEvent(stats.pool, record, { partitions });
      }
    },
  };
}

export const registry = () => createMetricsRegistry('stats-test');

export const SUPPORT = '5b0c1f52-0000-4000-8000-000000000001';
export const BILLING = '5b0c1f52-0000-4000-8000-000000000002';
export const ANNA = '5b0c1f52-0000-4000-8000-0000000000a1';
export const BORIS = '5b0c1f52-0000-4000-8000-0000000000b2';

const ADMIN = { type: 'agent' as const, id: ANNA };
function team(teamId: string, name: string): TeamCreatedEvent {
  return { eventId: `team:${teamId}`, type: 'team.created', version: domainEventVersions['team.created'], occurredAt: '2026-10-01T00:00:00.000Z', actor: ADMIN, teamId, data: { name } };
}
function agent(agentId: string, name: string, teamIds: string[]): AgentCreatedEvent {
  return {
    eventId: `agent:${agentId}`,
    type: 'agent.created',
    version: domainEventVersions['agent.created'],
    occurredAt: '2026-10-01T00:00:00.000Z',
    actor: ADMIN,
    agentId,
    data: { name, role: 'agent', capacity: 5, timeZone: 'Europe/Moscow', teamIds, disabled: false, assignmentPaused: false },
  };
}

let numbers = 0;
const conversation = () => new ConversationScript(randomUUID(), (numbers += 1));

/**
 * November 2026 in Moscow (UTC+3 all year): five customer conversations whose first responses
 * take 120, 300, 60, 600 and 60 seconds (median 120 s, p90 480 s); one starts at 01:30 on
 * 1 November in Moscow (still October in UTC), one at 00:30 on 1 December in Moscow (still
 * November in UTC, so not in the report); one breaches its first-response SLA; one rating of 5
 * with a comment; an internal conversation that no customer figure counts.
 */
export function knownMonth(): { events: DomainEvent[]; breached: string; commented: string; comment: string; outside: string } {
  const comment = 'Спасибо, всё решили быстро!';
  const c1 = conversation()
    .created('2026-11-02T07:00:00.000Z', { teamId: SUPPORT })
    .customer('2026-11-02T07:00:00.000Z')
    .assigned('2026-11-02T07:01:00.000Z', ANNA)
    .reply('2026-11-02T07:02:00.000Z', ANNA)
    .closed('2026-11-02T07:30:00.000Z', ANNA)
    .csatRequested('2026-11-02T07:30:00.000Z', 's1', ANNA)
    .csatSubmitted('2026-11-02T07:40:00.000Z', 's1', 5, { comment, closedBy: ANNA });
  const c2 = conversation()
    .created('2026-11-10T09:00:00.000Z', { teamId: SUPPORT })
    .customer('2026-11-10T09:00:00.000Z')
    .assigned('2026-11-10T09:00:30.000Z', BORIS)
    .reply('2026-11-10T09:05:00.000Z', BORIS)
    .closed('2026-11-10T09:20:00.000Z', BORIS);
  const c3 = conversation()
    .created('2026-11-15T12:00:00.000Z', { teamId: BILLING })
    .customer('2026-11-15T12:00:00.000Z')
    .assigned('2026-11-15T12:00:10.000Z', BORIS)
    .reply('2026-11-15T12:01:00.000Z', BORIS);
  const c4 = conversation().created('2026-11-20T08:00:00.000Z', { teamId: BILLING }).customer('2026-11-20T08:00:00.000Z');
  c4.slaStarted('2026-11-20T08:00:00.000Z', 'first_response', '2026-11-20T08:05:00.000Z')
    .slaBreached('2026-11-20T08:05:00.000Z', 'first_response', '2026-11-20T08:00:00.000Z', '2026-11-20T08:05:00.000Z')
    .assigned('2026-11-20T08:08:00.000Z', ANNA)
    .reply('2026-11-20T08:10:00.000Z', ANNA);
  const c5 = conversation()
    .created('2026-10-31T22:30:00.000Z', { teamId: SUPPORT })
    .customer('2026-10-31T22:30:00.000Z')
    .assigned('2026-10-31T22:30:20.000Z', ANNA)
    .reply('2026-10-31T22:31:00.000Z', ANNA);
  const c6 = conversation()
    .created('2026-11-30T21:30:00.000Z', { teamId: SUPPORT })
    .customer('2026-11-30T21:30:00.000Z')
    .assigned('2026-11-30T21:30:30.000Z', ANNA)
    .reply('2026-11-30T21:32:00.000Z', ANNA);
  const internal = conversation()
    .created('2026-11-05T10:00:00.000Z', { teamId: SUPPORT, internal: true, openedBy: { type: 'agent', id: ANNA } })
    .note('2026-11-05T10:01:00.000Z', BORIS);
  return {
    events: [team(SUPPORT, 'Поддержка'), team(BILLING, 'Billing'), agent(ANNA, 'Анна Петрова', [SUPPORT, BILLING]), agent(BORIS, 'Boris King', [SUPPORT, BILLING]), ...[c1, c2, c3, c4, c5, c6, internal].flatMap((script) => script.events)],
    breached: c4.id,
    commented: c1.id,
    comment,
    outside: c6.id,
  };
}

/** A customer conversation on 25 November answered in 90 s, for "late events" (ingested after the first build). */
export function lateConversation(): DomainEvent[] {
  return conversation()
    .created('2026-11-25T10:00:00.000Z', { teamId: SUPPORT })
    .customer('2026-11-25T10:00:00.000Z')
    .assigned('2026-11-25T10:00:30.000Z', BORIS)
    .reply('2026-11-25T10:01:30.000Z', BORIS).events;
}
