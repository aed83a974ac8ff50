import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnimegenProcess, freePort, spawnAnimegen, waitForHealth } from '../helpers/process.js';
import { signUpOverHttp } from '../helpers/recovery.js';

const run = promisify(execFile);

/**
 * The typed client example (docs/examples/create-generation.ts: types made by
 * openapi-typescript from docs/openapi.json, openapi-fetch as the client) run
 * as a user would, against the running app (`animegen start`) with a key made
 * in the account: it creates a generation, waits for it and saves the image.
 */
describe('the API client example', () => {
  let app: AnimegenProcess;
  let base: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'animegen-client-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = spawnAnimegen('start', {
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      AUTH_TEST_FAST_HASH: '1',
      AUTH_RATE_LIMIT: '0',
      SIGNUP_CREDITS: '50',
      SIMULATOR_DELAY_MS: '300',
    });
    await waitForHealth(base, app);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates an image with an API key, waits for it and saves it', async () => {
    const cookie = await signUpOverHttp(base, 'client');
    const made = await fetch(`${base}/api/me/api-keys`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'example', scopes: ['generate', 'read'] }),
    });
    expect(made.status).toBe(201);
    const { key } = (await made.json()) as { key: string };
    const out = join(dataDir, 'result');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'docs/examples/create-generation.ts', 'a paper lantern festival', out],
      {
        env: { ...process.env, ANIMEGEN_URL: base, ANIMEGEN_API_KEY: key },
        timeout: 90_000,
      },
    );
    expect(stdout).toMatch(/credits\n/);
    const saved = /saved (.+)$/m.exec(stdout)?.[1] ?? '';
    expect(saved.startsWith(out)).toBe(true);
    // A real image file: PNG, JPEG or WebP magic bytes.
    const head = readFileSync(saved).subarray(0, 12).toString('hex');
    expect(head).toMatch(/^(89504e47|ffd8ff|52494646)/);
    const balance = await fetch(`${base}/api/v1/credits`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await balance.json()) as { balance: number }).balance).toBeLessThan(50);
  }, 120_000);
});
