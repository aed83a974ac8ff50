/**
 * `npm run bench`, part 2.1: BENCH_IN_FLIGHT generations in flight, against the least work the same
 * results need on this machine (bench/raw-in-flight-process.ts), each with a fresh simulator process.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Config } from '../src/config.js';
import { projectPath } from '../src/lib/paths.js';
import { createProvider, unlimitedRateLimiter } from '../src/providers/index.js';
import { cpuMs, mb, ms, rowsOf, startApp, verifiedUsers } from './lib.js';

const env = process.env;
const postgres = Boolean(env.DATABASE_URL);
const IN_FLIGHT = Number(env.BENCH_IN_FLIGHT ?? 500);
const TASK_MS = 2_000;
const CALLBACKS = env.BENCH_CALLBACKS !== '0';
/** Longest side of the results; part 2.2 measures ingestion of full-size ones. */
const RESULT_PX = Number(env.BENCH_RESULT_PX ?? 1024);
const API_KEY = 'bench-simulator-key';

/** A helper script of bench/ in a process of its own (through tsx: its memory is not measured). */
const child = (script: string, extra: Record<string, string>, stdin: 'pipe' | 'ignore') =>
  spawn(process.execPath, ['--import', 'tsx', projectPath(`bench/${script}`)], {
    env: { ...env, ...extra },
    stdio: [stdin, 'pipe', 'inherit'],
  });

/** The users in their own process (bench/submit-process.ts): `go()` submits IN_FLIGHT at once and gives the statuses. */
async function submitProcess(base: string, origin: string, cookies: string[]): Promise<{ go(): Promise<number[]> }> {
  const users = child(
    'submit-process.ts',
    { BENCH_BASE: base, BENCH_ORIGIN: origin, BENCH_COOKIES: JSON.stringify(cookies), BENCH_SUBMIT_COUNT: String(IN_FLIGHT) },
    'pipe',
  );
  const lines = createInterface({ input: users.stdout! })[Symbol.asyncIterator]();
  await lines.next(); // ready
  return {
    go: async () => {
      users.stdin!.write('go\n');
      const { value } = await lines.next();
      return JSON.parse(String(value)) as number[];
    },
  };
}

/** The simulator in its own process (bench/simulator-process.ts): its URL, and how to stop it. */
async function simulatorProcess(): Promise<{ url: string; close(): Promise<void> }> {
  const sim = child(
    'simulator-process.ts',
    { SIM_API_KEY: API_KEY, SIM_DELAY_MS: String(TASK_MS), BENCH_RESULT_PX: String(RESULT_PX) },
    'ignore',
  );
  const [line] = (await once(createInterface({ input: sim.stdout! }), 'line')) as [string];
  return {
    url: line.trim(),
    close: async () => {
      sim.kill('SIGTERM');
      await once(sim, 'exit');
    },
  };
}

interface RawRun {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
}

/** The baseline (bench/raw-in-flight-process.ts) against a simulator of its own. */
async function rawInFlight(dataDir: string): Promise<RawRun> {
  mkdirSync(dataDir, { recursive: true });
  const simulator = await simulatorProcess();
  const raw = child('raw-in-flight-process.ts', { SIM_URL: simulator.url, SIM_API_KEY: API_KEY, BENCH_DIR: dataDir }, 'ignore');
  const [line] = (await once(createInterface({ input: raw.stdout! }), 'line')) as [string];
  await simulator.close();
  return JSON.parse(line) as RawRun;
}

