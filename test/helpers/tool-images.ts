import sharp from 'sharp';
import type { ImageTool } from '../../src/contracts/tools.js';
import type { CreateTaskInput, ImageProvider, ReferenceImage } from '../../src/providers/types.js';
import { waitForTask } from '../fakes/kie-simulator.js';

/** Images and task inputs the adapters' image-tool tests share. */

export const png = (bytes: Buffer, name: string): ReferenceImage => ({ name, bytes, contentType: 'image/png' });

/** A flat teal source, 100 × 60 by default: neither side a multiple of 8. */
export const TEAL = [0x20, 0x80, 0x80];
export const tealSource = async (width = 100, height = 60) =>
  png(
    await sharp({ create: { width, height, channels: 3, background: '#208080' } })
      .png()
      .toBuffer(),
    'source.png',
  );

/** Our mask convention: WHITE (change) on the left half, BLACK (keep) on the right. */
export async function leftHalfMaskPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#000' } })
    .composite([{ input: { create: { width: Math.floor(width / 2), height, channels: 3, background: '#fff' } }, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

export const leftHalfMask = async (width: number, height: number) => png(await leftHalfMaskPng(width, height), 'mask.png');

/** A task for a local checkpoint's tool. */
export const toolInput = (tool: ImageTool, extra: Partial<CreateTaskInput>): CreateTaskInput => ({
  providerModel: 'default',
  prompt: 'the same girl, holding a lantern',
  aspectRatio: '5:3',
  seed: 7,
  references: [],
  tool,
  ...extra,
});

/** The one result of a task, downloaded; throws unless it succeeded. */
export async function resultOf(provider: ImageProvider, taskId: string): Promise<Buffer> {
  const state = await waitForTask(provider, taskId);
  if (state.state !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(state)}`);
  return (await provider.downloadResult(state.resultUrls[0] ?? '')).bytes;
}

/** The channels of one pixel (RGB, or with its alpha when `keepAlpha`). */
export const pixelAt = async (bytes: Buffer, x: number, y: number, keepAlpha = false) => {
  let image = sharp(bytes);
  if (!keepAlpha) image = image.removeAlpha();
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + info.channels)];
};
