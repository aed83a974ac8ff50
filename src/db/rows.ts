import type { SQL } from 'drizzle-orm';
import type { Db } from './types.js';

/**
 * Runs a raw statement and returns its rows as `Row`. Both drivers answer
 * `db.execute` with `{ rows }`, but drizzle types it per driver; this is the
 * one place that says so. `Row` states the columns the statement selects
 * (use `::int`, `::text` casts in SQL where the driver would return strings).
 */
export async function queryRows<Row extends Record<string, unknown> = Record<string, unknown>>(db: Db, statement: SQL): Promise<Row[]> {
  const result = await db.execute(statement);
  return (result as unknown as { rows: Row[] }).rows;
}
