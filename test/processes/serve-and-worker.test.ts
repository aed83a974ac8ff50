import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDatabase } from '../helpers/db.js';
import { type AnimegenProcess, exitOf, freePort, spawnAnimegen, waitForHealth } from '../helpers/process.js';
import { openEvents } from '../helpers/sse.js';

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

    // `animegen admin grant` makes the account an operator.
    expect(await exitOf(spawnAnimegen('admin', env, ['grant', email]))).toBe(0);
    const me = await (await fetch(`${base}/api/me`, { headers: { cookie } })).json();
    expect(me.role).toBe('admin');
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
