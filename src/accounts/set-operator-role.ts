import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { user } from './accounts.schema.js';

/**
 * Grants or revokes operator rights (`animegen admin grant|revoke <email>`).
 * Returns false when no live account has that address. Idempotent.
 */
export async function setOperatorRole(deps: { db: Db }, input: { email: string; operator: boolean }): Promise<boolean> {
  const rows = await deps.db
    .update(user)
    .set({ role: input.operator ? 'admin' : 'user' })
    .where(and(eq(user.email, input.email.toLowerCase()), isNull(user.deletedAt)))
    .returning({ id: user.id });
  return rows.length > 0;
}
