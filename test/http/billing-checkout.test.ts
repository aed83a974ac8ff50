import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeGateway } from '../../src/billing/stripe-gateway.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import {
  type BillingTestApp,
  buildBillingTestApp,
  fulfil,
  givenCheckout,
  purchaseOf,
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
  startCheckout,
} from '../helpers/billing.js';
import { balanceOf } from '../helpers/generations.js';
import { tables } from '../helpers/tables.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe('buying credits: checkout', () => {
  let t: BillingTestApp;
  beforeAll(async () => {
    // The default limit: 10 checkout starts per user and hour.
    t = await buildBillingTestApp({ env: { CHECKOUT_LIMIT_PER_HOUR: '10' } });
  });
  afterAll(() => t.close());

  it('lists the packs from configuration and an empty purchase history', async () => {
    const user = await givenVerifiedUser(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/billing', headers: { cookie: user.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      enabled: true,
      packs: [
        { id: 'small', name: '100 credits', credits: 100, price: 499, currency: 'eur' },
        { id: 'medium', name: '300 credits', credits: 300, price: 1299, currency: 'eur' },
        { id: 'large', name: '1000 credits', credits: 1000, price: 3499, currency: 'eur' },
      ],
      purchases: [],
    });
  });

  it('creates a payment-mode Checkout Session for the pack with our opaque reference, and sends Stripe nothing about the person', async () => {
    const user = await givenVerifiedUser(t, { name: 'Hanako Yamada' });
    const before = t.stripe.requests.length;
    const res = await startCheckout(t, user, 'medium');
    expect(res.statusCode).toBe(200);
    const sessionId = new URL(res.json().url).pathname.split('/').at(-1) ?? '';
    const session = t.stripe.state.session(sessionId);
    const purchase = await purchaseOf(t, sessionId);
    expect(purchase).toMatchObject({ userId: user.id, packId: 'medium', credits: 300, amount: 1299, currency: 'eur', status: 'open' });
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: 1299,
      currency: 'eur',
      client_reference_id: purchase?.id,
      customer_email: null,
    });
    expect(session.metadata).toEqual({ purchase_id: purchase?.id, pack_id: 'medium' });
    expect(session.success_url).toBe(`${t.config.http.publicUrl}/credits?checkout=success&session_id={CHECKOUT_SESSION_ID}`);

    const sent = t.stripe.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/checkout/sessions']);
    const everything = JSON.stringify(sent.map((r) => [r.headers, decodeURIComponent(r.body)]));
    for (const personal of [user.email, 'Hanako', 'Yamada', user.id]) expect(everything).not.toContain(personal);
    expect(everything).not.toContain('customer_email');
  });

  it('refuses an unknown pack (422 on packId) and creates nothing', async () => {
    const user = await givenVerifiedUser(t);
    const before = t.stripe.requests.length;
    const res = await startCheckout(t, user, 'gigantic');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'invalid_input', field: 'packId' });
    expect(t.stripe.requests.length).toBe(before);
  });

  it('allows 10 checkout starts per user and hour, even when 15 race: the rest get a clear 429', async () => {
    const user = await givenVerifiedUser(t);
    const other = await givenVerifiedUser(t);
    const results = await Promise.all(Array.from({ length: 15 }, () => startCheckout(t, user)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(10);
    const limited = results.filter((r) => r.statusCode === 429);
    expect(limited).toHaveLength(5);
    expect(limited[0]?.json().error).toEqual({
      code: 'rate_limited',
      message: 'You have started too many purchases in the last hour. Please try again later.',
    });
    // The limit is per user.
    expect((await startCheckout(t, other)).statusCode).toBe(200);
  });

  it('W9: sends an Idempotency-Key on every POST to Stripe; a lost response is retried with the same key and makes one session', async () => {
    const user = await givenVerifiedUser(t);
    const sessionsBefore = t.stripe.state.sessions.size;
    const before = t.stripe.requests.length;
    t.stripe.dropNextPostResponse();
    const res = await startCheckout(t, user);
    expect(res.statusCode).toBe(200);
    const attempts = t.stripe.requests.slice(before);
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(t.stripe.state.sessions.size).toBe(sessionsBefore + 1);

    const posts = t.stripe.requests.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(10);
    expect(posts.filter((r) => typeof r.headers['idempotency-key'] === 'string' && r.headers['idempotency-key'].length > 0)).toHaveLength(
      posts.length,
    );
  });

  it('W9: the same idempotency key with a different body is an error, never a silent second session', async () => {
    const gateway = createStripeGateway({ secretKey: STRIPE_SECRET_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET, apiBase: t.stripe.url });
    const pack = { id: 'small', name: '100 credits', credits: 100, price: 499, currency: 'eur' };
    const request = { purchaseId: 'p-1', pack, successUrl: 'http://x/s', cancelUrl: 'http://x/c', idempotencyKey: 'checkout-p-1' };
    const first = await gateway.createCheckoutSession(request);
    expect(await gateway.createCheckoutSession(request)).toEqual(first);
    await expect(gateway.createCheckoutSession({ ...request, pack: { ...pack, price: 1 } })).rejects.toMatchObject({
      code: 'payment_provider_unavailable',
    });
  });

  it('answers 502 payment_provider_unavailable when Stripe refuses, and the purchase is marked failed', async () => {
    const broken = await buildBillingTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_wrong_key' } });
    try {
      const user = await givenVerifiedUser(broken);
      const res = await startCheckout(broken, user);
      expect(res.statusCode).toBe(502);
      expect(res.json().error.code).toBe('payment_provider_unavailable');
      expect(JSON.stringify(res.json())).not.toContain('sk_test');
      const rows = await broken.deps.db.select().from(tables.purchases).where(eq(tables.purchases.userId, user.id));
      expect(rows.map((r) => r.status)).toEqual(['failed']);
    } finally {
      await broken.close();
    }
  });

  it("only the owner can fulfil a session from the success page; anyone else's or an unknown id is 404", async () => {
    const owner = await givenVerifiedUser(t);
    const stranger = await givenVerifiedUser(t);
    const sessionId = await givenCheckout(t, owner);
    t.stripe.pay(sessionId);
    expect((await fulfil(t, stranger, sessionId)).statusCode).toBe(404);
    expect((await fulfil(t, owner, 'cs_test_unknown')).statusCode).toBe(404);
    expect(await balanceOf(t, stranger)).toBe(stranger.credits);
    const res = await fulfil(t, owner, sessionId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'paid', credits: 100, balance: 120 });
  });

  it('shows paid purchases in the history; an unpaid (abandoned) checkout is not history', async () => {
    const user = await givenVerifiedUser(t);
    await givenCheckout(t, user, 'large');
    const paid = await givenCheckout(t, user, 'small');
    t.stripe.pay(paid);
    await fulfil(t, user, paid);
    const res = await t.app.inject({ method: 'GET', url: '/api/billing', headers: { cookie: user.cookie } });
    expect(res.json().purchases).toEqual([
      expect.objectContaining({ packName: '100 credits', credits: 100, amount: 499, currency: 'eur', status: 'paid', disputed: false }),
    ]);
  });
});

describe('buying credits without Stripe keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('is switched off cleanly: billing says disabled, every billing action answers 503 billing_disabled', async () => {
    const user = await givenVerifiedUser(t);
    const billing = await t.app.inject({ method: 'GET', url: '/api/billing', headers: { cookie: user.cookie } });
    expect(billing.json()).toEqual({ enabled: false, packs: [], purchases: [] });
    const calls = [
      startCheckout(t, user),
      fulfil(t, user, 'cs_test_x'),
      t.app.inject({ method: 'POST', url: '/api/billing/webhook', headers: { 'stripe-signature': 't=1,v1=x' }, payload: '{}' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toEqual({ code: 'billing_disabled', message: 'Payments are not set up on this server.' });
    }
  });
});
