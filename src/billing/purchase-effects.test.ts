import { describe, expect, it } from 'vitest';
import type { CheckoutSnapshot } from './payment-gateway.js';
import { advanceStatus, planPurchaseEffects, purchaseStatuses } from './purchase-effects.js';

const purchase = { status: 'open' as const, credits: 100, amount: 499 };
const paid = (charge: Partial<NonNullable<CheckoutSnapshot['charge']>> = {}): CheckoutSnapshot => ({
  sessionId: 'cs_1',
  purchaseId: 'p1',
  status: 'complete',
  paid: true,
  paymentIntentId: 'pi_1',
  charge: { id: 'ch_1', amount: 499, amountRefunded: 0, refunds: [], disputes: [], ...charge },
});
const refund = (id: string, amount: number, created = 1) => ({ id, amount, created });

describe('what a purchase state at Stripe means for the ledger', () => {
  it('grants only when paid; a completed checkout awaiting a delayed payment is processing', () => {
    expect(planPurchaseEffects(purchase, paid())).toMatchObject({ status: 'paid', grant: true, takeBacks: [] });
    const waiting = { ...paid(), paid: false, charge: null };
    expect(planPurchaseEffects(purchase, waiting)).toMatchObject({ status: 'processing', grant: false, takeBacks: [] });
    expect(planPurchaseEffects(purchase, { ...waiting, status: 'expired' })).toMatchObject({ status: 'expired', grant: false });
  });

  it('never moves a status backwards (a stale read cannot undo a newer one)', () => {
    for (const from of purchaseStatuses) expect(advanceStatus(from, 'paid')).toBe('paid');
    expect(advanceStatus('paid', 'open')).toBe('paid');
    expect(advanceStatus('processing', 'open')).toBe('processing');
    expect(planPurchaseEffects({ ...purchase, status: 'paid' }, { ...paid(), paid: false, status: 'open' }).status).toBe('paid');
  });

  it("takes back each refund's share, cumulatively rounded down, so partial refunds never exceed the pack", () => {
    const plan = planPurchaseEffects(
      purchase,
      paid({ amountRefunded: 499, refunds: [refund('re_1', 100), refund('re_2', 100), refund('re_3', 299)] }),
    );
    expect(plan.takeBacks).toEqual([
      { kind: 'purchase_refund', reference: 're_1', credits: 20 },
      { kind: 'purchase_refund', reference: 're_2', credits: 20 },
      { kind: 'purchase_refund', reference: 're_3', credits: 60 },
    ]);
    expect(plan.refundedAmount).toBe(499);
  });

  it('takes back a dispute after the refunds, capped at what the pack gave', () => {
    const plan = planPurchaseEffects(
      purchase,
      paid({
        amountRefunded: 200,
        refunds: [refund('re_1', 200)],
        disputes: [{ id: 'dp_1', amount: 499, status: 'needs_response', created: 2 }],
      }),
    );
    expect(plan.takeBacks).toEqual([
      { kind: 'purchase_refund', reference: 're_1', credits: 40 },
      { kind: 'dispute', reference: 'dp_1', credits: 60 },
    ]);
    expect(plan.disputes).toEqual([{ id: 'dp_1', status: 'needs_response' }]);
  });

  it('skips a refund too small to be worth a whole credit', () => {
    expect(planPurchaseEffects(purchase, paid({ amountRefunded: 1, refunds: [refund('re_1', 1)] })).takeBacks).toEqual([]);
  });
});
