import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { buildDeps, type Deps, type DepsOverrides } from '../../src/deps.js';
import { createLogger } from '../../src/lib/logger.js';
import { startWorker } from '../../src/worker.js';
import { fakeImageModerator } from '../fakes/image-moderator.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  config: Config;
  /** The origin Better Auth trusts; send it as `Origin` on every POST. */
  origin: string;
  /** Every route the app registered, one entry per method, with what it declares (access, caching, a body schema). */
  routes: { method: string; url: string; config: RouteOptions['config']; takesBody: boolean; query: string[] }[];
  close(): Promise<void>;
}

export interface TestAppOptions extends Omit<DepsOverrides, 'database' | 'log'> {
  env?: Record<string, string>;
  /** Capture every log line here (at LOG_LEVEL, default silent). */
  logTo?: NodeJS.WritableStream;
  /** Start the job worker in-process (default true). */
  worker?: boolean;
}

/** The real app on a fresh cloned database, a temp data folder, the simulator and the worker. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'animegen-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    AUTH_TEST_FAST_HASH: '1',
    // Suites sign in many times from one address; test/http/auth-security.test.ts turns limits on.
    AUTH_RATE_LIMIT: '0',
    SIMULATOR_DELAY_MS: '50',
    ...options.env,
  });
  const database = await createTestDatabase();
  const { env: _env, worker = true, logTo, ...overrides } = options;
  const deps = await buildDeps(config, {
    database,
    log: createLogger(config.log.level, logTo as never),
    pollingIntervalSeconds: 0.5,
    generation: { poll: { initialMs: 50, maxMs: 200 }, ...overrides.generation },
    // Every image passes unless a suite brings its own fake (the real classifier has its own test).
    imageModerator: fakeImageModerator(),
    ...overrides,
  });
  if (worker) await startWorker(deps);
  const routes: TestApp['routes'] = [];
  const app = await buildApp(deps, {
    webRoot: join(dataDir, 'no-web'),
    onRoute: (r) =>
      routes.push(
        ...[r.method].flat().map((method) => ({
          method,
          url: r.url,
          config: r.config,
          takesBody: Boolean(r.schema?.body),
          query: Object.keys((r.schema?.querystring as { shape?: object } | undefined)?.shape ?? {}),
        })),
      ),
  });
  await app.ready();
  return {
    app,
    deps,
    config,
    origin: new URL(config.http.publicUrl).origin,
    routes,
    close: async () => {
      await app.close();
      await deps.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
