// The reports table (main database, services/schema/postgres/0012_reports.sql): what chat processes
// list and create, and what the stats process moves through queued → building → ready → frozen.
// Every change is one conditional statement, so two processes never both move a report.
import type { Report, ReportKind, ReportListQuery, ReportStatus } from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';
import type { ReportRange } from './report-range.js';

interface ReportRow {
  id: string;
  kind: ReportKind;
  period: string | null;
  from_day: string;
  to_day: string;
  time_zone: string;
  range_start: Date;
  range_end: Date;
  status: ReportStatus;
  progress: number;
  team_ids: string[] | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  started_at: Date | null;
  built_at: Date | null;
  frozen_at: Date | null;
  builds: number;
  build_ms: number | null;
  xlsx_key: string | null;
  xlsx_bytes: string | null;
  pdf_key: string | null;
  pdf_bytes: string | null;
  error: string | null;
}

/** A report as the stats process works with it: the API's shape plus where its files are. */
export interface ReportRecord extends Report {
  range: ReportRange;
  builds: number;
  keys: { xlsx: string | null; pdf: string | null };
}

const COLUMNS = `r.id, r.kind, r.period, r.from_day::text AS from_day, r.to_day::text AS to_day, r.time_zone, r.range_start, r.range_end,
  r.status, r.progress, r.team_ids::text[] AS team_ids, r.created_by, a.name AS created_by_name, r.created_at, r.started_at, r.built_at, r.frozen_at, r.builds,
  r.build_ms, r.xlsx_key, r.xlsx_bytes::text, r.pdf_key, r.pdf_bytes::text, r.error`;
const FROM = 'reports r LEFT JOIN agents a ON a.id = r.created_by';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function recordOf(row: ReportRow): ReportRecord {
  const range = { from: row.from_day, to: row.to_day, timeZone: row.time_zone, start: row.range_start, end: row.range_end };
  return {
    id: row.id,
    kind: row.kind,
    period: row.period,
    from: row.from_day,
    to: row.to_day,
    timeZone: row.time_zone,
    start: row.range_start.toISOString(),
    end: row.range_end.toISOString(),
    status: row.status,
    progress: row.progress,
    teamIds: row.team_ids,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    builtAt: iso(row.built_at),
    frozenAt: iso(row.frozen_at),
    buildMs: row.build_ms,
    files: {
      xlsx: row.xlsx_key && row.xlsx_bytes !== null ? { bytes: Number(row.xlsx_bytes) } : null,
      pdf: row.pdf_key && row.pdf_bytes !== null ? { bytes: Number(row.pdf_bytes) } : null,
    },
    error: row.error,
    range,
    builds: row.builds,
    keys: { xlsx: row.xlsx_key, pdf: row.pdf_key },
  };
}

/** The API's view of a record (no storage keys). */
export function publicReport(record: ReportRecord): Report {
  const { range: _range, builds: _builds, keys: _keys, ...report } = record;
  return report;
}

export interface BuiltFiles {
  xlsx: { key: string; bytes: number };
  pdf: { key: string; bytes: number };
  buildMs: number;
}

export class ReportRecords {
  constructor(private readonly pg: PgPool) {}

