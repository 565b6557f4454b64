import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.shared.js';

// The API check of `make test` (scripts/api-check.sh): schemathesis against a real chat process's
// /v1/openapi.json, and the kit's REST types against what that document generates. Its own phase,
// one file, because schemathesis sends a few thousand requests and should not race the main suite.
export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['services/chat/api-check/**/*.test.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'var/test-results/vitest-api-check.json' }]],
  },
});
