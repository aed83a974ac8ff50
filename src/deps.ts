import type { Config } from './config.js';
import { type Database, migrate, openDatabase } from './db/index.js';
import { type Clock, systemClock } from './lib/clock.js';
import { createLogger, type Logger } from './lib/logger.js';

/** Everything the use cases and routes need, built once from Config. */
export interface Deps {
  config: Config;
  database: Database;
  db: Database['db'];
  log: Logger;
  clock: Clock;
  close(): Promise<void>;
}

export interface DepsOverrides {
  database?: Database;
  log?: Logger;
  clock?: Clock;
}

/** Opens the database (migrating it) and builds the adapters chosen by config. */
export async function buildDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config.log.level);
  const database =
    overrides.database ??
    (await openDatabase(
      config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url } : { kind: 'pglite', dataDir: config.dataDir },
    ));
  await migrate(database);
  return {
    config,
    database,
    db: database.db,
    log,
    clock: overrides.clock ?? systemClock,
    close: async () => {
      await database.close();
    },
  };
}
