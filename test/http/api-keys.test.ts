/**
 * API keys and the versioned API (/api/v1): a script makes, reads and deletes
 * generations with `Authorization: Bearer ag_…`; the key is shown once, kept
 * as a hash, limited by its scopes, expiry and rate, and stops at once when it
 * is revoked or its owner is suspended. A key reaches no other route.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suspendAccount, unsuspendAccount } from '../../src/accounts/index.js';
import type { CreatedApiKey } from '../../src/contracts/api-keys.js';
import { queryRows } from '../../src/db/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, makeImage, multipart } from '../helpers/generations.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

async function makeKey(t: TestApp, user: TestUser, body: Record<string, unknown> = {}): Promise<CreatedApiKey> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/me/api-keys',
    headers: { cookie: user.cookie, origin: t.origin },
    payload: { name: 'script', scopes: ['generate', 'read'], ...body },
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/me/api-keys: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A request as a script sends it: the key, no cookie, no Origin. */
const withKey = (t: TestApp, key: string, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function waitForTerminalWithKey(t: TestApp, key: string, id: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const g = (await withKey(t, key, 'GET', `/api/v1/generations/${id}`)).json();
    if (g.status === 'succeeded' || g.status === 'failed') return g;
    if (Date.now() > until) throw new Error(`generation ${id} still ${g.status}`);
    await sleep(100);
  }
}

