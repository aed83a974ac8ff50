import type { CheckoutSnapshot } from './payment-gateway.js';

/**
 * What a purchase's current state at Stripe means for us, as pure data:
 * its status, whether it earns its credits, and which credits to take back
 * for refunds and disputes. Fulfilment applies this plan; because the plan
 * depends only on Stripe's current state (never on which event arrived),
 * every delivery order ends in the same place.
 */

export const purchaseStatuses = ['pending', 'open', 'processing', 'expired', 'failed', 'paid'] as const;
export type PurchaseStatus = (typeof purchaseStatuses)[number];

/**
 * pending: our row exists, the Stripe session not yet; open: the buyer may pay;
 * processing: checkout finished, a delayed payment method has not cleared;
 * expired / failed: nothing was paid; paid: money arrived and credits were granted.
 * A status only moves up this order, so a stale read can never undo a newer one.
 */
const rank = { pending: 0, open: 1, processing: 2, expired: 3, failed: 3, paid: 4 } as const satisfies Record<PurchaseStatus, number>;

export function advanceStatus(current: PurchaseStatus, next: PurchaseStatus): PurchaseStatus {
  return rank[next] > rank[current] ? next : current;
}

export function statusOfSnapshot(s: Pick<CheckoutSnapshot, 'paid' | 'status'>): PurchaseStatus {
  if (s.paid) return 'paid';
  switch (s.status) {
    case 'complete':
      return 'processing';
    case 'expired':
      return 'expired';
    case 'open':
      return 'open';
    default: {
      const unknown: never = s.status;
      throw new Error(`unknown checkout status ${unknown}`);
    }
  }
}

export interface TakeBack {
  kind: 'purchase_refund' | 'dispute';
  /** The Stripe refund or dispute id: each is taken back once. */
  reference: string;
  credits: number;
}

export interface PurchaseEffects {
  status: PurchaseStatus;
  grant: boolean;
  takeBacks: TakeBack[];
  refundedAmount: number;
  disputes: { id: string; status: string }[];
}

/**
 * Refunds (oldest first) then disputes take back the credits that their share
 * of the price bought. Shares are cumulative and rounded down, so partial
 * refunds never add up to more than the pack, and the total is capped at it.
 */
export function planPurchaseEffects(
  purchase: { status: PurchaseStatus; credits: number; amount: number },
  s: CheckoutSnapshot,
): PurchaseEffects {
  const status = advanceStatus(purchase.status, statusOfSnapshot(s));
  const charge = s.paid ? s.charge : null;
  const movements = [
    ...(charge?.refunds ?? []).map((r) => ({ kind: 'purchase_refund' as const, reference: r.id, amount: r.amount })),
    ...(charge?.disputes ?? []).map((d) => ({ kind: 'dispute' as const, reference: d.id, amount: d.amount })),
  ];
  const creditsFor = (amount: number) => Math.floor((purchase.credits * Math.min(amount, purchase.amount)) / purchase.amount);
  let paidBack = 0;
  const takeBacks: TakeBack[] = [];
  for (const m of movements) {
    const credits = creditsFor(paidBack + m.amount) - creditsFor(paidBack);
    paidBack += m.amount;
    if (credits > 0) takeBacks.push({ kind: m.kind, reference: m.reference, credits });
  }
  return {
    status,
    grant: s.paid,
    takeBacks,
    refundedAmount: charge?.amountRefunded ?? 0,
    disputes: (charge?.disputes ?? []).map((d) => ({ id: d.id, status: d.status })),
  };
}
