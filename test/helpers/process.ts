import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** An `animegen <command>` child process in its own process group. */
export interface AnimegenProcess {
  child: ChildProcess;
  output(): string;
  /** Sends `signal` to the whole process group and waits for the exit code. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function spawnAnimegen(
  command: 'start' | 'serve' | 'worker' | 'migrate' | 'admin',
  env: Record<string, string>,
  args: string[] = [],
): AnimegenProcess {
  let output = '';
  // What production runs: the server build in node itself (not npx), so the exit code is the app's own.
  const child = spawn(process.execPath, ['bin/animegen.mjs', command, ...args], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        process.kill(-child.pid, signal);
        const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), graceMs);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return child.exitCode;
    },
  };
}

/** Resolves once `url`/healthz answers 200; fails early if the process exits. */
export async function waitForHealth(url: string, proc: AnimegenProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`process exited with ${proc.child.exitCode}:\n${proc.output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${proc.output()}`);
}

/** Waits for a process to exit by itself (e.g. `migrate`); returns its exit code. */
export function exitOf(proc: AnimegenProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null) resolve(proc.child.exitCode);
    else proc.child.once('exit', (code) => resolve(code));
  });
}
