import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { type A1111Fake, startA1111Fake } from '../../../test/fakes/a1111-fake.js';
import { providerErrorOf, waitForTask } from '../../../test/fakes/kie-simulator.js';
import { leftHalfMask, pixelAt, resultOf, tealSource, toolInput } from '../../../test/helpers/tool-images.js';
import type { CreateTaskInput } from '../types.js';
import { type A1111ProviderOptions, createA1111Provider } from './a1111-provider.js';

let fake: A1111Fake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function given(adapter: Partial<A1111ProviderOptions> = {}) {
  fake = await startA1111Fake({ checkpoints: ['animagine-xl-3.1.safetensors'] });
  return createA1111Provider({ baseUrl: fake.url, timeoutMs: 5_000, ...adapter });
}

const rgbAt = (bytes: Buffer, x: number, y: number) => pixelAt(bytes, x, y);

describe('A1111 adapter: image tools', () => {
  it('offers img2img, variations, inpaint and upscale', async () => {
    expect((await given()).tools).toEqual(['img2img', 'variations', 'inpaint', 'upscale']);
  });

  it.each(['img2img', 'variations'] as const)(
    '%s is img2img on the source at its size (rounded to 8), strength as denoising',
    async (tool) => {
      const provider = await given();
      const from = await tealSource();
      const image = await resultOf(provider, await provider.createTask(toolInput(tool, { source: from, strength: 0.3 })));
      const call = fake?.generations().at(-1);
      expect(call?.path).toBe('/sdapi/v1/img2img');
      expect(call?.body).toMatchObject({ init_images: [from.bytes.toString('base64')], denoising_strength: 0.3, width: 104, height: 64 });
      expect(call?.body).not.toHaveProperty('mask');
      expect(await sharp(image).metadata()).toMatchObject({ width: 104, height: 64 });
      // Made from the source: at strength 0.3 its colour still dominates.
      const [r = 0, g = 0, b = 0] = await rgbAt(image, 50, 30);
      expect(Math.abs(r - 0x20) + Math.abs(g - 0x80) + Math.abs(b - 0x80)).toBeLessThan(3 * 0.3 * 255);
    },
  );

  it('inpaint sends our mask WHITE = change with inpainting_mask_invert 0, and changes only that half', async () => {
    const provider = await given();
    const from = await tealSource(64, 32);
    const image = await resultOf(
      provider,
      await provider.createTask(toolInput('inpaint', { source: from, mask: await leftHalfMask(64, 32) })),
    );
    const body = fake?.generations().at(-1)?.body ?? {};
    expect(body).toMatchObject({ inpainting_mask_invert: 0, inpainting_fill: 1, inpaint_full_res: false, denoising_strength: 0.75 });
    expect(body.mask_blur).toBeLessThanOrEqual(8);
    // The contract: the mask field is white exactly where the user painted.
    const sent = Buffer.from(String(body.mask), 'base64');
    expect((await rgbAt(sent, 5, 5))[0]).toBe(255);
    expect((await rgbAt(sent, 60, 5))[0]).toBe(0);
    expect(await rgbAt(image, 60, 20)).toEqual([0x20, 0x80, 0x80]);
    expect(await rgbAt(image, 5, 20)).not.toEqual([0x20, 0x80, 0x80]);
  });

  it('upscale goes to the Extras API with the factor and the configured upscaler', async () => {
    const provider = await given();
    const from = await tealSource();
    const image = await resultOf(provider, await provider.createTask(toolInput('upscale', { source: from, prompt: '', factor: 4 })));
    const call = fake?.generations().at(-1);
    expect(call?.path).toBe('/sdapi/v1/extra-single-image');
    expect(call?.body).toMatchObject({
      image: from.bytes.toString('base64'),
      resize_mode: 0,
      upscaling_resize: 4,
      upscaler_1: 'R-ESRGAN 4x+ Anime6B',
    });
    expect(await sharp(image).metadata()).toMatchObject({ width: 400, height: 240 });
    expect(await rgbAt(image, 200, 100)).toEqual([0x20, 0x80, 0x80]);

    const other = createA1111Provider({ baseUrl: fake?.url ?? '', timeoutMs: 5_000, upscaler: 'SwinIR 4x' });
    await resultOf(other, await other.createTask(toolInput('upscale', { source: from, prompt: '', factor: 2 })));
    expect(fake?.generations().at(-1)?.body).toMatchObject({ upscaling_resize: 2, upscaler_1: 'SwinIR 4x' });
  });

  it('fails an upscale with an upscaler the webui lacks as an operator problem, not a retry', async () => {
    const provider = await given({ upscaler: '4x-NotInstalled' });
    const taskId = await provider.createTask(toolInput('upscale', { source: await tealSource(), prompt: '', factor: 2 }));
    const state = await waitForTask(provider, taskId);
    expect(state).toMatchObject({ state: 'failed', error: { kind: 'provider_account', code: 'upscaler_not_found' } });
  });

  it('refuses, permanently and before calling the webui, a tool it cannot do, a tool without a source, inpaint without a mask', async () => {
    const provider = await given();
    const from = await tealSource();
    const cases: CreateTaskInput[] = [
      toolInput('edit', { source: from }),
      toolInput('remove-background', { source: from }),
      toolInput('character', { source: from }),
      toolInput('img2img', {}),
      toolInput('upscale', { factor: 2 }),
      toolInput('inpaint', { source: from }),
    ];
    for (const input of cases) {
      const error = await providerErrorOf(provider.createTask(input));
      expect(error, input.tool).toMatchObject({ kind: 'permanent', code: 'invalid_input' });
    }
    expect(fake?.calls).toEqual([]);
  });
});
