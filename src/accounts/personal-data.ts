import { and, eq, ne, or } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { profileColumns } from './accounts.queries.js';
import { account, session, signupGrants, twoFactor, user, verification } from './accounts.schema.js';
import { deviceColumns } from './sessions.js';

/**
 * The account's part of a data export: profile (with the free-grant record) and signed-in devices.
 * Explicit columns: password hashes, session tokens and TOTP secrets never leave.
 */
export async function exportUserData(db: Db, userId: string) {
  const [profile] = await db
    .select({
      ...profileColumns,
      suspendedAt: user.suspendedAt,
      suspensionReason: user.suspensionReason,
      policyNotifiedVersion: user.policyNotifiedVersion,
      updatedAt: user.updatedAt,
      deletedAt: user.deletedAt,
    })
    .from(user)
    .where(eq(user.id, userId));
  const sessions = await db
    .select({ ...deviceColumns, expiresAt: session.expiresAt })
    .from(session)
    .where(eq(session.userId, userId));
  // The free-grant record, hashes included: they are pseudonymous data about the account too.
  const [signupGrant] = await db
    .select({
      signedUpAt: signupGrants.signedUpAt,
      outcome: signupGrants.outcome,
      decidedAt: signupGrants.decidedAt,
      networkHash: signupGrants.networkHash,
      addressHash: signupGrants.addressHash,
    })
    .from(signupGrants)
    .where(eq(signupGrants.userId, userId));
  if (!profile || profile.deletedAt) return null;
  const { deletedAt: _deleted, ...rest } = profile;
  return { profile: { ...rest, signupGrant: signupGrant ?? null }, sessions };
}

/**
 * Erases the account inside the caller's transaction: sessions (every one
 * stops working at once), credentials, two-factor secrets and pending
 * verifications go, and the sign-up grant record unless a grant was given
 * (then only its keyed hashes stay, unlinked); the user row stays only as an anonymous anchor (no
 * e-mail, no name) for the records other modules keep for the legal period,
 * and its address is free for a new sign-up. Returns the address and
 * language the account had (for the receipt), or null when there is no such
 * live account.
 */
export async function eraseUserData(tx: Db, userId: string, now: Date): Promise<{ email: string; locale: string } | null> {
  const [found] = await tx
    .select({ email: user.email, locale: user.locale, deletedAt: user.deletedAt })
    .from(user)
    .where(eq(user.id, userId));
  if (!found || found.deletedAt) return null;
  await tx.delete(session).where(eq(session.userId, userId));
  await tx.delete(account).where(eq(account.userId, userId));
  await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
  // The free-grant record: gone unless a grant was given; then it stays without the account (user_id
  // cleared) as the hash of the address, so signing up again with that mailbox gets no second grant.
  await tx.delete(signupGrants).where(and(eq(signupGrants.userId, userId), ne(signupGrants.outcome, 'granted')));
  await tx.update(signupGrants).set({ userId: null }).where(eq(signupGrants.userId, userId));
  // Pending e-mail verifications and password resets (keyed by address or by user id).
  await tx.delete(verification).where(or(eq(verification.identifier, found.email), eq(verification.value, userId)));
  await tx
    .update(user)
    .set({
      email: `deleted-${userId}@deleted.invalid`,
      name: 'Deleted account',
      image: null,
      emailVerified: false,
      theme: 'system',
      locale: 'en',
      embedSettings: true,
      matureContentAt: null,
      suspendedAt: null,
      suspensionReason: null,
      ageConfirmedAt: null,
      twoFactorEnabled: false,
      policyNotifiedVersion: null,
      role: 'user',
      deletedAt: now,
      updatedAt: now,
    })
    .where(eq(user.id, userId));
  return { email: found.email, locale: found.locale };
}
