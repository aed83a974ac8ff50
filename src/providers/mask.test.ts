import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { maskInConvention, sourceWithMaskAsAlpha } from './mask.js';
import type { ReferenceImage } from './types.js';

const png = (bytes: Buffer, name = 'image.png'): ReferenceImage => ({ name, bytes, contentType: 'image/png' });

/** Our convention: WHITE (change) on the left half, BLACK (keep) on the right. */
async function leftHalfMask(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#000' } })
    .composite([{ input: { create: { width: width / 2, height, channels: 3, background: '#fff' } }, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + info.channels)];
}

describe('maskInConvention', () => {
  it('keeps white as the colour to change, or inverts it for a provider that paints black', async () => {
    const mask = png(await leftHalfMask(8, 4), 'mask.webp');
    const white = await maskInConvention(mask, 'white');
    const black = await maskInConvention(mask, 'black');
    expect(white).toMatchObject({ name: 'mask.png', contentType: 'image/png' });
    expect(await sharp(white.bytes).metadata()).toMatchObject({ format: 'png', channels: 1 });
    const grey = async (bytes: Buffer, x: number) => (await pixel(bytes, x, 1))[0];
    expect([await grey(white.bytes, 1), await grey(white.bytes, 6)]).toEqual([255, 0]);
    expect([await grey(black.bytes, 1), await grey(black.bytes, 6)]).toEqual([0, 255]);
  });

  it('reads a transparent area of the mask as keep', async () => {
    const clear = await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
      .png()
      .toBuffer();
    expect((await pixel((await maskInConvention(png(clear), 'white')).bytes, 0, 0))[0]).toBe(0);
  });
});

describe('sourceWithMaskAsAlpha', () => {
  it('gives an RGBA PNG: the source colours, transparent exactly where the mask is white', async () => {
    const source = await sharp({ create: { width: 8, height: 4, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const out = await sourceWithMaskAsAlpha({ name: 'src.jpeg', bytes: source, contentType: 'image/jpeg' }, png(await leftHalfMask(8, 4)));
    expect(out).toMatchObject({ name: 'src.png', contentType: 'image/png' });
    expect(await sharp(out.bytes).metadata()).toMatchObject({ format: 'png', channels: 4, hasAlpha: true, width: 8, height: 4 });
    const [changed, kept] = [await pixel(out.bytes, 1, 2), await pixel(out.bytes, 6, 2)];
    expect(changed[3]).toBe(0);
    expect(kept[3]).toBe(255);
    // JPEG shifts colours a little; the colour channels are the source's either side.
    for (const p of [changed, kept]) expect(Math.abs((p[2] ?? 0) - 0x99)).toBeLessThan(6);
  });

  it('stretches a mask one pixel off the source size, and replaces any alpha the source had', async () => {
    const source = await sharp({ create: { width: 10, height: 6, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const out = await sourceWithMaskAsAlpha(png(source), png(await leftHalfMask(10, 5)));
    expect(await sharp(out.bytes).metadata()).toMatchObject({ channels: 4, width: 10, height: 6 });
    expect(await pixel(out.bytes, 8, 5)).toEqual([10, 20, 30, 255]);
    expect((await pixel(out.bytes, 1, 5))[3]).toBe(0);
  });
});
