import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { projectPath } from '../lib/paths.js';
import type { Database } from './client.js';

const migrationsFolder = projectPath('src/db/migrations');

/** Applies every pending migration in src/db/migrations; safe to run on each start. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: both migrators accept any drizzle pg database
    await migratePglite(database.db as any, { migrationsFolder });
  } else {
    // biome-ignore lint/suspicious/noExplicitAny: see above
    await migrateNodePg(database.db as any, { migrationsFolder });
  }
}
