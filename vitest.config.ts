import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'simulator/**/*.test.ts', 'scenarios/**/*.test.ts', 'reports/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: run files in parallel but keep HNSW-heavy suites from oversubscribing the machine.
    maxWorkers: 2,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