/** 1. IN_FLIGHT generations at once through HTTP, the queue, the KIE adapter, the simulator and ingestion. */
export async function inFlight(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  // The baseline runs before and after ours; their mean evens out drift in the machine's speed.
  const rawBefore = await rawInFlight(join(dataDir, 'raw-before'));
  const simulator = await simulatorProcess();
  const provider = createProvider({ kind: 'simulator-url', url: simulator.url, apiKey: API_KEY }, { rateLimiter: unlimitedRateLimiter });
  // WORKER_CONCURRENCY stops at 64 per process; this one process stands for several workers.
  const tune = (c: Config) => ({ ...c, generation: { ...c.generation, concurrency: IN_FLIGHT } });
  const s = await startApp(dataDir, databaseUrl ? { DATABASE_URL: databaseUrl } : {}, { role: 'all', provider }, tune);
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
  const samples = [process.memoryUsage()];
  const sampler = setInterval(() => samples.push(process.memoryUsage()), 100);
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  const statuses = await submitter.go();
  const submittedMs = performance.now() - t0;
  fetches.submit = fetches.total;
  const accepted = statuses.filter((st) => st < 300).length;
  const deadline = performance.now() + Number(env.BENCH_IN_FLIGHT_TIMEOUT_SECONDS ?? 180) * 1000;
  const count: Record<string, number> = { succeeded: 0, failed: 0 };
  for (;;) {
    const rows = await rowsOf(
      s.deps.db.execute(sql`select status, count(*)::int as n from generations where user_id in ${owners} group by 1`),
    );
    for (const r of rows) count[r.status as string] = Number(r.n);
    if (count.succeeded! + count.failed! >= accepted || performance.now() > deadline) break;
    await sleep(100);
  }
  const wallMs = performance.now() - t0;
  const cpu = cpuMs(cpu0);
  clearInterval(sampler);
  const peak = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
  const pct = (p: number, from: string) =>
    sql.raw(`percentile_cont(${p}) within group (order by extract(epoch from ${from}_at - created_at)) * 1000`);
  const [lat] = await rowsOf(
    s.deps.db.execute(sql`select ${pct(0.5, 'started')} as pick50, ${pct(1, 'started')} as pickmax,
      ${pct(0.5, 'completed')} as done50, ${pct(0.99, 'completed')} as done99 from generations where user_id in ${owners}`),
  );
  // Where the adapter first looks at or after TASK_MS: right after createTask, then after growing gaps (no callbacks here).
  const { initialMs, maxMs } = s.deps.generation.settings.poll;
  let [at, gap] = [0, initialMs];
  while (at < TASK_MS) [at, gap] = [at + gap, Math.min(Math.round(gap * 1.5), maxMs)];
  const sim = (await (await fetch(`${simulator.url}/_sim/stats`)).json()) as Record<string, number>;
  await s.app.close();
  await s.deps.close();
  await simulator.close();
  const rawAfter = await rawInFlight(join(dataDir, 'raw-after'));
  const raw = { wallMs: (rawBefore.wallMs + rawAfter.wallMs) / 2, cpuMs: (rawBefore.cpuMs + rawAfter.cpuMs) / 2 };
  const peakRawRss = Math.max(rawBefore.peakRss, rawAfter.peakRss);

  const cores = cpu / wallMs;
  const polling = postgres ? 1 : 0.5; // seconds, buildDeps' default
  const unfinished = accepted - count.succeeded! - count.failed!;
  const native = peak.rss - peak.heapTotal - peak.arrayBuffers;
  const report = [
    `\n## 1. ${IN_FLIGHT} generations in flight (10 users, ${IN_FLIGHT} worker slots, simulator ${TASK_MS} ms per task, KIE rate limits off)`,
    `completion: ${CALLBACKS ? 'KIE calls back when a task ends, as with a public PUBLIC_URL (BENCH_CALLBACKS=0: polling only)' : 'polling only'}\n`,
    `submitted: ${accepted}/${IN_FLIGHT} accepted in ${ms(submittedMs)} ms (HTTP ${[...new Set(statuses)].join(', ')})`,
    `terminal: ${count.succeeded} succeeded, ${count.failed} failed, ${unfinished} unfinished`,
    `wall until all terminal = ${ms(wallMs)} ms; ideal (all in parallel, no work of ours) = ${TASK_MS} ms`,
    `baseline, same run: the same ${IN_FLIGHT} results with nothing but createTask, callback, recordInfo, download,`,
    `  512 px WebP thumbnail and two file writes (no database, accounts, queue or checks), run before and after ours:`,
    `  ${ms(rawBefore.wallMs)} and ${ms(rawAfter.wallMs)} ms, mean ${ms(raw.wallMs)} ms; ${ms(raw.cpuMs / IN_FLIGHT)} CPU ms per result, peak RSS ${mb(peakRawRss)}`,
    `wall / baseline mean = ${(wallMs / raw.wallMs).toFixed(2)}×   (goal ≤ 1.3×)`,
    `wall / ideal 2 s = ${(wallMs / TASK_MS).toFixed(2)}×; the baseline alone is ${(raw.wallMs / TASK_MS).toFixed(2)}× on ${availableParallelism()} cores`,
    `peak RSS = ${mb(peak.rss)} (goal < 400 MB; ${mb(samples[0]!.rss)} before the first submit)`,
    `  at the peak: JS heap ${mb(peak.heapUsed)}, buffers ${mb(peak.arrayBuffers)}, native (sharp/libvips, allocator…) ${mb(native)}`,
    `CPU: this process kept ${cores.toFixed(2)} of ${availableParallelism()} cores busy on average,`,
    `  ${ms(cpu / accepted)} CPU ms per generation (app and worker; the simulator and the users run apart): on ${availableParallelism()} cores`,
    `  ${accepted} need ≥ ${ms(cpu / availableParallelism() / 1000)} s of wall time for CPU alone, before PostgreSQL's share`,
    `per generation: queued→running p50 ${ms(lat?.pick50)} ms, max ${ms(lat?.pickmax)} ms;`,
    `  created→succeeded p50 ${ms(lat?.done50)} ms, p99 ${ms(lat?.done99)} ms`,
    CALLBACKS
      ? `polling is the safety net only (every ${maxMs} ms); completion follows the callback`
      : `poll schedule floor (${initialMs} ms ×1.5, first look at or after ${TASK_MS} ms): ${at} ms = ${(at / TASK_MS).toFixed(2)}× ideal`,
    `simulator: ${sim.createTask} createTask, ${sim.recordInfo} recordInfo, ${sim.downloads} downloads`,
    `queue: ${fetches.total} job fetches by the ${IN_FLIGHT} slots (${fetches.submit} while submitting); idle, one fetch every ${polling} s for all of them`,
  ];
  console.log(report.join('\n'));
}
