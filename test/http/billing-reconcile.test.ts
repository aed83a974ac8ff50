import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileCheckouts, reconcileJob, registerBillingJobs } from '../../src/billing/index.js';
import { queryRows } from '../../src/db/index.js';
import { type BillingTestApp, buildBillingTestApp, givenCheckout } from '../helpers/billing.js';
import { balanceOf } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe('billing reconciliation', () => {
  let t: BillingTestApp;
  beforeAll(async () => {
    t = await buildBillingTestApp();
  });
  afterAll(() => t.close());

  it('W7: grants 25 paid sessions whose webhooks never arrived; a second run grants 0 and asks Stripe only for the list', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => givenVerifiedUser(t)));
    const missed: string[] = [];
    for (const user of users) {
      for (let i = 0; i < 5; i++) {
        const sessionId = await givenCheckout(t, user);
        t.stripe.pay(sessionId);
        missed.push(sessionId);
      }
    }
    // Around them: one purchase the webhook did fulfil, one checkout never paid, one delayed payment still clearing.
    const fulfilled = await givenCheckout(t, users[0]!);
    t.stripe.pay(fulfilled);
    await t.stripe.deliver(t.stripe.event('checkout.session.completed', fulfilled), { url: t.webhookUrl });
    await givenCheckout(t, users[1]!);
    t.stripe.pay(await givenCheckout(t, users[2]!), { delayed: true });

    const first = await reconcileCheckouts(t.deps.billing);
    expect(first).toEqual({ checked: 26, granted: 25 });
    const grants = (await Promise.all(users.map((u) => ledgerOf(t, u.id)))).flat().filter((e) => e.kind === 'purchase');
    expect(grants.map((g) => g.reference).sort()).toEqual([...missed, fulfilled].sort());
    expect(await Promise.all(users.map((u) => balanceOf(t, u)))).toEqual([620, 520, 520, 520, 520]);

    const before = t.stripe.requests.length;
    expect(await reconcileCheckouts(t.deps.billing)).toEqual({ checked: 26, granted: 0 });
    expect(new Set(t.stripe.requests.slice(before).map((r) => `${r.method} ${r.path}`))).toEqual(new Set(['GET /v1/checkout/sessions']));
  });

  it('looks back three days: older sessions are outside what Stripe is asked for', async () => {
    const before = t.stripe.requests.length;
    await reconcileCheckouts(t.deps.billing);
    const list = t.stripe.requests.slice(before).find((r) => r.path === '/v1/checkout/sessions');
    const since = Number((list?.params.created as { gte?: string } | undefined)?.gte);
    expect(Math.floor(Date.now() / 1000) - since).toBeGreaterThanOrEqual(3 * 86_400 - 5);
    expect(Math.floor(Date.now() / 1000) - since).toBeLessThanOrEqual(3 * 86_400 + 5);
    expect(list?.params.status).toBe('complete');
  });
});

describe('the billing.reconcile job', () => {
  it('is scheduled hourly on workers when billing is on, runs from the queue, and is unscheduled when billing is off', async () => {
    const on = await buildBillingTestApp({ worker: true });
    const billingSchedules = () => queryRows(on.deps.db, sql`select name, cron from pgboss.schedule where name like 'billing.%'`);
    try {
      expect(await billingSchedules()).toEqual([{ name: reconcileJob.name, cron: '17 * * * *' }]);
      const user = await givenVerifiedUser(on);
      on.stripe.pay(await givenCheckout(on, user));
      await on.deps.queue.send(null, reconcileJob, {});
      await expect.poll(() => balanceOf(on, user), { timeout: 20_000, interval: 100 }).toBe(120);

      // The same worker without Stripe keys: the schedule goes.
      await registerBillingJobs(on.deps.queue, { ...on.deps.billing, gateway: null });
      expect(await billingSchedules()).toEqual([]);
    } finally {
      await on.close();
    }
  });
});
