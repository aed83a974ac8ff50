import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTaskInput, providerErrorOf, type SimulatedKie, startSimulatedKie, waitForTask } from '../../../test/fakes/kie-simulator.js';
import type { ReferenceImage } from '../types.js';

let kie: SimulatedKie;
afterEach(async () => {
  await kie?.close();
});

async function succeededUrls(taskId: string): Promise<string[]> {
  const state = await waitForTask(kie.provider, taskId);
  if (state.state !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(state)}`);
  return state.resultUrls;
}

async function generate(overrides: Parameters<typeof makeTaskInput>[0]): Promise<Buffer> {
  const taskId = await kie.provider.createTask(makeTaskInput(overrides));
  const [url] = await succeededUrls(taskId);
  return (await kie.provider.downloadResult(url ?? '')).bytes;
}

async function reference(name: string, colour: string): Promise<ReferenceImage> {
  const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
    .png()
    .toBuffer();
  return { name, bytes, contentType: 'image/png' };
}

describe('KIE adapter against the simulator', () => {
  it('creates a task, polls it to success and downloads a PNG of the requested aspect', async () => {
    kie = await startSimulatedKie();
    const taskId = await kie.provider.createTask(makeTaskInput({ providerModel: 'nano-banana-2', aspectRatio: '16:9' }));
    const [url] = await succeededUrls(taskId);
    const image = await kie.provider.downloadResult(url ?? '');
    expect(image.contentType).toBe('image/png');
    expect(await sharp(image.bytes).metadata()).toMatchObject({ format: 'png', width: 1024, height: 576 });
    expect(kie.provider).toMatchObject({ name: 'kie', demo: true });
  });

  it('sends every model field explicitly in the shape of the model table', async () => {
    kie = await startSimulatedKie();
    await kie.provider.createTask(makeTaskInput({ providerModel: 'nano-banana-2', prompt: 'a shrine maiden', aspectRatio: '3:4' }));
    const [task] = kie.sim.tasks();
    expect(task?.model).toBe('nano-banana-2');
    expect(task?.input).toEqual({
      prompt: 'a shrine maiden',
      image_input: [],
      aspect_ratio: '3:4',
      resolution: '1K',
      output_format: 'png',
    });
    expect(JSON.parse(task?.param ?? '{}')).toEqual({ model: 'nano-banana-2', input: task?.input });
  });

  it('reports progress while the task is pending', async () => {
    kie = await startSimulatedKie({ sim: { delayMs: 400 } });
    const taskId = await kie.provider.createTask(makeTaskInput());
    await new Promise((resolve) => setTimeout(resolve, 150));
    const state = await kie.provider.getTask(taskId);
    expect(state.state).toBe('pending');
    expect(state.state === 'pending' && state.progress).toBeGreaterThan(0);
  });

  it('renders identical bytes for the same prompt and seed, and different bytes for another seed', async () => {
    kie = await startSimulatedKie();
    const model = 'bytedance/seedream-v4-text-to-image';
    const first = await generate({ providerModel: model, prompt: 'twin stars', seed: 7 });
    const again = await generate({ providerModel: model, prompt: 'twin stars', seed: 7 });
    const otherSeed = await generate({ providerModel: model, prompt: 'twin stars', seed: 8 });
    expect(again.equals(first)).toBe(true);
    expect(otherSeed.equals(first)).toBe(false);
  });

  it('uploads each reference first and passes the returned download URLs to the model', async () => {
    kie = await startSimulatedKie();
    const refs = [await reference('ref-a.png', '#ff0000'), await reference('ref-b.png', '#00ff00')];
    await kie.provider.createTask(makeTaskInput({ providerModel: 'google/nano-banana-edit', references: refs }));
    expect(kie.sim.stats().uploads).toBe(2);
    const param = JSON.parse(kie.sim.tasks()[0]?.param ?? '{}') as { input: { image_urls: string[] } };
    expect(param.input.image_urls).toHaveLength(2);
    for (const [i, url] of param.input.image_urls.entries()) {
      expect(url.startsWith(`${kie.sim.url}/files/`)).toBe(true);
      const uploaded = Buffer.from(await (await fetch(url, { headers: { 'User-Agent': 'test' } })).arrayBuffer());
      expect(uploaded.equals(refs[i]?.bytes ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('uploads the same reference under a new name each time, so no task reads another upload', async () => {
    kie = await startSimulatedKie();
    const ref = await reference('ref-a.png', '#ff0000');
    for (let i = 0; i < 2; i++)
      await kie.provider.createTask(makeTaskInput({ providerModel: 'google/nano-banana-edit', references: [ref, ref] }));
    const urls = kie.sim.tasks().flatMap((t) => (JSON.parse(t.param) as { input: { image_urls: string[] } }).input.image_urls);
    expect(urls).toHaveLength(4);
    expect(new Set(urls).size).toBe(4);
    for (const url of urls) expect(url).toMatch(/\/ref-a-[A-Za-z0-9_-]+\.png$/);
  });

  it('refuses references for a model that takes none, before uploading anything', async () => {
    kie = await startSimulatedKie();
    const error = await providerErrorOf(
      kie.provider.createTask(makeTaskInput({ providerModel: 'google/nano-banana', references: [await reference('r.png', '#000')] })),
    );
    expect(error).toMatchObject({ kind: 'permanent', code: 'references_not_supported' });
    expect(kie.sim.stats()).toMatchObject({ uploads: 0, createTask: 0 });
  });

  it('passes the callback URL, and the simulator posts the Market payload when the task ends', async () => {
    const received: unknown[] = [];
    const receiver = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      kie = await startSimulatedKie();
      const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/kie`;
      const taskId = await kie.provider.createTask(makeTaskInput({ callbackUrl }));
      await succeededUrls(taskId);
      await expect.poll(() => received.length).toBe(1);
      const payload = received[0] as { code: number; data: { taskId: string; state: string; resultJson: string } };
      expect(payload.code).toBe(200);
      expect(payload.data).toMatchObject({ taskId, state: 'success' });
      expect(JSON.parse(payload.data.resultJson).resultUrls).toHaveLength(1);
    } finally {
      receiver.close();
    }
  });
});

