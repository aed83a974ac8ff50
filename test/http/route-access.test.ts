/**
 * Every route states who may call it and how its answers may be cached, and
 * one hook enforces both. This walks every registered route: a route that
 * declares nothing fails here (and stops start-up), a user or operator route
 * never answers a caller without the right session, and the declared caching
 * reaches the response.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLevels, cachePolicies, registerAccess } from '../../src/http/plugins/access.js';
import { systemClock } from '../../src/lib/clock.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

describe('routes declare their access and caching', () => {
  let t: TestApp;
  let user: TestUser;
  const declared = () => t.routes.filter((r) => r.url.startsWith('/api/') || r.url === '/metrics' || r.url === '/healthz');
  const sample: Record<string, string> = { variant: 'original', slug: 'privacy' };
  const withIds = (url: string) => url.replace(/:([a-z]+)/gi, (_, name: string) => sample[name] ?? randomUUID()).replace('*', 'x');
  // Required query parameters get a valid value, so the access check (after validation) is what answers.
  const sampleQuery: Record<string, string> = { q: 'long' };
  const withQuery = (r: { query: string[] }) => {
    const params = r.query.filter((name) => sampleQuery[name]).map((name) => `${name}=${sampleQuery[name]}`);
    return params.length ? `?${params.join('&')}` : '';
  };
  const call = (r: { method: string; url: string; query: string[] }, cookie?: string) =>
    t.app.inject({
      method: r.method as Method,
      url: withIds(r.url) + withQuery(r),
      headers: { origin: t.origin, ...(cookie ? { cookie } : {}) },
    });

  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
    user = await givenVerifiedUser(t);
  });
  afterAll(() => t?.close());

  it('finds every API route declaring one access level and one cache policy', () => {
    const routes = declared().filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(35);
    for (const r of routes) {
      expect(accessLevels, `${r.method} ${r.url} access`).toContain(r.config?.access);
      expect(cachePolicies, `${r.method} ${r.url} cache`).toContain(r.config?.cache);
    }
  });

  it('refuses a route that declares nothing, at start-up', async () => {
    const app = Fastify();
    registerAccess(
      app,
      { resolveSession: async () => null, resolveApiKey: async () => null, keyRateLimit: { max: 1, windowMs: 1000 } },
      systemClock,
    );
    const added = (async () => {
      app.get('/api/undeclared', async () => ({ ok: true }));
      await app.ready();
    })();
    await expect(added).rejects.toThrow('GET /api/undeclared must declare config.access and config.cache');
    await app.close();
  });

  it('answers every user and operator route without a session 401 (or its validation error), never with data', async () => {
    const guarded = declared().filter((r) => r.config?.access === 'user' || r.config?.access === 'operator');
    expect(guarded.length).toBeGreaterThan(25);
    for (const r of guarded.filter((x) => x.method !== 'HEAD')) {
      const res = await call(r);
      const code = res.json().error?.code;
      // A body is validated before the session is looked at, as it always was.
      const expected = r.takesBody ? ['unauthenticated', 'invalid_input'] : ['unauthenticated'];
      expect(expected, `${r.method} ${r.url} → ${res.statusCode} ${code}`).toContain(code);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  it('answers every operator route 403 for a signed-in user who is not an operator', async () => {
    const operatorRoutes = declared().filter((r) => r.config?.access === 'operator' && r.method !== 'HEAD');
    expect(operatorRoutes.length).toBeGreaterThan(3);
    for (const r of operatorRoutes) {
      const res = await call(r, user.cookie);
      const expected = r.takesBody ? ['forbidden', 'invalid_input'] : ['forbidden'];
      expect(expected, `${r.method} ${r.url} → ${res.statusCode}`).toContain(res.json().error?.code);
    }
  });

  it('sends the declared cache policy: private JSON never cached, refusals included', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/credits' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    // A file's error is not kept for a year: private-immutable applies to the file only.
    const missing = await t.app.inject({ method: 'GET', url: `/api/files/uploads/${randomUUID()}`, headers: { cookie: user.cookie } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
    const meta = await t.app.inject({ method: 'GET', url: '/api/meta' });
    expect(meta.headers['cache-control']).toBeUndefined();
  });
});
