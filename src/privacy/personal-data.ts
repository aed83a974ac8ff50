import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { dataExports, policyAcknowledgements, privacyRequests } from './privacy.schema.js';

/** Consent history and privacy requests, for the user's data export. */
export async function exportUserData(db: Db, userId: string) {
  const consent = await db
    .select({
      userId: policyAcknowledgements.userId,
      version: policyAcknowledgements.version,
      acknowledgedAt: policyAcknowledgements.acknowledgedAt,
    })
    .from(policyAcknowledgements)
    .where(eq(policyAcknowledgements.userId, userId));
  const requests = await db
    .select({
      id: privacyRequests.id,
      kind: privacyRequests.kind,
      email: privacyRequests.email,
      message: privacyRequests.message,
      status: privacyRequests.status,
      resolution: privacyRequests.resolution,
      dueAt: privacyRequests.dueAt,
      createdAt: privacyRequests.createdAt,
    })
    .from(privacyRequests)
    .where(eq(privacyRequests.userId, userId));
  return { consent, privacyRequests: requests };
}

/**
 * Erases privacy's own records of the user inside the caller's transaction:
 * export archives and consent history go; privacy requests about the account
 * are kept as the record of how they were handled, no longer linked to it.
 * Returns the archives' storage keys, to delete after commit.
 */
export async function eraseUserData(tx: Db, userId: string): Promise<{ files: string[] }> {
  const exports = await tx.delete(dataExports).where(eq(dataExports.userId, userId)).returning({ key: dataExports.storageKey });
  await tx.delete(policyAcknowledgements).where(eq(policyAcknowledgements.userId, userId));
  await tx.update(privacyRequests).set({ userId: null }).where(eq(privacyRequests.userId, userId));
  return { files: exports.flatMap((e) => (e.key ? [e.key] : [])) };
}
