import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import { createLogger } from '../../src/lib/logger.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  config: Config;
  close(): Promise<void>;
}

/** The real app on a fresh cloned database, with test-sized configuration. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const database = await createTestDatabase();
  const deps = await buildDeps(config, { database, log: createLogger(config.log.level) });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    config,
    close: async () => {
      await app.close();
      await deps.close();
    },
  };
}
