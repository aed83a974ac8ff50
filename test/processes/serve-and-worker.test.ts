import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/index.js';
import { generationQueues } from '../../src/generation/index.js';
import { createJobQueue, type JobQueue } from '../../src/jobs/queue.js';
import { createLogger } from '../../src/lib/logger.js';
import { type Simulator, startSimulator } from '../../src/providers/index.js';
import { createPostgresTestDatabase } from '../helpers/db.js';
import { type AnimegenProcess, exitOf, freePort, spawnAnimegen, waitForHealth } from '../helpers/process.js';
import { testRunPolicy } from '../helpers/queue-schema.js';
import { openEvents } from '../helpers/sse.js';
import { givenSubmitter } from '../helpers/submitter.js';

/**
 * `animegen serve` and `animegen worker` as separate processes on one
 * PostgreSQL: a generation submitted to the web process is run by the worker
 * and its progress reaches the browser's event stream across processes.
 */
describe('separate web and worker processes on PostgreSQL', () => {
  let db: { url: string; drop(): Promise<void> };
  let web: AnimegenProcess;
  let worker: AnimegenProcess;
  let base: string;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'animegen-procs-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      AUTH_TEST_FAST_HASH: '1',
      SIMULATOR_DELAY_MS: '200',
    };
    expect(await exitOf(spawnAnimegen('migrate', env))).toBe(0);
    web = spawnAnimegen('serve', env);
    worker = spawnAnimegen('worker', env);
    await waitForHealth(base, web);
  }, 120_000);

  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a generation end to end and streams it across processes', async () => {
    const email = `procs-${Date.now()}@example.com`;
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
    expect((await post('/api/auth/sign-up/email', { email, password: 'long enough pw', name: 'Proc', ageConfirmed: true })).status).toBe(
      200,
    );
    const mail = (await (await fetch(`${base}/api/dev/mail`)).json()).messages.find((m: { to: string }) => m.to === email);
    const verify = await fetch(mail.links[0], { redirect: 'manual' });
    const cookie = verify.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const stream = await openEvents(base, cookie);
    const submitted = await post('/api/generations', { prompt: 'two processes', model: 'nano-banana', aspectRatio: '1:1' }, cookie);
    expect(submitted.status).toBe(202);
    const { id } = await submitted.json();
    const done = await stream.waitFor(
      (e) => e.type === 'generation' && e.generation.id === id && e.generation.status === 'succeeded',
      30_000,
    );
    stream.close();
    const url = done.type === 'generation' ? done.generation.imageUrl : null;
    const image = await fetch(`${base}${url}`, { headers: { cookie } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');

    // `animegen admin grant` makes the account an operator, of the role named; a role we do not have is refused.
    expect(await exitOf(spawnAnimegen('admin', env, ['grant', email, '--role', 'owner']))).toBe(2);
    expect(await exitOf(spawnAnimegen('admin', env, ['grant', email, '--role', 'support']))).toBe(0);
    const me = await (await fetch(`${base}/api/me`, { headers: { cookie } })).json();
    expect(me.role).toBe('support');
  });

  it('the worker stops cleanly on SIGTERM', async () => {
    expect(await worker.stop('SIGTERM', 15_000)).toBe(0);
  });

  it('refuses serve or worker on the embedded database, naming the variable', async () => {
    const proc = spawnAnimegen('worker', { ...env, DATABASE_URL: '' });
    expect(await exitOf(proc)).toBe(1);
    expect(proc.output()).toContain('DATABASE_URL');
  });
});

type Rows = { rows: Record<string, unknown>[] };

/**
 * SIGTERM while a generation polls its provider task: the worker hands the
 * generation to a fresh job and exits by itself; the next worker finishes it
 * on the stored task id, charging once and creating no second task.
 */
