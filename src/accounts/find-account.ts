import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { user } from './accounts.schema.js';

/**
 * An operator names an account by its id or its e-mail address (a report
 * from a parent names the address, not our id). Better Auth stores addresses
 * in lower case. Throws not_found, also for an erased account.
 */
export async function findAccountId(deps: { db: Db }, idOrEmail: string): Promise<string> {
  const key = idOrEmail.trim();
  const [row] = await deps.db
    .select({ id: user.id })
    .from(user)
    .where(and(key.includes('@') ? eq(user.email, key.toLowerCase()) : eq(user.id, key), isNull(user.deletedAt)));
  if (!row) throw notFound('That account');
  return row.id;
}
