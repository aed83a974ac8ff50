import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/lib/clock.js';
import { runRetention } from '../../src/privacy/index.js';
import { signatureHeader } from '../fakes/stripe-fake-events.js';
import { type BillingTestApp, buildBillingTestApp, fulfil, givenCheckout, purchaseOf, STRIPE_WEBHOOK_SECRET } from '../helpers/billing.js';
import { balanceOf } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** Sessions whose fulfilment throws once, just before or just after its transaction commits. */
const armed = { beforeCommit: new Set<string>(), afterCommit: new Set<string>() };
const throwOnce = (set: Set<string>, sessionId: string, when: string) => {
  if (set.delete(sessionId)) throw new Error(`test fault ${when} commit`);
};

/** The app's clock, which W6 moves forward (signature tolerance and retention read it); reset after. */
const clock: Clock & { offsetMs: number } = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('Stripe webhooks over real HTTP', () => {
  let t: BillingTestApp;
  beforeAll(async () => {
    t = await buildBillingTestApp({
      clock,
      billingFaults: {
        beforeCommit: (id) => throwOnce(armed.beforeCommit, id, 'before'),
        afterCommit: (id) => throwOnce(armed.afterCommit, id, 'after'),
      },
    });
  });
  afterAll(() => t.close());

  const purchaseGrants = async (userId: string) => (await ledgerOf(t, userId)).filter((e) => e.kind === 'purchase');
  const handledEvents = async (eventId: string) =>
    (await t.deps.db.select().from(tables.stripeEvents).where(eq(tables.stripeEvents.id, eventId))).length;

  /** A user with a checkout paid at Stripe whose webhook has not arrived yet. */
  async function paidCheckout(user?: TestUser, packId = 'small') {
    const u = user ?? (await givenVerifiedUser(t));
    const sessionId = await givenCheckout(t, u, packId);
    t.stripe.pay(sessionId);
    return { user: u, sessionId, event: t.stripe.event('checkout.session.completed', sessionId) };
  }

  it('W1: refuses (400) a changed byte, a re-serialised body, a wrong secret, no header, only v0, a 301 s old timestamp — 200 generated cases, 0 writes', async () => {
    const { user, sessionId, event } = await paidCheckout();
    const url = t.webhookUrl;
    const now = () => Math.floor(Date.now() / 1000);
    const tampered = fc.oneof(
      fc.nat({ max: event.payload.length - 1 }).map((i) => {
        const flipped = event.payload.charCodeAt(i) === 0x41 ? 'B' : 'A';
        return { body: event.payload.slice(0, i) + flipped + event.payload.slice(i + 1) };
      }),
      fc.constant({ body: JSON.stringify(JSON.parse(event.payload)) }),
      fc.string({ minLength: 1, maxLength: 40 }).map((s) => ({ header: signatureHeader(event.payload, `whsec_${s}`) })),
      fc.constant({ header: null }),
      fc.constant({ header: `t=${now()},v0=${signatureHeader(event.payload, STRIPE_WEBHOOK_SECRET).split('v1=')[1]}` }),
      fc.integer({ min: 301, max: 7 * 86_400 }).map((age) => ({ timestamp: now() - age })),
    );
    await fc.assert(
      fc.asyncProperty(tampered, async (change) => {
        const res = await t.stripe.deliver(event, { url, ...change });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
      }),
      { numRuns: 200 },
    );
    expect(await purchaseGrants(user.id)).toEqual([]);
    expect(await handledEvents(event.id)).toBe(0);
    expect((await purchaseOf(t, sessionId))?.status).toBe('open');

    const valid = await t.stripe.deliver(event, { url });
    expect(valid.status).toBe(200);
    expect(await purchaseGrants(user.id)).toHaveLength(1);
  });

  it('W1: accepts a secret rotation header with two v1 signatures where only one matches', async () => {
    const { user, event } = await paidCheckout();
    const at = Math.floor(Date.now() / 1000);
    const old = signatureHeader(event.payload, 'whsec_the_previous_secret', at);
    const current = signatureHeader(event.payload, STRIPE_WEBHOOK_SECRET, at);
    const header = `${old},v1=${current.split('v1=')[1]}`;
    expect(header.match(/v1=/g)).toHaveLength(2);
    const res = await t.stripe.deliver(event, { url: t.webhookUrl, header });
    expect(res.status).toBe(200);
    expect(await purchaseGrants(user.id)).toHaveLength(1);
  });

  it('W2: one completed event delivered 50 times at once plus the success page → 51 × 2xx and exactly one grant', async () => {
    const { user, sessionId, event } = await paidCheckout();
    const responses = await Promise.all([
      ...Array.from({ length: 50 }, () => t.stripe.deliver(event, { url: t.webhookUrl })),
      fetch(`${t.baseUrl}/api/billing/fulfil`, {
        method: 'POST',
        headers: { cookie: user.cookie, origin: t.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId }),
      }),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(51).fill(200));
    expect(await purchaseGrants(user.id)).toEqual([{ kind: 'purchase', delta: 100, balanceAfter: 120, reference: sessionId }]);
    expect(await balanceOf(t, user)).toBe(120);
    expect((await purchaseOf(t, sessionId))?.status).toBe('paid');
  });

  it('W2: 20 sessions interleaved (each delivered 5 times and confirmed once, all at once) → exactly 20 grants', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => givenVerifiedUser(t)));
    const checkouts = [];
    for (let i = 0; i < 20; i++) checkouts.push(await paidCheckout(users[i % 4], i % 2 ? 'small' : 'medium'));
    const calls: (() => Promise<number>)[] = checkouts.flatMap(({ user, sessionId, event }) => [
      ...Array.from({ length: 5 }, () => () => t.stripe.deliver(event, { url: t.webhookUrl }).then((r) => r.status)),
      () => fulfil(t, user, sessionId).then((r) => r.statusCode),
    ]);
    // Interleaved: sent in a shuffled order, all in flight at once.
    const [order = calls] = fc.sample(fc.shuffledSubarray(calls, { minLength: calls.length }), { numRuns: 1, seed: 42 });
    const statuses = await Promise.all(order.map((call) => call()));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const grants = (await Promise.all(users.map((u) => purchaseGrants(u.id)))).flat();
    expect(grants).toHaveLength(20);
    expect(new Set(grants.map((g) => g.reference)).size).toBe(20);
    // Sessions i go to user i % 4 with the medium pack for even i: users 0 and 2 bought 5 × 300, users 1 and 3 5 × 100.
    expect(await Promise.all(users.map((u) => balanceOf(t, u)))).toEqual([1520, 520, 1520, 520]);
  });

  it('W3: checkout.session.completed and async_payment_succeeded for one purchase grant once', async () => {
    const user = await givenVerifiedUser(t);
    const sessionId = await givenCheckout(t, user);
    // A delayed payment method: checkout completes unpaid, the money arrives later.
    t.stripe.pay(sessionId, { delayed: true });
    const completed = t.stripe.event('checkout.session.completed', sessionId);
    expect((await t.stripe.deliver(completed, { url: t.webhookUrl })).status).toBe(200);
    expect(await purchaseGrants(user.id)).toEqual([]);
    expect((await purchaseOf(t, sessionId))?.status).toBe('processing');

    t.stripe.state.asyncSucceed(sessionId);
    const succeeded = t.stripe.event('checkout.session.async_payment_succeeded', sessionId);
    const [a, b] = await Promise.all([
      t.stripe.deliver(succeeded, { url: t.webhookUrl }),
      t.stripe.deliver(t.stripe.event('checkout.session.completed', sessionId), { url: t.webhookUrl }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await purchaseGrants(user.id)).toHaveLength(1);
    expect(await balanceOf(t, user)).toBe(120);
  });

  it('W5: a crash after COMMIT but before the answer (500), then Stripe retries → one grant', async () => {
    const { user, sessionId, event } = await paidCheckout();
    armed.afterCommit.add(sessionId);
    const crashed = await t.stripe.deliver(event, { url: t.webhookUrl });
    expect(crashed.status).toBe(500);
    expect(await purchaseGrants(user.id)).toHaveLength(1);
    expect(await handledEvents(event.id)).toBe(0);
    const retried = await t.stripe.deliver(event, { url: t.webhookUrl });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ received: true, duplicate: false });
    expect(await purchaseGrants(user.id)).toHaveLength(1);
    expect(await handledEvents(event.id)).toBe(1);
    expect(await (await t.stripe.deliver(event, { url: t.webhookUrl })).json()).toEqual({ received: true, duplicate: true });
  });

  it('W5: a crash before COMMIT rolls everything back (500), then the retry grants once', async () => {
    const { user, sessionId, event } = await paidCheckout();
    armed.beforeCommit.add(sessionId);
    expect((await t.stripe.deliver(event, { url: t.webhookUrl })).status).toBe(500);
    expect(await purchaseGrants(user.id)).toEqual([]);
    expect((await purchaseOf(t, sessionId))?.status).toBe('open');
    expect((await t.stripe.deliver(event, { url: t.webhookUrl })).status).toBe(200);
    expect(await purchaseGrants(user.id)).toHaveLength(1);
    expect(await balanceOf(t, user)).toBe(120);
  });

  it('acknowledges event types it does not handle without calling Stripe', async () => {
    const { sessionId } = await paidCheckout();
    const before = t.stripe.requests.length;
    const other = { ...t.stripe.event('checkout.session.completed', sessionId) };
    const payload = other.payload.replace('"checkout.session.completed"', '"customer.created"');
    const res = await t.stripe.deliver({ ...other, payload }, { url: t.webhookUrl });
    expect(res.status).toBe(200);
    expect(t.stripe.requests.length).toBe(before);
  });

  // Runs retention on this file's database (sessions and handled events go); every test here makes its own.
  it('W6: the same event replayed after 72 h + 1 min, and again once retention purged its dedupe row (31 days), grants once', async () => {
    const { user, sessionId, event } = await paidCheckout();
    const storedBalance = async () =>
      (await t.deps.db.select().from(tables.creditBalances).where(eq(tables.creditBalances.userId, user.id)))[0]?.balance;
    // Stripe signs every retry anew, so each replay carries the time it is sent (by the app's clock).
    const replay = () => t.stripe.deliver(event, { url: t.webhookUrl, timestamp: Math.floor(clock.now().getTime() / 1000) });
    const firstSentAt = Math.floor(Date.now() / 1000);

    expect((await t.stripe.deliver(event, { url: t.webhookUrl, timestamp: firstSentAt })).status).toBe(200);
    const grant = [{ kind: 'purchase', delta: 100, balanceAfter: 120, reference: sessionId }];
    expect(await purchaseGrants(user.id)).toEqual(grant);
    expect(await storedBalance()).toBe(120);

    try {
      // Just past Stripe's retry horizon: the old signature is stale, a fresh one is a duplicate.
      clock.offsetMs = 72 * HOUR + MINUTE;
      expect((await t.stripe.deliver(event, { url: t.webhookUrl, timestamp: firstSentAt })).status).toBe(400);
      const late = await replay();
      expect(late.status).toBe(200);
      expect(await late.json()).toEqual({ received: true, duplicate: true });
      expect(await purchaseGrants(user.id)).toEqual(grant);

      // Retention forgets handled events after 30 days; the ledger's (kind, reference) key never forgets.
      clock.offsetMs += 31 * DAY;
      const purged = await runRetention({ ...t.deps.privacy, generation: t.deps.generation });
      expect(purged.stripeEvents).toBeGreaterThanOrEqual(1);
      expect(await handledEvents(event.id)).toBe(0);
      const afterPurge = await replay();
      expect(afterPurge.status).toBe(200);
      expect(await afterPurge.json()).toEqual({ received: true, duplicate: false });
      expect(await handledEvents(event.id)).toBe(1);
      expect(await purchaseGrants(user.id)).toEqual(grant);
      expect(await storedBalance()).toBe(120);
      expect((await purchaseOf(t, sessionId))?.status).toBe('paid');
    } finally {
      clock.offsetMs = 0;
    }
  });
});
