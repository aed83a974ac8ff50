import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type A1111Fake, startA1111Fake } from '../fakes/a1111-fake.js';
import { type ComfyFake, startComfyFake } from '../fakes/comfyui-fake.js';
import { type S3TestServer, startS3Server } from '../fakes/s3-server.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe('a self-hosted AUTOMATIC1111 webui as the only provider', () => {
  let webui: A1111Fake;
  let t: TestApp;
  beforeAll(async () => {
    webui = await startA1111Fake({ behaviour: { delayMs: 50 } });
    t = await buildTestApp({ env: { PROVIDER: 'a1111', A1111_URL: webui.url } });
  });
  afterAll(async () => {
    await t.close();
    await webui.close();
  });

  it('offers the local checkpoint, with negative prompts, and generates through the webui', async () => {
    const models = (await t.app.inject({ method: 'GET', url: '/api/models' })).json();
    expect(models.demo).toBe(false);
    expect(models.models).toEqual([expect.objectContaining({ id: 'local-anime', supportsNegativePrompt: true, cost: 1 })]);
    const user = await givenVerifiedUser(t);
    const res = await submit(t, user, { model: 'local-anime', prompt: 'a shrine maiden', negativePrompt: 'blurry', aspectRatio: '16:9' });
    expect(res.statusCode).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    expect(g.status).toBe('succeeded');
    expect(g.images[0]!.width / g.images[0]!.height).toBeCloseTo(16 / 9, 1);
    const call = webui.generations().at(-1)!;
    expect(call.path).toBe('/sdapi/v1/txt2img');
    expect(call.body).toMatchObject({ prompt: 'a shrine maiden', negative_prompt: 'blurry', seed: g.seed });
    expect(await balanceOf(t, user)).toBe(user.credits - 1);
  });

  it('refunds when the webui breaks', async () => {
    webui.behave({ failWith: { status: 500, body: { error: 'CUDA out of memory' } } });
    try {
      const user = await givenVerifiedUser(t);
      const g = await waitForTerminal(
        t,
        user,
        (await submit(t, user, { model: 'local-anime', prompt: 'oom', aspectRatio: '1:1' })).json().id,
        30_000,
      );
      expect(g).toMatchObject({ status: 'failed', refunded: 1 });
      expect(JSON.stringify(g)).not.toContain('CUDA');
    } finally {
      webui.behave({ failWith: null });
    }
  });
});

