import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTaskInput, providerErrorOf, type SimulatedKie, startSimulatedKie, waitForTask } from '../../../test/fakes/kie-simulator.js';
import { kieCallbacks } from './callbacks.js';
import { checkCatalogEntry } from './models.js';

let kie: SimulatedKie;
afterEach(async () => {
  await kie?.close();
});

const niji = (overrides: Parameters<typeof makeTaskInput>[0] = {}) =>
  makeTaskInput({ providerModel: 'midjourney/niji6', prompt: 'a kitsune shrine at dusk', aspectRatio: '2:3', ...overrides });

async function resultsOf(taskId: string): Promise<string[]> {
  const state = await waitForTask(kie.provider, taskId);
  if (state.state !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(state)}`);
  return state.resultUrls;
}

const grid = () => {
  const tools = kie.provider.grid;
  if (!tools) throw new Error('the KIE adapter offers grid tools');
  return tools;
};

describe('KIE adapter: Midjourney models', () => {
  it('creates a niji 6 task on the Midjourney API with every field explicit, and reads back four images', async () => {
    kie = await startSimulatedKie();
    const taskId = await kie.provider.createTask(niji({ negativePrompt: undefined, seed: 99, callbackUrl: undefined }));
    expect(taskId).toMatch(/^mj:mj_sim_/);
    const [task] = kie.sim.tasks();
    expect(task?.api).toBe('midjourney');
    expect(JSON.parse(task?.param ?? '{}')).toEqual({
      taskType: 'mj_txt2img',
      prompt: 'a kitsune shrine at dusk',
      version: 'niji6',
      speed: 'fast',
      aspectRatio: '2:3',
      stylization: 100,
      weirdness: 0,
      variety: 0,
      enableTranslation: false,
    });
    const urls = await resultsOf(taskId);
    expect(urls).toHaveLength(4);
    expect(new Set(urls).size).toBe(4);
    const first = await kie.provider.downloadResult(urls[0] ?? '');
    expect(await sharp(first.bytes).metadata()).toMatchObject({ format: 'png', width: 683, height: 1024 });
    // Four different pictures, not one copied four times.
    const second = await kie.provider.downloadResult(urls[1] ?? '');
    expect(second.bytes.equals(first.bytes)).toBe(false);
  });

  it('sends the speed its provider model names, and a ratio Midjourney lacks as the nearest it has', async () => {
    kie = await startSimulatedKie();
    await kie.provider.createTask(niji({ providerModel: 'midjourney/niji6-relaxed', aspectRatio: '21:9' }));
    const body = JSON.parse(kie.sim.tasks()[0]?.param ?? '{}');
    expect(body).toMatchObject({ speed: 'relaxed', aspectRatio: '2:1' });
  });

  it('passes the callback URL, and the Midjourney callback names the task as the adapter handed it out', async () => {
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
      const taskId = await kie.provider.createTask(niji({ callbackUrl }));
      const urls = await resultsOf(taskId);
      await expect.poll(() => received.length).toBe(1);
      const payload = received[0] as { code: number; data: { taskId: string; resultUrls: string[]; promptJson: string } };
      expect(payload).toMatchObject({ code: 200, data: { resultUrls: urls } });
      expect(kie.provider.callbacks?.taskIdOf(payload)).toBe(taskId);
    } finally {
      receiver.close();
    }
  });

  it('checks the signature of a Midjourney callback over KIE’s own id, without our prefix', () => {
    const key = 'hmac-key';
    const callbacks = kieCallbacks(key);
    const now = new Date();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const signature = createHmac('sha256', key).update(`mj_task_7.${timestamp}`).digest('base64');
    const headers = { 'x-webhook-timestamp': timestamp, 'x-webhook-signature': signature };
    expect(callbacks.verify({ taskId: 'mj:mj_task_7', headers, now })).toBe(true);
    expect(callbacks.verify({ taskId: 'mj:mj_task_8', headers, now })).toBe(false);
  });

  it('ends a failed or refused grid as the same failures as Market tasks', async () => {
    kie = await startSimulatedKie();
    const failed = await waitForTask(kie.provider, await kie.provider.createTask(niji({ prompt: 'cat [sim:fail]' })));
    expect(failed.state === 'failed' && failed.error).toMatchObject({ kind: 'permanent', code: 'generation_failed' });
    const refused = await waitForTask(kie.provider, await kie.provider.createTask(niji({ prompt: 'cat [sim:reject]' })));
    expect(refused.state === 'failed' && refused.error).toMatchObject({ kind: 'rejected', code: 'content_policy' });
  });

  it('reads an unknown Midjourney id as task_not_found, asking the Midjourney API, not the Market', async () => {
    kie = await startSimulatedKie();
    const market = await kie.provider.createTask(makeTaskInput());
    expect(await providerErrorOf(kie.provider.getTask(`mj:${market}`))).toMatchObject({ code: 'task_not_found' });
    expect((await waitForTask(kie.provider, market)).state).toBe('succeeded');
  });
});

describe('KIE adapter: upscale and vary one image of a grid', () => {
  it('upscales the chosen image (0-based, sent as KIE’s imageIndex 0–3) into a task with one result', async () => {
    kie = await startSimulatedKie();
    const taskId = await kie.provider.createTask(niji());
    await resultsOf(taskId);
    const upscaled = await grid().upscaleTask({ taskId, index: 2 });
    expect(upscaled).toMatch(/^mj:/);
    expect(JSON.parse(kie.sim.tasks().at(-1)?.param ?? '{}')).toEqual({ taskId: taskId.slice(3), imageIndex: 2 });
    expect(await resultsOf(upscaled)).toHaveLength(1);
  });

  it('varies the chosen image into a task with four new results', async () => {
    kie = await startSimulatedKie();
    const taskId = await kie.provider.createTask(niji());
    const original = await resultsOf(taskId);
    const varied = await grid().varyTask({ taskId, index: 0 });
    expect(JSON.parse(kie.sim.tasks().at(-1)?.param ?? '{}')).toEqual({ taskId: taskId.slice(3), imageIndex: 0 });
    const variations = await resultsOf(varied);
    expect(variations).toHaveLength(4);
    expect(variations.some((url) => original.includes(url))).toBe(false);
  });

  it('routes a niji 6 variations or upscale createTask with its sourceTask to generateVary / generateUpscale', async () => {
    kie = await startSimulatedKie();
    const taskId = await kie.provider.createTask(niji());
    await resultsOf(taskId);
    const varied = await kie.provider.createTask(niji({ tool: 'variations', sourceTask: { taskId, index: 3 } }));
    expect(kie.sim.tasks().at(-1)?.param).toBe(JSON.stringify({ taskId: taskId.slice(3), imageIndex: 3 }));
    expect(await resultsOf(varied)).toHaveLength(4);
    const upscaled = await kie.provider.createTask(niji({ tool: 'upscale', factor: 2, sourceTask: { taskId, index: 1 } }));
    expect(await resultsOf(upscaled)).toHaveLength(1);
  });

  it('refuses a Midjourney tool without a grid task to act on (a file source), creating nothing', async () => {
    kie = await startSimulatedKie();
    const source = { name: 'a.png', bytes: Buffer.from('x'), contentType: 'image/png' as const };
    expect(await providerErrorOf(kie.provider.createTask(niji({ tool: 'variations', source })))).toMatchObject({ code: 'invalid_input' });
    expect(kie.sim.tasks()).toHaveLength(0);
  });

  it('refuses a Market task, an index outside the grid and an unfinished grid, creating nothing', async () => {
    kie = await startSimulatedKie({ sim: { delayMs: 2_000 } });
    const market = await kie.provider.createTask(makeTaskInput());
    const unfinished = await kie.provider.createTask(niji());
    const before = kie.sim.tasks().length;
    expect(await providerErrorOf(grid().upscaleTask({ taskId: market, index: 0 }))).toMatchObject({ code: 'invalid_input' });
    expect(await providerErrorOf(grid().varyTask({ taskId: unfinished, index: 4 }))).toMatchObject({ code: 'invalid_input' });
    expect(await providerErrorOf(grid().varyTask({ taskId: unfinished, index: 1 }))).toMatchObject({ kind: 'permanent' });
    expect(kie.sim.tasks()).toHaveLength(before);
  });
});

describe('the catalog check for Midjourney entries', () => {
  const entry = {
    providerModel: 'midjourney/niji6',
    aspectRatios: ['1:1', '2:3', '5:6', '2:1'],
    maxReferences: 0,
    requiresReference: false,
    maxPromptLength: 2000,
    imagesPerTask: 4,
  };

  it('passes an entry that promises what KIE’s Midjourney API gives: four images a task', () => {
    expect(checkCatalogEntry(entry)).toEqual([]);
  });

  it('passes vary and a ×2 upscale; refuses other tools, ×4 (or factors left unset) and a strength', () => {
    expect(checkCatalogEntry({ ...entry, tools: { variations: {}, upscale: { factors: [2] } } })).toEqual([]);
    expect(checkCatalogEntry({ ...entry, tools: { upscale: {}, variations: { strength: { min: 0, max: 1 } }, img2img: {} } })).toEqual([
      'tools.upscale: midjourney/niji6 upscales ×2 only, so factors must be [2]',
      'tools.variations: midjourney/niji6 takes no strength',
      'tools.img2img: midjourney/niji6 does not do img2img',
    ]);
  });

  it('refuses one image per task, controls Midjourney has no field for, and limits past its own', () => {
    expect(
      checkCatalogEntry({
        ...entry,
        imagesPerTask: 1,
        seed: true,
        supportsNegativePrompt: true,
        steps: { min: 1, max: 50 },
        maxPromptLength: 2001,
        aspectRatios: ['21:9'],
        maxReferences: 1,
      }),
    ).toEqual([
      expect.stringContaining('does not support the aspect ratio 21:9'),
      expect.stringContaining('maxReferences 1'),
      expect.stringContaining('maxPromptLength 2001'),
      'midjourney/niji6 takes no negative prompt',
      'midjourney/niji6 takes no seed',
      'midjourney/niji6 takes no steps',
      'midjourney/niji6 returns 4 images per task, so imagesPerTask must be 4',
    ]);
  });

  it('keeps Market models at one image per task', () => {
    const market = { ...entry, providerModel: 'google/nano-banana', aspectRatios: ['1:1'], maxPromptLength: 5000 };
    expect(checkCatalogEntry(market)).toEqual(['google/nano-banana returns one image per task']);
  });
});
