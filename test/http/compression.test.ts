import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe('compressed API answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
  });
  afterAll(() => t.close());

  const legal = (encoding?: string) =>
    t.app.inject({ method: 'GET', url: '/api/legal/privacy', headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends a large JSON answer brotli- or gzip-compressed, as the client accepts, with the same content', async () => {
    const plain = await legal();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await legal('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toContain('application/json');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

    const gz = await legal('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
  });

  it('streams live events uncompressed, so each one arrives at once', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const user = await givenVerifiedUser(t);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/generations/events`, {
      headers: { cookie: user.cookie, 'accept-encoding': 'br, gzip' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    // The greeting is readable as soon as it is written, not held in a compressor's buffer.
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader?.read();
    expect(first?.value).toContain(': connected');
    controller.abort();
  });
});
