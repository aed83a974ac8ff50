/**
 * Midjourney's own vary and upscale through KIE (the simulator): a niji 6
 * variations or upscale request on an image of a niji 6 grid acts on that
 * grid's provider task and place (generateVary / generateUpscale), charged
 * exactly its quote; anything that is not a live Midjourney grid image is
 * refused by field before any charge; a failed task is refunded once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { queryRows } from '../../src/db/index.js';
import { defaultModels, toolOf } from '../../src/generation/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { refundsFor } from '../helpers/ledger.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** The default catalog's niji 6 entry, switched on as an operator would in MODELS_JSON. */
const niji = { ...defaultModels.find((m) => m.id === 'niji-6')!, enabled: true };
const env = { MODELS_JSON: JSON.stringify([...defaultModels.filter((m) => m.id !== 'niji-6'), niji]) };
const varyCost = toolOf(niji, 'variations')!.cost;
const upscaleCost = toolOf(niji, 'upscale')!.cost;

describe('Midjourney vary and upscale on its own grids (simulator)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env });
  });
  afterAll(() => t.close());

  const quote = async (user: TestUser, body: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/quote',
      headers: { origin: t.origin, cookie: user.cookie },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().cost as number;
  };

  /** A finished niji 6 grid of the user's. */
  async function grid(user: TestUser, prompt = 'a fox spirit in a bamboo grove'): Promise<Generation> {
    const g = await waitForTerminal(t, user, (await submit(t, user, { model: 'niji-6', prompt, aspectRatio: '2:3' })).json().id);
    expect(g.status).toBe('succeeded');
    expect(g.images).toHaveLength(4);
    return g;
  }

  /** KIE's own id of the generation's first task (we store it with the adapter's `mj:` prefix). */
  async function kieTaskOf(generationId: string): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      t.deps.db,
      sql`select provider_task_ids->>0 as id from generations where id = ${generationId}`,
    );
    return row!.id.replace(/^mj:/, '');
  }

  /** The simulator's tasks made by a grid action on `taskId`. */
  const gridActions = (taskId: string) =>
    t.deps.simulator!.tasks().filter((x) => x.api === 'midjourney' && x.param.includes(`"taskId":"${taskId}"`));

  /** Submits a tool request after quoting it; returns the finished generation, its quote and the balance before. */
  async function runTool(user: TestUser, body: Record<string, unknown>) {
    const request = { model: 'niji-6', aspectRatio: undefined, ...body };
    const quoted = await quote(user, request);
    const before = await balanceOf(t, user);
    const res = await submit(t, user, request);
    expect(res.statusCode, res.body).toBe(202);
    return { g: await waitForTerminal(t, user, res.json().id), quoted, before };
  }

  it('varies image 3 of a grid with generateVary on its task: four images, charged the quote', async () => {
    const user = await givenVerifiedUser(t);
    const parent = await grid(user);
    const source = parent.images[3]!;
    const [row] = await queryRows<{ p: number }>(t.deps.db, sql`select position::int as p from generation_images where id = ${source.id}`);
    expect(row?.p).toBe(3);
    const { g, quoted, before } = await runTool(user, { tool: 'variations', sourceImageId: source.id });
    expect(quoted).toBe(varyCost);
    expect(g).toMatchObject({ status: 'succeeded', tool: 'variations', parentImageId: source.id, cost: varyCost, refunded: 0 });
    expect(g.images).toHaveLength(4);
    expect(await balanceOf(t, user)).toBe(before - quoted);
    const calls = gridActions(await kieTaskOf(parent.id));
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.param)).toMatchObject({ imageIndex: 3 });
  });

  it('upscales one image of a grid with generateUpscale: one image, charged the quote, not varied again', async () => {
    const user = await givenVerifiedUser(t);
    const parent = await grid(user, 'a lantern festival, wide');
    const source = parent.images[1]!;
    const { g, quoted, before } = await runTool(user, { tool: 'upscale', sourceImageId: source.id });
    expect(quoted).toBe(upscaleCost);
    expect(upscaleCost).toBeLessThan(varyCost);
    expect(g).toMatchObject({ status: 'succeeded', tool: 'upscale', parentImageId: source.id, cost: upscaleCost, refunded: 0 });
    expect(g.images).toHaveLength(1);
    expect(await balanceOf(t, user)).toBe(before - quoted);
    const [call] = gridActions(await kieTaskOf(parent.id));
    expect(JSON.parse(call!.param)).toMatchObject({ imageIndex: 1 });
    expect(call!.state).toBe('success');
    // An upscale is one image, not a grid: Midjourney cannot vary it.
    const again = await submit(t, user, { model: 'niji-6', aspectRatio: undefined, tool: 'variations', sourceImageId: g.images[0]!.id });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatchObject({ code: 'invalid_input', field: 'sourceImageId' });
    expect(await balanceOf(t, user)).toBe(before - quoted);
  });

  it('varies a variation: its images are a grid of their own', async () => {
    const user = await givenVerifiedUser(t);
    const parent = await grid(user, 'koi pond at night');
    const { g: first } = await runTool(user, { tool: 'variations', sourceImageId: parent.images[0]!.id });
    const { g } = await runTool(user, { tool: 'variations', sourceImageId: first.images[2]!.id });
    expect(g).toMatchObject({ status: 'succeeded' });
    expect(g.images).toHaveLength(4);
    expect(JSON.parse(gridActions(await kieTaskOf(first.id))[0]!.param)).toMatchObject({ imageIndex: 2 });
  });

  it('refuses an upload and another model’s image as the source, charging nothing', async () => {
    const user = await givenVerifiedUser(t);
    const before = await balanceOf(t, user);
    const uploaded = (await upload(t, user, await makeImage('png', 64, 96))).json().id;
    const fromUpload = await submit(t, user, {
      model: 'niji-6',
      aspectRatio: undefined,
      tool: 'variations',
      sourceUploadId: uploaded,
      prompt: 'a cat',
    });
    expect(fromUpload.statusCode).toBe(422);
    expect(fromUpload.json().error).toMatchObject({ code: 'invalid_input', field: 'sourceImageId' });
    expect(fromUpload.json().error.message).toMatch(/Midjourney can only vary or upscale images from its own grids/);

    const other = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'a heron', model: 'nano-banana' })).json().id);
    const spent = await balanceOf(t, user);
    const fromOther = await submit(t, user, {
      model: 'niji-6',
      aspectRatio: undefined,
      tool: 'upscale',
      sourceImageId: other.images[0]!.id,
    });
    expect(fromOther.statusCode).toBe(422);
    expect(fromOther.json().error).toMatchObject({ code: 'invalid_input', field: 'sourceImageId' });
    expect(await balanceOf(t, user)).toBe(spent);
    expect(spent).toBe(before - other.cost);
  });

  it('refuses a grid older than 14 days (KIE keeps Midjourney results 15), charging nothing', async () => {
    const user = await givenVerifiedUser(t);
    const parent = await grid(user, 'an old grid');
    await t.deps.db.execute(sql`update generations set created_at = now() - interval '15 days' where id = ${parent.id}`);
    const before = await balanceOf(t, user);
    const res = await submit(t, user, { model: 'niji-6', aspectRatio: undefined, tool: 'variations', sourceImageId: parent.images[0]!.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'invalid_input', field: 'sourceImageId' });
    expect(res.json().error.message).toMatch(/14 days/);
    expect(await balanceOf(t, user)).toBe(before);
  });

  it('refunds a failed vary exactly once', async () => {
    const user = await givenVerifiedUser(t);
    const parent = await grid(user, 'a storm over the shrine');
    const before = await balanceOf(t, user);
    t.deps.simulator!.setBehaviour({ failNextTasks: 1 });
    const res = await submit(t, user, { model: 'niji-6', aspectRatio: undefined, tool: 'variations', sourceImageId: parent.images[0]!.id });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    expect(g).toMatchObject({ status: 'failed', refunded: varyCost, images: [] });
    expect(await refundsFor(t, g.id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(before);
  });
});
