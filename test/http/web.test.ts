import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

describe('serving the web app', () => {
  let t: TestApp;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
    const root = mkdtempSync(join(tmpdir(), 'animegen-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>AnimeGen</title>');
    writeFileSync(join(root, 'assets', 'app-123.js'), 'console.log(1)');
    app = await buildApp(t.deps, { webRoot: root });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('answers client-side routes with the app page, revalidated each time', async () => {
    for (const url of ['/', '/gallery', '/g/5b0c0c7e-6d0e-4d5e-9d55-2f1a9c0f0a11', '/dev/mail']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>AnimeGen</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches fingerprinted assets for a year and 404s missing files instead of sending the page', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/app-old.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/robots-missing.txt' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/nothing' })).json().error.code).toBe('not_found');
  });

  it('sends security headers: CSP without inline script, no framing, nosniff, a referrer policy', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});
