/**
 * POST /api/generations/:id/cancel on each state: queued → canceled with one
 * full refund; running → canceled at a provider that can stop tasks, 409
 * cannot_cancel at one that cannot; ended → 409 already_finished; anyone
 * else's → 404. A job that runs on after the cancel changes nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditsResponse, Generation } from '../../src/contracts/api.js';
import { startRun } from '../../src/generation/generation.queries.js';
import { cancelGeneration, type GenerationContext, runGeneration } from '../../src/generation/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { attemptOf, getGeneration, submit, waitForTerminal } from '../helpers/generations.js';
import { rowOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

describe('canceling a generation', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No worker: a submitted generation stays queued until a test runs its job.
    t = await buildTestApp({ worker: false });
  });
  afterAll(() => t.close());

  const cancel = (user: TestUser, id: string) =>
    t.app.inject({ method: 'POST', url: `/api/generations/${id}/cancel`, headers: { cookie: user.cookie, origin: t.origin } });
  const credits = async (user: TestUser): Promise<CreditsResponse> =>
    (await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: user.cookie } })).json();
  const refundsOf = async (user: TestUser, id: string) =>
    (await credits(user)).entries.filter((e) => e.kind === 'generation_refund' && e.generationId === id);
  /** The app's generation context with a provider that can stop tasks, recording which. */
  const cancellable = (): { ctx: GenerationContext; canceled: string[] } => {
    const canceled: string[] = [];
    const provider = t.deps.generation.provider;
    return {
      canceled,
      ctx: {
        ...t.deps.generation,
        provider: {
          ...provider,
          cancelTask: async (taskId: string) => {
            canceled.push(taskId);
          },
        },
      },
    };
  };

  it('cancels a queued generation with a full refund, recorded once; a second cancel refunds nothing', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const queued: Generation = (await submit(t, user, { prompt: 'a lighthouse keeper', count: 2 })).json();
    expect(queued.status).toBe('queued');
    expect((await credits(user)).balance).toBe(10 - queued.cost);

    const res = await cancel(user, queued.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: queued.id, status: 'canceled', refunded: queued.cost });
    expect((await credits(user)).balance).toBe(10);
    expect(await refundsOf(user, queued.id)).toEqual([expect.objectContaining({ delta: queued.cost })]);

    const again = await cancel(user, queued.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_finished');
    expect((await credits(user)).balance).toBe(10);
    expect(await refundsOf(user, queued.id)).toHaveLength(1);
  });

  it('refunds once when two cancels race', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const queued: Generation = (await submit(t, user, { prompt: 'twin cancels' })).json();
    const answers = await Promise.all([cancel(user, queued.id), cancel(user, queued.id), cancel(user, queued.id)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await credits(user)).balance).toBe(10);
    expect(await refundsOf(user, queued.id)).toHaveLength(1);
  });

  it('lets the job of a canceled generation end without calling the provider, charging or refunding again', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const queued: Generation = (await submit(t, user, { prompt: 'canceled before it ran' })).json();
    expect((await cancel(user, queued.id)).statusCode).toBe(200);
    const created = t.deps.simulator!.tasks().length;
    await runGeneration(t.deps.generation, { generationId: queued.id, attempt: attemptOf(t, queued.id) });
    expect(t.deps.simulator!.tasks().length).toBe(created);
    expect(await getGeneration(t, user, queued.id)).toMatchObject({ status: 'canceled', images: [] });
    expect((await credits(user)).balance).toBe(10);
  });

  it('answers 409 cannot_cancel for a running generation when the provider cannot stop it, and lets it finish', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const queued: Generation = (await submit(t, user, { prompt: 'already with the provider' })).json();
    await startRun(t.deps.db, queued.id, new Date());
    // The simulator speaks KIE's API, which has no way to stop a task.
    expect(t.deps.generation.provider.cancelTask).toBeUndefined();
    const res = await cancel(user, queued.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('cannot_cancel');
    expect((await getGeneration(t, user, queued.id)).status).toBe('running');
    await runGeneration(t.deps.generation, { generationId: queued.id, attempt: attemptOf(t, queued.id) });
    expect((await waitForTerminal(t, user, queued.id)).status).toBe('succeeded');
    expect((await credits(user)).balance).toBe(10 - queued.cost);
  });

  it('answers 409 already_finished for a generation that has ended', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const queued: Generation = (await submit(t, user, { prompt: 'finished first' })).json();
    await runGeneration(t.deps.generation, { generationId: queued.id, attempt: attemptOf(t, queued.id) });
    expect((await waitForTerminal(t, user, queued.id)).status).toBe('succeeded');
    const res = await cancel(user, queued.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('already_finished');
    expect((await getGeneration(t, user, queued.id)).status).toBe('succeeded');
  });

  it('answers 404 for another user’s generation and changes nothing', async () => {
    const owner = await givenVerifiedUser(t, { credits: 10 });
    const other = await givenVerifiedUser(t, { credits: 10 });
    const queued: Generation = (await submit(t, owner, { prompt: 'not yours' })).json();
    const res = await cancel(other, queued.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await getGeneration(t, owner, queued.id)).status).toBe('queued');
    expect((await credits(owner)).balance).toBe(10 - queued.cost);
  });

  it('stops a running generation at a provider that can, while its job polls; the job then stores nothing', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const sim = t.deps.simulator!;
    const { ctx, canceled } = cancellable();
    const before = sim.behaviour().delayMs;
    // [sim:slow] takes ten times the delay: time enough to cancel while the job polls.
    sim.setBehaviour({ delayMs: 300 });
    try {
      const queued: Generation = (await submit(t, user, { prompt: 'stop me [sim:slow]' })).json();
      const running = runGeneration(ctx, { generationId: queued.id, attempt: attemptOf(t, queued.id) });
      const storedIds = async () => (await rowOf(t.deps.db, tables.generations, eq(tables.generations.id, queued.id)))!.providerTaskIds;
      for (let i = 0; i < 200 && (await storedIds()).length === 0; i++) await sleep(25);
      const [taskId] = await storedIds();
      expect(taskId).toBeDefined();

      const view = await cancelGeneration(ctx, { userId: user.id, generationId: queued.id });
      expect(view).toMatchObject({ status: 'canceled', refunded: queued.cost });
      expect(canceled).toEqual([taskId]);
      await running;

      const after = await getGeneration(t, user, queued.id);
      expect(after).toMatchObject({ status: 'canceled', images: [], error: null });
      expect((await credits(user)).balance).toBe(10);
      expect(await refundsOf(user, queued.id)).toHaveLength(1);
    } finally {
      sim.setBehaviour({ delayMs: before });
    }
  });
});