describe('KIE adapter: prompt directives of the simulator', () => {
  it('[sim:fail] ends the task as a permanent generation failure', async () => {
    kie = await startSimulatedKie();
    const state = await waitForTask(kie.provider, await kie.provider.createTask(makeTaskInput({ prompt: 'cat [sim:fail]' })));
    expect(state.state === 'failed' && state.error).toMatchObject({ kind: 'permanent', code: 'generation_failed' });
  });

  it('[sim:reject] ends the task as a content-policy rejection with a plain user message', async () => {
    kie = await startSimulatedKie();
    const state = await waitForTask(kie.provider, await kie.provider.createTask(makeTaskInput({ prompt: 'cat [SIM:Reject]' })));
    expect(state.state === 'failed' && state.error).toMatchObject({
      kind: 'rejected',
      userMessage: 'The image service rejected this prompt under its content policy.',
    });
  });

  it('[sim:broken] succeeds but the download is refused as not an image', async () => {
    kie = await startSimulatedKie();
    const [url] = await succeededUrls(await kie.provider.createTask(makeTaskInput({ prompt: '[sim:broken] cat' })));
    expect(await providerErrorOf(kie.provider.downloadResult(url ?? ''))).toMatchObject({ kind: 'permanent', code: 'result_not_image' });
  });

  it('[sim:missing] succeeds but the download is a permanent result_missing', async () => {
    kie = await startSimulatedKie();
    const [url] = await succeededUrls(await kie.provider.createTask(makeTaskInput({ prompt: 'cat [sim:missing]' })));
    expect(await providerErrorOf(kie.provider.downloadResult(url ?? ''))).toMatchObject({ kind: 'permanent', code: 'result_missing' });
  });

  it('[sim:never] stays pending long after the normal delay', async () => {
    kie = await startSimulatedKie({ sim: { delayMs: 20 } });
    const taskId = await kie.provider.createTask(makeTaskInput({ prompt: 'cat [sim:never]' }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await kie.provider.getTask(taskId)).state).toBe('pending');
    expect(kie.sim.tasks()[0]?.state).toBe('generating');
  });

  it('[sim:slow] takes ten times the delay', async () => {
    kie = await startSimulatedKie({ sim: { delayMs: 30 } });
    const taskId = await kie.provider.createTask(makeTaskInput({ prompt: 'cat [sim:slow]' }));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await kie.provider.getTask(taskId)).state).toBe('pending');
    expect((await waitForTask(kie.provider, taskId)).state).toBe('succeeded');
  });
});
