import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { type Simulator, startSimulator } from '../../src/providers/index.js';
import { type AnimegenProcess, freePort, spawnAnimegen, waitForHealth } from '../helpers/process.js';
import { secondsUntil, settlementOf, signUpOverHttp, submitOverHttp } from '../helpers/recovery.js';

const IN_FLIGHT = 8;
/** Long enough that every task is still running when the app is killed. */
const TASK_SECONDS = 20;

/**
 * The embedded app (`animegen start`, PGlite) killed with SIGKILL while eight
 * generations wait on their provider tasks, then started again on the same
 * data folder: it resumes every one at once (the goal: all ended within 30 s
 * of the restart, instead of waiting for the job expiry, a quarter of an hour),
 * on the tasks already created, each charged once and refunded once if it fails.
 *
 * The provider is a simulator in this test process, so its tasks outlive the
 * app, as KIE's would. Runs in the default (PGlite) suite: it needs no server.
 */
describe('the embedded app killed with generations in flight', () => {
  let sim: Simulator;
  let dataDir: string;
  let app: AnimegenProcess | null = null;
  let env: Record<string, string>;
  let base: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, delayMs: TASK_SECONDS * 1000, apiKey: 'crash-key' });
    dataDir = mkdtempSync(join(tmpdir(), 'animegen-crash-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      AUTH_TEST_FAST_HASH: '1',
      AUTH_RATE_LIMIT: '0',
      SIGNUP_CREDITS: '100',
      KIE_API_KEY: 'crash-key',
      KIE_BASE_URL: sim.url,
      KIE_UPLOAD_BASE_URL: sim.url,
      KIE_RESULT_HOSTS: new URL(sim.url).host,
      WORKER_CONCURRENCY: String(IN_FLIGHT),
      // Ten minutes: only the takeover at start-up can resume the generations within the test's bound.
      JOB_LEASE_SECONDS: '600',
    };
  }, 60_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes every generation on restart: each ends, charged once, refunded once if it failed', async () => {
    app = spawnAnimegen('start', env);
    await waitForHealth(base, app);
    const cookie = await signUpOverHttp(base, 'crash');
    const ids: string[] = [];
    for (let i = 0; i < IN_FLIGHT; i++) ids.push(await submitOverHttp(base, cookie, `crash #${i}`));
    // Every task created at the provider (and its id stored just after), none finished: then the crash.
    await secondsUntil(
      async () => sim.tasks().length === IN_FLIGHT,
      30,
      () => app?.output() ?? '',
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(sim.tasks().filter((t) => t.state === 'success' || t.state === 'fail')).toEqual([]);
    await app.stop('SIGKILL');
    const looksBefore = sim.stats().recordInfo;

    const restarted = Date.now();
    app = spawnAnimegen('start', env);
    // A resumed run first asks the provider about the task it already has (the worker starts before the web server).
    const resuming = secondsUntil(
      async () => sim.stats().recordInfo - looksBefore >= IN_FLIGHT,
      120,
      () => app?.output() ?? '',
    );
    await waitForHealth(base, app);
    const healthy = (Date.now() - restarted) / 1000;
    const resumed = await resuming;
    const statuses = async () => {
      const page = await (await fetch(`${base}/api/generations?limit=100`, { headers: { cookie } })).json();
      return (page.items as { id: string; status: string }[]).filter((g) => ids.includes(g.id)).map((g) => g.status);
    };
    // A generous bound, only to end the test: without resuming they would stay running for the job expiry (16 min).
    await secondsUntil(
      async () => (await statuses()).filter((s) => s === 'succeeded' || s === 'failed').length === IN_FLIGHT,
      180,
      () => app?.output() ?? '',
    );
    const recovered = (Date.now() - restarted) / 1000;
    console.log(
      `[recovery] embedded SIGKILL with ${IN_FLIGHT} generations in flight: all ended ${recovered.toFixed(1)} s after the restart ` +
        `(healthy after ${healthy.toFixed(1)} s, every generation asking the provider about its task again after ${resumed.toFixed(1)} s; provider tasks take ${TASK_SECONDS} s; goal 30 s); statuses ${JSON.stringify(await statuses())}`,
    );

    expect(await app.stop('SIGTERM', 30_000)).toBe(0);
    app = null;
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const settled = await settlementOf(database.db, sim);
      expect(settled).toHaveLength(IN_FLIGHT);
      for (const g of settled) {
        expect(g, g.prompt).toMatchObject({
          // The run before the crash and the resumed one.
          attempts: 2,
          debits: 1,
          refunds: g.status === 'failed' ? 1 : 0,
          // Resumed on the task created before the crash: the provider was not asked (or paid) twice.
          tasks: 1,
        });
        expect(['succeeded', 'failed']).toContain(g.status);
      }
    } finally {
      await database.close();
    }
  }, 300_000);
});
