import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackToken } from '../../src/generation/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { getGeneration, submit, waitForTerminal } from '../helpers/generations.js';
import { rowOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser } from '../helpers/users.js';

const HMAC_KEY = 'kie-webhook-test-key';

describe('provider callbacks', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Polling so slow that only a callback can finish a generation within the test.
    t = await buildTestApp({
      simulatorWebhookKey: HMAC_KEY,
      generation: { poll: { initialMs: 120_000, maxMs: 120_000 } },
    });
    t.deps.generation.settings.callbackBaseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const post = (id: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/hooks/kie/${id}?token=${encodeURIComponent(token)}`, payload: body as object, headers });
  const signed = (taskId: string, at = Math.floor(Date.now() / 1000)) => ({
    'x-webhook-timestamp': String(at),
    'x-webhook-signature': createHmac('sha256', HMAC_KEY).update(`${taskId}.${at}`).digest('base64'),
  });
  const secret = () => t.deps.generation.settings.callbackSecret;

  async function running(prompt: string) {
    const user = await givenVerifiedUser(t);
    const { id } = (await submit(t, user, { prompt })).json();
    for (let i = 0; i < 100; i++) {
      const row = await rowOf(t.deps.db, tables.generations, eq(tables.generations.id, id));
      if (row?.providerTaskIds.length) return { user, id, taskId: row.providerTaskIds[0]! };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no task id stored');
  }

  it('sends a per-generation callback URL, and the simulator calling it finishes the generation at once', async () => {
    const user = await givenVerifiedUser(t);
    const started = Date.now();
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'called back' })).json().id, 20_000);
    expect(g.status).toBe('succeeded');
    // Without the callback the worker would sleep two minutes before looking again.
    expect(Date.now() - started).toBeLessThan(20_000);
    const task = t.deps.simulator!.tasks().find((x) => x.param.includes('called back'));
    expect(String(task?.callBackUrl)).toContain(`/api/hooks/kie/${g.id}?token=`);
  });

  it('refuses a forged token, a missing or wrong signature and a stale timestamp, changing nothing', async () => {
    const { user, id, taskId } = await running('wait [sim:never]');
    const body = { code: 200, data: { taskId, state: 'success' } };
    expect((await post(id, 'forged', body, signed(taskId))).statusCode).toBe(401);
    expect((await post(id, callbackToken(secret(), id), body)).statusCode).toBe(401);
    expect((await post(id, callbackToken(secret(), id), body, { ...signed(taskId), 'x-webhook-signature': 'AAAA' })).statusCode).toBe(401);
    expect((await post(id, callbackToken(secret(), id), body, signed(taskId, Math.floor(Date.now() / 1000) - 3600))).statusCode).toBe(401);
    expect((await getGeneration(t, user, id)).status).toBe('running');
  });

  it("refuses another generation's task (404) and accepts a genuine hint without trusting its content", async () => {
    const a = await running('first [sim:never]');
    const b = await running('second [sim:never]');
    const forgedSuccess = {
      code: 200,
      data: { taskId: b.taskId, state: 'success', resultJson: '{"resultUrls":["http://127.0.0.1:1/x.png"]}' },
    };
    expect((await post(a.id, callbackToken(secret(), a.id), forgedSuccess, signed(b.taskId))).statusCode).toBe(404);
    const genuine = await post(b.id, callbackToken(secret(), b.id), forgedSuccess, signed(b.taskId));
    expect(genuine.statusCode).toBe(200);
    expect(genuine.json()).toEqual({ accepted: true });
    // The worker re-read the task from the provider: still generating, so still running.
    await new Promise((r) => setTimeout(r, 500));
    expect((await getGeneration(t, b.user, b.id)).status).toBe('running');
  });

  it('treats duplicate and late callbacks after the end as no-ops', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'done once' })).json().id, 20_000);
    const row = await rowOf(t.deps.db, tables.generations, eq(tables.generations.id, g.id));
    const taskId = row!.providerTaskIds[0]!;
    for (let i = 0; i < 3; i++) {
      const res = await post(g.id, callbackToken(secret(), g.id), { code: 501, data: { taskId, state: 'fail' } }, signed(taskId));
      expect(res.json()).toEqual({ accepted: false });
    }
    expect(await getGeneration(t, user, g.id)).toEqual(g);
  });
});

describe('polling when callbacks come', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A task takes 1.5 s; without callbacks the worker would look every 50 ms at first.
    t = await buildTestApp({ env: { SIMULATOR_DELAY_MS: '1500' }, generation: { poll: { initialMs: 50, maxMs: 60_000 } } });
    t.deps.generation.settings.callbackBaseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('looks at a new task only when called back, instead of polling the provider meanwhile', async () => {
    const user = await givenVerifiedUser(t);
    const before = t.deps.simulator!.stats().recordInfo;
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'called back, not polled' })).json().id, 20_000);
    expect(g.status).toBe('succeeded');
    expect(t.deps.simulator!.stats().recordInfo - before).toBe(1);
  });
});
