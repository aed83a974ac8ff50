import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { newId } from '../lib/ids.js';
import { accountReviewFlags, purchases, stripeEvents } from './billing.schema.js';
import type { PurchaseStatus } from './purchase-effects.js';

export type PurchaseRow = typeof purchases.$inferSelect;

export async function insertPurchase(tx: Db, row: Omit<typeof purchases.$inferInsert, 'status'>): Promise<void> {
  await tx.insert(purchases).values({ ...row, status: 'pending' });
}

/**
 * Serialises one user's checkout starts until the transaction ends, so the
 * hourly limit cannot be overrun by requests racing past the count.
 */
export async function lockUserCheckouts(tx: Db, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`checkout:${userId}`}, 0))`);
}

export async function countCheckoutsSince(tx: Db, userId: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(purchases)
    .where(and(eq(purchases.userId, userId), gte(purchases.createdAt, since)));
  return Number(row?.n ?? 0);
}

/** The session exists at Stripe: the buyer can pay now. */
export async function recordCheckoutSession(db: Db, purchaseId: string, sessionId: string): Promise<void> {
  await db
    .update(purchases)
    .set({
      checkoutSessionId: sql`coalesce(${purchases.checkoutSessionId}, ${sessionId})`,
      status: sql`case when ${purchases.status} = 'pending' then 'open' else ${purchases.status} end`,
      updatedAt: sql`now()`,
    })
    .where(eq(purchases.id, purchaseId));
}

/** Stripe refused to create the session, so nothing can be paid. */
export async function markCheckoutFailed(db: Db, purchaseId: string): Promise<void> {
  await db
    .update(purchases)
    .set({ status: 'failed', updatedAt: sql`now()` })
    .where(and(eq(purchases.id, purchaseId), eq(purchases.status, 'pending')));
}

export async function findOwnedPurchaseBySession(db: Db, userId: string, sessionId: string): Promise<PurchaseRow | null> {
  const [row] = await db
    .select()
    .from(purchases)
    .where(and(eq(purchases.userId, userId), eq(purchases.checkoutSessionId, sessionId)));
  return row ?? null;
}

/** System lookup (no owner): which session a Stripe payment belongs to, if we already know. */
export async function unsafeFindSessionIdByPaymentIntent(db: Db, paymentIntentId: string): Promise<string | null> {
  const [row] = await db
    .select({ sessionId: purchases.checkoutSessionId })
    .from(purchases)
    .where(eq(purchases.paymentIntentId, paymentIntentId));
  return row?.sessionId ?? null;
}

/** System lookup (no owner) that locks the purchase until the transaction ends, so fulfilments of one purchase queue up. */
export async function unsafeLockPurchase(tx: Db, purchaseId: string): Promise<PurchaseRow | null> {
  const [row] = await tx.select().from(purchases).where(eq(purchases.id, purchaseId)).for('update');
  return row ?? null;
}

export async function updatePurchase(
  tx: Db,
  purchaseId: string,
  p: {
    status: PurchaseStatus;
    sessionId: string;
    paymentIntentId: string | null;
    chargeId: string | null;
    refundedAmount: number;
    disputeStatus: string | null;
    now: Date;
  },
): Promise<void> {
  await tx
    .update(purchases)
    .set({
      status: p.status,
      checkoutSessionId: sql`coalesce(${purchases.checkoutSessionId}, ${p.sessionId})`,
      paymentIntentId: sql`coalesce(${p.paymentIntentId}, ${purchases.paymentIntentId})`,
      chargeId: sql`coalesce(${p.chargeId}, ${purchases.chargeId})`,
      // Stripe's refunded total only grows; a stale read must not shrink it.
      refundedAmount: sql`greatest(${purchases.refundedAmount}, ${p.refundedAmount})`,
      disputeStatus: sql`coalesce(${p.disputeStatus}, ${purchases.disputeStatus})`,
      paidAt: p.status === 'paid' ? sql`coalesce(${purchases.paidAt}, ${p.now})` : purchases.paidAt,
      disputedAt: p.disputeStatus ? sql`coalesce(${purchases.disputedAt}, ${p.now})` : purchases.disputedAt,
      updatedAt: p.now,
    })
    .where(eq(purchases.id, purchaseId));
}

/** Flags the account once per (reason, reference) for an operator to review. */
export async function flagAccountForReview(tx: Db, f: { userId: string; reason: 'dispute'; reference: string }): Promise<void> {
  await tx
    .insert(accountReviewFlags)
    .values({ id: newId(), ...f })
    .onConflictDoNothing();
}

/** Whether the purchase is the user's (whatever its status): false for anyone else's or none. */
export async function ownsPurchase(db: Db, input: { userId: string; purchaseId: string }): Promise<boolean> {
  const rows = await db
    .select({ id: purchases.id })
    .from(purchases)
    .where(and(eq(purchases.id, input.purchaseId), eq(purchases.userId, input.userId)));
  return rows.length > 0;
}

/** The user's purchases that reached Stripe's checkout, newest first. */
export async function listOwnedPurchases(
  db: Db,
  userId: string,
  opts: { statuses: PurchaseStatus[]; limit: number },
): Promise<PurchaseRow[]> {
  return db
    .select()
    .from(purchases)
    .where(and(eq(purchases.userId, userId), inArray(purchases.status, opts.statuses)))
    .orderBy(desc(purchases.createdAt))
    .limit(opts.limit);
}

export async function isEventProcessed(db: Db, eventId: string): Promise<boolean> {
  const rows = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, eventId));
  return rows.length > 0;
}

export async function markEventProcessed(db: Db, event: { id: string; type: string }): Promise<void> {
  await db.insert(stripeEvents).values(event).onConflictDoNothing();
}