describe('API keys', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await buildTestApp();
    user = await givenVerifiedUser(t, { credits: 100 });
  });
  afterAll(() => t?.close());

  it('shows a new key once, then lists it by name and first characters only; the database holds its hash', async () => {
    const created = await makeKey(t, user, { name: 'Discord bot', scopes: ['read'] });
    expect(created.key).toMatch(/^ag_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Discord bot', scopes: ['read'], start: created.key.slice(0, 11), lastUsedAt: null });
    const list = await t.app.inject({ method: 'GET', url: '/api/me/api-keys', headers: { cookie: user.cookie } });
    const listed = list.json().items.find((k: { id: string }) => k.id === created.id);
    expect(listed).toMatchObject({ name: 'Discord bot', start: created.start });
    expect(JSON.stringify(list.json())).not.toContain(created.key);
    const [stored] = await queryRows<{ hash: string }>(t.deps.db, sql`select key_hash as hash from api_keys where id = ${created.id}`);
    const hash = stored?.hash ?? '';
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(created.key.slice(3, 20));
  });

  it('refuses a key without scopes, with an unknown scope, or expiring in the past or after a year, naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ scopes: [] }, 'scopes'],
      [{ scopes: ['admin'] }, 'scopes.0'],
      [{ name: '' }, 'name'],
      [{ expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      [{ expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() }, 'expiresAt'],
    ];
    for (const [body, field] of bad) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/me/api-keys',
        headers: { cookie: user.cookie, origin: t.origin },
        payload: { name: 'x', scopes: ['read'], ...body },
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.field).toMatch(new RegExp(`^${field}`));
    }
  });

  it('runs a whole generation with a key: models, quote, upload, create with Idempotency-Key (charged once), get, list, files, delete', async () => {
    const { key } = await makeKey(t, user);
    const models = await withKey(t, key, 'GET', '/api/v1/models');
    expect(models.statusCode).toBe(200);
    expect(models.json().models.length).toBeGreaterThan(0);

    const body = { model: 'nano-banana', aspectRatio: '1:1', prompt: 'a lighthouse at dusk', count: 2 };
    const quote = await withKey(t, key, 'POST', '/api/v1/quote', body);
    expect(quote.statusCode).toBe(200);
    const before = (await withKey(t, key, 'GET', '/api/v1/credits')).json().balance;
    expect(before).toBe(await balanceOf(t, user));

    const file = multipart(await makeImage('png'), 'ref.png', 'image/png');
    const uploaded = await withKey(t, key, 'POST', '/api/v1/uploads', file.payload, { 'content-type': file.contentType });
    expect(uploaded.statusCode).toBe(201);

    const idempotency = { 'idempotency-key': randomUUID() };
    expect((await withKey(t, key, 'GET', uploaded.json().url)).statusCode).toBe(200);
    const first = await withKey(t, key, 'POST', '/api/v1/generations', body, idempotency);
    const again = await withKey(t, key, 'POST', '/api/v1/generations', body, idempotency);
    expect(first.statusCode, first.body).toBe(202);
    expect(again.json().id).toBe(first.json().id);
    const done = await waitForTerminalWithKey(t, key, first.json().id);
    expect(done.status).toBe('succeeded');
    expect((await withKey(t, key, 'GET', '/api/v1/credits')).json().balance).toBe(before - quote.json().cost);

    const page = await withKey(t, key, 'GET', '/api/v1/generations?limit=5');
    expect(page.json().items.map((g: { id: string }) => g.id)).toContain(done.id);
    const image = await withKey(t, key, 'GET', done.images[0].url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\//);

    expect((await withKey(t, key, 'DELETE', `/api/v1/generations/${done.id}`)).statusCode).toBe(204);
    expect((await withKey(t, key, 'GET', `/api/v1/generations/${done.id}`)).statusCode).toBe(404);
  });

  it('holds a key to its scopes: read cannot create, generate cannot read', async () => {
    const reader = await makeKey(t, user, { scopes: ['read'] });
    const writer = await makeKey(t, user, { scopes: ['generate'] });
    const body = { model: 'nano-banana', aspectRatio: '1:1', prompt: 'a quiet harbour' };
    const refused = await withKey(t, reader.key, 'POST', '/api/v1/generations', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect(refused.json().error.message).toContain('"generate"');
    expect((await withKey(t, writer.key, 'GET', '/api/v1/generations')).statusCode).toBe(403);
    expect((await withKey(t, reader.key, 'GET', '/api/v1/generations')).statusCode).toBe(200);
  });

  it('stops a key at once when it is revoked, and refuses garbage, with a Bearer challenge', async () => {
    const { id, key } = await makeKey(t, user);
    expect((await withKey(t, key, 'GET', '/api/v1/credits')).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/api-keys/${id}`,
      headers: { cookie: user.cookie, origin: t.origin },
    });
    expect(revoked.statusCode).toBe(204);
    // No credential at all: the challenge says what to send.
    const bare = await t.app.inject({ method: 'GET', url: '/api/v1/credits' });
    expect(bare.statusCode).toBe(401);
    expect(bare.headers['www-authenticate']).toBe('Bearer');
    expect(bare.json().error.message).toContain('API key');
    for (const attempt of [key, 'ag_not-a-key', `${key}x`, '']) {
      const res = await withKey(t, attempt, 'GET', '/api/v1/credits');
      expect(res.statusCode, attempt).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    // Someone else's key id is "not found", like a key that never was.
    const other = await givenVerifiedUser(t);
    const theirs = await makeKey(t, other);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/api-keys/${theirs.id}`,
      headers: { cookie: user.cookie, origin: t.origin },
    });
    expect(res.statusCode).toBe(404);
    expect((await withKey(t, theirs.key, 'GET', '/api/v1/credits')).statusCode).toBe(200);
  });

  it('stops a key when its expiry passes', async () => {
    const { key } = await makeKey(t, user, { expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await withKey(t, key, 'GET', '/api/v1/credits')).statusCode).toBe(200);
    await sleep(1600);
    expect((await withKey(t, key, 'GET', '/api/v1/credits')).statusCode).toBe(401);
  });

  it("stops a suspended account's keys at once, and they work again once it is lifted", async () => {
    const owner = await givenVerifiedUser(t);
    const { key } = await makeKey(t, owner);
    await t.deps.db.transaction((tx) => suspendAccount(tx, { userId: owner.id, reason: 'test', now: new Date() }));
    expect((await withKey(t, key, 'GET', '/api/v1/credits')).statusCode).toBe(401);
    await unsuspendAccount(t.deps.db, { userId: owner.id, now: new Date() });
    expect((await withKey(t, key, 'GET', '/api/v1/credits')).statusCode).toBe(200);
  });

  it('refuses to create for an account that has not confirmed its age yet (a provider sign-in before its welcome step)', async () => {
    const owner = await givenVerifiedUser(t);
    const { key } = await makeKey(t, owner);
    await t.deps.db.execute(sql`update "user" set age_confirmed_at = null where id = ${owner.id}`);
    const body = { model: 'nano-banana', aspectRatio: '1:1', prompt: 'a quiet harbour' };
    const refused = await withKey(t, key, 'POST', '/api/v1/generations', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('age_confirmation_required');
    expect((await withKey(t, key, 'GET', '/api/v1/credits')).statusCode).toBe(200);
  });

  it('records when a key was last used, to the minute', async () => {
    const { id, key } = await makeKey(t, user);
    await withKey(t, key, 'GET', '/api/v1/credits');
    const list = await t.app.inject({ method: 'GET', url: '/api/me/api-keys', headers: { cookie: user.cookie } });
    const used = list.json().items.find((k: { id: string }) => k.id === id);
    expect(Math.abs(Date.parse(used.lastUsedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('reaches only the routes that admit keys: every other user and operator route answers a key 401', async () => {
    const operator = await givenVerifiedUser(t);
    await t.deps.db.execute(sql`update "user" set role = 'admin', two_factor_enabled = true where id = ${operator.id}`);
    const { key } = await makeKey(t, operator);
    const sample: Record<string, string> = { variant: 'original', slug: 'privacy' };
    // Required query parameters get a valid value, so the access check (after validation) is what answers.
    const url = (r: { url: string; query: string[] }) =>
      r.url.replace(/:([a-z]+)/gi, (_, name: string) => sample[name] ?? randomUUID()).replace('*', 'x') +
      (r.query.includes('q') ? '?q=long' : '');
    const guarded = t.routes.filter((r) => (r.config?.access === 'user' || r.config?.access === 'operator') && r.method !== 'HEAD');
    const admitting = guarded.filter((r) => r.config?.apiKey);
    expect(admitting.map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      [
        'DELETE /api/v1/generations/:id',
        'GET /api/files/images/:id/:variant',
        'GET /api/files/uploads/:id',
        'GET /api/v1/credits',
        'GET /api/v1/generations',
        'GET /api/v1/generations/:id',
        'GET /api/v1/models',
        'POST /api/v1/generations',
        'POST /api/v1/generations/:id/cancel',
        'POST /api/v1/quote',
        'POST /api/v1/uploads',
      ].sort(),
    );
    for (const r of guarded.filter((x) => !x.config?.apiKey)) {
      const res = await withKey(t, key, r.method as Method, url(r), r.takesBody ? {} : undefined);
      const expected = r.takesBody ? ['unauthenticated', 'invalid_input'] : ['unauthenticated'];
      expect(expected, `${r.method} ${r.url} → ${res.statusCode}`).toContain(res.json().error?.code);
    }
    for (const r of admitting) {
      const res = await withKey(t, key, r.method as Method, url(r), r.takesBody ? {} : undefined);
      expect(res.statusCode, `${r.method} ${r.url}`).not.toBe(401);
    }
  });
});

describe('API key rate limits', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await buildTestApp({ worker: false, env: { API_KEY_RATE_LIMIT: '3', API_KEY_RATE_WINDOW_SECONDS: '60' } });
    user = await givenVerifiedUser(t);
  });
  afterAll(() => t?.close());

  it('answers 429 with Retry-After past the limit, and says what is left on every answer; each key counts its own', async () => {
    const a = await makeKey(t, user);
    const b = await makeKey(t, user);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await withKey(t, a.key, 'GET', '/api/v1/credits'));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answers[0]?.headers['ratelimit-policy']).toBe('"key";q=3;w=60');
    expect(answers[0]?.headers.ratelimit).toMatch(/^"key";r=2;t=\d+$/);
    const limited = answers[3];
    expect(limited?.json().error.code).toBe('rate_limited');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited?.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited?.headers.ratelimit).toMatch(/^"key";r=0;t=\d+$/);
    expect((await withKey(t, b.key, 'GET', '/api/v1/credits')).statusCode).toBe(200);
    // The browser session is not a key: not counted.
    for (let i = 0; i < 4; i++)
      expect((await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: user.cookie } })).statusCode).toBe(200);
  });
});
