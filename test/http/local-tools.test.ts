/**
 * The image tools of the local checkpoint end to end, against a self-hosted
 * AUTOMATIC1111 webui and a ComfyUI server (fakes speaking their HTTP APIs):
 * each tool on offer is charged exactly its quote, links its gallery source,
 * and gives a result derived from it; a tool the server fails is refunded once.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { type ImageTool, imageTools } from '../../src/contracts/tools.js';
import { toolOf } from '../../src/generation/index.js';
import { type A1111Fake, startA1111Fake } from '../fakes/a1111-fake.js';
import { type ComfyFake, startComfyFake } from '../fakes/comfyui-fake.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

interface Backend {
  env(): Record<string, string>;
  /** Makes the next tool run fail on the server; returns the undo. */
  breakIt(): () => void;
  close(): Promise<void>;
}

async function a1111(): Promise<Backend> {
  const webui: A1111Fake = await startA1111Fake();
  return {
    env: () => ({ PROVIDER: 'a1111', A1111_URL: webui.url }),
    breakIt() {
      // A refusal (422) is permanent: the run fails at once instead of retrying.
      webui.behave({ failWith: { status: 422, body: { detail: [{ loc: ['body', 'mask'], msg: 'bad', type: 'value_error' }] } } });
      return () => webui.behave({ failWith: null });
    },
    close: () => webui.close(),
  };
}

async function comfyui(): Promise<Backend> {
  const comfy: ComfyFake = await startComfyFake({ checkpoints: ['illustriousXL_v01.safetensors'] });
  return {
    env: () => ({ PROVIDER: 'comfyui', COMFYUI_URL: comfy.url, COMFYUI_MEGAPIXELS: '0.0625' }),
    breakIt() {
      comfy.behave({ executionError: 'CUDA out of memory' });
      return () => comfy.behave({ executionError: null });
    },
    close: () => comfy.close(),
  };
}

const TOOLS: ImageTool[] = ['variations', 'img2img', 'inpaint', 'upscale'];

describe.each([
  ['AUTOMATIC1111', a1111],
  ['ComfyUI', comfyui],
])('image tools of the local checkpoint on %s', (_, start) => {
  let backend: Backend;
  let t: TestApp;
  beforeAll(async () => {
    backend = await start();
    t = await buildTestApp({ env: backend.env() });
  });
  afterAll(async () => {
    await t?.close();
    await backend?.close();
  });

  const quote = (user: TestUser, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/quote', headers: { origin: t.origin, cookie: user.cookie }, payload: body });
  const pixels = async (user: TestUser, url: string) =>
    sharp((await t.app.inject({ method: 'GET', url, headers: { cookie: user.cookie } })).rawPayload)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });

  async function sourceImage(user: TestUser): Promise<Generation['images'][number]> {
    const res = await submit(t, user, { prompt: '1girl, shrine maiden, dusk', model: 'local-anime', aspectRatio: '3:4' });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    expect(g.status).toBe('succeeded');
    return g.images[0]!;
  }

  /** White (change) on the left half, black (keep) on the right. */
  const leftHalfMask = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: '#000' } })
      .composite([{ input: { create: { width: Math.floor(width / 2), height, channels: 3, background: '#fff' } }, left: 0, top: 0 }])
      .png()
      .toBuffer();

  async function bodyFor(user: TestUser, tool: ImageTool, source: Generation['images'][number]) {
    const mask =
      tool === 'inpaint' ? (await upload(t, user, await leftHalfMask(source.width, source.height), 'mask.png')).json().id : undefined;
    return {
      model: 'local-anime',
      tool,
      sourceImageId: source.id,
      ...(tool === 'upscale' ? { factor: 2 } : { prompt: '1girl, holding a paper lantern' }),
      ...(mask ? { maskUploadId: mask } : {}),
    };
  }

  /** Pixels, sampled, that differ by more than 8 in any channel: left of the middle and right of it. */
  function changedHalves(before: Awaited<ReturnType<typeof pixels>>, after: Awaited<ReturnType<typeof pixels>>) {
    const { width, height } = before.info;
    let left = 0;
    let right = 0;
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) {
        const i = (y * width + x) * 3;
        const differs = [0, 1, 2].some((c) => Math.abs((before.data[i + c] ?? 0) - (after.data[i + c] ?? 0)) > 8);
        if (differs && x < width / 2 - 4) left++;
        if (differs && x > width / 2 + 4) right++;
      }
    }
    return { left, right };
  }

  it('offers variations, img2img, inpaint and upscale; each is charged its quote, linked to its source, made from it', async () => {
    const model = t.deps.generation.catalog.find((m) => m.id === 'local-anime')!;
    expect(imageTools.filter((tool) => toolOf(model, tool))).toEqual(TOOLS);
    const user = await givenVerifiedUser(t, { credits: 100 });
    const source = await sourceImage(user);
    const before = await pixels(user, source.url);
    for (const tool of TOOLS) {
      const body = await bodyFor(user, tool, source);
      const quoted = await quote(user, body);
      expect(quoted.statusCode, `${tool}: ${quoted.body}`).toBe(200);
      const balance = await balanceOf(t, user);
      const res = await submit(t, user, { aspectRatio: undefined, ...body });
      expect(res.statusCode, `${tool}: ${res.body}`).toBe(202);
      expect(balance - (await balanceOf(t, user)), tool).toBe(quoted.json().cost);
      const g = await waitForTerminal(t, user, res.json().id);
      expect(g, tool).toMatchObject({ status: 'succeeded', tool, parentImageId: source.id, cost: quoted.json().cost, refunded: 0 });
      const result = g.images[0]!;
      if (tool === 'upscale') {
        expect([result.width, result.height], tool).toEqual([source.width * 2, source.height * 2]);
        continue;
      }
      expect([result.width, result.height], tool).toEqual([source.width, source.height]);
      const changed = changedHalves(before, await pixels(user, result.url));
      expect(changed.left, tool).toBeGreaterThan(50);
      // Inpaint keeps what the mask keeps; img2img and variations move the whole picture.
      if (tool === 'inpaint') expect(changed.right, tool).toBe(0);
      else expect(changed.right, tool).toBeGreaterThan(50);
    }
  }, 120_000);

  it('refunds a tool the server fails, once', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const source = await sourceImage(user);
    const body = await bodyFor(user, 'inpaint', source);
    const balance = await balanceOf(t, user);
    const undo = backend.breakIt();
    try {
      const res = await submit(t, user, { aspectRatio: undefined, ...body });
      expect(res.statusCode, res.body).toBe(202);
      const g = await waitForTerminal(t, user, res.json().id, 30_000);
      expect(g).toMatchObject({ status: 'failed', tool: 'inpaint', parentImageId: source.id, refunded: 1 });
      expect(JSON.stringify(g)).not.toContain('CUDA');
    } finally {
      undo();
    }
    expect(await balanceOf(t, user)).toBe(balance);
  }, 60_000);
});
