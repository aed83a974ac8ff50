import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { type ComfyFake, type ComfyFakeOptions, startComfyFake } from '../../../test/fakes/comfyui-fake.js';
import { providerErrorOf, waitForTask } from '../../../test/fakes/kie-simulator.js';
import type { CreateTaskInput, ImageProvider, ReferenceImage } from '../types.js';
import { type ComfyProviderOptions, createComfyProvider } from './comfyui-provider.js';
import { type Graph, loadWorkflows, parseWorkflow } from './workflow.js';

const ILLUSTRIOUS = 'illustriousXL_v01.safetensors';
const NOOBAI = 'anime/noobaiXL_vPred10.safetensors';

let fake: ComfyFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A small image area keeps the fake's PNGs quick: 1/16 MP gives 336×192 at 16:9. */
async function given(fakeOptions: ComfyFakeOptions = {}, adapter: Partial<ComfyProviderOptions> = {}) {
  fake = await startComfyFake({ checkpoints: [ILLUSTRIOUS, NOOBAI], ...fakeOptions });
  const provider = createComfyProvider({ baseUrl: fake.url, megapixels: 1 / 16, timeoutMs: 5_000, ...adapter });
  return { fake, provider };
}

const taskInput = (overrides: Partial<CreateTaskInput> = {}): CreateTaskInput => ({
  providerModel: 'default',
  prompt: '1girl, fox ears, cherry blossoms',
  aspectRatio: '1:1',
  seed: 42,
  references: [],
  ...overrides,
});

