/**
 * One round of the in-flight benchmark, in a fresh process (bench/in-flight.ts starts it): the app
 * and a worker with BENCH_IN_FLIGHT slots on BENCH_ROUND_DATABASE_URL (PGlite in BENCH_ROUND_DIR
 * when empty), the simulator and the users in processes of their own. A warm-up of
 * BENCH_IN_FLIGHT_WARMUP generations first (code loaded, pools opened, as in a server that has
 * been up a while), then BENCH_IN_FLIGHT at once; prints what it measured as one JSON line.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../src/config.js';
import { createProvider, unlimitedRateLimiter } from '../src/providers/index.js';
import { cpuMs, rowsOf, settleGenerations, startApp, verifiedUsers } from './lib.js';
import { API_KEY, simulatorProcess, submitProcess } from './processes.js';

const env = process.env;
const IN_FLIGHT = Number(env.BENCH_IN_FLIGHT ?? 500);
const WARMUP = Number(env.BENCH_IN_FLIGHT_WARMUP ?? 50);
const CALLBACKS = env.BENCH_CALLBACKS !== '0';

export interface RoundResult {
  accepted: number;
  statuses: number[];
  submittedMs: number;
  wallMs: number;
  cpuMs: number;
  firstRss: number;
  peak: NodeJS.MemoryUsage;
  count: Record<string, number>;
  latency: Record<string, number>;
  simulator: Record<string, number>;
  fetches: { submit: number; total: number };
  poll: { initialMs: number; maxMs: number };
}

async function round(): Promise<RoundResult> {
  const simulator = await simulatorProcess();
  const provider = createProvider({ kind: 'simulator-url', url: simulator.url, apiKey: API_KEY }, { rateLimiter: unlimitedRateLimiter });
  // WORKER_CONCURRENCY stops at 64 per process; this one process stands for several workers.
  const tune = (c: Config) => ({ ...c, generation: { ...c.generation, concurrency: IN_FLIGHT } });
  const databaseUrl = env.BENCH_ROUND_DATABASE_URL;
  const s = await startApp(env.BENCH_ROUND_DIR!, databaseUrl ? { DATABASE_URL: databaseUrl } : {}, { role: 'all', provider }, tune);
  // As when PUBLIC_URL is public: KIE calls back when a task ends (polling stays the fallback).
  if (CALLBACKS) s.deps.generation.settings.callbackBaseUrl = s.base;
  const users = await verifiedUsers(s.app, s.deps, 10, 'bench-inflight');
  const owners = users.map((u) => u.id);
  // Count the worker slots' job fetches (pg-boss runs its SQL through this executor).
  const executor = s.deps.database.executor;
  const execute = executor.executeSql.bind(executor);
  const fetches = { submit: 0, total: 0 };
  executor.executeSql = (text, values) => {
    if (text.includes('SKIP LOCKED')) fetches.total++;
    return execute(text, values);
  };
  const submitter = await submitProcess(
    s.base,
    s.origin,
    users.map((u) => u.cookie),
  );
  const simStats = async () => (await (await fetch(`${simulator.url}/_sim/stats`)).json()) as Record<string, number>;
  const settle = (prefix: string, expected: number, deadline: number) =>
    settleGenerations(s.deps.db, { owners, prefix, expected, deadline, pollMs: 100 });
  const timeout = () => performance.now() + Number(env.BENCH_IN_FLIGHT_TIMEOUT_SECONDS ?? 180) * 1000;

  if (WARMUP > 0) {
    const warm = await submitter.submit(WARMUP, 'warm up');
    await settle('warm up', warm.filter((st) => st < 300).length, timeout());
  }
  const sim0 = await simStats();
  fetches.total = 0;
  const firstRss = process.memoryUsage().rss;
  const samples = [process.memoryUsage()];
  const sampler = setInterval(() => samples.push(process.memoryUsage()), 100);
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  const statuses = await submitter.submit(IN_FLIGHT, 'in flight');
  const submittedMs = performance.now() - t0;
  fetches.submit = fetches.total;
  const accepted = statuses.filter((st) => st < 300).length;
  const count = await settle('in flight', accepted, timeout());
  const wallMs = performance.now() - t0;
  const cpu = cpuMs(cpu0);
  clearInterval(sampler);
  const peak = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
  const pct = (p: number, from: string) =>
    sql.raw(`percentile_cont(${p}) within group (order by extract(epoch from ${from}_at - created_at)) * 1000`);
  const [latency] = await rowsOf(
    s.deps.db.execute(sql`select ${pct(0.5, 'started')} as pick50, ${pct(1, 'started')} as pickmax,
      ${pct(0.5, 'completed')} as done50, ${pct(0.99, 'completed')} as done99
      from generations where user_id in ${owners} and prompt like 'in flight %'`),
  );
  const sim1 = await simStats();
  const simulatorDelta = Object.fromEntries(Object.entries(sim1).map(([k, v]) => [k, v - (sim0[k] ?? 0)]));
  submitter.close();
  await s.app.close();
  await s.deps.close();
  await simulator.close();
  const { initialMs, maxMs } = s.deps.generation.settings.poll;
  return {
    accepted,
    statuses,
    submittedMs,
    wallMs,
    cpuMs: cpu,
    firstRss,
    peak,
    count,
    latency: Object.fromEntries(Object.entries(latency ?? {}).map(([k, v]) => [k, Number(v)])),
    simulator: simulatorDelta,
    fetches,
    poll: { initialMs, maxMs },
  };
}

round().then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
