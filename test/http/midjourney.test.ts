import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModels, runGeneration } from '../../src/generation/index.js';
import { type ImageProvider, kieError, type TaskState } from '../../src/providers/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { attemptOf, balanceOf, getGeneration, submit, waitForTerminal } from '../helpers/generations.js';
import { refundsFor } from '../helpers/ledger.js';
import { countOf } from '../helpers/tables.js';
import { givenVerifiedUser } from '../helpers/users.js';

/** The default catalog's niji 6 entry, switched on as an operator would in MODELS_JSON; a copy left off beside it. */
const niji = { ...defaultModels.find((m) => m.id === 'niji-6')!, enabled: true };
const nijiOff = { ...niji, id: 'niji-6-off', enabled: false };
const env = { MODELS_JSON: JSON.stringify([...defaultModels.filter((m) => m.id !== 'niji-6'), niji, nijiOff]) };

const debitsFor = (t: TestApp, generationId: string) =>
  countOf(t.deps.db, sql`select count(*)::int as n from credit_entries where kind = 'generation_debit' and reference = ${generationId}`);

const midjourneyTasks = (t: TestApp, prompt: string) =>
  t.deps.simulator!.tasks().filter((x) => x.api === 'midjourney' && x.param.includes(prompt));

describe('Midjourney niji 6 through KIE (simulator)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env });
  });
  afterAll(() => t.close());

  it('lists the switched-on model with its four images per run, and hides a switched-off one', async () => {
    const { models } = (await t.app.inject({ method: 'GET', url: '/api/models' })).json();
    expect(models).toContainEqual(
      expect.objectContaining({ id: 'niji-6', cost: niji.cost, imagesPerTask: 4, supportsNegativePrompt: false, maxPromptLength: 2000 }),
    );
    expect(models).toContainEqual(expect.objectContaining({ id: 'nano-banana', imagesPerTask: 1 }));
    expect(models.map((m: { id: string }) => m.id)).not.toContain('niji-6-off');
  });

  it('answers a switched-off model as an unknown one, charging nothing', async () => {
    const user = await givenVerifiedUser(t);
    const res = await submit(t, user, { model: 'niji-6-off', prompt: 'a fox spirit' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'unknown_model', field: 'model' });
    expect(await balanceOf(t, user)).toBe(user.credits);
  });

  it('one run lands the grid’s four images from one provider task, charged once', async () => {
    const user = await givenVerifiedUser(t);
    const prompt = 'a shrine maiden under lanterns';
    const res = await submit(t, user, { model: 'niji-6', prompt, aspectRatio: '2:3' });
    expect(res.statusCode).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    expect(g).toMatchObject({ status: 'succeeded', count: 1, cost: niji.cost, refunded: 0, error: null });
    expect(g.images).toHaveLength(4);
    expect(new Set(g.images.map((i) => i.id)).size).toBe(4);
    for (const image of g.images) expect(image).toMatchObject({ width: 683, height: 1024 });
    const file = await t.app.inject({ method: 'GET', url: g.images[3]!.url, headers: { cookie: user.cookie } });
    expect(file.statusCode).toBe(200);
    expect(midjourneyTasks(t, prompt)).toHaveLength(1);
    expect(await debitsFor(t, g.id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(user.credits - niji.cost);
  });

  it('counts runs for a grid model: two runs are two tasks, eight images, twice the price', async () => {
    const user = await givenVerifiedUser(t);
    const prompt = 'twin kitsune, two runs';
    const g = await waitForTerminal(t, user, (await submit(t, user, { model: 'niji-6', prompt, count: 2 })).json().id);
    expect(g).toMatchObject({ status: 'succeeded', count: 2, cost: 2 * niji.cost, refunded: 0 });
    expect(g.images).toHaveLength(8);
    expect(midjourneyTasks(t, prompt)).toHaveLength(2);
    expect(await balanceOf(t, user)).toBe(user.credits - 2 * niji.cost);
  });

  it('refunds a failed grid exactly once', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { model: 'niji-6', prompt: 'storm [sim:fail]' })).json().id);
    expect(g).toMatchObject({ status: 'failed', refunded: niji.cost, images: [] });
    expect(await refundsFor(t, g.id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(user.credits);
  });

  it('refuses a negative prompt and a prompt past Midjourney’s 2000 characters before charging', async () => {
    const user = await givenVerifiedUser(t);
    const negative = await submit(t, user, { model: 'niji-6', prompt: 'a cat', negativePrompt: 'blurry' });
    expect(negative.json().error).toMatchObject({ code: 'invalid_input', field: 'negativePrompt' });
    const long = await submit(t, user, { model: 'niji-6', prompt: 'x'.repeat(2001) });
    expect(long.json().error).toMatchObject({ code: 'invalid_input', field: 'prompt' });
    expect(await balanceOf(t, user)).toBe(user.credits);
  });
});

