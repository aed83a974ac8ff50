import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind } from '../../test/helpers/db.js';
import type { Database } from './client.js';
import { executePrepared } from './prepared.js';
import { queryRows } from './rows.js';

describe('executePrepared', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('returns each call its own parameters’ rows, many times over', async () => {
    for (let i = 0; i < 8; i++) {
      const rows = await executePrepared<{ n: number }>(database.db, 'test_echo', sql`select ${i}::int * 2 as n`);
      expect(rows).toEqual([{ n: i * 2 }]);
    }
  });

  it('keeps two texts under one base name apart', async () => {
    const a = await executePrepared<{ v: string }>(database.db, 'test_same', sql`select ${'a'}::text as v`);
    const b = await executePrepared<{ v: string }>(database.db, 'test_same', sql`select ${'b'}::text || '!' as v`);
    expect([a[0]?.v, b[0]?.v]).toEqual(['a', 'b!']);
  });

  it('runs inside a transaction, prepared on PostgreSQL', async () => {
    const prepared = await database.db.transaction(async (tx) => {
      const [row] = await executePrepared<{ v: number }>(tx, 'test_tx', sql`select ${41}::int + 1 as v`);
      expect(row?.v).toBe(42);
      const [result] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from pg_prepared_statements where name like 'test_tx_%'`,
      );
      return result?.n;
    });
    // PGlite runs it as an ordinary query; PostgreSQL keeps it on the connection.
    expect(prepared).toBe(testDbKind() === 'postgres' ? 1 : 0);
  });
});
