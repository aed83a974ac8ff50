import { and, eq, ne, or } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { profileColumns } from './accounts.queries.js';
import { account, apiKeys, passkey, session, signupGrants, twoFactor, user, verification } from './accounts.schema.js';
import { apiKeyColumns } from './api-key-view.js';
import { deviceColumns } from './sessions.js';

/**
 * The account's part of a data export: profile (with the free-grant record), signed-in devices, passkeys and API keys.
 * Explicit columns: password hashes, session tokens, key hashes and TOTP secrets never leave.
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
  // Public keys and authenticator facts: nothing here can sign in (the private key never left the device).
  const passkeys = await db
    .select({
      id: passkey.id,
      name: passkey.name,
      credentialId: passkey.credentialID,
      publicKey: passkey.publicKey,
      deviceType: passkey.deviceType,
      backedUp: passkey.backedUp,
      transports: passkey.transports,
      aaguid: passkey.aaguid,
      counter: passkey.counter,
      createdAt: passkey.createdAt,
      lastUsedAt: passkey.lastUsedAt,
    })
    .from(passkey)
    .where(eq(passkey.userId, userId));
  const keys = await db.select(apiKeyColumns).from(apiKeys).where(eq(apiKeys.userId, userId));
  if (!profile || profile.deletedAt) return null;
  const { deletedAt: _deleted, ...rest } = profile;
  return { profile: { ...rest, signupGrant: signupGrant ?? null }, sessions, passkeys, apiKeys: keys };
}

/**
 * Erases the account inside the caller's transaction: sessions and API keys
 * (every one stops working at once), credentials, passkeys, two-factor secrets and pending
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
  await tx.delete(apiKeys).where(eq(apiKeys.userId, userId));
  await tx.delete(account).where(eq(account.userId, userId));
  await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
  await tx.delete(passkey).where(eq(passkey.userId, userId));
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
