import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const integration = ['src/**/*.db.test.ts', 'test/http/**/*.test.ts'];
const databases = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
/** Process tests that bring their own embedded database: run once, in the default (PGlite) run. */
const embeddedProcesses = ['test/processes/**/*-embedded.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default (one worker fewer than cores) leaves a 2-core machine one worker, though much of
    // each file waits on PostgreSQL, the worker queue or a child process: two files at a time finish sooner.
    // Every file clones its own database and makes its own users, so files may run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts'],
        },
      },
      ...databases.map((db) => ({
        extends: true as const,
        test: {
          name: db,
          // Separate processes need a server database: those tests run on PostgreSQL only (the embedded app's on PGlite).
          include: db === 'postgres' ? [...integration, 'test/processes/**/*.test.ts'] : [...integration, ...embeddedProcesses],
          exclude: [...configDefaults.exclude, ...(db === 'postgres' ? embeddedProcesses : [])],
          env: { TEST_DB_KIND: db },
        },
      })),
    ],
  },
});
