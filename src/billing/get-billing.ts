import type { Billing, Purchase } from '../contracts/billing.js';
import { listOwnedPurchases, type PurchaseRow } from './billing.queries.js';
import type { BillingContext } from './context.js';
import type { PurchaseStatus } from './purchase-effects.js';

/** Purchases worth showing: money arrived, or a delayed payment is on its way. Abandoned checkouts are not history. */
const shownStatuses: PurchaseStatus[] = ['processing', 'paid'];

/** What the Credits page needs about buying: whether it is possible, the packs, and the user's purchases. */
export async function getBilling(ctx: Pick<BillingContext, 'db' | 'gateway' | 'packs'>, input: { userId: string }): Promise<Billing> {
  const rows = await listOwnedPurchases(ctx.db, input.userId, { statuses: shownStatuses, limit: 100 });
  return {
    enabled: ctx.gateway !== null,
    packs: ctx.gateway ? ctx.packs.map(({ id, name, credits, price, currency }) => ({ id, name, credits, price, currency })) : [],
    purchases: rows.map(toPurchaseView),
  };
}

function toPurchaseView(p: PurchaseRow): Purchase {
  return {
    id: p.id,
    packName: p.packName,
    credits: p.credits,
    amount: p.amount,
    currency: p.currency,
    status: p.status as PurchaseStatus,
    refundedAmount: p.refundedAmount,
    disputed: p.disputeStatus !== null,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
  };
}
