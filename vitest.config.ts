import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['services/*/test/**/*.test.ts', 'operator/test/**/*.test.ts', 'dashboards/test/**/*.test.ts', 'frontend/*/test/**/*.test.ts', 'scripts/bench/test/**/*.test.ts'],
    // Browser tests have their own phase (vitest.e2e.config.ts).
    exclude: ['frontend/e2e/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'var/test-results/vitest.json' }]],
  },
});
