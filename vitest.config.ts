import { defineConfig } from 'vitest/config';

// Deliberately failing fixtures that test/harness/exit-status.integration.test.ts runs on their own.
const FIXTURES = 'test/harness/fixtures/**';

export default defineConfig({
  test: {
    reporters: ['default', './test/harness/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'workflows/src/**/*.test.ts',
            'infra/src/**/*.test.ts',
            'test/sims/*/src/**/*.test.ts',
            'test/layering/*.test.ts',
            'test/chaos/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**', FIXTURES],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts', 'test/e2e/**/*.test.ts'],
          exclude: ['**/node_modules/**', FIXTURES],
          globalSetup: ['./test/harness/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
