import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { type A1111Fake, type A1111FakeOptions, startA1111Fake } from '../../../test/fakes/a1111-fake.js';
import { providerErrorOf, waitForTask } from '../../../test/fakes/kie-simulator.js';
import type { CreateTaskInput, ImageProvider, ReferenceImage } from '../types.js';
import { type A1111ProviderOptions, createA1111Provider } from './a1111-provider.js';

const CHECKPOINT = 'animagine-xl-3.1.safetensors [e3c47aedb0]';

let fake: A1111Fake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function given(fakeOptions: A1111FakeOptions = {}, adapter: Partial<A1111ProviderOptions> = {}) {
  fake = await startA1111Fake({ checkpoints: [CHECKPOINT], ...fakeOptions });
  const provider = createA1111Provider({ baseUrl: fake.url, timeoutMs: 5_000, defaults: { longestSide: 256 }, ...adapter });
  return { fake, provider };
}

function taskInput(overrides: Partial<CreateTaskInput> = {}): CreateTaskInput {
  return {
    providerModel: 'default',
    prompt: '1girl, fox ears, cherry blossoms',
    aspectRatio: '1:1',
    seed: 42,
    references: [],
    ...overrides,
  };
}

async function succeededUrl(provider: ImageProvider, taskId: string): Promise<string> {
  const state = await waitForTask(provider, taskId);
  if (state.state !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(state)}`);
  expect(state.resultUrls).toEqual([`a1111-result://${taskId}/0`]);
  return state.resultUrls[0] ?? '';
}

async function pngReference(): Promise<ReferenceImage> {
  const bytes = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff00aa' } })
    .png()
    .toBuffer();
  return { name: 'ref.png', bytes, contentType: 'image/png' };
}

describe('A1111 adapter: generating through the port', () => {
  it('creates a txt2img task, polls it to success and downloads a PNG of the requested size', async () => {
    const { provider } = await given({}, { defaults: {} });
    const taskId = await provider.createTask(taskInput({ aspectRatio: '16:9' }));
    expect(taskId).toMatch(/^a1111_[0-9a-f-]{36}$/);
    const image = await provider.downloadResult(await succeededUrl(provider, taskId));
    expect(image.contentType).toBe('image/png');
    expect(await sharp(image.bytes).metadata()).toMatchObject({ format: 'png', width: 1024, height: 576 });
    expect(provider).toMatchObject({ name: 'a1111', demo: false });
  });

  it('maps prompt, negative prompt, 16:9 size, seed, sampling settings and the checkpoint onto txt2img', async () => {
    const { provider } = await given(
      {},
      { checkpoint: 'animagine-xl-3.1', defaults: { longestSide: 1024, steps: 20, cfgScale: 5, sampler: 'DPM++ 2M' } },
    );
    const taskId = await provider.createTask(
      taskInput({ prompt: 'a shrine maiden', negativePrompt: 'lowres, bad hands', aspectRatio: '16:9', seed: 1234 }),
    );
    await succeededUrl(provider, taskId);
    const [call] = fake?.generations() ?? [];
    expect(call?.path).toBe('/sdapi/v1/txt2img');
    expect(call?.body).toMatchObject({
      prompt: 'a shrine maiden',
      negative_prompt: 'lowres, bad hands',
      width: 1024,
      height: 576,
      seed: 1234,
      steps: 20,
      cfg_scale: 5,
      sampler_name: 'DPM++ 2M',
      batch_size: 1,
      n_iter: 1,
      // The configured short name is resolved to the webui's full title.
      override_settings: { sd_model_checkpoint: CHECKPOINT },
    });
    expect(call?.body).not.toHaveProperty('init_images');
  });

  it('uses the providerModel as the checkpoint, and keeps the loaded one when neither names a checkpoint', async () => {
    const { provider } = await given();
    await succeededUrl(provider, await provider.createTask(taskInput({ providerModel: CHECKPOINT })));
    await succeededUrl(provider, await provider.createTask(taskInput({ providerModel: 'default' })));
    const [named, plain] = fake?.generations() ?? [];
    expect(named?.body?.override_settings).toEqual({ sd_model_checkpoint: CHECKPOINT });
    expect(plain?.body).not.toHaveProperty('override_settings');
  });

  it('sends the first reference as the img2img init image, base64, with a denoising strength', async () => {
    const { provider } = await given({}, { defaults: { longestSide: 256, denoisingStrength: 0.6 } });
    const reference = await pngReference();
    const taskId = await provider.createTask(taskInput({ aspectRatio: '2:3', references: [reference] }));
    const image = await provider.downloadResult(await succeededUrl(provider, taskId));
    const [call] = fake?.generations() ?? [];
    expect(call?.path).toBe('/sdapi/v1/img2img');
    expect(call?.body?.init_images).toEqual([reference.bytes.toString('base64')]);
    expect(call?.body?.denoising_strength).toBe(0.6);
    expect(await sharp(image.bytes).metadata()).toMatchObject({ width: 168, height: 256 });
  });

  it('refuses a second reference before calling the webui', async () => {
    const { provider } = await given();
    const error = await providerErrorOf(provider.createTask(taskInput({ references: [await pngReference(), await pngReference()] })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'references_not_supported' });
    expect(fake?.calls).toEqual([]);
  });

  it('sends Basic auth on every call when the webui runs with --api-auth', async () => {
    const { provider } = await given({ auth: { username: 'anime', password: 's3cret' } }, { username: 'anime', password: 's3cret' });
    await succeededUrl(provider, await provider.createTask(taskInput()));
    const expected = `Basic ${Buffer.from('anime:s3cret').toString('base64')}`;
    expect(fake?.calls.length).toBeGreaterThanOrEqual(2);
    for (const call of fake?.calls ?? []) expect(call.authorization).toBe(expected);
  });

  it('takes credentials written into the base URL', async () => {
    fake = await startA1111Fake({ auth: { username: 'anime', password: 'p@ss' } });
    const provider = createA1111Provider({ baseUrl: fake.url.replace('http://', 'http://anime:p%40ss@'), defaults: { longestSide: 64 } });
    await expect(waitForTask(provider, await provider.createTask(taskInput()))).resolves.toMatchObject({ state: 'succeeded' });
  });
});

