import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit } from '../helpers/generations.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe("staying under KIE's rate limit (20 new tasks per 10 s, the rest dropped)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { WORKER_CONCURRENCY: '8' } });
  });
  afterAll(() => t.close());

  it('runs 25 generations at once without a single refused task', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const before = t.deps.simulator!.stats().createTask;
    const ids = await Promise.all(Array.from({ length: 25 }, async (_, i) => (await submit(t, user, { prompt: `burst ${i}` })).json().id));
    let statuses: string[] = [];
    for (let i = 0; i < 300 && !(statuses.length === 25 && statuses.every((s) => s === 'succeeded' || s === 'failed')); i++) {
      await new Promise((r) => setTimeout(r, 200));
      const page = await t.app.inject({ method: 'GET', url: '/api/generations?limit=50', headers: { cookie: user.cookie } });
      statuses = page.json().items.map((g: { status: string }) => g.status);
    }
    expect(ids).toHaveLength(25);
    expect(statuses).toEqual(Array(25).fill('succeeded'));
    // Every createTask call was accepted the first time: a refused one would have been retried.
    expect(t.deps.simulator!.stats().createTask - before).toBe(25);
  }, 90_000);
});
