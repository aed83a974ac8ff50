import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { rateLimit, session, signupGrants, user, verification } from './accounts.schema.js';

const DAY = 86_400_000;

/**
 * Retention of sign-in records: expired sessions and verifications go, a
 * session's network address and browser are blanked once older than
 * `addressesBefore`, and rate-limit counters idle for a day are dropped.
 * Sign-up networks are forgotten a day after the grant was decided (the cap
 * counts 24 hours), and what erased accounts left of their grant (an address
 * hash) once decided before `grantsBefore`.
 * Idempotent; returns how many rows each step touched.
 */
export async function purgeExpiredAccountRecords(db: Db, input: { now: Date; addressesBefore: Date; grantsBefore: Date }) {
  const { now } = input;
  const sessions = await db.delete(session).where(lt(session.expiresAt, now)).returning({ id: session.id });
  const sessionAddresses = await db
    .update(session)
    .set({ ipAddress: null, userAgent: null })
    .where(and(lt(session.createdAt, input.addressesBefore), isNotNull(session.ipAddress)))
    .returning({ id: session.id });
  const verifications = await db.delete(verification).where(lt(verification.expiresAt, now)).returning({ id: verification.id });
  const rateLimits = await db
    .delete(rateLimit)
    .where(lt(rateLimit.lastRequest, now.getTime() - DAY))
    .returning({ id: rateLimit.id });
  const signupNetworks = await db
    .update(signupGrants)
    .set({ networkHash: null })
    .where(and(lt(signupGrants.decidedAt, new Date(now.getTime() - DAY)), isNotNull(signupGrants.networkHash)))
    .returning({ id: signupGrants.id });
  const erasedGrants = await db
    .delete(signupGrants)
    .where(and(isNull(signupGrants.userId), lt(signupGrants.decidedAt, input.grantsBefore)))
    .returning({ id: signupGrants.id });
  return {
    sessions: sessions.length,
    sessionAddresses: sessionAddresses.length,
    verifications: verifications.length,
    rateLimits: rateLimits.length,
    signupNetworks: signupNetworks.length,
    erasedGrants: erasedGrants.length,
  };
}

/** Anonymous anchors of accounts erased before `before` (system query for the retention job). */
export async function unsafeListErasedAccounts(db: Db, before: Date, limit: number): Promise<string[]> {
  const rows = await db.select({ id: user.id }).from(user).where(lt(user.deletedAt, before)).limit(limit);
  return rows.map((r) => r.id);
}

/** Deletes an erased account's anchor row, inside the transaction that purged what referenced it. */
export async function deleteErasedAccount(tx: Db, userId: string): Promise<void> {
  await tx.delete(user).where(and(eq(user.id, userId), isNotNull(user.deletedAt)));
}
