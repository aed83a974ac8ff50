import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import type { Database } from '../db/index.js';
import { queryRows } from '../db/index.js';
import { readInventory } from './inventory.js';

describe('the data inventory (docs/data-inventory.md) matches the live schema', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('lists every column of every table, and nothing that does not exist', async () => {
    const rows = await queryRows<{ table_name: string; column_name: string }>(
      database.db,
      sql`
        select table_name, column_name from information_schema.columns
        where table_schema = 'public' order by table_name, ordinal_position`,
    );
    const live = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    const documented = new Set(readInventory().map((r) => `${r.table}.${r.column}`));
    const undocumented = [...live].filter((c) => !documented.has(c));
    const stale = [...documented].filter((c) => !live.has(c));
    expect(undocumented, 'columns missing from docs/data-inventory.md').toEqual([]);
    expect(stale, 'columns in docs/data-inventory.md that no longer exist').toEqual([]);
  });

  it('gives every personal column a purpose and a retention', () => {
    for (const row of readInventory().filter((r) => r.personal !== 'no')) {
      expect(row.purpose, `${row.table}.${row.column}`).not.toBe('');
      expect(row.retention, `${row.table}.${row.column}`).not.toBe('');
    }
  });
});
