import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEventType } from '../fakes/stripe-fake.js';
import { makeEvent } from '../fakes/stripe-fake-events.js';
import { type BillingTestApp, buildBillingTestApp, givenCheckout, purchaseOf } from '../helpers/billing.js';
import { balanceOf, submit } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('refunds and disputes', () => {
  let t: BillingTestApp;
  beforeAll(async () => {
    t = await buildBillingTestApp();
  });
  afterAll(() => t.close());

  const deliver = async (type: FakeEventType, sessionId: string) => {
    const res = await t.stripe.deliver(t.stripe.event(type, sessionId), { url: t.webhookUrl });
    expect(res.status, `${type}: ${await res.clone().text()}`).toBe(200);
  };
  const flagsOf = (userId: string) =>
    t.deps.db.select().from(tables.accountReviewFlags).where(eq(tables.accountReviewFlags.userId, userId));

  /** Spends credits the way a user does: generations of 16 credits (Nano Banana 2, four images). */
  async function spend(user: TestUser, times: number) {
    for (let i = 0; i < times; i++) {
      const res = await submit(t, user, { prompt: `spend ${i}`, model: 'nano-banana-2', count: 4 });
      expect(res.statusCode).toBe(202);
    }
  }

  it('W4: all 24 delivery orders of completed / async_succeeded / refunded / dispute end in the same balance, ledger and purchase', async () => {
    // What happened at Stripe, in time order; each event is delivered only after its own change,
    // but events may be late: the delivery order is permuted, and Stripe's state is read at delivery.
    const timeline: Record<FakeEventType, (sessionId: string) => void> = {
      'checkout.session.completed': (id) => t.stripe.pay(id, { delayed: true }),
      'checkout.session.async_payment_succeeded': (id) => t.stripe.state.asyncSucceed(id),
      'charge.refunded': (id) => t.stripe.state.refund(id, 200),
      'charge.dispute.created': (id) => t.stripe.state.dispute(id),
    };
    const steps = Object.keys(timeline) as FakeEventType[];
    const outcomes = new Map<string, string>();
    for (const order of permutations(steps)) {
      const user = await givenVerifiedUser(t);
      const sessionId = await givenCheckout(t, user);
      let happened = 0;
      for (const type of order) {
        for (; happened <= steps.indexOf(type); happened++) timeline[steps[happened] as FakeEventType](sessionId);
        await deliver(type, sessionId);
      }
      const purchase = await purchaseOf(t, sessionId);
      const state = {
        balance: await balanceOf(t, user),
        ledger: (await ledgerOf(t, user.id)).map(({ kind, delta, balanceAfter }) => ({ kind, delta, balanceAfter })),
        purchase: {
          status: purchase?.status,
          refundedAmount: purchase?.refundedAmount,
          disputeStatus: purchase?.disputeStatus,
          paid: purchase?.paidAt !== null,
          disputed: purchase?.disputedAt !== null,
        },
        flags: (await flagsOf(user.id)).map((f) => f.reason),
      };
      outcomes.set(order.join(' → '), JSON.stringify(state));
    }
    expect(outcomes.size).toBe(24);
    const inOrder = outcomes.get(steps.join(' → '));
    for (const [order, state] of outcomes) expect(state, order).toBe(inOrder);
    // 100 credits for €4.99; €2.00 refunded takes back 40, the disputed €2.99 the other 60.
    expect(JSON.parse(inOrder ?? '{}')).toEqual({
      balance: 20,
      ledger: [
        { kind: 'signup_grant', delta: 20, balanceAfter: 20 },
        { kind: 'purchase', delta: 100, balanceAfter: 120 },
        { kind: 'purchase_refund', delta: -40, balanceAfter: 80 },
        { kind: 'dispute', delta: -60, balanceAfter: 20 },
      ],
      purchase: { status: 'paid', refundedAmount: 200, disputeStatus: 'needs_response', paid: true, disputed: true },
      flags: ['dispute'],
    });
  }, 120_000);

  it('a dispute takes spent credits back into recorded debt, flags the account, and the next generation is refused (402)', async () => {
    const user = await givenVerifiedUser(t);
    const sessionId = await givenCheckout(t, user);
    t.stripe.pay(sessionId);
    await deliver('checkout.session.completed', sessionId);
    await spend(user, 7);
    expect(await balanceOf(t, user)).toBe(120 - 112);

    t.stripe.state.dispute(sessionId);
    await deliver('charge.dispute.created', sessionId);
    await deliver('charge.dispute.created', sessionId);
    expect(await balanceOf(t, user)).toBe(8 - 100);
    expect((await ledgerOf(t, user.id)).filter((e) => e.kind === 'dispute')).toHaveLength(1);
    expect(await flagsOf(user.id)).toHaveLength(1);

    const refused = await submit(t, user, { prompt: 'while in debt' });
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error.code).toBe('insufficient_credits');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.json().credits).toBe(-92);
    const billing = await t.app.inject({ method: 'GET', url: '/api/billing', headers: { cookie: user.cookie } });
    expect(billing.json().purchases[0]).toMatchObject({ status: 'paid', disputed: true });
  });

  it('a refund takes back its share of the credits, never below zero, once per refund however often it is delivered', async () => {
    const user = await givenVerifiedUser(t);
    const sessionId = await givenCheckout(t, user, 'medium');
    t.stripe.pay(sessionId);
    await deliver('checkout.session.completed', sessionId);
    expect(await balanceOf(t, user)).toBe(320);

    // €12.99 for 300 credits: refunding €3.00 takes back 69 (rounded down, in the buyer's favour).
    t.stripe.state.refund(sessionId, 300);
    await Promise.all([deliver('charge.refunded', sessionId), deliver('charge.refunded', sessionId)]);
    expect(await balanceOf(t, user)).toBe(320 - 69);

    await spend(user, 15);
    expect(await balanceOf(t, user)).toBe(251 - 240);
    // The rest is refunded: 231 credits are due back, but only 11 are left; spent credits stay spent.
    t.stripe.state.refund(sessionId);
    await deliver('charge.refunded', sessionId);
    expect(await balanceOf(t, user)).toBe(0);
    const refunds = (await ledgerOf(t, user.id)).filter((e) => e.kind === 'purchase_refund');
    expect(refunds.map((r) => r.delta)).toEqual([-69, -11]);
    expect((await purchaseOf(t, sessionId))?.refundedAmount).toBe(1299);
    expect(await flagsOf(user.id)).toHaveLength(0);
  });

  it('ignores refunds and disputes of payments that are not our purchases', async () => {
    const before = t.stripe.requests.length;
    const foreign = makeEvent('charge.refunded', { id: 'ch_foreign', object: 'charge', payment_intent: 'pi_foreign', amount: 100 });
    const res = await t.stripe.deliver(foreign, { url: t.webhookUrl });
    expect(res.status).toBe(200);
    expect(t.stripe.requests.slice(before).map((r) => r.path)).toEqual(['/v1/checkout/sessions']);
  });
});