describe('a self-hosted ComfyUI server as the only provider', () => {
  let comfy: ComfyFake;
  let t: TestApp;
  beforeAll(async () => {
    comfy = await startComfyFake({ checkpoints: ['illustriousXL_v01.safetensors'], behaviour: { runMs: 50 } });
    t = await buildTestApp({ env: { PROVIDER: 'comfyui', COMFYUI_URL: comfy.url, COMFYUI_MEGAPIXELS: '0.0625' } });
  });
  afterAll(async () => {
    await t.close();
    await comfy.close();
  });

  const sampler = () => Object.values(comfy.prompts().at(-1) ?? {}).find((n) => n.class_type === 'KSampler')?.inputs ?? {};

  it('offers the local checkpoint and lands an image made by the txt2img workflow', async () => {
    const models = (await t.app.inject({ method: 'GET', url: '/api/models' })).json();
    expect(models.demo).toBe(false);
    expect(models.models).toEqual([expect.objectContaining({ id: 'local-anime', supportsNegativePrompt: true, cost: 1 })]);
    const user = await givenVerifiedUser(t);
    const res = await submit(t, user, { model: 'local-anime', prompt: 'a shrine maiden', negativePrompt: 'blurry', aspectRatio: '16:9' });
    expect(res.statusCode).toBe(202);
    const g = await waitForTerminal(t, user, res.json().id);
    expect(g.status).toBe('succeeded');
    expect(g.images[0]).toMatchObject({ width: 336, height: 192 });
    const graph = comfy.prompts().at(-1) ?? {};
    expect(Object.values(graph).map((n) => n.inputs?.text)).toEqual(expect.arrayContaining(['a shrine maiden', 'blurry']));
    expect(sampler().seed).toBe(g.seed);
    const image = await t.app.inject({ method: 'GET', url: g.imageUrl!, headers: { cookie: user.cookie } });
    expect(image.headers['content-type']).toBe('image/png');
    expect(await balanceOf(t, user)).toBe(user.credits - 1);
  });

  it("sends the user's seed, steps, CFG, sampler and img2img strength to the KSampler", async () => {
    const user = await givenVerifiedUser(t);
    const ref = (await upload(t, user, await makeImage('png'))).json();
    const body = {
      model: 'local-anime',
      prompt: 'a fox',
      aspectRatio: '1:1',
      seed: 77,
      steps: 20,
      guidance: 4.5,
      sampler: 'DPM++ 2M Karras',
    };
    expect((await waitForTerminal(t, user, (await submit(t, user, body)).json().id)).status).toBe('succeeded');
    expect(sampler()).toMatchObject({ seed: 77, steps: 20, cfg: 4.5, sampler_name: 'dpmpp_2m', scheduler: 'karras', denoise: 1 });
    const i2i = { ...body, referenceUploadIds: [ref.id], strength: 0.35 };
    expect((await waitForTerminal(t, user, (await submit(t, user, i2i)).json().id)).status).toBe('succeeded');
    expect(sampler()).toMatchObject({ seed: 77, denoise: 0.35 });
  });

  it('runs img2img with an uploaded reference', async () => {
    const user = await givenVerifiedUser(t);
    const ref = (await upload(t, user, await makeImage('png'))).json();
    const uploadsBefore = comfy.uploads().length;
    const res = await submit(t, user, { model: 'local-anime', prompt: 'same pose', aspectRatio: '1:1', referenceUploadIds: [ref.id] });
    expect(res.statusCode).toBe(202);
    expect((await waitForTerminal(t, user, res.json().id)).status).toBe('succeeded');
    expect(comfy.uploads()).toHaveLength(uploadsBefore + 1);
    expect(Object.values(comfy.prompts().at(-1) ?? {}).find((n) => n.class_type === 'LoadImage')?.inputs?.image).toBe(
      comfy.uploads().at(-1),
    );
  });

  it("refunds when the run fails on the GPU, without showing ComfyUI's exception", async () => {
    comfy.behave({ executionError: 'CUDA out of memory' });
    try {
      const user = await givenVerifiedUser(t);
      const g = await waitForTerminal(
        t,
        user,
        (await submit(t, user, { model: 'local-anime', prompt: 'oom', aspectRatio: '1:1' })).json().id,
      );
      expect(g).toMatchObject({ status: 'failed', refunded: 1 });
      expect(JSON.stringify(g)).not.toContain('CUDA');
    } finally {
      comfy.behave({ executionError: null });
    }
  });
});

describe('S3-compatible object storage', () => {
  let s3: S3TestServer;
  let t: TestApp;
  let client: S3Client;
  beforeAll(async () => {
    s3 = await startS3Server();
    t = await buildTestApp({
      env: {
        STORAGE_URL: `s3://${s3.bucket}/animegen`,
        TRASH_DAYS: '0',
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      },
    });
    client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  const keys = async () =>
    ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'animegen/' }))).Contents ?? []).map((o) => o.Key!);

  it('stores originals, thumbnails and previews in the bucket, serves them to the owner only, and deletes them', async () => {
    const owner = await givenVerifiedUser(t);
    const other = await givenVerifiedUser(t);
    const g = await waitForTerminal(t, owner, (await submit(t, owner, { prompt: 'in the cloud' })).json().id);
    expect(g.status).toBe('succeeded');
    // The original and its thumbnail; the preview joins them on its first view.
    expect((await keys()).filter((k) => k.includes(g.id))).toHaveLength(2);
    const preview = await t.app.inject({ method: 'GET', url: g.images[0]!.previewUrl, headers: { cookie: owner.cookie } });
    expect(preview.headers['content-type']).toBe('image/webp');
    expect((await keys()).filter((k) => k.includes(g.id))).toHaveLength(3);

    const image = await t.app.inject({ method: 'GET', url: g.imageUrl!, headers: { cookie: owner.cookie } });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers.etag).toBeTruthy();
    // An image never changes under its URL: browsers may keep it a year, shared caches never.
    expect(image.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await t.app.inject({ method: 'GET', url: g.imageUrl!, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    const cached = await t.app.inject({
      method: 'GET',
      url: g.imageUrl!,
      headers: { cookie: owner.cookie, 'if-none-match': image.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/generations/${g.id}`,
      headers: { cookie: owner.cookie, origin: t.origin },
    });
    expect(del.statusCode).toBe(204);
    expect((await keys()).filter((k) => k.includes(g.id))).toHaveLength(0);
  });
});
