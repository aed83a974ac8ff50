/** Helpers shared by the benchmarks (bench/run.ts, bench/pipeline.ts). */
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { grantCredits } from '../src/credits/index.js';
import { buildDeps, type Deps, type DepsOverrides } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';
import { startWorker } from '../src/worker.js';

/** The environment every benchmark starts from: quiet, fast hashing, PostgreSQL when DATABASE_URL is set. */
export function benchEnv(dataDir: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent', // e.g. BENCH_LOG_LEVEL=warn to see the app's warnings
    DATA_DIR: dataDir,
    AUTH_TEST_FAST_HASH: '1',
    // The accounts are made from one address in a second; sign-up limits are tested elsewhere.
    AUTH_RATE_LIMIT: '0',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
  };
}

/**
 * The app as a benchmark runs it: config from benchEnv plus `env` (then `tune`), deps, the job
 * worker unless the role is 'web', HTTP on a free loopback port.
 */
export async function startApp(dataDir: string, env: Record<string, string>, overrides: DepsOverrides, tune = (c: Config) => c) {
  const config = tune(loadConfig({ ...benchEnv(dataDir), ...env }));
  const deps = await buildDeps(config, overrides);
  if (overrides.role !== 'web') await startWorker(deps);
  const app = await buildApp(deps, { webRoot: join(dataDir, 'none') });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { config, deps, app, base, origin: new URL(config.http.publicUrl).origin };
}

export interface BenchUser {
  cookie: string;
  id: string;
}

/**
 * Verified, signed-in users with large balances, made through the real
 * sign-up and verification routes (unique e-mails, so reruns on one
 * PostgreSQL never collide).
 */
export async function verifiedUsers(app: FastifyInstance, deps: Deps, count: number, prefix = 'bench'): Promise<BenchUser[]> {
  const origin = new URL(deps.config.http.publicUrl).origin;
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${i}-${Date.now()}@example.com`;
    await app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin },
      payload: { email, password: 'bench password 1', name: 'Bench', ageConfirmed: true },
    });
    const mail = deps.devMailbox!.list().find((m) => m.to === email);
    const link = new URL(mail!.links[0]!);
    const verified = await app.inject({ method: 'GET', url: link.pathname + link.search });
    const cookie = ([] as string[])
      .concat(verified.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const id = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().id as string;
    await grantCredits(deps.db, { userId: id, amount: 100_000_000, kind: 'admin_adjustment', reference: `bench-${id}` });
    users.push({ cookie, id });
  }
  return users;
}

export interface Result {
  name: string;
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
  sent: number;
}

/** One autocannon run, summarised. */
export async function measure(name: string, opts: autocannon.Options): Promise<Result> {
  const r = await autocannon(opts);
  return { name, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, sent: r.requests.total };
}

/**
 * A fresh database beside DATABASE_URL, dropped afterwards: a shared one fills up with the
 * benchmarks' rows, and may hold queued jobs of earlier runs that a worker would run first.
 */
export async function scratchDatabase() {
  if (!process.env.DATABASE_URL) return { url: undefined, drop: async () => {} };
  const name = `animegen_bench_${newId().replaceAll('-', '_')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return (await client.query(statement).finally(() => client.end())).rows;
  };
  await admin(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database ${name} with (force)`) };
}

export const rowsOf = async (q: Promise<unknown>) => ((await q) as { rows: Record<string, unknown>[] }).rows;
export const ms = (n: unknown) => Number(n).toFixed(1);
export const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
export const cpuMs = (since: NodeJS.CpuUsage) => (({ user, system }) => (user + system) / 1000)(process.cpuUsage(since));

/**
 * Waits until `expected` generations of `owners` whose prompt starts with
 * `prefix` are terminal, or `deadline` (performance.now()) passes; answers their counts by status.
 */
export async function settleGenerations(
  db: { execute(q: SQL): Promise<unknown> },
  q: { owners: string[]; prefix: string; expected: number; deadline: number; pollMs: number },
): Promise<Record<string, number>> {
  for (;;) {
    const rows = await rowsOf(
      db.execute(sql`select status, count(*)::int as n from generations
        where user_id in ${q.owners} and prompt like ${`${q.prefix} %`} group by 1`),
    );
    const count: Record<string, number> = { succeeded: 0, failed: 0 };
    for (const r of rows) count[r.status as string] = Number(r.n);
    if (count.succeeded! + count.failed! >= q.expected || performance.now() > q.deadline) return count;
    await new Promise((r) => setTimeout(r, q.pollMs));
  }
}
