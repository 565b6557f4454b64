// The settings of the reports part of the stats process, validated once at start (the stats
// process's config extends its own schema with these).
import { timeZoneSchema } from '@smartchat/contracts';
import { z } from 'zod';
import { reportLocales } from './labels.js';

export const reportsConfigShape = {
  /**
   * The desk's time zone: the monthly report covers a calendar month here (1st 00:00 to the end of
   * the last day), and its schedule runs at 00:30 on the 1st and the 3rd of the month here. Must be
   * a whole number of hours from UTC (the statistics are kept per hour).
   */
  SMARTCHAT_DESK_TIME_ZONE: timeZoneSchema.default('Europe/Moscow'),
  /** The language of the report files. */
  SMARTCHAT_REPORT_LOCALE: z.enum(reportLocales).default('ru'),
  /** TrueType fonts for the PDF (regular and bold), with Cyrillic: Debian's fonts-dejavu-core. */
  SMARTCHAT_REPORT_FONT: z.string().min(1).default('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  SMARTCHAT_REPORT_FONT_BOLD: z.string().min(1).default('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'),
  /** Root of the blob store shared with chat pods (a volume); report files go under reports/. */
  SMARTCHAT_BLOB_DIR: z.string().min(1).default('/var/lib/smartchat/blobs'),
  /** BullMQ key prefix; chat pods and the stats process of one installation use the same. */
  SMARTCHAT_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('smartchat'),
} as const;

export const reportsConfigSchema = z.object(reportsConfigShape);
export type ReportsConfig = z.infer<typeof reportsConfigSchema>;
