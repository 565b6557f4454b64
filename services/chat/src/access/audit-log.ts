// The audit log: who did what, when, from which address. Append-only (a trigger in Postgres
// refuses changes); written for logins, failed logins, role, agent and team changes, refused
// attempts at them, and (with the features that do them) assignments, deletions, restorations and
// exports. Readable with audit.view through GET /v1/audit.
import type { AuditEntry, Identity } from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';

export interface AuditRecord {
  actor: string;
  action: string;
  target?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  target?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

/** 'agent:<id>' or 'customer:<id>'; 'anonymous' before authentication. */
export function auditActor(identity: Identity | undefined): string {
  if (!identity) return 'anonymous';
  return identity.type === 'agent' ? `agent:${identity.agentId}` : `customer:${identity.customerId}`;
}

export class AuditLog {
  constructor(private readonly pg: PgPool) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.pg.query('INSERT INTO audit_log (actor, action, target, outcome, ip, details) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.actor,
      entry.action,
      entry.target ?? null,
      entry.outcome ?? 'ok',
      entry.ip ?? null,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  /** Newest first. */
  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    const { rows } = await this.pg.query<{ id: string; at: Date; actor: string; action: string; target: string | null; outcome: AuditEntry['outcome']; ip: string | null; details: Record<string, unknown> }>(
      `SELECT id::text, at, actor, action, target, outcome, host(ip) AS ip, details FROM audit_log
        WHERE ($1::text IS NULL OR action = $1)
          AND ($2::text IS NULL OR actor = $2)
          AND ($3::text IS NULL OR target = $3)
          AND ($4::text IS NULL OR outcome = $4)
          AND ($5::timestamptz IS NULL OR at >= $5)
          AND ($6::timestamptz IS NULL OR at < $6)
          AND ($7::bigint IS NULL OR id < $7)
        ORDER BY audit_log.id DESC LIMIT $8`,
      [filter.action ?? null, filter.actor ?? null, filter.target ?? null, filter.outcome ?? null, filter.from ?? null, filter.to ?? null, filter.before ?? null, filter.limit],
    );
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }
}