describe('A1111 adapter: results held in memory', () => {
  it('serves the bytes again to a retried download (until the memory caps evict them)', async () => {
    const { provider } = await given();
    const url = await succeededUrl(provider, await provider.createTask(taskInput()));
    const first = await provider.downloadResult(url);
    expect((await provider.downloadResult(url)).bytes.equals(first.bytes)).toBe(true);
  });

  it.each([
    'https://example.com/a.png',
    'a1111-result://a1111_00000000-0000-0000-0000-000000000000/1',
    'a1111-result://../etc/passwd/0',
    'file:///etc/passwd',
  ])('refuses to download %s', async (url) => {
    const { provider } = await given();
    expect(await providerErrorOf(provider.downloadResult(url))).toMatchObject({ kind: 'permanent', code: 'result_url_refused' });
  });

  it('forgets the oldest finished task once more than maxFinished are kept', async () => {
    const { provider } = await given({}, { maxFinished: 1 });
    const first = await provider.createTask(taskInput({ seed: 1 }));
    await waitForTask(provider, first);
    const second = await provider.createTask(taskInput({ seed: 2 }));
    await waitForTask(provider, second);
    expect(await providerErrorOf(provider.getTask(first))).toMatchObject({ code: 'task_not_found' });
    await expect(provider.getTask(second)).resolves.toMatchObject({ state: 'succeeded' });
  });
});

describe('A1111 adapter: one GPU, one call at a time', () => {
  it('with concurrency 1, the webui sees the second task only after the first has answered', async () => {
    const { provider } = await given({ behaviour: { delayMs: 150 } });
    const a = await provider.createTask(taskInput({ seed: 1 }));
    const b = await provider.createTask(taskInput({ seed: 2 }));
    expect(await provider.getTask(b)).toEqual({ state: 'pending', progress: 0 });
    await Promise.all([waitForTask(provider, a), waitForTask(provider, b)]);
    const [first, second] = fake?.generations() ?? [];
    expect(fake?.maxInFlight()).toBe(1);
    expect(first?.body?.seed).toBe(1);
    expect(second?.startedAt).toBeGreaterThanOrEqual(first?.finishedAt ?? Number.POSITIVE_INFINITY);
  });

  it('with concurrency 2, both calls are in flight together', async () => {
    const { provider } = await given({ behaviour: { delayMs: 150 } }, { concurrency: 2 });
    const ids = [await provider.createTask(taskInput({ seed: 1 })), await provider.createTask(taskInput({ seed: 2 }))];
    await Promise.all(ids.map((id) => waitForTask(provider, id)));
    expect(fake?.maxInFlight()).toBe(2);
  });

  it("reports the webui's progress while its task runs", async () => {
    const { provider } = await given({ behaviour: { delayMs: 600 } });
    const taskId = await provider.createTask(taskInput());
    await new Promise((resolve) => setTimeout(resolve, 300));
    const state = await provider.getTask(taskId);
    expect(state.state).toBe('pending');
    expect(state.state === 'pending' && state.progress).toBeGreaterThan(0);
    expect(fake?.calls.some((c) => c.path === '/sdapi/v1/progress')).toBe(true);
  });
});
