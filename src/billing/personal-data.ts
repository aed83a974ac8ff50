import { asc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { accountReviewFlags, purchases, stripeEvents } from './billing.schema.js';

/** The user's purchases for their data export, oldest first (Stripe's ids and amounts; we never hold card data). */
export async function exportUserData(db: Db, userId: string) {
  const rows = await db
    .select({
      id: purchases.id,
      packName: purchases.packName,
      credits: purchases.credits,
      amount: purchases.amount,
      currency: purchases.currency,
      status: purchases.status,
      refundedAmount: purchases.refundedAmount,
      disputeStatus: purchases.disputeStatus,
      checkoutSessionId: purchases.checkoutSessionId,
      paymentIntentId: purchases.paymentIntentId,
      chargeId: purchases.chargeId,
      createdAt: purchases.createdAt,
      paidAt: purchases.paidAt,
      disputedAt: purchases.disputedAt,
    })
    .from(purchases)
    .where(eq(purchases.userId, userId))
    .orderBy(asc(purchases.createdAt));
  return { purchases: rows };
}

/**
 * Erasing an account changes nothing here: purchases and review flags are
 * financial records kept for the legal period, pseudonymous once the account
 * row is anonymised. `purgeUserData` deletes them when that period ends.
 */
export async function eraseUserData(_tx: Db, _userId: string): Promise<{ files: string[] }> {
  return { files: [] };
}

/** The end of the legal period for an erased account: its purchases and review flags go (caller's transaction). */
export async function purgeUserData(tx: Db, userId: string): Promise<void> {
  await tx.delete(purchases).where(eq(purchases.userId, userId));
  await tx.delete(accountReviewFlags).where(eq(accountReviewFlags.userId, userId));
}

/** Webhook deliveries remembered to answer repeats; kept 30 days, then dropped. Returns how many. */
export async function purgeProcessedEvents(db: Db, before: Date): Promise<number> {
  const gone = await db.delete(stripeEvents).where(lt(stripeEvents.processedAt, before)).returning({ id: stripeEvents.id });
  return gone.length;
}
