/**
 * `npm run bench`: the generation submit path over HTTP (session, validation,
 * debit, generation row, job enqueue in one statement) against two baselines
 * measured in the same run on the same database:
 *   - a bare Fastify route that returns a constant;
 *   - a bare Fastify route doing only the raw debit transaction.
 * The same submit made with an API key (POST /api/v1/generations, Bearer)
 * beside the session's: the key's lookup and rate limit must cost little
 * (goal: key / session ≥ 0.9).
 * Then, apart from those ratios, Stripe's webhook deliveries: 50 connections
 * POST freshly signed checkout.session.completed events, each for a different
 * paid session, so every delivery does the full work (signature, Stripe read
 * from the local fake, fulfilment transaction, grant); Stripe wants a 2xx
 * well within its timeout, so the goal is p99 < 1 s.
 * Prints requests/s, p99 latency and the ratios. Uses PostgreSQL when
 * DATABASE_URL is set, PGlite otherwise. BENCH_SECONDS sets each run's length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { and, eq, inArray, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { createApiKey } from '../src/accounts/index.js';
import { queryRows } from '../src/db/index.js';
import type { buildDeps } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';
import { startStripeFake } from '../test/fakes/stripe-fake.js';
import { type FakeEvent, makeEvent, signatureHeader } from '../test/fakes/stripe-fake-events.js';
import { fakeId } from '../test/fakes/stripe-fake-state.js';
import { tables } from '../test/helpers/tables.js';
import { measure, type Result, scratchDatabase, startApp, verifiedUsers } from './lib.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const USERS = connections;
/** Stripe delivers many events at once when a backlog clears. */
const WEBHOOK_CONNECTIONS = 50;
/** Distinct paid sessions prepared; more than a run delivers, so no delivery is a cheap repeat. */
const WEBHOOK_SESSIONS = Number(process.env.BENCH_WEBHOOK_SESSIONS ?? Math.max(5_000, seconds * 2_500));
/** A backlog of events comes from many buyers (one account's grants serialise on its balance row). */
const WEBHOOK_BUYERS = 500;

