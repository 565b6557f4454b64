import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.shared.js';

// The browser phase of `make test`: Chromium against real chat and balancer processes. One file at
// a time and apart from the main suite, so that a browser rendering 10,000 rows never competes for
// the two cores with the timing-sensitive messaging and failover tests.
export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['frontend/e2e/test/**/*.test.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    reporters: ['default', ['json', { outputFile: 'var/test-results/vitest-e2e.json' }]],
  },
});