describe('Midjourney callbacks through the real hook route', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Polling so slow that only the Midjourney-shaped callback can finish a generation within the test.
    t = await buildTestApp({ env, generation: { poll: { initialMs: 120_000, maxMs: 120_000 } } });
    t.deps.generation.settings.callbackBaseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('a callback with a flat resultUrls list wakes the worker, which stores the four images', async () => {
    const user = await givenVerifiedUser(t);
    const prompt = 'called back, four at once';
    const started = Date.now();
    const g = await waitForTerminal(t, user, (await submit(t, user, { model: 'niji-6', prompt })).json().id, 20_000);
    expect(g.status).toBe('succeeded');
    expect(g.images).toHaveLength(4);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(midjourneyTasks(t, prompt)[0]?.callBackUrl).toContain(`/api/hooks/kie/${g.id}?token=`);
  });
});

describe('Midjourney runs whose results cannot all be fetched', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No worker: each generation is run by hand with a provider whose downloads of chosen results fail.
    t = await buildTestApp({ env, worker: false });
  });
  afterAll(() => t.close());

  /** The real adapter, except that results picked by `spoiled` (run number, image number) answer 404 as an expired URL would. */
  function withSpoiledResults(spoiled: (run: number, image: number) => boolean): ImageProvider {
    const provider = t.deps.generation.provider;
    const runs: string[] = [];
    const urls = new Map<string, [number, number]>();
    return {
      ...provider,
      getTask: async (taskId: string): Promise<TaskState> => {
        const state = await provider.getTask(taskId);
        if (!runs.includes(taskId)) runs.push(taskId);
        if (state.state === 'succeeded') for (const [i, url] of state.resultUrls.entries()) urls.set(url, [runs.indexOf(taskId), i]);
        return state;
      },
      downloadResult: async (url: string) => {
        const [run, image] = urls.get(url) ?? [-1, -1];
        if (spoiled(run, image)) throw kieError('result_missing', 'gone');
        return provider.downloadResult(url);
      },
    };
  }

  async function runWith(provider: ImageProvider, count: number, prompt: string) {
    const user = await givenVerifiedUser(t);
    const { id } = (await submit(t, user, { model: 'niji-6', prompt, count })).json();
    await runGeneration({ ...t.deps.generation, provider }, { generationId: id, attempt: attemptOf(t, id) });
    return { user, g: await getGeneration(t, user, id) };
  }

  it('refunds the one run of two that gave no image, once, and keeps the other run’s four', async () => {
    const { user, g } = await runWith(
      withSpoiledResults((run) => run === 1),
      2,
      'second run expired',
    );
    expect(g).toMatchObject({ status: 'succeeded', cost: 2 * niji.cost, refunded: niji.cost, error: { code: 'result_unusable' } });
    expect(g.images).toHaveLength(4);
    expect(await refundsFor(t, g.id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(user.credits - niji.cost);
  });

  it('charges a run that gave three of its four images, and says one could not be fetched', async () => {
    const { user, g } = await runWith(
      withSpoiledResults((run, image) => run === 0 && image === 2),
      1,
      'one image expired',
    );
    expect(g).toMatchObject({ status: 'succeeded', refunded: 0, error: { code: 'result_unusable' } });
    expect(g.images).toHaveLength(3);
    expect(await refundsFor(t, g.id)).toBe(0);
    expect(await balanceOf(t, user)).toBe(user.credits - niji.cost);
  });
});
