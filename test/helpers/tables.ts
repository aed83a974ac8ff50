import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as accounts from '../../src/accounts/accounts.schema.js';
import * as admin from '../../src/admin/admin.schema.js';
import * as audit from '../../src/audit/audit.schema.js';
import * as billing from '../../src/billing/billing.schema.js';
import * as credits from '../../src/credits/credits.schema.js';
import { type Db, queryRows } from '../../src/db/index.js';
import * as generation from '../../src/generation/generation.schema.js';
import * as jobs from '../../src/jobs/jobs.schema.js';
import * as moderation from '../../src/moderation/moderation.schema.js';
import * as privacy from '../../src/privacy/privacy.schema.js';
import * as prompts from '../../src/prompts/prompts.schema.js';
import * as providers from '../../src/providers/providers.schema.js';
import * as support from '../../src/support/support.schema.js';
import * as webhooks from '../../src/webhooks/webhooks.schema.js';

/**
 * Every table, for tests that check rows directly. Only tests get this:
 * modules import their own schema file and nothing else (the boundary check).
 */
export const tables = {
  ...accounts,
  ...admin,
  ...audit,
  ...billing,
  ...credits,
  ...generation,
  ...jobs,
  ...moderation,
  ...privacy,
  ...prompts,
  ...providers,
  ...support,
  ...webhooks,
};

/** Every row of `table` matching `where` (all rows without it). */
export async function rowsOf<T extends PgTable>(db: Db, table: T, where?: SQL): Promise<T['$inferSelect'][]> {
  return (await db
    .select()
    .from(table as PgTable)
    .where(where)) as T['$inferSelect'][];
}

/** The first row of `table` matching `where`, or undefined. */
export async function rowOf<T extends PgTable>(db: Db, table: T, where?: SQL): Promise<T['$inferSelect'] | undefined> {
  return (await rowsOf(db, table, where))[0];
}

/** The `n` a `select count(*)::int as n …` statement answers. */
export async function countOf(db: Db, statement: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, statement);
  return Number(row?.n ?? 0);
}
