import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

/**
 * Contract test against a real ComfyUI server (kie-tools.md §5, item 5):
 * the checkpoint list, the documented txt2img graph through /prompt,
 * /history and /view, the refusals our fake copies (400 {error,
 * node_errors}), and inpainting "option B" (SetLatentNoiseMask with the
 * alpha of an uploaded RGBA image) leaving the opaque half unchanged. Runs
 * only with COMFYUI_CONTRACT_URL set (COMFYUI_CONTRACT_TOKEN for a proxy);
 * skipped, and counted as skipped, without it.
 */

const baseUrl = process.env.COMFYUI_CONTRACT_URL?.replace(/\/+$/, '');
const token = process.env.COMFYUI_CONTRACT_TOKEN;
if (!baseUrl) console.info('ComfyUI contract tests skipped: set COMFYUI_CONTRACT_URL to run them against a real ComfyUI server.');

const RUN_TIMEOUT_MS = 5 * 60_000;
const headers = (json: boolean): Record<string, string> => ({
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
  ...(json ? { 'Content-Type': 'application/json' } : {}),
});

// biome-ignore lint/suspicious/noExplicitAny: answers are read by path, as a client would.
type Json = any;

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function firstCheckpoint(): Promise<string> {
  const { json } = await call('GET', '/object_info/CheckpointLoaderSimple');
  const list: string[] = json.CheckpointLoaderSimple.input.required.ckpt_name[0];
  expect(list.length, 'the server lists no checkpoints').toBeGreaterThan(0);
  return list[0]!;
}

/** The §3.4 graph; `latent` replaces node 5's wiring for img2img / inpainting. */
function txt2img(checkpoint: string, size = 512): Record<string, Json> {
  return {
    '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: checkpoint } },
    '6': { class_type: 'CLIPTextEncode', inputs: { clip: ['4', 1], text: '1girl, solo, masterpiece, best quality' } },
    '7': { class_type: 'CLIPTextEncode', inputs: { clip: ['4', 1], text: 'lowres, bad anatomy, worst quality' } },
    '5': { class_type: 'EmptyLatentImage', inputs: { width: size, height: size, batch_size: 1 } },
    '3': {
      class_type: 'KSampler',
      inputs: {
        model: ['4', 0],
        positive: ['6', 0],
        negative: ['7', 0],
        latent_image: ['5', 0],
        seed: 123,
        steps: 12,
        cfg: 6,
        sampler_name: 'euler_ancestral',
        scheduler: 'normal',
        denoise: 1,
      },
    },
    '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
    '9': { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'animegen-contract' } },
  };
}

/** Queues a graph, waits for its history entry and returns the first saved image's bytes. */
async function run(graph: Record<string, Json>): Promise<Buffer> {
  const queued = await call('POST', '/prompt', { prompt: graph });
  expect(queued.status, JSON.stringify(queued.json)).toBe(200);
  const id: string = queued.json.prompt_id;
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const entry = (await call('GET', `/history/${id}`)).json[id];
    if (entry) {
      expect(entry.status?.status_str, JSON.stringify(entry.status)).toBe('success');
      const image = Object.values(entry.outputs as Record<string, { images?: Json[] }>).flatMap((o) => o.images ?? [])[0];
      const res = await fetch(
        `${baseUrl}/view?${new URLSearchParams({ filename: image.filename, subfolder: image.subfolder, type: image.type })}`,
        {
          headers: headers(false),
        },
      );
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    }
    if (Date.now() > deadline) throw new Error(`prompt ${id} not finished after ${RUN_TIMEOUT_MS / 60_000} min`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe.skipIf(!baseUrl)('ComfyUI contract: run with COMFYUI_CONTRACT_URL', () => {
  it(
    'lists checkpoints, runs the documented txt2img graph and serves the PNG from /view',
    async () => {
      const png = await run(txt2img(await firstCheckpoint()));
      expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 512, height: 512 });
    },
    RUN_TIMEOUT_MS,
  );

  it('refuses what the fake refuses: a missing KSampler input, an unknown node class, an unknown checkpoint', async () => {
    const checkpoint = await firstCheckpoint();
    const missing = txt2img(checkpoint);
    delete missing['3'].inputs.seed;
    const a = await call('POST', '/prompt', { prompt: missing });
    expect(a.status).toBe(400);
    expect(a.json.node_errors['3'].errors[0]).toMatchObject({ type: 'required_input_missing', details: 'seed' });
    const unknown = { ...txt2img(checkpoint), '20': { class_type: 'NoSuchNodeAnimeGen', inputs: {} } };
    const b = await call('POST', '/prompt', { prompt: unknown });
    expect(b.status).toBe(400);
    expect(b.json.error).toMatchObject({ type: 'missing_node_type', details: "Node ID '#20'" });
    const c = await call('POST', '/prompt', { prompt: txt2img('no-such-checkpoint.safetensors') });
    expect(c.status).toBe(400);
    expect(c.json.node_errors['4'].errors[0]).toMatchObject({ type: 'value_not_in_list' });
  });

  it(
    'inpaints option B: an RGBA upload whose right half is transparent changes only that half',
    async () => {
      const size = 512;
      const opaqueLeft = await sharp({ create: { width: size / 2, height: size, channels: 4, background: '#4080c0ff' } })
        .png()
        .toBuffer();
      const source = await sharp({ create: { width: size, height: size, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
        .composite([{ input: opaqueLeft, left: 0, top: 0 }])
        .png()
        .toBuffer();
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(source)], { type: 'image/png' }), `animegen-contract-${Date.now()}.png`);
      form.append('overwrite', 'true');
      const upload = await fetch(`${baseUrl}/upload/image`, { method: 'POST', headers: headers(false), body: form });
      expect(upload.status).toBe(200);
      const { name } = (await upload.json()) as { name: string };
      const graph = txt2img(await firstCheckpoint());
      delete graph['5'];
      graph['10'] = { class_type: 'LoadImage', inputs: { image: name } };
      graph['11'] = { class_type: 'VAEEncode', inputs: { pixels: ['10', 0], vae: ['4', 2] } };
      // LoadImage's MASK is 1 - alpha: the transparent half is repainted.
      graph['12'] = { class_type: 'SetLatentNoiseMask', inputs: { samples: ['11', 0], mask: ['10', 1] } };
      graph['3'].inputs.latent_image = ['12', 0];
      graph['3'].inputs.denoise = 0.8;
      const result = await run(graph);
      const left = async (img: Buffer) =>
        sharp(img)
          .extract({ left: 16, top: 16, width: size / 2 - 32, height: size - 32 })
          .removeAlpha()
          .raw()
          .toBuffer();
      const [before, after] = [await left(source), await left(result)];
      let sum = 0;
      for (let i = 0; i < before.length; i++) sum += Math.abs((before[i] ?? 0) - (after[i] ?? 0));
      const meanChange = sum / before.length;
      console.info(`ComfyUI option B: mean change on the opaque half ${meanChange.toFixed(2)} (0–255)`);
      // The VAE round trip alone moves pixels a little; a repainted half moves them a lot.
      expect(meanChange).toBeLessThan(12);
    },
    RUN_TIMEOUT_MS,
  );
});
