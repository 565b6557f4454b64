// What a report shows, gathered once per build from the statistics store: every figure of the desk
// for the range (and the range before it, for the trend), the team and agent tables, the SLA
// breaches, the CSAT comments, and day-by-day series for the PDF's charts. Figures have the API's
// shapes (contracts/statistics.ts), so the workbook shows exactly what the console shows.
import type { AgentStatisticsRow, Figure, TeamStatisticsRow } from '@smartchat/contracts';
import type { ReportRange } from './report-range.js';

export interface Localized {
  en: string;
  ru: string;
}

export interface ReportFigure {
  metric: string;
  name: Localized;
  current: Figure;
  /** The same figure over as many days just before the range. */
  previous: Figure | null;
}

export interface ReportBreach {
  conversationId: string;
  kind: 'first_response' | 'next_response';
  at: Date;
  team: string | null;
  agent: string | null;
}

export interface ReportComment {
  conversationId: string;
  rating: number;
  comment: string;
  at: Date;
  team: string | null;
  agent: string | null;
}

export interface ReportDay {
  /** Local day `YYYY-MM-DD`. */
  day: string;
  newConversations: number;
  closedConversations: number;
  /** First response times of the replies given that day: how many, and their median (ms). */
  firstResponse: { n: number; median: number | null };
}

export interface ReportData {
  range: ReportRange;
  /** The teams the report covers, by name; null: the whole desk. */
  teamNames: string[] | null;
  previousRange: ReportRange;
  figures: ReportFigure[];
  teams: TeamStatisticsRow[];
  agents: AgentStatisticsRow[];
  breaches: ReportBreach[];
  comments: ReportComment[];
  /** Every day of the range, in order (days without events included, as zeros). */
  days: ReportDay[];
}

/**
 * Where the figures come from: one call per build. `progress` is told how far (0..1) loading has
 * come. The one place to switch when the query layer changes.
 */
export interface ReportSource {
  /** `teamIds`: the teams the report covers (their conversations and their members); null: the whole desk. */
  load(range: ReportRange, progress: (fraction: number) => Promise<void>, teamIds?: readonly string[] | null): Promise<ReportData>;
}
