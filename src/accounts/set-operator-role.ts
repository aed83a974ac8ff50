import { and, eq, isNull } from 'drizzle-orm';
import type { AccountRole } from '../contracts/operators.js';
import type { Db } from '../db/index.js';
import { user } from './accounts.schema.js';

/**
 * Sets an account's role ('user' revokes operator rights). Returns the
 * account's id and former role, or null when no live account has that
 * address. Pass the transaction that records the change.
 */
export async function setOperatorRole(tx: Db, input: { email: string; role: AccountRole }): Promise<{ id: string; from: string } | null> {
  const where = and(eq(user.email, input.email.toLowerCase()), isNull(user.deletedAt));
  const [before] = await tx.select({ id: user.id, role: user.role }).from(user).where(where).for('update');
  if (!before) return null;
  await tx.update(user).set({ role: input.role }).where(eq(user.id, before.id));
  return { id: before.id, from: before.role };
}
