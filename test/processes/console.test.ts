import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDatabase } from '../helpers/db.js';
import { type AnimegenProcess, freePort, spawnAnimegen, waitForHealth } from '../helpers/process.js';

/**
 * `animegen start` as a person at a terminal sees it (LOG_FORMAT=pretty, what
 * a terminal chooses by itself): one banner saying where to go and what runs,
 * then quiet until something fails.
 */
describe('the readable console of animegen start', () => {
  let db: { url: string; drop(): Promise<void> };
  let proc: AnimegenProcess;
  let base: string;
  let dataDir: string;

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'animegen-console-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    proc = spawnAnimegen('start', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      LOG_FORMAT: 'pretty',
      LOG_LEVEL: 'info',
    });
    await waitForHealth(base, proc);
  }, 120_000);

  afterAll(async () => {
    await proc?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows one banner with the address, the images, the database and where e-mail goes, and no JSON', async () => {
    // The banner is written once listening; healthz can answer a moment before it.
    await until(() => proc.output().includes('E-mail'));
    const out = proc.output();
    expect(out.split('AnimeGen is running at').length - 1).toBe(1);
    expect(out).toContain(`AnimeGen is running at ${base}`);
    expect(out).toMatch(/Images +demo images from the built-in KIE simulator/);
    expect(out).toMatch(new RegExp(`Database +PostgreSQL 127\\.0\\.0\\.1:5432/${new URL(db.url).pathname.slice(1)}`));
    expect(out).toMatch(new RegExp(`E-mail +the dev mailbox at ${base.replaceAll('.', '\\.')}/dev/mail`));
    expect(out).toMatch(/Image checks +local classifier/);
    expect(out.split('\n').filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
  });

  it('writes no line for requests that went well, one readable line for a failed one', async () => {
    for (let i = 0; i < 20; i++) expect((await fetch(`${base}/api/meta`)).status).toBe(200);
    expect((await fetch(`${base}/api/no-such-thing`)).status).toBe(404);
    // Stripe is not configured: its webhook answers 503, a server-side failure.
    const failed = await fetch(`${base}/api/billing/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(failed.status).toBe(503);
    await until(() => proc.output().includes('request failed'));
    const requestLines = proc
      .output()
      .split('\n')
      .filter((l) => / (GET|POST) \//.test(l));
    expect(requestLines).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d ERROR request failed POST \/api\/billing\/webhook → 503 in \d+ ms/),
    ]);
  });
});

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the console');
    await new Promise((r) => setTimeout(r, 100));
  }
}
