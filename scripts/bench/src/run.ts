// `make bench PROFILE=seed|max|stats|assign|mail|search`. seed and max: the message load (message-load.ts).
// Exit code: 0 when the run completed (targets met or not), 1 when a message was lost or
// duplicated, 2 when the bench itself failed. PROFILE=assign (the balancer's time-to-assign),
// PROFILE=stats (the statistics pipeline and queries) and PROFILE=mail (the e-mail channel: intake
// and sending; 1 when a received message was lost or not processed, or a reply was not sent) and
// PROFILE=search (message search over 10 million messages, and the index lag) have orchestrators
// of their own, src/assign/orchestrate.ts, src/statistics/orchestrate.ts, src/mail/orchestrate.ts
// and src/search/orchestrate.ts; PROFILE=integrations (inbound events and webhooks out, 1 when an
// event or a webhook was lost, duplicated or misapplied) src/integrations/orchestrate.ts.
import { join } from 'node:path';
import { repoRoot } from '@smartchat/platform';
import { runMessageLoad } from './message-load.js';
import { CleanupStack } from './orchestration.js';
import { resolveProfile } from './profiles.js';
import { runAssignBench } from './assign/orchestrate.js';
import { runMailBench } from './mail/orchestrate.js';
import { runIntegrationsBench } from './integrations/orchestrate.js';
import { runSearchBench } from './search/orchestrate.js';
import { runStatsBench } from './statistics/orchestrate.js';

async function main(): Promise<number> {
  const profile = resolveProfile(process.env);
  // Reports and chat logs; the bench's own test writes elsewhere so as not to replace a real run's.
  const resultsDir = process.env.BENCH_RESULTS_DIR || join(repoRoot, 'bench-results');
  const cleanups = new CleanupStack();
  try {
    const { report } = await runMessageLoad(profile, { resultsDir, cleanups });
    if (report.lost > 0 || report.duplicated > 0) {
      console.error(`[bench] correctness failure: ${report.lost} lost, ${report.duplicated} duplicated`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await cleanups.run();
  }
}

const entries: Record<string, () => Promise<number>> = { assign: runAssignBench, stats: runStatsBench, mail: runMailBench, search: runSearchBench, integrations: runIntegrationsBench };
const entry = entries[(process.env.PROFILE ?? '').trim()] ?? main;

entry().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
