import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/index.js';
import { pgliteTemplatePath, postgresTemplateName, withDatabase } from './template.js';

/** Which database this test project runs on: set per Vitest project. */
export const testDbKind = (): 'pglite' | 'postgres' => (process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite');

/**
 * A fresh, migrated database for one test file, cloned from the template;
 * `close()` drops it again on PostgreSQL.
 */
export async function createTestDatabase(): Promise<Database> {
  if (testDbKind() === 'pglite') {
    const blob = new Blob([readFileSync(pgliteTemplatePath())]);
    return openDatabase({ kind: 'pglite', loadDataDir: blob });
  }
  const { url, drop } = await createPostgresTestDatabase();
  const database = await openDatabase({ kind: 'postgres', url });
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A fresh PostgreSQL database cloned from the template: its URL and how to drop it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for PostgreSQL tests');
  const name = `animegen_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}" template "${postgresTemplateName()}"`);
  await admin.end();
  return {
    url: withDatabase(url, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
