import { defineConfig } from 'vitest/config';
import { readLocalEnv } from './services/platform/src/testing/local-env.js';

// Every test talks to the real local dependencies started by `make infra-up` (see
// scripts/infra); their addresses come from scripts/infra/smartchat.env.
export default defineConfig({
  test: {
    include: ['services/*/test/**/*.test.ts'],
    env: { ...readLocalEnv(), ...pick(process.env, 'SMARTCHAT_') },
    globalSetup: ['services/platform/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'var/test-results/vitest.json' }]],
  },
});

function pick(env: NodeJS.ProcessEnv, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith(prefix) && entry[1] !== undefined));
}
