import { existsSync, renameSync, writeFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrate, openDatabase } from '../../src/db/index.js';
import { prepareQueueSchema } from './queue-schema.js';
import { pgliteTemplatePath, postgresTemplateName, withDatabase } from './template.js';

/**
 * Builds each migrated template database once per run (and per schema change),
 * so every test file can clone a fresh database in well under a second.
 */
export default async function setup(): Promise<void> {
  const target = pgliteTemplatePath();
  if (!existsSync(target)) {
    const database = await openDatabase({ kind: 'pglite' });
    await migrate(database);
    await prepareQueueSchema(database);
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir('gzip');
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, target);
    await database.close();
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = postgresTemplateName();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const building = `${name}_build_${process.pid}`;
      await admin.query(`create database "${building}"`);
      const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, building) });
      await migrate(database);
      await prepareQueueSchema(database);
      await database.close();
      try {
        await admin.query(`alter database "${building}" rename to "${name}"`);
      } catch {
        // Another run built it first.
        await admin.query(`drop database if exists "${building}"`);
      }
    }
    await admin.end();
  }
}
