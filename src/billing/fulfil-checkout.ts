import { grantCredits, takeBackCredits } from '../credits/index.js';
import { notFound } from '../lib/errors.js';
import { findOwnedPurchaseBySession, flagAccountForReview, unsafeLockPurchase, updatePurchase } from './billing.queries.js';
import { type BillingContext, requireGateway } from './context.js';
import { type PurchaseStatus, planPurchaseEffects } from './purchase-effects.js';

export interface FulfilResult {
  /** The purchase's status afterwards; 'ignored' when the session is not one of our purchases. */
  status: PurchaseStatus | 'ignored';
  credits: number;
  /** True when this call moved credits (a later or concurrent call for the same state moves none). */
  changed: boolean;
}

const ignored: FulfilResult = { status: 'ignored', credits: 0, changed: false };

/**
 * THE fulfilment function, called by every webhook, by the success page and by
 * reconciliation, possibly at the same moment and many times. It reads the
 * checkout session's current state from Stripe and brings the purchase and the
 * ledger in line with it, in one transaction: the grant (keyed by the session
 * id, so two different events for one purchase grant once), refunds (keyed by
 * refund id) and disputes (keyed by dispute id, into recorded debt, with the
 * account flagged for review). Idempotent; order of calls does not matter.
 *
 * With `userId` (the success page) only the owner's purchase is found, else not_found.
 */
export async function fulfilCheckout(
  ctx: Pick<BillingContext, 'db' | 'gateway' | 'clock' | 'log' | 'creditsChanged' | 'faults'>,
  input: { sessionId: string; userId?: string },
): Promise<FulfilResult> {
  const gateway = requireGateway(ctx);
  // The owner check comes before Stripe is asked anything, so ids cannot be probed through us.
  const owned = input.userId ? await findOwnedPurchaseBySession(ctx.db, input.userId, input.sessionId) : null;
  if (input.userId && !owned) throw notFound('That purchase');
  // The buyer only needs to know it is paid; refunds and disputes reach us by webhook. Saves a Stripe call per reload.
  if (owned?.status === 'paid') return { status: 'paid', credits: owned.credits, changed: false };
  const snapshot = await gateway.getCheckoutSnapshot(input.sessionId);
  if (!snapshot?.purchaseId || (owned && owned.id !== snapshot.purchaseId)) {
    if (input.userId) throw notFound('That purchase');
    ctx.log.info({ sessionId: input.sessionId }, 'checkout session is not one of our purchases; ignored');
    return ignored;
  }
  const { purchaseId } = snapshot;

  const outcome = await ctx.db.transaction(async (tx) => {
    const purchase = await unsafeLockPurchase(tx, purchaseId);
    if (!purchase || (purchase.checkoutSessionId && purchase.checkoutSessionId !== snapshot.sessionId)) return null;
    const plan = planPurchaseEffects({ ...purchase, status: purchase.status as PurchaseStatus }, snapshot);
    await updatePurchase(tx, purchase.id, {
      status: plan.status,
      sessionId: snapshot.sessionId,
      paymentIntentId: snapshot.paymentIntentId,
      chargeId: snapshot.charge?.id ?? null,
      refundedAmount: plan.refundedAmount,
      disputeStatus: plan.disputes.at(-1)?.status ?? null,
      now: ctx.clock.now(),
    });
    let changed = false;
    if (plan.grant) {
      const grant = await grantCredits(tx, {
        userId: purchase.userId,
        amount: purchase.credits,
        kind: 'purchase',
        reference: snapshot.sessionId,
      });
      changed ||= grant.applied;
    }
    for (const t of plan.takeBacks) {
      changed ||=
        (await takeBackCredits(tx, { userId: purchase.userId, amount: t.credits, kind: t.kind, reference: t.reference })) !== null;
    }
    for (const d of plan.disputes) await flagAccountForReview(tx, { userId: purchase.userId, reason: 'dispute', reference: d.id });
    ctx.faults?.beforeCommit?.(snapshot.sessionId);
    return { userId: purchase.userId, status: plan.status, credits: purchase.credits, changed };
  });

  if (!outcome) {
    ctx.log.warn({ sessionId: snapshot.sessionId, purchaseId }, 'checkout session does not match a purchase of ours; ignored');
    return ignored;
  }
  ctx.faults?.afterCommit?.(snapshot.sessionId);
  if (outcome.changed) {
    ctx.log.info({ purchaseId, sessionId: snapshot.sessionId, status: outcome.status }, 'purchase credits moved');
    ctx.creditsChanged(outcome.userId);
  }
  return { status: outcome.status, credits: outcome.credits, changed: outcome.changed };
}
