import { randomUUID } from 'node:crypto';
import { user } from '../../src/accounts/accounts.schema.js';
import type { Db } from '../../src/db/index.js';

/**
 * A bare account row, for database tests below the HTTP layer that need a
 * user to hang records on (no session, no password, no grant).
 */
export async function insertUser(db: Db, opts: { id?: string; name?: string } = {}): Promise<string> {
  const id = opts.id ?? randomUUID();
  await db.insert(user).values({ id, name: opts.name ?? 'Test', email: `${id}@example.com` });
  return id;
}
