import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModels, openPreview } from '../../src/generation/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, getGeneration, makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { rowOf, rowsOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser } from '../helpers/users.js';

/** An edit model: it cannot run without a reference image. */
const editModel = {
  id: 'nano-banana-edit',
  name: 'Nano Banana Edit',
  providerModel: 'google/nano-banana-edit',
  cost: 2,
  aspectRatios: ['1:1'],
  maxReferences: 4,
  requiresReference: true,
  maxPromptLength: 5000,
};
const seedream = defaultModels.find((m) => m.id === 'seedream-4-5')!;
/** Switched off by the operator: not on offer, though configured. */
const offModel = { ...seedream, id: 'seedream-off', enabled: false };

describe('generations', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Trash off: these tests check that deleting removes files at once (the trash has its own tests).
    t = await buildTestApp({ env: { TRASH_DAYS: '0', MODELS_JSON: JSON.stringify([...defaultModels, editModel, offModel]) } });
  });
  afterAll(() => t.close());

  it('charges, queues and delivers an image into our own storage', async () => {
    const user = await givenVerifiedUser(t);
    const res = await submit(t, user, { prompt: 'a fox girl under cherry blossoms', aspectRatio: '16:9' });
    expect(res.statusCode).toBe(202);
    const queued = res.json();
    expect(queued).toMatchObject({ status: 'queued', cost: 2, model: 'nano-banana', aspectRatio: '16:9', imageUrl: null });
    expect(await balanceOf(t, user)).toBe(user.credits - 2);

    const done = await waitForTerminal(t, user, queued.id);
    expect(done.status).toBe('succeeded');
    expect(done.imageUrl).toMatch(/^\/api\/files\/images\/[0-9a-f-]+\/original$/);
    expect(done.thumbnailUrl).toMatch(/^\/api\/files\/images\/[0-9a-f-]+\/thumbnail$/);
    expect(done.images[0]).toMatchObject({ width: 1024, height: 576 });
    expect(JSON.stringify(done)).not.toContain('127.0.0.1');

    const original = await t.app.inject({ method: 'GET', url: done.imageUrl!, headers: { cookie: user.cookie } });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/png');
    expect((await sharp(original.rawPayload).metadata()).format).toBe('png');
    const thumb = await t.app.inject({ method: 'GET', url: done.thumbnailUrl!, headers: { cookie: user.cookie } });
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.rawPayload.length).toBeLessThan(original.rawPayload.length);
    const preview = await t.app.inject({ method: 'GET', url: done.images[0]!.previewUrl, headers: { cookie: user.cookie } });
    expect(preview.headers['content-type']).toBe('image/webp');
    expect(await sharp(preview.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 1024, height: 576 });
    const download = await t.app.inject({ method: 'GET', url: done.images[0]!.downloadUrl, headers: { cookie: user.cookie } });
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="animegen-.+\.png"$/);
  });

  it('puts the settings inside a downloaded PNG (A1111 parameters and JSON), never who made it, unless turned off; the stored file stays as it was', async () => {
    const user = await givenVerifiedUser(t, { name: 'Sakura Owner' });
    const prompt = '桜の下の銀髪の少女, lantern light';
    const done = await waitForTerminal(t, user, (await submit(t, user, { prompt, aspectRatio: '3:4' })).json().id);
    const image = done.images[0]!;
    const download = await t.app.inject({ method: 'GET', url: image.downloadUrl, headers: { cookie: user.cookie } });
    expect(download.statusCode).toBe(200);
    expect(Number(download.headers['content-length'])).toBe(download.rawPayload.length);
    const comments = Object.fromEntries(((await sharp(download.rawPayload).metadata()).comments ?? []).map((c) => [c.keyword, c.text]));
    expect(comments.parameters).toBe(`${prompt}\nSize: ${image.width}x${image.height}, Model: Nano Banana, Aspect ratio: "3:4"`);
    expect(JSON.parse(comments.animegen!)).toMatchObject({
      v: 1,
      generator: 'AnimeGen',
      model: 'nano-banana',
      modelName: 'Nano Banana',
      prompt,
      negative: null,
      aspectRatio: '3:4',
      size: { width: image.width, height: image.height },
    });
    const everything = download.rawPayload.toString('latin1') + download.rawPayload.toString('utf8');
    for (const secret of [user.id, user.email, 'Sakura Owner']) expect(everything).not.toContain(secret);

    // The original shown in the page is the stored file, untouched; the download has its own tag.
    const original = await t.app.inject({ method: 'GET', url: done.imageUrl!, headers: { cookie: user.cookie } });
    expect((await sharp(original.rawPayload).metadata()).comments).toBeUndefined();
    expect(download.rawPayload.length).toBeGreaterThan(original.rawPayload.length);
    expect(download.headers.etag).not.toBe(original.headers.etag);
    expect(download.headers['cache-control']).toBe('private, no-cache');
    const again = await t.app.inject({
      method: 'GET',
      url: image.downloadUrl,
      headers: { cookie: user.cookie, 'if-none-match': String(download.headers.etag) },
    });
    expect(again.statusCode).toBe(304);

    // Turned off in Settings: downloads are the stored file, byte for byte.
    const setEmbed = (embedSettings: unknown) =>
      t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: user.cookie, origin: t.origin }, payload: { embedSettings } });
    expect((await setEmbed(false)).json().embedSettings).toBe(false);
    const plain = await t.app.inject({ method: 'GET', url: image.downloadUrl, headers: { cookie: user.cookie } });
    expect(plain.rawPayload.equals(original.rawPayload)).toBe(true);
    expect(plain.headers['content-disposition']).toMatch(/^attachment; /);
    expect((await setEmbed('no')).statusCode).toBe(422);
    expect((await setEmbed(true)).json().embedSettings).toBe(true);
  });

  it('puts the same settings in the EXIF of a JPEG or WebP result, where A1111 writes them; the stored file stays as it was', async () => {
    const user = await givenVerifiedUser(t, { name: 'Sakura Owner' });
    for (const format of ['jpeg', 'webp'] as const) {
      const prompt = `夜桜と狐の少女, lantern light [sim:${format}]`;
      const done = await waitForTerminal(t, user, (await submit(t, user, { prompt, aspectRatio: '3:4' })).json().id);
      const image = done.images[0]!;
      const download = await t.app.inject({ method: 'GET', url: image.downloadUrl, headers: { cookie: user.cookie } });
      expect(download.headers['content-type']).toBe(`image/${format}`);
      expect(Number(download.headers['content-length'])).toBe(download.rawPayload.length);
      const meta = await sharp(download.rawPayload).metadata();
      expect(meta).toMatchObject({ format, width: image.width, height: image.height });
      const infotext = `${prompt}\nSize: ${image.width}x${image.height}, Model: Nano Banana, Aspect ratio: "3:4"`;
      // UserComment: "UNICODE\0" and UCS-2 in the block's (big-endian) byte order; XPComment: UTF-16LE.
      const userComment = Buffer.concat([Buffer.from('UNICODE\0', 'latin1'), Buffer.from(infotext, 'utf16le').swap16()]);
      expect(meta.exif?.includes(userComment), format).toBe(true);
      const xp = meta.exif!.toString('utf16le', meta.exif!.indexOf(Buffer.from('{"', 'utf16le')));
      expect(JSON.parse(xp.slice(0, xp.indexOf('\0')))).toMatchObject({ v: 1, model: 'nano-banana', prompt, aspectRatio: '3:4' });
      const everything = [
        download.rawPayload.toString('latin1'),
        download.rawPayload.toString('utf8'),
        download.rawPayload.toString('utf16le'),
      ];
      for (const secret of [user.id, user.email, 'Sakura Owner']) for (const text of everything) expect(text).not.toContain(secret);

      const original = await t.app.inject({ method: 'GET', url: done.imageUrl!, headers: { cookie: user.cookie } });
      expect((await sharp(original.rawPayload).metadata()).exif).toBeUndefined();
      const pixels = (b: Buffer) => sharp(b).raw().toBuffer();
      expect((await pixels(download.rawPayload)).equals(await pixels(original.rawPayload))).toBe(true);
    }
  });

  it('makes the viewer preview on its first view, once, and never for an image deleted meanwhile', async () => {
    const user = await givenVerifiedUser(t);
    const done = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'a lantern festival' })).json().id);
    const [image] = await rowsOf(t.deps.db, tables.generationImages, eq(tables.generationImages.generationId, done.id));
    const { storage } = t.deps.generation;
    expect(await storage.exists(image!.thumbnailKey)).toBe(true);
    expect(await storage.exists(image!.previewKey!)).toBe(false);

    const views = await Promise.all(
      [1, 2, 3].map(() => t.app.inject({ method: 'GET', url: done.images[0]!.previewUrl, headers: { cookie: user.cookie } })),
    );
    for (const v of views) {
      expect(v.statusCode).toBe(200);
      expect(v.headers['content-type']).toBe('image/webp');
      expect(v.rawPayload.equals(views[0]!.rawPayload)).toBe(true);
    }
    expect(await storage.exists(image!.previewKey!)).toBe(true);
    expect(Number(views[0]!.headers['content-length'])).toBe(views[0]!.rawPayload.length);

    // A view that began before the generation was deleted leaves no preview behind.
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/generations/${done.id}`,
      headers: { cookie: user.cookie, origin: t.origin },
    });
    expect(del.statusCode).toBe(204);
    await storage.put(image!.originalKey, await makeImage('png'), 'image/png'); // as if read just before the delete
    expect(await openPreview(t.deps.generation, image!)).toBeNull();
    expect(await storage.exists(image!.previewKey!)).toBe(false);
    await storage.delete([image!.originalKey]);
  });

  it('shows images only to their owner: anyone else gets 404', async () => {
    const owner = await givenVerifiedUser(t);
    const other = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, owner, (await submit(t, owner, { prompt: 'mine' })).json().id);
    for (const url of [`/api/generations/${g.id}`, g.imageUrl!, g.thumbnailUrl!, g.images[0]!.downloadUrl]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: other.cookie } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/generations/${g.id}`,
      headers: { cookie: other.cookie, origin: t.origin },
    });
    expect(del.statusCode).toBe(404);
    expect((await getGeneration(t, owner, g.id)).status).toBe('succeeded');
    expect((await t.app.inject({ method: 'GET', url: g.imageUrl! })).statusCode).toBe(401);
  });

  it('answers 402 insufficient_credits and charges nothing when the balance is too low', async () => {
    const user = await givenVerifiedUser(t);
    expect((await submit(t, user, { prompt: 'four', model: 'nano-banana-2', count: 4 })).statusCode).toBe(202);
    const res = await submit(t, user, { prompt: 'four more', model: 'nano-banana-2', count: 4 });
    expect(res.statusCode).toBe(402);
    expect(res.json().error.code).toBe('insufficient_credits');
    expect(await balanceOf(t, user)).toBe(4);
    const list = await t.app.inject({ method: 'GET', url: '/api/generations', headers: { cookie: user.cookie } });
    expect(list.json().items).toHaveLength(1);
  });

  it('answers invalid input with 422 and the field, before any charge', async () => {
    const user = await givenVerifiedUser(t);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ prompt: '' }, 'invalid_input', 'prompt'],
      [{ prompt: 'x', model: 'no-such-model' }, 'unknown_model', 'model'],
      [{ prompt: 'x', aspectRatio: '7:3' }, 'invalid_input', 'aspectRatio'],
      [{ prompt: 'x', count: 9 }, 'invalid_input', 'count'],
      [{ prompt: 'x', negativePrompt: 'blurry' }, 'invalid_input', 'negativePrompt'],
      [{ prompt: 'x', referenceUploadIds: ['5b0c0c7e-6d0e-4d5e-9d55-2f1a9c0f0a11'] }, 'invalid_input', 'referenceUploadIds'],
      [{ prompt: 'x', balance: 100 }, 'invalid_input', ''],
      // Within the API's own cap, but longer than this model takes.
      [{ prompt: 'x'.repeat(seedream.maxPromptLength + 1), model: seedream.id }, 'invalid_input', 'prompt'],
      [{ prompt: 'x', model: editModel.id }, 'invalid_input', 'referenceUploadIds'],
    ];
    for (const [body, code, field] of cases) {
      const res = await submit(t, user, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().error.code).toBe(code);
      if (field) expect(res.json().error.field).toBe(field);
    }
    // The refusal of a long prompt names the model's limit, as Create does before sending.
    const long = await submit(t, user, { prompt: 'x'.repeat(seedream.maxPromptLength + 1), model: seedream.id });
    expect(long.json().error.message).toContain(String(seedream.maxPromptLength));
    expect(await balanceOf(t, user)).toBe(user.credits);
  });

  it('lists what each model takes, and nothing an operator switched off or the provider calls it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/models' });
    const models = res.json().models as Record<string, unknown>[];
    expect(models.map((m) => m.id)).not.toContain(offModel.id);
    expect(JSON.stringify(models)).not.toContain('providerModel');
    expect(models.find((m) => m.id === 'nano-banana')).toMatchObject({
      family: 'natural',
      seed: false,
      supportsNegativePrompt: false,
      steps: null,
      guidance: null,
      strength: null,
      samplers: [],
      imagesPerTask: 1,
    });
    expect(models.find((m) => m.id === 'qwen-image')).toMatchObject({
      seed: true,
      supportsNegativePrompt: true,
      maxNegativePromptLength: 500,
      steps: { min: 2, max: 250, default: 30, step: 1 },
      guidance: { min: 0, max: 20, default: 2.5 },
    });
    expect((await submit(t, await givenVerifiedUser(t), { prompt: 'x', model: offModel.id })).json().error.code).toBe('unknown_model');
  });

  it('refuses, with the field named, every control the chosen model does not take or takes in a narrower range', async () => {
    const user = await givenVerifiedUser(t);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ seed: 5 }, 'seed', /takes no seed/],
      [{ steps: 30 }, 'steps', /takes no steps/],
      [{ guidance: 7 }, 'guidance', /takes no guidance/],
      [{ sampler: 'Euler a' }, 'sampler', /no sampler/],
      [{ strength: 0.5 }, 'strength', /strength/],
      [{ model: 'qwen-image', steps: 251 }, 'steps', /from 2 to 250/],
      [{ model: 'qwen-image', guidance: 20.5 }, 'guidance', /from 0 to 20/],
      [{ model: 'qwen-image', negativePrompt: 'x'.repeat(501) }, 'negativePrompt', /at most 500/],
    ];
    for (const [extra, field, message] of cases) {
      const res = await submit(t, user, { prompt: 'a shrine maiden', ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'invalid_input', field, message: expect.stringMatching(message) });
    }
    expect(await balanceOf(t, user)).toBe(user.credits);
  });

  it("sends a model's seed, steps, guidance and negative prompt as given, and stores what was used", async () => {
    const user = await givenVerifiedUser(t);
    const body = { prompt: 'a fox spirit, night', model: 'qwen-image', negativePrompt: 'blurry', seed: 1234, steps: 40, guidance: 4 };
    const done = await waitForTerminal(t, user, (await submit(t, user, body)).json().id);
    expect(done).toMatchObject({ status: 'succeeded', seed: 1234, steps: 40, guidance: 4, negativePrompt: 'blurry', sampler: null });
    const task = t.deps.simulator!.tasks().find((x) => x.input.prompt === body.prompt)!;
    expect(task.input).toMatchObject({ seed: 1234, num_inference_steps: 40, guidance_scale: 4, negative_prompt: 'blurry' });
    // Weights are written for the model: a natural-language model gets plain words, and the page shows both.
    const weighted = { prompt: '(silver_hair:1.3), {smile}, saber_\\(fate\\)', model: 'qwen-image' };
    const w = await waitForTerminal(t, user, (await submit(t, user, weighted)).json().id);
    expect(w).toMatchObject({ prompt: weighted.prompt, sentPrompt: 'silver hair, smile, saber (fate)' });
    expect(t.deps.simulator!.tasks().some((x) => x.input.prompt === 'silver hair, smile, saber (fate)')).toBe(true);
    // Left alone, the model's defaults are used and shown; a model without seeds shows none.
    const defaults = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'a heron', model: 'qwen-image' })).json().id);
    expect(defaults).toMatchObject({ steps: 30, guidance: 2.5, seed: expect.any(Number) });
    const noSeed = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'a crane' })).json().id);
    expect(noSeed).toMatchObject({ status: 'succeeded', seed: null, steps: null });
  });

  it('refunds a failed generation exactly once and says why', async () => {
    const user = await givenVerifiedUser(t);
    const res = await submit(t, user, { prompt: 'please [sim:fail]' });
    const failed = await waitForTerminal(t, user, res.json().id);
    expect(failed).toMatchObject({ status: 'failed', cost: 2, refunded: 2 });
    expect(failed.error?.message).toBeTruthy();
    expect(await balanceOf(t, user)).toBe(user.credits);
    const credits = await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: user.cookie } });
    const refunds = credits.json().entries.filter((e: { kind: string }) => e.kind === 'generation_refund');
    expect(refunds).toEqual([expect.objectContaining({ delta: 2, reference: failed.id })]);
  });

  it('fails a content-policy rejection at once with a plain reason', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'something [sim:reject]' })).json().id);
    expect(g.status).toBe('failed');
    expect(g.error?.code).toBe('content_policy');
    expect(await balanceOf(t, user)).toBe(user.credits);
  });

  it('fails a broken result instead of storing it', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'glitch [sim:broken]' })).json().id);
    expect(g).toMatchObject({ status: 'failed', refunded: 2 });
    expect(g.images).toHaveLength(0);
  });

  it('fails and refunds when the result URL has already gone (404)', async () => {
    const user = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'vanished [sim:missing]' })).json().id);
    expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'result_unusable' } });
    expect(await balanceOf(t, user)).toBe(user.credits);
  });

  it('lists the gallery newest first, page by page', async () => {
    const user = await givenVerifiedUser(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submit(t, user, { prompt: `picture ${i}` })).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/generations?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ method: 'GET', url, headers: { cookie: user.cookie } })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((g: { id: string }) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const bad = await t.app.inject({ method: 'GET', url: '/api/generations?cursor=nonsense', headers: { cookie: user.cookie } });
    expect(bad.statusCode).toBe(422);
  });

  it('shows each gallery item exactly as its own page does: every image in order, the references', async () => {
    const user = await givenVerifiedUser(t);
    const ref = (await upload(t, user, await makeImage('png'))).json();
    const body = { prompt: 'two of them', model: 'nano-banana-2', count: 2, referenceUploadIds: [ref.id] };
    const done = await waitForTerminal(t, user, (await submit(t, user, body)).json().id);
    expect(done.images).toHaveLength(2);
    const page = (await t.app.inject({ method: 'GET', url: '/api/generations?limit=5', headers: { cookie: user.cookie } })).json();
    expect(page.items[0]).toEqual(done);
    expect(page.items[0].references.map((r: { id: string }) => r.id)).toEqual([ref.id]);
  });

  it('pages through generations made in the same instant without skipping any', async () => {
    const user = await givenVerifiedUser(t);
    const ids = [0, 1, 2].map(() => randomUUID());
    // One statement: one now(), so all three share created_at to the microsecond.
    await t.deps.db.execute(sql`
      insert into generations (id, user_id, status, prompt, model_id, provider, provider_model, aspect_ratio, count, seed, cost, deadline_at)
      select id, ${user.id}, 'failed', 'same instant', 'nano-banana', 'kie', 'google/nano-banana', '1:1', 1, 1, 0, now()
      from unnest(${`{${ids.join(',')}}`}::text[]) as id`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/generations?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ method: 'GET', url, headers: { cookie: user.cookie } })).json();
      seen.push(...page.items.map((g: { id: string }) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('deletes a generation with its files and its reference uploads', async () => {
    const user = await givenVerifiedUser(t);
    const up = await upload(t, user, await makeImage('png'));
    expect(up.statusCode).toBe(201);
    const g = await waitForTerminal(
      t,
      user,
      (await submit(t, user, { prompt: 'with a reference', model: 'nano-banana-2', referenceUploadIds: [up.json().id] })).json().id,
    );
    expect(g.status).toBe('succeeded');
    expect(g.references.map((r) => r.id)).toEqual([up.json().id]);
    const storage = t.deps.generation.storage;
    // Viewed once, so its preview exists too.
    expect((await t.app.inject({ method: 'GET', url: g.images[0]!.previewUrl, headers: { cookie: user.cookie } })).statusCode).toBe(200);
    const keys = await rowsOf(t.deps.db, tables.generationImages);
    const mine = keys.filter((k) => k.generationId === g.id);
    const upKey = (await rowOf(t.deps.db, tables.uploads, eq(tables.uploads.id, up.json().id)))!.storageKey;
    for (const k of [...mine.flatMap((m) => [m.originalKey, m.thumbnailKey, m.previewKey!]), upKey])
      expect(await storage.exists(k)).toBe(true);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/generations/${g.id}`,
      headers: { cookie: user.cookie, origin: t.origin },
    });
    expect(del.statusCode).toBe(204);
    for (const k of [...mine.flatMap((m) => [m.originalKey, m.thumbnailKey, m.previewKey!]), upKey])
      expect(await storage.exists(k)).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/api/generations/${g.id}`, headers: { cookie: user.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: g.imageUrl!, headers: { cookie: user.cookie } })).statusCode).toBe(404);
  });

  it('refuses to delete a generation that is still running', async () => {
    const user = await givenVerifiedUser(t);
    const g = (await submit(t, user, { prompt: 'slowly [sim:never]' })).json();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/generations/${g.id}`,
      headers: { cookie: user.cookie, origin: t.origin },
    });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('conflict');
  });
});

describe('reference uploads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { UPLOAD_MAX_BYTES: String(200 * 1024), UPLOAD_MAX_PIXELS: String(1_000_000) } });
  });
  afterAll(() => t.close());

  it('accepts PNG, JPEG and WebP, re-encoded without metadata', async () => {
    const user = await givenVerifiedUser(t);
    const withExif = await sharp(await makeImage('jpeg'))
      .withMetadata({ exif: { IFD0: { Copyright: 'GPS secret' } } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    for (const [bytes, type] of [
      [await makeImage('png'), 'image/png'],
      [withExif, 'image/jpeg'],
      [await makeImage('webp'), 'image/webp'],
    ] as const) {
      const res = await upload(t, user, bytes, 'x', type);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ width: 64, height: 48, contentType: type });
      const file = await t.app.inject({ method: 'GET', url: res.json().url, headers: { cookie: user.cookie } });
      expect((await sharp(file.rawPayload).metadata()).exif).toBeUndefined();
    }
  });

  it('refuses what is not an image, an SVG, too many bytes or too many pixels', async () => {
    const user = await givenVerifiedUser(t);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const flood = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const cases: [Buffer, string, number, string][] = [
      [Buffer.from('<html><script>alert(1)</script></html>'), 'image/png', 415, 'unsupported_image'],
      [svg, 'image/svg+xml', 415, 'unsupported_image'],
      [Buffer.alloc(0), 'image/png', 415, 'unsupported_image'],
      [(await makeImage('png')).subarray(0, 60), 'image/png', 415, 'unsupported_image'],
      [Buffer.alloc(300 * 1024, 1), 'image/png', 413, 'image_too_large'],
      [flood, 'image/png', 413, 'image_too_large'],
    ];
    for (const [bytes, type, status, code] of cases) {
      const res = await upload(t, user, bytes, 'evil.png', type);
      expect(res.statusCode, `${code} ${bytes.length}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await rowsOf(t.deps.db, tables.uploads, eq(tables.uploads.userId, user.id))).toHaveLength(0);
  });
});
