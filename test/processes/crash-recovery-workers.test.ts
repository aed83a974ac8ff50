import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, queryRows } from '../../src/db/index.js';
import { type Simulator, startSimulator } from '../../src/providers/index.js';
import { createPostgresTestDatabase } from '../helpers/db.js';
import { type AnimegenProcess, exitOf, freePort, spawnAnimegen, waitForHealth } from '../helpers/process.js';
import { secondsUntil, settlementOf, signUpOverHttp, submitOverHttp } from '../helpers/recovery.js';

const PER_WORKER = 4;
/** Longer than the lease (default 30 s): the live worker's own jobs must keep theirs by renewing it. */
const TASK_SECONDS = 45;

/**
 * Two `animegen worker` processes and `animegen serve` on PostgreSQL, with the
 * default lease (JOB_LEASE_SECONDS=30). One worker is killed with SIGKILL
 * while each holds four generations: the other takes the dead one's over
 * (the goal: within 60 s), while its own, running longer than a lease, are
 * never taken from it. Every generation ends, charged once, on one provider task.
 */
describe('one of two workers killed with generations in flight', () => {
  let db: { url: string; drop(): Promise<void> };
  let database: Database;
  let sim: Simulator;
  let dataDir: string;
  let env: Record<string, string>;
  let base: string;
  const procs: AnimegenProcess[] = [];

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    database = await openDatabase({ kind: 'postgres', url: db.url });
    sim = await startSimulator({ port: 0, delayMs: TASK_SECONDS * 1000, apiKey: 'takeover-key' });
    dataDir = mkdtempSync(join(tmpdir(), 'animegen-takeover-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      AUTH_TEST_FAST_HASH: '1',
      AUTH_RATE_LIMIT: '0',
      SIGNUP_CREDITS: '100',
      KIE_API_KEY: 'takeover-key',
      KIE_BASE_URL: sim.url,
      KIE_UPLOAD_BASE_URL: sim.url,
      KIE_RESULT_HOSTS: new URL(sim.url).host,
    };
    expect(await exitOf(spawnAnimegen('migrate', env))).toBe(0);
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) await p.stop('SIGKILL');
    await sim?.close();
    await database?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (command: 'serve' | 'worker', extra: Record<string, string> = {}) => {
    const p = spawnAnimegen(command, { ...env, ...extra });
    procs.push(p);
    return p;
  };

  /** Generations whose run job is active, by the process id in the holder's lease (`host/pid/…`). */
  const heldBy = async () => {
    const rows = await queryRows<{ generation_id: string; worker_id: string | null }>(
      database.db,
      sql`select j.data->>'generationId' as generation_id, l.worker_id
          from pgboss.job j left join job_leases l on l.job_id = j.id
          where j.name = 'generation.run' and j.state = 'active'`,
    );
    return rows.map((r) => ({ generationId: r.generation_id, pid: r.worker_id?.split('/')[1] ?? null }));
  };

  it('the live worker takes the dead one’s generations over, never its own, and every one ends charged once', async () => {
    const web = start('serve');
    await waitForHealth(base, web);
    const cookie = await signUpOverHttp(base, 'takeover');

    // Worker A fills its four slots; only then does B start, so B runs the next four and has room for A's.
    const a = start('worker', { WORKER_CONCURRENCY: String(PER_WORKER) });
    let b: AnimegenProcess | null = null;
    const explain = () => `A:\n${a.output()}\nB:\n${b?.output() ?? ''}`;
    const ofA: string[] = [];
    for (let i = 0; i < PER_WORKER; i++) ofA.push(await submitOverHttp(base, cookie, `worker a #${i}`));
    await secondsUntil(async () => sim.tasks().length === PER_WORKER, 60, explain);
    b = start('worker', { WORKER_CONCURRENCY: String(2 * PER_WORKER) });
    const ofB: string[] = [];
    for (let i = 0; i < PER_WORKER; i++) ofB.push(await submitOverHttp(base, cookie, `worker b #${i}`));
    await secondsUntil(async () => sim.tasks().length === 2 * PER_WORKER, 60, explain);
    // Each holder as its lease says (written within a third of the lease).
    await secondsUntil(async () => (await heldBy()).filter((h) => h.pid !== null).length === 2 * PER_WORKER, 60, explain);
    const holders = await heldBy();
    expect(
      holders
        .filter((h) => h.pid === String(a.child.pid))
        .map((h) => h.generationId)
        .sort(),
    ).toEqual([...ofA].sort());
    expect(
      holders
        .filter((h) => h.pid === String(b?.child.pid))
        .map((h) => h.generationId)
        .sort(),
    ).toEqual([...ofB].sort());

    await a.stop('SIGKILL');
    const killed = Date.now();
    // Claimed again (retry_count 1), by B, the only worker left; it may even have finished since.
    const takenOver = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from pgboss.job
              where name = 'generation.run' and retry_count = 1 and state in ('active', 'completed')
                and data->>'generationId' in ${ofA}`,
        )
      )[0]?.n === PER_WORKER;
    // A generous bound, only to end the test: without leases the jobs wait for their expiry (16 min).
    const takeover = await secondsUntil(takenOver, 180, explain);
    const statuses = sql`select status from generations`;
    await secondsUntil(
      async () =>
        (await queryRows<{ status: string }>(database.db, statuses)).every((g) => g.status === 'succeeded' || g.status === 'failed'),
      180,
      explain,
    );
    const recovered = (Date.now() - killed) / 1000;
    console.log(
      `[recovery] PostgreSQL, SIGKILL of one of two workers holding ${PER_WORKER} generations each: the live worker took them over ` +
        `${takeover.toFixed(1)} s after the kill (lease ${30} s; goal 60 s); all ended ${recovered.toFixed(1)} s after it ` +
        `(provider tasks take ${TASK_SECONDS} s)`,
    );

    const settled = await settlementOf(database.db, sim);
    expect(settled).toHaveLength(2 * PER_WORKER);
    for (const g of settled) {
      expect(['succeeded', 'failed'], g.prompt).toContain(g.status);
      expect(g, g.prompt).toMatchObject({
        debits: 1,
        refunds: g.status === 'failed' ? 1 : 0,
        tasks: 1,
        // One run for B's own (never taken while B lived, though they ran past the lease), two for A's.
        attempts: ofA.includes(g.id) ? 2 : 1,
      });
    }
  }, 400_000);
});
