import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { session, user } from './accounts.schema.js';

/**
 * Suspends a live account inside the caller's transaction: it is marked with
 * the reason, and every session ends at once (the next request is a 401, and
 * sign-in is refused while it lasts). Returns false when it already was.
 */
export async function suspendAccount(tx: Db, input: { userId: string; reason: string; now: Date }): Promise<boolean> {
  const changed = await tx
    .update(user)
    .set({ suspendedAt: input.now, suspensionReason: input.reason, updatedAt: input.now })
    .where(and(eq(user.id, input.userId), isNull(user.deletedAt), isNull(user.suspendedAt)))
    .returning({ id: user.id });
  await tx.delete(session).where(eq(session.userId, input.userId));
  if (changed.length === 0) await mustExist(tx, input.userId);
  return changed.length > 0;
}

/** Lifts a suspension (an operator's decision): the account may sign in again. Returns false when it was not suspended. */
export async function unsuspendAccount(db: Db, input: { userId: string; now: Date }): Promise<boolean> {
  const changed = await db
    .update(user)
    .set({ suspendedAt: null, suspensionReason: null, updatedAt: input.now })
    .where(and(eq(user.id, input.userId), isNull(user.deletedAt), isNotNull(user.suspendedAt)))
    .returning({ id: user.id });
  if (changed.length === 0) await mustExist(db, input.userId);
  return changed.length > 0;
}

/** Nothing changed: either it already was so (fine) or there is no such live account (not_found). */
async function mustExist(db: Db, userId: string): Promise<void> {
  const [live] = await db
    .select({ id: user.id })
    .from(user)
    .where(and(eq(user.id, userId), isNull(user.deletedAt)));
  if (!live) throw notFound('That account');
}

/** Whether the account is suspended (sign-in asks before it makes a session). */
export async function isSuspended(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ at: user.suspendedAt }).from(user).where(eq(user.id, userId));
  return Boolean(row?.at);
}
