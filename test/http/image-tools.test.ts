/**
 * The image tools end to end against the KIE simulator: each tool of each
 * model on offer works on a gallery image or an upload, is charged exactly
 * its quote, links its source, and gives a result derived from it; a failed
 * tool is refunded once; bad requests are refused by field before anything
 * is charged.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { type ImageTool, imageTools } from '../../src/contracts/tools.js';
import { toolOf } from '../../src/generation/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { leftHalfMaskPng } from '../helpers/tool-images.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

describe('image tools on the KIE simulator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const quote = (user: TestUser, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/quote', headers: { origin: t.origin, cookie: user.cookie }, payload: body });
  const fileOf = async (user: TestUser, url: string) =>
    (await t.app.inject({ method: 'GET', url, headers: { cookie: user.cookie } })).rawPayload;

  /** A finished text generation of the user's: the source the tools work on. */
  async function sourceImage(user: TestUser): Promise<Generation['images'][number]> {
    const res = await submit(t, user, { prompt: 'a shrine maiden at dusk', model: 'nano-banana', aspectRatio: '3:4' });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    expect(g.status).toBe('succeeded');
    return g.images[0]!;
  }

  const promptFor = (tool: ImageTool) =>
    tool === 'upscale' || tool === 'remove-background' ? {} : { prompt: 'the same girl, holding a paper lantern' };

  it('runs every tool of every model on offer: charged its quote, linked to its source, made from it', async () => {
    const offers = t.deps.generation.catalog
      .filter((m) => m.enabled)
      .flatMap((m) => imageTools.filter((tool) => toolOf(m, tool)).map((tool) => ({ model: m, tool })));
    // Every tool is on offer with the default KIE catalog.
    expect(new Set(offers.map((o) => o.tool))).toEqual(new Set(imageTools));
    for (const { model, tool } of offers) {
      const user = await givenVerifiedUser(t, { credits: 100 });
      const source = await sourceImage(user);
      const mask =
        tool === 'inpaint' ? (await upload(t, user, await leftHalfMaskPng(source.width, source.height), 'mask.png')).json().id : undefined;
      const body = {
        model: model.id,
        tool,
        sourceImageId: source.id,
        ...promptFor(tool),
        ...(mask ? { maskUploadId: mask } : {}),
        ...(tool === 'upscale' ? { factor: 2 } : {}),
      };
      const label = `${model.id} ${tool}`;
      const quoted = await quote(user, body);
      expect(quoted.statusCode, `${label}: ${quoted.body}`).toBe(200);
      const before = await balanceOf(t, user);
      const res = await submit(t, user, { aspectRatio: undefined, ...body });
      expect(res.statusCode, `${label}: ${res.body}`).toBe(202);
      expect(before - (await balanceOf(t, user)), label).toBe(quoted.json().cost);
      const g = await waitForTerminal(t, user, res.json().id);
      expect(g, label).toMatchObject({ status: 'succeeded', tool, parentImageId: source.id, cost: quoted.json().cost, refunded: 0 });
      const result = g.images[0]!;
      if (tool === 'upscale') expect([result.width, result.height], label).toEqual([source.width * 2, source.height * 2]);
      else if (tool !== 'character') expect([result.width, result.height], label).toEqual([source.width, source.height]);
      if (tool === 'remove-background') {
        const meta = await sharp(await fileOf(user, result.url)).metadata();
        expect(meta.hasAlpha, label).toBe(true);
      }
    }
  }, 120_000);

  it('inpaint changes only the painted half: the mask reaches Ideogram in its own colours', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const source = await sourceImage(user);
    const mask = (await upload(t, user, await leftHalfMaskPng(source.width, source.height), 'mask.png')).json().id;
    const res = await submit(t, user, {
      model: 'ideogram-v3',
      tool: 'inpaint',
      aspectRatio: undefined,
      sourceImageId: source.id,
      maskUploadId: mask,
      prompt: 'a red paper lantern',
    });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    const pixels = async (url: string) =>
      sharp(await fileOf(user, url))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
    const before = await pixels(source.url);
    const after = await pixels(g.images[0]!.url);
    const { width, height } = before.info;
    let leftChanged = 0;
    let rightChanged = 0;
    for (let y = 0; y < height; y += 4) {
      for (let x = 0; x < width; x += 4) {
        const i = (y * width + x) * 3;
        const differs = Math.abs((before.data[i] ?? 0) - (after.data[i] ?? 0)) > 8;
        if (x < width / 2 - 4 && differs) leftChanged++;
        if (x > width / 2 + 4 && differs) rightChanged++;
      }
    }
    expect(leftChanged).toBeGreaterThan(100);
    expect(rightChanged).toBe(0);
  }, 60_000);

  it('quotes inpaint before a mask is painted, and runs it only with one', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const source = await sourceImage(user);
    const body = { model: 'ideogram-v3', tool: 'inpaint', sourceImageId: source.id, prompt: 'a red paper lantern' };
    const quoted = await quote(user, body);
    expect(quoted.statusCode, quoted.body).toBe(200);
    expect(quoted.json().cost).toBe(3);
    const res = await submit(t, user, { aspectRatio: undefined, ...body });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'invalid_input', field: 'maskUploadId' });
  });

  it('works on an upload as well as on a gallery image', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const uploaded = (await upload(t, user, await makeImage('png', 300, 200))).json();
    const res = await submit(t, user, {
      model: 'topaz-upscale',
      tool: 'upscale',
      aspectRatio: undefined,
      sourceUploadId: uploaded.id,
      factor: 4,
    });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    expect(g).toMatchObject({ status: 'succeeded', parentImageId: null, sourceUploadId: uploaded.id, factor: 4, cost: 10 });
    expect([g.images[0]!.width, g.images[0]!.height]).toEqual([1200, 800]);
  }, 30_000);

  it('a tool the provider fails is refunded once, like a text generation', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const source = await sourceImage(user);
    const before = await balanceOf(t, user);
    t.deps.simulator!.setBehaviour({ failNextTasks: 1 });
    try {
      const res = await submit(t, user, {
        model: 'recraft-remove-background',
        tool: 'remove-background',
        aspectRatio: undefined,
        sourceImageId: source.id,
      });
      expect(res.statusCode, res.body).toBe(202);
      const g = await waitForTerminal(t, user, res.json().id);
      expect(g).toMatchObject({ status: 'failed', refunded: 1, tool: 'remove-background' });
      expect(await balanceOf(t, user)).toBe(before);
    } finally {
      t.deps.simulator!.setBehaviour({ failNextTasks: 0 });
    }
  }, 30_000);

  it('refuses bad tool requests by field, charging nothing', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    const other = await givenVerifiedUser(t, { credits: 100 });
    const source = await sourceImage(user);
    const theirs = await sourceImage(other);
    const wrongSize = (await upload(t, user, await leftHalfMaskPng(10, 10), 'mask.png')).json().id;
    const before = await balanceOf(t, user);
    const cases: [Record<string, unknown>, string][] = [
      [{ model: 'nano-banana', tool: 'upscale', sourceImageId: source.id }, 'tool'],
      [{ model: 'topaz-upscale', tool: 'upscale' }, 'sourceImageId'],
      [{ model: 'topaz-upscale', tool: 'upscale', sourceImageId: theirs.id }, 'sourceImageId'],
      [{ model: 'topaz-upscale', tool: 'upscale', sourceImageId: source.id, factor: 8 }, 'factor'],
      [{ model: 'topaz-upscale', tool: 'upscale', sourceImageId: source.id, prompt: 'sharper' }, 'prompt'],
      [{ model: 'topaz-upscale', tool: 'upscale', sourceImageId: source.id, count: 2 }, 'count'],
      [{ model: 'ideogram-v3', tool: 'inpaint', sourceImageId: source.id, prompt: 'a hat' }, 'maskUploadId'],
      [{ model: 'ideogram-v3', tool: 'inpaint', sourceImageId: source.id, prompt: 'a hat', maskUploadId: wrongSize }, 'maskUploadId'],
      [
        { model: 'ideogram-v3', tool: 'inpaint', sourceImageId: source.id, prompt: 'a hat', maskUploadId: wrongSize, negativePrompt: 'x' },
        'maskUploadId',
      ],
      [{ model: 'qwen-image', tool: 'img2img', sourceImageId: source.id, prompt: 'night', strength: 1.5 }, 'strength'],
      [{ model: 'nano-banana', tool: 'edit', sourceImageId: source.id }, 'prompt'],
      [{ model: 'nano-banana', prompt: 'a cat', aspectRatio: '1:1', sourceImageId: source.id }, 'sourceImageId'],
      [{ model: 'topaz-upscale', prompt: 'a cat', aspectRatio: '1:1' }, 'tool'],
    ];
    for (const [body, field] of cases) {
      const res = await submit(t, user, { aspectRatio: undefined, ...body });
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(422);
      expect(res.json().error, JSON.stringify(body)).toMatchObject({ code: 'invalid_input', field });
    }
    expect(await balanceOf(t, user)).toBe(before);
  }, 60_000);

  it('lists what each model offers in GET /api/models', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/models' });
    const topaz = res.json().models.find((m: { id: string }) => m.id === 'topaz-upscale');
    expect(topaz).toMatchObject({ text: false, tools: [{ tool: 'upscale', cost: 5, factors: [2, 4], strength: null }] });
    const ideogram = res.json().models.find((m: { id: string }) => m.id === 'ideogram-v3');
    expect(ideogram.tools.map((o: { tool: string }) => o.tool)).toEqual(['variations', 'img2img', 'inpaint', 'character']);
  });
});
