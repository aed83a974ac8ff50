import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, makeImage, multipart, submit, waitForTerminal } from '../helpers/generations.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe('cross-site request forgery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('refuses every state-changing route from a foreign or missing origin, and changes nothing', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'keep me' })).json().id);
    const png = multipart(await makeImage('png'), 'a.png', 'image/png');
    const routes = [
      { method: 'POST' as const, url: '/api/generations', payload: { prompt: 'forged', model: 'nano-banana', aspectRatio: '1:1' } },
      { method: 'PATCH' as const, url: '/api/me', payload: { name: 'Hacked' } },
      { method: 'DELETE' as const, url: `/api/generations/${g.id}` },
      { method: 'POST' as const, url: '/api/uploads', payload: png.payload, contentType: png.contentType },
      { method: 'POST' as const, url: '/api/auth/sign-out', payload: {} },
      { method: 'POST' as const, url: '/api/billing/checkout', payload: { packId: 'small' } },
      { method: 'POST' as const, url: '/api/billing/fulfil', payload: { sessionId: 'cs_test_x' } },
    ];
    for (const headers of [{ origin: 'https://evil.example' }, { referer: 'https://evil.example/page' }, {}]) {
      for (const r of routes) {
        const res = await t.app.inject({
          method: r.method,
          url: r.url,
          payload: r.payload,
          headers: { cookie: user.cookie, ...headers, ...(r.contentType ? { 'content-type': r.contentType } : {}) },
        });
        expect(res.statusCode, `${r.method} ${r.url} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.json().name).toBe('Test User');
    expect(await balanceOf(t, user)).toBe(user.credits - 2);
    expect((await t.app.inject({ method: 'GET', url: `/api/generations/${g.id}`, headers: { cookie: user.cookie } })).statusCode).toBe(200);
  });

  it('accepts the same requests from our own origin', async () => {
    const user = await givenVerifiedUser(t);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { name: 'Mine' },
    });
    expect(res.statusCode).toBe(200);
  });
});
