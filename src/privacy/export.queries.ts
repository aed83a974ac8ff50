import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { tables } from '../db/index.js';

const t = tables;

/**
 * Everything we hold about one user, read for their export. Explicit columns:
 * secrets (password hashes, session tokens, provider task ids) never leave.
 */
export async function readPersonalData(db: Db, userId: string) {
  const [profile] = await db
    .select({
      id: t.user.id,
      email: t.user.email,
      name: t.user.name,
      emailVerified: t.user.emailVerified,
      theme: t.user.theme,
      locale: t.user.locale,
      ageConfirmedAt: t.user.ageConfirmedAt,
      role: t.user.role,
      twoFactorEnabled: t.user.twoFactorEnabled,
      policyNotifiedVersion: t.user.policyNotifiedVersion,
      createdAt: t.user.createdAt,
      updatedAt: t.user.updatedAt,
    })
    .from(t.user)
    .where(eq(t.user.id, userId));
  const sessions = await db
    .select({
      id: t.session.id,
      userAgent: t.session.userAgent,
      ipAddress: t.session.ipAddress,
      createdAt: t.session.createdAt,
      lastUsedAt: t.session.updatedAt,
      expiresAt: t.session.expiresAt,
    })
    .from(t.session)
    .where(eq(t.session.userId, userId));
  const ledger = await db
    .select({
      id: t.creditEntries.id,
      delta: t.creditEntries.delta,
      kind: t.creditEntries.kind,
      reference: t.creditEntries.reference,
      balanceAfter: t.creditEntries.balanceAfter,
      createdAt: t.creditEntries.createdAt,
    })
    .from(t.creditEntries)
    .where(eq(t.creditEntries.userId, userId))
    .orderBy(asc(t.creditEntries.id));
  const purchases = await db
    .select({
      id: t.purchases.id,
      packName: t.purchases.packName,
      credits: t.purchases.credits,
      amount: t.purchases.amount,
      currency: t.purchases.currency,
      status: t.purchases.status,
      refundedAmount: t.purchases.refundedAmount,
      disputeStatus: t.purchases.disputeStatus,
      checkoutSessionId: t.purchases.checkoutSessionId,
      paymentIntentId: t.purchases.paymentIntentId,
      chargeId: t.purchases.chargeId,
      createdAt: t.purchases.createdAt,
      paidAt: t.purchases.paidAt,
      disputedAt: t.purchases.disputedAt,
    })
    .from(t.purchases)
    .where(eq(t.purchases.userId, userId))
    .orderBy(asc(t.purchases.createdAt));
  const generations = await db
    .select({
      id: t.generations.id,
      status: t.generations.status,
      prompt: t.generations.prompt,
      negativePrompt: t.generations.negativePrompt,
      model: t.generations.modelId,
      aspectRatio: t.generations.aspectRatio,
      count: t.generations.count,
      seed: t.generations.seed,
      cost: t.generations.cost,
      refunded: t.generations.refunded,
      errorCode: t.generations.errorCode,
      errorMessage: t.generations.errorMessage,
      createdAt: t.generations.createdAt,
      startedAt: t.generations.startedAt,
      completedAt: t.generations.completedAt,
      deletedAt: t.generations.deletedAt,
    })
    .from(t.generations)
    .where(eq(t.generations.userId, userId))
    .orderBy(asc(t.generations.createdAt));
  const images = await db
    .select({
      id: t.generationImages.id,
      generationId: t.generationImages.generationId,
      position: t.generationImages.position,
      key: t.generationImages.originalKey,
      contentType: t.generationImages.contentType,
      width: t.generationImages.width,
      height: t.generationImages.height,
      createdAt: t.generationImages.createdAt,
    })
    .from(t.generationImages)
    .where(eq(t.generationImages.userId, userId));
  const uploads = await db
    .select({
      id: t.uploads.id,
      key: t.uploads.storageKey,
      contentType: t.uploads.contentType,
      width: t.uploads.width,
      height: t.uploads.height,
      createdAt: t.uploads.createdAt,
    })
    .from(t.uploads)
    .where(eq(t.uploads.userId, userId));
  const references = await db
    .select({ generationId: t.generationReferences.generationId, uploadId: t.generationReferences.uploadId })
    .from(t.generationReferences)
    .innerJoin(t.uploads, eq(t.uploads.id, t.generationReferences.uploadId))
    .where(eq(t.uploads.userId, userId));
  const consent = await db
    .select({
      userId: t.policyAcknowledgements.userId,
      version: t.policyAcknowledgements.version,
      acknowledgedAt: t.policyAcknowledgements.acknowledgedAt,
    })
    .from(t.policyAcknowledgements)
    .where(eq(t.policyAcknowledgements.userId, userId));
  const privacyRequests = await db
    .select({
      id: t.privacyRequests.id,
      kind: t.privacyRequests.kind,
      email: t.privacyRequests.email,
      message: t.privacyRequests.message,
      status: t.privacyRequests.status,
      resolution: t.privacyRequests.resolution,
      dueAt: t.privacyRequests.dueAt,
      createdAt: t.privacyRequests.createdAt,
    })
    .from(t.privacyRequests)
    .where(eq(t.privacyRequests.userId, userId));
  return { profile, sessions, ledger, purchases, generations, images, uploads, references, consent, privacyRequests };
}

export type PersonalData = Awaited<ReturnType<typeof readPersonalData>>;
