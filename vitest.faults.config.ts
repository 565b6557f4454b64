import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.shared.js';

// The fault phase of `make test`: tests that kill and restart shared dependencies. They run after
// the main suite, one file at a time, so that nothing else is disturbed.
export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['services/*/fault-test/**/*.test.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', ['json', { outputFile: 'var/test-results/vitest-faults.json' }]],
  },
});
