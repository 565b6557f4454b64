import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['services/*/test/**/*.test.ts', 'operator/test/**/*.test.ts', 'frontend/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'var/test-results/vitest.json' }]],
  },
});
