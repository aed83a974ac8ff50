import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import type { Generation } from '../../src/contracts/api.js';
import { runJob } from '../../src/generation/index.js';
import { jobMeta } from '../../src/jobs/queue.js';
import type { TestApp } from './app.js';
import type { TestUser } from './users.js';

/** POST /api/generations as the user's browser would. */
export function submit(t: TestApp, user: TestUser, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/generations',
    headers: { cookie: user.cookie, origin: t.origin },
    payload: { model: 'nano-banana', aspectRatio: '1:1', ...body },
  });
}

export async function getGeneration(t: TestApp, user: TestUser, id: string): Promise<Generation> {
  const res = await t.app.inject({ method: 'GET', url: `/api/generations/${id}`, headers: { cookie: user.cookie } });
  if (res.statusCode !== 200) throw new Error(`GET generation ${id}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Waits (polling the API) until the generation is succeeded or failed. */
export async function waitForTerminal(t: TestApp, user: TestUser, id: string, timeoutMs = 20_000): Promise<Generation> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const g = await getGeneration(t, user, id);
    if (g.status === 'succeeded' || g.status === 'failed') return g;
    if (Date.now() > until) throw new Error(`generation ${id} still ${g.status} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

export async function balanceOf(t: TestApp, user: TestUser): Promise<number> {
  const res = await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: user.cookie } });
  return res.json().balance;
}

/** A small real image in the given format. */
export function makeImage(format: 'png' | 'jpeg' | 'webp', width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 220 } } })
    .toFormat(format)
    .toBuffer();
}

/** A multipart body with one `file` field. */
export function multipart(bytes: Buffer, filename: string, contentType: string) {
  const boundary = `----animegen${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function upload(t: TestApp, user: TestUser, bytes: Buffer, filename = 'ref.png', contentType = 'image/png') {
  const body = multipart(bytes, filename, contentType);
  return t.app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { cookie: user.cookie, origin: t.origin, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** The first run of the generation's `generation.run` job, as the worker would start it (handing off sends a real job). */
export function attemptOf(t: TestApp, generationId: string) {
  return jobMeta(t.deps.queue, runJob, { generationId }, { id: 'test-run', retryCount: 0, retryLimit: 3 });
}
