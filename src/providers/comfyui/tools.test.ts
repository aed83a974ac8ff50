import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { type ComfyFake, startComfyFake } from '../../../test/fakes/comfyui-fake.js';
import { providerErrorOf } from '../../../test/fakes/kie-simulator.js';
import { leftHalfMask, pixelAt, resultOf, TEAL, tealSource, toolInput } from '../../../test/helpers/tool-images.js';
import type { ImageProvider } from '../types.js';
import { createComfyProvider } from './comfyui-provider.js';
import { loadWorkflows } from './workflow.js';

let fake: ComfyFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function given(): Promise<ImageProvider> {
  fake = await startComfyFake({ checkpoints: ['illustriousXL_v01.safetensors'] });
  return createComfyProvider({ baseUrl: fake.url, timeoutMs: 5_000 });
}

const sent = () => fake?.prompts().at(-1) ?? {};
const nodeOfClass = (cls: string) => Object.values(sent()).find((n) => n.class_type === cls)?.inputs ?? {};

/** An input file as ComfyUI stores it, read back through its /view. */
async function uploaded(name: string): Promise<Buffer> {
  const res = await fetch(`${fake?.url}/view?${new URLSearchParams({ filename: name, subfolder: '', type: 'input' })}`);
  return Buffer.from(await res.arrayBuffer());
}

describe('ComfyUI adapter: image tools', () => {
  it('offers img2img, variations, inpaint and upscale with the shipped templates, fewer with fewer templates', async () => {
    expect((await given()).tools).toEqual(['img2img', 'variations', 'inpaint', 'upscale']);
    const { txt2img, img2img } = loadWorkflows();
    const only = createComfyProvider({ baseUrl: fake?.url ?? '', workflows: img2img ? { txt2img, img2img } : { txt2img } });
    expect(only.tools).toEqual(['img2img', 'variations']);
    const error = await providerErrorOf(only.createTask(toolInput('upscale', { source: await tealSource(), factor: 2 })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_input' });
  });

  it.each(['img2img', 'variations'] as const)(
    '%s uploads the source and runs img2img at its size with denoise = strength',
    async (tool) => {
      const provider = await given();
      const image = await resultOf(provider, await provider.createTask(toolInput(tool, { source: await tealSource(), strength: 0.3 })));
      expect(nodeOfClass('LoadImage').image).toBe(fake?.uploads().at(-1));
      expect(nodeOfClass('ImageScale')).toMatchObject({ width: 104, height: 64 });
      expect(nodeOfClass('KSampler')).toMatchObject({ denoise: 0.3, seed: 7 });
      expect(await sharp(image).metadata()).toMatchObject({ width: 104, height: 64 });
      const [r = 0, g = 0, b = 0] = await pixelAt(image, 50, 30);
      expect(Math.abs(r - 0x20) + Math.abs(g - 0x80) + Math.abs(b - 0x80)).toBeLessThan(3 * 0.3 * 255);
    },
  );

  it('inpaint uploads the source transparent exactly where our mask is white, and only that half changes', async () => {
    const provider = await given();
    const from = await tealSource(64, 32);
    const taskId = await provider.createTask(toolInput('inpaint', { source: from, mask: await leftHalfMask(64, 32) }));
    const image = await resultOf(provider, taskId);
    expect(nodeOfClass('SetLatentNoiseMask')).toMatchObject({ mask: [expect.any(String), 1] });
    expect(nodeOfClass('KSampler').denoise).toBe(0.75);
    // The contract: alpha 0 (LoadImage's MASK = 1) where the user painted, opaque where not.
    const file = await uploaded(String(nodeOfClass('LoadImage').image));
    expect(await sharp(file).metadata()).toMatchObject({ hasAlpha: true, width: 64, height: 32 });
    expect(await pixelAt(file, 5, 5, true)).toEqual([...TEAL, 0]);
    expect(await pixelAt(file, 60, 5, true)).toEqual([...TEAL, 255]);
    expect(await pixelAt(image, 60, 20)).toEqual(TEAL);
    expect(await pixelAt(image, 5, 20)).not.toEqual(TEAL);
  });

  it('upscale runs LoadImage → ImageScaleBy (lanczos, the factor) → SaveImage, no checkpoint', async () => {
    const provider = await given();
    const image = await resultOf(
      provider,
      await provider.createTask(toolInput('upscale', { source: await tealSource(), prompt: '', factor: 4 })),
    );
    expect(
      Object.values(sent())
        .map((n) => n.class_type)
        .sort(),
    ).toEqual(['ImageScaleBy', 'LoadImage', 'SaveImage']);
    expect(nodeOfClass('ImageScaleBy')).toMatchObject({ scale_by: 4, upscale_method: 'lanczos' });
    expect(await sharp(image).metadata()).toMatchObject({ width: 400, height: 240 });
    expect(await pixelAt(image, 200, 100)).toEqual(TEAL);
  });

  it('refuses, permanently and before calling the server, a tool it cannot do, a tool without a source, inpaint without a mask', async () => {
    const provider = await given();
    const from = await tealSource();
    for (const input of [
      toolInput('edit', { source: from }),
      toolInput('remove-background', { source: from }),
      toolInput('character', { source: from }),
      toolInput('img2img', {}),
      toolInput('upscale', { factor: 2 }),
      toolInput('inpaint', { source: from }),
    ]) {
      const error = await providerErrorOf(provider.createTask(input));
      expect(error, input.tool).toMatchObject({ kind: 'permanent', code: 'invalid_input' });
    }
    expect(fake?.calls).toEqual([]);
  });
});
