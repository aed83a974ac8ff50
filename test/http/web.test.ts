import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressWeb } from '../../scripts/compress-web.mjs';
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

describe('serving the built files compressed', () => {
  let t: TestApp;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let root: string;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i}`))};\n`;
  const page = (title: string) =>
    `<!doctype html><html><head><title>${title}</title></head><body>${'<p>AnimeGen</p>'.repeat(100)}</body></html>`;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
    root = mkdtempSync(join(tmpdir(), 'animegen-web-'));
    mkdirSync(join(root, 'assets'));
    mkdirSync(join(root, 'pages'));
    writeFileSync(join(root, 'index.html'), page('App shell'));
    writeFileSync(join(root, 'assets', 'app-123.js'), script);
    writeFileSync(join(root, 'assets', 'tiny-123.js'), 'console.log(1)');
    writeFileSync(join(root, 'pages', 'sign-in.html'), page('Sign in'));
    writeFileSync(join(root, 'pages', 'home.html'), page('Welcome'));
    writeFileSync(join(root, 'pages', 'sign-in.ja.html'), page('ログイン'));
    writeFileSync(join(root, 'prerendered.ja.json'), JSON.stringify({ '/sign-in': 'pages/sign-in.ja.html' }));
    writeFileSync(join(root, 'pages', 'create.html'), page('Create, with its data named'));
    writeFileSync(join(root, 'pages', 'create.ja.html'), page('作成'));
    writeFileSync(join(root, 'app-shells.json'), JSON.stringify({ '/create': 'pages/create.html' }));
    writeFileSync(join(root, 'app-shells.ja.json'), JSON.stringify({ '/create': 'pages/create.ja.html' }));
    writeFileSync(join(root, 'pages', 'cookies.html'), page('Cookies'));
    writeFileSync(join(root, 'pages', 'cookies.demo.html'), page('Cookies (demo images)'));
    writeFileSync(
      join(root, 'prerendered.json'),
      JSON.stringify({
        '/': 'pages/home.html',
        '/sign-in': 'pages/sign-in.html',
        '/cookies': 'pages/cookies.html',
        // Each of these is refused: an API path, a file outside the app, a missing page, a file's own path.
        '/api/me': 'pages/home.html',
        '/secret': '../outside.html',
        '/terms': 'pages/terms.html',
        '/index.html': 'pages/home.html',
      }),
    );
    await compressWeb(root);
    app = await buildApp(t.deps, { webRoot: root });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (url: string, encoding?: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...(encoding ? { 'accept-encoding': encoding } : {}), ...headers } });

  it('sends the brotli copy to a browser that takes it, the gzip one otherwise, and the original to the rest', async () => {
    const br = await get('/assets/app-123.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(?:text|application)\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
    expect(br.rawPayload.length).toBeLessThan(script.length / 2);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const gz = await get('/assets/app-123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/app-123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(script);

    // Too small to be worth a copy: sent as it is, whatever the browser accepts.
    const tiny = await get('/assets/tiny-123.js', 'br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('console.log(1)');
  });

  it('never serves the compressed copies under their own names', async () => {
    expect((await get('/assets/app-123.js.br', 'br')).statusCode).toBe(404);
    expect((await get('/index.html.gz', 'gzip')).statusCode).toBe(404);
  });

  it('sends a prerendered page for its exact path, compressed and revalidated, and the app shell elsewhere', async () => {
    const signIn = await get('/sign-in?next=%2Fcreate', 'br');
    expect(signIn.statusCode).toBe(200);
    expect(signIn.headers['content-type']).toContain('text/html');
    expect(signIn.headers['content-encoding']).toBe('br');
    expect(signIn.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(signIn.rawPayload).toString()).toContain('<title>Sign in</title>');
    expect((await get('/')).body).toContain('<title>Welcome</title>');

    for (const url of ['/gallery', '/sign-in/extra', '/terms', '/secret']) {
      const res = await get(url, 'gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('gzip');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(gunzipSync(res.rawPayload).toString(), url).toContain('<title>App shell</title>');
    }
    expect((await get('/api/me')).statusCode).toBe(401);
  });

  it('sends the prerendered page in the language the visitor chose, else the one their browser prefers', async () => {
    const titleOf = async (headers: Record<string, string>) => {
      const res = await get('/sign-in', undefined, headers);
      expect(res.headers.vary).toMatch(/cookie/i);
      return /<title>(.*?)<\/title>/.exec(res.body)?.[1];
    };
    expect(await titleOf({})).toBe('Sign in');
    expect(await titleOf({ cookie: 'lang=ja' })).toBe('ログイン');
    expect(await titleOf({ 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' })).toBe('ログイン');
    expect(await titleOf({ 'accept-language': 'fr-FR, ja;q=0.5, en;q=0.7' })).toBe('Sign in');
    // A choice made on this device beats the browser's preference, both ways.
    expect(await titleOf({ cookie: 'lang=en', 'accept-language': 'ja' })).toBe('Sign in');
    expect(await titleOf({ cookie: 'lang=ja', 'accept-language': 'en' })).toBe('ログイン');
    // A page with no Japanese copy is sent in English.
    expect((await get('/', undefined, { cookie: 'lang=ja' })).body).toContain('<title>Welcome</title>');
  });

  it("sends a signed-in screen's own app shell, in the visitor's language, only with a session cookie", async () => {
    const titleOf = async (headers: Record<string, string>) => {
      const res = await get('/create', undefined, headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers.vary).toMatch(/cookie/i);
      return /<title>(.*?)<\/title>/.exec(res.body)?.[1];
    };
    // Signed out, the screen only sends the visitor to sign in: its API answers would be refusals.
    expect(await titleOf({})).toBe('App shell');
    expect(await titleOf({ cookie: 'lang=ja; other=animegen.session_token' })).toBe('App shell');
    expect(await titleOf({ cookie: 'animegen.session_token=abc.def' })).toBe('Create, with its data named');
    expect(await titleOf({ cookie: '__Secure-animegen.session_token=abc.def; lang=ja' })).toBe('作成');
    expect(await titleOf({ cookie: 'animegen.session_token=abc.def', 'accept-language': 'ja' })).toBe('作成');
    // Only its exact path.
    const below = await get('/create/extra', undefined, { cookie: 'animegen.session_token=abc.def' });
    expect(/<title>(.*?)<\/title>/.exec(below.body)?.[1]).toBe('App shell');
  });

  it('sends the page with the demo banner when, and only when, the server runs on demo images', async () => {
    const titleOn = async (demo: boolean, url: string, headers: Record<string, string> = {}) => {
      const provider = Object.assign(Object.create(Object.getPrototypeOf(t.deps.provider)), t.deps.provider, { demo });
      const other = await buildApp({ ...t.deps, provider }, { webRoot: root });
      try {
        return /<title>(.*?)<\/title>/.exec((await other.inject({ method: 'GET', url, headers })).body)?.[1];
      } finally {
        await other.close();
      }
    };
    expect(await titleOn(true, '/cookies')).toBe('Cookies (demo images)');
    expect(await titleOn(false, '/cookies')).toBe('Cookies');
    // No demo copy of this one: the page itself.
    expect(await titleOn(true, '/sign-in')).toBe('Sign in');
    // A signed-in screen's frame, the same way (its demo copy written here: the other tests' app runs on demo images).
    writeFileSync(join(root, 'pages', 'create.demo.html'), page('Create (demo images)'));
    const session = { cookie: 'animegen.session_token=abc.def' };
    expect(await titleOn(true, '/create', session)).toBe('Create (demo images)');
    expect(await titleOn(false, '/create', session)).toBe('Create, with its data named');
  });

  it('lets a browser revalidate a page it has: 304 while it is unchanged', async () => {
    const first = await get('/sign-in', 'br');
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await get('/sign-in', 'br', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });
});