describe('a worker stopped by SIGTERM mid-generation', () => {
  let db: { url: string; drop(): Promise<void> };
  let database: Database;
  let queue: JobQueue;
  let sim: Simulator;
  let dataDir: string;
  const workers: AnimegenProcess[] = [];

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    database = await openDatabase({ kind: 'postgres', url: db.url });
    // Only to submit: a web-role queue runs no jobs of its own.
    queue = await createJobQueue(database, createLogger('silent'), generationQueues(testRunPolicy), {
      role: 'web',
      pollingIntervalSeconds: 1,
      maintenanceIntervalSeconds: 60,
      leaseSeconds: 30,
      exclusive: false,
    });
    // [sim:slow] holds a task for ten times this: still unfinished when the first worker is stopped.
    sim = await startSimulator({ port: 0, delayMs: 1000, apiKey: 'shutdown-key' });
    dataDir = mkdtempSync(join(tmpdir(), 'animegen-shutdown-'));
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await queue?.stop({ graceful: false, timeoutMs: 1000 });
    await sim?.close();
    await database?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startWorker = () => {
    const w = spawnAnimegen('worker', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      KIE_API_KEY: 'shutdown-key',
      KIE_BASE_URL: sim.url,
      KIE_UPLOAD_BASE_URL: sim.url,
      KIE_RESULT_HOSTS: new URL(sim.url).host,
    });
    workers.push(w);
    return w;
  };

  const rows = async (query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as Rows).rows;

  /** Polls `query` until its first row satisfies `done`; fails with the worker's output if it exits first. */
  async function until(query: ReturnType<typeof sql>, done: (row: Record<string, unknown>) => boolean, worker: AnimegenProcess) {
    for (;;) {
      const row = (await rows(query))[0];
      if (row && done(row)) return row;
      if (worker.child.exitCode !== null) throw new Error(`worker exited with ${worker.child.exitCode}:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('hands the running generation to a fresh job, and the next worker finishes it on the same provider task', async () => {
    const { submit } = await givenSubmitter(database, queue, 'Shutdown', 100);
    const prompt = 'stopped mid-flight [sim:slow]';
    const { id } = await submit(prompt);
    const generation = sql`select status, provider_task_ids from generations where id = ${id}`;

    const first = startWorker();
    const running = await until(generation, (g) => g.status === 'running' && (g.provider_task_ids as string[]).length === 1, first);
    const [taskId] = running.provider_task_ids as string[];

    // The signal alone must end it: no SIGKILL follows.
    process.kill(-(first.child.pid as number), 'SIGTERM');
    expect(await exitOf(first), first.output()).toBe(0);

    // Otherwise the provider task ended before the signal and nothing was handed over.
    expect((await rows(generation))[0]?.status).toBe('running');
    const jobs = sql`select state, retry_count from pgboss.job
                     where name = 'generation.run' and data->>'generationId' = ${id} order by created_on`;
    // The first job ended as handed over (completed, not failed for a retry) and a fresh one waits.
    expect(await rows(jobs)).toEqual([
      { state: 'completed', retry_count: 0 },
      { state: 'created', retry_count: 0 },
    ]);

    const second = startWorker();
    const finished = await until(generation, (g) => g.status !== 'queued' && g.status !== 'running', second);
    expect(finished.status, second.output()).toBe('succeeded');
    expect(finished.provider_task_ids).toEqual([taskId]);
    // A finished job is marked completed just after the generation (completions are written in groups).
    const settled = sql`select count(*)::int as n from pgboss.job
                        where name = 'generation.run' and data->>'generationId' = ${id} and state in ('created', 'active')`;
    await until(settled, (r) => r.n === 0, second);
    expect(await rows(jobs)).toEqual([
      { state: 'completed', retry_count: 0 },
      { state: 'completed', retry_count: 0 },
    ]);

    // The second worker polled the stored task instead of creating another.
    const tasks = sim.tasks().filter((t) => JSON.parse(t.param).input.prompt === prompt);
    expect(tasks.map((t) => t.taskId)).toEqual([taskId]);
    expect(sim.stats().createTask).toBe(1);
    const entries = await rows(sql`select kind, count(*)::int as n from credit_entries where reference = ${id} group by kind`);
    expect(entries).toEqual([{ kind: 'generation_debit', n: 1 }]);
  }, 120_000);

  it('lets a createTask already sent finish within the grace period, so its task is stored and never paid twice', async () => {
    // Only the worker started here may pick the generation up.
    for (const w of workers.splice(0)) await w.stop('SIGKILL');
    const { submit } = await givenSubmitter(database, queue, 'Grace', 100);
    const prompt = 'signal during createTask [sim:slow]';
    const created = sim.stats().createTask;
    // Longer than the old fixed 5 s grace, well within the default 30 s.
    sim.setBehaviour({ hangMs: 8000 });
    const { id } = await submit(prompt);
    const generation = sql`select status, provider_task_ids from generations where id = ${id}`;
    const first = startWorker();
    // Running with no task id yet: the createTask is on its way.
    await until(generation, (g) => g.status === 'running' && (g.provider_task_ids as string[]).length === 0, first);
    process.kill(-(first.child.pid as number), 'SIGTERM');
    expect(await exitOf(first), first.output()).toBe(0);
    sim.setBehaviour({ hangMs: 0 });
    const [stored] = (await rows(generation))[0]!.provider_task_ids as string[];
    expect(stored).toBeTruthy();

    const second = startWorker();
    const finished = await until(generation, (g) => g.status !== 'queued' && g.status !== 'running', second);
    expect(finished.status, second.output()).toBe('succeeded');
    expect(finished.provider_task_ids).toEqual([stored]);
    expect(sim.stats().createTask - created).toBe(1);
  }, 120_000);
});
