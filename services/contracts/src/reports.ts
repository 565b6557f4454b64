// Statistics reports: an XLSX workbook and a PDF summary of the whole desk for a range of local
// days, built by the stats process (services/stats/src/reports) — every month by itself, and for
// any range on request — and listed and downloaded through GET/POST /v1/statistics/reports. The
// record here is what the console shows: which range, in which zone, how far the build has come.
import { z } from 'zod';
import { timeZoneSchema, uuidSet, wholeNumber } from './input-values.js';
import { LOCAL_DATE_PATTERN } from './statistics.js';

export const reportKinds = ['monthly', 'custom'] as const;
export type ReportKind = (typeof reportKinds)[number];

/**
 * queued: waiting for the stats process; building: being built (`progress` 0..100); ready: built
 * and downloadable; failed: the last build failed (`error` says why; an earlier build, if any,
 * stays downloadable); frozen: a monthly report rebuilt on the 3rd to take late events in, and
 * never built again.
 */
export const reportStatuses = ['queued', 'building', 'ready', 'failed', 'frozen'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const reportFormats = ['xlsx', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];
export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** The longest custom report, in local days (a year and a bit). */
export const REPORT_MAX_RANGE_DAYS = 400;

const reportFileSchema = z.object({ bytes: z.number().int() }).nullable();

export const reportSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(reportKinds),
    /** Monthly reports: the month, `YYYY-MM`; null for custom ones. */
    period: z.string().nullable(),
    /** The range as local dates in `timeZone`, both included. */
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    /** The same range as instants: `start` included, `end` excluded. */
    start: z.string(),
    end: z.string(),
    status: z.enum(reportStatuses),
    /** 0..100 while building; 100 once built. */
    progress: z.number().int().min(0).max(100),
    /**
     * The teams it covers (their conversations, and the agents who are members of them), sorted;
     * null: the whole desk (every monthly report, and custom ones asked for without teams).
     */
    teamIds: z.array(z.uuid()).nullable(),
    /** The agent who asked for it; null for the monthly reports the scheduler builds. */
    createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    builtAt: z.string().nullable(),
    frozenAt: z.string().nullable(),
    /** How long the last build took, in ms. */
    buildMs: z.number().int().nullable(),
    /** The files of the last finished build (null until there is one): download them from …/xlsx and …/pdf. */
    files: z.object({ xlsx: reportFileSchema, pdf: reportFileSchema }),
    error: z.string().nullable(),
  })
  .meta({ id: 'StatisticsReport' });
export type Report = z.infer<typeof reportSchema>;

/** GET /v1/statistics/reports: newest first; `before` (a report's id) pages on. */
export const reportListQuery = z.object({
  kind: z.enum(reportKinds).optional(),
  before: z.uuid().optional(),
  limit: wholeNumber(1, 200).default(50),
});
export type ReportListQuery = z.infer<typeof reportListQuery>;
export const reportListSchema = z.object({ reports: z.array(reportSchema), more: z.boolean() });
export type ReportList = z.infer<typeof reportListSchema>;

/**
 * POST /v1/statistics/reports: a report for the local dates `from` to `to` (both included) in
 * `timeZone` (default: the caller's own), of the teams `teamIds` or, without them, of the whole
 * desk; a caller whose scope is `teams` gets a report of their teams, or of those they name (all
 * within their scope, else 403). Refused with 422 SC_ERR_UNPROCESSABLE
 * (`details` = [{path, rule, message}]) for `impossible_date`, `inverted_range`, `over_long_range`
 * (over REPORT_MAX_RANGE_DAYS days), `future_range` (`to` after today in the zone) and
 * `partial_hour_zone` (a zone whose UTC offset in the range is not a whole number of hours) and
 * `unknown_team` (a team in `teamIds` that does not exist).
 */
export const createReportInput = z.strictObject({
  from: z.string().regex(LOCAL_DATE_PATTERN, 'must be a date YYYY-MM-DD'),
  to: z.string().regex(LOCAL_DATE_PATTERN, 'must be a date YYYY-MM-DD'),
  timeZone: timeZoneSchema.optional(),
  teamIds: uuidSet(50).optional(),
});
export type CreateReportInput = z.infer<typeof createReportInput>;

export const reportRules = ['impossible_date', 'inverted_range', 'over_long_range', 'future_range', 'partial_hour_zone', 'unknown_team'] as const;
export type ReportRule = (typeof reportRules)[number];

// --- the reports queue (REPORTS_QUEUE): chat processes add custom builds, the stats process runs them

export interface ReportJobs {
  /** Build (or rebuild) this report; a frozen one is left as it is. */
  build: { reportId: string };
  /**
   * The monthly scheduler's job: `build` on the 1st makes last month's report, `final` on the 3rd
   * builds it again with late events and freezes it. `at` (epoch ms) stands for the time the job
   * was scheduled for when the job is added by hand (tests, an operator catching up).
   */
  monthly: { step: 'build' | 'final'; at?: number };
}
export type ReportJobName = keyof ReportJobs;
