/**
 * The in-flight benchmark's other processes: the KIE simulator and the users run apart from
 * the process measured, as they do in production; the benchmark's own round runs fresh.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { projectPath } from '../src/lib/paths.js';

export const TASK_MS = 2_000;
export const API_KEY = 'bench-simulator-key';
/** Longest side of the results; the ingestion part measures full-size ones apart. */
export const RESULT_PX = Number(process.env.BENCH_RESULT_PX ?? 1024);

/** A helper script of bench/ in a process of its own (through tsx: its memory is not measured). */
export const child = (script: string, extra: Record<string, string>, stdin: 'pipe' | 'ignore' = 'ignore') =>
  spawn(process.execPath, ['--import', 'tsx', projectPath(`bench/${script}`)], {
    env: { ...process.env, ...extra },
    stdio: [stdin, 'pipe', 'inherit'],
  });

/**
 * bench/in-flight-round.ts in a fresh process: built beside this bundle when the benchmark runs
 * built (npm run bench), so the RSS measured is that of what production runs; through tsx otherwise.
 */
export function roundProcess(extra: Record<string, string>) {
  const here = fileURLToPath(import.meta.url);
  const args = here.endsWith('.ts')
    ? ['--import', 'tsx', projectPath('bench/in-flight-round.ts')]
    : ['--enable-source-maps', join(dirname(here), 'in-flight-round.js')];
  return spawn(process.execPath, args, { env: { ...process.env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The first line a child prints. */
export async function firstLine(proc: ReturnType<typeof spawn>): Promise<string> {
  const [line] = (await once(createInterface({ input: proc.stdout! }), 'line')) as [string];
  return line;
}

/** The simulator (bench/simulator-process.ts), each task taking `taskMs`: its URL, and how to stop it. */
export async function simulatorProcess(taskMs = TASK_MS): Promise<{ url: string; close(): Promise<void> }> {
  const sim = child('simulator-process.ts', { SIM_API_KEY: API_KEY, SIM_DELAY_MS: String(taskMs), BENCH_RESULT_PX: String(RESULT_PX) });
  const url = (await firstLine(sim)).trim();
  return {
    url,
    close: async () => {
      sim.kill('SIGTERM');
      await once(sim, 'exit');
    },
  };
}

/** The users (bench/submit-process.ts): `submit(n, prefix)` posts n generations at once and gives their statuses. */
export async function submitProcess(base: string, origin: string, cookies: string[]) {
  const users = child('submit-process.ts', { BENCH_BASE: base, BENCH_ORIGIN: origin, BENCH_COOKIES: JSON.stringify(cookies) }, 'pipe');
  const lines = createInterface({ input: users.stdout! })[Symbol.asyncIterator]();
  await lines.next(); // ready
  return {
    submit: async (count: number, prefix: string) => {
      users.stdin!.write(`${count} ${prefix}\n`);
      const { value } = await lines.next();
      return JSON.parse(String(value)) as number[];
    },
    close: () => users.kill('SIGTERM'),
  };
}
