import { eq } from 'drizzle-orm';
import { type StripeFake, startStripeFake } from '../fakes/stripe-fake.js';
import { buildTestApp, type TestApp, type TestAppOptions } from './app.js';
import { tables } from './tables.js';
import type { TestUser } from './users.js';

export const STRIPE_SECRET_KEY = 'sk_test_animegen_fake_key';
export const STRIPE_WEBHOOK_SECRET = 'whsec_animegen_test_secret';

export interface BillingTestApp extends TestApp {
  stripe: StripeFake;
  /** The app listening on 127.0.0.1, for deliveries over real HTTP. */
  baseUrl: string;
  webhookUrl: string;
}

/**
 * The real app with billing on, its Stripe SDK pointed at a fresh fake, and
 * listening on a real port. No job worker: the hourly reconciliation must not
 * run behind a test's back (tests call it directly).
 */
export async function buildBillingTestApp(options: TestAppOptions = {}): Promise<BillingTestApp> {
  const stripe = await startStripeFake({ secretKey: STRIPE_SECRET_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET });
  const t = await buildTestApp({
    worker: false,
    ...options,
    env: {
      STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
      CHECKOUT_LIMIT_PER_HOUR: '1000',
      ...options.env,
    },
  });
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...t,
    stripe,
    baseUrl,
    webhookUrl: `${baseUrl}/api/billing/webhook`,
    close: async () => {
      await t.close();
      await stripe.close();
    },
  };
}

/** POST /api/billing/checkout as the user's browser would. */
export function startCheckout(t: TestApp, user: TestUser, packId = 'small') {
  return t.app.inject({
    method: 'POST',
    url: '/api/billing/checkout',
    headers: { cookie: user.cookie, origin: t.origin },
    payload: { packId },
  });
}

/** Starts a checkout and returns the Stripe session id from the checkout URL (/pay/:id at the fake). */
export async function givenCheckout(t: TestApp, user: TestUser, packId = 'small'): Promise<string> {
  const res = await startCheckout(t, user, packId);
  if (res.statusCode !== 200) throw new Error(`checkout: ${res.statusCode} ${res.body}`);
  const id = new URL(res.json().url).pathname.split('/').at(-1);
  if (!id) throw new Error(`checkout URL without a session: ${res.body}`);
  return id;
}

/** POST /api/billing/fulfil: the success page's call. */
export function fulfil(t: TestApp, user: TestUser, sessionId: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/billing/fulfil',
    headers: { cookie: user.cookie, origin: t.origin },
    payload: { sessionId },
  });
}

export async function purchaseOf(t: TestApp, sessionId: string) {
  const [row] = await t.deps.db.select().from(tables.purchases).where(eq(tables.purchases.checkoutSessionId, sessionId));
  return row;
}
