/**
 * `npm run bench`, part 1: BENCH_IN_FLIGHT generations in flight, against the least work the same
 * results need on this machine (bench/raw-in-flight-process.ts). BENCH_IN_FLIGHT_ROUNDS rounds
 * (3), each of ours in a fresh process (bench/in-flight-round.ts) on a scratch database, between
 * two baseline runs: each round is compared to the mean of the baselines either side of it, which
 * evens out drift in the machine's speed; the median round is the figure.
 */
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { RoundResult } from './in-flight-round.js';
import { mb, ms, scratchDatabase } from './lib.js';
import { API_KEY, child, firstLine, RESULT_PX, roundProcess, simulatorProcess, TASK_MS } from './processes.js';

const env = process.env;
const IN_FLIGHT = Number(env.BENCH_IN_FLIGHT ?? 500);
const ROUNDS = Number(env.BENCH_IN_FLIGHT_ROUNDS ?? 3);
const CALLBACKS = env.BENCH_CALLBACKS !== '0';

interface RawRun {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
}

/** The baseline against a simulator of its own. */
async function rawInFlight(dataDir: string): Promise<RawRun> {
  mkdirSync(dataDir, { recursive: true });
  const simulator = await simulatorProcess();
  const raw = child('raw-in-flight-process.ts', { SIM_URL: simulator.url, SIM_API_KEY: API_KEY, BENCH_DIR: dataDir });
  const line = await firstLine(raw);
  await simulator.close();
  return JSON.parse(line) as RawRun;
}

/** One round of ours in a fresh process, on a scratch database (PGlite under dataDir without DATABASE_URL). */
async function ours(dataDir: string): Promise<RoundResult> {
  mkdirSync(dataDir, { recursive: true });
  const scratch = await scratchDatabase();
  try {
    const proc = roundProcess({ BENCH_ROUND_DIR: dataDir, BENCH_ROUND_DATABASE_URL: scratch.url ?? '' });
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const [code] = (await once(proc, 'exit')) as [number];
    if (code !== 0) throw new Error(`in-flight round exited with ${code}`);
    return JSON.parse(out.trim().split('\n').at(-1)!) as RoundResult;
  } finally {
    await scratch.drop();
  }
}

export async function inFlight(dataDir: string): Promise<void> {
  const raws = [await rawInFlight(join(dataDir, 'raw-0'))];
  const rounds: RoundResult[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    rounds.push(await ours(join(dataDir, `ours-${i}`)));
    raws.push(await rawInFlight(join(dataDir, `raw-${i}`)));
  }
  const ratios = rounds.map((r, i) => r.wallMs / ((raws[i]!.wallMs + raws[i + 1]!.wallMs) / 2));
  report(rounds[0]!, raws.slice(0, 2));
  const rows = rounds.map(
    (r, i) =>
      `| ${i + 1} | ${ratios[i]!.toFixed(2)}× | ${ms(r.wallMs)} | ${ms(raws[i]!.wallMs)} / ${ms(raws[i + 1]!.wallMs)} | ${ms(r.cpuMs / r.accepted)} | ${mb(r.peak.rss)} | ${r.count.succeeded}/${r.accepted} |`,
  );
  const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  const highest = Math.max(...rounds.map((r) => r.peak.rss));
  console.log(
    [
      `\n### ${ROUNDS} rounds, each in a fresh process between two baseline runs`,
      '| round | ours / baseline mean | ours wall ms | baseline wall ms (before / after) | CPU ms per generation | peak RSS | succeeded |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      `median ratio = ${median.toFixed(2)}× (goal ≤ 1.3×); highest peak RSS = ${mb(highest)} (goal < 400 MB)`,
    ].join('\n'),
  );
}

