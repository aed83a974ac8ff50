import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe('references delivered as signed links (REFERENCE_DELIVERY=signed-url)', () => {
  let t: TestApp;
  const clock = { offset: 0, now: () => new Date(Date.now() + clock.offset) };
  beforeAll(async () => {
    t = await buildTestApp({ clock, env: { PUBLIC_URL: 'https://animegen.example', REFERENCE_DELIVERY: 'signed-url' } });
  });
  afterAll(() => t.close());

  it('passes the provider an expiring link to exactly that image instead of uploading it', async () => {
    const user = await givenVerifiedUser(t);
    const ref = (await upload(t, user, await makeImage('png'))).json();
    const other = (await upload(t, user, await makeImage('webp'))).json();
    const uploadsBefore = t.deps.simulator!.stats().uploads;
    const g = await waitForTerminal(
      t,
      user,
      (await submit(t, user, { prompt: 'linked', model: 'nano-banana-2', referenceUploadIds: [ref.id] })).json().id,
    );
    expect(g.status).toBe('succeeded');
    expect(t.deps.simulator!.stats().uploads).toBe(uploadsBefore);
    const param = t.deps.simulator!.tasks().find((x) => x.param.includes('linked'))!.param;
    const link = new URL(JSON.parse(param).input.image_input[0]);
    expect(link.origin).toBe('https://animegen.example');
    expect(link.pathname).toBe(`/api/files/references/${ref.id}`);

    // No session needed: the signature is the permission.
    const fetched = await t.app.inject({ method: 'GET', url: link.pathname + link.search });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers['content-type']).toBe('image/png');

    const tampered = new URL(link);
    tampered.searchParams.set('signature', `${link.searchParams.get('signature')!.slice(0, -2)}AA`);
    expect((await t.app.inject({ method: 'GET', url: tampered.pathname + tampered.search })).statusCode).toBe(404);
    const otherImage = `/api/files/references/${other.id}${link.search}`;
    expect((await t.app.inject({ method: 'GET', url: otherImage })).statusCode).toBe(404);
    const later = new URL(link);
    later.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));
    expect((await t.app.inject({ method: 'GET', url: later.pathname + later.search })).statusCode).toBe(404);

    clock.offset = 2 * 3600 * 1000;
    expect((await t.app.inject({ method: 'GET', url: link.pathname + link.search })).statusCode).toBe(404);
    clock.offset = 0;
  });

  it('refuses signed-url delivery when the server is not publicly reachable', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(() => loadConfig({ REFERENCE_DELIVERY: 'signed-url' })).toThrow(/REFERENCE_DELIVERY/);
  });
});
