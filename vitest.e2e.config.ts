import { defineConfig } from 'vitest/config';

/**
 * Browser journeys (test/e2e): the real server as a child process, the built
 * web app, and Debian's chromium driven by playwright-core. Slow by nature, so
 * long timeouts and no retries. Two files at a time: each has its own server,
 * data folder, port and browser, and a journey mostly waits (on the server, a
 * generation, the page), so two finish in ~17 min where one at a time took
 * ~29 (147 tests on two cores).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    retry: 0,
  },
});
