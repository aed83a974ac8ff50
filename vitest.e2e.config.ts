import { defineConfig } from 'vitest/config';

/**
 * Browser journeys (test/e2e): the real server as a child process, the built
 * web app, and Debian's chromium driven by playwright-core. Slow by nature, so
 * long timeouts, one file at a time, and no retries.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    retry: 0,
  },
});
