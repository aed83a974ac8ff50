/**
 * `npm run bench`: the generation submit path over HTTP (session, validation,
 * debit, generation row, job enqueue in one statement) against two baselines
 * measured in the same run on the same database:
 *   - a bare Fastify route that returns a constant;
 *   - a bare Fastify route doing only the raw debit transaction.
 * Prints requests/s, p99 latency and the ratios. Uses PostgreSQL when
 * DATABASE_URL is set, PGlite otherwise. BENCH_SECONDS sets each run's length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { grantCredits } from '../src/credits/index.js';
import { buildDeps } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const USERS = connections;

interface Result {
  name: string;
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, opts: autocannon.Options): Promise<Result> {
  const r = await autocannon({ connections, duration: seconds, ...opts });
  return { name, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'animegen-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    AUTH_TEST_FAST_HASH: '1',
    // The accounts below are made from one address in a second; sign-up limits are tested elsewhere.
    AUTH_RATE_LIMIT: '0',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
  });
  // No worker: this measures accepting work, not running it.
  const deps = await buildDeps(config, { role: 'web' });
  const app = await buildApp(deps, { webRoot: join(dataDir, 'none') });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = new URL(config.http.publicUrl).origin;

  // Verified users with large balances; requests rotate over them, as real traffic
  // spreads over accounts (each account's debits serialise on its balance row).
  const users: { cookie: string; id: string }[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `bench-${i}-${Date.now()}@example.com`;
    await app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin },
      payload: { email, password: 'bench password 1', name: 'Bench', ageConfirmed: true },
    });
    const link = new URL(deps.devMailbox!.list()[0]!.links[0]!);
    const verified = await app.inject({ method: 'GET', url: link.pathname + link.search });
    const cookie = ([] as string[])
      .concat(verified.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const id = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().id as string;
    await grantCredits(deps.db, { userId: id, amount: 100_000_000, kind: 'admin_adjustment', reference: `bench-${id}` });
    users.push({ cookie, id });
  }
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
  const submit = await load('POST /api/generations', {
    url: `${base}/api/generations`,
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'benchmark: a quiet shrine at dusk', model: 'nano-banana', aspectRatio: '1:1' }),
    setupClient: (client) => {
      client.setHeaders({ origin, 'content-type': 'application/json', cookie: nextUser().cookie });
    },
  });

  const ids = users.map((u) => u.id);
  const ledger = await deps.db.execute(sql`
    select (select sum(balance)::bigint from credit_balances where user_id in ${sql.raw(`('${ids.join("','")}')`)}) as balance,
           (select sum(delta)::bigint from credit_entries where user_id in ${sql.raw(`('${ids.join("','")}')`)}) as total`);
  const { balance, total } = (ledger as unknown as { rows: { balance: number; total: number }[] }).rows[0]!;

  console.log(`\nAnimeGen benchmark on ${deps.database.kind}, ${connections} connections over ${USERS} accounts, ${seconds} s each\n`);
  console.log('| path | req/s | p99 ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of [hello, debit, submit]) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  console.log(`\nsubmit / bare route      = ${(submit.rps / hello.rps).toFixed(3)}`);
  console.log(`submit / raw debit tx    = ${(submit.rps / debit.rps).toFixed(3)}   (goal ≥ 0.5)`);
  console.log(`ledger check: balance ${balance} = sum of entries ${total}: ${Number(balance) === Number(total) ? 'ok' : 'MISMATCH'}`);

  await bare.close();
  await app.close();
  await deps.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
