import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit } from '../helpers/generations.js';
import { openEvents } from '../helpers/sse.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe('live events (Server-Sent Events)', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await buildTestApp({ env: { SIMULATOR_DELAY_MS: '300' } });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('streams running → succeeded and the new balance, without polling', async () => {
    const user = await givenVerifiedUser(t);
    const stream = await openEvents(base, user.cookie);
    expect(stream.contentType).toContain('text/event-stream');
    const { id } = (await submit(t, user, { prompt: 'live please' })).json();
    await stream.waitFor((e) => e.type === 'generation' && e.generation.id === id && e.generation.status === 'succeeded');
    const statuses = stream.events.flatMap((e) => (e.type === 'generation' && e.generation.id === id ? [e.generation.status] : []));
    // The submitting page has the queued state from the 202 response; the stream carries what follows.
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses.indexOf('running')).toBeLessThan(statuses.indexOf('succeeded'));
    await stream.waitFor((e) => e.type === 'credits' && e.balance === user.credits - 2);
    stream.close();
  });

  it('streams a failure with its refund and a deletion', async () => {
    const user = await givenVerifiedUser(t);
    const stream = await openEvents(base, user.cookie);
    const { id } = (await submit(t, user, { prompt: 'oops [sim:fail]' })).json();
    const failed = await stream.waitFor((e) => e.type === 'generation' && e.generation.id === id && e.generation.status === 'failed');
    expect(failed.type === 'generation' && failed.generation.refunded).toBe(2);
    await stream.waitFor((e) => e.type === 'credits' && e.balance === user.credits);
    await t.app.inject({ method: 'DELETE', url: `/api/generations/${id}`, headers: { cookie: user.cookie, origin: t.origin } });
    await stream.waitFor((e) => e.type === 'generation_deleted' && e.id === id);
    stream.close();
  });

  it('a generation restored from the trash comes back without a second "ready"', async () => {
    const user = await givenVerifiedUser(t);
    const stream = await openEvents(base, user.cookie);
    const { id } = (await submit(t, user, { prompt: 'ready once' })).json();
    await stream.waitFor((e) => e.type === 'generation' && e.generation.id === id && e.generation.status === 'succeeded');
    const headers = { cookie: user.cookie, origin: t.origin };
    await t.app.inject({ method: 'DELETE', url: `/api/generations/${id}`, headers });
    await stream.waitFor((e) => e.type === 'generation_deleted' && e.id === id);
    const seen = stream.events.length;
    const restore = await t.app.inject({ method: 'POST', url: `/api/generations/${id}/restore`, headers, payload: {} });
    expect(restore.statusCode).toBe(200);
    const restored = await stream.waitFor((e) => e.type === 'generation_restored' && e.generation.id === id);
    expect(restored.type === 'generation_restored' && restored.generation.status).toBe('succeeded');
    // The browser announces "Your image is ready" for a `generation` event that reaches succeeded: none may follow a restore.
    expect(stream.events.slice(seen).filter((e) => e.type === 'generation')).toEqual([]);
    stream.close();
  });

  it("never sends one user's events to another", async () => {
    const alice = await givenVerifiedUser(t);
    const bob = await givenVerifiedUser(t);
    const bobStream = await openEvents(base, bob.cookie);
    const aliceStream = await openEvents(base, alice.cookie);
    const { id } = (await submit(t, alice, { prompt: 'private' })).json();
    await aliceStream.waitFor((e) => e.type === 'generation' && e.generation.id === id && e.generation.status === 'succeeded');
    expect(bobStream.events).toEqual([]);
    aliceStream.close();
    bobStream.close();
  });

  it('refuses the stream without a session', async () => {
    const res = await fetch(`${base}/api/generations/events`);
    expect(res.status).toBe(401);
  });
});