/** The first round in full: where the time went. */
function report(r: RoundResult, [before, after]: RawRun[]): void {
  const raw = { wallMs: (before!.wallMs + after!.wallMs) / 2, cpuMs: (before!.cpuMs + after!.cpuMs) / 2 };
  const cores = availableParallelism();
  const polling = env.DATABASE_URL ? 1 : 0.5; // seconds, buildDeps' default
  const native = r.peak.rss - r.peak.heapTotal - r.peak.arrayBuffers;
  // Where the adapter first looks at or after TASK_MS without callbacks: right after createTask, then after growing gaps.
  let [at, gap] = [0, r.poll.initialMs];
  while (at < TASK_MS) [at, gap] = [at + gap, Math.min(Math.round(gap * 1.5), r.poll.maxMs)];
  const lines = [
    `\n## 1. ${IN_FLIGHT} generations in flight (10 users, ${IN_FLIGHT} worker slots, simulator ${TASK_MS} ms per task, ${RESULT_PX} px results, KIE rate limits off)`,
    `completion: ${CALLBACKS ? 'KIE calls back when a task ends, as with a public PUBLIC_URL (BENCH_CALLBACKS=0: polling only)' : 'polling only'}`,
    `round 1 of ${ROUNDS}, after a warm-up of ${env.BENCH_IN_FLIGHT_WARMUP ?? 50} generations:\n`,
    `submitted: ${r.accepted}/${IN_FLIGHT} accepted in ${ms(r.submittedMs)} ms (HTTP ${[...new Set(r.statuses)].join(', ')})`,
    `terminal: ${r.count.succeeded} succeeded, ${r.count.failed} failed, ${r.accepted - r.count.succeeded! - r.count.failed!} unfinished`,
    `wall until all terminal = ${ms(r.wallMs)} ms; ideal (all in parallel, no work of ours) = ${TASK_MS} ms`,
    `baseline: the same ${IN_FLIGHT} results with nothing but createTask, callback, recordInfo, download,`,
    `  512 px WebP thumbnail and two file writes (no database, accounts, queue or checks), run before and after:`,
    `  ${ms(before!.wallMs)} and ${ms(after!.wallMs)} ms, mean ${ms(raw.wallMs)} ms; ${ms(raw.cpuMs / IN_FLIGHT)} CPU ms per result, peak RSS ${mb(Math.max(before!.peakRss, after!.peakRss))}`,
    `wall / baseline mean = ${(r.wallMs / raw.wallMs).toFixed(2)}×   (goal ≤ 1.3×)`,
    `wall / ideal 2 s = ${(r.wallMs / TASK_MS).toFixed(2)}×; the baseline alone is ${(raw.wallMs / TASK_MS).toFixed(2)}× on ${cores} cores`,
    `peak RSS = ${mb(r.peak.rss)} (goal < 400 MB; ${mb(r.firstRss)} before the burst)${env.DATABASE_URL ? '' : '; on PGlite the database runs in this process, its memory included'}`,
    `  at the peak: JS heap ${mb(r.peak.heapUsed)}, buffers ${mb(r.peak.arrayBuffers)}, native (sharp/libvips, allocator…) ${mb(native)}`,
    `CPU: the app's process kept ${(r.cpuMs / r.wallMs).toFixed(2)} of ${cores} cores busy on average,`,
    `  ${ms(r.cpuMs / r.accepted)} CPU ms per generation (app and worker; the simulator and the users run apart): on ${cores} cores`,
    `  ${r.accepted} need ≥ ${ms(r.cpuMs / cores / 1000)} s of wall time for CPU alone, before PostgreSQL's share`,
    `per generation: queued→running p50 ${ms(r.latency.pick50)} ms, max ${ms(r.latency.pickmax)} ms;`,
    `  created→succeeded p50 ${ms(r.latency.done50)} ms, p99 ${ms(r.latency.done99)} ms`,
    CALLBACKS
      ? `polling is the safety net only (every ${r.poll.maxMs} ms); completion follows the callback`
      : `poll schedule floor (${r.poll.initialMs} ms ×1.5, first look at or after ${TASK_MS} ms): ${at} ms = ${(at / TASK_MS).toFixed(2)}× ideal`,
    `simulator: ${r.simulator.createTask} createTask, ${r.simulator.recordInfo} recordInfo, ${r.simulator.downloads} downloads`,
    `queue: ${r.fetches.total} job fetches by the ${IN_FLIGHT} slots (${r.fetches.submit} while submitting); idle, one fetch every ${polling} s for all of them`,
  ];
  console.log(lines.join('\n'));
}
