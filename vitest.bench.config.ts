import { defineConfig } from 'vitest/config';

/** `pnpm bench`: measurements against the real platform, one file at a time. */
export default defineConfig({
  test: {
    name: 'bench',
    include: ['test/bench/**/*.run.ts'],
    globalSetup: ['./test/harness/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
