import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/index.js';
import { runGeneration, sweepDeadlines } from '../../src/generation/index.js';
import type { Clock } from '../../src/lib/clock.js';
import { ProviderError } from '../../src/providers/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { attemptOf, balanceOf, getGeneration, submit, waitForTerminal } from '../helpers/generations.js';
import { refundsFor } from '../helpers/ledger.js';
import { countOf, rowOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser } from '../helpers/users.js';

/** A clock the test can move forward. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

describe('generation pipeline faults', () => {
  let t: TestApp;
  const clock = movableClock();
  beforeAll(async () => {
    t = await buildTestApp({ clock, generation: { retryDelaySeconds: 1, deadlineSeconds: 600 } });
  });
  afterAll(() => t.close());

  it('retries transient provider errors and then succeeds, creating one task', async () => {
    const user = await givenVerifiedUser(t);
    const before = t.deps.simulator!.stats().createTask;
    t.deps.simulator!.setBehaviour({ httpErrors: 2 });
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'flaky network' })).json().id, 30_000);
    expect(g.status).toBe('succeeded');
    expect(t.deps.simulator!.stats().createTask - before).toBe(1);
    expect(await balanceOf(t, user)).toBe(user.credits - 2);
  });

  it('fails at once, refunds and raises an alert when our provider account is out of credits', async () => {
    const user = await givenVerifiedUser(t);
    const operator = await givenVerifiedUser(t);
    await t.deps.db.update(tables.user).set({ role: 'admin', twoFactorEnabled: true }).where(eq(tables.user.id, operator.id));
    const alerts = async (who = operator) => t.app.inject({ method: 'GET', url: '/api/admin/alerts', headers: { cookie: who.cookie } });
    expect((await alerts()).json().alerts).toEqual([]);

    t.deps.simulator!.setBehaviour({ outOfCredits: true });
    try {
      const failed = await Promise.all(
        ['no money', 'still no money'].map(async (prompt) => waitForTerminal(t, user, (await submit(t, user, { prompt })).json().id)),
      );
      for (const g of failed) {
        expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'provider_unavailable' } });
        expect(await refundsFor(t, g.id)).toBe(1);
      }
    } finally {
      t.deps.simulator!.setBehaviour({ outOfCredits: false });
    }
    // One banner for operators, counting both failures; users never see it.
    const [alert, ...more] = (await alerts()).json().alerts;
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ kind: 'provider_account', source: 'kie', code: 'insufficient_provider_credits', occurrences: 2 });
    expect((await alerts(user)).statusCode).toBe(403);

    const resolve = (id: string) =>
      t.app.inject({ method: 'POST', url: `/api/admin/alerts/${id}/resolve`, headers: { cookie: operator.cookie, origin: t.origin } });
    expect((await resolve(alert.id)).statusCode).toBe(204);
    expect((await alerts()).json().alerts).toEqual([]);
    expect((await resolve(alert.id)).statusCode).toBe(404);
  });

  it('fails and refunds once at the deadline when the provider never finishes (worker and sweeper racing)', async () => {
    const user = await givenVerifiedUser(t);
    const { id } = (await submit(t, user, { prompt: 'forever [sim:never]' })).json();
    for (let i = 0; i < 100 && (await getGeneration(t, user, id)).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await getGeneration(t, user, id)).status).toBe('running');
    clock.advance(601_000);
    const swept = await Promise.all([sweepDeadlines(t.deps.generation), sweepDeadlines(t.deps.generation)]);
    const g = await waitForTerminal(t, user, id);
    expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'timeout' } });
    expect(swept[0] + swept[1]).toBeLessThanOrEqual(1);
    expect(await refundsFor(t, id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(user.credits);
  });

  it('a job that runs twice at once creates one provider task, stores one result and charges once', async () => {
    const user = await givenVerifiedUser(t);
    const worker = { ...t.deps.generation };
    // Submit with the worker's queue bypassed: run the same job twice by hand, concurrently.
    const { id } = (await submit(t, user, { prompt: 'double run' })).json();
    const before = t.deps.simulator!.stats().createTask;
    const attempt = attemptOf(t, id);
    await Promise.all([runGeneration(worker, { generationId: id, attempt }), runGeneration(worker, { generationId: id, attempt })]);
    const g = await waitForTerminal(t, user, id);
    expect(g.status).toBe('succeeded');
    expect(g.images).toHaveLength(1);
    // The queue's own run may also have raced in; still at most one task per image slot was stored.
    const row = await rowOf(t.deps.db, tables.generations, eq(tables.generations.id, id));
    expect(row!.providerTaskIds).toHaveLength(1);
    expect(t.deps.simulator!.stats().createTask - before).toBeLessThanOrEqual(3);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from credit_entries where reference = ${id}`)).toBe(1);
  });

  it('a second run while the first polls a slow task reuses its stored task: one create, one result, one debit', async () => {
    const user = await givenVerifiedUser(t);
    const sim = t.deps.simulator!;
    const prompt = 'slow double run [sim:slow]';
    const delayMs = sim.behaviour().delayMs;
    // [sim:slow] takes ten times the delay: 3 s leaves the second run ample time to start while the task is unfinished.
    sim.setBehaviour({ delayMs: 300 });
    try {
      const { id } = (await submit(t, user, { prompt })).json();
      const storedIds = async () => (await rowOf(t.deps.db, tables.generations, eq(tables.generations.id, id)))!.providerTaskIds;
      for (let i = 0; i < 200 && (await storedIds()).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      const [taskId] = await storedIds();
      // The queue's run has stored its task id and is polling the unfinished task.
      expect(sim.tasks().find((x) => x.taskId === taskId)?.state).toMatch(/^(waiting|generating)$/);

      const provider = t.deps.generation.provider;
      const calls = { createTask: 0, getTask: 0 };
      const second = {
        ...t.deps.generation,
        provider: {
          ...provider,
          createTask: async (input: Parameters<typeof provider.createTask>[0]) => {
            calls.createTask++;
            return provider.createTask(input);
          },
          getTask: async (task: string) => {
            calls.getTask++;
            return provider.getTask(task);
          },
        },
      };
      await runGeneration(second, { generationId: id, attempt: attemptOf(t, id) });
      // It polled, so it really ran beside the first one instead of finding the generation ended.
      expect(calls.getTask).toBeGreaterThan(0);
      expect(calls.createTask).toBe(0);

      const g = await waitForTerminal(t, user, id);
      expect(g.status).toBe('succeeded');
      expect(g.images).toHaveLength(1);
      expect(await storedIds()).toEqual([taskId]);
      expect(sim.tasks().filter((x) => x.input.prompt === prompt)).toHaveLength(1);
      expect(await queryRows(t.deps.db, sql`select kind from credit_entries where reference = ${id}`)).toEqual([
        { kind: 'generation_debit' },
      ]);
    } finally {
      sim.setBehaviour({ delayMs });
    }
  });

  it('a finished generation is never changed by a late run', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'done already' })).json().id);
    const before = t.deps.simulator!.stats().createTask;
    await runGeneration(t.deps.generation, { generationId: g.id, attempt: attemptOf(t, g.id) });
    expect(t.deps.simulator!.stats().createTask).toBe(before);
    expect(await getGeneration(t, user, g.id)).toEqual(g);
  });
});

describe('a job that starts after the deadline', () => {
  let t: TestApp;
  const clock = movableClock();
  beforeAll(async () => {
    t = await buildTestApp({ clock, worker: false, generation: { deadlineSeconds: 600 } });
  });
  afterAll(() => t.close());

  it('fails and refunds without creating a provider task', async () => {
    const user = await givenVerifiedUser(t);
    const { id } = (await submit(t, user, { prompt: 'waited too long in the queue' })).json();
    clock.advance(601_000);
    const before = t.deps.simulator!.stats().createTask;
    await runGeneration(t.deps.generation, { generationId: id, attempt: attemptOf(t, id) });
    const g = await getGeneration(t, user, id);
    expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'timeout' } });
    expect(t.deps.simulator!.stats().createTask).toBe(before);
    expect(await refundsFor(t, id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(user.credits);
  });
});

describe('a generation where some images fail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('a job claimed as its worker stops is left untouched and handed to a fresh job', async () => {
    const user = await givenVerifiedUser(t);
    const { id } = (await submit(t, user, { prompt: 'claimed at shutdown' })).json();
    const before = t.deps.simulator!.stats().createTask;
    const stopping = { ...t.deps.generation, shutdown: AbortSignal.abort() };
    await runGeneration(stopping, { generationId: id, attempt: attemptOf(t, id) });
    expect(await getGeneration(t, user, id)).toMatchObject({ status: 'queued' });
    expect(t.deps.simulator!.stats().createTask).toBe(before);
    const jobs = sql`select count(*)::int as n from pgboss.job where name = 'generation.run' and data->>'generationId' = ${id} and state = 'created'`;
    // The submit's own job (never fetched here) and the fresh one.
    expect(await countOf(t.deps.db, jobs)).toBe(2);
  });

  it('keeps the images that came, refunds the rest exactly once, and a second run changes nothing', async () => {
    const user = await givenVerifiedUser(t);
    const start = await balanceOf(t, user);
    const submitted = (await submit(t, user, { prompt: 'two, the second refused', model: 'nano-banana-2', count: 2 })).json();
    // The provider refuses the second task it is asked for.
    const provider = t.deps.generation.provider;
    const created: string[] = [];
    const refusing = {
      ...t.deps.generation,
      provider: {
        ...provider,
        createTask: async (input: Parameters<typeof provider.createTask>[0]) => {
          const id = await provider.createTask(input);
          created.push(id);
          return id;
        },
        getTask: async (taskId: string) =>
          taskId === created[1]
            ? {
                state: 'failed' as const,
                error: new ProviderError('content_policy', {
                  kind: 'permanent',
                  userMessage: 'This image was refused.',
                  reason: 'content_policy',
                }),
              }
            : provider.getTask(taskId),
      },
    };
    const attempt = attemptOf(t, submitted.id);
    await runGeneration(refusing, { generationId: submitted.id, attempt });
    const g = await getGeneration(t, user, submitted.id);
    expect(g).toMatchObject({ status: 'succeeded', cost: submitted.cost, refunded: submitted.cost / 2 });
    expect(g.images).toHaveLength(1);
    expect(await refundsFor(t, submitted.id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(start - submitted.cost / 2);

    await runGeneration(refusing, { generationId: submitted.id, attempt });
    expect(await getGeneration(t, user, submitted.id)).toEqual(g);
    expect(await refundsFor(t, submitted.id)).toBe(1);
  });
});
