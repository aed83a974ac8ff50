import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kill, pid } from 'node:process';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { queryRows } from './rows.js';
import type { Db } from './types.js';

/** What pg-boss needs to run SQL: the shape of its `db` option. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs pg-boss's own SQL on the same database (PGlite or a pool). */
  executor: SqlExecutor;
  /**
   * LISTEN on a channel; NOTIFYs sent inside a transaction arrive only once it
   * commits. Returns a function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob } | { kind: 'postgres'; url: string };

/**
 * Opens PGlite in `<dataDir>/db` (or in memory) or a PostgreSQL pool. Only one
 * process may own a PGlite folder; `npm start` is that process.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 20 });
    // An idle client error (server restart) must not crash the process.
    pool.on('error', () => {});
    const db = drizzleNodePg(pool) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      executor: { executeSql: async (text, values) => pool.query(text, values as unknown[]) },
      listen: (channel, onPayload) => listenPostgres(target.url, channel, onPayload),
      close: () => pool.end(),
    };
  }
  let dir: string | undefined;
  if (target.dataDir) {
    // PGlite does not create parent folders.
    mkdirSync(target.dataDir, { recursive: true });
    dir = join(target.dataDir, 'db');
  }
  const releaseLock = dir ? claimFolder(`${dir}.lock`) : () => {};
  const client = await PGlite.create({ dataDir: dir, loadDataDir: target.loadDataDir });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    executor: {
      executeSql: async (text, values) => {
        // pg-boss sends multi-statement scripts without parameters; those need exec().
        if (!values || values.length === 0) {
          const results = await client.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
        }
        const result = await client.query(text, values);
        return { rows: result.rows as Record<string, unknown>[] };
      },
    },
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return async () => unlisten();
    },
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * PGlite has no lock of its own and two processes on one folder corrupt it:
 * a pid file makes the second one stop with a clear message instead.
 */
function claimFolder(lockPath: string): () => void {
  try {
    const owner = Number(readFileSync(lockPath, 'utf8'));
    if (owner && owner !== pid && isAlive(owner)) {
      throw new Error(`The embedded database is already in use by process ${owner}. Stop it first, or use a different DATA_DIR.`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  writeFileSync(lockPath, String(pid));
  return () => rmSync(lockPath, { force: true });
}

function isAlive(other: number): boolean {
  try {
    kill(other, 0);
    return true;
  } catch {
    return false;
  }
}

/** A dedicated connection for LISTEN that reconnects after losing the server. */
async function listenPostgres(url: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload) onPayload(n.payload);
    });
    c.on('error', () => {
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await c.connect();
    await c.query(`LISTEN "${channel.replaceAll('"', '')}"`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}

/**
 * Turns pg-style `$1` text and values into a drizzle SQL object, so pg-boss can
 * write its job row through our transaction (the job commits with the data).
 */
export function toDrizzleSql(text: string, values: unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) chunks.push(sql.raw(part));
    else {
      const value = values[Number(part) - 1];
      const plain = value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value);
      chunks.push(sql`${plain ? JSON.stringify(value) : (value ?? null)}`);
    }
  });
  return sql.join(chunks, sql.raw(''));
}

/** An executor that runs inside a drizzle transaction. */
export function transactionExecutor(tx: Db): SqlExecutor {
  return {
    executeSql: async (text, values) => {
      return { rows: await queryRows(tx, toDrizzleSql(text, values)) };
    },
  };
}