  async get(id: string): Promise<ReportRecord | undefined> {
    const { rows } = await this.pg.query<ReportRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1`, [id]);
    return rows[0] ? recordOf(rows[0]) : undefined;
  }

  /**
   * Newest first; `before` pages on after that report. `withinTeams`: only reports of some teams,
   * all of them among these (what a manager of these teams may read); null: every report.
   */
  async list(query: ReportListQuery, withinTeams: readonly string[] | null = null): Promise<{ reports: ReportRecord[]; more: boolean }> {
    const { rows } = await this.pg.query<ReportRow>(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE ($1::text IS NULL OR r.kind = $1)
          AND ($2::uuid IS NULL OR (r.created_at, r.id) < (SELECT created_at, id FROM reports WHERE id = $2))
          AND ($4::uuid[] IS NULL OR r.team_ids <@ $4::uuid[])
        ORDER BY r.created_at DESC, r.id DESC LIMIT $3`,
      [query.kind ?? null, query.before ?? null, query.limit + 1, withinTeams],
    );
    return { reports: rows.slice(0, query.limit).map(recordOf), more: rows.length > query.limit };
  }

  /**
   * A custom report of `range` asked for by `agentId`, of the teams `teamIds` (null: the whole
   * desk), queued. The same agent asking for the same range and teams again while it is still
   * queued or building gets that one (a double click, a retry).
   */
  async createCustom(range: ReportRange, agentId: string, teamIds: readonly string[] | null = null): Promise<{ report: ReportRecord; created: boolean }> {
    const teams = teamIds && teamIds.length > 0 ? [...new Set(teamIds)].sort() : null;
    const { rows: pending } = await this.pg.query<ReportRow>(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE r.kind = 'custom' AND r.created_by = $1 AND r.from_day = $2 AND r.to_day = $3 AND r.time_zone = $4 AND r.status IN ('queued', 'building')
          AND r.team_ids IS NOT DISTINCT FROM $5::uuid[]
        ORDER BY r.created_at DESC LIMIT 1`,
      [agentId, range.from, range.to, range.timeZone, teams],
    );
    if (pending[0]) return { report: recordOf(pending[0]), created: false };
    const { rows } = await this.pg.query<{ id: string }>(
      `INSERT INTO reports (kind, from_day, to_day, time_zone, range_start, range_end, created_by, team_ids) VALUES ('custom', $1, $2, $3, $4, $5, $6, $7::uuid[]) RETURNING id`,
      [range.from, range.to, range.timeZone, range.start, range.end, agentId, teams],
    );
    return { report: (await this.get(rows[0]!.id))!, created: true };
  }

  /** The monthly report of `period`, made if there is none yet (running the schedule twice makes one). */
  async ensureMonthly(period: string, range: ReportRange): Promise<ReportRecord> {
    await this.pg.query(
      `INSERT INTO reports (kind, period, from_day, to_day, time_zone, range_start, range_end) VALUES ('monthly', $1, $2, $3, $4, $5, $6)
       ON CONFLICT (period) WHERE kind = 'monthly' DO NOTHING`,
      [period, range.from, range.to, range.timeZone, range.start, range.end],
    );
    const { rows } = await this.pg.query<ReportRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.kind = 'monthly' AND r.period = $1`, [period]);
    return recordOf(rows[0]!);
  }

  /** Marks the report as building from scratch; undefined for a frozen (or unknown) report. */
  async startBuild(id: string): Promise<ReportRecord | undefined> {
    const { rowCount } = await this.pg.query(
      `UPDATE reports SET status = 'building', progress = 0, started_at = now(), error = NULL WHERE id = $1 AND status <> 'frozen'`,
      [id],
    );
    return rowCount ? this.get(id) : undefined;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.pg.query(`UPDATE reports SET progress = $2 WHERE id = $1 AND status = 'building' AND progress < $2`, [id, Math.max(0, Math.min(100, Math.round(progress)))]);
  }

  /**
   * The new files replace the old ones in one statement (a download reads either the old build or
   * the new one, whole); answers the keys the new files replaced, for deletion.
   */
  async finishBuild(id: string, files: BuiltFiles): Promise<{ replaced: string[] }> {
    const { rows } = await this.pg.query<{ xlsx_key: string | null; pdf_key: string | null }>(
      `UPDATE reports r SET status = 'ready', progress = 100, built_at = now(), builds = r.builds + 1, build_ms = $2,
              xlsx_key = $3, xlsx_bytes = $4, pdf_key = $5, pdf_bytes = $6, error = NULL
         FROM reports old WHERE r.id = $1 AND old.id = r.id AND r.status <> 'frozen'
       RETURNING old.xlsx_key, old.pdf_key`,
      [id, Math.round(files.buildMs), files.xlsx.key, files.xlsx.bytes, files.pdf.key, files.pdf.bytes],
    );
    if (!rows[0]) throw new Error(`report ${id} was frozen or deleted while it was built`);
    return { replaced: [rows[0].xlsx_key, rows[0].pdf_key].filter((key): key is string => key !== null && key !== files.xlsx.key && key !== files.pdf.key) };
  }

  async fail(id: string, message: string): Promise<void> {
    await this.pg.query(`UPDATE reports SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'frozen'`, [id, message.slice(0, 500)]);
  }

  /** Freezes a built report for good; answers whether it is frozen now. */
  async freeze(id: string): Promise<boolean> {
    const { rows } = await this.pg.query<{ status: ReportStatus }>(
      `UPDATE reports SET status = 'frozen', frozen_at = coalesce(frozen_at, now()) WHERE id = $1 AND status IN ('ready', 'frozen') RETURNING status`,
      [id],
    );
    return rows.length > 0;
  }
}