async function succeededUrls(provider: ImageProvider, taskId: string): Promise<string[]> {
  const state = await waitForTask(provider, taskId);
  if (state.state !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(state)}`);
  return state.resultUrls;
}

async function pngReference(name = 'ref.png', colour = '#ff00aa'): Promise<ReferenceImage> {
  const bytes = await sharp({ create: { width: 40, height: 60, channels: 3, background: colour } })
    .png()
    .toBuffer();
  return { name, bytes, contentType: 'image/png' };
}

const lastPrompt = () => fake?.prompts().at(-1) ?? {};
type SentGraph = ReturnType<ComfyFake['prompts']>[number];
const nodeOfClass = (graph: SentGraph, cls: string) => Object.values(graph).find((n) => n.class_type === cls)?.inputs ?? {};

describe('ComfyUI adapter: generating through the port', () => {
  it("queues a txt2img prompt, follows it to success and downloads ComfyUI's PNG at the SDXL size", async () => {
    const { provider } = await given({}, { megapixels: 1 });
    const taskId = await provider.createTask(taskInput({ aspectRatio: '16:9' }));
    const [url, ...more] = await succeededUrls(provider, taskId);
    expect(more).toEqual([]);
    expect(url).toMatch(new RegExp(`^${fake?.url}/view\\?filename=animegen_\\d{5}_\\.png&subfolder=&type=output$`));
    const image = await provider.downloadResult(url ?? '');
    expect(image.contentType).toBe('image/png');
    expect(await sharp(image.bytes).metadata()).toMatchObject({ format: 'png', width: 1344, height: 768 });
    expect(provider).toMatchObject({ name: 'comfyui', demo: false });
  });

  it("maps prompt, negative prompt, seed, steps, guidance, sampler and size onto the template's nodes", async () => {
    const { provider } = await given();
    const input = taskInput({ prompt: 'a shrine maiden', negativePrompt: 'bad hands', aspectRatio: '2:3', seed: 1234 });
    await succeededUrls(provider, await provider.createTask({ ...input, steps: 30, guidance: 5.5, sampler: 'DPM++ 2M Karras' }));
    const graph = lastPrompt();
    expect(graph['6']?.inputs?.text).toBe('a shrine maiden');
    expect(graph['7']?.inputs?.text).toBe('bad hands');
    expect(nodeOfClass(graph, 'KSampler')).toMatchObject({
      seed: 1234,
      steps: 30,
      cfg: 5.5,
      sampler_name: 'dpmpp_2m',
      scheduler: 'karras',
      denoise: 1,
    });
    expect(nodeOfClass(graph, 'EmptyLatentImage')).toEqual({ width: 208, height: 304, batch_size: 1 });
  });

  it("keeps the template's steps, CFG, sampler and negative prompt when the request leaves them open", async () => {
    const { provider } = await given();
    await succeededUrls(provider, await provider.createTask(taskInput()));
    const graph = lastPrompt();
    expect(nodeOfClass(graph, 'KSampler')).toMatchObject({ steps: 28, cfg: 6, sampler_name: 'euler_ancestral', scheduler: 'normal' });
    expect(graph['7']?.inputs?.text).toMatch(/^lowres, bad anatomy/);
  });

  it("takes the model's checkpoint (found without extension or folder), else COMFYUI_CHECKPOINT, else the server's first", async () => {
    const { provider } = await given({}, { checkpoint: 'noobaiXL_vPred10' });
    await succeededUrls(provider, await provider.createTask(taskInput({ providerModel: 'illustriousXL_v01' })));
    await succeededUrls(provider, await provider.createTask(taskInput({ providerModel: 'default' })));
    const plain = createComfyProvider({ baseUrl: fake?.url ?? '', megapixels: 1 / 16 });
    await succeededUrls(plain, await plain.createTask(taskInput({ providerModel: 'default' })));
    expect(fake?.prompts().map((g) => nodeOfClass(g, 'CheckpointLoaderSimple').ckpt_name)).toEqual([ILLUSTRIOUS, NOOBAI, ILLUSTRIOUS]);
  });

  it('refuses a checkpoint the server does not have, before queueing anything, as a permanent error', async () => {
    const { provider } = await given();
    const error = await providerErrorOf(provider.createTask(taskInput({ providerModel: 'ponyDiffusionV6XL.safetensors' })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'checkpoint_not_found', reason: 'model_unavailable' });
    expect(error.userMessage).toBe('This model is currently unavailable.');
    expect(error.detail).toContain(ILLUSTRIOUS);
    expect(fake?.prompts()).toEqual([]);
  });

  it('uploads the reference through /upload/image and runs img2img with denoise = strength at the requested size', async () => {
    const { provider } = await given();
    const taskId = await provider.createTask(taskInput({ aspectRatio: '3:4', strength: 0.45, references: [await pngReference()] }));
    const image = await provider.downloadResult((await succeededUrls(provider, taskId))[0] ?? '');
    const graph = lastPrompt();
    expect(nodeOfClass(graph, 'LoadImage').image).toBe('ref.png');
    expect(nodeOfClass(graph, 'KSampler').denoise).toBe(0.45);
    expect(nodeOfClass(graph, 'ImageScale')).toMatchObject({ width: 224, height: 288 });
    expect(await sharp(image.bytes).metadata()).toMatchObject({ width: 224, height: 288 });
  });

  it('puts the name ComfyUI returns into LoadImage when an upload of the same name is renamed', async () => {
    const { provider } = await given();
    await succeededUrls(provider, await provider.createTask(taskInput({ references: [await pngReference('same.png', '#000000')] })));
    await succeededUrls(provider, await provider.createTask(taskInput({ references: [await pngReference('same.png', '#ffffff')] })));
    expect(fake?.uploads()).toEqual(['same.png', 'same (1).png']);
    expect(nodeOfClass(lastPrompt(), 'LoadImage').image).toBe('same (1).png');
  });

  it('refuses a second reference, and any reference without an img2img template, before calling the server', async () => {
    const { provider } = await given();
    const two = await providerErrorOf(provider.createTask(taskInput({ references: [await pngReference(), await pngReference()] })));
    expect(two).toMatchObject({ kind: 'permanent', code: 'references_not_supported', reason: 'reference_problem' });
    const txtOnly = createComfyProvider({ baseUrl: fake?.url ?? '', workflows: { txt2img: loadWorkflows().txt2img } });
    const none = await providerErrorOf(txtOnly.createTask(taskInput({ references: [await pngReference()] })));
    expect(none).toMatchObject({ code: 'references_not_supported' });
    expect(fake?.calls).toEqual([]);
  });

  it('says pending (progress 0) while a prompt waits behind another in the queue', async () => {
    const { provider } = await given({ behaviour: { runMs: 300 } });
    const first = await provider.createTask(taskInput({ seed: 1 }));
    const second = await provider.createTask(taskInput({ seed: 2 }));
    expect(await provider.getTask(first)).toEqual({ state: 'pending' });
    expect(await provider.getTask(second)).toEqual({ state: 'pending', progress: 0 });
    await succeededUrls(provider, second);
  });

  it('cancels a waiting prompt by taking it out of the queue, and interrupts only the prompt that runs', async () => {
    const { fake, provider } = await given({ behaviour: { runMs: 400 } });
    const first = await provider.createTask(taskInput({ seed: 1 }));
    const second = await provider.createTask(taskInput({ seed: 2 }));
    await provider.cancelTask!(second);
    expect(fake.calls.filter((c) => c.path === '/interrupt')).toHaveLength(0);
    await expect(provider.getTask(second)).rejects.toMatchObject({ code: 'task_not_found' });
    expect(await provider.getTask(first)).toEqual({ state: 'pending' });

    await provider.cancelTask!(first);
    expect(fake.calls.filter((c) => c.method === 'POST' && c.path === '/interrupt')).toHaveLength(1);
    const state = await waitForTask(provider, first);
    expect(state).toMatchObject({ state: 'failed', error: { code: 'interrupted' } });
    // Already ended: nothing left to stop, and nothing else is interrupted.
    await provider.cancelTask!(first);
    expect(fake.calls.filter((c) => c.path === '/interrupt')).toHaveLength(1);
  });

  it('sends COMFYUI_TOKEN as a Bearer token on every call, and never puts it in an error', async () => {
    const { provider } = await given({ token: 'proxy-s3cret' }, { token: 'proxy-s3cret' });
    const url = (await succeededUrls(provider, await provider.createTask(taskInput({ references: [await pngReference()] }))))[0] ?? '';
    await provider.downloadResult(url);
    const paths = new Set(fake?.calls.map((c) => c.path));
    expect([...paths]).toEqual(expect.arrayContaining(['/object_info/CheckpointLoaderSimple', '/upload/image', '/prompt', '/view']));
    for (const call of fake?.calls ?? []) expect(call.authorization).toBe('Bearer proxy-s3cret');
    expect(url).not.toContain('s3cret');
    const wrong = createComfyProvider({ baseUrl: fake?.url ?? '', token: 'wrong-token' });
    const error = await providerErrorOf(wrong.createTask(taskInput()));
    expect(error).toMatchObject({ kind: 'provider_account', code: 'auth' });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-token');
  });
});

describe('ComfyUI adapter: what the server refuses or breaks', () => {
  /** The shipped txt2img template with one change, as an operator's broken export would be. */
  function templateWith(change: (g: Graph) => void) {
    const graph = structuredClone(loadWorkflows().txt2img.graph);
    change(graph);
    return { txt2img: parseWorkflow(graph, 'txt2img', 'operator/txt2img.json') };
  }

  it("turns ComfyUI's 400 for a KSampler without a required input into a permanent error with a safe message", async () => {
    const { provider } = await given({}, { workflows: templateWith((g) => delete g['3']?.inputs.latent_image) });
    const error = await providerErrorOf(provider.createTask(taskInput()));
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_input', reason: 'invalid_request' });
    expect(error.userMessage).toBe('The image service could not accept this request.');
    expect(error.detail).toContain('node 3 (KSampler): Required input is missing: latent_image');
  });

  it('turns a value ComfyUI has no such choice for (an unknown sampler) into a permanent error', async () => {
    const { provider } = await given();
    const error = await providerErrorOf(provider.createTask({ ...taskInput(), sampler: 'Euler a CFG++' }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_input' });
    expect(error.detail).toContain("sampler_name: 'Euler a CFG++' not in");
  });

  it('alerts the operator when the workflow needs a node class the server lacks (a custom node not installed)', async () => {
    const workflows = templateWith((g) => {
      g['20'] = { class_type: 'FaceDetailer', inputs: { image: ['8', 0] }, _meta: { title: 'Face Detailer' } };
    });
    const { provider } = await given({}, { workflows });
    const error = await providerErrorOf(provider.createTask(taskInput()));
    expect(error).toMatchObject({ kind: 'provider_account', code: 'node_missing', reason: 'provider_unavailable' });
    expect(error.detail).toContain("Node 'Face Detailer' not found. The custom node may not be installed.");
  });

  it('reports a run that ends in execution_error as failed, without the exception text for users', async () => {
    const { provider } = await given({ behaviour: { executionError: 'CUDA out of memory. Tried to allocate 2.00 GiB' } });
    const state = await waitForTask(provider, await provider.createTask(taskInput()));
    expect(state).toMatchObject({ state: 'failed', error: { kind: 'permanent', code: 'execution_failed', reason: 'provider_failed' } });
    const error = state.state === 'failed' ? state.error : undefined;
    expect(error?.detail).toContain('KSampler node 3: torch.OutOfMemoryError: CUDA out of memory');
    expect(error?.userMessage).not.toContain('CUDA');
  });

  it('treats a server that is down, or a proxy answering 502 with HTML, as transient', async () => {
    const { provider } = await given({ behaviour: { failAllWith: 502 } });
    expect(await providerErrorOf(provider.createTask(taskInput()))).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    const url = fake?.url ?? '';
    await fake?.close();
    fake = undefined;
    const down = createComfyProvider({ baseUrl: url });
    expect(await providerErrorOf(down.createTask(taskInput()))).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(await providerErrorOf(down.getTask('0b5cfa54-2a8e-4b43-9b8d-2d3c1c3b6a11'))).toMatchObject({ kind: 'transient' });
  });

  it('alerts the operator when COMFYUI_URL does not lead to ComfyUI (a 404 without its JSON)', async () => {
    await given();
    const misplaced = createComfyProvider({ baseUrl: `${fake?.url}/comfy` });
    expect(await providerErrorOf(misplaced.createTask(taskInput()))).toMatchObject({ kind: 'provider_account', code: 'wrong_url' });
  });

  it('answers task_not_found for a prompt id ComfyUI has neither queued nor finished (it restarted)', async () => {
    const { provider } = await given();
    expect(await providerErrorOf(provider.getTask('0b5cfa54-2a8e-4b43-9b8d-2d3c1c3b6a11'))).toMatchObject({
      kind: 'permanent',
      code: 'task_not_found',
    });
    expect(await providerErrorOf(provider.getTask('../../etc/passwd'))).toMatchObject({ code: 'task_not_found' });
  });

  it.each([
    ['another host', 'https://example.com/view?filename=a.png&subfolder=&type=output'],
    ['a path escape', '{base}/view?filename=..%2F..%2Fsecret.png&subfolder=&type=output'],
    ['a subfolder escape', '{base}/view?filename=a.png&subfolder=..&type=output'],
    ['another route', '{base}/history?filename=a.png&subfolder=&type=output'],
    ['an extra parameter', '{base}/view?filename=a.png&subfolder=&type=output&channel=a'],
  ])('refuses to download from %s', async (_, template) => {
    const { provider } = await given();
    const url = template.replace('{base}', fake?.url ?? '');
    expect(await providerErrorOf(provider.downloadResult(url))).toMatchObject({ kind: 'permanent', code: 'result_url_refused' });
    expect(fake?.calls).toEqual([]);
  });

  it('warns at start-up about catalog checkpoints the server lacks', async () => {
    const warnings: { obj: object; msg?: string }[] = [];
    const log = { info() {}, error() {}, warn: (obj: object, msg?: string) => warnings.push({ obj, msg }) };
    await given({}, { log, expectedCheckpoints: ['default', 'illustriousXL_v01', 'missing-checkpoint'] });
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toMatchObject({ obj: { checkpoint: 'missing-checkpoint' }, msg: expect.stringContaining('does not have') });
  });
});
