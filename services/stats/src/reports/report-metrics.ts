// Prometheus metrics of report builds (in the stats process's registry).
import { Counter, Histogram, type Registry } from '@smartchat/platform';

export interface ReportMetrics {
  builds: Counter<'kind' | 'outcome'>;
  buildSeconds: Histogram<'kind'>;
}

export function createReportMetrics(registry: Registry): ReportMetrics {
  return {
    builds: new Counter({
      name: 'smartchat_stats_report_builds_total',
      help: 'Report builds finished, by kind (monthly, custom) and outcome (built, failed)',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    buildSeconds: new Histogram({
      name: 'smartchat_stats_report_build_seconds',
      help: 'How long a report build took (figures, workbook, PDF, files), by kind',
      labelNames: ['kind'] as const,
      buckets: [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300],
      registers: [registry],
    }),
  };
}