const load = (name: string, opts: autocannon.Options): Promise<Result> => measure(name, { connections, duration: seconds, ...opts });

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'animegen-bench-'));
  // Billing on, its Stripe SDK pointed at the local fake the tests use.
  const stripeKeys = { secretKey: 'sk_test_animegen_bench', webhookSecret: 'whsec_animegen_bench' };
  const stripe = await startStripeFake(stripeKeys);
  const stripeEnv = {
    STRIPE_SECRET_KEY: stripeKeys.secretKey,
    STRIPE_WEBHOOK_SECRET: stripeKeys.webhookSecret,
    STRIPE_API_BASE: stripe.url,
  };
  // Its own database, dropped at the end: the queued generations never run (no worker here).
  const scratch = await scratchDatabase();
  // No worker: this measures accepting work, not running it.
  const { config, deps, app, base, origin } = await startApp(
    dataDir,
    // Each key's own rate limit out of the way: this measures the authentication's cost.
    { ...stripeEnv, API_KEY_RATE_LIMIT: '100000', ...(scratch.url ? { DATABASE_URL: scratch.url } : {}) },
    { role: 'web' },
  );

  // Verified users with large balances; requests rotate over them, as real traffic
  // spreads over accounts (each account's debits serialise on its balance row).
  const users = await verifiedUsers(app, deps, USERS);
  let turn = 0;
  const nextUser = () => users[turn++ % users.length]!;

  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  bare.post('/debit', async () => {
    const userId = nextUser().id;
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`
        with debited as (update credit_balances set balance = balance - 2 where user_id = ${userId} and balance >= 2 returning balance)
        insert into credit_entries (user_id, delta, kind, reference, balance_after)
        select ${userId}, -2, 'generation_debit', ${newId()}, balance from debited`);
    });
    return { ok: true };
  });
  const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });

  const hello = await load('bare Fastify route', { url: `${bareBase}/hello` });
  const debit = await load('raw debit transaction', { url: `${bareBase}/debit`, method: 'POST' });
  const submitBody = JSON.stringify({ prompt: 'benchmark: a quiet shrine at dusk', model: 'nano-banana', aspectRatio: '1:1' });
  const bySession = (name: string) =>
    load(name, {
      url: `${base}/api/generations`,
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: submitBody,
      setupClient: (client) => {
        client.setHeaders({ origin, 'content-type': 'application/json', cookie: nextUser().cookie });
      },
    });
  const keys = await Promise.all(
    users.map(async (u) => (await createApiKey(deps, { userId: u.id, key: { name: 'bench', scopes: ['generate'] } })).key),
  );
  let keyTurn = 0;
  const byKey = (name: string) =>
    load(name, {
      url: `${base}/api/v1/generations`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: submitBody,
      setupClient: (client) => {
        client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${keys[keyTurn++ % keys.length]}` });
      },
    });
  // Session and key alternate (A B A B): whichever ran first would otherwise carry the warm-up and the emptier tables.
  const submit = await bySession('POST /api/generations');
  const keyed = await byKey('POST /api/v1/generations (API key)');
  const submit2 = await bySession('POST /api/generations (again)');
  const keyed2 = await byKey('POST /api/v1/generations (API key, again)');

  const webhookSecret = config.billing.stripe!.webhookSecret.reveal();
  const buyers = await buyerAccounts(deps, WEBHOOK_BUYERS);
  const events = await paidCheckouts(deps, stripe, buyers, WEBHOOK_SESSIONS);
  let signed = 0;
  const webhook = await load('POST /api/billing/webhook', {
    url: `${base}/api/billing/webhook`,
    connections: WEBHOOK_CONNECTIONS,
    requests: [
      {
        method: 'POST',
        // Stripe signs each delivery when it sends it.
        setupRequest: (req) => {
          const event = events[signed++ % events.length]!;
          const headers = {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': signatureHeader(event.payload, webhookSecret),
          };
          return { ...req, headers, body: event.payload };
        },
      },
    ],
  });
  const ids = [...users, ...buyers].map((u) => u.id);
  const paid = await deps.db.$count(tables.purchases, and(eq(tables.purchases.status, 'paid'), inArray(tables.purchases.userId, ids)));

  const [{ balance, total }] = (await queryRows<{ balance: number; total: number }>(
    deps.db,
    sql`
    select (select sum(balance)::bigint from credit_balances where user_id in ${sql.raw(`('${ids.join("','")}')`)}) as balance,
           (select sum(delta)::bigint from credit_entries where user_id in ${sql.raw(`('${ids.join("','")}')`)}) as total`,
  )) as [{ balance: number; total: number }];

  console.log(`\nAnimeGen benchmark on ${deps.database.kind}, ${connections} connections over ${USERS} accounts, ${seconds} s each\n`);
  console.log('| path | req/s | p99 ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of [hello, debit, submit, keyed, submit2, keyed2, webhook])
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  console.log(`\nsubmit / bare route      = ${(submit.rps / hello.rps).toFixed(3)}`);
  console.log(`submit / raw debit tx    = ${(submit.rps / debit.rps).toFixed(3)}   (goal ≥ 0.5)`);
  console.log(
    `API key / session submit = ${((keyed.rps + keyed2.rps) / (submit.rps + submit2.rps)).toFixed(3)}   (goal ≥ 0.9; both runs of each)`,
  );
  console.log(`webhook p99 = ${webhook.p99} ms (goal < 1000 ms)`);
  const repeats = signed > events.length ? `${signed - events.length} repeats` : 'no repeats';
  console.log(
    `webhook: ${webhook.sent} deliveries answered over ${WEBHOOK_CONNECTIONS} connections, ${paid} purchases paid (in flight at the end included), ${events.length} distinct sessions prepared, ${repeats}`,
  );
  console.log(`ledger check: balance ${balance} = sum of entries ${total}: ${Number(balance) === Number(total) ? 'ok' : 'MISMATCH'}`);

  await bare.close();
  await app.close();
  await deps.close();
  await scratch.drop();
  await stripe.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Accounts that only buy (they never sign in, so they are written directly). */
async function buyerAccounts(deps: Awaited<ReturnType<typeof buildDeps>>, count: number): Promise<{ id: string }[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const id = newId();
    return { id, name: 'Bench buyer', email: `bench-buyer-${i}-${id}@example.com`, emailVerified: true };
  });
  for (let i = 0; i < rows.length; i += 1_000) await deps.db.insert(tables.user).values(rows.slice(i, i + 1_000));
  return rows.map(({ id }) => ({ id }));
}

/**
 * `count` purchases as the checkout route leaves them (our row `open` with its
 * session id; the session at Stripe with our purchase id), paid at the fake,
 * and the checkout.session.completed event Stripe then sends for each. Made
 * directly rather than through the route: the run needs thousands.
 */
async function paidCheckouts(
  deps: Awaited<ReturnType<typeof buildDeps>>,
  stripe: Awaited<ReturnType<typeof startStripeFake>>,
  users: { id: string }[],
  count: number,
): Promise<FakeEvent[]> {
  const pack = deps.billing.packs[0]!;
  const rows: (typeof tables.purchases.$inferInsert)[] = [];
  const events: FakeEvent[] = [];
  for (let i = 0; i < count; i++) {
    const purchaseId = newId();
    const sessionId = fakeId('cs');
    rows.push({
      id: purchaseId,
      userId: users[i % users.length]!.id,
      packId: pack.id,
      packName: pack.name,
      credits: pack.credits,
      amount: pack.price,
      currency: pack.currency,
      status: 'open',
      checkoutSessionId: sessionId,
    });
    stripe.state.sessions.set(sessionId, {
      id: sessionId,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      client_reference_id: purchaseId,
      metadata: { purchase_id: purchaseId, pack_id: pack.id },
      amount_total: pack.price,
      currency: pack.currency,
      success_url: `${deps.billing.publicUrl}/credits?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${deps.billing.publicUrl}/credits?checkout=cancel`,
      url: `${stripe.url}/pay/${sessionId}`,
      created: stripe.state.now(),
      payment_intent: null,
      customer_email: null,
    });
    const session = stripe.pay(sessionId);
    events.push(makeEvent('checkout.session.completed', stripe.state.render(session, [])));
  }
  for (let i = 0; i < rows.length; i += 1_000) await deps.db.insert(tables.purchases).values(rows.slice(i, i + 1_000));
  return events;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
