// `stats rebuild --from DATE`: derives again every fact and rollup of the subjects with events since
// DATE (a UTC date, 2026-11-01, or an ISO 8601 time with its offset), from raw_events alone. Safe
// while stats processes run. Exit status 0 done, 1 failed, 2 wrong usage.
import { ConfigError, createLogger, createPgPool, loadConfig } from '@smartchat/platform';
import { rebuildConfigSchema } from '../config.js';
import { RebuildBusyError, rebuildStatistics } from '../pipeline/rebuild.js';
import { parseFromArgument } from './rebuild-args.js';

const USAGE = 'usage: stats rebuild --from DATE   (DATE: 2026-11-01 for UTC midnight, or an ISO 8601 time with offset)';

async function main(): Promise<number> {
  const from = parseFromArgument(process.argv.slice(2));
  if (!from) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(rebuildConfigSchema);
  const logger = createLogger({ service: 'stats-rebuild', level: config.SMARTCHAT_LOG_LEVEL });
  const pool = createPgPool({ url: config.SMARTCHAT_STATS_PG_URL, logger, max: 4, applicationName: 'smartchat-stats-rebuild' });
  try {
    const summary = await rebuildStatistics(pool, { from, logger });
    if (summary.failed.length > 0) {
      console.error(`rebuild finished, but ${summary.failed.length} subject(s) could not be derived (see the log): ${summary.failed.slice(0, 20).join(', ')}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(error instanceof RebuildBusyError ? error.message : error);
    return 1;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
